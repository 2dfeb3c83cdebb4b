// The control plane under /_mock: JSON endpoints for tests and tools, guarded by --admin-token
// when set. Each concern adds its routes in its own file; this file only guards and mounts.
import { timingSafeEqual } from 'node:crypto'
import type { Module } from '../app-env.js'
import { GhlError } from '../errors.js'
import { basics } from './basics.js'
import { openControlPlaneWarning } from './exposure.js'
import { faultControl } from './faults.js'
import { requestJournal } from './requests.js'
import { mockTokens } from './tokens.js'
import { oauthControl } from './oauth.js'
import { webhookControl } from './webhooks.js'

const sameSecret = (a: string, b: string) => {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

export const controlPlane: Module = (app, runtime) => {
  const { adminToken } = runtime.options
  const exposed = openControlPlaneWarning(runtime.options)
  if (exposed) runtime.log.warn(exposed)
  if (adminToken) {
    app.use('/_mock/*', async function adminGuard(c, next) {
      const presented = c.req.header('authorization')?.replace(/^Bearer\s+/i, '') ?? ''
      if (!sameSecret(presented, adminToken)) throw new GhlError(401, 'A valid admin token is required for /_mock endpoints.')
      await next()
    })
  }
  basics(app, runtime)
  mockTokens(app, runtime)
  requestJournal(app, runtime)
  faultControl(app, runtime)
  oauthControl(app, runtime)
  webhookControl(app, runtime)
}
