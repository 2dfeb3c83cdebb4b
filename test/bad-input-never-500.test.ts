// Every operation of the table, fed malformed or wrongly typed input by a caller that passes the
// gateway's checks, answers in HighLevel's error shape (or succeeds) and never with a 500.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { operationTable, type EffectiveOperation } from '../src/spec/operation-table.js'
import { knownScopes } from '../src/spec/scope-catalog.js'
import { createServer, type GhlMock } from '../src/server.js'
import { authHeaders, mintToken } from '../src/testing.js'
import { classFor, fillPath, type Tenant } from './support/operation-requests.js'

let mock: GhlMock
let tenant: Tenant
const tokens = new Map<string, Promise<string>>()

beforeAll(async () => {
  mock = await createServer({ world: 'small', clock: 'manual', listen: false, logLevel: 'silent', rateLimitBurst: 1e6, rateLimitDaily: 1e9 })
  const first = mock.world().locations[0]!
  tenant = { locationId: first.id, companyId: first.companyId, appId: mock.world().apps[0]!.id }
})
afterAll(() => mock.close())

function tokenFor(op: EffectiveOperation): Promise<string> {
  const authClass = classFor(op)
  let token = tokens.get(authClass)
  if (!token) {
    const scopes = [...knownScopes]
    token = mintToken(mock, authClass === 'Location' ? { locationId: tenant.locationId, scopes } : { companyId: tenant.companyId, scopes })
    tokens.set(authClass, token)
  }
  return token
}

const statuses: Record<number, number> = {}
const badBodies = ['{"locationId": ', '[]', '"text"', JSON.stringify({ locationId: 42, name: { nested: true }, email: [], limit: 'many' })]

it('answers malformed and wrongly typed bodies with 4xx in the wire shape, never 5xx', async () => {
  const failures: string[] = []
  for (const op of operationTable.filter((o) => o.requiresAuth && o.method !== 'get' && o.method !== 'delete')) {
    const headers = { ...authHeaders(await tokenFor(op)), 'content-type': 'application/json' }
    for (const body of badBodies) {
      const res = await mock.app.request(fillPath(op, tenant), { method: op.method.toUpperCase(), headers, body })
      statuses[res.status] = (statuses[res.status] ?? 0) + 1
      if (res.status >= 500) {
        failures.push(`${op.key} ${body.slice(0, 20)}: ${res.status} ${(await res.text()).slice(0, 160)}`)
        continue
      }
      if (res.status >= 400) {
        const error = (await res.json()) as { statusCode?: number; message?: unknown }
        if (error.statusCode !== res.status || error.message === undefined) failures.push(`${op.key}: not in the wire shape`)
      }
    }
  }
  expect(failures).toEqual([])
  // Malformed JSON is a 400 and wrong types a 422 almost everywhere: the walk really reaches the handlers.
  expect(statuses[400]).toBeGreaterThan(200)
  expect(statuses[422]).toBeGreaterThan(400)
})

it('answers unknown ids and odd query strings on reads with 4xx or 2xx, never 5xx', async () => {
  const failures: string[] = []
  for (const op of operationTable.filter((o) => o.requiresAuth && (o.method === 'get' || o.method === 'delete'))) {
    const path = fillPath(op, tenant)
    const odd = `${path}${path.includes('?') ? '&' : '?'}limit=-1&skip=abc&page=0&startAfter=notanumber&sort=%7B`
    const res = await mock.app.request(odd, { method: op.method.toUpperCase(), headers: authHeaders(await tokenFor(op)) })
    if (res.status >= 500) failures.push(`${op.key}: ${res.status} ${(await res.text()).slice(0, 160)}`)
  }
  expect(failures).toEqual([])
})
