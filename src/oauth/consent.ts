// The install flow in the browser: GET shows the consent page for an install link, POST takes
// the Allow/Cancel decision and redirects to the app (or, for paid apps, to its billing page).
import type { Context } from 'hono'
import type { App as HonoApp, AppEnv } from '../app-env.js'
import { GhlError } from '../errors.js'
import type { Runtime } from '../runtime.js'
import type { App } from '../world/model.js'
import { startCheckout } from '../billing/checkout.js'
import { checkAuthorizeRequest, type AuthorizeRequest } from './authorize-request.js'
import { issueCode } from './codes.js'
import { consentFormToken, CSRF_FIELD, refuseForgedSubmission } from './consent-csrf.js'
import { renderConsentError, renderConsentPage, type Agency } from './consent-page.js'
import { createGrant } from './grants.js'
import { pageHeaders } from './html.js'
import { withParams } from './redirect-uri.js'
import { defaultInstaller, install, type InstallInput } from './installs.js'

/** Both install-link paths HighLevel serves: the current `/v2/…` and the older one the SDK builds. */
export const CONSENT_PATHS = ['/oauth/chooselocation', '/v2/oauth/chooselocation'] as const

export function consentRoutes(app: HonoApp, runtime: Runtime): void {
  for (const path of CONSENT_PATHS) {
    app.get(path, function showConsent(c) {
      const check = checkAuthorizeRequest(runtime.repos, c.req.query())
      if (!check.ok) return page(c, renderConsentError(check.reason, check.details), 400)
      return page(c, renderConsentPage(consentView(runtime, check.request, path)), 200)
    })
    app.post(path, async function decide(c) {
      const form = await readForm(c)
      const check = checkAuthorizeRequest(runtime.repos, Object.fromEntries(form))
      if (!check.ok) return page(c, renderConsentError(check.reason, check.details), 400)
      const { request } = check
      const forged = refuseForgedSubmission(runtime, request, path, form.get(CSRF_FIELD) ?? undefined, {
        origin: c.req.header('origin'),
        referer: c.req.header('referer'),
        secFetchSite: c.req.header('sec-fetch-site'),
      }, new URL(c.req.url).host)
      if (forged) return page(c, renderConsentError(forged, [['client_id', request.app.clientId]]), 403)
      if (form.get('decision') !== 'approve') {
        return c.redirect(withParams(request.redirectUri, { error: 'access_denied', state: request.state }), 302)
      }
      const target = form.get('target') ?? undefined
      const locationIds = form.getAll('locationIds')
      try {
        return c.redirect(approve(runtime, request, parseTarget(request.app, target, locationIds)), 302)
      } catch (error) {
        if (!(error instanceof GhlError) || error.status >= 500) throw error
        const view = consentView(runtime, request, path)
        return page(c, renderConsentPage({ ...view, error: error.message, selected: { target, locationIds } }), 400)
      }
    })
  }
}

/** Installs, records the grant and returns where the browser goes next. */
function approve(runtime: Runtime, request: AuthorizeRequest, target: Omit<InstallInput, 'app'>): string {
  const { app } = request
  return runtime.repos.transaction(() => {
    const installed = install(runtime, { app, ...target })
    const grant = createGrant(runtime, { app, install: installed, scopes: request.scopes, redirectUri: request.redirectUri, state: request.state })
    if (app.businessModel === 'paid' && app.billingUrl) return startCheckout(runtime, { app, install: installed, grant })
    const code = issueCode(runtime, grant, app, request.redirectUri)
    return withParams(request.redirectUri, { code, state: request.state })
  })
}

/** Reads the chooser's `target` (`location:<id>`, `agency:<id>`, `bulk-all:<id>`, `bulk-selected:<id>`). */
function parseTarget(app: App, target: string | undefined, locationIds: string[]): Omit<InstallInput, 'app'> {
  const [kind, id = ''] = (target ?? '').split(':', 2) as [string, string?]
  switch (kind) {
    case 'location':
      return { kind: 'location', locationId: id }
    case 'agency':
      return { kind: 'agency', companyId: id }
    case 'bulk-all':
      return { kind: 'bulk', companyId: id }
    case 'bulk-selected':
      if (locationIds.length === 0) throw new GhlError(400, 'Tick at least one sub-account for a selected install.')
      return { kind: 'bulk', companyId: id, locationIds }
    default:
      throw new GhlError(
        400,
        app.distribution.targetUserType === 'Agency' ? 'Choose the agency to install on.' : 'Choose where to install the app.',
      )
  }
}

function consentView(runtime: Runtime, request: AuthorizeRequest, action: string) {
  const { repos } = runtime
  const agencies: Agency[] = repos.companies.list().map((company) => ({ company, locations: repos.locations.listByCompany(company.id) }))
  const only = agencies.length === 1 ? agencies[0]!.company : undefined
  const admin = only ? defaultInstaller(runtime, only.id) : undefined
  const csrfToken = consentFormToken(runtime, request, action)
  return { request, action, csrfToken, agencies, signedInAs: only && admin ? `${admin.name} · ${only.name}` : null }
}

async function readForm(c: Context<AppEnv>): Promise<URLSearchParams> {
  const type = c.req.header('content-type') ?? ''
  if (type.includes('multipart/form-data')) {
    const parsed = await c.req.parseBody({ all: true })
    const form = new URLSearchParams()
    for (const [key, value] of Object.entries(parsed)) {
      for (const each of Array.isArray(value) ? value : [value]) if (typeof each === 'string') form.append(key, each)
    }
    return form
  }
  return new URLSearchParams(await c.req.text())
}

function page(c: Context<AppEnv>, body: string, status: 200 | 400 | 403): Response {
  return c.body(body, status, pageHeaders)
}
