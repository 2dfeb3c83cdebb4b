// The install/uninstall service (App Distribution Model): location installs, agency installs of
// agency-targeted apps and bulk agency installs of sub-account apps. Each change is a row in
// `installs` and an INSTALL / UNINSTALL event in the outbox, written in one transaction.
// No HTTP here: the consent page and the control plane call it.
import { GhlError, notFound } from '../errors.js'
import type { Runtime } from '../runtime.js'
import type { InstallRow } from '../storage/installs.js'
import type { App, Company, User } from '../world/model.js'
import { eventFor } from '../webhooks/payloads/index.js'
import { hexId } from '../world/ids.js'

export type InstallKind = 'location' | 'agency' | 'bulk'

export interface InstallInput {
  app: App
  kind: InstallKind
  /** Location installs: the sub-account. */
  locationId?: string
  /** Agency and bulk installs: the agency. */
  companyId?: string
  /** Bulk installs: the sub-accounts (default: every sub-account of the agency). */
  locationIds?: string[]
  /** Who installs (default: the location's admin, or the agency admin). */
  userId?: string | null
}

export interface InstallResult {
  kind: InstallKind
  /** The install the tokens hang off: the location install, or the agency install. */
  primary: InstallRow
  /** Every install row this created or reused, the primary first. */
  installs: InstallRow[]
  /** False when the app was already installed there (re-authorization). */
  created: boolean
  companyId: string
  locationId: string | null
  userId: string | null
  /** Bulk installs: the sub-accounts covered. */
  approvedLocations: string[]
}

/** Payment state of a paid app's install, kept in the install's data. */
export type PaymentStatus = 'awaiting_payment' | 'paid' | 'payment_failed'

const badInstall = (message: string) => new GhlError(400, message)

/** The agency admin, or for a location the first admin of that sub-account. */
export function defaultInstaller(runtime: Runtime, companyId: string, locationId?: string | null): User | undefined {
  const { users } = runtime.repos
  if (locationId) {
    const admin = users.listByLocation(locationId).find((u) => u.roles.type === 'account' && u.roles.role === 'admin')
    if (admin) return admin
  }
  const agencyUsers = users.listByCompany(companyId)
  return agencyUsers.find((u) => u.roles.type === 'agency' && u.roles.role === 'admin') ?? agencyUsers[0]
}

/** Whether an agency may bulk-install this app on several sub-accounts at once. */
export const canBulkInstall = (app: App): boolean =>
  app.distribution.targetUserType === 'Sub-Account' &&
  app.distribution.bulkInstallation &&
  app.distribution.installableBy.includes('Agency')

/** Installs an app; reuses live installs (no second INSTALL event) so re-authorizing is harmless. */
export function install(runtime: Runtime, input: InstallInput): InstallResult {
  return runtime.repos.transaction(() => {
    switch (input.kind) {
      case 'location':
        return installOnLocation(runtime, input)
      case 'agency':
        return installOnAgency(runtime, input)
      case 'bulk':
        return installInBulk(runtime, input)
    }
  })
}

function installOnLocation(runtime: Runtime, input: InstallInput): InstallResult {
  const { app } = input
  const location = runtime.repos.locations.get(input.locationId ?? '')
  if (!location) throw notFound(`Location ${input.locationId ?? ''} not found`)
  if (app.distribution.targetUserType === 'Agency') {
    throw badInstall(`${app.name} targets agencies: install it on the agency (companyId), not on a sub-account`)
  }
  const company = requireCompany(runtime, location.companyId)
  const userId = input.userId ?? defaultInstaller(runtime, company.id, location.id)?.id ?? null
  const { row, created } = ensureInstall(runtime, app, company, { locationId: location.id, isBulk: false, userId })
  return { kind: 'location', primary: row, installs: [row], created, companyId: company.id, locationId: location.id, userId, approvedLocations: [] }
}

function installOnAgency(runtime: Runtime, input: InstallInput): InstallResult {
  const { app } = input
  const company = requireCompany(runtime, input.companyId)
  if (app.distribution.targetUserType !== 'Agency') {
    throw badInstall(`${app.name} targets sub-accounts: install it on a sub-account, or bulk-install it on the agency`)
  }
  const userId = input.userId ?? defaultInstaller(runtime, company.id)?.id ?? null
  const { row, created } = ensureInstall(runtime, app, company, { locationId: null, isBulk: false, userId })
  return { kind: 'agency', primary: row, installs: [row], created, companyId: company.id, locationId: null, userId, approvedLocations: [] }
}

function installInBulk(runtime: Runtime, input: InstallInput): InstallResult {
  const { app } = input
  const company = requireCompany(runtime, input.companyId)
  if (!canBulkInstall(app)) throw badInstall(`${app.name} cannot be bulk-installed by agencies`)
  const agencyLocations = runtime.repos.locations.listByCompany(company.id)
  const locationIds = [...new Set(input.locationIds ?? agencyLocations.map((l) => l.id))]
  if (locationIds.length === 0) throw badInstall('A bulk install needs at least one sub-account')
  const own = new Set(agencyLocations.map((l) => l.id))
  const foreign = locationIds.filter((id) => !own.has(id))
  if (foreign.length > 0) throw badInstall(`Not sub-accounts of agency ${company.id}: ${foreign.join(', ')}`)

  const userId = input.userId ?? defaultInstaller(runtime, company.id)?.id ?? null
  const parent = ensureInstall(runtime, app, company, { locationId: null, isBulk: true, userId })
  const approved = [...new Set([...((parent.row.data.approvedLocations as string[] | undefined) ?? []), ...locationIds])]
  parent.row.data = { ...parent.row.data, approvedLocations: approved }
  runtime.repos.installs.updateData(parent.row.id, parent.row.data)
  const children = locationIds.map(
    (locationId) => ensureInstall(runtime, app, company, { locationId, isBulk: true, userId, parentInstallId: parent.row.id }).row,
  )
  return {
    kind: 'bulk',
    primary: parent.row,
    installs: [parent.row, ...children],
    created: parent.created,
    companyId: company.id,
    locationId: null,
    userId,
    approvedLocations: approved,
  }
}

