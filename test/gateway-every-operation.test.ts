// Walks the whole effective operation table through the gateway: for every operation, no Version
// → 401, no token → 401, a token without the scope → 401, and the right token → 2xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { operationTable, type EffectiveOperation } from '../src/spec/operation-table.js'
import { knownScopes } from '../src/spec/scope-catalog.js'
import { messages } from '../src/errors.js'
import { handlerFor } from '../src/handlers/index.js'
import { createServer, type GhlMock } from '../src/server.js'
import { authHeaders, mintToken } from '../src/testing.js'
import { classFor, fillPath, sampleBody, type Tenant } from './support/operation-requests.js'

let mock: GhlMock
let location: Tenant
let agency: Tenant
const tokens = new Map<string, Promise<string>>()

beforeAll(async () => {
  // Limits out of the way: this walks hundreds of operations with one token.
  mock = await createServer({ world: 'small', clock: 'manual', listen: false, logLevel: 'error', rateLimitBurst: 1e6, rateLimitDaily: 1e9 })
  const world = mock.world()
  const first = world.locations[0]!
  const demo = world.apps[0]!
  location = { locationId: first.id, companyId: first.companyId, appId: demo.id }
  agency = location
  // Stateful OAuth operations need the app installed (locationToken, installedLocations).
  await mock.app.request('/_mock/installs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: demo.clientId, companyId: first.companyId, bulk: true }),
  })
})

afterAll(() => mock.close())

/** A token of the class the operation takes, holding every scope except `without`. */
function tokenFor(op: EffectiveOperation, without: readonly string[] = []): Promise<string> {
  const authClass = classFor(op)
  const key = `${authClass}|${without.join(' ')}`
  let token = tokens.get(key)
  if (token === undefined) {
    const scopes = [...knownScopes].filter((s) => !without.includes(s))
    token = mintToken(mock, authClass === 'Location' ? { locationId: location.locationId, scopes } : { companyId: agency.companyId, scopes })
    tokens.set(key, token)
  }
  return token
}

async function call(op: EffectiveOperation, headers: Record<string, string>) {
  const tenant = classFor(op) === 'Location' ? location : agency
  const sample = await sampleBody(op, tenant)
  const res = await mock.app.request(fillPath(op, tenant), {
    method: op.method.toUpperCase(),
    headers: sample ? { ...headers, 'content-type': sample.contentType } : headers,
    body: sample?.body,
  })
  const text = await res.text()
  return { status: res.status, text, message: text.startsWith('{') ? (JSON.parse(text) as { message?: unknown }).message : undefined }
}

/**
 * A synthesized operation answers its success status. A stateful one judges the sample request's
 * made-up ids and values itself (400/404/422 are its answers), but never fails the gateway's
 * checks or crashes.
 */
function passedGateway(op: EffectiveOperation, status: number): boolean {
  if (handlerFor(op.key) === undefined) return status === op.successStatus
  return status === op.successStatus || [400, 404, 422].includes(status)
}

describe('every operation of the table', () => {
  it('routes all of them', () => {
    expect(operationTable.length).toBeGreaterThan(500)
  })

  it('answers 401 "version header was not found." without a Version header', async () => {
    const failures: string[] = []
    const needing = operationTable.filter((op) => op.requiresVersion)
    for (const op of needing) {
      const res = await call(op, { Authorization: `Bearer ${await tokenFor(op)}` })
      if (res.status !== 401 || res.message !== messages.versionMissing) failures.push(`${op.key}: ${res.status} ${res.text.slice(0, 120)}`)
    }
    expect(failures).toEqual([])
    expect(needing.length).toBeGreaterThan(500)
  })

  it('answers 401 "No Authorization header found for authentication!" without a token', async () => {
    const failures: string[] = []
    const secured = operationTable.filter((op) => op.requiresAuth)
    for (const op of secured) {
      const res = await call(op, { Version: '2021-07-28' })
      if (res.status !== 401 || res.message !== messages.authorizationMissing) failures.push(`${op.key}: ${res.status} ${res.text.slice(0, 120)}`)
    }
    expect(failures).toEqual([])
    expect(operationTable.length - secured.length).toBe(1) // POST /oauth/token
  })

  it('answers 401 "The token is not authorized for this scope." to a token lacking the scope', async () => {
    const failures: string[] = []
    const scoped = operationTable.filter((op) => op.requiresAuth && op.requiredScopes.length > 0)
    for (const op of scoped) {
      const res = await call(op, authHeaders(await tokenFor(op, op.requiredScopes)))
      if (res.status !== 401 || res.message !== messages.scopeMissing) failures.push(`${op.key}: ${res.status} ${res.text.slice(0, 120)}`)
    }
    expect(failures).toEqual([])
    expect(scoped.length).toBeGreaterThan(450)
  })

  it('answers 2xx with the operation success status to a token of the right class with the scope', async () => {
    const failures: string[] = []
    // POST /oauth/token, the one operation without a bearer, needs a real client secret and code:
    // src/oauth/token-endpoint.test.ts covers it.
    for (const op of operationTable.filter((o) => o.requiresAuth)) {
      const res = await call(op, authHeaders(await tokenFor(op)))
      if (!passedGateway(op, res.status)) failures.push(`${op.key}: ${res.status} ${res.text.slice(0, 200)}`)
    }
    expect(failures).toEqual([])
  })

  it('does not demand Version where the operation declares none', async () => {
    const failures: string[] = []
    const exempt = operationTable.filter((op) => !op.requiresVersion && op.requiresAuth)
    for (const op of exempt) {
      const res = await call(op, { Authorization: `Bearer ${await tokenFor(op)}` })
      if (!passedGateway(op, res.status)) failures.push(`${op.key}: ${res.status} ${res.text.slice(0, 200)}`)
    }
    expect(failures).toEqual([])
    expect(exempt.length).toBeGreaterThan(20)
  })
})
