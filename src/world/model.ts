// The tenant model shared by every module: Marketplace apps, agencies (companies), sub-accounts
// (locations) and users, in the shapes the API and the control plane return them.

export type TargetUserType = 'Sub-Account' | 'Agency'
export type Installer = 'Agency' | 'Sub-Account'

/** A Marketplace app as its developer configured it in the portal. */
export interface App {
  /** 24 hex characters; the part of the client id before the dash. */
  id: string
  versionId: string
  name: string
  clientId: string
  clientSecret: string
  redirectUris: string[]
  scopes: string[]
  distribution: {
    targetUserType: TargetUserType
    installableBy: Installer[]
    bulkInstallation: boolean
  }
  /** Default webhook URL; '' when the app receives none. */
  webhookUrl: string
  /** Event types the app subscribes to; null means all. */
  webhookEvents: string[] | null
  businessModel: 'free' | 'paid'
  /** External billing: where the browser goes after a paid app's install. */
  billingUrl: string | null
  planId: string | null
  /** A custom conversation provider (ConversationProviders.md) the app registered, if any. */
  conversationProvider?: ConversationProvider
}

/**
 * A custom SMS or Email provider: outbound messages of its channel, on a location where the app is
 * installed, go to `deliveryUrl` as ProviderOutboundMessage instead of being sent by HighLevel.
 */
export interface ConversationProvider {
  /** The conversationProviderId messages carry. */
  id: string
  name: string
  type: 'SMS' | 'Email'
  deliveryUrl: string
}

export interface Company {
  id: string
  name: string
  email: string
  phone: string
  website: string
  address: string
  city: string
  state: string
  country: string
  postalCode: string
  timezone: string
  isWhitelabelCompany: boolean
  whitelabelDetails: { logoUrl: string; domain: string }
}

/** A sub-account, shaped like `GET /locations/{locationId}`'s `location`. */
export interface Location {
  id: string
  companyId: string
  name: string
  domain: string
  address: string
  city: string
  state: string
  logoUrl: string
  country: string
  postalCode: string
  website: string
  timezone: string
  firstName: string
  lastName: string
  email: string
  phone: string
  business: {
    name: string
    address: string
    city: string
    state: string
    country: string
    postalCode: string
    website: string
    timezone: string
    logoUrl: string
    email: string
  }
  social: Record<string, string>
  settings: {
    allowDuplicateContact: boolean
    allowDuplicateOpportunity: boolean
    allowFacebookNameMerge: boolean
    disableContactTimezone: boolean
  }
  reseller: Record<string, never>
}

/** A user, shaped like `GET /users/{userId}`. */
export interface User {
  id: string
  companyId: string
  name: string
  firstName: string
  lastName: string
  email: string
  phone: string
  extension: string
  permissions: Record<string, boolean>
  scopes: string
  roles: { type: 'agency' | 'account'; role: 'admin' | 'user'; locationIds: string[]; restrictSubAccount: boolean }
  lcPhone: Record<string, string>
  platformLanguage: string
  deleted: boolean
}
