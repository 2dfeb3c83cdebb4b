import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type GhlMock } from '../server.js'
import { coverageMarkdown, coverageReport } from './coverage.js'
import { documentedRoutes } from './openapi.js'

let mock: GhlMock
beforeAll(async () => {
  mock = await createServer({ world: 'small', clock: 'manual', listen: false, logLevel: 'silent' })
})
afterAll(() => mock.close())

describe('GET /_mock/openapi.json', () => {
  it('is an OpenAPI 3.1 document of the control plane', async () => {
    const res = await mock.app.request('/_mock/openapi.json')
    expect(res.status).toBe(200)
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string; responses: object }>> }
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.paths['/_mock/tokens']!.post).toMatchObject({ operationId: 'postTokens', responses: { 201: expect.any(Object) } })
    const ids = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId))
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('lists every /_mock route the app serves (dashboard sub-pages aside)', () => {
    const served = mock.app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/_mock/') && !r.path.startsWith('/_mock/ui/'))
      .map((r) => `${r.method} ${r.path}`)
    const documented = new Set(documentedRoutes().map((r) => `${r.method} ${r.path}`))
    expect([...new Set(served)].filter((route) => !documented.has(route))).toEqual([])
  })
})

describe('GET /_mock/coverage', () => {
  it('splits every operation of every module into stateful and synthesized', async () => {
    const res = await mock.app.request('/_mock/coverage')
    const body = (await res.json()) as ReturnType<typeof coverageReport>
    expect(body.totals.operations).toBe(body.totals.stateful + body.totals.synthesized)
    const contacts = body.modules.find((m) => m.module === 'contacts')!
    expect(contacts.operations.find((o) => o.key === 'get-contact')).toMatchObject({ mode: 'stateful', method: 'GET' })
    const calendars = body.modules.find((m) => m.module === 'calendars')!
    expect(calendars.total).toBe(calendars.stateful + calendars.synthesized)
  })

  it('docs/coverage.md is fresh (run `npm run gen:coverage` after adding handlers)', () => {
    const committed = readFileSync(new URL('../../docs/coverage.md', import.meta.url), 'utf8')
    expect(committed).toBe(coverageMarkdown())
  })
})
