// The dashboard at /_mock/ui (and `/` redirects there): server-rendered pages over the instance's
// repositories, plus the few form posts a demo needs (advance the clock, replay a delivery, sign in).
import { html } from 'hono/html'
import type { Context } from 'hono'
import type { Module } from '../../app-env.js'
import type { Runtime } from '../../runtime.js'
import { webhooksOf } from '../../webhooks/index.js'
import { sameSecret } from '../same-secret.js'
import { billingPage, limitsPage, requestsPage, webhooksPage } from './activity.js'
import { calendarsPage, contactPage, contactsPage, conversationPage, conversationsPage, pipelinesPage } from './location.js'
import { overviewPage } from './overview.js'
import { page, type Html } from './layout.js'

/** The cookie the login form sets when --admin-token guards /_mock (read by the control-plane guard). */
export const ADMIN_COOKIE = 'ghl_mock_admin'

const MAX_ADVANCE_MS = 366 * 86_400_000

export const dashboard: Module = (app, runtime) => {
  const render = (c: Context, view: Html | undefined) => (view === undefined ? notFoundPage(c, runtime) : c.html(view))
  const location = (c: Context) => runtime.repos.locations.get(c.req.param('locationId') ?? '')

  app.get('/', (c) => c.redirect('/_mock/ui'))
  app.get('/_mock/ui/', (c) => c.redirect('/_mock/ui'))
  app.get('/_mock/ui', (c) => render(c, overviewPage(runtime)))
  app.get('/_mock/ui/webhooks', (c) => render(c, webhooksPage(runtime, c.req.query())))
  app.get('/_mock/ui/requests', (c) => render(c, requestsPage(runtime, c.req.query())))
  app.get('/_mock/ui/limits', (c) => render(c, limitsPage(runtime)))
  app.get('/_mock/ui/billing', (c) => render(c, billingPage(runtime)))

  app.get('/_mock/ui/locations/:locationId', (c) => c.redirect(`${c.req.path}/contacts`))
  app.get('/_mock/ui/locations/:locationId/contacts', (c) => {
    const found = location(c)
    return render(c, found && contactsPage(runtime, found, c.req.query('q') ?? ''))
  })
  app.get('/_mock/ui/locations/:locationId/contacts/:id', (c) => {
    const found = location(c)
    return render(c, found && contactPage(runtime, found, c.req.param('id')))
  })
  app.get('/_mock/ui/locations/:locationId/opportunities', (c) => {
    const found = location(c)
    return render(c, found && pipelinesPage(runtime, found))
  })
  app.get('/_mock/ui/locations/:locationId/calendars', (c) => {
    const found = location(c)
    return render(c, found && calendarsPage(runtime, found))
  })
  app.get('/_mock/ui/locations/:locationId/conversations', (c) => {
    const found = location(c)
    return render(c, found && conversationsPage(runtime, found))
  })
  app.get('/_mock/ui/locations/:locationId/conversations/:id', (c) => {
    const found = location(c)
    return render(c, found && conversationPage(runtime, found, c.req.param('id')))
  })

  app.post('/_mock/ui/clock', async function advanceClock(c) {
    const form = await c.req.parseBody()
    const ms = Number(form.ms)
    if (Number.isInteger(ms) && ms > 0 && ms <= MAX_ADVANCE_MS) await runtime.clock.advance(ms)
    return c.redirect(safeBack(form.back), 303)
  })

  app.post('/_mock/ui/webhooks/:id/replay', async function replay(c) {
    const id = c.req.param('id')
    if (/^\d+$/.test(id)) await webhooksOf(runtime).replay(Number(id))
    return c.redirect('/_mock/ui/webhooks', 303)
  })

  app.get('/_mock/ui/login', (c) => c.html(loginPage(c.req.query('failed') !== undefined, safeBack(c.req.query('next')))))
  app.post('/_mock/ui/login', async function login(c) {
    const form = await c.req.parseBody()
    const next = safeBack(form.next)
    if (typeof form.token !== 'string' || !runtime.options.adminToken || !sameSecret(form.token, runtime.options.adminToken)) {
      return c.redirect(`/_mock/ui/login?failed&next=${encodeURIComponent(next)}`, 303)
    }
    // HttpOnly: scripts never see it; SameSite=Strict: no other site can post the clock or replay forms.
    c.header('Set-Cookie', `${ADMIN_COOKIE}=${encodeURIComponent(form.token)}; Path=/_mock; HttpOnly; SameSite=Strict`)
    return c.redirect(next, 303)
  })
}

/** Only dashboard paths are followed back to, so a crafted link cannot redirect elsewhere. */
function safeBack(value: unknown): string {
  return typeof value === 'string' && /^\/_mock\/ui(\/[\w\-./%?=&]*)?$/.test(value) && !value.includes('//') ? value : '/_mock/ui'
}

function notFoundPage(c: Context, runtime: Runtime) {
  return c.html(page(runtime, { title: 'Not found', path: c.req.path, body: html`<section class="card"><div class="empty">Nothing here. <a href="/_mock/ui">Back to the overview</a></div></section>` }), 404)
}

function loginPage(failed: boolean, next: string) {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in · ghl-mock</title>
<style>body{font:14px/1.5 system-ui,sans-serif;background:#f5f7fb;color:#0f172a;margin:0}.login{max-width:380px;margin:12vh auto;background:#fff;border:1px solid #e2e8f0;border-radius:14px;padding:28px}
input{font:inherit;width:100%;padding:8px 10px;border:1px solid #e2e8f0;border-radius:7px;margin:8px 0 14px}button{font:inherit;width:100%;padding:8px;border:0;border-radius:7px;background:#2563eb;color:#fff;cursor:pointer}
.err{color:#b91c1c;margin-bottom:10px}h1{font-size:20px;margin:0 0 6px}p{color:#64748b;margin:0 0 16px}</style></head>
<body><form class="login" method="post" action="/_mock/ui/login"><h1>ghl-mock dashboard</h1><p>This instance was started with <code>--admin-token</code>.</p>
${failed ? html`<div class="err" role="alert">That admin token is not right.</div>` : ''}
<label for="token">Admin token</label><input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<input type="hidden" name="next" value="${next}"><button>Sign in</button></form></body></html>`
}
