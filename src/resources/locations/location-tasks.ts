// A sub-account's tasks: POST /locations/{id}/tasks/search over its contacts' tasks, and the
// recurring-task rules (/locations/{id}/recurring-tasks). Rules are stored and validated but
// generate no tasks, so `totalOccurrence` stays 0.
import { objectBody } from '../kit/body.js'
import { badRequest } from '../../errors.js'
import type { BodyOf, HandlerSet } from '../../handlers/handler.js'
import type { JsonObject } from '../kit/body.js'
import { ghlId } from '../../world/ids.js'
import { accessibleLocation, runtimeOf, type Ctx } from '../kit/access.js'
import { Problems } from '../kit/problems.js'

type Json = Record<string, unknown>

export const taskMessages = {
  notFound: 'Recurring task not found',
  contactNotFound: 'Contact not found',
  userNotFound: 'User not found',
} as const

async function searchTasks(c: Ctx, requestBody: BodyOf<'task-search'>) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  const input = objectBody(requestBody)
  const problems = new Problems()
  const contactIds = problems.strings('contactId', input.contactId)
  const assignedTo = problems.strings('assignedTo', input.assignedTo)
  const completed = problems.bool('completed', input.completed)
  const text = problems.text('query', input.query, false)
  const businessId = problems.text('businessId', input.businessId, false)
  const limit = problems.number('limit', input.limit, { default: 25, min: 1, max: 1000 })
  const skip = problems.number('skip', input.skip, { default: 0, min: 0 })
  problems.check()
  const tasks = runtimeOf(c).repos.locationTasks.search(location.id, {
    contactIds, assignedTo, completed, query: text?.trim() || undefined, businessId, limit, skip,
  })
  return c.json({ tasks })
}

const intervalTypes = ['yearly', 'monthly', 'weekly', 'daily', 'hourly'] as const
const weekDays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const

/** `CustomRRulesOptions`, checked field by field. */
function readRule(raw: unknown, problems: Problems): Json | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.add('rruleOptions must be an object')
    return undefined
  }
  const input = raw as JsonObject
  const rule: Json = {}
  rule.intervalType = problems.oneOf('rruleOptions.intervalType', input.intervalType, intervalTypes)
  if (input.intervalType === undefined) problems.add('rruleOptions.intervalType should not be empty')
  if (input.interval === undefined) problems.add('rruleOptions.interval should not be empty')
  else rule.interval = problems.number('rruleOptions.interval', input.interval, { default: 1, min: 1 })
  for (const name of ['startDate', 'endDate'] as const) {
    const value = problems.text(`rruleOptions.${name}`, input[name], name === 'startDate')
    if (value !== undefined && Number.isNaN(Date.parse(value))) problems.add(`rruleOptions.${name} must be a valid ISO 8601 date string`)
    else if (value !== undefined) rule[name] = value
  }
  if (input.dueAfterSeconds === undefined) problems.add('rruleOptions.dueAfterSeconds should not be empty')
  else rule.dueAfterSeconds = problems.number('rruleOptions.dueAfterSeconds', input.dueAfterSeconds, { default: 0, min: 0 })
  if (input.dayOfMonth !== undefined) rule.dayOfMonth = problems.number('rruleOptions.dayOfMonth', input.dayOfMonth, { default: 1, min: 1, max: 31 })
  if (input.dayOfWeek !== undefined) rule.dayOfWeek = problems.oneOf('rruleOptions.dayOfWeek', input.dayOfWeek, weekDays)
  if (input.monthOfYear !== undefined) rule.monthOfYear = problems.number('rruleOptions.monthOfYear', input.monthOfYear, { default: 1, min: 1, max: 12 })
  if (input.count !== undefined) rule.count = problems.number('rruleOptions.count', input.count, { default: 1, min: 1 })
  const overdue = problems.bool('rruleOptions.createTaskIfOverDue', input.createTaskIfOverDue)
  if (overdue !== undefined) rule.createTaskIfOverDue = overdue
  return rule
}

