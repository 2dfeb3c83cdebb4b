// Opportunity* payloads from a stored opportunity, as the OpportunityCreate page documents them and
// the real delivery sample of research §3.6 shows them. Pure; writes and triggers both come here.
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
export function opportunityPayload(type: string, o: Json): Json {
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
