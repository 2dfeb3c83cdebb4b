import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectConformsToSpec } from '../../../test/support/spec-conformance.js'
import { startKit, type Kit } from '../../../test/support/location-kit.js'
import type { OutboxEvent } from '../../storage/outbox.js'
import { webhookPayload } from '../../webhooks/dispatcher.js'

let kit: Kit
beforeEach(async () => {
  kit = await startKit()
})
afterEach(() => kit.mock.close())

/** An agency token; deleting a sub-account takes a scope the demo app is not granted by default. */
const agencyToken = () => kit.token({ companyId: kit.companyId, scopes: ['locations.readonly', 'locations.write', 'locations.internal-access-only'] })

/** The webhook body the demo app would receive for an outbox event. */
const delivered = (event: OutboxEvent) => webhookPayload(event, kit.mock.runtime.repos.apps.list()[0]!, 'webhook-id')

const events = (type: string) => kit.mock.runtime.repos.events.list(100).filter((event) => event.type === type)

describe('GET /locations/{locationId}', () => {
  it('returns the sub-account to its own token and to its agency', async () => {
    const [a] = kit.locations
    const res = await kit.call('GET', `/locations/${a!.id}`)
    expect(res.headers.get('x-ghl-mock-fidelity')).toBe('stateful')
    const own = await expectConformsToSpec('get-location', res)
    expect(own.location).toMatchObject({ id: a!.id, companyId: kit.companyId, name: a!.name, timezone: a!.timezone })
    const agency = agencyToken()
    const viaAgency = await expectConformsToSpec('get-location', await kit.call('GET', `/locations/${a!.id}`, { token: agency }))
    expect(viaAgency).toEqual(own)
  })

  it("answers 403 for another sub-account's id and for an unknown id alike", async () => {
    const [a, b] = kit.locations
    const token = kit.token({ locationId: a!.id })
    const foreign = await kit.call('GET', `/locations/${b!.id}`, { token })
    const unknown = await kit.call('GET', '/locations/doesNotExist12345678', { token: kit.token({ companyId: kit.companyId }) })
    expect(foreign.status).toBe(403)
    expect(unknown.status).toBe(403)
    expect((await foreign.json()).message).toBe('The token does not have access to this location.')
    expect((await unknown.json()).message).toBe('The token does not have access to this location.')
  })
})

describe('GET /locations/search', () => {
  it('pages an agency through its sub-accounts, oldest first or newest first', async () => {
    const agency = agencyToken()
    const search = async (qs: string) =>
      (await expectConformsToSpec('search-locations', await kit.call('GET', `/locations/search?${qs}`, { token: agency }))).locations as Array<{ id: string }>
    const all = await search(`companyId=${kit.companyId}`)
    expect(all.map((l) => l.id)).toEqual(kit.locations.map((l) => l.id))
    expect((await search(`companyId=${kit.companyId}&order=desc`)).map((l) => l.id)).toEqual(kit.locations.map((l) => l.id).reverse())
    const first = await search(`companyId=${kit.companyId}&limit=2`)
    const rest = await search(`companyId=${kit.companyId}&limit=2&skip=2`)
    expect([...first, ...rest].map((l) => l.id)).toEqual(all.map((l) => l.id))
    expect(await search(`companyId=${kit.companyId}&skip=10`)).toEqual([])
  })

  it('filters by email case-insensitively and lets a location token find only itself', async () => {
    const [a, b] = kit.locations
    const agency = agencyToken()
    const res = await kit.call('GET', `/locations/search?companyId=${kit.companyId}&email=${encodeURIComponent(b!.email.toUpperCase())}`, { token: agency })
    expect((await expectConformsToSpec('search-locations', res)).locations.map((l: { id: string }) => l.id)).toEqual([b!.id])
    const own = await kit.call('GET', `/locations/search?companyId=${kit.companyId}`, { token: kit.token({ locationId: a!.id }) })
    expect((await expectConformsToSpec('search-locations', own)).locations.map((l: { id: string }) => l.id)).toEqual([a!.id])
  })

  it('rejects bad paging with a 422 naming each field, and another agency with 403', async () => {
    const agency = agencyToken()
    const bad = await kit.call('GET', `/locations/search?companyId=${kit.companyId}&skip=-1&limit=abc&order=up`, { token: agency })
    expect(bad.status).toBe(422)
    expect((await bad.json()).message).toEqual([
      'skip must not be less than 0',
      'limit must be a number string',
      'order must be one of the following values: asc, desc',
    ])
    const other = await kit.call('GET', '/locations/search?companyId=someOtherCompany123', { token: agency })
    expect(other.status).toBe(403)
  })
})

