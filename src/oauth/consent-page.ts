// Renders the consent page (app, requested permissions, where to install, Allow/Cancel) and the
// "cannot be added" error page. Pure views: they read what they are given and write HTML.
import type { Company, Location } from '../world/model.js'
import type { AuthorizeRequest } from './authorize-request.js'
import { avatarColor, html, initials, layout, type Html } from './html.js'
import { canBulkInstall } from './installs.js'
import { oauthMessages } from './messages.js'
import { describeScopes } from './scope-words.js'

export interface Agency {
  company: Company
  locations: Location[]
}

export interface ConsentView {
  request: AuthorizeRequest
  /** The form posts back to the path it was served from (`/oauth/…` or `/v2/oauth/…`). */
  action: string
  /** Binds the form to this page (consent-csrf.ts); posted back as `csrf_token`. */
  csrfToken: string
  agencies: Agency[]
  signedInAs: string | null
  /** Shown above the form after a rejected submission. */
  error?: string
  /** The previous choice, kept when the page is shown again. */
  selected?: { target?: string; locationIds?: string[] }
}

/** How many permission lines show before the rest fold into a disclosure. */
const VISIBLE_SCOPE_LINES = 6

export function renderConsentPage(view: ConsentView): string {
  const { app } = view.request
  const agencyName = view.agencies.length === 1 ? view.agencies[0]!.company.name : 'your account'
  const lines = describeScopes(view.request.scopes)
  const scopeItem = (line: (typeof lines)[number]) =>
    html`<li><span class="tick" aria-hidden="true">✓</span><span>${line.text}<span class="scope-codes">${line.scopes.join(' · ')}</span></span></li>`
  const visible = lines.slice(0, VISIBLE_SCOPE_LINES)
  const folded = lines.slice(VISIBLE_SCOPE_LINES)
  const redirectHost = hostOf(view.request.redirectUri)

  const body = html`
<div class="card">
  <div class="card-head">
    <div class="avatars" aria-hidden="true">
      <div class="avatar" style="background:${avatarColor(app.id)}">${initials(app.name)}</div>
      <div class="link"><span></span><span></span><span></span></div>
      <div class="avatar round" style="background:${avatarColor(view.agencies[0]?.company.id ?? 'x')}">${initials(agencyName)}</div>
    </div>
    <h1>${app.name} wants to access ${agencyName}</h1>
    <p class="sub">Review what this app can do, choose where to install it, then allow access.</p>
    <span class="client" title="client_id">${app.clientId}</span>
  </div>
  ${view.error ? html`<p class="alert" role="alert">${view.error}</p>` : ''}
  <form method="post" action="${view.action}">
    ${hidden('csrf_token', view.csrfToken)}
    ${hidden('client_id', app.clientId)}
    ${hidden('redirect_uri', view.request.redirectUri)}
    ${hidden('scope', view.request.scopes.join(' '))}
    ${hidden('response_type', 'code')}
    ${view.request.state !== null ? hidden('state', view.request.state) : ''}
    ${view.request.loginWindowOpenMode !== null ? hidden('loginWindowOpenMode', view.request.loginWindowOpenMode) : ''}
    <section>
      <fieldset>
        <legend class="section-title">Install to</legend>
        ${chooser(view)}
      </fieldset>
    </section>
    <section aria-labelledby="perm-title">
      <h2 class="section-title" id="perm-title">This app will be able to</h2>
      <ul class="scopes">${visible.map(scopeItem)}</ul>
      ${folded.length > 0 ? html`<details><summary>Show ${folded.length} more permission${folded.length === 1 ? '' : 's'}</summary><ul class="scopes">${folded.map(scopeItem)}</ul></details>` : ''}
    </section>
    ${app.businessModel === 'paid' && app.billingUrl ? html`<section><p class="notice">This is a paid app. After you allow access you will continue to <strong>${hostOf(app.billingUrl)}</strong> to set up billing, then return to the app.</p></section>` : ''}
    <div class="actions">
      <button type="submit" name="decision" value="approve" class="primary">Allow &amp; Install</button>
      <button type="submit" name="decision" value="deny" class="secondary" formnovalidate>Cancel</button>
      <p class="fine">You will be sent back to <strong>${redirectHost}</strong>. You can uninstall ${app.name} at any time.</p>
    </div>
  </form>
</div>`
  return layout({ title: `Install ${app.name}`, signedInAs: view.signedInAs, body })
}

