// Users (users.json): list by location (deprecated), search, filter by email, create (UserCreate
// event), get, update and delete. Users belong to the token's agency; a sub-account token sees
// and changes only users of its sub-account, and never agency-level users' agency rights.
import { objectBody } from '../kit/body.js'
import { badRequest, forbidden, messages } from '../../errors.js'
import type { BodyOf, HandlerSet } from '../../handlers/handler.js'
import { eventFor } from '../../webhooks/payloads/index.js'
import { ghlId } from '../../world/ids.js'
import type { User } from '../../world/model.js'
import { accessibleLocation, assertCompany, companyForbidden, runtimeOf, tokenOf, type Ctx } from '../kit/access.js'
import { query, requiredLocationId } from '../locations/location-input.js'
import { Problems } from '../kit/problems.js'
import {
  defaultPermissions, maySee, renderUser, userMessages, userRoles, userTypes,
  readUserInput, type StoredUser, type UserInput,
} from './users-model.js'
import type { UserSort } from '../../storage/tenants.js'

const userSorts: readonly UserSort[] = ['name', 'dateAdded', 'firstName', 'lastName', 'email']

/** The user the path names, if this token may see it; unknown and foreign ids answer alike. */
function findUser(c: Ctx): StoredUser {
  const user = runtimeOf(c).repos.users.get(c.req.param('userId') ?? '')
  if (!user || !maySee(tokenOf(c), user)) throw badRequest(userMessages.notFound)
  return user
}

/**
 * Checks the sub-accounts a body gives a user: all of the agency's, and for a sub-account token
 * only its own (which also may not make agency users).
 */
function checkPlacement(c: Ctx, companyId: string, input: UserInput): void {
  const auth = tokenOf(c)
  if (auth.authClass === 'Location' && input.type === 'agency') throw forbidden(companyForbidden)
  // Unknown ids and other agencies' answer alike (400); a sibling sub-account is the token's 403.
  const { repos } = runtimeOf(c)
  if (input.locationIds?.some((id) => repos.locations.get(id)?.companyId !== companyId)) throw badRequest(userMessages.invalidLocations)
  if (auth.authClass === 'Location' && input.locationIds?.some((id) => id !== auth.locationId)) throw forbidden(messages.locationForbidden)
}

function assertEmailFree(c: Ctx, companyId: string, email: string | undefined, self?: string): void {
  if (email === undefined) return
  const holder = runtimeOf(c).repos.users.getByEmail(companyId, email)
  if (holder && holder.id !== self) throw badRequest(userMessages.emailTaken)
}

function listByLocation(c: Ctx) {
  const location = accessibleLocation(c, requiredLocationId(c))
  const { items } = runtimeOf(c).repos.users.search({
    companyId: location.companyId, locationId: location.id, sort: 'name', direction: 'asc', skip: 0, limit: 10_000,
  })
  return c.json({ users: items.map(renderUser) })
}

function searchUsers(c: Ctx) {
  const auth = tokenOf(c)
  const problems = new Problems()
  const companyId = problems.text('companyId', query(c, 'companyId'), true)
  const skip = problems.int('skip', query(c, 'skip'), { default: 0, min: 0 })
  const limit = problems.int('limit', query(c, 'limit'), { default: 25, min: 1, max: 1000 })
  const sort = problems.oneOf('sort', query(c, 'sort'), userSorts, 'name')
  const direction = problems.oneOf('sortDirection', query(c, 'sortDirection'), ['asc', 'desc'] as const, 'asc')
  const type = problems.oneOf('type', query(c, 'type'), userTypes)
  const role = problems.oneOf('role', query(c, 'role'), userRoles)
  problems.check()
  assertCompany(c, companyId!)
  const named = query(c, 'locationId') || undefined
  // A sub-account token searches its own sub-account whether or not it names it.
  const scope = auth.authClass === 'Location' ? (named ?? auth.locationId ?? undefined) : named
  const locationId = scope === undefined ? undefined : accessibleLocation(c, scope).id
  const ids = query(c, 'ids')?.split(',').map((id) => id.trim()).filter((id) => id !== '')
  const text = query(c, 'query')?.trim() || undefined
  const page = runtimeOf(c).repos.users.search({ companyId: companyId!, locationId, query: text, type, role, ids, sort, direction, skip, limit })
  return c.json({ users: page.items.map(renderUser), count: page.count })
}

async function filterByEmail(c: Ctx, requestBody: BodyOf<'filter-users-by-email'>) {
  const input = objectBody(requestBody)
  const problems = new Problems()
  const companyId = problems.text('companyId', input.companyId, true)
  const emails = problems.text('emails', input.emails, true)
  const deleted = problems.bool('deleted', input.deleted, false)
  const skip = problems.number('skip', input.skip, { default: 0, min: 0 })
  const limit = problems.number('limit', input.limit, { default: 25, min: 1, max: 1000 })
  const projection = problems.text('projection', input.projection, false)
  problems.check()
  assertCompany(c, companyId!)
  const list = emails!.split(',').map((email) => email.trim()).filter((email) => email !== '')
  const page = runtimeOf(c).repos.users.filterByEmail({ companyId: companyId!, emails: list, deleted, skip, limit })
  return c.json({ users: page.items.map((user) => project(renderUser(user), projection)), count: page.count })
}

