// Sub-accounts (locations.json): get, search, create, update and delete, with LocationCreate and
// LocationUpdate events. Tags, custom fields, values, tasks and templates live in their own files.
import { objectBody } from '../kit/body.js'
import { forbidden, messages } from '../../errors.js'
import type { BodyOf, HandlerSet } from '../../handlers/handler.js'
import type { JsonObject } from '../kit/body.js'
import type { Location, User } from '../../world/model.js'
import { ghlId } from '../../world/ids.js'
import { eventFor } from '../../webhooks/payloads/index.js'
import { accessibleLocation, assertCompany, tokenOf, runtimeOf, type Ctx } from '../kit/access.js'
import { pickStrings, query } from './location-input.js'
import { Problems } from '../kit/problems.js'
import { isTimezone } from './location-timezones.js'

const ADDRESS_FIELDS = ['name', 'phone', 'address', 'city', 'state', 'country', 'postalCode', 'website', 'timezone'] as const

const emptySocial = {
  facebookUrl: '', googlePlus: '', linkedIn: '', foursquare: '', twitter: '', yelp: '',
  instagram: '', youtube: '', pinterest: '', blogRss: '', googlePlacesId: '',
}
const defaultSettings: Location['settings'] = {
  allowDuplicateContact: false,
  allowDuplicateOpportunity: false,
  allowFacebookNameMerge: false,
  disableContactTimezone: false,
}

/** The fields of a create/update body that change a location, checked together. */
function readLocationFields(input: JsonObject, problems: Problems) {
  const fields = pickStrings(input, ADDRESS_FIELDS, problems)
  if (fields.timezone !== undefined && !isTimezone(fields.timezone)) problems.add('timezone must be a valid IANA time zone')
  const prospect = readObject(input, 'prospectInfo', problems)
  const prospectFields = prospect ? pickStrings(prospect, ['firstName', 'lastName', 'email'], problems) : {}
  const settings = readObject(input, 'settings', problems)
  const settingFields: Partial<Location['settings']> = {}
  for (const key of Object.keys(defaultSettings) as Array<keyof Location['settings']>) {
    const value = problems.bool(`settings.${key}`, settings?.[key])
    if (value !== undefined) settingFields[key] = value
  }
  const social = readObject(input, 'social', problems)
  const socialFields = social ? pickStrings(social, Object.keys(emptySocial), problems) : {}
  return { fields, prospectFields, settingFields, socialFields }
}

function readObject(input: JsonObject, name: string, problems: Problems): JsonObject | undefined {
  const value = input[name]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.add(`${name} must be an object`)
    return undefined
  }
  return value as JsonObject
}

function getLocation(c: Ctx) {
  return c.json({ location: accessibleLocation(c, c.req.param('locationId')) })
}

function searchLocations(c: Ctx) {
  const auth = tokenOf(c)
  const problems = new Problems()
  const skip = problems.int('skip', query(c, 'skip'), { default: 0, min: 0 })
  const limit = problems.int('limit', query(c, 'limit'), { default: 10, min: 1, max: 1000 })
  const order = problems.oneOf('order', query(c, 'order'), ['asc', 'desc'] as const, 'asc')
  problems.check()
  const companyId = query(c, 'companyId') || auth.companyId
  assertCompany(c, companyId)
  const email = query(c, 'email') || undefined
  const repos = runtimeOf(c).repos
  if (auth.authClass === 'Location') {
    // A sub-account token finds only its own sub-account.
    const own = repos.locations.get(auth.locationId ?? '')
    const matches = own && (email === undefined || own.email.toLowerCase() === email.toLowerCase()) ? [own] : []
    return c.json({ locations: matches.slice(skip, skip + limit) })
  }
  return c.json({ locations: repos.locations.search({ companyId, email, order, skip, limit }) })
}

