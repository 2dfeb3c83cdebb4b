// The optional checks a token request makes on the grant it redeems (user_type). Pure.
import { GhlError } from '../errors.js'
import type { GrantRow } from '../storage/oauth.js'
import { oauthMessages } from './messages.js'

/** What the token request says about the grant it redeems; each is checked only when sent. */
export interface GrantChecks {
  redirectUri?: string
  userType?: string
}

/** `user_type` is optional, but a Company request for a Location grant (or the reverse) fails. */
export function assertUserType(grant: GrantRow, userType: string | undefined): void {
  if (userType !== undefined && userType !== grant.userType) {
    throw new GhlError(400, oauthMessages.userTypeMismatch(userType, grant.userType))
  }
}
