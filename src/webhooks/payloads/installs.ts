// INSTALL / UNINSTALL payloads from a stored install row with its app and agency, as the AppInstall
// and AppUninstall pages document them. Pure; the install flow and triggers both come through here.
import type { InstallRow } from '../../storage/installs.js'
import type { App, Company } from '../../world/model.js'

type Json = Record<string, unknown>

/** An install as the events describe it: the row, the app installed and the agency it belongs to. */
export interface InstallRecord {
  row: InstallRow
  app: App
  company: Company
}

/**
 * The documented AppInstall fields; delivery adds `timestamp` and `webhookId`. Agency-level
 * installs carry neither a location nor the installing user; an unset plan is left out.
 */
export function installPayload(type: string, { row, app, company }: InstallRecord): Json {
  const payload: Json = { type, appId: app.id, versionId: app.versionId, installType: row.installType }
  if (row.locationId) payload.locationId = row.locationId
  payload.companyId = company.id
  const userId = row.data.userId
  if (row.locationId && typeof userId === 'string' && userId !== '') payload.userId = userId
  if (app.planId) payload.planId = app.planId
  payload.trial = {}
  payload.isWhitelabelCompany = company.isWhitelabelCompany
  payload.whitelabelDetails = company.whitelabelDetails
  payload.companyName = company.name
  return payload
}

/** `{type, appId, locationId}` for a location install, `{type, appId, companyId}` for an agency one. */
export function uninstallPayload(type: string, { row }: Pick<InstallRecord, 'row'>): Json {
  return row.locationId ? { type, appId: row.appId, locationId: row.locationId } : { type, appId: row.appId, companyId: row.companyId }
}
