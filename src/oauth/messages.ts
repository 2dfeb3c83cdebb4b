// Error messages of the OAuth endpoints, in one place so tests and the README quote the same
// words. HighLevel does not document these bodies; the wording is ours (see docs/readme/oauth.md).

export const oauthMessages = {
  invalidClient: 'Invalid client credentials: client_id or client_secret is incorrect',
  unsupportedGrant: 'grant_type client_credentials is not supported for Marketplace apps',
  invalidCode: 'Invalid authorization code',
  usedCode: 'Authorization code has already been used; the tokens issued from it are revoked',
  expiredCode: 'Authorization code has expired',
  codeOtherClient: 'Authorization code was issued to another client',
  redirectMismatch: 'redirect_uri does not match the redirect URI the authorization code was issued for',
  invalidRefresh: 'Invalid refresh token',
  usedRefresh: 'Refresh token has already been used',
  expiredRefresh: 'Refresh token has expired',
  refreshOtherClient: 'Refresh token was issued to another client',
  revokedGrant: 'This authorization was revoked: the app was uninstalled or its code was reused',
  userTypeMismatch: (sent: string, actual: string) => `user_type ${sent} does not match this authorization, which is for a ${actual}`,
  consentRejected: 'This integration cannot be added, please contact the developer!',
} as const
