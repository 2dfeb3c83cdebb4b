// Businesses (businesses.json): the companies contacts work for, per sub-account. List, create,
// get, update, delete. Create and update answer `{success, buiseness}`: the spec's (and the live
// API's) spelling, kept because clients read that key. Contacts keep their businessId on delete.
import { objectBody } from '../kit/body.js'
import { badRequest } from '../../errors.js'
import type { BodyOf, HandlerSet } from '../../handlers/handler.js'
import type { JsonObject } from '../kit/body.js'
import { ghlId } from '../../world/ids.js'
import { accessibleLocation, actorOf, mayActOnLocationId, runtimeOf, type Ctx } from '../kit/access.js'
import { pickStrings, query, requiredLocationId } from '../locations/location-input.js'
import { Problems } from '../kit/problems.js'

type Json = Record<string, unknown>

export const businessMessages = { notFound: 'Business not found' } as const

const FIELDS = ['name', 'phone', 'email', 'website', 'address', 'city', 'state', 'postalCode', 'country'] as const

function readFields(input: JsonObject, problems: Problems, nameRequired: boolean): Record<string, string> {
  if (nameRequired || input.name !== undefined) problems.text('name', input.name, true)
  return pickStrings(input, FIELDS, problems)
}

/** The business the path names, if the token may act on its sub-account. */
function findBusiness(c: Ctx) {
  const row = runtimeOf(c).repos.businesses.get(c.req.param('businessId') ?? '')
  if (!row || !mayActOnLocationId(c, row.locationId)) throw badRequest(businessMessages.notFound)
  return row
}

function listBusinesses(c: Ctx) {
  const location = accessibleLocation(c, requiredLocationId(c))
  const problems = new Problems()
  const limit = problems.int('limit', query(c, 'limit'), { default: 100, min: 1, max: 1000 })
  const skip = problems.int('skip', query(c, 'skip'), { default: 0, min: 0 })
  problems.check()
  const rows = runtimeOf(c).repos.businesses.page(location.id, skip, limit)
  return c.json({ businesses: rows.map((row) => row.data) })
}

async function createBusiness(c: Ctx, requestBody: BodyOf<'create-business'>) {
  const input = objectBody(requestBody)
  const problems = new Problems()
  const locationId = problems.text('locationId', input.locationId, true)
  const fields = readFields(input, problems, true)
  problems.check()
  const location = accessibleLocation(c, locationId)
  const { repos, clock } = runtimeOf(c)
  const now = clock.now()
  const at = new Date(now).toISOString()
  const actor = actorOf(c)
  const business: Json = { id: ghlId(), ...fields, name: fields.name!.trim(), locationId: location.id, createdBy: actor, updatedBy: actor, createdAt: at, updatedAt: at }
  repos.businesses.insert({ id: String(business.id), locationId: location.id, data: business, createdAt: now, updatedAt: now })
  return c.json({ success: true, buiseness: business }, 201)
}

function getBusiness(c: Ctx) {
  return c.json({ business: findBusiness(c).data })
}

async function updateBusiness(c: Ctx, requestBody: BodyOf<'update-business'>) {
  const row = findBusiness(c)
  const input = objectBody(requestBody)
  const problems = new Problems()
  const fields = readFields(input, problems, false)
  problems.check()
  const now = runtimeOf(c).clock.now()
  const business: Json = { ...row.data, ...fields, updatedBy: actorOf(c), updatedAt: new Date(now).toISOString() }
  if (fields.name !== undefined) business.name = fields.name.trim()
  runtimeOf(c).repos.businesses.update(row.id, business, now)
  return c.json({ success: true, buiseness: business })
}

function deleteBusiness(c: Ctx) {
  const row = findBusiness(c)
  runtimeOf(c).repos.businesses.remove(row.id)
  return c.json({ success: true })
}

export const businessHandlers: HandlerSet = {
  'get-businesses-by-location': listBusinesses,
  'create-business': createBusiness,
  'get-business': getBusiness,
  'update-business': updateBusiness,
  'delete-Business': deleteBusiness,
}
