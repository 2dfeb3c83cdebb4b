// The OAuth operations the gateway dispatches to (keyed by operationId in oauth.json).
import type { HandlerSet } from '../handlers/handler.js'
import { getInstalledLocations } from './installed-locations.js'
import { getLocationAccessToken } from './location-token.js'

export const oauthHandlers: HandlerSet = {
  'get-location-access-token': getLocationAccessToken,
  'get-installed-location': getInstalledLocations,
}
