// One set of dashboard read statements per instance, prepared on first use.
import type { Runtime } from '../../runtime.js'
import { createDashboardReads, type DashboardReads } from '../../storage/dashboard-reads.js'

const reads = new WeakMap<Runtime, DashboardReads>()

export function dashboardReads(runtime: Runtime): DashboardReads {
  let found = reads.get(runtime)
  if (!found) {
    found = createDashboardReads(runtime.repos.db)
    reads.set(runtime, found)
  }
  return found
}
