// App installs (App Distribution Model): one row per app per location, or per app per company
// for agency installs. Uninstalling keeps the row, so the history stays visible.
import type { Db } from './db.js'

export interface InstallRow {
  id: string
  appId: string
  companyId: string
  locationId: string | null
  installType: 'Location' | 'Company'
  isBulk: boolean
  status: 'installed' | 'uninstalled'
  /** Free-form details (who installed it, billing state, approved locations). */
  data: Record<string, unknown>
  createdAt: number
  uninstalledAt: number | null
}

interface RawInstall {
  id: string
  app_id: string
  company_id: string
  location_id: string | null
  install_type: 'Location' | 'Company'
  is_bulk: number
  status: 'installed' | 'uninstalled'
  data: string
  created_at: number
  uninstalled_at: number | null
}

function fromRaw(raw: RawInstall): InstallRow {
  return {
    id: raw.id,
    appId: raw.app_id,
    companyId: raw.company_id,
    locationId: raw.location_id,
    installType: raw.install_type,
    isBulk: raw.is_bulk === 1,
    status: raw.status,
    data: JSON.parse(raw.data) as Record<string, unknown>,
    createdAt: raw.created_at,
    uninstalledAt: raw.uninstalled_at,
  }
}

export interface InstallRepo {
  insert(row: InstallRow): void
  get(id: string): InstallRow | undefined
  /** The live install of an app on a location, if any. */
  activeForLocation(appId: string, locationId: string): InstallRow | undefined
  /** The live company-level install of an app on an agency, if any. */
  activeForCompany(appId: string, companyId: string): InstallRow | undefined
  /** Live installs on a location (location installs and the company installs covering it are separate rows). */
  activeOnLocation(locationId: string): InstallRow[]
  activeOnCompany(companyId: string): InstallRow[]
  /** Live location installs of an app across an agency's sub-accounts. */
  activeLocationsOfApp(appId: string, companyId: string): InstallRow[]
  list(): InstallRow[]
  updateData(id: string, data: Record<string, unknown>): void
  markUninstalled(id: string, at: number): void
}

export function createInstallRepo(db: Db): InstallRepo {
  const s = {
    insert: db.prepare(`INSERT INTO installs (id, app_id, company_id, location_id, install_type, is_bulk, status, data,
      created_at, uninstalled_at) VALUES (@id, @appId, @companyId, @locationId, @installType, @isBulk, @status, @data,
      @createdAt, @uninstalledAt)`),
    get: db.prepare('SELECT * FROM installs WHERE id = ?'),
    activeForLocation: db.prepare(
      `SELECT * FROM installs WHERE location_id = ? AND app_id = ? AND status = 'installed' LIMIT 1`,
    ),
    activeForCompany: db.prepare(
      `SELECT * FROM installs WHERE company_id = ? AND app_id = ? AND location_id IS NULL AND status = 'installed' LIMIT 1`,
    ),
    activeOnLocation: db.prepare(`SELECT * FROM installs WHERE location_id = ? AND status = 'installed' ORDER BY created_at, rowid`),
    activeOnCompany: db.prepare(
      `SELECT * FROM installs WHERE company_id = ? AND location_id IS NULL AND status = 'installed' ORDER BY created_at, rowid`,
    ),
    activeLocationsOfApp: db.prepare(
      `SELECT * FROM installs WHERE company_id = ? AND app_id = ? AND location_id IS NOT NULL AND status = 'installed' ORDER BY created_at, rowid`,
    ),
    list: db.prepare('SELECT * FROM installs ORDER BY created_at, rowid'),
    updateData: db.prepare('UPDATE installs SET data = ? WHERE id = ?'),
    markUninstalled: db.prepare(`UPDATE installs SET status = 'uninstalled', uninstalled_at = ? WHERE id = ?`),
  }
  const one = (raw: unknown) => (raw ? fromRaw(raw as RawInstall) : undefined)
  const many = (raws: unknown[]) => (raws as RawInstall[]).map(fromRaw)
  return {
    insert: (row) => void s.insert.run({ ...row, isBulk: row.isBulk ? 1 : 0, data: JSON.stringify(row.data) }),
    get: (id) => one(s.get.get(id)),
    activeForLocation: (appId, locationId) => one(s.activeForLocation.get(locationId, appId)),
    activeForCompany: (appId, companyId) => one(s.activeForCompany.get(companyId, appId)),
    activeOnLocation: (locationId) => many(s.activeOnLocation.all(locationId)),
    activeOnCompany: (companyId) => many(s.activeOnCompany.all(companyId)),
    activeLocationsOfApp: (appId, companyId) => many(s.activeLocationsOfApp.all(companyId, appId)),
    list: () => many(s.list.all()),
    updateData: (id, data) => void s.updateData.run(JSON.stringify(data), id),
    markUninstalled: (id, at) => void s.markUninstalled.run(at, id),
  }
}
