// Apps, companies, locations and users: the tenants every check and handler looks up.
import type { Db } from './db.js'
import type { App, Company, Location, User } from '../world/model.js'

export interface TenantRepos {
  apps: {
    get(id: string): App | undefined
    getByClientId(clientId: string): App | undefined
    list(): App[]
    insert(app: App): void
    update(app: App): void
  }
  companies: {
    get(id: string): Company | undefined
    list(): Company[]
    insert(company: Company): void
  }
  locations: {
    get(id: string): Location | undefined
    listByCompany(companyId: string): Location[]
    list(): Location[]
    insert(location: Location, createdAt: number): void
    update(location: Location): void
    remove(id: string): boolean
  }
  users: {
    get(id: string): User | undefined
    listByCompany(companyId: string): User[]
    listByLocation(locationId: string): User[]
    list(): User[]
    insert(user: User, createdAt: number): void
    update(user: User): void
    remove(id: string): boolean
  }
}

const parse = <T>(row: unknown): T | undefined => (row ? (JSON.parse((row as { data: string }).data) as T) : undefined)
const parseAll = <T>(rows: unknown[]): T[] => rows.map((row) => JSON.parse((row as { data: string }).data) as T)

export function createTenantRepos(db: Db): TenantRepos {
  const s = {
    appById: db.prepare('SELECT data FROM apps WHERE id = ?'),
    appByClientId: db.prepare('SELECT data FROM apps WHERE client_id = ?'),
    apps: db.prepare('SELECT data FROM apps ORDER BY rowid'),
    insertApp: db.prepare('INSERT INTO apps (id, client_id, data) VALUES (?, ?, ?)'),
    updateApp: db.prepare('UPDATE apps SET client_id = ?, data = ? WHERE id = ?'),
    companyById: db.prepare('SELECT data FROM companies WHERE id = ?'),
    companies: db.prepare('SELECT data FROM companies ORDER BY rowid'),
    insertCompany: db.prepare('INSERT INTO companies (id, data) VALUES (?, ?)'),
    locationById: db.prepare('SELECT data FROM locations WHERE id = ?'),
    locationsByCompany: db.prepare('SELECT data FROM locations WHERE company_id = ? ORDER BY created_at, id'),
    locations: db.prepare('SELECT data FROM locations ORDER BY created_at, id'),
    insertLocation: db.prepare('INSERT INTO locations (id, company_id, data, created_at) VALUES (?, ?, ?, ?)'),
    updateLocation: db.prepare('UPDATE locations SET data = ? WHERE id = ?'),
    removeLocation: db.prepare('DELETE FROM locations WHERE id = ?'),
    userById: db.prepare('SELECT data FROM users WHERE id = ?'),
    usersByCompany: db.prepare('SELECT data FROM users WHERE company_id = ? ORDER BY created_at, id'),
    usersByLocation: db.prepare(
      'SELECT u.data FROM user_locations ul JOIN users u ON u.id = ul.user_id WHERE ul.location_id = ? ORDER BY u.created_at, u.id',
    ),
    users: db.prepare('SELECT data FROM users ORDER BY created_at, id'),
    insertUser: db.prepare('INSERT INTO users (id, company_id, email, data, created_at) VALUES (?, ?, ?, ?, ?)'),
    updateUser: db.prepare('UPDATE users SET email = ?, data = ? WHERE id = ?'),
    removeUser: db.prepare('DELETE FROM users WHERE id = ?'),
    clearUserLocations: db.prepare('DELETE FROM user_locations WHERE user_id = ?'),
    // INSERT OR IGNORE: a role may list a location twice, or one that is already gone.
    linkUserLocation: db.prepare(
      'INSERT OR IGNORE INTO user_locations (location_id, user_id) SELECT @location, @user WHERE EXISTS (SELECT 1 FROM locations WHERE id = @location)',
    ),
  }

  function linkLocations(user: User): void {
    s.clearUserLocations.run(user.id)
    for (const locationId of user.roles.locationIds) s.linkUserLocation.run({ location: locationId, user: user.id })
  }

  return {
    apps: {
      get: (id) => parse<App>(s.appById.get(id)),
      getByClientId: (clientId) => parse<App>(s.appByClientId.get(clientId)),
      list: () => parseAll<App>(s.apps.all()),
      insert: (app) => void s.insertApp.run(app.id, app.clientId, JSON.stringify(app)),
      update: (app) => void s.updateApp.run(app.clientId, JSON.stringify(app), app.id),
    },
    companies: {
      get: (id) => parse<Company>(s.companyById.get(id)),
      list: () => parseAll<Company>(s.companies.all()),
      insert: (company) => void s.insertCompany.run(company.id, JSON.stringify(company)),
    },
    locations: {
      get: (id) => parse<Location>(s.locationById.get(id)),
      listByCompany: (companyId) => parseAll<Location>(s.locationsByCompany.all(companyId)),
      list: () => parseAll<Location>(s.locations.all()),
      insert: (location, createdAt) =>
        void s.insertLocation.run(location.id, location.companyId, JSON.stringify(location), createdAt),
      update: (location) => void s.updateLocation.run(JSON.stringify(location), location.id),
      remove: (id) => s.removeLocation.run(id).changes > 0,
    },
    users: {
      get: (id) => parse<User>(s.userById.get(id)),
      listByCompany: (companyId) => parseAll<User>(s.usersByCompany.all(companyId)),
      listByLocation: (locationId) => parseAll<User>(s.usersByLocation.all(locationId)),
      list: () => parseAll<User>(s.users.all()),
      insert(user, createdAt) {
        s.insertUser.run(user.id, user.companyId, user.email.toLowerCase(), JSON.stringify(user), createdAt)
        linkLocations(user)
      },
      update(user) {
        s.updateUser.run(user.email.toLowerCase(), JSON.stringify(user), user.id)
        linkLocations(user)
      },
      remove: (id) => s.removeUser.run(id).changes > 0,
    },
  }
}
