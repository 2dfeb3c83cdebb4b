// Hand-kept corrections to the compiled specs, each with the reason it exists, plus a pure audit
// that says when one contradicts or repeats the spec. Applying them is operation-table.ts's job.
import type { OperationKey, OperationSpec, SchemaObject, SchemaTable } from '../generated/index.js'

/** Scopes for an operation whose spec lists none (never to replace a listed scope). */
export interface ScopeOverride {
  readonly key: OperationKey
  readonly scopes: readonly string[]
  readonly reason: string
}

/** Request-body fields the spec marks required but real clients leave out. */
export interface BodyOverride {
  readonly key: OperationKey
  readonly optional: readonly string[]
  readonly reason: string
}

/** An operation that needs neither a Version header nor a token. */
export interface PublicOverride {
  readonly key: OperationKey
  readonly reason: string
}

export interface Overrides {
  readonly scopes: readonly ScopeOverride[]
  readonly body: readonly BodyOverride[]
  readonly public: readonly PublicOverride[]
}

/**
 * From the Scopes table in shared/docs/highlevel-developer-docs.md (upstream docs/oauth/Scopes.md).
 * The reason names the route as the table does, so a reviewer can find the row.
 */
function documented(key: OperationKey, route: string, scope: string): ScopeOverride {
  return { key, scopes: [scope], reason: `Scopes table lists ${route} under ${scope}; the spec lists no scope` }
}

