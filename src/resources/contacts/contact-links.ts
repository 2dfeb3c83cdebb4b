// What hangs off a contact besides notes and tasks: its appointments (read from the calendar
// records), followers (users of the location), and campaign and workflow enrolments.
import { objectBody } from '../kit/body.js'
import type { BodyOf, HandlerSet } from '../../handlers/handler.js'
import { contactOf, stringList } from './contact-access.js'
import { Problems, assertValid, pathParam, type Ctx } from '../kit/index.js'
import { userOfLocation } from './contact-shape.js'
import { saveContact } from './contact-writes.js'

type Json = Record<string, unknown>

/** An appointment as GET /contacts/{id}/appointments lists it (the spec's GetEventSchema). */
function eventView(appointment: Json): Json {
  const view: Json = {
    id: appointment.id,
    calendarId: appointment.calendarId,
    status: appointment.appointmentStatus ?? appointment.status,
    title: appointment.title,
    assignedUserId: appointment.assignedUserId,
    notes: appointment.notes,
    startTime: appointment.startTime,
    endTime: appointment.endTime,
    address: appointment.address,
    locationId: appointment.locationId,
    contactId: appointment.contactId,
    groupId: appointment.groupId,
    appointmentStatus: appointment.appointmentStatus,
    users: typeof appointment.assignedUserId === 'string' ? [appointment.assignedUserId] : [],
    dateAdded: appointment.dateAdded,
    dateUpdated: appointment.dateUpdated,
    assignedResources: Array.isArray(appointment.assignedResources) ? appointment.assignedResources : [],
  }
  return Object.fromEntries(Object.entries(view).filter(([, value]) => value !== undefined && value !== null))
}

function listAppointments(c: Ctx): Response {
  const row = contactOf(c, pathParam(c, 'contactId'))
  return c.json({ events: c.var.runtime.repos.contactStore.appointmentsOf(row.id).map(eventView) })
}

/** The follower ids of the body, each a user of the contact's location. */
async function requestedFollowers(c: Ctx, requestBody: unknown, locationId: string): Promise<string[]> {
  const problems = new Problems()
  const ids = stringList(objectBody(requestBody), 'followers', problems)
  for (const id of ids) if (!userOfLocation(c.var.runtime.repos, locationId, id)) problems.add(`followers contains ${id}, which is not a user of this location`)
  problems.check()
  return ids
}

const followersOf = (data: Json): string[] => (Array.isArray(data.followers) ? (data.followers as string[]) : [])

async function addFollowers(c: Ctx, requestBody: BodyOf<'add-followers-contact'>): Promise<Response> {
  const { runtime } = c.var
  const row = contactOf(c, pathParam(c, 'contactId'))
  const current = followersOf(row.data)
  const added = (await requestedFollowers(c, requestBody, row.locationId)).filter((id) => !current.includes(id))
  const followers = [...current, ...added]
  runtime.repos.transaction(() => saveContact(runtime, row, { set: { followers } }, 'none'))
  return c.json({ followers, followersAdded: added }, 201)
}

async function removeFollowers(c: Ctx, requestBody: BodyOf<'remove-followers-contact'>): Promise<Response> {
  const { runtime } = c.var
  const row = contactOf(c, pathParam(c, 'contactId'))
  const removing = new Set(await requestedFollowers(c, requestBody, row.locationId))
  const current = followersOf(row.data)
  const followers = current.filter((id) => !removing.has(id))
  const removed = current.filter((id) => removing.has(id))
  runtime.repos.transaction(() => saveContact(runtime, row, { set: { followers } }, 'none'))
  return c.json({ followers, followersRemoved: removed })
}

/** Campaigns and workflows are not emulated as records: any id enrols, and removing is idempotent. */
function addToCampaign(c: Ctx): Response {
  const { runtime } = c.var
  const row = contactOf(c, pathParam(c, 'contactId'))
  runtime.repos.contactStore.campaigns.add(row.id, pathParam(c, 'campaignId'), row.locationId, runtime.clock.now())
  return c.json({ succeded: true }, 201)
}

function removeFromCampaign(c: Ctx): Response {
  const row = contactOf(c, pathParam(c, 'contactId'))
  c.var.runtime.repos.contactStore.campaigns.remove(row.id, pathParam(c, 'campaignId'))
  return c.json({ succeded: true })
}

function removeFromEveryCampaign(c: Ctx): Response {
  const row = contactOf(c, pathParam(c, 'contactId'))
  c.var.runtime.repos.contactStore.campaigns.removeAll(row.id)
  return c.json({ succeded: true })
}

async function addToWorkflow(c: Ctx, requestBody: BodyOf<'add-contact-to-workflow'>): Promise<Response> {
  const { runtime } = c.var
  const row = contactOf(c, pathParam(c, 'contactId'))
  const start = (objectBody(requestBody)).eventStartTime
  const problems = new Problems()
  if (start !== undefined && (typeof start !== 'string' || Number.isNaN(Date.parse(start)))) problems.add('eventStartTime must be a valid ISO 8601 date string')
  problems.check()
  runtime.repos.contactStore.workflows.add(row.id, pathParam(c, 'workflowId'), row.locationId, runtime.clock.now(), start as string | undefined)
  return c.json({ succeded: true })
}

function removeFromWorkflow(c: Ctx): Response {
  const row = contactOf(c, pathParam(c, 'contactId'))
  c.var.runtime.repos.contactStore.workflows.remove(row.id, pathParam(c, 'workflowId'))
  return c.json({ succeded: true })
}

export const contactLinkHandlers: HandlerSet = {
  'get-appointments-for-contact': listAppointments,
  'add-followers-contact': addFollowers,
  'remove-followers-contact': removeFollowers,
  'add-contact-to-campaign': addToCampaign,
  'remove-contact-from-campaign': removeFromCampaign,
  'remove-contact-from-every-campaign': removeFromEveryCampaign,
  'add-contact-to-workflow': addToWorkflow,
  'delete-contact-from-workflow': removeFromWorkflow,
}
