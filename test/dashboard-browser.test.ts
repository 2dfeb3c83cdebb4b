// The dashboard in headless Chromium: sign in with the admin token, open every page, search
// contacts, advance the clock, replay a delivery. Screenshots land in test-artifacts/dashboard/.
import { mkdirSync } from 'node:fs'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestMock, type TestMock } from '../src/testing.js'
import { CHROMIUM_ARGS, describeWithBrowser } from './support/browser.js'

const shots = new URL('../test-artifacts/dashboard/', import.meta.url).pathname
const ADMIN = 'demo-admin-token'

describeWithBrowser('dashboard in Chromium', (executablePath) => {
  let mock: TestMock
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let locationId: string

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true })
    mock = await createTestMock({ world: 'demo', adminToken: ADMIN, clockStart: '2026-03-10T15:00:00Z' })
    locationId = mock.world().locations[0]!.id
    const { access_token } = await mock.installApp({ locationId })
    // The first ContactCreate is refused, so the deliveries page shows a failed attempt and a retry.
    mock.webhooks.capture.answerNext(503)
    await mock.request('POST', '/contacts/', { token: access_token, body: { locationId, firstName: 'Zelda', lastName: 'Quartermaine', email: 'zelda@quartermaine.example' } })
    await mock.request('GET', `/contacts/?locationId=${locationId}`, { token: access_token })
    await mock.request('GET', '/contacts/nope', { token: access_token })
    await mock.settled()
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS })
    context = await browser.newContext({ viewport: { width: 1360, height: 900 } })
    page = await context.newPage()
    page.setDefaultTimeout(10_000)
  })
  afterAll(async () => {
    await browser?.close()
    await mock?.close()
  })

  const shoot = (name: string) => page.screenshot({ path: `${shots}${name}.png`, fullPage: true })
  const heading = () => page.locator('main h1').textContent()

  it('asks for the admin token, then shows the overview; / redirects there', async () => {
    await page.goto(`${mock.url}/`)
    await expect(page.title()).resolves.toBe('Sign in · ghl-mock')
    await page.getByLabel('Admin token').fill('wrong')
    await page.getByRole('button', { name: 'Sign in' }).click()
    expect(await page.getByRole('alert').count()).toBe(1)
    await shoot('00-login')
    await page.getByLabel('Admin token').fill(ADMIN)
    await page.getByRole('button', { name: 'Sign in' }).click()
    expect(new URL(page.url()).pathname).toBe('/_mock/ui')
    expect(await heading()).toBe('Overview')
    expect(await page.getByRole('link', { name: 'Install' }).first().getAttribute('href')).toContain('oauth.write')
    await shoot('01-overview')
  })

  it('opens every page of a sub-account and links records to each other', async () => {
    const location = mock.world().locations[0]!
    for (const [tab, file] of [['contacts', '02-contacts'], ['opportunities', '03-pipelines'], ['calendars', '04-calendars'], ['conversations', '05-conversations']] as const) {
      const res = await page.goto(`${mock.url}/_mock/ui/locations/${locationId}/${tab}`)
      expect(res?.status()).toBe(200)
      expect(await heading()).toBe(location.name)
      await shoot(file)
    }
    await page.locator('main table a').first().click()
    expect(page.url()).toContain('/conversations/')
    expect(await page.locator('.msg').count()).toBeGreaterThan(0)
    await shoot('06-conversation')
    await page.locator('main h2 a').first().click()
    expect(page.url()).toMatch(/\/contacts\/[^/]+$/)
    await shoot('07-contact')
  })

  it('searches contacts', async () => {
    await page.goto(`${mock.url}/_mock/ui/locations/${locationId}/contacts`)
    await page.getByLabel('Search contacts').fill('Quartermaine')
    await page.getByRole('button', { name: 'Search' }).click()
    const rows = page.locator('main table tr')
    await expect(rows.count()).resolves.toBe(2)
    expect(await rows.nth(1).textContent()).toContain('Zelda Quartermaine')
    await shoot('08-contact-search')
  })

  it('shows deliveries with their attempts and replays one', async () => {
    await page.goto(`${mock.url}/_mock/ui/webhooks`)
    expect(await heading()).toBe('Webhook deliveries')
    await page.locator('details summary').first().click()
    await shoot('09-webhooks')
    const before = mock.webhooks.received().length
    await page.getByRole('button', { name: 'Replay' }).first().click()
    expect(new URL(page.url()).pathname).toBe('/_mock/ui/webhooks')
    await mock.settled()
    expect(mock.webhooks.received().length).toBe(before + 1)
  })

  it('advances the mock clock by 10 minutes, an hour and a day', async () => {
    await page.goto(`${mock.url}/_mock/ui/requests`)
    const start = mock.clock.now()
    await page.getByRole('button', { name: '+10 min' }).click()
    await page.getByRole('button', { name: '+1 h' }).click()
    await page.getByRole('button', { name: '+1 day' }).click()
    expect(mock.clock.now() - start).toBe(600_000 + 3_600_000 + 86_400_000)
    expect(new URL(page.url()).pathname).toBe('/_mock/ui/requests')
    expect(await page.locator('.clock time').getAttribute('datetime')).toBe(new Date(mock.clock.now()).toISOString())
  })

  it('filters the request journal and shows rate limits and billing', async () => {
    await page.goto(`${mock.url}/_mock/ui/requests?status=4xx`)
    const statuses = await page.locator('main table tr td:nth-child(5)').allTextContents()
    expect(statuses.length).toBeGreaterThan(0)
    expect(statuses.every((s) => s.startsWith('4'))).toBe(true)
    await shoot('10-requests')
    await page.goto(`${mock.url}/_mock/ui/limits`)
    expect(await page.getByRole('meter').count()).toBeGreaterThan(0)
    await shoot('11-limits')
    await page.goto(`${mock.url}/_mock/ui/billing`)
    expect(await heading()).toBe('Billing events')
    await shoot('12-billing')
  })
})
