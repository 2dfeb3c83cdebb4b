// POST /oauth/token: the real body, the 422 / 401 / 400 answers, single-use codes, rotating
// refresh tokens and the lifetimes, on the manual clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { authenticate, verifyJwt } from '../auth/access-tokens.js'
import type { GhlMock } from '../server.js'
import { expectConformsToSpec } from '../../test/support/spec-conformance.js'
import { appsOf, approveForCode, claimsOf, exchangeCode, jsonPost, startMock, tokenRequest, type WorldApp } from '../../test/support/oauth.js'
import { oauthMessages } from './messages.js'

let mock: GhlMock
let demo: WorldApp
let locationId: string
let companyId: string
beforeEach(async () => {
  mock = await startMock()
  demo = appsOf(mock).demo
  locationId = mock.world().locations[0]!.id
  companyId = mock.world().companies[0]!.id
})
afterEach(() => mock.close())

const live = (token: string) => authenticate(mock.runtime, token) !== undefined
const codeFor = async (target = `location:${locationId}`, scope = 'contacts.readonly contacts.write') =>
  (await approveForCode(mock, demo, target, { scope })).code
const base = () => ({ client_id: demo.clientId, client_secret: demo.clientSecret })

describe('authorization_code', () => {
  it('answers with the real body: a Location token pair for a location install', async () => {
    const res = await tokenRequest(mock, { ...base(), grant_type: 'authorization_code', code: await codeFor(), user_type: 'Location', redirect_uri: demo.redirectUris[0]! })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const body = (await res.clone().json()) as Record<string, unknown>
    expect(Object.keys(body)).toEqual([
      'access_token', 'token_type', 'expires_in', 'refresh_token', 'scope', 'refreshTokenId', 'userType', 'companyId', 'locationId', 'isBulkInstallation', 'userId',
    ])
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 86399, scope: 'contacts.readonly contacts.write', userType: 'Location', companyId, locationId, isBulkInstallation: false })
    expect(body.refreshTokenId).toMatch(/^[0-9a-f]{24}$/)
    const admin = mock.world().users.find((u) => u.roles.type === 'account' && u.roles.role === 'admin' && u.roles.locationIds.includes(locationId))!
    expect(body.userId).toBe(admin.id)
    await expectConformsToSpec('get-access-token', res)
  })

  it('issues RS256 JWTs with realistic claims, checked against the database', async () => {
    const body = await exchangeCode(mock, demo, await codeFor())
    const header = JSON.parse(Buffer.from(body.access_token.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>
    expect(header).toEqual({ alg: 'RS256', typ: 'JWT' })
    expect(verifyJwt(body.access_token, mock.keys)).toBeDefined()
    const claims = claimsOf(body.access_token)
    expect(claims).toMatchObject({ authClass: 'Location', authClassId: locationId, channel: 'OAUTH', oauthMeta: { scopes: ['contacts.readonly', 'contacts.write'] } })
    expect(Number(claims.exp) - Number(claims.iat)).toBe(86399)
    expect(verifyJwt(body.refresh_token, mock.keys)).toBeDefined()
    const refreshClaims = claimsOf(body.refresh_token)
    expect(Number(refreshClaims.exp) - Number(refreshClaims.iat)).toBe(365 * 86400)
    expect(live(body.access_token)).toBe(true)
    // A refresh token is not an access token.
    expect(live(body.refresh_token)).toBe(false)
  })

  it('accepts JSON as well as the canonical form encoding', async () => {
    const res = await mock.app.request('/oauth/token', jsonPost({ ...base(), grant_type: 'authorization_code', code: await codeFor() }))
    expect(res.status).toBe(200)
  })

  it('gives a Company token with approvedLocations for a bulk agency install', async () => {
    const locations = mock.world().locations.map((l) => l.id)
    const body = await exchangeCode(mock, demo, await codeFor(`bulk-all:${companyId}`))
    expect(body).toMatchObject({ userType: 'Company', companyId, isBulkInstallation: true, approvedLocations: locations })
    expect(body.locationId).toBeUndefined()
    const admin = mock.world().users.find((u) => u.roles.type === 'agency')!
    expect(body.userId).toBe(admin.id)
    expect(claimsOf(body.access_token)).toMatchObject({ authClass: 'Company', authClassId: companyId })
  })

  it('is single use: a reused code fails and revokes the tokens it issued', async () => {
    const code = await codeFor()
    const first = await exchangeCode(mock, demo, code)
    const refreshed = await refresh(first.refresh_token)
    expect(live(refreshed.access_token)).toBe(true)
    const again = await tokenRequest(mock, { ...base(), grant_type: 'authorization_code', code })
    expect(again.status).toBe(400)
    expect(await again.json()).toMatchObject({ statusCode: 400, message: oauthMessages.usedCode, error: 'Bad Request' })
    expect(live(first.access_token)).toBe(false)
    expect(live(refreshed.access_token)).toBe(false)
    const refreshAgain = await tokenRequest(mock, { ...base(), grant_type: 'refresh_token', refresh_token: refreshed.refresh_token })
    expect(refreshAgain.status).toBe(400)
  })

  it('expires after 10 minutes on the clock', async () => {
    const fresh = await codeFor()
    await mock.clock.advance(10 * 60_000 - 1)
    expect((await tokenRequest(mock, { ...base(), grant_type: 'authorization_code', code: fresh })).status).toBe(200)
    const stale = await codeFor()
    await mock.clock.advance(10 * 60_000)
    const res = await tokenRequest(mock, { ...base(), grant_type: 'authorization_code', code: stale })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { message: string }).message).toBe(oauthMessages.expiredCode)
  })

  it('is bound to the redirect URI (when sent) and to the client', async () => {
    const code = await codeFor()
    const mismatch = await tokenRequest(mock, { ...base(), grant_type: 'authorization_code', code, redirect_uri: 'http://localhost:3000/other' })
    expect(mismatch.status).toBe(400)
    expect(((await mismatch.json()) as { message: string }).message).toBe(oauthMessages.redirectMismatch)
    const paid = appsOf(mock).paid
    const otherClient = await tokenRequest(mock, { client_id: paid.clientId, client_secret: paid.clientSecret, grant_type: 'authorization_code', code })
    expect(otherClient.status).toBe(400)
    // Neither attempt spent the code.
    expect((await tokenRequest(mock, { ...base(), grant_type: 'authorization_code', code })).status).toBe(200)
  })

  it('checks user_type when sent', async () => {
    const code = await codeFor()
    const res = await tokenRequest(mock, { ...base(), grant_type: 'authorization_code', code, user_type: 'Company' })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { message: string }).message).toBe(oauthMessages.userTypeMismatch('Company', 'Location'))
    expect((await tokenRequest(mock, { ...base(), grant_type: 'authorization_code', code, user_type: 'Location' })).status).toBe(200)
  })

  it('answers 400 for an unknown code', async () => {
    const res = await tokenRequest(mock, { ...base(), grant_type: 'authorization_code', code: 'f'.repeat(40) })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ message: oauthMessages.invalidCode })
  })
})

