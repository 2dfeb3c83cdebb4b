// The webhook delivery of one instance: one scheduler per runtime, started when the app is built.
// Control routes and test helpers reach it through webhooksOf(runtime); no routes here.
import type { Module } from '../app-env.js'
import type { Runtime } from '../runtime.js'
import { createScheduler, type Scheduler } from './scheduler.js'

const schedulers = new WeakMap<Runtime, Scheduler>()

/** The instance's delivery scheduler (created on first use, started by the webhookDelivery module). */
export function webhooksOf(runtime: Runtime): Scheduler {
  let scheduler = schedulers.get(runtime)
  if (!scheduler) {
    scheduler = createScheduler(runtime)
    schedulers.set(runtime, scheduler)
  }
  return scheduler
}

/**
 * Waits until every webhook the instance owes right now has been attempted: events dispatched,
 * due deliveries sent, answers logged. Retries scheduled for later wait for the clock.
 * @example
 * await fetch(`${mock.url}/contacts/`, { method: 'POST', … })
 * await webhooksSettled(mock)
 */
export function webhooksSettled(mock: { runtime: Runtime }): Promise<void> {
  return webhooksOf(mock.runtime).idle()
}

/** Mounted in src/modules.ts: starts delivering (and re-arms retries a previous run left pending). */
export const webhookDelivery: Module = (_app, runtime) => webhooksOf(runtime).start()
