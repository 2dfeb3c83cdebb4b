// GET /_mock/openapi.json: an OpenAPI 3.1 description of the control plane itself, so tools and
// people can discover /_mock without reading the source. A test checks every /_mock route is listed.
import type { Module } from '../app-env.js'

type Schema = Record<string, unknown>
interface Op {
  summary: string
  /** Query parameters: name → description. */
  query?: Record<string, string>
  /** Request body properties: name → [JSON type, description]; `*` marks required. */
  body?: Record<string, [string, string]>
  /** Status of success (default 200). */
  status?: number
  html?: boolean
}

const s = (type: string, description: string): Schema => ({ type, description })
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } }
const locationIdParam = { name: 'locationId', in: 'path', required: true, schema: { type: 'string' } }

/** The control routes, by path then method. Paths use OpenAPI `{param}` syntax. */
const routes: Record<string, Record<string, Op>> = {
  '/_mock/health': { get: { summary: 'Liveness and the mock clock' } },
  '/_mock/world': { get: { summary: 'The seeded apps (with credentials), agencies, sub-accounts, users and installs' } },
  '/_mock/reset': { post: { summary: 'Wipe and reseed the world; clears rate limits, the journal and faults' } },
  '/_mock/clock': { get: { summary: 'The mock time, clock mode and offset' } },
  '/_mock/clock/advance': { post: { summary: 'Move the clock forward; due webhook retries fire', body: { 'ms*': ['number', 'milliseconds to advance'] } } },
  '/_mock/keys': { get: { summary: 'Public keys: webhook RSA and Ed25519, token RS256 (PEM)' } },
  '/_mock/tokens': {
    post: {
      summary: 'Mint an OAuth access token or a private integration token without the consent page',
      status: 201,
      body: {
        locationId: ['string', 'a sub-account token'],
        companyId: ['string', 'an agency token'],
        scopes: ['string', 'space-separated, or an array; default the app scopes (OAuth) or all (PIT)'],
        type: ['string', 'oauth (default) or pit'],
        clientId: ['string', 'the app (OAuth); default the demo app'],
        expiresIn: ['number', 'lifetime in seconds (OAuth)'],
      },
    },
  },
  '/_mock/requests': {
    get: { summary: 'The request journal, newest first', query: { operationId: 'operation id', status: '404 or 4xx', locationId: 'sub-account', method: 'HTTP method', clientId: 'app client id', tokenId: 'token id', limit: '1 to 1000' } },
  },
  '/_mock/faults': {
    get: { summary: 'Armed faults' },
    post: { summary: 'Arm a failure or delay for matching API requests', status: 201, body: { 'match*': ['string', 'operation id or path pattern (`GET /contacts/*`)'], status: ['number', '400-599'], times: ['number', 'how many requests'], delayMs: ['number', 'added latency'], message: ['string', 'error message'] } },
    delete: { summary: 'Disarm every fault' },
  },
  '/_mock/faults/{id}': { delete: { summary: 'Disarm one fault' } },
  '/_mock/installs': {
    get: { summary: 'Installs with their payment status', query: { clientId: 'app client id', appId: 'app id', locationId: 'sub-account', companyId: 'agency', status: 'installed or uninstalled' } },
    post: { summary: 'Install an app as the consent page would; answers a code for /oauth/token', status: 201, body: { 'clientId*': ['string', 'the app'], locationId: ['string', 'a sub-account install'], companyId: ['string', 'an agency or bulk install'], locationIds: ['array', 'bulk: these sub-accounts'], bulk: ['boolean', 'bulk install'], scopes: ['string', 'granted scopes'], redirectUri: ['string', 'registered redirect URI'], userId: ['string', 'installing user'] } },
  },
  '/_mock/installs/{id}': { delete: { summary: 'Uninstall (UNINSTALL webhook, tokens revoked)' } },
  '/_mock/private-integrations': {
    get: { summary: 'Private integrations' },
    post: { summary: 'Create a private integration (its token is shown once)', status: 201 },
  },
  '/_mock/private-integrations/{id}': {
    get: { summary: 'One private integration' },
    patch: { summary: 'Edit name or scopes' },
    delete: { summary: 'Delete it (its tokens stop working)' },
  },
  '/_mock/private-integrations/{id}/rotate': { post: { summary: 'Rotate its token (old one kept for a grace window)' } },
  '/_mock/billing/events': { get: { summary: 'Payments reported to the billing webhook, newest first', query: { clientId: 'app client id', appId: 'app id', locationId: 'sub-account', companyId: 'agency', status: 'COMPLETED or FAILED', limit: 'at most 500' } } },
  '/_mock/webhooks/deliveries': { get: { summary: 'Webhook deliveries with every attempt, newest first', query: { status: 'pending, sending, delivered, failed', type: 'event type', locationId: 'sub-account', appId: 'app id', eventId: 'event id', before: 'delivery id (paging)', limit: '1 to 500' } } },
  '/_mock/webhooks/deliveries/{id}/replay': { post: { summary: 'Send a delivery again now (same webhookId)' } },
  '/_mock/webhooks/trigger': { post: { summary: 'Emit a synthetic event to every app that would receive it', body: { 'type*': ['string', 'event type, e.g. ContactCreate'], 'locationId*': ['string', 'sub-account'], data: ['object', 'fields merged into the payload'] } } },
  '/_mock/coverage': { get: { summary: 'Per spec module: which operations are stateful and which synthesized from the spec' } },
  '/_mock/openapi.json': { get: { summary: 'This document' } },
  '/_mock/ui': { get: { summary: 'The dashboard (HTML)', html: true } },
}

