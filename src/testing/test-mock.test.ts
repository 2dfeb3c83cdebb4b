import { afterEach, describe, expect, it } from 'vitest'
import { createTestMock, type TestMock } from '../testing.js'

const open: TestMock[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((mock) => mock.close()))
})
async function start(options?: Parameters<typeof createTestMock>[0]): Promise<TestMock> {
  const mock = await createTestMock(options)
  open.push(mock)
  return mock
}

describe('createTestMock', () => {
  it('starts a small, manual-clock, in-memory instance on a free port', async () => {
    const mock = await start()
    expect(mock.options).toMatchObject({ clock: 'manual', db: ':memory:', world: 'small' })
    expect(mock.port).toBeGreaterThan(0)
    expect((await fetch(`${mock.url}/_mock/health`)).status).toBe(200)
    const before = mock.clock.now()
    await mock.clock.advance(60_000)
    expect(mock.clock.now() - before).toBe(60_000)
  })

  it('installs the demo app through the OAuth exchange and awaits the verified INSTALL and ContactCreate webhooks', async () => {
    const mock = await start({ listen: false })
    expect(mock.url).toBe('')
    const location = mock.world().locations[0]!
    const installed = await mock.installApp({ locationId: location.id })
    expect(installed).toMatchObject({ userType: 'Location', locationId: location.id, token_type: 'Bearer' })
    expect(installed.refresh_token).toEqual(expect.any(String))
    const install = await mock.webhooks.waitFor('INSTALL')
    expect(install.verified).toBe(true)
    const res = await mock.request('POST', '/contacts/', { token: installed.access_token, body: { locationId: location.id, email: 'ada@example.com' } })
    expect(res.status).toBe(201)
    const created = await mock.webhooks.waitFor('ContactCreate')
    expect(created).toMatchObject({ verified: true, body: { type: 'ContactCreate', locationId: location.id, email: 'ada@example.com' } })
  })

  it('installs on an agency with the given scopes', async () => {
    const mock = await start({ listen: false, fixtures: { apps: [{ name: 'Agency App', targetUserType: 'Agency', scopes: ['locations.readonly', 'oauth.readonly', 'oauth.write'] }] } })
    const app = mock.world().apps.find((a) => a.name === 'Agency App')!
    const installed = await mock.installApp({ clientId: app.clientId, companyId: mock.world().companies[0]!.id, scopes: 'locations.readonly oauth.readonly' })
    expect(installed).toMatchObject({ userType: 'Company', scope: 'locations.readonly oauth.readonly' })
  })

  it('explains a failed install and a webhook that never comes', async () => {
    const mock = await start({ listen: false })
    await expect(mock.installApp({ locationId: 'nope' })).rejects.toThrow(/installApp: POST \/_mock\/installs answered 4\d\d/)
    await expect(mock.webhooks.waitFor('ContactDelete', { timeoutMs: 50 })).rejects.toThrow(/no ContactDelete webhook within 50 ms/)
  })

  it('mints tokens and resets the world and the inbox', async () => {
    const mock = await start({ listen: false })
    const locationId = mock.world().locations[0]!.id
    const token = await mock.mintToken({ locationId, scopes: ['contacts.readonly', 'contacts.write'] })
    const created = await mock.request('POST', '/contacts/', { token, body: { locationId, email: 'gone@example.com' } })
    const { contact } = (await created.json()) as { contact: { id: string } }
    await mock.reset()
    expect(mock.webhooks.received()).toEqual([])
    const again = await mock.mintToken({ locationId, scopes: ['contacts.readonly'] })
    expect((await mock.request('GET', `/contacts/${contact.id}`, { token: again })).status).toBe(400)
  })

  it('runs 20 instances concurrently without cross-talk', async () => {
    const mocks = await Promise.all(Array.from({ length: 20 }, () => start({ listen: false })))
    const written = await Promise.all(
      mocks.map(async (mock, i) => {
        const locationId = mock.world().locations[0]!.id
        const { access_token } = await mock.installApp({ locationId })
        const res = await mock.request('POST', '/contacts/', { token: access_token, body: { locationId, email: `only-${i}@example.com` } })
        expect(res.status).toBe(201)
        await mock.webhooks.waitFor('ContactCreate')
        return { mock, token: access_token, locationId }
      }),
    )
    for (const [i, { mock, token, locationId }] of written.entries()) {
      const res = await mock.request('GET', `/contacts/?locationId=${locationId}&limit=100`, { token })
      const emails = ((await res.json()) as { contacts: Array<{ email: string | null }> }).contacts.map((c) => c.email).filter((e) => e?.startsWith('only-'))
      expect(emails).toEqual([`only-${i}@example.com`])
      expect(mock.webhooks.received('ContactCreate').map((w) => w.body.email)).toEqual([`only-${i}@example.com`])
    }
    expect(new Set(written.map(({ mock }) => mock.webhooks.url)).size).toBe(20)
  })
})
