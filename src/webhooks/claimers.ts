// Who may own a `sending` delivery. Instances sharing one database file each claim under their own
// id ("<pid>:<random>"); a starting instance re-sends only what a dead claimer left behind.
import { randomUUID } from 'node:crypto'

/** Claimers of this process that have not stopped (two instances in one process share a pid). */
const liveHere = new Set<string>()

/** A new claimer id for an instance that starts delivering; live until retireClaimer(). */
export function newClaimer(): string {
  const id = `${process.pid}:${randomUUID().slice(0, 8)}`
  liveHere.add(id)
  return id
}

export function retireClaimer(id: string): void {
  liveHere.delete(id)
}

/**
 * Whether the claimer may still be sending: one of this process's live instances, or another
 * process that still exists (signal 0 only asks; EPERM means it exists under another user).
 * A SQLite file in WAL mode is shared by processes of one machine only, so the pid is meaningful.
 */
export function isLiveClaimer(claimer: string | null): boolean {
  if (claimer === null) return false
  if (liveHere.has(claimer)) return true
  const pid = Number(claimer.split(':')[0])
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
