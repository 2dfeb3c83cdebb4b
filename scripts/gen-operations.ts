// Compiles every operation of every spec into OperationSpec records and renders operations.ts.
// Pure: reads only the SpecSet it is given; no overrides here (src/gateway/overrides.ts has them).
import type {
  HttpMethod,
  OperationSpec,
  ParamSpec,
  RequestBodySpec,
  SchemaObject,
  SecurityRequirement,
  SecurityScheme,
} from '../src/generated/operation-spec.js'
import { compareText, singleQuoted } from './gen-render.js'
import { isObject, toKeyRefs, type Json, type JsonObject, type LoadedSpec, type SpecSet } from './gen-specs.js'

const METHODS: readonly HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete']
const SCHEMES: readonly SecurityScheme[] = [
  'bearer',
  'Location-Access',
  'Location-Access-Only',
  'Agency-Access',
  'Agency-Access-Only',
]
/** Headers the gateway handles itself; listing them as params would validate them twice. */
const LIFTED_HEADERS = new Set(['version', 'authorization'])

/** Every operation of the set, keyed and sorted for routing. */
export function compileOperations(set: SpecSet): OperationSpec[] {
  const raw = set.specs.flatMap((spec) => operationsOf(spec, set))
  const duplicated = duplicatedIds(raw)
  const keyed = raw.map((op) => ({ ...op, key: duplicated.has(op.operationId) ? `${op.module}.${op.operationId}` : op.operationId }))
  return keyed.sort(compareRoutes)
}

function operationsOf(spec: LoadedSpec, set: SpecSet): OperationSpec[] {
  const paths = spec.doc['paths']
  if (!isObject(paths)) return []
  const out: OperationSpec[] = []
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue
    for (const [method, op] of Object.entries(item)) {
      if (!isObject(op)) continue
      if (!isMethod(method)) throw new Error(`${spec.module}.json: unsupported method ${method} on ${path}`)
      out.push(compileOperation({ spec, set, path, method, op }))
    }
  }
  return out
}

interface OperationSource {
  readonly spec: LoadedSpec
  readonly set: SpecSet
  readonly path: string
  readonly method: HttpMethod
  readonly op: JsonObject
}

function compileOperation(src: OperationSource): OperationSpec {
  const { spec, path, method, op } = src
  const operationId = stringOr(op['operationId'], `${method} ${path}`)
  const success = successResponse(src)
  return {
    key: operationId,
    operationId,
    module: spec.module,
    summary: stringOr(op['summary'], ''),
    deprecated: op['deprecated'] === true,
    method,
    path,
    honoPath: toHonoPath(path),
    security: securityOf(src),
    versions: versionsOf(op),
    params: paramsOf(src),
    requestBody: requestBodyOf(src),
    successStatus: success.status,
    responseSchema: success.schema,
    ...(success.example === undefined ? {} : { responseExample: success.example }),
  }
}

/** `/contacts/{contactId}` → `/contacts/:contactId`; a param must fill its whole segment. */
export function toHonoPath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      const name = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(segment)?.[1]
      if (name === undefined && segment.includes('{')) throw new Error(`unsupported path segment ${segment} in ${path}`)
      return name === undefined ? segment : `:${name}`
    })
    .join('/')
}

function securityOf({ spec, path, op }: OperationSource): SecurityRequirement[] {
  const list = op['security']
  if (!Array.isArray(list)) return []
  return list.flatMap((entry) =>
    Object.entries(isObject(entry) ? entry : {}).map(([scheme, scopes]) => {
      if (!isScheme(scheme)) throw new Error(`${spec.module}.json: unknown security scheme ${scheme} on ${path}`)
      return { scheme, scopes: Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [] }
    }),
  )
}

function versionsOf(op: JsonObject): string[] {
  const version = declaredParams(op).find((p) => p['in'] === 'header' && String(p['name']).toLowerCase() === 'version')
  const schema = version?.['schema']
  const values = isObject(schema) ? schema['enum'] : undefined
  return Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : []
}

function declaredParams(op: JsonObject): JsonObject[] {
  const list = op['parameters']
  return Array.isArray(list) ? list.filter(isObject) : []
}

function paramsOf(src: OperationSource): ParamSpec[] {
  const declared = declaredParams(src.op)
    .filter((p) => !(p['in'] === 'header' && LIFTED_HEADERS.has(String(p['name']).toLowerCase())))
    .map((p) => toParam(p, src))
  return [...declared, ...undeclaredPathParams(src.path, declared)]
}

function toParam(p: JsonObject, { spec, set, path }: OperationSource): ParamSpec {
  const where = p['in']
  if (where !== 'path' && where !== 'query' && where !== 'header') {
    throw new Error(`${spec.module}.json: parameter in ${String(where)} on ${path} is not supported`)
  }
  return {
    name: String(p['name']),
    in: where,
    required: where === 'path' || p['required'] === true,
    schema: asSchema(toKeyRefs(p['schema'] ?? { type: 'string' }, spec, set)),
  }
}

