// Calendar groups (calendars.json): list, create, edit, delete, enable/disable and slug checks.
// A slug is unique within a location; calendars name their group by `groupId`.
import type { HandlerSet, OperationHandler } from '../../handlers/handler.js'
import { ghlId } from '../../world/ids.js'
import { GhlError, mayActOnLocationId, namedLocation, nowOf, objectBody, pathParam, Problems, type Ctx, type JsonObject } from '../kit/index.js'

export const groupNotFound = () => new GhlError(400, 'Group not found')
export const slugTaken = () => new GhlError(400, 'Slug is not available')

function loadGroup(c: Ctx) {
  const row = c.var.runtime.repos.calendarGroups.get(pathParam(c, 'groupId'))
  if (!row || !mayActOnLocationId(c, row.locationId)) throw groupNotFound()
  return row
}

function readGroup(body: JsonObject, create: boolean): JsonObject {
  const problems = new Problems()
  const out: JsonObject = {}
  for (const key of ['name', 'description', 'slug'] as const) {
    const value = problems.text(key, body[key], key !== 'description' || create)
    if (value !== undefined) out[key] = value
  }
  if (typeof out.slug === 'string' && !/^[a-z0-9-]+$/i.test(out.slug)) problems.add('slug must contain only letters, numbers and hyphens')
  if (create && body.isActive !== undefined) out.isActive = problems.bool('isActive', body.isActive)
  problems.check()
  return out
}

const listGroups: OperationHandler<'get-groups'> = (c) => {
  const location = namedLocation(c, c.req.query('locationId'))
  const rows = c.var.runtime.repos.calendarGroups.listByLocation(location.id, 1000)
  return c.json({ groups: rows.map((row) => row.data) })
}

const createGroup: OperationHandler<'create-calendar-group'> = (c, raw) => {
  const body = objectBody(raw)
  const location = namedLocation(c, body.locationId)
  const fields = readGroup(body, true)
  const { repos } = c.var.runtime
  if (repos.calendarGroups.bySlug(location.id, String(fields.slug))) throw slugTaken()
  const { ms } = nowOf(c)
  const id = ghlId()
  const group = { id, locationId: location.id, isActive: true, ...fields }
  repos.calendarGroups.insert({ id, locationId: location.id, data: group, createdAt: ms, updatedAt: ms })
  return c.json({ group }, 201)
}

const editGroup: OperationHandler<'edit-group'> = (c, raw) => {
  const row = loadGroup(c)
  const fields = readGroup(objectBody(raw), false)
  const { repos } = c.var.runtime
  const holder = repos.calendarGroups.bySlug(row.locationId, String(fields.slug))
  if (holder && holder.id !== row.id) throw slugTaken()
  const group = { ...row.data, ...fields }
  repos.calendarGroups.update(row.id, group, nowOf(c).ms)
  return c.json({ group })
}

const deleteGroup: OperationHandler<'delete-group'> = (c) => {
  const row = loadGroup(c)
  c.var.runtime.repos.calendarGroups.remove(row.id)
  return c.json({ success: true })
}

const setStatus: OperationHandler<'disable-group'> = (c, raw) => {
  const row = loadGroup(c)
  const problems = new Problems()
  const isActive = problems.bool('isActive', objectBody(raw).isActive)
  if (isActive === undefined) problems.add('isActive should not be empty')
  problems.check()
  c.var.runtime.repos.calendarGroups.update(row.id, { ...row.data, isActive }, nowOf(c).ms)
  return c.json({ success: true })
}

const validateSlug: OperationHandler<'validate-groups-slug'> = (c, raw) => {
  const body = objectBody(raw)
  const location = namedLocation(c, body.locationId)
  const problems = new Problems()
  const slug = problems.text('slug', body.slug, true)
  problems.check()
  return c.json({ available: !c.var.runtime.repos.calendarGroups.bySlug(location.id, slug!) })
}

export const groupHandlers: HandlerSet = {
  'get-groups': listGroups,
  'create-calendar-group': createGroup,
  'edit-group': editGroup,
  'delete-group': deleteGroup,
  'disable-group': setStatus,
  'validate-groups-slug': validateSlug,
}
