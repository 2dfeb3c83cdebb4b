// Builds the Hono app: cross-cutting middleware (trace id, body limit), the modules in their
// registration order, and HighLevel-shaped 404s and errors.
import { randomUUID } from 'node:crypto'
import { Hono } from 'hono'
import type { AppEnv } from './app-env.js'
import { GhlError, renderError } from './errors.js'
import { bodyLimit } from './http/body-limit.js'
import { modules } from './modules.js'
import type { Runtime } from './runtime.js'

export function createApp(runtime: Runtime): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.use(async function traceAndRuntime(c, next) {
    const traceId = randomUUID()
    c.set('traceId', traceId)
    c.set('runtime', runtime)
    await next()
    c.res.headers.set('traceId', traceId)
  })

  app.use(
    bodyLimit(runtime.options.bodyLimit, () => {
      throw new GhlError(413, 'request entity too large')
    }),
  )

  // Registration order is matching order: fixed control and OAuth routes first, the spec's
  // operations (static paths before {param} paths) after them.
  for (const mount of modules) mount(app, runtime)

  app.notFound((c) => renderError(new GhlError(404, `Cannot ${c.req.method} ${c.req.path}`), c))
  app.onError((err, c) => renderError(err, c))
  return app
}