async function refresh(refreshToken: string, extra: Record<string, string> = {}) {
  const res = await tokenRequest(mock, { ...base(), grant_type: 'refresh_token', refresh_token: refreshToken, ...extra })
  if (res.status !== 200) throw new Error(`refresh failed ${res.status}: ${await res.text()}`)
  return (await res.json()) as Record<string, unknown> & { access_token: string; refresh_token: string }
}

describe('refresh_token', () => {
  it('rotates: a new pair each time, the old refresh token fails, the old access token lives on', async () => {
    const first = await exchangeCode(mock, demo, await codeFor())
    const second = await refresh(first.refresh_token, { user_type: 'Location' })
    expect(second).toMatchObject({ userType: 'Location', locationId, scope: 'contacts.readonly contacts.write', expires_in: 86399 })
    expect(second.refresh_token).not.toBe(first.refresh_token)
    expect(second.refreshTokenId).not.toBe(first.refreshTokenId)
    expect(live(second.access_token)).toBe(true)
    expect(live(first.access_token)).toBe(true)
    const reused = await tokenRequest(mock, { ...base(), grant_type: 'refresh_token', refresh_token: first.refresh_token })
    expect(reused.status).toBe(400)
    expect(await reused.json()).toMatchObject({ message: oauthMessages.usedRefresh })
    await refresh(second.refresh_token)
  })

  it('lives a year on the clock', async () => {
    const first = await exchangeCode(mock, demo, await codeFor())
    await mock.clock.advance(365 * 86_400_000 - 1000)
    const second = await refresh(first.refresh_token)
    await mock.clock.advance(365 * 86_400_000)
    const res = await tokenRequest(mock, { ...base(), grant_type: 'refresh_token', refresh_token: second.refresh_token })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ message: oauthMessages.expiredRefresh })
  })

  it('fails for another client, a wrong user_type, or garbage', async () => {
    const first = await exchangeCode(mock, demo, await codeFor())
    const paid = appsOf(mock).paid
    const other = await tokenRequest(mock, { client_id: paid.clientId, client_secret: paid.clientSecret, grant_type: 'refresh_token', refresh_token: first.refresh_token })
    expect(other.status).toBe(400)
    const wrongType = await tokenRequest(mock, { ...base(), grant_type: 'refresh_token', refresh_token: first.refresh_token, user_type: 'Company' })
    expect(wrongType.status).toBe(400)
    const garbage = await tokenRequest(mock, { ...base(), grant_type: 'refresh_token', refresh_token: 'not-a-token' })
    expect(garbage.status).toBe(400)
    // None of them spent it.
    await refresh(first.refresh_token)
  })
})

