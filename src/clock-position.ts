// Keeps the clock's position with the data it governs (token expiry, retry times): saved in the
// database's meta table after every advance, restored on start. Reads and writes through repos.meta.
import type { ClockPosition } from './clock.js'
import type { Runtime } from './runtime.js'

const KEY = 'clock'

/**
 * Restores the position a previous run on this database saved (unless the options name a start
 * time, which wins) and saves it again after every advance and reset. Call before seeding.
 */
export function keepClockPosition(runtime: Pick<Runtime, 'clock' | 'repos' | 'options' | 'onReset'>): void {
  const { clock, repos, options } = runtime
  const saved = readPosition(repos.meta.get(KEY))
  if (saved && options.clockStart === undefined) clock.restore(saved)
  function savePosition(): void {
    if (repos.db.open) repos.meta.set(KEY, JSON.stringify(clock.position()))
  }
  clock.onAdvance(savePosition)
  runtime.onReset(savePosition) // the wipe emptied the meta table; the clock itself stayed put
}

function readPosition(text: string | undefined): ClockPosition | undefined {
  if (text === undefined) return undefined
  try {
    const value = JSON.parse(text) as Partial<ClockPosition>
    const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n)
    if ((value.mode === 'system' || value.mode === 'manual') && finite(value.nowMs) && finite(value.offsetMs)) {
      return { mode: value.mode, nowMs: value.nowMs, offsetMs: value.offsetMs }
    }
  } catch {
    // A hand-edited or truncated value: start from the machine's time rather than refuse to start.
  }
  return undefined
}
