// The consent page in a real browser (headless Debian Chromium via playwright-core): labelled,
// keyboard-operable controls, and a click-through to the app's redirect URI with a working code.
import { createServer as createHttpServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createServer, type GhlMock } from '../src/server.js'
import { CHROMIUM_ARGS, describeWithBrowser } from './support/browser.js'

describeWithBrowser('consent page in Chromium', (executablePath) => {
let mock: GhlMock
let browser: Browser
let callback: Server
/** Every URL the app's redirect URI was called with, as the app's own server saw it. */
const landed: string[] = []

beforeAll(async () => {
  // The app's side: a real HTTP server at the registered redirect URI.
  callback = createHttpServer((req, res) => {
    if (req.url?.startsWith('/oauth/callback')) landed.push(`http://${req.headers.host}${req.url}`)
    res.writeHead(200, { 'content-type': 'text/html' }).end('<title>callback</title>ok')
  })
  await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve))
  const redirectUri = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/oauth/callback`
  mock = await createServer({
    world: 'small',
    clock: 'manual',
    logLevel: 'silent',
    fixtures: { apps: [{ name: 'Browser Test App', redirectUris: [redirectUri], bulkInstallation: true, scopes: 'all' }] },
  })
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS })
})
afterAll(async () => {
  await browser?.close()
  await mock?.close()
  await new Promise((resolve) => callback?.close(resolve))
})

/** Opens an install link of the test app in a fresh browser context. */
async function openConsent(scope: string, state: string) {
  const app = mock.world().apps.find((a) => a.name === 'Browser Test App')!
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  landed.length = 0
  const link = `${mock.url}/oauth/chooselocation?${new URLSearchParams({ response_type: 'code', client_id: app.clientId, redirect_uri: app.redirectUris[0]!, scope, state })}`
  await page.goto(link)
  return { app, page, context, landed }
}


  it('clicks through: choose a sub-account, Allow & Install, land on the redirect URI with a code that exchanges', async () => {
    const location = mock.world().locations[2]!
    const { app, page, context, landed } = await openConsent('contacts.readonly contacts.write locations.readonly', 'st-1')
    try {
      await expect(page.title()).resolves.toBe(`Install ${app.name}`)
      await page.screenshot({ path: '/tmp/ghl-mock-consent.png', fullPage: true })
      await page.getByRole('radio', { name: location.name }).check()
      await page.getByRole('button', { name: 'Allow & Install' }).click()
      await page.waitForURL((url) => url.pathname === '/oauth/callback')
      const callback = new URL(landed.at(-1)!)
      expect(callback.searchParams.get('state')).toBe('st-1')
      const res = await fetch(`${mock.url}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({ client_id: app.clientId, client_secret: app.clientSecret, grant_type: 'authorization_code', code: callback.searchParams.get('code')! }),
      })
      expect(await res.json()).toMatchObject({ userType: 'Location', locationId: location.id })
    } finally {
      await context.close()
    }
  })

  it('refuses to submit Allow without a choice (required radio group)', async () => {
    const { page, context, landed } = await openConsent('contacts.readonly', 'none')
    try {
      await page.getByRole('button', { name: 'Allow & Install' }).click()
      expect(landed).toEqual([])
      expect(await page.locator('input[name="target"]:invalid').count()).toBeGreaterThan(0)
    } finally {
      await context.close()
    }
  })

  it('works from the keyboard alone: Tab into the choices, arrows to pick, Enter to allow', async () => {
    const { page, context, landed } = await openConsent('contacts.readonly', 'kb')
    try {
      await page.keyboard.press('Tab')
      const first = await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement
        return { type: el.type, label: el.closest('label')?.textContent?.replace(/\s+/g, ' ').trim() }
      })
      expect(first.type).toBe('radio')
      expect(first.label).toContain('All sub-accounts')
      await page.keyboard.press('Space')
      await page.keyboard.press('ArrowDown')
      const checked = () => page.evaluate(() => (document.querySelector('input[name="target"]:checked') as HTMLInputElement).value)
      expect(await checked()).toMatch(/^bulk-selected:/)
      await page.keyboard.press('ArrowDown')
      expect(await checked()).toBe(`location:${mock.world().locations[0]!.id}`)
      await page.keyboard.press('Enter')
      await page.waitForURL((url) => url.pathname === '/oauth/callback')
      expect(new URL(landed.at(-1)!).searchParams.get('code')).toMatch(/^[0-9a-f]{40}$/)
    } finally {
      await context.close()
    }
  })

  it('Cancel returns access_denied', async () => {
    const { page, context, landed } = await openConsent('contacts.readonly', 'no')
    try {
      await page.getByRole('button', { name: 'Cancel' }).click()
      await page.waitForURL((url) => url.pathname === '/oauth/callback')
      expect(Object.fromEntries(new URL(landed.at(-1)!).searchParams)).toEqual({ error: 'access_denied', state: 'no' })
    } finally {
      await context.close()
    }
  })
})
