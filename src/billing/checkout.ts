// Billing on install for paid apps with external billing: after the consent page, the browser
// goes to the app's billing URL with the documented parameters; the OAuth redirect waits until
// every install in the checkout is paid (see billing/return.ts). No HTTP here.
import type { Runtime } from '../runtime.js'
import type { CheckoutRow, InstallTypeParam } from '../storage/billing.js'
import type { GrantRow } from '../storage/oauth.js'
import type { InstallRow } from '../storage/installs.js'
import type { App } from '../world/model.js'
import { issueCode } from '../oauth/codes.js'
import type { InstallResult, PaymentStatus } from '../oauth/installs.js'
import { withParams } from '../oauth/redirect-uri.js'

/** The payment state of an install (null for free apps). */
export function paymentStatusOf(row: InstallRow): PaymentStatus | null {
  const payment = row.data.payment as { status?: PaymentStatus } | undefined
  return payment?.status ?? null
}

/** Which `installType` the billing URL receives for each kind of install. */
export function installTypeParam(kind: InstallResult['kind']): InstallTypeParam {
  return kind === 'location' ? 'location' : kind === 'agency' ? 'agency' : 'agency,location'
}

/**
 * The billing URL with `clientId`, `installType`, `locationId` (comma-separated when several) and
 * `companyId` (agency and agency,location installs), as HighLevel documents them.
 */
export function billingUrlFor(app: App, installType: InstallTypeParam, companyId: string, locationIds: string[]): string {
  const url = new URL(app.billingUrl!)
  url.searchParams.set('clientId', app.clientId)
  url.searchParams.set('installType', installType)
  if (installType !== 'agency') url.searchParams.set('locationId', locationIds.join(','))
  if (installType !== 'location') url.searchParams.set('companyId', companyId)
  return url.toString()
}

/**
 * Opens a checkout for an approved install of a paid app and returns where the browser goes: the
 * billing URL, or straight back to the app with a code when everything is already paid (a
 * re-authorization).
 */
export function startCheckout(runtime: Runtime, input: { app: App; install: InstallResult; grant: GrantRow }): string {
  const { app, install, grant } = input
  if (install.installs.every((row) => paymentStatusOf(row) === 'paid')) {
    return withParams(grant.redirectUri, { code: issueCode(runtime, grant, app, grant.redirectUri), state: grant.state })
  }
  const installType = installTypeParam(install.kind)
  const locationIds = install.installs.flatMap((row) => (row.locationId ? [row.locationId] : []))
  const billingUrl = billingUrlFor(app, installType, install.companyId, locationIds)
  const checkout: CheckoutRow = {
    grantId: grant.id,
    appId: app.id,
    companyId: install.companyId,
    installType,
    locationIds,
    installIds: install.installs.map((row) => row.id),
    billingUrl,
    createdAt: runtime.clock.now(),
    completedAt: null,
  }
  runtime.repos.billing.insertCheckout(checkout)
  return billingUrl
}
