// A sub-account's tags (/locations/{locationId}/tags): list, get, create, rename, delete. Names
// are stored trimmed and lower-cased, as HighLevel shows tags, and are unique per sub-account.
// Contacts carry tag names, not ids, so renaming or deleting here leaves contacts untouched.
import { objectBody } from '../kit/body.js'
import { badRequest } from '../../errors.js'
import type { BodyOf, HandlerSet } from '../../handlers/handler.js'
import { ghlId } from '../../world/ids.js'
import { accessibleLocation, runtimeOf, type Ctx } from '../kit/access.js'
import { Problems } from '../kit/problems.js'

type Json = Record<string, unknown>

export const tagMessages = {
  notFound: 'Tag not found',
  exists: 'Tag with this name already exists',
} as const

/** How a tag name is stored and compared. */
export const normalizeTagName = (name: string): string => name.trim().toLowerCase()

const render = (tag: Json) => ({ id: tag.id, name: tag.name, locationId: tag.locationId })

async function readName(c: Ctx, requestBody: unknown): Promise<string> {
  const input = objectBody(requestBody)
  const problems = new Problems()
  const name = problems.text('name', input.name, true)
  problems.check()
  return normalizeTagName(name!)
}

function findTag(c: Ctx, locationId: string) {
  const row = runtimeOf(c).repos.tags.getInLocation(locationId, c.req.param('tagId') ?? '')
  if (!row) throw badRequest(tagMessages.notFound)
  return row
}

function listTags(c: Ctx) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  return c.json({ tags: runtimeOf(c).repos.locationQueries.tagsByName(location.id).map((row) => render(row.data)) })
}

function getTag(c: Ctx) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  return c.json({ tag: render(findTag(c, location.id).data) })
}

async function createTag(c: Ctx, requestBody: BodyOf<'create-tag'>) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  const name = await readName(c, requestBody)
  const { repos, clock } = runtimeOf(c)
  if (repos.locationQueries.tagByName(location.id, name)) throw badRequest(tagMessages.exists)
  const tag = { id: ghlId(), name, locationId: location.id }
  const now = clock.now()
  repos.tags.insert({ id: tag.id, locationId: location.id, data: tag, createdAt: now, updatedAt: now })
  return c.json({ tag: render(tag) }, 200)
}

async function updateTag(c: Ctx, requestBody: BodyOf<'update-tag'>) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  const row = findTag(c, location.id)
  const name = await readName(c, requestBody)
  const { repos, clock } = runtimeOf(c)
  const clash = repos.locationQueries.tagByName(location.id, name)
  if (clash && clash.id !== row.id) throw badRequest(tagMessages.exists)
  const tag = { ...row.data, name }
  repos.tags.update(row.id, tag, clock.now())
  return c.json({ tag: render(tag) })
}

function deleteTag(c: Ctx) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  const row = findTag(c, location.id)
  runtimeOf(c).repos.tags.remove(row.id)
  return c.json({ succeded: true })
}

export const tagHandlers: HandlerSet = {
  'get-location-tags': listTags,
  'get-tag-by-id': getTag,
  'create-tag': createTag,
  'update-tag': updateTag,
  'delete-tag': deleteTag,
}
