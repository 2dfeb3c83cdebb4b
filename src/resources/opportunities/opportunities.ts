// Opportunity CRUD, status and upsert (opportunities.json), and the one HandlerSet the registry
// spreads for every opportunity operation (search, followers, pipelines, lost reasons included).
// Each write and its webhook events commit in one transaction.
import { objectBody } from '../kit/body.js'
import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.js'
import { GhlError } from '../../errors.js'
import type { HandlerSet } from '../../handlers/handler.js'
import type { Runtime } from '../../runtime.js'
import type { RecordRow } from '../../storage/records.js'
import { ghlId } from '../../world/ids.js'
import { loadOpportunity, opportunityNotFound } from './opportunity-access.js'
import { accessibleLocation, tokenOf } from '../kit/index.js'
import { emitOpportunityEvent, emitOpportunityUpdate } from './opportunity-events.js'
import { changeFollowers, checkFollowers, followerHandlers } from './opportunity-followers.js'
import { FieldReader, OPPORTUNITY_STATUSES } from './opportunity-input.js'
import { lostReasonHandlers } from './opportunity-lost-reasons.js'
import { applyChanges, checkReferences, newOpportunity, readChanges, type OpportunityChanges } from './opportunity-rules.js'
import { searchHandlers } from './opportunity-search.js'
import { viewOpportunity } from './opportunity-view.js'
import { pipelineHandlers } from './pipelines.js'

type Json = Record<string, unknown>

/** The location setting is off by default: one opportunity per contact per pipeline. */
export const duplicateOpportunity = () => new GhlError(400, 'Can not create duplicate opportunity for the contact.')

const isoAt = (ms: number) => new Date(ms).toISOString()

function allowsDuplicates(runtime: Runtime, locationId: string): boolean {
  return runtime.repos.locations.get(locationId)?.settings?.allowDuplicateOpportunity === true
}

/** Inserts a new opportunity and its OpportunityCreate event together. */
function insertOpportunity(runtime: Runtime, locationId: string, changes: OpportunityChanges, followers: string[] = []): Json {
  const now = runtime.clock.now()
  const data = newOpportunity(ghlId(), locationId, changes, isoAt(now), followers)
  runtime.repos.transaction(() => {
    runtime.repos.opportunities.insert({ id: String(data.id), locationId, data, createdAt: now, updatedAt: now })
    emitOpportunityEvent(runtime, 'OpportunityCreate', data)
  })
  return data
}

/** Writes the changed record and its events (OpportunityUpdate plus one per kind of change) together. */
function updateOpportunity(runtime: Runtime, row: RecordRow<Json>, after: Json): Json {
  const now = runtime.clock.now()
  runtime.repos.transaction(() => {
    runtime.repos.opportunities.update(row.id, after, now)
    emitOpportunityUpdate(runtime, row.data, after)
  })
  return after
}

async function createOpportunity(c: Context<AppEnv>, requestBody: unknown): Promise<Response> {
  const { runtime } = c.var
  const auth = tokenOf(c)
  const body = new FieldReader(objectBody(requestBody))
  const locationId = body.string('locationId', { required: true })
  const read = readChanges(body, { name: true, status: true, contactId: true, pipelineId: true })
  body.done()
  accessibleLocation(c, locationId!)
  const changes = checkReferences(runtime.repos, body, locationId!, read)
  body.done()
  if (!allowsDuplicates(runtime, locationId!) && runtime.repos.opportunities.findByContactAndPipeline(locationId!, changes.contactId!, changes.pipelineId!)) {
    throw duplicateOpportunity()
  }
  const data = insertOpportunity(runtime, locationId!, changes)
  return c.json({ opportunity: viewOpportunity(runtime.repos, data) }, 201)
}

function getOpportunity(c: Context<AppEnv>): Response {
  const { repos } = c.var.runtime
  const row = loadOpportunity(repos, tokenOf(c), c.req.param('id')!)
  return c.json({ opportunity: viewOpportunity(repos, row.data) })
}

async function putOpportunity(c: Context<AppEnv>, requestBody: unknown): Promise<Response> {
  const { runtime } = c.var
  const auth = tokenOf(c)
  const body = new FieldReader(objectBody(requestBody))
  // The update DTO has no contactId: an opportunity stays with its contact.
  const { contactId: _ignored, ...read } = readChanges(body)
  body.done()
  const row = loadOpportunity(runtime.repos, auth, c.req.param('id')!)
  const changes = checkReferences(runtime.repos, body, row.locationId, read, row.data)
  body.done()
  const after = updateOpportunity(runtime, row, applyChanges(row.data, changes, isoAt(runtime.clock.now())))
  return c.json({ opportunity: viewOpportunity(runtime.repos, after) })
}

