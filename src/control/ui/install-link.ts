// The consent-page URL of an app, shared by the dashboard and the CLI banner. The scopes asked for
// include oauth.* when registered, so the tokens it yields can reach /oauth/locationToken.
import type { App } from '../../world/model.js'

/** Scopes a first install asks for, when the app registered them. */
export const starterScopes = [
  'contacts.readonly',
  'contacts.write',
  'opportunities.readonly',
  'opportunities.write',
  'calendars.readonly',
  'conversations.readonly',
  'locations.readonly',
  'users.readonly',
  'oauth.readonly',
  'oauth.write',
]

/** `base` empty gives a root-relative link (the dashboard); the CLI passes the instance URL. */
export function installLink(base: string, app: Pick<App, 'clientId' | 'redirectUris' | 'scopes'>, redirectUri = app.redirectUris[0] ?? ''): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: app.clientId,
    redirect_uri: redirectUri,
    scope: starterScopes.filter((s) => app.scopes.includes(s)).join(' '),
  })
  return `${base}/oauth/chooselocation?${params.toString()}`
}
