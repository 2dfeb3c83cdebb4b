// createTestMock(): one call gives a test suite an isolated instance (manual clock, :memory:,
// small world) with helpers to mint tokens, install apps through the real OAuth exchange, await
// verified webhooks and reset. Everything goes through the public surface (/_mock, /oauth, the API).
import { createServer, type GhlMock } from '../server.js'
import type { ServerOptions } from '../options.js'
import { webhooksOf } from '../webhooks/index.js'
import { openWebhookInbox, type WebhookInbox } from './webhook-inbox.js'
import { apiRequest, mintToken, mintTokenAnswer, type ApiRequestInit, type MintTokenInput, type MockTokenAnswer } from '../testing.js'

export interface TestMockOptions extends ServerOptions {
  /**
   * Point the demo app's webhook URL at the built-in inbox (`mock.webhooks`). Default true;
   * ignored when `webhookUrl` is given.
   */
  captureWebhooks?: boolean
}

/** What `installApp` sends: the app (default the demo app) and a sub-account or an agency. */
export interface InstallAppInput {
  clientId?: string
  locationId?: string
  companyId?: string
  /** Scopes to grant (array or space-separated); default every scope the app registered. */
  scopes?: string[] | string
}

/** The token answer of `POST /oauth/token` after the install, plus the install rows. */
export interface InstalledApp {
  access_token: string
  refresh_token: string
  expires_in: number
  scope: string
  userType: 'Location' | 'Company'
  locationId?: string
  companyId: string
  userId?: string
  /** The app's credentials, for a refresh or a second exchange. */
  clientId: string
  clientSecret: string
  installs: Array<{ id: string; locationId: string | null; companyId: string; status: string }>
}

export interface TestMock extends GhlMock {
  /** The demo app's webhook deliveries, signatures verified (see `captureWebhooks`). */
  webhooks: WebhookInbox
  /** A bearer token for a location or an agency (see `MintTokenInput`). */
  mintToken(input: MintTokenInput): Promise<string>
  mintTokenAnswer(input: MintTokenInput): Promise<MockTokenAnswer>
  /**
   * Installs an app as the consent page would (INSTALL webhook included), exchanges the code at
   * `/oauth/token` and returns the tokens.
   */
  installApp(input: InstallAppInput): Promise<InstalledApp>
  /** Calls the API in-process: Bearer token, Version (default 2021-07-28), JSON body. */
  request(method: string, path: string, init?: ApiRequestInit): Promise<Response>
  /** Waits until every delivery due now has been attempted (retries wait for the clock). */
  settled(): Promise<void>
  /** Wipes and reseeds the world, clears rate limits, the journal and the inbox. */
  reset(): Promise<void>
}

/**
 * An isolated instance for one test file (or one test): defaults `clock: 'manual'`, `db: ':memory:'`,
 * `world: 'small'`, a free port, silent logs. Instances never share state.
 * @example
 * const mock = await createTestMock()
 * const location = mock.world().locations[0]!
 * const { access_token } = await mock.installApp({ locationId: location.id })
 * await mock.request('POST', '/contacts/', { token: access_token, body: { locationId: location.id, email: 'ada@example.com' } })
 * const event = await mock.webhooks.waitFor('ContactCreate')
 * await mock.close()
 */
export async function createTestMock(options: TestMockOptions = {}): Promise<TestMock> {
  const { captureWebhooks = true, ...serverOptions } = options
  let instance: GhlMock | undefined
  const inbox = await openWebhookInbox(
    () => instance!.keys,
    () => (instance ? webhooksOf(instance.runtime).idle() : Promise.resolve()),
  )
  try {
    instance = await createServer({
      clock: 'manual',
      db: ':memory:',
      world: 'small',
      port: 0,
      logLevel: 'silent',
      ...(captureWebhooks && { webhookUrl: inbox.url }),
      ...serverOptions,
    })
  } catch (error) {
    await inbox.close()
    throw error
  }
  const mock = instance
  const closeServer = mock.close

  async function installApp(input: InstallAppInput): Promise<InstalledApp> {
    const app = input.clientId ? mock.world().apps.find((a) => a.clientId === input.clientId) : mock.world().apps[0]
    if (!app) throw new Error(`installApp: no app has client id ${input.clientId}`)
    const body = { clientId: app.clientId, locationId: input.locationId, companyId: input.companyId, scopes: input.scopes }
    const res = await control(mock, 'POST', '/_mock/installs', body)
    const installed = (await res.json()) as { code?: string; installs?: InstalledApp['installs']; message?: unknown }
    if (res.status >= 300 || !installed.code) throw new Error(`installApp: POST /_mock/installs answered ${res.status}: ${JSON.stringify(installed)}`)
    const exchange = await mock.app.request('/oauth/token', {
      method: 'POST',
      body: new URLSearchParams({ client_id: app.clientId, client_secret: app.clientSecret, grant_type: 'authorization_code', code: installed.code }),
    })
    const tokens = (await exchange.json()) as Omit<InstalledApp, 'clientId' | 'clientSecret' | 'installs'>
    if (exchange.status !== 200) throw new Error(`installApp: POST /oauth/token answered ${exchange.status}: ${JSON.stringify(tokens)}`)
    await webhooksOf(mock.runtime).idle()
    return { ...tokens, clientId: app.clientId, clientSecret: app.clientSecret, installs: installed.installs ?? [] }
  }

  return Object.assign(mock, {
    webhooks: inbox,
    mintToken: (input: MintTokenInput) => mintToken(mock, input),
    mintTokenAnswer: (input: MintTokenInput) => mintTokenAnswer(mock, input),
    installApp,
    request: (method: string, path: string, init?: ApiRequestInit) => apiRequest(mock, method, path, init),
    settled: () => webhooksOf(mock.runtime).idle(),
    async reset() {
      const res = await control(mock, 'POST', '/_mock/reset')
      if (res.status !== 200) throw new Error(`reset: POST /_mock/reset answered ${res.status}`)
      inbox.clear()
    },
    async close() {
      await closeServer()
      await inbox.close()
    },
  })
}

function control(mock: GhlMock, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (mock.options.adminToken) headers.authorization = `Bearer ${mock.options.adminToken}`
  return Promise.resolve(mock.app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }))
}
