// The consent form is bound to the page that rendered it (issue #11, defect 3): a cross-site POST,
// a POST without the page's token or with another request's token gets the consent error page,
// no code and no INSTALL event.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { GhlMock } from '../server.js'
import { appsOf, consentToken, form, formPost, startMock, type WorldApp } from '../../test/support/oauth.js'
import { CONSENT_FORM_TTL_MS } from './consent-csrf.js'
import { oauthMessages } from './messages.js'

let mock: GhlMock
let demo: WorldApp
beforeEach(async () => {
  mock = await startMock()
  demo = appsOf(mock).demo
})
afterEach(() => mock.close())

const installEvents = () => mock.runtime.repos.events.list(100).filter((event) => event.type === 'INSTALL')

function submit(fields: Record<string, string | undefined>, headers: Record<string, string> = {}): Promise<Response> {
  const body = form({
    client_id: demo.clientId,
    redirect_uri: demo.redirectUris[0]!,
    response_type: 'code',
    state: 's1',
    target: `location:${mock.world().locations[0]!.id}`,
    decision: 'approve',
    ...fields,
  })
  const init = formPost(body)
  return Promise.resolve(mock.app.request('http://localhost/oauth/chooselocation', { ...init, headers: { ...(init.headers as Record<string, string>), ...headers } }))
}

async function expectRefused(response: Response): Promise<void> {
  expect(response.status).toBe(403)
  expect(response.headers.get('location')).toBeNull()
  const page = await response.text()
  expect(page).toContain(oauthMessages.consentRejected)
  expect(installEvents()).toEqual([])
  expect(mock.world().installs).toEqual([])
}

describe('a consent form submission that is not its page’s own', () => {
  it('is refused from a foreign Origin, even with a valid token', async () => {
    const token = await consentToken(mock, demo, { state: 's1' })
    await expectRefused(await submit({ csrf_token: token }, { origin: 'https://evil.example' }))
  })

  it('is refused from a foreign Referer or a cross-site Sec-Fetch-Site', async () => {
    const token = await consentToken(mock, demo, { state: 's1' })
    await expectRefused(await submit({ csrf_token: token }, { referer: 'https://evil.example/page' }))
    await expectRefused(await submit({ csrf_token: token }, { 'sec-fetch-site': 'cross-site' }))
  })

  it('is refused without the page’s token, with an altered one, or with one rendered for another request', async () => {
    await expectRefused(await submit({}))
    const token = await consentToken(mock, demo, { state: 's1' })
    await expectRefused(await submit({ csrf_token: `${token}x` }))
    const otherState = await consentToken(mock, demo, { state: 'other' })
    await expectRefused(await submit({ csrf_token: otherState }))
  })

  it('is refused once the page is over an hour old', async () => {
    const token = await consentToken(mock, demo, { state: 's1' })
    await mock.clock.advance(CONSENT_FORM_TTL_MS + 1)
    await expectRefused(await submit({ csrf_token: token }))
  })

  it('is accepted from the same origin (or none, or Origin: null) with the page’s token', async () => {
    // https://localhost: the page served through a TLS-terminating proxy in front of this host.
    const cases: Array<Record<string, string>> = [{ origin: 'http://localhost' }, { origin: 'https://localhost' }, {}, { origin: 'null', 'sec-fetch-site': 'same-origin' }]
    for (const headers of cases) {
      const token = await consentToken(mock, demo, { state: 's1' })
      const response = await submit({ csrf_token: token }, headers)
      expect(response.status).toBe(302)
      expect(new URL(response.headers.get('location')!).searchParams.get('code')).toMatch(/^[0-9a-f]{40}$/)
    }
  })
})
