// The consent page: what it shows, what it refuses (never redirecting), and where Allow/Cancel go.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { GhlMock } from '../server.js'
import { appsOf, decide, installLink, startMock, type WorldApp } from '../../test/support/oauth.js'

let mock: GhlMock
let demo: WorldApp
beforeEach(async () => {
  mock = await startMock()
  demo = appsOf(mock).demo
})
afterEach(() => mock.close())

const get = (url: string) => mock.app.request(url)

describe('GET /oauth/chooselocation', () => {
  it('shows the app, the requested scopes in plain words and the agency sub-accounts, on both paths', async () => {
    for (const path of ['/oauth/chooselocation', '/v2/oauth/chooselocation']) {
      const res = await get(installLink(demo, { scope: 'contacts.readonly contacts.write locations.readonly' }, path))
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/text\/html/)
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      const page = await res.text()
      expect(page).toContain(`${demo.name} wants to access`)
      expect(page).toContain('View and manage contacts')
      expect(page).toContain('View sub-account details')
      expect(page).not.toContain('calendars.readonly')
      for (const location of mock.world().locations) expect(page).toContain(`value="location:${location.id}"`)
      // The demo app is bulk-installable: the agency may pick all or several sub-accounts.
      expect(page).toContain(`value="bulk-all:${mock.world().companies[0]!.id}"`)
      expect(page).toContain(`action="${path}"`)
    }
  })

  it('labels every control and works without script', async () => {
    const page = await (await get(installLink(demo))).text()
    expect(page).not.toMatch(/<script/i)
    const inputs = page.match(/<input type="(radio|checkbox)"[^>]*>/g) ?? []
    expect(inputs.length).toBeGreaterThan(3)
    // Each radio and checkbox sits inside its <label>.
    const labelled = page.match(/<label[^>]*>\s*<input type="(radio|checkbox)"/g) ?? []
    expect(labelled.length).toBe(inputs.length)
    expect(page).toContain('<legend')
    expect(page).toContain('<button type="submit" name="decision" value="approve"')
  })

  it('escapes every echoed value', async () => {
    const state = `"><script>alert(1)</script>&x='`
    const page = await (await get(installLink(demo, { state }))).text()
    expect(page).not.toContain('<script>alert(1)</script>')
    expect(page).toContain('&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;&#38;x=&#39;')
    const error = await (await get(installLink(demo, { client_id: '<img src=x onerror=alert(1)>' }))).text()
    expect(error).not.toContain('<img src=x')
    expect(error).toContain('&#60;img src=x onerror=alert(1)&#62;')
  })

  it.each([
    ['an unknown client_id', { client_id: 'nope-12345678' }, 'No app has this client_id'],
    ['no client_id', { client_id: undefined }, 'no client_id'],
    ['a redirect_uri the app did not register', { redirect_uri: 'https://evil.example/cb' }, 'not one of the redirect URIs'],
    ['a redirect_uri differing only by a trailing slash', { redirect_uri: 'http://localhost:3000/oauth/callback/' }, 'not one of the redirect URIs'],
    ['response_type token', { response_type: 'token' }, 'response_type must be'],
  ])('refuses %s with an error page and no redirect', async (_name, params, reason) => {
    const res = await get(installLink(demo, params))
    expect(res.status).toBe(400)
    expect(res.headers.get('location')).toBeNull()
    const page = await res.text()
    expect(page).toContain('This integration cannot be added, please contact the developer!')
    expect(page).toContain(reason)
  })

  it('refuses scopes the app did not register, naming them', async () => {
    const paid = appsOf(mock).paid
    const res = await get(installLink(paid, { scope: 'contacts.readonly calendars.write' }))
    expect(res.status).toBe(400)
    const page = await res.text()
    expect(page).toContain('did not register')
    expect(page).toContain('calendars.write')
  })

  it('offers the agency itself for an agency-targeted app', async () => {
    const agencyApp = await startMock({ fixtures: { apps: [{ name: 'Agency Hub', targetUserType: 'Agency', installableBy: ['Agency'], scopes: ['companies.readonly'] }] } })
    try {
      const app = agencyApp.world().apps.find((a) => a.name === 'Agency Hub')!
      const page = await (await agencyApp.app.request(installLink(app))).text()
      expect(page).toContain(`value="agency:${agencyApp.world().companies[0]!.id}" checked`)
      expect(page).not.toContain('value="location:')
      expect(page).toContain('View agency details')
    } finally {
      await agencyApp.close()
    }
  })

  it('offers no bulk choice for an app that cannot be bulk-installed', async () => {
    const single = await startMock({ fixtures: { apps: [{ name: 'Single', bulkInstallation: false, scopes: ['contacts.readonly'] }] } })
    try {
      const app = single.world().apps.find((a) => a.name === 'Single')!
      const page = await (await single.app.request(installLink(app))).text()
      expect(page).not.toContain('bulk-all:')
      expect(page).toContain('value="location:')
    } finally {
      await single.close()
    }
  })
})

describe('POST /oauth/chooselocation (the Allow / Cancel form)', () => {
  it('approves: 302 to the redirect URI with a code and the state untouched', async () => {
    const location = mock.world().locations[0]!
    const state = 'a b&c=d/é?+%'
    const res = await decide(mock, demo, { target: `location:${location.id}`, state })
    expect(res.status).toBe(302)
    const url = new URL(res.headers.get('location')!)
    expect(`${url.origin}${url.pathname}`).toBe(demo.redirectUris[0])
    expect(url.searchParams.get('code')).toMatch(/^[0-9a-f]{40}$/)
    expect(url.searchParams.get('state')).toBe(state)
  })

  it('leaves state out when the link had none', async () => {
    const res = await decide(mock, demo, { target: `location:${mock.world().locations[0]!.id}` })
    expect(new URL(res.headers.get('location')!).searchParams.has('state')).toBe(false)
  })

  it('denies: 302 with error=access_denied and the state, installing nothing', async () => {
    const res = await decide(mock, demo, { decision: 'deny', state: 'xyz' })
    expect(res.status).toBe(302)
    const url = new URL(res.headers.get('location')!)
    expect(url.searchParams.get('error')).toBe('access_denied')
    expect(url.searchParams.get('state')).toBe('xyz')
    expect(url.searchParams.has('code')).toBe(false)
    expect(mock.world().installs).toEqual([])
  })

  it('re-checks the request on submit: a tampered redirect_uri gets the error page', async () => {
    const res = await decide(mock, demo, { target: `location:${mock.world().locations[0]!.id}`, redirectUri: 'https://evil.example/' })
    expect(res.status).toBe(400)
    expect(res.headers.get('location')).toBeNull()
  })

  it('shows the page again with a message when nothing was chosen', async () => {
    const res = await decide(mock, demo, {})
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Choose where to install the app.')
    const none = await decide(mock, demo, { target: `bulk-selected:${mock.world().companies[0]!.id}` })
    expect(await none.text()).toContain('Tick at least one sub-account')
  })

  it('refuses a location install of an agency-targeted app (a forged choice)', async () => {
    const agencyApp = await startMock({ fixtures: { apps: [{ name: 'Agency Hub', targetUserType: 'Agency', installableBy: ['Agency'], scopes: ['companies.readonly'] }] } })
    try {
      const app = agencyApp.world().apps.find((a) => a.name === 'Agency Hub')!
      const res = await decide(agencyApp, app, { target: `location:${agencyApp.world().locations[0]!.id}` })
      expect(res.status).toBe(400)
      expect(await res.text()).toContain('targets agencies')
    } finally {
      await agencyApp.close()
    }
  })
})
