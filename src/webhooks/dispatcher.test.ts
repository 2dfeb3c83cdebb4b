// Who receives what: installs, granted scopes, subscriptions, agency installs, INSTALL/UNINSTALL,
// and the payload envelope (appId, versionId, timestamp, webhookId).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type GhlMock } from '../server.js'
import type { NewEvent } from '../storage/outbox.js'
import { configureWebhooks, installApp } from '../testing-internal/webhooks.js'
import type { App, Company } from '../world/model.js'
import { captureWebhooks, type WebhookCapture } from './capture.js'
import { eventFor } from './payloads/index.js'
import { webhooksOf, webhooksSettled } from './index.js'

let mock: GhlMock
const captures: Record<'all' | 'contacts' | 'opps' | 'agency' | 'mute', WebhookCapture> = {} as never
let apps: Record<keyof typeof captures, App>
let locations: string[]

beforeAll(async () => {
  for (const name of ['all', 'contacts', 'opps', 'agency', 'mute'] as const) captures[name] = await captureWebhooks()
  mock = await createServer({
    world: 'small',
    clock: 'manual',
    clockStart: '2026-05-04T10:20:30.456Z',
    listen: false,
    webhookUrl: captures.all.url,
    fixtures: {
      apps: [
        { name: 'Contacts Only', scopes: ['contacts.readonly', 'contacts.write'], webhookUrl: captures.contacts.url },
        { name: 'Opportunity Subscriber', scopes: 'all', webhookUrl: captures.opps.url, webhookEvents: ['OpportunityCreate', 'OpportunityStageUpdate'] },
        { name: 'Agency Hub', targetUserType: 'Agency', installableBy: ['Agency'], scopes: 'all', webhookUrl: captures.agency.url },
        { name: 'No Webhook URL', scopes: 'all' },
      ],
    },
  })
  const named = (name: string) => mock.world().apps.find((app) => app.name === name)!
  apps = {
    all: named('Demo CRM Sync'),
    contacts: named('Contacts Only'),
    opps: named('Opportunity Subscriber'),
    agency: named('Agency Hub'),
    mute: named('No Webhook URL'),
  }
  locations = mock.world().locations.map((l) => l.id)
  // Location installs on the first location; the agency app on the whole agency.
  for (const app of [apps.all, apps.contacts, apps.opps, apps.mute]) installApp(mock, { appId: app.id, locationId: locations[0] })
  installApp(mock, { appId: apps.agency.id, companyId: mock.world().companies[0]!.id })
  // An uninstalled install on the second location must not count.
  installApp(mock, { appId: apps.all.id, locationId: locations[1], status: 'uninstalled' })
})
afterAll(async () => {
  await mock.close()
  for (const capture of Object.values(captures)) await capture.close()
})

/** Emits `event`, waits for its deliveries, and returns which captures received it (then clears them). */
async function receivers(event: NewEvent): Promise<string[]> {
  mock.runtime.repos.transaction(() => mock.runtime.emit(event))
  await webhooksSettled(mock)
  const got = Object.entries(captures).filter(([, capture]) => capture.requests.length > 0).map(([name]) => name)
  for (const capture of Object.values(captures)) capture.clear()
  return got.sort()
}

const contactOn = (locationId: string) => mock.runtime.repos.contacts.listByLocation(locationId, 1)[0]!.data
const opportunityOn = (locationId: string) => mock.runtime.repos.opportunities.listByLocation(locationId, 1)[0]!.data

/** An install record (row, app, agency) for INSTALL / UNINSTALL, at a location or on the whole agency. */
function installOf(app: App, company: Company, where: { locationId: string; userId?: string } | { companyId: string }) {
  const locationId = 'locationId' in where ? where.locationId : null
  const row = {
    id: 'i1', appId: app.id, companyId: company.id, locationId, installType: locationId ? ('Location' as const) : ('Company' as const),
    isBulk: false, status: 'installed' as const, data: 'userId' in where ? { userId: where.userId } : {}, createdAt: 0, uninstalledAt: null,
  }
  return { row, app, company }
}

