// The shape of `GET /_mock/world` and `mock.world()`, written out so the published types name no
// internals (a `ReturnType<typeof describeWorld>` would pull the storage layer into them).
import type { App, Company, Location, User } from './model.js'

/** An app as the world lists it: its public registration and its credentials. */
export type AppDescription = Pick<
  App,
  | 'id'
  | 'name'
  | 'clientId'
  | 'clientSecret'
  | 'versionId'
  | 'redirectUris'
  | 'scopes'
  | 'distribution'
  | 'webhookUrl'
  | 'webhookEvents'
  | 'businessModel'
  | 'billingUrl'
  | 'planId'
>

/** An install as the control plane shows it (`GET /_mock/installs`). */
export interface InstallDescription {
  id: string
  appId: string
  clientId: string | null
  appName: string | null
  installType: 'Location' | 'Company'
  companyId: string
  locationId: string | null
  isBulkInstallation: boolean
  approvedLocations?: string[]
  parentInstallId?: string
  userId: string | null
  status: string
  paymentStatus: 'awaiting_payment' | 'paid' | 'payment_failed' | null
  installedAt: string
  uninstalledAt: string | null
}

export interface WorldDescription {
  apps: AppDescription[]
  companies: Company[]
  locations: Location[]
  users: User[]
  installs: InstallDescription[]
}
