// A sub-account's email/SMS templates (/locations/{id}/templates): list and delete. The API has no
// way to create one, so a sub-account starts with none; records added through the repositories
// (fixtures, test setup) are listed. Delete is soft: `?deleted=true` lists what was deleted.
import { badRequest } from '../../errors.js'
import type { HandlerSet } from '../../handlers/handler.js'
import { accessibleLocation, runtimeOf, type Ctx } from '../kit/access.js'
import { query } from './location-input.js'
import { Problems } from '../kit/problems.js'

export const templateMessages = { notFound: 'Template not found' } as const

function listTemplates(c: Ctx) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  const problems = new Problems()
  if (!query(c, 'originId')) problems.add('originId should not be empty')
  const deleted = problems.bool('deleted', query(c, 'deleted'), false)
  const skip = problems.int('skip', query(c, 'skip'), { default: 0, min: 0 })
  const limit = problems.int('limit', query(c, 'limit'), { default: 25, min: 1, max: 1000 })
  const type = problems.oneOf('type', query(c, 'type'), ['sms', 'email', 'whatsapp'] as const)
  problems.check()
  const { rows, total } = runtimeOf(c).repos.templates.page(location.id, { deleted, type, skip, limit })
  return c.json({ templates: rows.map((row) => row.data), totalCount: total })
}

function deleteTemplate(c: Ctx) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  const { repos, clock } = runtimeOf(c)
  const row = repos.templates.getInLocation(location.id, c.req.param('id') ?? '')
  if (!row || row.data.deleted === true) throw badRequest(templateMessages.notFound)
  repos.templates.update(row.id, { ...row.data, deleted: true }, clock.now())
  return c.json({ success: true })
}

export const templateHandlers: HandlerSet = {
  'GET-all-or-email-sms-templates': listTemplates,
  'DELETE-an-email-sms-template': deleteTemplate,
}