function operation(path: string, method: string, op: Op): Schema {
  const parameters: Schema[] = []
  if (path.includes('{id}')) parameters.push(idParam)
  if (path.includes('{locationId}')) parameters.push(locationIdParam)
  for (const [name, description] of Object.entries(op.query ?? {})) parameters.push({ name, in: 'query', required: false, description, schema: { type: 'string' } })
  const result: Schema = {
    operationId: `${method}${path.replace(/^\/_mock/, '').replace(/[{}]/g, '').replace(/[/.-](\w)/g, (_, ch: string) => ch.toUpperCase())}`,
    summary: op.summary,
    tags: [path.split('/')[2] ?? 'mock'],
    ...(parameters.length > 0 && { parameters }),
    responses: {
      [String(op.status ?? 200)]: op.html
        ? { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } }
        : { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } },
      401: { $ref: '#/components/responses/Unauthorized' },
      ...(op.body || path.includes('{') ? { 404: { $ref: '#/components/responses/Error' }, 422: { $ref: '#/components/responses/Error' } } : {}),
    },
  }
  if (op.body) {
    const required = Object.keys(op.body).filter((k) => k.endsWith('*')).map((k) => k.slice(0, -1))
    const properties = Object.fromEntries(Object.entries(op.body).map(([k, [type, description]]) => [k.replace(/\*$/, ''), s(type, description)]))
    result.requestBody = { required: required.length > 0, content: { 'application/json': { schema: { type: 'object', properties, ...(required.length > 0 && { required }) } } } }
  }
  return result
}

/** The control plane's OpenAPI document. */
export function controlApiDocument(version: string): Schema {
  const errorBody = { type: 'object', required: ['statusCode', 'message'], properties: { statusCode: { type: 'integer' }, message: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }, error: { type: 'string' } } }
  return {
    openapi: '3.1.0',
    info: { title: 'ghl-mock control plane', version, description: 'Endpoints under /_mock that drive the emulator: world, clock, tokens, installs, webhooks, faults, journal. Guarded by --admin-token when set.' },
    servers: [{ url: '/' }],
    security: [{}, { adminToken: [] }],
    paths: Object.fromEntries(Object.entries(routes).map(([path, methods]) => [path, Object.fromEntries(Object.entries(methods).map(([method, op]) => [method, operation(path, method, op)]))])),
    components: {
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'The --admin-token value (only when the instance was started with one)' } },
      responses: {
        Unauthorized: { description: 'Admin token missing or wrong', content: { 'application/json': { schema: errorBody } } },
        Error: { description: 'HighLevel-shaped error', content: { 'application/json': { schema: errorBody } } },
      },
    },
  }
}

/** Every documented (method, path) pair, paths in Hono's `:param` form: for the completeness test. */
export function documentedRoutes(): Array<{ method: string; path: string }> {
  return Object.entries(routes).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{(\w+)\}/g, ':$1') })))
}

export const openapiControl: Module = (app) => {
  let document: Schema | undefined
  app.get('/_mock/openapi.json', async (c) => {
    if (!document) {
      const { readFile } = await import('node:fs/promises')
      const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
      document = controlApiDocument(pkg.version)
    }
    return c.json(document)
  })
}
