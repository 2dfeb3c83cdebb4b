// GET /oauth/billing/return: where an app's billing page sends the browser back, with the same
// query string it received. Once every install of the checkout is paid the browser continues to
// the app's redirect URI with a code; until then a page waits (and refreshes itself, no script).
import type { Context } from 'hono'
import type { App as HonoApp, AppEnv } from '../app-env.js'
import type { Runtime } from '../runtime.js'
import type { CheckoutRow } from '../storage/billing.js'
import type { App } from '../world/model.js'
import { issueCode } from '../oauth/codes.js'
import { html, layout, pageHeaders } from '../oauth/html.js'
import { renderConsentError } from '../oauth/consent-page.js'
import { withParams } from '../oauth/redirect-uri.js'
import { paymentStatusOf } from './checkout.js'

export const BILLING_RETURN_PATH = '/oauth/billing/return'

/** Seconds between the waiting page's automatic re-checks. */
const REFRESH_SECONDS = 3

export function billingReturnRoutes(app: HonoApp, runtime: Runtime): void {
  app.get(BILLING_RETURN_PATH, function returnFromBilling(c) {
    const { repos } = runtime
    const query = c.req.query()
    const client = repos.apps.getByClientId(query.clientId ?? '')
    if (!client) return page(c, renderConsentError('The billing return has no known clientId.', [['clientId', query.clientId ?? '(missing)']]), 400)
    const checkout = findCheckout(runtime, client, query)
    if (!checkout) {
      return page(c, renderConsentError('No install of this app is waiting for billing here.', [['clientId', client.clientId]]), 400)
    }
    const grant = repos.oauth.getGrant(checkout.grantId)
    if (!grant || grant.revokedAt !== null) {
      repos.billing.completeCheckout(checkout.grantId, runtime.clock.now())
      return page(c, renderConsentError('This install was removed before billing finished.', [['clientId', client.clientId]]), 400)
    }
    if (query.cancel === '1') {
      repos.billing.completeCheckout(checkout.grantId, runtime.clock.now())
      return c.redirect(withParams(grant.redirectUri, { error: 'access_denied', state: grant.state }), 302)
    }
    const rows = checkout.installIds.map((id) => repos.installs.get(id)).filter((row) => row !== undefined)
    if (rows.every((row) => paymentStatusOf(row) === 'paid')) {
      const code = repos.transaction(() => {
        repos.billing.completeCheckout(checkout.grantId, runtime.clock.now())
        return issueCode(runtime, grant, client, grant.redirectUri)
      })
      return c.redirect(withParams(grant.redirectUri, { code, state: grant.state }), 302)
    }
    const items = rows.map((row) => ({
      name: row.locationId ? (repos.locations.get(row.locationId)?.name ?? row.locationId) : (repos.companies.get(row.companyId)?.name ?? row.companyId),
      kind: row.locationId ? `location ${row.locationId}` : `company ${row.companyId}`,
      status: paymentStatusOf(row) ?? 'awaiting_payment',
    }))
    return page(c, renderWaiting(client, checkout, items, c.req.url), 200, true)
  })
}

/** The newest open checkout of this app matching the returned parameters. */
function findCheckout(runtime: Runtime, app: App, query: Record<string, string>): CheckoutRow | undefined {
  const locationIds = (query.locationId ?? '').split(',').filter(Boolean)
  const companyId = query.companyId || (locationIds[0] ? runtime.repos.locations.get(locationIds[0])?.companyId : undefined)
  if (!companyId) return undefined
  const wanted = [...locationIds].sort().join(',')
  return runtime.repos.billing
    .openCheckouts(app.id, companyId)
    .find((checkout) => (query.installType ? checkout.installType === query.installType : true) && [...checkout.locationIds].sort().join(',') === wanted)
}

const statusText: Record<string, string> = { awaiting_payment: 'Awaiting payment', paid: 'Paid', payment_failed: 'Payment failed' }

function renderWaiting(app: App, checkout: CheckoutRow, items: Array<{ name: string; kind: string; status: string }>, selfUrl: string): string {
  const cancelUrl = withParams(selfUrl, { cancel: '1' })
  const failed = items.some((item) => item.status === 'payment_failed')
  const body = html`
<div class="card">
  <div class="card-head">
    <div class="status-icon ${failed ? 'error' : 'wait'}" aria-hidden="true">${failed ? '!' : '…'}</div>
    <h1>${failed ? `A payment for ${app.name} failed` : `Waiting for ${app.name} to confirm your payment`}</h1>
    <p class="sub" role="status">This page checks again every ${REFRESH_SECONDS} seconds. The app reports each payment to HighLevel's billing webhook, once per sub-account or agency.</p>
  </div>
  <section>
    <h2 class="section-title">Billing status</h2>
    <dl class="facts status-list">${items.map((item) => html`<dt>${item.name}<span class="scope-codes">${item.kind}</span></dt><dd><span class="pill ${item.status}">${statusText[item.status] ?? item.status}</span></dd>`)}</dl>
  </section>
  <div class="actions">
    <a class="button primary" href="${checkout.billingUrl}">Return to billing</a>
    <a class="button secondary" href="${cancelUrl}">Cancel install</a>
  </div>
</div>`
  return layout({ title: `Billing · ${app.name}`, body })
}

function page(c: Context<AppEnv>, body: string, status: 200 | 400, refresh = false): Response {
  return c.body(body, status, refresh ? { ...pageHeaders, Refresh: String(REFRESH_SECONDS) } : pageHeaders)
}
