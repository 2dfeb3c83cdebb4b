// "Now" for resources: always the emulator's clock (tests advance it), never the system time.
import type { Ctx } from '../../handlers/handler.js'
import type { Runtime } from '../../runtime.js'

/** The clock's time in both forms records use. */
export function nowOf(source: Runtime | Ctx): { ms: number; iso: string } {
  const runtime = 'clock' in source ? source : source.var.runtime
  const ms = runtime.clock.now()
  return { ms, iso: new Date(ms).toISOString() }
}

/** ISO time on the emulator's clock. */
export const nowIso = (source: Runtime | Ctx): string => nowOf(source).iso
