// The middleware that feeds the request journal: every request outside /_mock, whoever answers
// it (the gateway, the OAuth routes, a 404). It must be mounted before the routes it records.
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.js'
import type { Runtime } from '../runtime.js'
import { gatewayState } from './state.js'

export function recordRequests(runtime: Runtime): MiddlewareHandler<AppEnv> {
  const { clock } = runtime
  const { journal } = gatewayState(runtime)
  return async function journalRequest(c, next) {
    const path = c.req.path
    if (path === '/_mock' || path.startsWith('/_mock/')) return next()
    const started = clock.now()
    await next()
    // c.get, not c.var: c.var copies every variable into a new object on each read.
    const auth = c.get('auth')
    journal.add({
      at: started,
      method: c.req.method,
      path,
      operationId: c.get('operation')?.key ?? null,
      status: c.res.status,
      durationMs: clock.now() - started,
      traceId: c.get('traceId') ?? null,
      tokenId: auth?.id ?? null,
      appId: auth?.appId ?? null,
      clientId: auth?.clientId ?? null,
      locationId: auth?.locationId ?? null,
      companyId: auth?.companyId ?? null,
    })
  }
}
