// /_mock/installs: install and uninstall apps without the browser (same records and INSTALL /
// UNINSTALL events as the consent page), and list installs with their payment status.
import type { Module } from '../app-env.js'
import { GhlError, assertValid, notFound } from '../errors.js'
import { readJsonBody, type JsonObject } from '../http/json-body.js'
import { CODE_TTL_MS, issueCode } from '../oauth/codes.js'
import { createGrant } from '../oauth/grants.js'
import { describeInstall, install, uninstall, type InstallInput } from '../oauth/installs.js'
import { parseScopes } from '../oauth/authorize-request.js'
import type { App } from '../world/model.js'

export const installControl: Module = (app, runtime) => {
  app.get('/_mock/installs', function listInstalls(c) {
    const { clientId, appId, locationId, companyId, status } = c.req.query()
    const wantedApp = clientId ? runtime.repos.apps.getByClientId(clientId)?.id ?? '-' : appId
    const rows = runtime.repos.installs
      .list()
      .filter(
        (row) =>
          (!wantedApp || row.appId === wantedApp) &&
          (!locationId || row.locationId === locationId) &&
          (!companyId || row.companyId === companyId) &&
          (!status || row.status === status),
      )
    return c.json({ installs: rows.map((row) => describeInstall(runtime, row)), count: rows.length })
  })

  app.post('/_mock/installs', async function createInstall(c) {
    const body = await readJsonBody(c)
    const { target, app: installed, scopes, redirectUri } = readInstallBody((id) => runtime.repos.apps.getByClientId(id), body)
    const result = runtime.repos.transaction(() => {
      const done = install(runtime, { app: installed, ...target })
      const grant = createGrant(runtime, { app: installed, install: done, scopes, redirectUri })
      return { done, code: issueCode(runtime, grant, installed, redirectUri) }
    })
    const { done, code } = result
    return c.json(
      {
        kind: done.kind,
        created: done.created,
        userType: done.kind === 'location' ? 'Location' : 'Company',
        installs: done.installs.map((row) => describeInstall(runtime, runtime.repos.installs.get(row.id)!)),
        // Exchange it at POST /oauth/token like a code from the consent page.
        code,
        redirectUri,
        codeExpiresIn: CODE_TTL_MS / 1000,
      },
      done.created ? 201 : 200,
    )
  })

  app.delete('/_mock/installs/:id', function removeInstall(c) {
    const removed = uninstall(runtime, c.req.param('id'))
    return c.json({ uninstalled: removed.map((row) => describeInstall(runtime, row)) })
  })
}

/**
 * `{clientId, locationId}` installs on a sub-account; `{clientId, companyId, locationIds?, bulk?}`
 * installs an agency-targeted app on the agency, or bulk-installs a sub-account app on the given
 * sub-accounts (all of them by default).
 */
function readInstallBody(
  findApp: (clientId: string) => App | undefined,
  body: JsonObject,
): { target: Omit<InstallInput, 'app'>; app: App; scopes: string[]; redirectUri: string } {
  const problems: string[] = []
  const str = (field: string) => {
    const value = body[field]
    if (value !== undefined && typeof value !== 'string') problems.push(`${field} must be a string`)
    return typeof value === 'string' && value !== '' ? value : undefined
  }
  const clientId = str('clientId')
  if (!clientId) problems.push('clientId should not be empty')
  const locationId = str('locationId')
  const companyId = str('companyId')
  const userId = str('userId')
  if (!locationId && !companyId) problems.push('locationId or companyId is required')
  if (locationId && companyId) problems.push('send locationId (a sub-account install) or companyId (an agency install), not both')
  const locationIds = body.locationIds
  if (locationIds !== undefined && (!Array.isArray(locationIds) || locationIds.some((id) => typeof id !== 'string'))) {
    problems.push('locationIds must be an array of location ids')
  }
  if (body.bulk !== undefined && typeof body.bulk !== 'boolean') problems.push('bulk must be a boolean')
  const scope = body.scopes
  if (scope !== undefined && typeof scope !== 'string' && !Array.isArray(scope)) problems.push('scopes must be a string or an array')
  const redirectGiven = str('redirectUri')
  assertValid(problems)

  const app = findApp(clientId!)
  if (!app) throw notFound(`No app has client id ${clientId}`)
  const scopes = Array.isArray(scope) ? (scope as string[]) : typeof scope === 'string' && scope !== '' ? parseScopes(scope) : [...app.scopes]
  const unregistered = scopes.filter((s) => !app.scopes.includes(s))
  if (unregistered.length > 0) throw new GhlError(422, [`scopes not registered by ${app.name}: ${unregistered.join(', ')}`])
  const redirectUri = redirectGiven ?? app.redirectUris[0]!
  if (!app.redirectUris.includes(redirectUri)) throw new GhlError(422, [`redirectUri is not registered by ${app.name}`])

  if (locationId) return { target: { kind: 'location', locationId, userId }, app, scopes, redirectUri }
  if (app.distribution.targetUserType === 'Agency') {
    if (body.bulk === true) throw new GhlError(400, `${app.name} targets agencies and cannot be bulk-installed`)
    return { target: { kind: 'agency', companyId, userId }, app, scopes, redirectUri }
  }
  if (body.bulk === false) {
    throw new GhlError(400, `${app.name} targets sub-accounts: an agency install of it is a bulk install; send locationId to install on one sub-account`)
  }
  return { target: { kind: 'bulk', companyId, locationIds: locationIds as string[] | undefined, userId }, app, scopes, redirectUri }
}