/**
 * Eleven operations use `{x}` in their path without declaring it (e.g. `PUT /users/{userId}`).
 * Adding them as required strings keeps "every path param is in params" true for consumers.
 */
function undeclaredPathParams(path: string, declared: readonly ParamSpec[]): ParamSpec[] {
  const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '')
  return names
    .filter((name) => !declared.some((p) => p.in === 'path' && p.name === name))
    .map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }))
}

function requestBodyOf({ spec, set, op }: OperationSource): RequestBodySpec | null {
  const body = op['requestBody']
  const content = isObject(body) ? body['content'] : undefined
  if (!isObject(body) || !isObject(content)) return null
  const contentTypes = Object.keys(content)
  const contentType = contentTypes.includes('application/json') ? 'application/json' : contentTypes[0]
  if (contentType === undefined) return null
  const media = content[contentType]
  const schema = isObject(media) && media['schema'] !== undefined ? asSchema(toKeyRefs(media['schema'], spec, set)) : null
  return { contentType, contentTypes, required: body['required'] === true, schema }
}

interface SuccessResponse {
  readonly status: number
  readonly schema: SchemaObject | null
  readonly example: Json | undefined
}

function successResponse({ spec, set, op }: OperationSource): SuccessResponse {
  const responses = isObject(op['responses']) ? op['responses'] : {}
  const codes = Object.keys(responses).filter((c) => /^2\d\d$/.test(c)).map(Number).sort((a, b) => a - b)
  const status = codes[0] ?? 200
  const response = responses[String(status)]
  const content = isObject(response) ? response['content'] : undefined
  const media = isObject(content) ? content['application/json'] : undefined
  if (!isObject(media)) return { status, schema: null, example: undefined }
  const schema = media['schema'] === undefined ? null : asSchema(toKeyRefs(media['schema'], spec, set))
  return { status, schema, example: exampleOf(media) }
}

/** `example`, else the first named `examples` entry's value (phone-system uses the plural form). */
function exampleOf(media: JsonObject): Json | undefined {
  if (media['example'] !== undefined) return media['example']
  const examples = media['examples']
  const first = isObject(examples) ? Object.values(examples)[0] : undefined
  return isObject(first) ? first['value'] : undefined
}

function duplicatedIds(ops: readonly OperationSpec[]): Set<string> {
  const seen = new Set<string>()
  const duplicated = new Set<string>()
  for (const op of ops) (seen.has(op.operationId) ? duplicated : seen).add(op.operationId)
  return duplicated
}

/**
 * Routing order. Hono tries routes in registration order, so at the first segment where two
 * paths differ a static segment must come before a `{param}` (`/calendars/groups` before
 * `/calendars/{calendarId}`: stripe-mock's rule); otherwise by path, then method, then module.
 */
export function compareRoutes(a: OperationSpec, b: OperationSpec): number {
  const sa = a.path.split('/')
  const sb = b.path.split('/')
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const order = compareSegments(sa[i] ?? '', sb[i] ?? '')
    if (order !== 0) return order
  }
  return sa.length - sb.length || compareText(a.path, b.path) || compareText(a.method, b.method) || compareText(a.module, b.module)
}

function compareSegments(x: string, y: string): number {
  const px = x.startsWith('{')
  const py = y.startsWith('{')
  if (px !== py) return px ? 1 : -1
  return px ? 0 : compareText(x, y)
}

function isMethod(value: string): value is HttpMethod {
  return (METHODS as readonly string[]).includes(value)
}

function isScheme(value: string): value is SecurityScheme {
  return (SCHEMES as readonly string[]).includes(value)
}

function stringOr(value: Json | undefined, fallback: string): string {
  return typeof value === 'string' ? value : fallback
}

function asSchema(value: Json): SchemaObject {
  if (!isObject(value)) throw new Error(`expected a schema object, got ${JSON.stringify(value)}`)
  return value
}

/**
 * operations.ts body: the key union, then one operation per line as JSON text. JSON.parse keeps
 * the import at ~12 ms and spares tsc a 450 KB literal (an object literal costs ~26 ms to load
 * and ~4 s of type checking on every `tsc`); the generator itself is typed against OperationSpec.
 */
export function renderOperations(ops: readonly OperationSpec[]): string {
  const keys = ops.map((op) => `  | ${singleQuoted(op.key)}`).join('\n')
  const rows = ops.map((op) => `  ${singleQuoted(JSON.stringify(op))},`).join('\n')
  return [
    `import type { OperationSpec } from './operation-spec.js'`,
    '',
    `export type { OperationSpec } from './operation-spec.js'`,
    '',
    `/** Every operation key, for typing handler registries and overrides. */`,
    `export type OperationKey =\n${keys}`,
    '',
    `const rows: readonly string[] = [\n${rows}\n]`,
    '',
    `/** All ${ops.length} operations of the v2 specs in routing order: static segments before {param} ones. */`,
    `export const operations: readonly OperationSpec[] = Object.freeze(JSON.parse(\`[\${rows.join(',')}]\`) as OperationSpec[])`,
    '',
  ].join('\n')
}
