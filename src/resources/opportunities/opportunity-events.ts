// The webhook events an opportunity write emits, with the payload of research §3.6. Callers emit
// inside the write's transaction; delivery (appId, timestamp, webhookId, signing) is not here.
import type { Runtime } from '../../runtime.js'

type Json = Record<string, unknown>

export type OpportunityEventType =
  | 'OpportunityCreate'
  | 'OpportunityUpdate'
  | 'OpportunityDelete'
  | 'OpportunityStageUpdate'
  | 'OpportunityStatusUpdate'
  | 'OpportunityMonetaryValueUpdate'
  | 'OpportunityAssignedToUpdate'

const present = (value: unknown) => value !== undefined && value !== null

/**
 * `{type, locationId, id, assignedTo, contactId, monetaryValue, name, pipelineId, pipelineStageId,
 * source, status, dateAdded}`. As in the real delivery sample: assignedTo is null when unset, and
 * monetaryValue and source are left out when unset.
 */
export function opportunityPayload(type: OpportunityEventType, o: Json): Json {
  const payload: Json = {
    type,
    locationId: o.locationId,
    id: o.id,
    assignedTo: present(o.assignedTo) ? o.assignedTo : null,
    contactId: o.contactId,
  }
  if (present(o.monetaryValue)) payload.monetaryValue = o.monetaryValue
  payload.name = o.name
  payload.pipelineId = o.pipelineId
  payload.pipelineStageId = o.pipelineStageId
  if (present(o.source)) payload.source = o.source
  payload.status = o.status
  payload.dateAdded = o.createdAt
  return payload
}

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
  runtime.emit({ type, locationId: String(o.locationId), payload: opportunityPayload(type, o) })
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
