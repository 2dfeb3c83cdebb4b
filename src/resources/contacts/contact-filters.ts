// Reads the body of POST /contacts/search (filters, sort, searchAfter) into the storage layer's
// filter tree, naming every problem the way HighLevel's 422s do. Owns the API's field names and
// operators; knows nothing of SQL.
import { Problems } from '../kit/index.js'
import type { Condition, DateField, SortField, SortKey, TextField } from '../../storage/contact-search.js'
import { normalizePhone } from './contact-shape.js'

type Json = Record<string, unknown>
type Kind = 'text' | 'tags' | 'dnd' | 'date'

/** API field name → what it filters. Lower-case twins and UI names are accepted as aliases. */
const FIELDS: Record<string, { kind: Kind; field: TextField | DateField | 'tags' | 'dnd' }> = {
  id: { kind: 'text', field: 'id' },
  email: { kind: 'text', field: 'email' },
  phone: { kind: 'text', field: 'phone' },
  firstName: { kind: 'text', field: 'firstName' },
  firstNameLowerCase: { kind: 'text', field: 'firstName' },
  lastName: { kind: 'text', field: 'lastName' },
  lastNameLowerCase: { kind: 'text', field: 'lastName' },
  fullName: { kind: 'text', field: 'fullName' },
  fullNameLowerCase: { kind: 'text', field: 'fullName' },
  contactName: { kind: 'text', field: 'fullName' },
  companyName: { kind: 'text', field: 'companyName' },
  businessName: { kind: 'text', field: 'companyName' },
  assignedTo: { kind: 'text', field: 'assignedTo' },
  businessId: { kind: 'text', field: 'businessId' },
  source: { kind: 'text', field: 'source' },
  type: { kind: 'text', field: 'type' },
  city: { kind: 'text', field: 'city' },
  state: { kind: 'text', field: 'state' },
  country: { kind: 'text', field: 'country' },
  postalCode: { kind: 'text', field: 'postalCode' },
  timezone: { kind: 'text', field: 'timezone' },
  address: { kind: 'text', field: 'address1' },
  address1: { kind: 'text', field: 'address1' },
  website: { kind: 'text', field: 'website' },
  tags: { kind: 'tags', field: 'tags' },
  dnd: { kind: 'dnd', field: 'dnd' },
  dateAdded: { kind: 'date', field: 'dateAdded' },
  dateUpdated: { kind: 'date', field: 'dateUpdated' },
}

const OPERATORS: Record<Kind, readonly string[]> = {
  text: ['eq', 'not_eq', 'contains', 'not_contains', 'exists', 'not_exists'],
  tags: ['eq', 'not_eq', 'contains', 'not_contains', 'exists', 'not_exists'],
  dnd: ['eq', 'not_eq'],
  date: ['range', 'gt', 'gte', 'lt', 'lte', 'exists', 'not_exists'],
}

const SORT_FIELDS: Record<string, SortField> = {
  dateAdded: 'dateAdded',
  dateUpdated: 'dateUpdated',
  firstName: 'firstName',
  firstNameLowerCase: 'firstName',
  lastName: 'lastName',
  lastNameLowerCase: 'lastName',
  companyName: 'companyName',
  businessName: 'companyName',
  email: 'email',
}

const MAX_DEPTH = 3
const MAX_VALUES = 100

/** The filter list of a search body; nested `{group: 'AND'|'OR', filters}` items are groups. */
export function readFilters(value: unknown, problems: Problems): Condition[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) {
    problems.add('filters must be an array')
    return []
  }
  return value.flatMap((item: unknown, i) => readCondition(item, `filters[${i}]`, 1, problems) ?? [])
}

function readCondition(item: unknown, path: string, depth: number, problems: Problems): Condition | undefined {
  if (!isObject(item)) return void problems.add(`${path} must be an object`)
  if (item.group !== undefined || item.filters !== undefined) {
    if (item.group !== 'AND' && item.group !== 'OR') return void problems.add(`${path}.group must be one of the following values: AND, OR`)
    if (depth >= MAX_DEPTH) return void problems.add(`${path} nests groups deeper than ${MAX_DEPTH} levels`)
    if (!Array.isArray(item.filters)) return void problems.add(`${path}.filters must be an array`)
    const conditions = item.filters.flatMap((inner: unknown, i) => readCondition(inner, `${path}.filters[${i}]`, depth + 1, problems) ?? [])
    return { kind: item.group === 'AND' ? 'all' : 'any', conditions }
  }
  const spec = typeof item.field === 'string' ? FIELDS[item.field] : undefined
  if (!spec) return void problems.add(`${path}.field must be one of the following values: ${Object.keys(FIELDS).join(', ')}`)
  const operator = item.operator
  if (typeof operator !== 'string' || !OPERATORS[spec.kind].includes(operator)) {
    return void problems.add(`${path}.operator must be one of the following values for ${String(item.field)}: ${OPERATORS[spec.kind].join(', ')}`)
  }
  const fail = (message: string): undefined => {
    problems.add(`${path}.value ${message}`)
    return undefined
  }
  switch (spec.kind) {
    case 'text':
      return textCondition(spec.field as TextField, operator, item.value, fail)
    case 'tags':
      return tagCondition(operator, item.value, fail)
    case 'dnd':
      return dndCondition(operator, item.value, fail)
    case 'date':
      return dateCondition(spec.field as DateField, operator, item.value, fail)
  }
}

