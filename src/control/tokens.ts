// POST /_mock/tokens: mints an OAuth access token or a private integration token directly,
// skipping the consent page, so test suites can exercise every gateway rule. Minting itself is
// src/auth's job; this file only validates the request and shapes the answer.
import type { Module } from '../app-env.js'
import { ACCESS_TOKEN_TTL_SECONDS, mintOAuthToken, mintPrivateIntegrationToken } from '../auth/access-tokens.js'
import { assertValid, notFound } from '../errors.js'
import { parseScopeList } from '../gateway/scopes.js'
import { knownScopes } from '../spec/scope-catalog.js'
import { readJsonBody, type JsonObject } from '../http/json-body.js'
import type { Runtime } from '../runtime.js'
import type { AuthClass } from '../storage/tokens.js'
import type { App } from '../world/model.js'
import type { MockTokenAnswer } from './token-answer.js'

const MAX_EXPIRES_IN = 10 * 365 * 86_400

export type { MockTokenAnswer } from './token-answer.js'

interface TokenRequest {
  type: 'oauth' | 'pit'
  authClass: AuthClass
  companyId: string
  locationId: string | null
  scopes: string[] | undefined
  app: App | undefined
  expiresIn: number | undefined
}

export const mockTokens: Module = (app, runtime) => {
  app.post('/_mock/tokens', async (c) => {
    const request = parseTokenRequest(await readJsonBody(c), runtime)
    return c.json(mint(request, runtime), 201)
  })
}

function parseTokenRequest(body: JsonObject, runtime: Runtime): TokenRequest {
  const { repos } = runtime
  const problems: string[] = []
  const optionalId = (field: string): string | undefined => {
    const value = body[field]
    if (value === undefined || value === null) return undefined
    if (typeof value !== 'string' || value === '') problems.push(`${field} must be a non-empty string`)
    return typeof value === 'string' ? value : undefined
  }
  const locationId = optionalId('locationId')
  const companyId = optionalId('companyId')
  const clientId = optionalId('clientId')
  const type = body.type ?? 'oauth'
  if (type !== 'oauth' && type !== 'pit') problems.push('type must be one of the following values: oauth, pit')
  if (body.locationId == null && body.companyId == null) problems.push('locationId or companyId should not be empty')
  const scopes = body.scopes === undefined ? undefined : parseScopeList(body.scopes)
  if (body.scopes !== undefined && scopes === undefined) problems.push('scopes must be an array of strings or a space-separated string')
  for (const scope of scopes ?? []) if (!knownScopes.has(scope)) problems.push(`scopes contains an unknown scope: ${scope}`)
  const expiresIn = body.expiresIn
  if (expiresIn !== undefined && (typeof expiresIn !== 'number' || !Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_EXPIRES_IN)) {
    problems.push(`expiresIn must be a whole number of seconds from 1 to ${MAX_EXPIRES_IN}`)
  }
  if (type === 'pit' && clientId !== undefined) problems.push('clientId applies to oauth tokens only (a private integration token belongs to no app)')
  if (type === 'pit' && expiresIn !== undefined) problems.push('expiresIn applies to oauth tokens only (a private integration token never expires)')
  assertValid(problems)

  // References: unknown ids answer 404, like the API does for a missing record.
  const location = locationId === undefined ? undefined : repos.locations.get(locationId)
  if (locationId !== undefined && location === undefined) throw notFound(`Location not found: ${locationId}`)
  const company = repos.companies.get(companyId ?? location!.companyId)
  if (company === undefined) throw notFound(`Company not found: ${companyId}`)
  if (location !== undefined && location.companyId !== company.id) {
    assertValid([`companyId ${company.id} is not the company of location ${location.id} (${location.companyId})`])
  }
  const tokenApp = type === 'oauth' ? findApp(runtime, clientId) : undefined
  return {
    type: type as 'oauth' | 'pit',
    authClass: location ? 'Location' : 'Company',
    companyId: company.id,
    locationId: location?.id ?? null,
    scopes,
    app: tokenApp,
    expiresIn: expiresIn as number | undefined,
  }
}

/** The app with this client id, or the demo app (the first one seeded). */
function findApp(runtime: Runtime, clientId: string | undefined): App {
  const found = clientId === undefined ? runtime.repos.apps.list()[0] : runtime.repos.apps.getByClientId(clientId)
  if (found === undefined) throw notFound(clientId === undefined ? 'No app is seeded' : `App not found for clientId ${clientId}`)
  return found
}

function mint(request: TokenRequest, runtime: Runtime): MockTokenAnswer {
  const { authClass, companyId, locationId } = request
  if (request.type === 'pit') {
    // Omitted scopes: every known scope, like ticking every box in the PIT dialog.
    const scopes = request.scopes ?? [...knownScopes]
    const { token, row } = mintPrivateIntegrationToken(runtime, { authClass, companyId, locationId, scopes, parentId: null })
    return answer(token, row.id, 'pit', null, scopes, authClass, companyId, locationId)
  }
  const app = request.app!
  // Omitted scopes: what the app was configured with. Listed scopes are taken as given, even
  // ones the app lacks: this is a test backdoor, and the gateway still enforces what the token holds.
  const scopes = request.scopes ?? app.scopes
  const expiresIn = request.expiresIn ?? ACCESS_TOKEN_TTL_SECONDS
  const { token, row } = mintOAuthToken(runtime, {
    app,
    authClass,
    companyId,
    locationId,
    scopes,
    source: 'mock',
    expiresIn,
  })
  return { ...answer(token, row.id, 'oauth', expiresIn, scopes, authClass, companyId, locationId), clientId: app.clientId }
}

function answer(
  token: string,
  tokenId: string,
  type: 'oauth' | 'pit',
  expiresIn: number | null,
  scopes: string[],
  userType: AuthClass,
  companyId: string,
  locationId: string | null,
): MockTokenAnswer {
  return {
    access_token: token,
    token_type: 'Bearer',
    expires_in: expiresIn,
    scope: scopes.join(' '),
    userType,
    ...(locationId !== null && { locationId }),
    companyId,
    tokenId,
    type,
  }
}
