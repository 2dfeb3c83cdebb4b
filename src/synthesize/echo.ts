// Makes a synthesized body agree with its request: path ids and the caller's location/company
// replace the generated values of fields with the same name, and the addressed resource's `id`
// is the id in the path. Mutates the freshly built body it is given.
import { isPlainObject } from './sample.js'

/** How deep into the body matching field names are rewritten. */
const ECHO_DEPTH = 3

export interface EchoInput {
  /** Path parameters of the request, by name. */
  params: Readonly<Record<string, string>>
  /** The last path parameter (the resource the path addresses) and the noun of its segment. */
  addressed?: { value: string; noun: string }
  locationId: string | null
  companyId: string | null
}

/** `/contacts/:contactId` → contact; `/notes/:id` → note; `/calendars/:calendarId/free-slots` → calendar. */
export function addressedNoun(honoPath: string, param: string): string {
  if (param !== 'id' && param.endsWith('Id')) return param.slice(0, -2)
  const segments = honoPath.split('/')
  const at = segments.indexOf(`:${param}`)
  const before = segments[at - 1] ?? ''
  return before.endsWith('ies') ? `${before.slice(0, -3)}y` : before.endsWith('s') ? before.slice(0, -1) : before
}

export function echoRequestIds(body: unknown, input: EchoInput): void {
  const fields: Record<string, string> = {}
  if (input.locationId !== null) fields.locationId = input.locationId
  if (input.companyId !== null) fields.companyId = input.companyId
  // A parameter called plain `id` says nothing about other objects' ids; only the addressed
  // resource takes it (below).
  for (const [name, value] of Object.entries(input.params)) if (name !== 'id' && name !== '_id') fields[name] = value
  rewrite(body, fields, 0)
  if (input.addressed === undefined || !isPlainObject(body)) return
  const { value, noun } = input.addressed
  if ('id' in body) body.id = value
  const nested = body[noun]
  if (isPlainObject(nested) && 'id' in nested) nested.id = value
}

function rewrite(node: unknown, fields: Record<string, string>, depth: number): void {
  if (depth > ECHO_DEPTH) return
  if (Array.isArray(node)) {
    for (const item of node) rewrite(item, fields, depth + 1)
    return
  }
  if (!isPlainObject(node)) return
  for (const [key, value] of Object.entries(node)) {
    const replacement = fields[key]
    if (replacement !== undefined && (typeof value === 'string' || value === null)) node[key] = replacement
    else if (typeof value === 'object' && value !== null) rewrite(value, fields, depth + 1)
  }
}
