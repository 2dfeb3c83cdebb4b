// What an opportunity write may say and what it does to the record: reading the writable fields,
// checking every id against the location (pipeline, stage, contact, owner, lost reason, custom
// fields), and applying the changes with their timestamps. No HTTP and no storage writes here.
import type { Repos } from '../../storage/repos.js'
import { FieldReader, OPPORTUNITY_STATUSES, readCustomFields, type OpportunityStatus } from './opportunity-input.js'
import { isLostReasonOf } from './opportunity-lost-reasons.js'
import { findPipeline, firstStage, stageOf } from './pipelines.js'

type Json = Record<string, unknown>

export interface CustomFieldValue {
  id: string
  fieldValue: unknown
}

/** The writable fields a request carried; undefined = not sent, null = clear it. */
export interface OpportunityChanges {
  name?: string
  status?: OpportunityStatus
  pipelineId?: string
  pipelineStageId?: string
  monetaryValue?: number
  assignedTo?: string | null
  contactId?: string
  lostReasonId?: string | null
  customFields?: CustomFieldValue[]
  source?: string
}

/**
 * Reads the fields create, update and upsert share. `status` takes the write statuses only: the
 * spec's enum also lists `all`, which is a search filter, not a state an opportunity can be in.
 */
export function readChanges(reader: FieldReader, required: { name?: boolean; status?: boolean; contactId?: boolean; pipelineId?: boolean } = {}): OpportunityChanges {
  // An opportunity always has a name: '' is refused even where the name is optional.
  const name = reader.string('name', { required: required.name || reader.source.name === '' })
  return {
    name,
    status: reader.oneOf('status', OPPORTUNITY_STATUSES, { required: required.status }),
    pipelineId: reader.string('pipelineId', { required: required.pipelineId }),
    pipelineStageId: reader.string('pipelineStageId') || undefined,
    monetaryValue: reader.number('monetaryValue'),
    assignedTo: reader.clearableString('assignedTo'),
    contactId: reader.string('contactId', { required: required.contactId }),
    lostReasonId: reader.clearableString('lostReasonId'),
    customFields: readCustomFields(reader),
    source: reader.string('source'),
  }
}

/** Whether the user may own or follow records of the location: same company, and access to it. */
export function isUserOf(repos: Repos, locationId: string, userId: string): boolean {
  const user = repos.users.get(userId)
  if (!user || user.deleted) return false
  if (user.roles.locationIds.includes(locationId)) return true
  return user.roles.type === 'agency' && repos.locations.get(locationId)?.companyId === user.companyId
}

/**
 * Checks each id the changes name against the location, adding one problem per bad field, and
 * settles the stage: a new pipeline without a stage starts at its first stage. `current` is the
 * record being changed (undefined on create). Returns the changes with the stage settled.
 */
export function checkReferences(
  repos: Repos,
  reader: FieldReader,
  locationId: string,
  changes: OpportunityChanges,
  current?: Json,
): OpportunityChanges {
  const settled = { ...changes }
  const pipelineId = changes.pipelineId ?? (current?.pipelineId as string | undefined)
  const pipeline = pipelineId === undefined ? undefined : findPipeline(repos, locationId, pipelineId)
  if (changes.pipelineId !== undefined && !pipeline) {
    reader.add('pipelineId must be the id of a pipeline in this location')
  } else if (!pipeline && changes.pipelineStageId !== undefined) {
    // The record's own pipeline is gone (seeded data edited by hand): no stage can be checked.
    reader.add('pipelineStageId must be the id of a stage of the opportunity\'s pipeline')
  }
  if (pipeline) {
    const movedPipeline = current === undefined || pipeline.id !== current.pipelineId
    if (changes.pipelineStageId !== undefined) {
      if (!stageOf(pipeline, changes.pipelineStageId)) reader.add(`pipelineStageId must be the id of a stage of pipeline ${pipeline.id}`)
    } else if (movedPipeline) {
      const stage = firstStage(pipeline)
      if (stage) settled.pipelineStageId = stage.id
      else reader.add(`pipeline ${pipeline.id} has no stages`)
    }
  }
  if (changes.contactId !== undefined && !repos.contacts.getInLocation(locationId, changes.contactId)) {
    reader.add('contactId must be the id of a contact in this location')
  }
  if (typeof changes.assignedTo === 'string' && !isUserOf(repos, locationId, changes.assignedTo)) {
    reader.add('assignedTo must be the id of a user of this location')
  }
  if (typeof changes.lostReasonId === 'string' && !isLostReasonOf(locationId, changes.lostReasonId)) {
    reader.add('lostReasonId must be the id of a lost reason of this location')
  }
  changes.customFields?.forEach((field, i) => {
    if (!repos.customFields.getInLocation(locationId, field.id)) {
      reader.add(`customFields.${i}.id must be the id of a custom field of this location`)
    }
  })
  return settled
}

/** A new record in the API's field order (as `GET /opportunities/{id}` lists them). */
export function newOpportunity(id: string, locationId: string, changes: OpportunityChanges, nowIso: string, followers: string[] = []): Json {
  return {
    id,
    name: changes.name,
    monetaryValue: changes.monetaryValue,
    pipelineId: changes.pipelineId,
    pipelineStageId: changes.pipelineStageId,
    assignedTo: changes.assignedTo ?? undefined,
    status: changes.status ?? 'open',
    source: changes.source,
    lastStatusChangeAt: nowIso,
    lastStageChangeAt: nowIso,
    createdAt: nowIso,
    updatedAt: nowIso,
    contactId: changes.contactId,
    locationId,
    lostReasonId: changes.lostReasonId ?? undefined,
    customFields: changes.customFields ?? [],
    followers,
  }
}

/**
 * The record after the changes. A status change stamps lastStatusChangeAt and, when it leaves
 * `lost`, drops the lost reason; a stage or pipeline change stamps lastStageChangeAt. Custom
 * field values merge by id.
 */
export function applyChanges(before: Json, changes: OpportunityChanges, nowIso: string): Json {
  const after: Json = { ...before }
  const set = (key: keyof OpportunityChanges) => {
    const value = changes[key]
    if (value === undefined) return
    if (value === null) delete after[key]
    else after[key] = value
  }
  for (const key of ['name', 'status', 'pipelineId', 'pipelineStageId', 'monetaryValue', 'assignedTo', 'contactId', 'lostReasonId', 'source'] as const) {
    set(key)
  }
  if (changes.customFields) after.customFields = mergeCustomFields(before.customFields, changes.customFields)
  if (after.status !== before.status) {
    after.lastStatusChangeAt = nowIso
    if (after.status !== 'lost' && changes.lostReasonId === undefined) delete after.lostReasonId
  }
  if (after.pipelineStageId !== before.pipelineStageId || after.pipelineId !== before.pipelineId) after.lastStageChangeAt = nowIso
  after.updatedAt = nowIso
  return after
}

function mergeCustomFields(existing: unknown, incoming: CustomFieldValue[]): CustomFieldValue[] {
  const merged = new Map<string, CustomFieldValue>()
  for (const field of Array.isArray(existing) ? (existing as CustomFieldValue[]) : []) merged.set(field.id, field)
  for (const field of incoming) merged.set(field.id, field)
  return [...merged.values()]
}