describe('access token lifetime', () => {
  it('works until 86,399 s, then authenticates no more', async () => {
    const { access_token } = await exchangeCode(mock, demo, await codeFor())
    await mock.clock.advance(86_399_000 - 1)
    expect(live(access_token)).toBe(true)
    await mock.clock.advance(1)
    expect(live(access_token)).toBe(false)
  })
})

describe('request errors', () => {
  it('422 with the class-validator messages, every problem at once', async () => {
    const res = await tokenRequest(mock, {})
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: [
        'client_id must be a string',
        'client_id should not be empty',
        'client_secret must be a string',
        'client_secret should not be empty',
        'grant_type must be a valid enum value',
        'grant_type should not be empty',
      ],
    })
    const bad = await tokenRequest(mock, { ...base(), grant_type: 'password', user_type: 'Agency' })
    expect(await bad.json()).toMatchObject({ message: ['grant_type must be a valid enum value', 'user_type must be a valid enum value'] })
    const noCode = await tokenRequest(mock, { ...base(), grant_type: 'authorization_code' })
    expect(await noCode.json()).toMatchObject({ statusCode: 422, message: ['code must be a string', 'code should not be empty'] })
  })

  it('401 for a wrong secret or an unknown client, after validation', async () => {
    const code = await codeFor()
    const wrong = await tokenRequest(mock, { client_id: demo.clientId, client_secret: `${demo.clientSecret}x`, grant_type: 'authorization_code', code })
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toMatchObject({ statusCode: 401, message: oauthMessages.invalidClient, error: 'Unauthorized' })
    const unknown = await tokenRequest(mock, { client_id: 'abc-12345678', client_secret: demo.clientSecret, grant_type: 'authorization_code', code })
    expect(unknown.status).toBe(401)
    // The wrong secret did not spend the code.
    expect((await tokenRequest(mock, { ...base(), grant_type: 'authorization_code', code })).status).toBe(200)
  })

  it('400 for client_credentials and for malformed JSON; never a 500', async () => {
    const cc = await tokenRequest(mock, { ...base(), grant_type: 'client_credentials' })
    expect(cc.status).toBe(400)
    const malformed = await mock.app.request('/oauth/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"client_id":' })
    expect(malformed.status).toBe(400)
    const array = await mock.app.request('/oauth/token', jsonPost([1, 2]))
    expect(array.status).toBe(422)
    const numbers = await mock.app.request('/oauth/token', jsonPost({ client_id: 5, client_secret: {}, grant_type: 'refresh_token', refresh_token: 7 }))
    expect(await numbers.json()).toMatchObject({ message: ['client_id must be a string', 'client_secret must be a string', 'refresh_token must be a string'] })
  })
})
