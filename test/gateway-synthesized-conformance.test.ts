// Every synthesized answer matches its operation's published response schema, apart from the few
// schemas nothing can match (listed with the reason). Slow-ish: it compiles ~440 response schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { operationTable } from '../src/spec/operation-table.js'
import { handlerFor } from '../src/handlers/index.js'
import { knownScopes } from '../src/spec/scope-catalog.js'
import { createServer, type GhlMock } from '../src/server.js'
import { authHeaders, mintToken } from '../src/testing.js'
import { classFor, fillPath, sampleBody } from './support/operation-requests.js'
import { expectConformsToSpec } from './support/spec-conformance.js'

/** Operations whose response schema no body can satisfy. */
const unsatisfiable: Record<string, string> = {
  'GET-all-or-email-sms-templates': 'templates are oneOf two schemas that accept the same objects, so no object matches exactly one',
}

let mock: GhlMock

beforeAll(async () => {
  mock = await createServer({ world: 'small', clock: 'manual', listen: false, logLevel: 'error', rateLimitBurst: 1e6, rateLimitDaily: 1e9 })
})

afterAll(() => mock.close())

describe('synthesized answers', () => {
  it('match the response schema of every operation with a JSON body', async () => {
    const location = mock.world().locations[0]!
    const tenant = { locationId: location.id, companyId: location.companyId }
    const scopes = [...knownScopes]
    const tokens = {
      Location: await mintToken(mock, { locationId: location.id, scopes }),
      Company: await mintToken(mock, { companyId: location.companyId, scopes }),
    }
    const failures: string[] = []
    // Stateful operations have their own conformance tests beside their resource, and POST
    // /oauth/token (the one operation needing no token) is answered by the OAuth module's route.
    const checked = operationTable.filter(
      (op) =>
        op.responseSchema !== null &&
        op.successStatus !== 204 &&
        op.requiresAuth &&
        !(op.key in unsatisfiable) &&
        handlerFor(op.key) === undefined,
    )
    for (const op of checked) {
      const sample = await sampleBody(op, tenant)
      const res = await mock.app.request(fillPath(op, tenant), {
        method: op.method.toUpperCase(),
        headers: { ...authHeaders(tokens[classFor(op)]), ...(sample && { 'content-type': sample.contentType }) },
        body: sample?.body,
      })
      try {
        await expectConformsToSpec(op.key, res)
      } catch (error) {
        const detail = (error as { actual?: unknown }).actual ?? (error as Error).message
        failures.push(`${op.key}: ${JSON.stringify(detail).slice(0, 300)}`)
      }
    }
    expect(failures).toEqual([])
    // Shrinks as modules become stateful (420 synthesized operations, most with a JSON body).
    expect(checked.length).toBeGreaterThan(250)
  })

  it('keeps the list of exceptions honest: each still names an operation of the table', () => {
    for (const key of Object.keys(unsatisfiable)) expect(operationTable.some((op) => op.key === key), key).toBe(true)
  })
})
