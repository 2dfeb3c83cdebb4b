// The answer of POST /_mock/tokens, on its own so `ghl-mock/testing`'s published types name no internals.

/** The answer of POST /_mock/tokens: `/oauth/token`'s shape plus the stored token's id. */
export interface MockTokenAnswer {
  access_token: string
  token_type: 'Bearer'
  /** Seconds; null for a private integration token, which never expires. */
  expires_in: number | null
  scope: string
  userType: 'Location' | 'Company'
  locationId?: string
  companyId: string
  tokenId: string
  type: 'oauth' | 'pit'
  /** The app the OAuth token belongs to; absent for a PIT. */
  clientId?: string
}

