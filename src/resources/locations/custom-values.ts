// A sub-account's custom values (/locations/{locationId}/customValues): the `{{ custom_values.x }}`
// merge fields. Names are unique per sub-account (case-insensitive); the key is derived from the
// name at creation and kept on rename, so templates that use it keep working.
import { objectBody } from '../kit/body.js'
import { badRequest } from '../../errors.js'
import type { BodyOf, HandlerSet } from '../../handlers/handler.js'
import type { Repos } from '../../storage/repos.js'
import { ghlId } from '../../world/ids.js'
import { accessibleLocation, runtimeOf, type Ctx } from '../kit/access.js'
import { snakeKey } from './location-input.js'
import { Problems } from '../kit/problems.js'

type Json = Record<string, unknown>

export const customValueMessages = {
  notFound: 'Custom value not found',
  exists: 'Custom value with this name already exists',
} as const

const render = (value: Json) => ({
  id: value.id,
  name: value.name,
  fieldKey: value.fieldKey,
  value: value.value,
  locationId: value.locationId,
})

async function readInput(c: Ctx, requestBody: unknown) {
  const input = objectBody(requestBody)
  const problems = new Problems()
  const name = problems.text('name', input.name, true)
  // An empty value is allowed: it clears the merge field.
  const value = problems.text('value', input.value, false)
  if (input.value === undefined) problems.add('value must be a string')
  problems.check()
  return { name: name!.trim(), value: value! }
}

/** `{{ custom_values.booking_link }}`, suffixed `_2`, `_3`… if a renamed value already holds it. */
function freeKey(repos: Repos, locationId: string, name: string): string {
  const base = snakeKey(name) || 'custom_value'
  for (let n = 1; ; n++) {
    const key = `{{ custom_values.${n === 1 ? base : `${base}_${n}`} }}`
    if (!repos.locationQueries.customValueByKey(locationId, key)) return key
  }
}

function findValue(c: Ctx, locationId: string) {
  const row = runtimeOf(c).repos.customValues.getInLocation(locationId, c.req.param('id') ?? '')
  if (!row) throw badRequest(customValueMessages.notFound)
  return row
}

function listValues(c: Ctx) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  const rows = runtimeOf(c).repos.customValues.listByLocation(location.id, 10_000)
  return c.json({ customValues: rows.map((row) => render(row.data)) })
}

function getValue(c: Ctx) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  return c.json({ customValue: render(findValue(c, location.id).data) })
}

async function createValue(c: Ctx, requestBody: BodyOf<'create-custom-value'>) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  const { name, value } = await readInput(c, requestBody)
  const { repos, clock } = runtimeOf(c)
  if (repos.locationQueries.customValueByName(location.id, name)) throw badRequest(customValueMessages.exists)
  const record = { id: ghlId(), name, fieldKey: freeKey(repos, location.id, name), value, locationId: location.id }
  const now = clock.now()
  repos.customValues.insert({ id: record.id, locationId: location.id, data: record, createdAt: now, updatedAt: now })
  return c.json({ customValue: render(record) }, 201)
}

async function updateValue(c: Ctx, requestBody: BodyOf<'update-custom-value'>) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  const row = findValue(c, location.id)
  const { name, value } = await readInput(c, requestBody)
  const { repos, clock } = runtimeOf(c)
  const clash = repos.locationQueries.customValueByName(location.id, name)
  if (clash && clash.id !== row.id) throw badRequest(customValueMessages.exists)
  const record = { ...row.data, name, value }
  repos.customValues.update(row.id, record, clock.now())
  return c.json({ customValue: render(record) })
}

function deleteValue(c: Ctx) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  const row = findValue(c, location.id)
  runtimeOf(c).repos.customValues.remove(row.id)
  return c.json({ succeded: true })
}

export const customValueHandlers: HandlerSet = {
  'get-custom-values': listValues,
  'get-custom-value': getValue,
  'create-custom-value': createValue,
  'update-custom-value': updateValue,
  'delete-custom-value': deleteValue,
}
