// The request journal: the last N API requests in a ring buffer, newest first on read, with the
// filters GET /_mock/requests offers. It records and filters; the middleware that feeds it lives
// in record-requests.ts.

export interface JournalEntry {
  /** Position in the journal since start or reset (1, 2, …); lets a client ask "what is new". */
  seq: number
  /** ISO time on the mock's clock when the request arrived. */
  time: string
  method: string
  path: string
  /** The matched operation's key (its operationId, or `<module>.<operationId>`); null when none matched. */
  operationId: string | null
  status: number
  /** Time on the clock between arrival and answer (an injected delay shows here). */
  durationMs: number
  traceId: string | null
  tokenId: string | null
  appId: string | null
  clientId: string | null
  locationId: string | null
  companyId: string | null
}

/** What the recorder stores: the time as a number, formatted only when someone reads it. */
export type JournalRecord = Omit<JournalEntry, 'seq' | 'time'> & { at: number }

export interface JournalFilter {
  operationId?: string
  /** An exact status (`404`) or a class (`4xx`). */
  status?: string
  locationId?: string
  method?: string
  clientId?: string
  tokenId?: string
  /** How many to return, newest first; default 100, at most the journal's capacity. */
  limit?: number
}

export const JOURNAL_CAPACITY = 1_000

export class RequestJournal {
  private readonly ring: Array<(JournalRecord & { seq: number }) | undefined>
  private next = 0
  private seq = 0

  constructor(readonly capacity: number = JOURNAL_CAPACITY) {
    this.ring = new Array(capacity)
  }

  add(record: JournalRecord): void {
    ;(record as JournalRecord & { seq: number }).seq = ++this.seq
    this.ring[this.next] = record as JournalRecord & { seq: number }
    this.next = (this.next + 1) % this.capacity
  }

  /** Entries matching every given filter, newest first. */
  list(filter: JournalFilter = {}): JournalEntry[] {
    const limit = Math.min(filter.limit ?? 100, this.capacity)
    const matches = compileFilter(filter)
    const out: JournalEntry[] = []
    for (let i = 1; i <= this.capacity && out.length < limit; i++) {
      const record = this.ring[(this.next - i + this.capacity) % this.capacity]
      if (record === undefined) break
      if (matches(record)) out.push(present(record))
    }
    return out
  }

  clear(): void {
    this.ring.fill(undefined)
    this.next = 0
    this.seq = 0
  }
}

function present({ at, seq, ...rest }: JournalRecord & { seq: number }): JournalEntry {
  return { seq, time: new Date(at).toISOString(), ...rest }
}

function compileFilter(filter: JournalFilter): (entry: JournalRecord) => boolean {
  const method = filter.method?.toUpperCase()
  const status = filter.status
  const statusClass = status !== undefined && /^[1-5]xx$/i.test(status) ? Number(status[0]) : undefined
  return function matches(entry) {
    if (filter.operationId !== undefined && !sameOperation(entry.operationId, filter.operationId)) return false
    if (method !== undefined && entry.method !== method) return false
    if (filter.locationId !== undefined && entry.locationId !== filter.locationId) return false
    if (filter.clientId !== undefined && entry.clientId !== filter.clientId) return false
    if (filter.tokenId !== undefined && entry.tokenId !== filter.tokenId) return false
    if (statusClass !== undefined) return Math.floor(entry.status / 100) === statusClass
    if (status !== undefined && String(entry.status) !== status) return false
    return true
  }
}

/** A key names its operation; so does the bare operationId of a key made unique as `<module>.<operationId>`. */
function sameOperation(key: string | null, wanted: string): boolean {
  return key !== null && (key === wanted || key.endsWith(`.${wanted}`))
}