function chooser(view: ConsentView): Html {
  const { app } = view.request
  const selected = view.selected ?? {}
  if (app.distribution.targetUserType === 'Agency') {
    // An agency-targeted app installs on the agency itself; with one agency it is preselected.
    return html`${view.agencies.map(({ company }, i) =>
      option({
        name: 'target',
        value: `agency:${company.id}`,
        title: company.name,
        meta: 'Agency account',
        checked: selected.target ? selected.target === `agency:${company.id}` : i === 0,
        required: i === 0,
        avatarSeed: company.id,
      }),
    )}`
  }
  const bulk = canBulkInstall(app)
  let first = true
  return html`${view.agencies.map(({ company, locations }) => {
    const group = html`
      ${view.agencies.length > 1 ? html`<p class="group-title">${company.name}</p>` : ''}
      ${bulk ? html`<p class="group-title">Several sub-accounts</p>${bulkOptions(company, locations, selected)}` : ''}
      ${bulk && locations.length > 0 ? html`<p class="group-title">Or a single sub-account</p>` : ''}
      ${locations.map((location) => {
        const required = first
        first = false
        return option({
          name: 'target',
          value: `location:${location.id}`,
          title: location.name,
          meta: [location.address, location.city, location.state].filter(Boolean).join(', '),
          checked: selected.target === `location:${location.id}`,
          required,
          avatarSeed: location.id,
        })
      })}`
    return group
  })}`
}

function bulkOptions(company: Company, locations: Location[], selected: NonNullable<ConsentView['selected']>): Html {
  const chosen = new Set(selected.locationIds ?? [])
  return html`
    ${option({
      name: 'target',
      value: `bulk-all:${company.id}`,
      title: html`All sub-accounts <span class="badge">${locations.length}</span>`,
      meta: `Install on every sub-account of ${company.name}`,
      checked: selected.target === `bulk-all:${company.id}`,
      required: true,
      avatarSeed: company.id,
      avatarText: initials(company.name),
    })}
    <label class="option">
      <input type="radio" name="target" value="bulk-selected:${company.id}" ${selected.target === `bulk-selected:${company.id}` ? 'checked' : ''}>
      <span class="mini" style="background:${avatarColor(company.id + 'sel')}" aria-hidden="true">${initials(company.name)}</span>
      <span class="option-text">
        <span class="option-name">Selected sub-accounts</span>
        <span class="option-meta">Tick the sub-accounts below</span>
      </span>
    </label>
    <ul class="sublist" aria-label="Sub-accounts for a selected install" style="margin:0 0 14px 44px">
      ${locations.map(
        (location) =>
          html`<li><label><input type="checkbox" name="locationIds" value="${location.id}" ${chosen.has(location.id) ? 'checked' : ''}>${location.name}</label></li>`,
      )}
    </ul>`
}

function option(input: {
  name: string
  value: string
  title: string | Html
  meta: string
  checked: boolean
  required: boolean
  avatarSeed: string
  avatarText?: string
}): Html {
  const avatarText = input.avatarText ?? initials(typeof input.title === 'string' ? input.title : input.meta)
  return html`<label class="option">
    <input type="radio" name="${input.name}" value="${input.value}" ${input.checked ? 'checked' : ''} ${input.required ? 'required' : ''}>
    <span class="mini" style="background:${avatarColor(input.avatarSeed)}" aria-hidden="true">${avatarText}</span>
    <span class="option-text"><span class="option-name">${input.title}</span><span class="option-meta">${input.meta}</span></span>
  </label>`
}

const hidden = (name: string, value: string) => html`<input type="hidden" name="${name}" value="${value}">`

function hostOf(uri: string): string {
  try {
    return new URL(uri).host || uri
  } catch {
    return uri
  }
}

/** "This integration cannot be added, please contact the developer!" plus the reason; never a redirect. */
export function renderConsentError(reason: string, details: Array<[string, string]>): string {
  const body = html`
<div class="card" role="alert">
  <div class="card-head">
    <div class="status-icon error" aria-hidden="true">!</div>
    <h1>${oauthMessages.consentRejected}</h1>
    <p class="sub">${reason}</p>
  </div>
  ${details.length > 0 ? html`<section><dl class="facts">${details.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl></section>` : ''}
</div>`
  return layout({ title: 'This integration cannot be added', body })
}
