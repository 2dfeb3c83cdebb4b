import { describe, expect, it } from 'vitest'
import { RequestJournal, type JournalRecord } from './journal.js'

const entry = (over: Partial<JournalRecord> = {}): JournalRecord => ({
  at: Date.UTC(2026, 0, 1),
  method: 'GET',
  path: '/contacts/1',
  operationId: 'get-contact',
  status: 200,
  durationMs: 0,
  traceId: null,
  tokenId: 't1',
  appId: 'a1',
  clientId: 'a1-x',
  locationId: 'L1',
  companyId: 'C1',
  ...over,
})

describe('RequestJournal', () => {
  it('keeps the last N entries, newest first, with ISO times', () => {
    const journal = new RequestJournal(3)
    for (let i = 1; i <= 5; i++) journal.add(entry({ path: `/p/${i}` }))
    expect(journal.list()[0]?.time).toBe('2026-01-01T00:00:00.000Z')
    expect(journal.list().map((e) => [e.seq, e.path])).toEqual([
      [5, '/p/5'],
      [4, '/p/4'],
      [3, '/p/3'],
    ])
  })

  it('filters by operation, status (exact or class), location, method and limit', () => {
    const journal = new RequestJournal(10)
    journal.add(entry())
    journal.add(entry({ status: 404, operationId: 'contacts.get-contact' }))
    journal.add(entry({ method: 'POST', status: 201, locationId: 'L2', operationId: 'create-contact' }))
    expect(journal.list({ operationId: 'get-contact' })).toHaveLength(2)
    expect(journal.list({ status: '404' }).map((e) => e.seq)).toEqual([2])
    expect(journal.list({ status: '2xx' }).map((e) => e.seq)).toEqual([3, 1])
    expect(journal.list({ locationId: 'L2' }).map((e) => e.seq)).toEqual([3])
    expect(journal.list({ method: 'post' }).map((e) => e.seq)).toEqual([3])
    expect(journal.list({ limit: 1 }).map((e) => e.seq)).toEqual([3])
  })

  it('starts over after clear', () => {
    const journal = new RequestJournal(2)
    journal.add(entry())
    journal.clear()
    expect(journal.list()).toEqual([])
    journal.add(entry())
    expect(journal.list()[0]?.seq).toBe(1)
  })
})
