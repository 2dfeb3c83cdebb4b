// GET /oauth/installedLocations (operation `get-installed-location`): an agency's sub-accounts
// and whether an app is installed on each. The gateway has checked the agency token and scope.
import { assertValid, forbidden, notFound } from '../errors.js'
import type { OperationHandler } from '../handlers/handler.js'
import type { InstallRow } from '../storage/installs.js'
import type { Location } from '../world/model.js'
import { requireCompanyToken, stringProblems } from './handler-checks.js'

const DEFAULT_LIMIT = 20

export const getInstalledLocations: OperationHandler = function getInstalledLocations(c) {
  const { repos } = c.var.runtime
  const auth = requireCompanyToken(c.var.auth)
  const query = c.req.query()
  const problems = [...stringProblems(query, 'companyId'), ...stringProblems(query, 'appId')]
  const skip = numberParam(query.skip, 'skip', 0, problems)
  const limit = numberParam(query.limit, 'limit', DEFAULT_LIMIT, problems)
  const isInstalled = booleanParam(query.isInstalled, 'isInstalled', problems)
  const onTrial = booleanParam(query.onTrial, 'onTrial', problems)
  assertValid(problems)
  if (query.companyId !== auth.companyId) throw forbidden('The token does not have access to this company.')
  const app = repos.apps.get(query.appId!)
  if (!app) throw notFound(`App ${query.appId} not found`)

  const text = query.query?.trim().toLowerCase()
  const rows = repos.locations
    .listByCompany(query.companyId)
    .map((location) => ({ location, install: repos.installs.activeForLocation(app.id, location.id) }))
    .filter(({ location, install }) => {
      if (text && !location.name.toLowerCase().includes(text) && location.id.toLowerCase() !== text) return false
      if (query.locationId && location.id !== query.locationId) return false
      if (isInstalled !== undefined && Boolean(install) !== isInstalled) return false
      if (query.versionId && (!install || install.data.versionId !== query.versionId)) return false
      if (query.planId && (!install || install.data.planId !== query.planId)) return false
      // Trials are not emulated: nothing is on trial.
      if (onTrial === true) return false
      return true
    })
  const agencyInstall = repos.installs.activeForCompany(app.id, query.companyId)
  return c.json(
    {
      locations: rows.slice(skip, skip + limit).map(({ location, install }) => describe(location, install)),
      count: rows.length,
      installToFutureLocations: agencyInstall?.data.installToFutureLocations === true,
    },
    200,
  )
}

function describe(location: Location, install: InstallRow | undefined) {
  const address = [location.address, location.city, [location.state, location.postalCode].filter(Boolean).join(' '), location.country]
    .filter(Boolean)
    .join(', ')
  return {
    _id: location.id,
    name: location.name,
    address,
    isInstalled: Boolean(install),
    ...(install
      ? { versionId: String(install.data.versionId ?? ''), installedAt: new Date(install.createdAt).toISOString() }
      : {}),
  }
}

function numberParam(raw: string | undefined, name: string, fallback: number, problems: string[]): number {
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw)) {
    problems.push(`${name} must be a number string`)
    return fallback
  }
  return Number(raw)
}

function booleanParam(raw: string | undefined, name: string, problems: string[]): boolean | undefined {
  if (raw === undefined || raw === '') return undefined
  if (raw === 'true') return true
  if (raw === 'false') return false
  problems.push(`${name} must be a boolean value`)
  return undefined
}