async function createLocation(c: Ctx, requestBody: BodyOf<'create-location'>) {
  const input = objectBody(requestBody)
  const problems = new Problems()
  const companyId = problems.text('companyId', input.companyId, true)
  problems.text('name', input.name, true)
  const { fields, prospectFields, settingFields, socialFields } = readLocationFields(input, problems)
  problems.check()
  assertCompany(c, companyId!)
  const runtime = runtimeOf(c)
  const company = runtime.repos.companies.get(companyId!)
  if (!company) throw forbidden(messages.locationForbidden)
  const name = fields.name!
  const email = prospectFields.email ?? ''
  const location: Location = {
    id: ghlId(),
    companyId: company.id,
    name,
    domain: '',
    address: fields.address ?? '',
    city: fields.city ?? '',
    state: fields.state ?? '',
    logoUrl: '',
    country: fields.country ?? company.country,
    postalCode: fields.postalCode ?? '',
    website: fields.website ?? '',
    timezone: fields.timezone ?? company.timezone,
    firstName: prospectFields.firstName ?? '',
    lastName: prospectFields.lastName ?? '',
    email,
    phone: fields.phone ?? '',
    business: {
      name,
      address: fields.address ?? '',
      city: fields.city ?? '',
      state: fields.state ?? '',
      country: fields.country ?? company.country,
      postalCode: fields.postalCode ?? '',
      website: fields.website ?? '',
      timezone: fields.timezone ?? company.timezone,
      logoUrl: '',
      email,
    },
    social: { ...emptySocial, ...socialFields },
    settings: { ...defaultSettings, ...settingFields },
    reseller: {},
  }
  runtime.repos.transaction(() => {
    runtime.repos.locations.insert(location, runtime.clock.now())
    grantAgencyAdmins(runtime.repos.users.listByCompany(company.id), location.id, (user) => runtime.repos.users.update(user))
    runtime.emit(eventFor('LocationCreate', location))
  })
  return c.json(location, 200)
}

/** Agency admins not restricted to chosen sub-accounts see every sub-account, new ones included. */
function grantAgencyAdmins(users: User[], locationId: string, save: (user: User) => void): void {
  for (const user of users) {
    const { roles } = user
    if (user.deleted || roles.type !== 'agency' || roles.role !== 'admin' || roles.restrictSubAccount) continue
    if (!roles.locationIds.includes(locationId)) save({ ...user, roles: { ...roles, locationIds: [...roles.locationIds, locationId] } })
  }
}

async function updateLocation(c: Ctx, requestBody: BodyOf<'put-location'>) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  const input = objectBody(requestBody)
  const problems = new Problems()
  const companyId = problems.text('companyId', input.companyId, false)
  if (input.name !== undefined) problems.text('name', input.name, true)
  const { fields, prospectFields, settingFields, socialFields } = readLocationFields(input, problems)
  problems.check()
  if (companyId !== undefined && companyId !== location.companyId) throw forbidden(messages.locationForbidden)
  const updated: Location = {
    ...location,
    ...fields,
    ...prospectFields,
    social: { ...location.social, ...socialFields },
    settings: { ...location.settings, ...settingFields },
  }
  const runtime = runtimeOf(c)
  runtime.repos.transaction(() => {
    runtime.repos.locations.update(updated)
    runtime.emit(eventFor('LocationUpdate', updated))
  })
  return c.json(updated, 200)
}

function deleteLocation(c: Ctx) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  const problems = new Problems()
  const raw = query(c, 'deleteTwilioAccount')
  if (raw === undefined) problems.add('deleteTwilioAccount should not be empty')
  else problems.bool('deleteTwilioAccount', raw)
  problems.check()
  const { repos } = runtimeOf(c)
  repos.transaction(() => {
    // Users keep their other sub-accounts; the rows of this one go with it (ON DELETE CASCADE).
    for (const user of repos.users.listByLocation(location.id)) {
      repos.users.update({ ...user, roles: { ...user.roles, locationIds: user.roles.locationIds.filter((id) => id !== location.id) } })
    }
    repos.locations.remove(location.id)
  })
  return c.json({ success: true, message: `Deleted location with id: ${location.id}` })
}

export const locationHandlers: HandlerSet = {
  'get-location': getLocation,
  'search-locations': searchLocations,
  'create-location': createLocation,
  'put-location': updateLocation,
  'delete-location': deleteLocation,
}
