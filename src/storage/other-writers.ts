// Tells an in-memory cache when another connection (a second instance on the same database file)
// has committed, so it can drop what it remembers. PRAGMA data_version changes only for commits
// by other connections, never for this one's, so a lone instance never sees a change.
import type { Db } from './db.js'

/** True when another connection committed since the previous call (the first call says false). */
export type OtherWriters = () => boolean

export function watchOtherWriters(db: Db): OtherWriters {
  // One statement step (no table read): cheap enough for every request's token lookup.
  const version = db.prepare('PRAGMA data_version').pluck()
  let seen: unknown
  return function committedElsewhere() {
    if (!db.open) return false
    const now = version.get()
    const changed = seen !== undefined && now !== seen
    seen = now
    return changed
  }
}
