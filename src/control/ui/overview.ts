// The dashboard's overview page: apps with install links, the agency and its sub-accounts,
// installs and the newest tokens.
import { html } from 'hono/html'
import type { Runtime } from '../../runtime.js'
import { describeInstall } from '../../oauth/installs.js'
import { dashboardReads } from './reads.js'
import { installLink } from './install-link.js'
import { badge, card, empty, formatTime, locationHref, page, type Html } from './layout.js'

export function overviewPage(runtime: Runtime): Html {
  const { repos } = runtime
  const now = runtime.clock.now()
  const apps = repos.apps.list()
  const companies = repos.companies.list()
  const locations = repos.locations.list()
  const installs = repos.installs.list().map((row) => describeInstall(runtime, row))
  const tokens = dashboardReads(runtime).recentTokens(15)
  const appName = new Map(apps.map((a) => [a.clientId, a.name]))
  const locationName = new Map(locations.map((l) => [l.id, l.name]))
  const live = installs.filter((i) => i.status === 'installed').length

  const appRows = apps.map(
    (app) => html`<tr><td><b>${app.name}</b><div class="muted mono">${app.clientId}</div></td>
<td>${badge(app.distribution.targetUserType === 'Agency' ? 'Agency app' : 'Sub-account app', 'info')} ${app.businessModel === 'paid' ? badge('paid', 'warn') : ''}</td>
<td class="mono muted">${app.webhookUrl ?? 'no webhook URL'}</td>
<td class="num"><a class="btn" href="${installLink('', app)}">Install</a></td></tr>`,
  )
  const companyCards = companies.map((company) => {
    const own = locations.filter((l) => l.companyId === company.id)
    return card(
      html`${company.name} <span class="muted">· agency</span>`,
      html`<div class="muted">${company.email} · ${company.phone} · ${company.city}, ${company.state}</div>
<table style="margin-top:10px"><tr><th>Sub-account</th><th>Time zone</th><th>Contact</th></tr>
${own.map((l) => html`<tr><td><a href="${locationHref(l.id)}">${l.name}</a><div class="muted mono">${l.id}</div></td><td>${l.timezone}</td><td>${l.email}<div class="muted">${l.phone}</div></td></tr>`)}</table>`,
    )
  })
  const installRows = installs.map(
    (i) => html`<tr><td>${i.appName ?? i.appId}</td><td>${i.locationId ? html`<a href="${locationHref(i.locationId)}">${locationName.get(i.locationId) ?? i.locationId}</a>` : html`agency ${i.isBulkInstallation ? '(bulk)' : ''}`}</td>
<td>${badge(i.status)} ${i.paymentStatus ? badge(i.paymentStatus) : ''}</td><td class="muted when">${formatTime(i.installedAt)}</td></tr>`,
  )
  const tokenRows = tokens.map((t) => {
    const state = t.revokedAt !== null ? 'revoked' : t.expiresAt !== null && t.expiresAt <= now ? 'expired' : 'active'
    return html`<tr><td class="mono">${t.id.slice(0, 12)}…</td><td>${t.kind === 'pit' ? 'Private integration' : appName.get(t.clientId ?? '') ?? t.clientId}</td>
<td>${t.locationId ? locationName.get(t.locationId) ?? t.locationId : 'agency'}</td><td>${badge(t.source, '')}</td>
<td class="num">${t.scopes.length}</td><td>${badge(state, state === 'active' ? 'ok' : 'bad')}</td><td class="muted when">${formatTime(t.createdAt)}</td></tr>`
  })

  const body = html`<div class="stats">
<div class="stat"><span>Apps</span><b>${apps.length}</b></div><div class="stat"><span>Sub-accounts</span><b>${locations.length}</b></div>
<div class="stat"><span>Live installs</span><b>${live}</b></div><div class="stat"><span>Recent tokens</span><b>${tokens.length}</b></div></div>
${card('Marketplace apps', html`<table><tr><th>App</th><th>Distribution</th><th>Webhook URL</th><th></th></tr>${appRows}</table>`)}
${companyCards}
<div class="grid">
${card('Installs', installs.length ? html`<table><tr><th>App</th><th>Where</th><th>Status</th><th>Installed</th></tr>${installRows}</table>` : empty('Nothing installed yet: use an Install button above.'))}
${card('Newest tokens', tokens.length ? html`<table><tr><th>Id</th><th>App</th><th>For</th><th>Source</th><th class="num">Scopes</th><th>State</th><th>Issued</th></tr>${tokenRows}</table>` : empty('No tokens issued yet.'))}
</div>`
  return page(runtime, { title: 'Overview', subtitle: `Seed ${runtime.options.seed} · ${runtime.options.world} world`, path: '/_mock/ui', body })
}
