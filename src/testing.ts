// ghl-mock/testing: helpers for test suites that run against an in-process instance. They use
// the public surface only (the /_mock control plane and the API through `mock.app.request`).
import type { MockTokenAnswer } from './control/token-answer.js'
import type { GhlMock } from './server.js'
import { webhooksOf } from './webhooks/index.js'

export type { MockTokenAnswer } from './control/token-answer.js'

/** What to mint: a location token (`locationId`) or an agency token (`companyId`). */
export interface MintTokenInput {
  locationId?: string
  companyId?: string
  /** An array or a space-separated string. Default: the app's scopes (OAuth) or every scope (PIT). */
  scopes?: string[] | string
  /** `oauth` (default) or `pit` (private integration token). */
  type?: 'oauth' | 'pit'
  /** The app the OAuth token belongs to; default the demo app. */
  clientId?: string
  /** Lifetime in seconds (OAuth only); default 86,399. */
  expiresIn?: number
}

/** The Version header sent when none is given: the one most v2 operations declare. */
export const DEFAULT_VERSION = '2021-07-28'

function controlHeaders(mock: GhlMock): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (mock.options.adminToken) headers.authorization = `Bearer ${mock.options.adminToken}`
  return headers
}

/**
 * Mints a token through `POST /_mock/tokens` and returns the whole answer (token, id, scopes…).
 * @example
 * const { access_token, tokenId } = await mintTokenAnswer(mock, { companyId, type: 'pit' })
 */
export async function mintTokenAnswer(mock: GhlMock, input: MintTokenInput): Promise<MockTokenAnswer> {
  const res = await mock.app.request('/_mock/tokens', { method: 'POST', headers: controlHeaders(mock), body: JSON.stringify(input) })
  const body = (await res.json()) as MockTokenAnswer | { message: unknown }
  if (res.status !== 201) throw new Error(`POST /_mock/tokens answered ${res.status}: ${JSON.stringify(body)}`)
  return body as MockTokenAnswer
}

/**
 * Mints a token and returns the bearer string.
 * @example
 * const mock = await createServer({ world: 'small', clock: 'manual' })
 * const locationId = mock.world().locations[0]!.id
 * const token = await mintToken(mock, { locationId, scopes: ['contacts.readonly'] })
 * const res = await mock.app.request(`/contacts/?locationId=${locationId}`, { headers: authHeaders(token) })
 */
export async function mintToken(mock: GhlMock, input: MintTokenInput): Promise<string> {
  return (await mintTokenAnswer(mock, input)).access_token
}

/**
 * The headers every v2 call carries: `Authorization: Bearer …` and `Version`.
 * @example
 * await fetch(`${mock.url}/calendars/`, { headers: authHeaders(token, '2021-04-15') })
 */
export function authHeaders(token: string, version: string = DEFAULT_VERSION): Record<string, string> {
  return { Authorization: `Bearer ${token}`, Version: version }
}

export interface ApiRequestInit {
  token?: string
  /** Version header; default 2021-07-28; `null` sends none. */
  version?: string | null
  /** Sent as JSON. */
  body?: unknown
  headers?: Record<string, string>
}

/**
 * Calls the emulated API in-process (no port) with a token and a JSON body.
 * @example
 * const res = await apiRequest(mock, 'POST', '/contacts/', { token, body: { locationId, email: 'a@b.co' } })
 * res.status // 201
 */
export function apiRequest(mock: GhlMock, method: string, path: string, init: ApiRequestInit = {}): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers }
  if (init.token !== undefined) headers.Authorization = `Bearer ${init.token}`
  if (init.version !== null) headers.Version = init.version ?? DEFAULT_VERSION
  if (init.body !== undefined) headers['content-type'] ??= 'application/json'
  return Promise.resolve(
    mock.app.request(path, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) }),
  )
}

// Webhooks: an in-process receiver that records (and can refuse) deliveries, signature checks
// against the served public keys, and the retry policy's constants for advancing the clock.
export { captureWebhooks, verifyWebhookSignatures } from './webhooks/capture.js'
export type { WebhookCapture, CapturedRequest, WebhookPublicKeys } from './webhooks/capture.js'
export { RETRY_INTERVAL_MS, RETRY_JITTER_MS, MAX_ATTEMPTS } from './webhooks/backoff.js'

// The one-call harness: an isolated instance with token, install, webhook and reset helpers.
export { createTestMock } from './testing/test-mock.js'
export type { TestMock, TestMockOptions, InstallAppInput, InstalledApp } from './testing/test-mock.js'
export type { WebhookInbox, ReceivedWebhook, WaitOptions } from './testing/webhook-inbox.js'

/**
 * Waits until every webhook the instance owes right now has been attempted: events dispatched,
 * due deliveries sent, answers logged. Retries scheduled for later wait for the clock.
 * @example
 * await fetch(`${mock.url}/contacts/`, { method: 'POST', … })
 * await webhooksSettled(mock)
 */
export function webhooksSettled(mock: GhlMock): Promise<void> {
  return webhooksOf(mock.runtime).idle()
}
