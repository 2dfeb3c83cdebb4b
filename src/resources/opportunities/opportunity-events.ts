// Which webhook events an opportunity write emits (payloads: src/webhooks/payloads/opportunities.ts).
// Callers emit inside the write's transaction; delivery (appId, timestamp, webhookId, signing) is not here.
import type { Runtime } from '../../runtime.js'
import { eventFor } from '../../webhooks/payloads/index.js'
import type { OpportunityEventType } from '../../webhooks/payloads/opportunities.js'

type Json = Record<string, unknown>

export type { OpportunityEventType }

const present = (value: unknown) => value !== undefined && value !== null

/** The specific event per kind of change between two versions of one opportunity. */
export function changeEvents(before: Json, after: Json): OpportunityEventType[] {
  const same = (a: unknown, b: unknown) => (present(a) ? a : null) === (present(b) ? b : null)
  const events: OpportunityEventType[] = []
  if (!same(before.pipelineId, after.pipelineId) || !same(before.pipelineStageId, after.pipelineStageId)) {
    events.push('OpportunityStageUpdate')
  }
  if (!same(before.status, after.status)) events.push('OpportunityStatusUpdate')
  if (Number(before.monetaryValue ?? 0) !== Number(after.monetaryValue ?? 0)) events.push('OpportunityMonetaryValueUpdate')
  if (!same(before.assignedTo, after.assignedTo)) events.push('OpportunityAssignedToUpdate')
  return events
}

export function emitOpportunityEvent(runtime: Runtime, type: OpportunityEventType, o: Json): void {
  runtime.emit(eventFor(type, o))
}

/**
 * An update: OpportunityUpdate, then one event per kind of change, in the order the real platform
 * sends them (highlevel-api-docs#27: update first, then the specific event).
 */
export function emitOpportunityUpdate(runtime: Runtime, before: Json, after: Json): OpportunityEventType[] {
  const types: OpportunityEventType[] = ['OpportunityUpdate', ...changeEvents(before, after)]
  for (const type of types) emitOpportunityEvent(runtime, type, after)
  return types
}
