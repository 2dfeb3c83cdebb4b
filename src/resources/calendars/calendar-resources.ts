// Calendar resources (calendars.json): rooms and equipment a booking can use, per location,
// created, listed by type, read, edited (including which calendars use them) and deleted.
import type { HandlerSet, OperationHandler } from '../../handlers/handler.js'
import { ghlId } from '../../world/ids.js'
import { GhlError, mayActOnLocationId, namedLocation, nowOf, objectBody, pathParam, Problems, type Ctx, type JsonObject } from '../kit/index.js'
import { calendarNotFound } from './calendar-model.js'

const RESOURCE_TYPES = ['equipments', 'rooms'] as const
export const resourceNotFound = () => new GhlError(400, 'Resource not found')

function typeOf(c: Ctx): string {
  const problems = new Problems()
  const type = problems.oneOf('resourceType', pathParam(c, 'resourceType'), RESOURCE_TYPES)
  if (type === undefined) problems.add('resourceType should not be empty')
  problems.check()
  return type!
}

function readResource(c: Ctx, body: JsonObject, locationId: string, create: boolean): JsonObject {
  const problems = new Problems()
  const out: JsonObject = {}
  for (const key of ['name', 'description'] as const) {
    if (create || body[key] !== undefined) {
      const value = problems.text(key, body[key], create)
      if (value !== undefined) out[key] = value
    }
  }
  for (const key of ['quantity', 'outOfService', 'capacity'] as const) {
    if (create || body[key] !== undefined) {
      if (create && body[key] === undefined) problems.add(`${key} should not be empty`)
      else out[key] = problems.number(key, body[key], { default: 0, min: 0 })
    }
  }
  if (create || body.calendarIds !== undefined) {
    const ids = problems.strings('calendarIds', body.calendarIds)
    if (ids === undefined && create) problems.add('calendarIds should not be empty')
    if (ids) out.calendarIds = ids
  }
  if (!create && body.isActive !== undefined) out.isActive = problems.bool('isActive', body.isActive)
  problems.check()
  const { repos } = c.var.runtime
  for (const id of (out.calendarIds as string[] | undefined) ?? []) if (!repos.calendars.getInLocation(locationId, id)) throw calendarNotFound()
  return out
}

function loadResource(c: Ctx, type: string) {
  const row = c.var.runtime.repos.calendarResources.get(pathParam(c, 'id'))
  if (!row || row.data.resourceType !== type || !mayActOnLocationId(c, row.locationId)) throw resourceNotFound()
  return row
}

const createResource: OperationHandler<'create-calendar-resource'> = (c, raw) => {
  const resourceType = typeOf(c)
  const body = objectBody(raw)
  const location = namedLocation(c, body.locationId)
  const fields = readResource(c, body, location.id, true)
  const { ms } = nowOf(c)
  const id = ghlId()
  const resource = { id, locationId: location.id, resourceType, isActive: true, ...fields }
  c.var.runtime.repos.calendarResources.insert({ id, locationId: location.id, data: resource, createdAt: ms, updatedAt: ms })
  return c.json(resource, 201)
}

const listResources: OperationHandler<'fetch-calendar-resources'> = (c) => {
  const resourceType = typeOf(c)
  const location = namedLocation(c, c.req.query('locationId'))
  const problems = new Problems()
  const limit = problems.int('limit', c.req.query('limit'), { default: 100, min: 1, max: 1000 })
  const skip = problems.int('skip', c.req.query('skip'), { default: 0, min: 0 })
  problems.check()
  return c.json(c.var.runtime.repos.calendarResources.listBy(location.id, resourceType, limit, skip).map((row) => row.data))
}

const getResource: OperationHandler<'get-calendar-resource'> = (c) => c.json(loadResource(c, typeOf(c)).data)

const updateResource: OperationHandler<'update-calendar-resource'> = (c, raw) => {
  const row = loadResource(c, typeOf(c))
  const after = { ...row.data, ...readResource(c, objectBody(raw), row.locationId, false) }
  c.var.runtime.repos.calendarResources.update(row.id, after, nowOf(c).ms)
  return c.json(after)
}

const deleteResource: OperationHandler<'delete-calendar-resource'> = (c) => {
  c.var.runtime.repos.calendarResources.remove(loadResource(c, typeOf(c)).id)
  return c.json({ success: true })
}

export const resourceHandlers: HandlerSet = {
  'create-calendar-resource': createResource,
  'fetch-calendar-resources': listResources,
  'get-calendar-resource': getResource,
  'update-calendar-resource': updateResource,
  'delete-calendar-resource': deleteResource,
}
