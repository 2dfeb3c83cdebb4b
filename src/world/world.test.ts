import { describe, expect, it } from 'vitest'
import { createServer } from '../server.js'

async function worldOf(seed: number, world: 'demo' | 'small' = 'small') {
  const mock = await createServer({ seed, world, listen: false })
  try {
    const res = await mock.app.request('/_mock/world')
    const location = mock.world().locations[0]!
    const contacts = mock.runtime.repos.contacts.listByLocation(location.id, 1_000).map((row) => row.data)
    return { text: await res.text(), contacts: JSON.stringify(contacts) }
  } finally {
    await mock.close()
  }
}

describe('seeded world', () => {
  it('is byte-identical for the same seed, records included', async () => {
    const [a, b] = await Promise.all([worldOf(7), worldOf(7)])
    expect(a.text).toBe(b.text)
    expect(a.contacts).toBe(b.contacts)
  })

  it('differs for another seed', async () => {
    const [a, b] = await Promise.all([worldOf(7), worldOf(8)])
    expect(a.text).not.toBe(b.text)
    expect(a.contacts).not.toBe(b.contacts)
  })

  it('has the demo app, one agency with three sub-accounts and their users, in HighLevel id shapes', async () => {
    const mock = await createServer({ listen: false })
    try {
      const world = mock.world()
      const [app] = world.apps
      expect(app!.clientId).toMatch(/^[0-9a-f]{24}-[0-9a-z]{8}$/)
      expect(app!.clientId.split('-')[0]).toBe(app!.id)
      expect(app!.redirectUris).toContain('http://localhost:3000/oauth/callback')
      expect(app!.distribution).toEqual({ targetUserType: 'Sub-Account', installableBy: ['Agency', 'Sub-Account'], bulkInstallation: true })
      expect(app!.webhookUrl).toBe('')
      expect(app!.scopes).toContain('contacts.write')
      expect(world.companies).toHaveLength(1)
      expect(world.locations).toHaveLength(3)
      for (const location of world.locations) {
        expect(location.id).toMatch(/^[A-Za-z0-9]{20}$/)
        expect(location.companyId).toBe(world.companies[0]!.id)
        expect(location.timezone).toMatch(/^America\//)
        const users = mock.runtime.repos.users.listByLocation(location.id)
        expect(users.length).toBeGreaterThanOrEqual(3) // the agency admin plus the location's users
        const { repos } = mock.runtime
        expect(repos.contacts.countByLocation(location.id)).toBe(250)
        expect(repos.opportunities.countByLocation(location.id)).toBe(40)
        expect(repos.pipelines.countByLocation(location.id)).toBe(2)
        expect(repos.calendars.countByLocation(location.id)).toBe(2)
        expect(repos.conversations.countByLocation(location.id)).toBe(30)
        expect(repos.customFields.countByLocation(location.id)).toBeGreaterThan(0)
        expect(repos.customValues.countByLocation(location.id)).toBeGreaterThan(0)
        expect(repos.tags.countByLocation(location.id)).toBeGreaterThan(0)
        const appointments = repos.appointments.listByLocation(location.id, 100)
        expect(appointments.length).toBeGreaterThan(0)
        for (const a of appointments) expect(Date.parse(String(a.data.startTime))).toBeGreaterThan(mock.clock.now() - 86_400_000)
        const pipeline = repos.pipelines.listByLocation(location.id, 1)[0]!.data
        expect(pipeline.stages).toHaveLength(5)
      }
      expect(world.users.filter((u) => u.roles.type === 'agency')).toHaveLength(1)
    } finally {
      await mock.close()
    }
  })

  it('takes extra apps and counts from a fixtures object', async () => {
    const mock = await createServer({
      listen: false,
      world: 'small',
      webhookUrl: 'http://127.0.0.1:9/hook',
      fixtures: {
        apps: [{ name: 'Agency Reports', targetUserType: 'Agency', installableBy: ['Agency'], scopes: ['locations.readonly'] }],
        agencies: [{ name: 'Acme Growth', locations: [{ name: 'Acme Dental', timezone: 'America/Chicago' }] }],
        counts: { contacts: 3 },
      },
    })
    try {
      const world = mock.world()
      expect(world.apps.map((a) => a.name)).toEqual(['Demo CRM Sync', 'Review Booster Pro', 'Demo SMS Provider', 'Agency Reports'])
      expect(world.apps[0]!.webhookUrl).toBe('http://127.0.0.1:9/hook')
      expect(world.apps[3]!.distribution.targetUserType).toBe('Agency')
      expect(world.companies[0]!.name).toBe('Acme Growth')
      expect(world.locations.map((l) => [l.name, l.timezone])).toEqual([['Acme Dental', 'America/Chicago']])
      expect(mock.runtime.repos.contacts.countByLocation(world.locations[0]!.id)).toBe(3)
    } finally {
      await mock.close()
    }
  })
})
