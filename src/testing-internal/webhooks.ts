// Test helpers for the webhook suites: install rows written straight into the repositories (the
// install flow belongs to the OAuth module) and one-line instance setup. Not shipped.
import { randomUUID } from 'node:crypto'
import type { GhlMock } from '../server.js'
import type { InstallRow } from '../storage/installs.js'

export interface InstallInput {
  appId?: string
  locationId?: string
  companyId?: string
  /** Granted scopes recorded on the install; the app's scopes when omitted. */
  scopes?: string[]
  status?: InstallRow['status']
}

/** Inserts a live install of the demo app (or `appId`) on a location, or on an agency when `companyId` is given. */
export function installApp(mock: GhlMock, input: InstallInput = {}): InstallRow {
  const world = mock.world()
  const appId = input.appId ?? world.apps[0]!.id
  const locationId = input.companyId ? null : input.locationId ?? world.locations[0]!.id
  const companyId = input.companyId ?? world.locations.find((l) => l.id === locationId)!.companyId
  const row: InstallRow = {
    id: randomUUID(),
    appId,
    companyId,
    locationId,
    installType: locationId ? 'Location' : 'Company',
    isBulk: false,
    status: input.status ?? 'installed',
    data: input.scopes ? { scopes: input.scopes } : {},
    createdAt: mock.clock.now(),
    uninstalledAt: null,
  }
  mock.runtime.repos.installs.insert(row)
  return row
}

/** Points an app's default webhook URL (and optionally its event list) somewhere. */
export function configureWebhooks(mock: GhlMock, appId: string, webhookUrl: string, webhookEvents: string[] | null = null): void {
  const app = mock.runtime.repos.apps.get(appId)!
  mock.runtime.repos.apps.update({ ...app, webhookUrl, webhookEvents })
}