async function putStatus(c: Context<AppEnv>, requestBody: unknown): Promise<Response> {
  const { runtime } = c.var
  const auth = tokenOf(c)
  const body = new FieldReader(objectBody(requestBody))
  const status = body.oneOf('status', OPPORTUNITY_STATUSES, { required: true })
  const lostReasonId = body.clearableString('lostReasonId')
  body.done()
  const row = loadOpportunity(runtime.repos, auth, c.req.param('id')!)
  const changes = checkReferences(runtime.repos, body, row.locationId, { status, lostReasonId }, row.data)
  body.done()
  updateOpportunity(runtime, row, applyChanges(row.data, changes, isoAt(runtime.clock.now())))
  return c.json({ succeded: true })
}

function deleteOpportunity(c: Context<AppEnv>): Response {
  const { runtime } = c.var
  const row = loadOpportunity(runtime.repos, tokenOf(c), c.req.param('id')!)
  runtime.repos.transaction(() => {
    runtime.repos.opportunities.remove(row.id)
    emitOpportunityEvent(runtime, 'OpportunityDelete', row.data)
  })
  return c.json({ succeded: true })
}

/**
 * Upsert: by `id` when given (an unknown id is the usual 400); else, unless the location allows
 * duplicates, the contact's newest opportunity in the pipeline; else a new one (name defaults to
 * the contact's name, status to open, stage to the pipeline's first).
 */
async function upsertOpportunity(c: Context<AppEnv>, requestBody: unknown): Promise<Response> {
  const { runtime } = c.var
  const { repos } = runtime
  const auth = tokenOf(c)
  const body = new FieldReader(objectBody(requestBody))
  const id = body.string('id') || undefined
  const locationId = body.string('locationId', { required: true })
  const read = readChanges(body, { pipelineId: true })
  const followers = body.stringArray('followers')
  const removeAll = body.boolean('isRemoveAllFollowers') ?? false
  const action = body.oneOf('followersActionType', ['add', 'remove'] as const) ?? 'add'
  body.done()
  accessibleLocation(c, locationId!)

  let existing: RecordRow<Json> | undefined
  if (id !== undefined) {
    existing = repos.opportunities.getInLocation(locationId!, id)
    if (!existing) throw opportunityNotFound()
  } else if (read.contactId !== undefined && !allowsDuplicates(runtime, locationId!)) {
    existing = repos.opportunities.findByContactAndPipeline(locationId!, read.contactId, read.pipelineId!)
  }
  if (!existing && read.contactId === undefined) body.add('contactId should not be empty')
  const changes = checkReferences(repos, body, locationId!, read, existing?.data)
  checkFollowers(repos, body, locationId!, followers)
  body.done()

  const now = isoAt(runtime.clock.now())
  if (existing) {
    let after = applyChanges(existing.data, changes, now)
    if (followers !== undefined || removeAll) after = { ...after, followers: changeFollowers(after.followers, followers ?? [], action, removeAll).followers }
    return c.json({ opportunity: viewOpportunity(repos, updateOpportunity(runtime, existing, after)), new: false })
  }
  const contact = repos.contacts.getInLocation(locationId!, changes.contactId!)!.data
  const named = { ...changes, name: changes.name ?? contactName(contact) }
  const initialFollowers = action === 'add' ? changeFollowers([], followers ?? [], 'add').followers : []
  const data = insertOpportunity(runtime, locationId!, named, initialFollowers)
  return c.json({ opportunity: viewOpportunity(repos, data), new: true })
}

/**
 * Deletes a contact's opportunities, each with its OpportunityDelete event, as HighLevel does when
 * the contact is deleted. For the contacts resource: call it inside the contact delete's
 * transaction. Returns how many were deleted.
 */
export function deleteOpportunitiesOfContact(runtime: Runtime, locationId: string, contactId: string): number {
  let deleted = 0
  for (;;) {
    const rows = runtime.repos.opportunities.search({ locationId, contactId }, { order: 'asc', limit: 500 })
    if (rows.length === 0) return deleted
    for (const row of rows) {
      runtime.repos.opportunities.remove(row.id)
      emitOpportunityEvent(runtime, 'OpportunityDelete', row.data)
      deleted++
    }
  }
}

function contactName(contact: Json): string {
  const name = [contact.firstName, contact.lastName].filter((part) => typeof part === 'string' && part !== '').join(' ')
  return name || String(contact.contactName ?? contact.email ?? contact.phone ?? 'Opportunity')
}

/** Every opportunities.json operation; the registry spreads this one set. */
export const opportunityHandlers: HandlerSet = {
  'create-opportunity': createOpportunity,
  'get-opportunity': getOpportunity,
  'update-opportunity': putOpportunity,
  'delete-opportunity': deleteOpportunity,
  'update-opportunity-status': putStatus,
  'Upsert-opportunity': upsertOpportunity,
  ...searchHandlers,
  ...followerHandlers,
  ...pipelineHandlers,
  ...lostReasonHandlers,
}