const scopeOverrides: readonly ScopeOverride[] = [
  documented('cancel-scheduled-email-message', 'DELETE /conversations/messages/email/:emailMessageId/schedule', 'conversations/message.write'),
  documented('import-courses', 'POST /courses/courses-exporter/public/import', 'courses.write'),
  documented('delete-template', 'DELETE /emails/builder/:locationId/:templateId', 'emails/builder.write'),
  documented('getFunnels', 'GET /funnels/funnel/list', 'funnels/funnel.readonly'),
  documented('getPagesByFunnelId', 'GET /funnels/page', 'funnels/page.readonly'),
  documented('getPagesCountByFunnelId', 'GET /funnels/page/count', 'funnels/pagecount.readonly'),
  documented('get-tag-by-id', 'GET /locations/:locationId/tags/:tagId', 'locations/tags.readonly'),
  documented('update-tag', 'PUT /locations/:locationId/tags/:tagId', 'locations/tags.write'),
  documented('delete-tag', 'DELETE /locations/:locationId/tags/:tagId', 'locations/tags.write'),
  documented('get-custom-field', 'GET /locations/:locationId/customFields/:id', 'locations/customFields.readonly'),
  documented('locations.update-custom-field', 'PUT /locations/:locationId/customFields/:id', 'locations/customFields.write'),
  documented('locations.delete-custom-field', 'DELETE /locations/:locationId/customFields/:id', 'locations/customFields.write'),
  documented('get-custom-value', 'GET /locations/:locationId/customValues/:id', 'locations/customValues.readonly'),
  documented('update-custom-value', 'PUT /locations/:locationId/customValues/:id', 'locations/customValues.write'),
  documented('delete-custom-value', 'DELETE /locations/:locationId/customValues/:id', 'locations/customValues.write'),
  documented('get-record-by-id', 'GET /objects/:schemaKey/records/:id', 'objects/record.readonly'),
  documented('update-object-record', 'PUT /objects/:schemaKey/records/:id', 'objects/record.write'),
  documented('delete-object-record', 'DELETE /objects/:schemaKey/records/:id', 'objects/record.write'),
  documented('get-custom-snapshots', 'GET /snapshots/', 'snapshots.readonly'),
  documented('delete-account', 'DELETE /social-media-posting/:locationId/accounts/:id', 'socialplanner/account.write'),
  documented('get-upload-status', 'GET /social-media-posting/:locationId/csv', 'socialplanner/csv.readonly'),
  documented('get-csv-post', 'GET /social-media-posting/:locationId/csv/:id', 'socialplanner/csv.readonly'),
  documented('start-csv-finalize', 'PATCH /social-media-posting/:locationId/csv/:id', 'socialplanner/csv.write'),
  documented('delete-csv', 'DELETE /social-media-posting/:locationId/csv/:id', 'socialplanner/csv.write'),
  documented('delete-csv-post', 'DELETE /social-media-posting/:locationId/csv/:csvId/post/:postId', 'socialplanner/csv.write'),
  // The table files post bulk-delete under csv.write, not post.write; we follow the table.
  documented('bulk-delete-social-planner-posts', 'POST /social-media-posting/:locationId/posts/bulk-delete', 'socialplanner/csv.write'),
  documented('get-categories-id', 'GET /social-media-posting/:locationId/categories/:id', 'socialplanner/category.readonly'),
  documented('start-facebook-oauth', 'GET /social-media-posting/oauth/facebook/start', 'socialplanner/oauth.readonly'),
  documented('get-facebook-page-group', 'GET /social-media-posting/oauth/:locationId/facebook/accounts/:accountId', 'socialplanner/oauth.readonly'),
  documented('attach-facebook-page-group', 'POST /social-media-posting/oauth/:locationId/facebook/accounts/:accountId', 'socialplanner/oauth.write'),
  documented('get-google-locations', 'GET /social-media-posting/oauth/:locationId/google/locations/:accountId', 'socialplanner/oauth.readonly'),
  documented('set-google-locations', 'POST /social-media-posting/oauth/:locationId/google/locations/:accountId', 'socialplanner/oauth.write'),
  documented('get-instagram-page-group', 'GET /social-media-posting/oauth/:locationId/instagram/accounts/:accountId', 'socialplanner/oauth.readonly'),
  documented('attach-instagram-page-group', 'POST /social-media-posting/oauth/:locationId/instagram/accounts/:accountId', 'socialplanner/oauth.write'),
  documented('start-linkedin-oauth', 'GET /social-media-posting/oauth/linkedin/start', 'socialplanner/oauth.readonly'),
  documented('get-linkedin-page-profile', 'GET /social-media-posting/oauth/:locationId/linkedin/accounts/:accountId', 'socialplanner/oauth.readonly'),
  documented('attach-linkedin-page-profile', 'POST /social-media-posting/oauth/:locationId/linkedin/accounts/:accountId', 'socialplanner/oauth.write'),
  documented('get-tiktok-profile', 'GET /social-media-posting/oauth/:locationId/tiktok/accounts/:accountId', 'socialplanner/oauth.readonly'),
  documented('attach-tiktok-profile', 'POST /social-media-posting/oauth/:locationId/tiktok/accounts/:accountId', 'socialplanner/oauth.write'),
  documented('get-tiktok-business-profile', 'GET /social-media-posting/oauth/:locationId/tiktok-business/accounts/:accountId', 'socialplanner/oauth.readonly'),
  documented('get-twitter-profile', 'GET /social-media-posting/oauth/:locationId/twitter/accounts/:accountId', 'socialplanner/oauth.readonly'),
  documented('attach-twitter-profile', 'POST /social-media-posting/oauth/:locationId/twitter/accounts/:accountId', 'socialplanner/oauth.write'),
  documented('get-post', 'GET /social-media-posting/:locationId/posts/:id', 'socialplanner/post.readonly'),
  documented('edit-post', 'PUT /social-media-posting/:locationId/posts/:id', 'socialplanner/post.write'),
  documented('delete-post', 'DELETE /social-media-posting/:locationId/posts/:id', 'socialplanner/post.write'),
  documented('get-tags-location-id', 'GET /social-media-posting/:locationId/tags', 'socialplanner/tag.readonly'),
  documented('get-tags-by-ids', 'POST /social-media-posting/:locationId/tags/details', 'socialplanner/tag.readonly'),
]

