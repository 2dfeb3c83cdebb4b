// The control plane under /_mock: JSON endpoints for tests and tools, guarded by --admin-token
// when set. Each concern adds its routes in its own file; this file only guards and mounts.
import type { Module } from '../app-env.js'
import { GhlError } from '../errors.js'
import { basics } from './basics.js'
import { openControlPlaneWarning } from './exposure.js'
import { sameSecret } from './same-secret.js'
import { faultControl } from './faults.js'
import { requestJournal } from './requests.js'
import { mockTokens } from './tokens.js'
import { oauthControl } from './oauth.js'
import { webhookControl } from './webhooks.js'
import { ADMIN_COOKIE, dashboard } from './ui/index.js'
import { openapiControl } from './openapi.js'
import { coverageControl } from './coverage.js'


export const controlPlane: Module = (app, runtime) => {
  const { adminToken } = runtime.options
  const exposed = openControlPlaneWarning(runtime.options)
  if (exposed) runtime.log.warn(exposed)
  if (adminToken) {
    app.use('/_mock/*', async function adminGuard(c, next) {
      if (c.req.path === '/_mock/ui/login') return next()
      // A bearer header (tools, tests) or the dashboard's sign-in cookie.
      const presented = c.req.header('authorization')?.replace(/^Bearer\s+/i, '') ?? adminCookie(c.req.header('cookie'))
      if (!sameSecret(presented, adminToken)) {
        if (c.req.method === 'GET' && (c.req.path === '/_mock/ui' || c.req.path.startsWith('/_mock/ui/'))) {
          return c.redirect(`/_mock/ui/login?next=${encodeURIComponent(c.req.path)}`)
        }
        throw new GhlError(401, 'A valid admin token is required for /_mock endpoints.')
      }
      await next()
    })
  }
  basics(app, runtime)
  mockTokens(app, runtime)
  requestJournal(app, runtime)
  faultControl(app, runtime)
  oauthControl(app, runtime)
  webhookControl(app, runtime)
  openapiControl(app, runtime)
  coverageControl(app, runtime)
  dashboard(app, runtime)
}

function adminCookie(header: string | undefined): string {
  const pair = header?.split(/;\s*/).find((part) => part.startsWith(`${ADMIN_COOKIE}=`))
  if (!pair) return ''
  try {
    return decodeURIComponent(pair.slice(ADMIN_COOKIE.length + 1))
  } catch {
    return ''
  }
}