/** Title, description, contacts, owners and rule from a create (all required fields) or update body. */
function readRecurringTask(input: JsonObject, problems: Problems, creating: boolean): Json {
  const out: Json = {}
  const title = problems.text('title', input.title, creating)
  if (title !== undefined) out.title = title
  const description = problems.text('description', input.description, false)
  if (description !== undefined) out.description = description
  const contactIds = problems.strings('contactIds', input.contactIds)
  if (contactIds !== undefined) out.contactIds = contactIds
  const owners = problems.strings('owners', input.owners)
  if (owners !== undefined) out.owners = owners
  if (input.rruleOptions !== undefined) out.rruleOptions = readRule(input.rruleOptions, problems)
  else if (creating) problems.add('rruleOptions should not be empty')
  const ignore = problems.bool('ignoreTaskCreation', input.ignoreTaskCreation)
  if (ignore !== undefined) out.ignoreTaskCreation = ignore
  return out
}

/** Contacts and owners must be the sub-account's own. */
function checkPeople(c: Ctx, locationId: string, task: Json): void {
  const { repos } = runtimeOf(c)
  for (const id of (task.contactIds as string[] | undefined) ?? []) {
    if (!repos.contacts.getInLocation(locationId, id)) throw badRequest(taskMessages.contactNotFound)
  }
  for (const id of (task.owners as string[] | undefined) ?? []) {
    const user = repos.users.get(id)
    if (!user || user.deleted || !user.roles.locationIds.includes(locationId)) throw badRequest(taskMessages.userNotFound)
  }
}

/** `RecordTaskResponseDTO`: the first owner and contact are also its assignee and contact. */
function render(task: Json): Json {
  const owners = (task.owners as string[] | undefined) ?? []
  const contactIds = (task.contactIds as string[] | undefined) ?? []
  return {
    ...task,
    description: task.description ?? '',
    totalOccurrence: 0,
    deleted: false,
    ...(owners[0] !== undefined ? { assignedTo: owners[0] } : {}),
    ...(contactIds[0] !== undefined ? { contactId: contactIds[0] } : {}),
  }
}

function findRecurringTask(c: Ctx, locationId: string) {
  const row = runtimeOf(c).repos.recurringTasks.getInLocation(locationId, c.req.param('id') ?? '')
  if (!row) throw badRequest(taskMessages.notFound)
  return row
}

async function createRecurringTask(c: Ctx, requestBody: BodyOf<'create-recurring-task'>) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  const input = objectBody(requestBody)
  const problems = new Problems()
  const fields = readRecurringTask(input, problems, true)
  problems.check()
  checkPeople(c, location.id, fields)
  const { repos, clock } = runtimeOf(c)
  const now = clock.now()
  const at = new Date(now).toISOString()
  const task: Json = { id: ghlId(), locationId: location.id, ...fields, createdAt: at, updatedAt: at }
  repos.recurringTasks.insert({ id: String(task.id), locationId: location.id, data: task, createdAt: now, updatedAt: now })
  return c.json({ recurringTask: render(task) }, 201)
}

function getRecurringTask(c: Ctx) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  return c.json({ recurringTask: render(findRecurringTask(c, location.id).data) })
}

async function updateRecurringTask(c: Ctx, requestBody: BodyOf<'update-recurring-task'>) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  const row = findRecurringTask(c, location.id)
  const input = objectBody(requestBody)
  const problems = new Problems()
  const fields = readRecurringTask(input, problems, false)
  problems.check()
  checkPeople(c, location.id, fields)
  const now = runtimeOf(c).clock.now()
  const task: Json = { ...row.data, ...fields, updatedAt: new Date(now).toISOString() }
  runtimeOf(c).repos.recurringTasks.update(row.id, task, now)
  return c.json({ recurringTask: render(task) })
}

function deleteRecurringTask(c: Ctx) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  const row = findRecurringTask(c, location.id)
  runtimeOf(c).repos.recurringTasks.remove(row.id)
  return c.json({ id: row.id, success: true })
}

export const taskHandlers: HandlerSet = {
  'task-search': searchTasks,
  'create-recurring-task': createRecurringTask,
  'get-recurring-task-by-id': getRecurringTask,
  'update-recurring-task': updateRecurringTask,
  'delete-recurring-task': deleteRecurringTask,
}
