// A contact's tags (add, remove), the bulk tag update and the bulk business assignment. Tag
// changes emit ContactTagUpdate only; the bulk business change is a ContactUpdate.
import { objectBody } from '../kit/body.js'
import type { BodyOf, HandlerSet } from '../../handlers/handler.js'
import { unprocessable } from '../../errors.js'
import { contactOf, stringList } from './contact-access.js'
import { Problems, assertValid, namedLocation, pathParam, type Ctx } from '../kit/index.js'
import { normalizeTags, readTagList } from './contact-shape.js'
import { saveContact } from './contact-writes.js'

/** The most contacts one bulk request may name (HighLevel's bulk endpoints take pages of 100). */
const BULK_MAX = 100

const tagsOf = (data: Record<string, unknown>): string[] => (Array.isArray(data.tags) ? (data.tags as string[]) : [])

async function requestedTags(c: Ctx, requestBody: unknown): Promise<string[]> {
  const problems = new Problems()
  const tags = readTagList((objectBody(requestBody)).tags, 'tags', problems)
  if (tags && tags.length === 0) problems.add('tags should not be empty')
  problems.check()
  return tags!
}

async function addTags(c: Ctx, requestBody: BodyOf<'add-tags'>): Promise<Response> {
  const { runtime } = c.var
  const row = contactOf(c, pathParam(c, 'contactId'))
  const tags = normalizeTags([...tagsOf(row.data), ...(await requestedTags(c, requestBody))])
  runtime.repos.transaction(() => saveContact(runtime, row, { set: {}, tags }, 'specific'))
  return c.json({ tags }, 201)
}

async function removeTags(c: Ctx, requestBody: BodyOf<'remove-tags'>): Promise<Response> {
  const { runtime } = c.var
  const row = contactOf(c, pathParam(c, 'contactId'))
  const removing = new Set(await requestedTags(c, requestBody))
  const tags = tagsOf(row.data).filter((tag) => !removing.has(tag))
  runtime.repos.transaction(() => saveContact(runtime, row, { set: {}, tags }, 'specific'))
  return c.json({ tags })
}

/**
 * POST /contacts/bulk/tags/update/{add|remove}. Contacts that are unknown (or of another location)
 * count as errors, each with a line in `responses`; the others are updated.
 */
async function bulkUpdateTags(c: Ctx, requestBody: BodyOf<'contacts.create-association'>): Promise<Response> {
  const { runtime } = c.var
  const type = pathParam(c, 'type')
  if (type !== 'add' && type !== 'remove') throw unprocessable(['type must be one of the following values: add, remove'])
  const body = objectBody(requestBody)
  const location = namedLocation(c, body.locationId)
  const problems = new Problems()
  const ids = stringList(body, 'contacts', problems, BULK_MAX)
  const removeAll = body.removeAllTags === true && type === 'remove'
  if (body.removeAllTags !== undefined && typeof body.removeAllTags !== 'boolean') problems.add('removeAllTags must be a boolean value')
  const tags = readTagList(body.tags, 'tags', problems) ?? []
  if (tags.length === 0 && !removeAll) problems.add('tags should not be empty')
  problems.check()

  const responses: string[] = []
  runtime.repos.transaction(() => {
    for (const id of ids) {
      const row = runtime.repos.contacts.getInLocation(location.id, id)
      if (!row) {
        responses.push(`Contact not found: ${id}`)
        continue
      }
      const current = tagsOf(row.data)
      const next = removeAll ? [] : type === 'add' ? normalizeTags([...current, ...tags]) : current.filter((tag) => !tags.includes(tag))
      saveContact(runtime, row, { set: {}, tags: next }, 'specific')
    }
  })
  return c.json({ succeded: responses.length === 0, errorCount: responses.length, responses }, 201)
}

/** POST /contacts/bulk/business: sets (or, with businessId null, clears) the business of each contact. */
async function bulkBusiness(c: Ctx, requestBody: BodyOf<'add-remove-contact-from-business'>): Promise<Response> {
  const { runtime } = c.var
  const body = objectBody(requestBody)
  const location = namedLocation(c, body.locationId)
  const problems = new Problems()
  const ids = stringList(body, 'ids', problems, BULK_MAX)
  const businessId = body.businessId
  if (businessId !== null && (typeof businessId !== 'string' || businessId === '')) problems.add('businessId must be a string or null')
  problems.check()
  const updated = runtime.repos.transaction(() =>
    ids.flatMap((id) => {
      const row = runtime.repos.contacts.getInLocation(location.id, id)
      if (!row) return []
      saveContact(runtime, row, { set: { businessId: businessId === null ? '' : businessId } })
      return [id]
    }),
  )
  return c.json({ success: true, ids: updated })
}

export const contactTagHandlers: HandlerSet = {
  'add-tags': addTags,
  'remove-tags': removeTags,
  'contacts.create-association': bulkUpdateTags,
  'add-remove-contact-from-business': bulkBusiness,
}