const bodyOverrides: readonly BodyOverride[] = [
  {
    key: 'send-a-new-message',
    optional: ['subType', 'status'],
    reason:
      'SendMessageBodyDto marks them required, but real clients send {type, contactId, message|html} without them: ' +
      'status (delivered|failed|pending|read) is delivery state a sender cannot know, and subType is typed ' +
      '`object` with example "Email" (spec noise). Rejecting them would 422 every real send.',
  },
]

const publicOverrides: readonly PublicOverride[] = [
  {
    key: 'get-access-token',
    reason: 'POST /oauth/token is how a token is obtained: it takes client credentials in the body, no Bearer and no Version header',
  },
]

export const overrides: Overrides = { scopes: scopeOverrides, body: bodyOverrides, public: publicOverrides }

/** Scopes the spec itself lists for an operation, across all its security alternatives. */
export function listedScopes(op: OperationSpec): string[] {
  const scopes = op.security.flatMap((s) => s.scopes)
  return scopes.filter((scope, i) => scopes.indexOf(scope) === i)
}

/**
 * Every way `overrides` disagrees with `operations`: an unknown key, a scope override where the
 * spec already lists a scope (contradiction or repetition), a body field that is not required
 * (or not in the schema), a public operation the spec secures. Empty means all is well.
 */
export function auditOverrides(operations: readonly OperationSpec[], schemas: SchemaTable, given: Overrides = overrides): string[] {
  const byKey = new Map(operations.map((op) => [op.key, op]))
  const find = (key: string, problems: string[]): OperationSpec | undefined => {
    const op = byKey.get(key)
    if (op === undefined) problems.push(`${key}: no such operation`)
    return op
  }
  const problems: string[] = []
  for (const o of given.scopes) auditScope(o, find(o.key, problems), problems)
  for (const o of given.body) auditBody(o, find(o.key, problems), schemas, problems)
  for (const o of given.public) auditPublic(o, find(o.key, problems), problems)
  return [...problems, ...duplicateKeys(given)]
}

function auditScope(o: ScopeOverride, op: OperationSpec | undefined, problems: string[]): void {
  if (op === undefined) return
  const listed = listedScopes(op)
  if (listed.length === 0) return
  const same = o.scopes.every((s) => listed.includes(s)) && listed.every((s) => o.scopes.includes(s))
  problems.push(
    same
      ? `${o.key}: scope override repeats the spec (${listed.join(', ')}); remove it`
      : `${o.key}: scope override (${o.scopes.join(', ')}) contradicts the spec (${listed.join(', ')})`,
  )
}

function auditBody(o: BodyOverride, op: OperationSpec | undefined, schemas: SchemaTable, problems: string[]): void {
  if (op === undefined) return
  const required = requiredBodyFields(op, schemas)
  for (const field of o.optional) {
    if (!required.includes(field)) problems.push(`${o.key}: body field ${field} is not required by the spec; remove it`)
  }
}

function auditPublic(o: PublicOverride, op: OperationSpec | undefined, problems: string[]): void {
  if (op === undefined) return
  if (op.security.length > 0) problems.push(`${o.key}: marked public but the spec secures it (${op.security.map((s) => s.scheme).join(', ')})`)
}

function duplicateKeys(given: Overrides): string[] {
  const lists = { scopes: given.scopes, body: given.body, public: given.public }
  return Object.entries(lists).flatMap(([kind, list]) => {
    const keys = list.map((o) => o.key)
    return keys.filter((k, i) => keys.indexOf(k) !== i).map((k) => `${k}: listed twice in ${kind} overrides`)
  })
}

/** The `required` list of the operation's request body, following one `$ref` into `schemas`. */
export function requiredBodyFields(op: OperationSpec, schemas: SchemaTable): string[] {
  const schema = derefOnce(op.requestBody?.schema ?? null, schemas)
  const required = schema?.['required']
  return Array.isArray(required) ? required.filter((f): f is string => typeof f === 'string') : []
}

function derefOnce(schema: SchemaObject | null, schemas: SchemaTable): SchemaObject | null {
  const ref = schema?.['$ref']
  return typeof ref === 'string' ? (schemas[ref] ?? null) : schema
}