function textCondition(field: TextField, operator: string, value: unknown, fail: (m: string) => undefined): Condition | undefined {
  if (operator === 'exists' || operator === 'not_exists') return { kind: 'exists', field, negate: operator === 'not_exists' }
  const values = stringValues(value)
  if (!values) return fail('must be a non-empty string or an array of up to 100 non-empty strings')
  let normalized = values
  if (field === 'phone') {
    // Equality compares stored E.164 numbers; `contains` compares digits.
    const phones = values.map((v) => (operator === 'eq' || operator === 'not_eq' ? normalizePhone(v) : v.replace(/\D/g, '') || undefined))
    if (phones.some((p) => p === undefined)) return fail('must be a phone number')
    normalized = phones as string[]
  }
  return { kind: 'text', field, op: operator as 'eq' | 'not_eq' | 'contains' | 'not_contains', values: normalized }
}

function tagCondition(operator: string, value: unknown, fail: (m: string) => undefined): Condition | undefined {
  if (operator === 'exists' || operator === 'not_exists') return { kind: 'exists', field: 'tags', negate: operator === 'not_exists' }
  const tags = stringValues(value)
  if (!tags) return fail('must be a tag or an array of up to 100 tags')
  // eq: has every tag given; contains: has at least one; not_eq / not_contains: has none of them.
  const op = operator === 'eq' ? 'all' : operator === 'contains' ? 'any' : 'none'
  return { kind: 'tags', op, tags }
}

function dndCondition(operator: string, value: unknown, fail: (m: string) => undefined): Condition | undefined {
  const flag = value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined
  if (flag === undefined) return fail('must be a boolean')
  return { kind: 'dnd', value: operator === 'eq' ? flag : !flag }
}

function dateCondition(field: DateField, operator: string, value: unknown, fail: (m: string) => undefined): Condition | undefined {
  // Every contact has both dates: `exists` keeps all of them, `not_exists` none.
  if (operator === 'exists') return { kind: 'all', conditions: [] }
  if (operator === 'not_exists') return { kind: 'any', conditions: [] }
  const bounds: Partial<Record<'gt' | 'gte' | 'lt' | 'lte', unknown>> = operator === 'range' ? (isObject(value) ? value : {}) : { [operator]: value }
  const condition: Extract<Condition, { kind: 'range' }> = { kind: 'range', field }
  for (const key of ['gt', 'gte', 'lt', 'lte'] as const) {
    if (bounds[key] === undefined) continue
    const ms = instant(bounds[key])
    if (ms === undefined) return fail(`${operator === 'range' ? `.${key} ` : ''}must be an ISO 8601 date or epoch milliseconds`)
    condition[key] = ms
  }
  if (Object.keys(condition).length === 2) return fail(operator === 'range' ? 'must be an object with gt, gte, lt or lte' : 'must be a date')
  return condition
}

/** The sort list: up to three `{field, direction}`; newest first when absent. */
export function readSort(value: unknown, problems: Problems): SortKey[] {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return [{ field: 'dateAdded', direction: 'desc' }]
  if (!Array.isArray(value) || value.length > 3) {
    problems.add('sort must be an array of at most 3 {field, direction} objects')
    return []
  }
  return value.flatMap((item: unknown, i) => {
    const field = isObject(item) && typeof item.field === 'string' ? SORT_FIELDS[item.field] : undefined
    const direction = isObject(item) ? (item.direction ?? 'desc') : undefined
    if (!field) problems.add(`sort[${i}].field must be one of the following values: ${Object.keys(SORT_FIELDS).join(', ')}`)
    if (direction !== 'asc' && direction !== 'desc') problems.add(`sort[${i}].direction must be one of the following values: asc, desc`)
    return field && (direction === 'asc' || direction === 'desc') ? [{ field, direction }] : []
  })
}

/** A searchAfter cursor: the sort values of a previous result, then its id (as results carry it). */
export function readSearchAfter(value: unknown, sort: readonly SortKey[], problems: Problems): (string | number)[] | undefined {
  if (value === undefined || value === null) return undefined
  const dates = new Set<SortField>(['dateAdded', 'dateUpdated'])
  const valid =
    Array.isArray(value) &&
    value.length === sort.length + 1 &&
    sort.every((key, i) => (dates.has(key.field) ? typeof value[i] === 'number' : typeof value[i] === 'string')) &&
    typeof value[sort.length] === 'string'
  if (!valid) {
    problems.add('searchAfter must be the searchAfter array of a contact from a previous page of the same search')
    return undefined
  }
  return value as (string | number)[]
}

function stringValues(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value : [value]
  if (list.length === 0 || list.length > MAX_VALUES) return undefined
  const strings = list.map((v) => (typeof v === 'number' ? String(v) : v))
  return strings.every((v) => typeof v === 'string' && v.trim() !== '') ? (strings as string[]).map((v) => v.trim()) : undefined
}

function instant(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? undefined : ms
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
