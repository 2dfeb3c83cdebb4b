// Apps, companies, locations and users: the tenants every check and handler looks up, plus the
// paged searches of /locations/search and /users/search. No request text ever becomes SQL here:
// optional filters pick among fixed fragments, and each shape is prepared once.
import type { Db } from './db.js'
import { watchOtherWriters } from './other-writers.js'
import type { App, Company, Location, User } from '../world/model.js'

/** `GET /locations/search`: one agency's sub-accounts, oldest first unless `order` is desc. */
export interface LocationSearch {
  companyId: string
  /** Exact match, case-insensitive. */
  email?: string
  order: 'asc' | 'desc'
  skip: number
  limit: number
}

export type UserSort = 'name' | 'dateAdded' | 'firstName' | 'lastName' | 'email'

/** `GET /users/search`: one agency's users that are not deleted, filtered and paged. */
export interface UserSearch {
  companyId: string
  /** Users with access to this location (agency users included). */
  locationId?: string
  /** Contained in the full name, email or phone, case-insensitive. */
  query?: string
  type?: string
  role?: string
  ids?: string[]
  sort: UserSort
  direction: 'asc' | 'desc'
  skip: number
  limit: number
}

/** `POST /users/search/filter-by-email`: the agency's users with one of these emails. */
export interface UserEmailFilter {
  companyId: string
  emails: string[]
  /** true: only deleted users; false: only live ones. */
  deleted: boolean
  skip: number
  limit: number
}

export interface Page<T> {
  items: T[]
  /** Matches before skip/limit. */
  count: number
}

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
    /**
     * The company of a live location (every gateway tenant check asks). Remembered in memory:
     * remove() forgets the location, forgetCompanies() everything (a wipe, another writer's commit).
     */
    companyOf(id: string): string | undefined
    forgetCompanies(): void
    search(query: LocationSearch): Location[]
    /** When the sub-account was created (ms), for records that date from its creation. */
    createdAt(id: string): number | undefined
  }
  users: {
    get(id: string): User | undefined
    listByCompany(companyId: string): User[]
    listByLocation(locationId: string): User[]
    list(): User[]
    insert(user: User, createdAt: number): void
    update(user: User): void
    remove(id: string): boolean
    /** A live (not deleted) user of the company with this email, case-insensitive. */
    getByEmail(companyId: string, email: string): User | undefined
    search(query: UserSearch): Page<User>
    filterByEmail(query: UserEmailFilter): Page<User>
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
    locationCompany: db.prepare('SELECT company_id FROM locations WHERE id = ?').pluck(),
    locationCreatedAt: db.prepare('SELECT created_at FROM locations WHERE id = ?').pluck(),
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

  const searchLocations = createLocationSearch(db)
  const userSearch = createUserSearch(db)
  /** location id → company id of live locations (a location never changes company; it may go). */
  const companies = new Map<string, string>()
  const committedElsewhere = watchOtherWriters(db)

  function companyOf(id: string): string | undefined {
    if (committedElsewhere()) companies.clear() // another instance may have deleted it
    let companyId = companies.get(id)
    if (companyId === undefined) {
      companyId = s.locationCompany.get(id) as string | undefined
      // Inside a transaction the row may still roll back; only committed rows are remembered.
      if (companyId !== undefined && !db.inTransaction) {
        if (companies.size >= 10_000) companies.clear()
        companies.set(id, companyId)
      }
    }
    return companyId
  }

  function linkLocations(user: User): void {
    s.clearUserLocations.run(user.id)
    // A deleted user keeps its roles for the record but no longer belongs to any sub-account.
    if (user.deleted) return
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
      remove(id) {
        companies.delete(id)
        return s.removeLocation.run(id).changes > 0
      },
      companyOf,
      forgetCompanies: () => companies.clear(),
      search: searchLocations,
      createdAt: (id) => s.locationCreatedAt.get(id) as number | undefined,
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
      ...userSearch,
    },
  }
}

function createLocationSearch(db: Db): (query: LocationSearch) => Location[] {
  const statements = new Map<string, ReturnType<Db['prepare']>>()
  return function searchLocations(query) {
    const shape = `${query.email === undefined ? 'all' : 'email'}:${query.order}`
    let statement = statements.get(shape)
    if (!statement) {
      const email = query.email === undefined ? '' : 'AND email = @email'
      const dir = query.order === 'desc' ? 'DESC' : 'ASC'
      statement = db.prepare(
        `SELECT data FROM locations WHERE company_id = @companyId ${email} ORDER BY created_at ${dir}, id ${dir} LIMIT @limit OFFSET @skip`,
      )
      statements.set(shape, statement)
    }
    const params = { companyId: query.companyId, email: query.email?.toLowerCase(), limit: query.limit, skip: query.skip }
    if (params.email === undefined) delete params.email
    return parseAll<Location>(statement.all(params))
  }
}

