// POST /oauth/locationToken (operation `get-location-access-token`): an agency token of an app
// becomes a Location token for a sub-account where that app is installed. The gateway has already
// checked Version, the bearer, Agency-Access-Only and oauth.write; this checks the body.
import { objectBody } from '../resources/kit/body.js'
import { ACCESS_TOKEN_TTL_SECONDS, mintOAuthToken } from '../auth/access-tokens.js'
import { GhlError, assertValid, forbidden } from '../errors.js'
import type { OperationHandler } from '../handlers/handler.js'
import { requireCompanyToken, stringProblems } from './handler-checks.js'

export const getLocationAccessToken: OperationHandler<'get-location-access-token'> = function getLocationAccessToken(c, requestBody) {
  const runtime = c.var.runtime
  const { repos } = runtime
  const auth = requireCompanyToken(c.var.auth)
  // Form-encoded per the spec and the SDK; JSON as HighLevel's own sample app sends it.
  const body = objectBody(requestBody)
  assertValid([...stringProblems(body, 'companyId'), ...stringProblems(body, 'locationId')])
  const companyId = body.companyId as string
  const locationId = body.locationId as string
  if (companyId !== auth.companyId) throw forbidden('The token does not have access to this company.')
  const app = auth.appId ? repos.apps.get(auth.appId) : undefined
  if (!app) throw new GhlError(400, 'Location tokens can only be generated from the agency token of a Marketplace app')
  const location = repos.locations.get(locationId)
  if (!location || location.companyId !== companyId) throw new GhlError(400, `Location ${locationId} not found in company ${companyId}`)

  // Sub-account apps need an install on the location (bulk or single); an agency-targeted app
  // installed on the agency may act on any of its sub-accounts.
  const install =
    repos.installs.activeForLocation(app.id, location.id) ??
    (app.distribution.targetUserType === 'Agency' ? repos.installs.activeForCompany(app.id, companyId) : undefined)
  if (!install) throw new GhlError(400, `${app.name} is not installed on location ${locationId}`)

  const { token } = mintOAuthToken(runtime, {
    app,
    authClass: 'Location',
    companyId,
    locationId: location.id,
    userId: auth.userId,
    scopes: auth.scopes,
    installId: install.id,
    source: 'location_token',
    // The agency token's grant, so a revoked grant takes its location tokens with it.
    parentId: auth.parentId ?? auth.id,
  })
  return c.json(
    {
      access_token: token,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_TTL_SECONDS,
      scope: auth.scopes.join(' '),
      locationId: location.id,
      ...(app.planId ? { planId: app.planId } : {}),
      userId: auth.userId ?? '',
      appId: app.id,
      versionId: app.versionId,
    },
    200,
  )
}