describe('recipients', () => {
  it('sends contact events to installed apps granted contacts.readonly that subscribe to them', async () => {
    expect(await receivers(eventFor('ContactCreate', contactOn(locations[0]!)))).toEqual(['agency', 'all', 'contacts'])
  })

  it('leaves out apps without the scope and apps not subscribed to the type', async () => {
    expect(await receivers(eventFor('OpportunityCreate', opportunityOn(locations[0]!)))).toEqual(['agency', 'all', 'opps'])
    expect(await receivers(eventFor('OpportunityStatusUpdate', opportunityOn(locations[0]!)))).toEqual(['agency', 'all'])
  })

  it('reaches only agency installs on a location where the apps are not installed (or uninstalled)', async () => {
    expect(await receivers(eventFor('ContactUpdate', contactOn(locations[1]!)))).toEqual(['agency'])
  })

  it('uses the scopes the install granted over the scopes the app asks for', async () => {
    const other = mock.world().locations[2]!.id
    installApp(mock, { appId: apps.all.id, locationId: other, scopes: ['opportunities.readonly'] })
    expect(await receivers(eventFor('ContactCreate', contactOn(other)))).toEqual(['agency'])
    expect(await receivers(eventFor('OpportunityUpdate', opportunityOn(other)))).toEqual(['agency', 'all'])
  })

  it('delivers a type with no known scope only to apps that list it', async () => {
    const custom = { type: 'RecordCreate', locationId: locations[0]!, payload: { id: 'r1' } }
    expect(await receivers(custom)).toEqual([])
    configureWebhooks(mock, apps.opps.id, captures.opps.url, ['RecordCreate'])
    expect(await receivers(custom)).toEqual(['opps'])
    configureWebhooks(mock, apps.opps.id, captures.opps.url, ['OpportunityCreate', 'OpportunityStageUpdate'])
  })

  it('sends INSTALL and UNINSTALL to the app they concern only, whatever its subscriptions', async () => {
    const company = mock.world().companies[0]!
    const install = eventFor('INSTALL', installOf(apps.opps, company, { locationId: locations[0]!, userId: 'u1' }))
    expect(await receivers(install)).toEqual(['opps'])
    expect(await receivers(eventFor('UNINSTALL', installOf(apps.contacts, company, { locationId: locations[2]! })))).toEqual(['contacts'])
    expect(await receivers(eventFor('UNINSTALL', installOf(apps.mute, company, { companyId: company.id })))).toEqual([])
  })
})

describe('payloads', () => {
  it('adds type, locationId, versionId, appId, the event time and a UUID webhookId per app', async () => {
    const contact = contactOn(locations[0]!)
    mock.runtime.repos.transaction(() => mock.runtime.emit(eventFor('ContactCreate', contact)))
    const at = new Date(mock.clock.now()).toISOString()
    await webhooksSettled(mock)
    const [forAll] = await captures.all.waitFor(1)
    const [forContacts] = await captures.contacts.waitFor(1)
    expect(forAll!.body).toMatchObject({
      type: 'ContactCreate',
      locationId: locations[0],
      versionId: apps.all.versionId,
      appId: apps.all.id,
      id: contact.id,
      email: contact.email,
      firstName: contact.firstName,
      timestamp: at,
    })
    expect(at).toBe('2026-05-04T10:20:30.456Z')
    expect(Object.keys(forAll!.body).slice(0, 4)).toEqual(['type', 'locationId', 'versionId', 'appId'])
    expect(Object.keys(forAll!.body).slice(-2)).toEqual(['timestamp', 'webhookId'])
    expect(forAll!.body.webhookId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(forContacts!.body.appId).toBe(apps.contacts.id)
    expect(forContacts!.body.webhookId).not.toBe(forAll!.body.webhookId)
    expect(forAll!.body).not.toHaveProperty('contactName') // the record's API-only fields stay out
    for (const capture of Object.values(captures)) capture.clear()
  })

  it('keeps the INSTALL fields in the documented shape', async () => {
    const company = mock.world().companies[0]!
    mock.runtime.repos.transaction(() => mock.runtime.emit(eventFor('INSTALL', installOf(apps.all, company, { companyId: company.id }))))
    await webhooksSettled(mock)
    const [request] = await captures.all.waitFor(1)
    expect(request!.body).toEqual({
      type: 'INSTALL', companyId: company.id, versionId: apps.all.versionId, appId: apps.all.id, installType: 'Company',
      trial: {}, isWhitelabelCompany: company.isWhitelabelCompany, whitelabelDetails: company.whitelabelDetails,
      companyName: company.name, timestamp: request!.body.timestamp, webhookId: request!.body.webhookId,
    })
    captures.all.clear()
  })

  it('records one delivery per (event, app) in the log', () => {
    const log = webhooksOf(mock.runtime).queue.list({ limit: 500 })
    const pairs = log.map((d) => `${d.eventId}:${d.appId}`)
    expect(new Set(pairs).size).toBe(pairs.length)
    expect(new Set(log.map((d) => d.webhookId)).size).toBe(log.length)
  })
})