/** `projection`: absent → id and email only; `all` → everything; else the listed fields (and id). */
function project(user: Record<string, unknown>, projection: string | undefined): Record<string, unknown> {
  if (projection?.trim() === 'all') return user
  const fields = projection ? projection.split(',').map((field) => field.trim()) : ['email']
  return Object.fromEntries(['id', ...fields].filter((field) => field in user).map((field) => [field, user[field]]))
}

async function createUser(c: Ctx, requestBody: BodyOf<'create-user'>) {
  const input = objectBody(requestBody)
  const problems = new Problems()
  const companyId = problems.text('companyId', input.companyId, true)
  const fields = readUserInput(input, problems, true)
  if (fields.type === 'account' && fields.locationIds?.length === 0) problems.add('locationIds should not be empty')
  problems.check()
  assertCompany(c, companyId!)
  checkPlacement(c, companyId!, fields)
  assertEmailFree(c, companyId!, fields.email)
  const user: StoredUser = {
    id: ghlId(),
    companyId: companyId!,
    name: `${fields.firstName!.trim()} ${fields.lastName!.trim()}`,
    firstName: fields.firstName!.trim(),
    lastName: fields.lastName!.trim(),
    email: fields.email!.trim().toLowerCase(),
    phone: fields.phone ?? '',
    extension: '',
    permissions: { ...defaultPermissions, ...fields.permissions },
    scopes: (fields.scopes ?? []).join(' '),
    roles: { type: fields.type!, role: fields.role!, locationIds: [...new Set(fields.locationIds)], restrictSubAccount: false },
    lcPhone: {},
    platformLanguage: fields.platformLanguage ?? 'en_US',
    deleted: false,
    ...(fields.profilePhoto !== undefined ? { profilePhoto: fields.profilePhoto } : {}),
    ...(fields.scopesAssignedToOnly !== undefined ? { scopesAssignedToOnly: fields.scopesAssignedToOnly } : {}),
    ...(fields.twilioPhone !== undefined ? { twilioPhone: fields.twilioPhone } : {}),
  }
  const runtime = runtimeOf(c)
  runtime.repos.transaction(() => {
    runtime.repos.users.insert(user, runtime.clock.now())
    runtime.emit(eventFor('UserCreate', user))
  })
  return c.json(renderUser(user), 201)
}

function getUser(c: Ctx) {
  return c.json(renderUser(findUser(c)))
}

async function updateUser(c: Ctx, requestBody: BodyOf<'update-user'>) {
  const user = findUser(c)
  const auth = tokenOf(c)
  const input = objectBody(requestBody)
  const problems = new Problems()
  const companyId = problems.text('companyId', input.companyId, false)
  const fields = readUserInput(input, problems, false)
  problems.check()
  if (companyId !== undefined && companyId !== user.companyId) throw forbidden(companyForbidden)
  // A sub-account may not change what an agency user is.
  if (auth.authClass === 'Location' && user.roles.type === 'agency') throw forbidden(companyForbidden)
  checkPlacement(c, user.companyId, fields)
  assertEmailFree(c, user.companyId, fields.email, user.id)
  const firstName = fields.firstName?.trim() ?? user.firstName
  const lastName = fields.lastName?.trim() ?? user.lastName
  // A sub-account token edits only its own sub-account's membership; other access is kept.
  const locationIds = fields.locationIds === undefined
    ? user.roles.locationIds
    : auth.authClass === 'Location'
      ? [...user.roles.locationIds.filter((id) => id !== auth.locationId), ...fields.locationIds]
      : [...new Set(fields.locationIds)]
  const updated: StoredUser = {
    ...user,
    firstName,
    lastName,
    name: `${firstName} ${lastName}`,
    email: fields.email?.trim().toLowerCase() ?? user.email,
    phone: fields.phone ?? user.phone,
    permissions: { ...user.permissions, ...fields.permissions },
    scopes: fields.scopes === undefined ? user.scopes : fields.scopes.join(' '),
    roles: { ...user.roles, type: fields.type ?? user.roles.type, role: fields.role ?? user.roles.role, locationIds },
    platformLanguage: fields.platformLanguage ?? user.platformLanguage,
    ...(fields.profilePhoto !== undefined ? { profilePhoto: fields.profilePhoto } : {}),
    ...(fields.scopesAssignedToOnly !== undefined ? { scopesAssignedToOnly: fields.scopesAssignedToOnly } : {}),
    // HighLevel replaces the whole map when twilioPhone is sent.
    ...(fields.twilioPhone !== undefined ? { twilioPhone: fields.twilioPhone } : {}),
  }
  runtimeOf(c).repos.users.update(updated)
  return c.json(renderUser(updated))
}

function deleteUser(c: Ctx) {
  const user = findUser(c)
  if (tokenOf(c).authClass === 'Location' && user.roles.type === 'agency') throw forbidden(companyForbidden)
  // "Queued": the user is soft-deleted (filter-by-email with deleted:true still finds them).
  const deleted: User = { ...user, deleted: true }
  runtimeOf(c).repos.users.update(deleted)
  return c.json({
    succeded: true,
    message: `Queued deleting user with e-mail ${user.email} and name ${user.name}. Will take effect in a few minutes.`,
  })
}

export const userHandlers: HandlerSet = {
  'get-user-by-location': listByLocation,
  'search-users': searchUsers,
  'filter-users-by-email': filterByEmail,
  'create-user': createUser,
  'get-user': getUser,
  'update-user': updateUser,
  'delete-user': deleteUser,
}
