// The gateway: routes every operation of the effective table and runs HighLevel's checks in the
// platform's order (Version → Authorization → token → scope → token class → tenant → rate limit),
// then a stateful handler or the synthesizer. Each check lives in its own file; this one orders them.
import { STATUS_CODES } from 'node:http'
import type { Context, Handler } from 'hono'
import type { AppEnv, Module } from '../app-env.js'
import { GhlError, messages, renderError, unauthorized } from '../errors.js'
import { handlerFor } from '../handlers/index.js'
import type { Runtime } from '../runtime.js'
import type { TokenRow } from '../storage/tokens.js'
import { Synthesizer } from '../synthesize/synthesize.js'
import { checkBearer } from './bearer.js'
import { operationTable, type EffectiveOperation } from '../spec/operation-table.js'
import { readRequestBody } from './request-body.js'
import { routePaths } from './routes.js'
import { hasScopes } from './scopes.js'
import { gatewayState, type GatewayState } from './state.js'
import { checkLocationAccess, checkCompanyAccess, checkTenantFields } from './tenant-access.js'
import { acceptedKinds, checkTokenClass } from './token-class.js'
import { checkVersion } from './version.js'

export const FIDELITY_HEADER = 'x-ghl-mock-fidelity'

/** Mounts every operation, in table order (static paths before `{param}` paths). */
export const gateway: Module = (app, runtime) => {
  const state = gatewayState(runtime)
  const synthesizer = new Synthesizer({ warn: (message) => runtime.log.warn(message) })
  const specPaths = new Map<string, Set<string>>()
  for (const op of operationTable) {
    const paths = specPaths.get(op.method) ?? new Set<string>()
    paths.add(op.honoPath)
    specPaths.set(op.method, paths)
  }
  for (const op of operationTable) {
    const handle = operationHandler(op, runtime, state, synthesizer)
    for (const path of routePaths(op.honoPath, specPaths.get(op.method)!)) app.on(op.method.toUpperCase(), path, handle)
  }
}

type BodyUse = 'none' | 'read'

function operationHandler(op: EffectiveOperation, runtime: Runtime, state: GatewayState, synthesizer: Synthesizer): Handler<AppEnv> {
  // Everything that depends only on the operation is decided here, once, not per request.
  const services = { repos: runtime.repos, clock: runtime.clock, keys: runtime.keys }
  const { limiter, faults, locations } = state
  const kinds = acceptedKinds(op.schemes)
  const stateful = handlerFor(op.key)
  const fidelity = stateful ? 'stateful' : 'synthesized'
  const operation = { key: op.key, operationId: op.operationId }
  // Multipart uploads are neither inspected nor validated (see README: not emulated).
  const bodyUse: BodyUse = op.requestBody === null || op.requestBody.contentType.startsWith('multipart/') ? 'none' : 'read'
  const pathLocation = op.params.find((p) => p.in === 'path' && (p.name === 'locationId' || p.name === 'location_id'))?.name
  const pathCompany = op.params.some((p) => p.in === 'path' && p.name === 'companyId')

  async function answer(c: Context<AppEnv>, body: unknown): Promise<Response> {
    try {
      const res = stateful ? await stateful(c, body as never) : await synthesizer.respond(c, op, body)
      res.headers.set(FIDELITY_HEADER, fidelity)
      return res
    } catch (error) {
      const res = renderError(error, c)
      res.headers.set(FIDELITY_HEADER, fidelity)
      return res
    }
  }

  function checkTenant(c: Context<AppEnv>, token: TokenRow, body: unknown): void {
    if (pathLocation !== undefined) checkLocationAccess(token, c.req.param(pathLocation) ?? '', locations)
    if (pathCompany) checkCompanyAccess(token, c.req.param('companyId') ?? '')
    if (c.req.url.includes('?')) checkTenantFields(token, c.req.query(), locations)
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) checkTenantFields(token, body as Record<string, unknown>, locations)
  }

  async function applyFault(c: Context<AppEnv>): Promise<void> {
    const fault = faults.take(c.req.method, c.req.path, op.key, op.operationId)
    if (fault === undefined) return
    if (fault.delayMs > 0) await new Promise<void>((resolve) => runtime.clock.setTimeout(resolve, fault.delayMs))
    if (fault.status !== null) throw faultError(fault.status, fault.message)
  }

  return async function handleOperation(c) {
    c.set('operation', operation)
    if (op.requiresVersion) checkVersion(c.req.header('version'))
    if (!op.requiresAuth) return answer(c, bodyUse === 'none' ? undefined : await readRequestBody(c))

    const token = checkBearer(services, c.req.header('authorization'))
    c.set('auth', token)
    const bucket = limiter.bucketFor(token)
    let res: Response
    try {
      if (!hasScopes(token, op.requiredScopes)) throw unauthorized(messages.scopeMissing)
      checkTokenClass(kinds, token)
      const body = bodyUse === 'none' ? undefined : await readRequestBody(c)
      checkTenant(c, token, body)
      if (!limiter.take(bucket)) throw new GhlError(429, messages.tooManyRequests, { error: null })
      if (!faults.empty) await applyFault(c)
      res = await answer(c, body)
    } catch (error) {
      res = renderError(error, c)
    }
    // Every answer to an authenticated caller reports the bucket, refusals included.
    limiter.applyHeaders(res.headers, bucket)
    return res
  }
}

/** An injected failure in HighLevel's shape; 401/403/429 bodies carry no `error`, as live. */
function faultError(status: number, message: string | null): GhlError {
  const text = message ?? STATUS_CODES[status] ?? `Injected fault ${status}`
  return new GhlError(status, text, status === 401 || status === 403 || status === 429 ? { error: null } : {})
}
