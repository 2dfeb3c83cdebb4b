// The clock keeps its word across a restart (issue #11, defect 6): its position lives in the
// database file with the token expiries and retry times it governs.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ServerOptions } from '../src/options.js'
import { createServer } from '../src/server.js'

const fileDb = () => join(mkdtempSync(join(tmpdir(), 'ghl-mock-clock-')), 'ghl.db')

async function clockAfter(options: ServerOptions, advanceMs?: number): Promise<{ now: string; mode: string; offsetMs: number }> {
  const mock = await createServer({ world: 'small', listen: false, logLevel: 'silent', ...options })
  try {
    if (advanceMs !== undefined) {
      const res = await mock.app.request('/_mock/clock/advance', { method: 'POST', body: JSON.stringify({ ms: advanceMs }), headers: { 'content-type': 'application/json' } })
      expect(res.status).toBe(200)
    }
    return (await (await mock.app.request('/_mock/clock')).json()) as { now: string; mode: string; offsetMs: number }
  } finally {
    await mock.close()
  }
}

describe('the clock across a restart on the same database file', () => {
  it('a manual clock resumes where it stood, offset included', async () => {
    const db = fileDb()
    const before = await clockAfter({ db, clock: 'manual' }, 12 * 60_000)
    expect(before.offsetMs).toBe(12 * 60_000)
    const after = await clockAfter({ db, clock: 'manual' })
    expect(after).toEqual(before)
  })

  it('a system clock keeps its offset; an explicit clockStart or a reset starts afresh', async () => {
    const db = fileDb()
    await clockAfter({ db, clock: 'system' }, 6 * 60_000)
    const after = await clockAfter({ db, clock: 'system' })
    expect(after.offsetMs).toBe(6 * 60_000)
    expect(Date.parse(after.now) - Date.now()).toBeGreaterThan(5 * 60_000)

    const explicit = await clockAfter({ db, clock: 'manual', clockStart: '2026-01-01T00:00:00.000Z' })
    expect(explicit).toMatchObject({ now: '2026-01-01T00:00:00.000Z', offsetMs: 0 })
    expect((await clockAfter({ db, clock: 'system', reset: true })).offsetMs).toBe(0)
  })
})