describe('POST, PUT and DELETE /locations', () => {
  it('creates, updates and deletes a sub-account with its events', async () => {
    const agency = agencyToken()
    const created = await expectConformsToSpec(
      'create-location',
      await kit.call('POST', '/locations/', {
        token: agency,
        body: {
          name: 'Harbor Dental', companyId: kit.companyId, phone: '+15550001111', city: 'Austin', state: 'TX', country: 'US',
          timezone: 'America/Chicago', prospectInfo: { firstName: 'Ada', lastName: 'Lane', email: 'ada@harbor.test' },
          settings: { allowDuplicateContact: true }, social: { yelp: 'https://yelp.com/harbor' },
        },
      }),
    )
    expect(created).toMatchObject({
      companyId: kit.companyId, name: 'Harbor Dental', email: 'ada@harbor.test', timezone: 'America/Chicago',
      settings: { allowDuplicateContact: true, allowDuplicateOpportunity: false }, social: { yelp: 'https://yelp.com/harbor', twitter: '' },
    })
    expect(created.id).toMatch(/^[A-Za-z0-9]{20}$/)
    const [createEvent] = events('LocationCreate')
    expect(createEvent!.locationId).toBe(created.id)
    // What an app receives: the documented fields (type, id, companyId, name, email) and more.
    expect(delivered(createEvent!)).toMatchObject({
      type: 'LocationCreate', locationId: created.id, id: created.id, companyId: kit.companyId, name: 'Harbor Dental', email: 'ada@harbor.test',
      timezone: 'America/Chicago', city: 'Austin',
    })
    // The agency admin sees the new sub-account at once.
    const admin = kit.users.find((u) => u.roles.type === 'agency')!
    expect(kit.mock.runtime.repos.users.get(admin.id)!.roles.locationIds).toContain(created.id)
    const fetched = await expectConformsToSpec('get-location', await kit.call('GET', `/locations/${created.id}`, { token: agency }))
    expect(fetched.location).toMatchObject({ id: created.id, firstName: 'Ada', city: 'Austin' })

    const updated = await expectConformsToSpec(
      'put-location',
      await kit.call('PUT', `/locations/${created.id}`, { token: agency, body: { name: 'Harbor Dental & Co', settings: { disableContactTimezone: true } } }),
    )
    expect(updated).toMatchObject({ name: 'Harbor Dental & Co', settings: { allowDuplicateContact: true, disableContactTimezone: true }, city: 'Austin' })
    expect(delivered(events('LocationUpdate')[0]!)).toMatchObject({ type: 'LocationUpdate', id: created.id, companyId: kit.companyId, name: 'Harbor Dental & Co' })

    const deleted = await expectConformsToSpec('delete-location', await kit.call('DELETE', `/locations/${created.id}?deleteTwilioAccount=false`, { token: agency }))
    expect(deleted).toEqual({ success: true, message: `Deleted location with id: ${created.id}` })
    expect(kit.mock.runtime.repos.locations.get(created.id)).toBeUndefined()
    expect(kit.mock.runtime.repos.users.get(admin.id)!.roles.locationIds).not.toContain(created.id)
    expect((await kit.call('GET', `/locations/${created.id}`, { token: agency })).status).toBe(403)
  })

  it("deleting a sub-account takes its records along", async () => {
    const [a] = kit.locations
    const agency = agencyToken()
    const { repos } = kit.mock.runtime
    expect(repos.contacts.countByLocation(a!.id)).toBeGreaterThan(0)
    expect((await kit.call('DELETE', `/locations/${a!.id}?deleteTwilioAccount=true`, { token: agency })).status).toBe(200)
    expect(repos.contacts.countByLocation(a!.id)).toBe(0)
    expect(repos.users.listByLocation(a!.id)).toEqual([])
  })

  it('names every bad field of a create, and requires deleteTwilioAccount', async () => {
    const agency = agencyToken()
    const bad = await kit.call('POST', '/locations/', { token: agency, body: { name: '', companyId: kit.companyId, timezone: 'Mars/Olympus', settings: { allowDuplicateContact: 'yes' } } })
    expect(bad.status).toBe(422)
    expect((await bad.json()).message).toEqual([
      'name should not be empty',
      'timezone must be a valid IANA time zone',
      'settings.allowDuplicateContact must be a boolean value',
    ])
    const otherAgency = await kit.call('POST', '/locations/', { token: agency, body: { name: 'X', companyId: 'notMyCompany12345678' } })
    expect(otherAgency.status).toBe(403)
    const [a] = kit.locations
    const noFlag = await kit.call('DELETE', `/locations/${a!.id}`, { token: agency })
    expect(noFlag.status).toBe(422)
    expect((await noFlag.json()).message).toEqual(['deleteTwilioAccount should not be empty'])
    expect(kit.mock.runtime.repos.locations.get(a!.id)).toBeDefined()
  })
})

describe('GET /locations/{locationId}/timezones', () => {
  it('lists IANA time zones', async () => {
    const res = await kit.call('GET', `/locations/${kit.locations[0]!.id}/timezones`)
    expect(res.status).toBe(200)
    const { timeZones } = await res.json()
    expect(timeZones).toEqual(expect.arrayContaining(['America/New_York', 'Europe/London', 'Asia/Tokyo', 'UTC']))
    expect(timeZones.length).toBeGreaterThan(300)
  })
})