function requireCompany(runtime: Runtime, companyId: string | undefined): Company {
  const company = runtime.repos.companies.get(companyId ?? '')
  if (!company) throw notFound(`Company ${companyId ?? ''} not found`)
  return company
}

interface Placement {
  locationId: string | null
  isBulk: boolean
  userId: string | null
  parentInstallId?: string
}

/** The live install of the app at this place, or a new one (with its INSTALL event). */
function ensureInstall(runtime: Runtime, app: App, company: Company, place: Placement): { row: InstallRow; created: boolean } {
  const { installs } = runtime.repos
  const existing = place.locationId ? installs.activeForLocation(app.id, place.locationId) : installs.activeForCompany(app.id, company.id)
  if (existing) return { row: existing, created: false }
  const now = runtime.clock.now()
  const data: Record<string, unknown> = { userId: place.userId, versionId: app.versionId, planId: app.planId }
  if (place.parentInstallId) data.parentInstallId = place.parentInstallId
  if (app.businessModel === 'paid') data.payment = { status: 'awaiting_payment' satisfies PaymentStatus, updatedAt: now }
  const row: InstallRow = {
    id: hexId(),
    appId: app.id,
    companyId: company.id,
    locationId: place.locationId,
    installType: place.locationId ? 'Location' : 'Company',
    isBulk: place.isBulk,
    status: 'installed',
    data,
    createdAt: now,
    uninstalledAt: null,
  }
  installs.insert(row)
  runtime.emit(eventFor('INSTALL', { row, app, company }))
  return { row, created: true }
}

/**
 * Uninstalls an install (an agency bulk install takes its sub-account installs with it):
 * revokes the tokens and grants that hang off each, and emits one UNINSTALL per row.
 * @returns the rows uninstalled, the given one first.
 */
export function uninstall(runtime: Runtime, installId: string): InstallRow[] {
  return runtime.repos.transaction(() => {
    const { installs } = runtime.repos
    const row = installs.get(installId)
    if (!row) throw notFound(`Install ${installId} not found`)
    if (row.status !== 'installed') throw new GhlError(409, `Install ${installId} is already uninstalled`)
    const children =
      row.locationId === null && row.isBulk
        ? installs.activeLocationsOfApp(row.appId, row.companyId).filter((child) => child.data.parentInstallId === row.id)
        : []
    const removed = [row, ...children]
    for (const each of removed) uninstallOne(runtime, each)
    detachFromParent(runtime, row)
    return removed.map((each) => installs.get(each.id)!)
  })
}

function uninstallOne(runtime: Runtime, row: InstallRow): void {
  const { repos } = runtime
  const now = runtime.clock.now()
  repos.installs.markUninstalled(row.id, now)
  repos.tokens.revokeByInstall(row.id, now)
  for (const grantId of repos.oauth.revokeGrantsByInstall(row.id, now)) repos.tokens.revokeByParent(grantId, now)
  const app = repos.apps.get(row.appId)
  const company = repos.companies.get(row.companyId)
  // An install always names a known app and agency; without them there is nobody to tell.
  if (app && company) runtime.emit(eventFor('UNINSTALL', { row, app, company }))
}

/** A sub-account leaving a bulk install is no longer among the agency install's approved locations. */
function detachFromParent(runtime: Runtime, row: InstallRow): void {
  const parentId = row.data.parentInstallId
  if (typeof parentId !== 'string' || !row.locationId) return
  const parent = runtime.repos.installs.get(parentId)
  if (!parent || parent.status !== 'installed') return
  const approved = ((parent.data.approvedLocations as string[] | undefined) ?? []).filter((id) => id !== row.locationId)
  runtime.repos.installs.updateData(parent.id, { ...parent.data, approvedLocations: approved })
}

/** An install as the control plane and `GET /_mock/world` show it. */
export function describeInstall(runtime: Runtime, row: InstallRow) {
  const app = runtime.repos.apps.get(row.appId)
  const payment = row.data.payment as { status: PaymentStatus; updatedAt: number } | undefined
  return {
    id: row.id,
    appId: row.appId,
    clientId: app?.clientId ?? null,
    appName: app?.name ?? null,
    installType: row.installType,
    companyId: row.companyId,
    locationId: row.locationId,
    isBulkInstallation: row.isBulk,
    ...(row.locationId === null && row.isBulk ? { approvedLocations: (row.data.approvedLocations as string[] | undefined) ?? [] } : {}),
    ...(typeof row.data.parentInstallId === 'string' ? { parentInstallId: row.data.parentInstallId } : {}),
    userId: (row.data.userId as string | null | undefined) ?? null,
    status: row.status,
    paymentStatus: payment?.status ?? null,
    installedAt: new Date(row.createdAt).toISOString(),
    uninstalledAt: row.uninstalledAt === null ? null : new Date(row.uninstalledAt).toISOString(),
  }
}
