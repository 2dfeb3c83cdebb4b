// Validates the query of an install link (`/oauth/chooselocation?client_id=…`). Any failure is
// shown on an error page and never redirected: an unchecked redirect_uri is an open redirector.
import type { Repos } from '../storage/repos.js'
import type { App } from '../world/model.js'

export interface AuthorizeRequest {
  app: App
  redirectUri: string
  scopes: string[]
  /** Echoed back untouched on the redirect; null when the link had none. */
  state: string | null
  /** `self` opens HighLevel's login in the same tab; accepted and carried, nothing to emulate. */
  loginWindowOpenMode: string | null
}

export type AuthorizeCheck =
  | { ok: true; request: AuthorizeRequest }
  | { ok: false; reason: string; details: Array<[string, string]> }

type Params = Record<string, string | undefined>

/** Splits a `scope` parameter (space-separated; `+` already decoded; commas are not separators, as on HighLevel) into distinct scopes. */
export const parseScopes = (scope: string | undefined): string[] => [...new Set((scope ?? '').split(/\s+/).filter(Boolean))]

/**
 * Checks client_id, redirect_uri, response_type and scope. A missing scope means the app's
 * registered scopes; a missing redirect_uri is accepted only when the app registers exactly one.
 */
export function checkAuthorizeRequest(repos: Repos, params: Params): AuthorizeCheck {
  const fail = (reason: string, details: Array<[string, string]> = []): AuthorizeCheck => ({ ok: false, reason, details })
  const clientId = params.client_id ?? ''
  if (clientId === '') return fail('The install link has no client_id.')
  const app = repos.apps.getByClientId(clientId)
  if (!app) return fail('No app has this client_id.', [['client_id', clientId]])

  const given = params.redirect_uri
  let redirectUri: string
  if (given === undefined || given === '') {
    if (app.redirectUris.length !== 1) {
      return fail('The install link has no redirect_uri, and the app registers more than one.', registered(app))
    }
    redirectUri = app.redirectUris[0]!
  } else if (!app.redirectUris.includes(given)) {
    return fail('The redirect_uri is not one of the redirect URIs the app registered (they must match exactly).', [
      ['redirect_uri', given],
      ...registered(app),
    ])
  } else {
    redirectUri = given
  }

  const responseType = params.response_type ?? ''
  if (responseType !== 'code') {
    return fail('response_type must be "code".', [['response_type', responseType === '' ? '(missing)' : responseType]])
  }

  const requested = parseScopes(params.scope)
  const unregistered = requested.filter((scope) => !app.scopes.includes(scope))
  if (unregistered.length > 0) {
    return fail('The link asks for scopes the app did not register.', [['scopes not registered', unregistered.join(' ')]])
  }
  return {
    ok: true,
    request: {
      app,
      redirectUri,
      scopes: requested.length > 0 ? requested : [...app.scopes],
      state: params.state ?? null,
      loginWindowOpenMode: params.loginWindowOpenMode ?? null,
    },
  }
}

const registered = (app: App): Array<[string, string]> => app.redirectUris.map((uri) => ['registered redirect URI', uri])