/** ORDER BY per sort key, each matching one users_live_by_* index; the id breaks ties so pages never overlap. */
const userOrder: Record<UserSort, string> = {
  name: 'u.first_name_lc {dir}, u.last_name_lc {dir}, u.id {dir}',
  dateAdded: 'u.created_at {dir}, u.id {dir}',
  firstName: 'u.first_name_lc {dir}, u.last_name_lc {dir}, u.id {dir}',
  lastName: 'u.last_name_lc {dir}, u.id {dir}',
  email: 'u.email {dir}, u.id {dir}',
}

/** LIKE pattern for "contains", with the user's % and _ taken literally. */
const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`

function createUserSearch(db: Db) {
  const statements = new Map<string, { page: ReturnType<Db['prepare']>; count: ReturnType<Db['prepare']> }>()

  function statementsFor(query: UserSearch) {
    const shape = [query.locationId, query.query, query.type, query.role, query.ids]
      .map((filter): string => (filter === undefined ? '0' : '1'))
      .concat(query.sort, query.direction)
      .join(':')
    let prepared = statements.get(shape)
    if (prepared) return prepared
    // CROSS JOIN keeps users the outer loop: its indexes hold the company, deletion and sort
    // values, and each membership check is one primary-key probe.
    const join = query.locationId === undefined ? '' : 'CROSS JOIN user_locations ul ON ul.location_id = @locationId AND ul.user_id = u.id'
    const where = ['u.company_id = @companyId', 'u.deleted = 0']
    if (query.query !== undefined) where.push("u.search_text LIKE @query ESCAPE '\\'")
    if (query.type !== undefined) where.push('u.user_type = @type')
    if (query.role !== undefined) where.push('u.user_role = @role')
    if (query.ids !== undefined) where.push('u.id IN (SELECT value FROM json_each(@ids))')
    const dir = query.direction === 'desc' ? 'DESC' : 'ASC'
    const order = userOrder[query.sort].replaceAll('{dir}', dir)
    // A text search is selective where a sort order is not: walk the search index, then sort.
    const indexed = query.query === undefined ? '' : 'INDEXED BY users_live_search'
    const from = `FROM users u ${indexed} ${join} WHERE ${where.join(' AND ')}`
    prepared = {
      page: db.prepare(`SELECT u.data ${from} ORDER BY ${order} LIMIT @limit OFFSET @skip`),
      count: db.prepare(`SELECT count(*) AS n ${from}`),
    }
    statements.set(shape, prepared)
    return prepared
  }

  const byEmail = db.prepare('SELECT data FROM users WHERE company_id = ? AND email = ? AND deleted = 0 ORDER BY created_at LIMIT 1')
  // Driven by the (few) emails asked for: one users_live_by_email probe each, then a small sort.
  const emailMatches = `FROM json_each(@emails) e CROSS JOIN users u
    ON u.company_id = @companyId AND u.deleted = @deleted AND u.email = e.value`
  const emailFilter = {
    page: db.prepare(`SELECT u.data ${emailMatches} ORDER BY u.created_at, u.id LIMIT @limit OFFSET @skip`),
    count: db.prepare(`SELECT count(*) AS n ${emailMatches}`),
  }

  return {
    getByEmail: (companyId: string, email: string) => parse<User>(byEmail.get(companyId, email.toLowerCase())),
    search(query: UserSearch): Page<User> {
      const { page, count } = statementsFor(query)
      const params: Record<string, unknown> = { companyId: query.companyId, limit: query.limit, skip: query.skip }
      if (query.locationId !== undefined) params.locationId = query.locationId
      if (query.query !== undefined) params.query = containsPattern(query.query)
      if (query.type !== undefined) params.type = query.type
      if (query.role !== undefined) params.role = query.role
      if (query.ids !== undefined) params.ids = JSON.stringify(query.ids)
      const { limit: _limit, skip: _skip, ...countParams } = params
      return { items: parseAll<User>(page.all(params)), count: (count.get(countParams) as { n: number }).n }
    },
    filterByEmail(query: UserEmailFilter): Page<User> {
      const base = {
        companyId: query.companyId,
        emails: JSON.stringify([...new Set(query.emails.map((email) => email.toLowerCase()))]),
        deleted: query.deleted ? 1 : 0,
      }
      return {
        items: parseAll<User>(emailFilter.page.all({ ...base, limit: query.limit, skip: query.skip })),
        count: (emailFilter.count.get(base) as { n: number }).n,
      }
    },
  }
}
