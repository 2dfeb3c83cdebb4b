// Webhooks and the install flow together, over HTTP: POST /_mock/installs delivers a signed INSTALL,
// the scopes approved for the install decide which events follow, bulk installs reach only their
// approved sub-accounts, and DELETE /_mock/installs/:id delivers UNINSTALL and stops the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type GhlMock } from '../src/server.js'
import { captureWebhooks, verifyWebhookSignatures, type WebhookCapture } from '../src/webhooks/capture.js'

let mock: GhlMock
let capture: WebhookCapture
let keys: { webhookRsa: string; webhookEd25519: string }
let clientId: string
let locations: string[]
let companyId: string

beforeAll(async () => {
  capture = await captureWebhooks()
  mock = await createServer({ world: 'small', clock: 'manual', webhookUrl: capture.url })
  const world = mock.world()
  clientId = world.apps[0]!.clientId
  locations = world.locations.map((l) => l.id)
  companyId = world.companies[0]!.id
  keys = await (await fetch(`${mock.url}/_mock/keys`)).json()
})
afterAll(async () => {
  await mock.close()
  await capture.close()
})

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${mock.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
  return { status: res.status, body: await res.json() }
}
const trigger = (type: string, locationId: string) => call('POST', '/_mock/webhooks/trigger', { type, locationId })

describe('webhooks around installs', () => {
  it('delivers a signed INSTALL, then only the events whose scopes the install approved', async () => {
    const installed = await call('POST', '/_mock/installs', { clientId, locationId: locations[0], scopes: 'contacts.readonly contacts.write' })
    expect(installed.status).toBe(201)
    const [install] = await capture.waitFor(1)
    expect(install!.body).toMatchObject({ type: 'INSTALL', installType: 'Location', locationId: locations[0], companyId, appId: clientId.split('-')[0] })
    expect(verifyWebhookSignatures(install!, keys)).toEqual({ rsa: true, ed25519: true })

    expect((await trigger('ContactCreate', locations[0]!)).body.deliveries).toHaveLength(1)
    const opportunity = await trigger('OpportunityCreate', locations[0]!)
    expect(opportunity.body.deliveries).toEqual([])
    expect(opportunity.body.skipped).toContainEqual(expect.objectContaining({ appName: 'Demo CRM Sync', reason: 'was not granted opportunities.readonly' }))

    const removed = await call('DELETE', `/_mock/installs/${installed.body.installs[0].id}`)
    expect(removed.status).toBe(200)
    await mock.clock.advance(0)
    const uninstall = capture.requests.at(-1)!
    expect(uninstall.body).toMatchObject({ type: 'UNINSTALL', locationId: locations[0], appId: clientId.split('-')[0] })
    expect((await trigger('ContactCreate', locations[0]!)).body.deliveries).toEqual([])
    capture.clear()
  })

  it('reaches the approved sub-accounts of a bulk install and no others', async () => {
    const bulk = await call('POST', '/_mock/installs', { clientId, companyId, locationIds: [locations[1]] })
    expect(bulk.status).toBe(201)
    await mock.clock.advance(0)
    const installs = capture.requests.map((r) => r.body)
    expect(installs.every((body) => body.type === 'INSTALL')).toBe(true)
    capture.clear()

    expect((await trigger('ContactUpdate', locations[1]!)).body.deliveries).toHaveLength(1)
    expect((await trigger('ContactUpdate', locations[2]!)).body.deliveries).toEqual([])
    const [received] = await capture.waitFor(1)
    expect(received!.body.locationId).toBe(locations[1])
    expect(capture.requests).toHaveLength(1)
  })

  it('delivers an API write (POST /contacts/) to the installed app, after the response', async () => {
    await call('POST', '/_mock/installs', { clientId, locationId: locations[0] })
    await mock.clock.advance(0)
    capture.clear()
    const { body: token } = await call('POST', '/_mock/tokens', { locationId: locations[0], clientId, scopes: 'contacts.write contacts.readonly' })
    const res = await fetch(`${mock.url}/contacts/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}`, version: '2021-07-28', 'content-type': 'application/json' },
      body: JSON.stringify({ locationId: locations[0], firstName: 'Grace', lastName: 'Hopper', email: 'grace.hopper@example.com' }),
    })
    expect(res.status).toBe(201)
    const { contact } = await res.json()
    const [request] = await capture.waitFor(1)
    expect(request!.body).toMatchObject({ type: 'ContactCreate', locationId: locations[0], id: contact.id, email: 'grace.hopper@example.com' })
    expect(verifyWebhookSignatures(request!, keys)).toEqual({ rsa: true, ed25519: true })

    // A rejected write (a duplicate email) changes nothing and delivers nothing.
    const duplicate = await fetch(`${mock.url}/contacts/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}`, version: '2021-07-28', 'content-type': 'application/json' },
      body: JSON.stringify({ locationId: locations[0], firstName: 'Grace', email: 'grace.hopper@example.com' }),
    })
    expect(duplicate.status).toBe(400)
    await mock.clock.advance(0)
    expect(capture.requests).toHaveLength(1)
  })
})
