// The gateway's in-memory state of one server instance (rate-limit buckets, request journal,
// armed faults, known location→company pairs), shared by the pipeline and the /_mock routes and cleared on reset.
import type { Runtime } from '../runtime.js'
import { FaultBook } from './faults.js'
import { RequestJournal } from './journal.js'
import { RateLimiter } from './rate-limit.js'
import { LocationDirectory } from './tenant-access.js'

export interface GatewayState {
  limiter: RateLimiter
  journal: RequestJournal
  faults: FaultBook
  locations: LocationDirectory
}

// Keyed by runtime so two instances in one process never share a bucket, a journal or a fault.
const states = new WeakMap<Runtime, GatewayState>()

/** This instance's gateway state, created (and registered for reset) on first use. */
export function gatewayState(runtime: Runtime): GatewayState {
  let state = states.get(runtime)
  if (state === undefined) {
    const { options } = runtime
    const created: GatewayState = {
      limiter: new RateLimiter(runtime.clock, {
        burst: options.rateLimitBurst,
        intervalMs: options.rateLimitIntervalMs,
        daily: options.rateLimitDaily,
      }),
      journal: new RequestJournal(),
      faults: new FaultBook(),
      locations: new LocationDirectory(runtime.repos),
    }
    runtime.onReset(function clearGatewayState() {
      created.limiter.clear()
      created.journal.clear()
      created.faults.clear()
      created.locations.clear()
    })
    states.set(runtime, created)
    state = created
  }
  return state
}
