// The dashboard's activity pages: webhook deliveries (every attempt, a replay button), the request
// journal with filters, rate-limit meters per app and location, and billing events.
import { html } from 'hono/html'
import type { Runtime } from '../../runtime.js'
import { gatewayState } from '../../gateway/state.js'
import type { JournalFilter } from '../../gateway/journal.js'
import { webhooksOf } from '../../webhooks/index.js'
import type { DeliveryFilter, DeliveryStatus } from '../../webhooks/queue.js'
import { badge, card, empty, formatTime, locationHref, money, page, type Html } from './layout.js'

const statuses: readonly DeliveryStatus[] = ['pending', 'sending', 'delivered', 'failed']

function names(runtime: Runtime) {
  const apps = runtime.repos.apps.list()
  const locations = new Map(runtime.repos.locations.list().map((l) => [l.id, l.name]))
  const companies = new Map(runtime.repos.companies.list().map((c) => [c.id, c.name]))
  return {
    app: (id: string | null) => apps.find((a) => a.id === id || a.clientId === id)?.name ?? id ?? '—',
    where: (locationId: string | null, companyId?: string | null): Html =>
      locationId
        ? html`<a href="${locationHref(locationId)}">${locations.get(locationId) ?? locationId}</a>`
        : html`${companies.get(companyId ?? '') ?? companyId ?? '—'}`,
  }
}

const option = (value: string, current: string | undefined, label = value) => html`<option value="${value}" ${value === (current ?? '') ? 'selected' : ''}>${label}</option>`

export function webhooksPage(runtime: Runtime, query: Record<string, string>): Html {
  const filter: DeliveryFilter = { limit: 100 }
  if (statuses.includes(query.status as DeliveryStatus)) filter.status = query.status as DeliveryStatus
  if (query.type) filter.type = query.type
  const deliveries = webhooksOf(runtime).queue.list(filter)
  const n = names(runtime)
  const rows = deliveries.map((d) => html`<tr><td class="mono">#${d.id}</td><td><b>${d.type}</b><div class="muted">${n.app(d.appId)}</div></td><td>${n.where(d.locationId, d.companyId)}</td>
<td>${badge(d.status)}${d.nextAttemptAt ? html`<div class="muted">next ${formatTime(d.nextAttemptAt)}</div>` : ''}</td>
<td><details><summary>${d.attemptCount} attempt${d.attemptCount === 1 ? '' : 's'}</summary>
<table>${d.attempts.map((a) => html`<tr><td>${a.number}</td><td>${badge(a.kind, '')}</td><td>${a.statusCode === null ? badge(a.error ?? 'no answer', 'bad') : badge(a.statusCode)}</td><td class="num">${a.durationMs} ms</td><td class="muted when">${formatTime(a.at)}</td></tr>`)}</table>
<pre>${JSON.stringify(d.payload, null, 2)}</pre></details><div class="muted mono">${d.url}</div></td>
<td class="num"><form class="inline" method="post" action="/_mock/ui/webhooks/${d.id}/replay"><button>Replay</button></form></td></tr>`)
  const filters = html`<form class="filters" method="get"><select name="status" aria-label="Status">${option('', query.status, 'Any status')}${statuses.map((s) => option(s, query.status))}</select>
<input name="type" value="${query.type ?? ''}" placeholder="Event type, e.g. ContactCreate" aria-label="Event type"><button class="primary">Filter</button></form>`
  const body = html`${filters}${card(`Deliveries (${deliveries.length})`, deliveries.length ? html`<table><tr><th>Id</th><th>Event</th><th>Where</th><th>Status</th><th>Attempts</th><th></th></tr>${rows}</table>` : empty('No deliveries yet: install an app and write something, or trigger an event.'))}`
  return page(runtime, { title: 'Webhook deliveries', subtitle: 'Every event sent to an app, with each attempt and its answer', path: '/_mock/ui/webhooks', body })
}

export function requestsPage(runtime: Runtime, query: Record<string, string>): Html {
  const { journal } = gatewayState(runtime)
  const filter: JournalFilter = { limit: 200 }
  if (query.method) filter.method = query.method
  if (query.status && /^([1-5]\d\d|[1-5]xx)$/i.test(query.status)) filter.status = query.status.toLowerCase()
  if (query.operationId) filter.operationId = query.operationId
  if (query.locationId) filter.locationId = query.locationId
  const entries = journal.list(filter)
  const n = names(runtime)
  const rows = entries.map((e) => html`<tr><td class="muted when">${formatTime(e.time)}</td><td>${badge(e.method, '')}</td><td class="mono">${e.path}</td><td>${e.operationId ?? '—'}</td>
<td>${badge(e.status)}</td><td class="num">${e.durationMs} ms</td><td>${e.clientId ? n.app(e.clientId) : '—'}</td><td>${e.locationId || e.companyId ? n.where(e.locationId, e.companyId) : '—'}</td></tr>`)
  const filters = html`<form class="filters" method="get">
<select name="method" aria-label="Method">${option('', query.method, 'Any method')}${['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => option(m, query.method))}</select>
<select name="status" aria-label="Status">${option('', query.status, 'Any status')}${['2xx', '4xx', '5xx', '401', '403', '404', '422', '429'].map((s) => option(s, query.status))}</select>
<input name="operationId" value="${query.operationId ?? ''}" placeholder="Operation id" aria-label="Operation id">
<select name="locationId" aria-label="Sub-account">${option('', query.locationId, 'Any sub-account')}${runtime.repos.locations.list().map((l) => option(l.id, query.locationId, l.name))}</select>
<button class="primary">Filter</button></form>`
  const body = html`${filters}${card(`Requests (${entries.length})`, entries.length ? html`<table><tr><th>When</th><th>Method</th><th>Path</th><th>Operation</th><th>Status</th><th class="num">Time</th><th>App</th><th>Where</th></tr>${rows}</table>` : empty('No API requests recorded yet.'))}`
  return page(runtime, { title: 'Request journal', subtitle: `The newest ${journal.capacity} API requests, newest first`, path: '/_mock/ui/requests', body })
}

export function limitsPage(runtime: Runtime): Html {
  const { limiter } = gatewayState(runtime)
  const { burst, daily, intervalMs } = limiter.config
  const n = names(runtime)
  const meter = (used: number, max: number) => {
    const share = Math.min(100, Math.round((used / max) * 100))
    return html`<div class="meter ${share >= 80 ? 'hot' : ''}" role="meter" aria-valuenow="${used}" aria-valuemax="${max}"><i style="width:${share}%"></i></div>`
  }
  const rows = limiter.usage().map((u) => {
    const [client = '', resource = ''] = u.key.split('|')
    const isCompany = resource.startsWith('company:')
    return html`<tr><td>${client.startsWith('pit:') ? 'Private integration' : n.app(client)}<div class="muted mono">${client}</div></td>
<td>${isCompany ? n.where(null, resource.slice('company:'.length)) : n.where(resource)}</td>
<td>${meter(u.burstUsed, burst)}<div class="muted">${u.burstUsed} / ${burst} per ${intervalMs / 1000} s</div></td>
<td>${meter(u.dailyUsed, daily)}<div class="muted">${u.dailyUsed.toLocaleString('en-US')} / ${daily.toLocaleString('en-US')} today</div></td></tr>`
  })
  const body = card('Buckets per app and sub-account', rows.length ? html`<table><tr><th>App</th><th>Resource</th><th>Burst window</th><th>Daily quota</th></tr>${rows}</table>` : empty('No API traffic yet: meters appear with the first request.'))
  return page(runtime, { title: 'Rate limits', subtitle: `Burst ${burst} per ${intervalMs / 1000} s and ${daily.toLocaleString('en-US')} per day, per app and sub-account`, path: '/_mock/ui/limits', body })
}

export function billingPage(runtime: Runtime): Html {
  const events = runtime.repos.billing.listEvents({}, 200)
  const n = names(runtime)
  const rows = events.map((e) => html`<tr><td class="muted when">${formatTime(e.createdAt)}</td><td>${n.app(e.appId)}</td><td>${n.where(e.locationId, e.companyId)}</td>
<td>${badge(e.paymentType.replace('_', ' '), 'info')}</td><td class="num">${money(e.amount)}</td><td>${badge(e.status)}</td><td class="mono muted">${e.paymentId ?? e.subscriptionId ?? ''}</td></tr>`)
  const body = card(`Billing events (${events.length})`, events.length ? html`<table><tr><th>Received</th><th>App</th><th>Where</th><th>Type</th><th class="num">Amount</th><th>Status</th><th>Reference</th></tr>${rows}</table>` : empty('No paid app has reported a payment yet.'))
  return page(runtime, { title: 'Billing events', subtitle: 'Payments paid apps reported to the billing webhook', path: '/_mock/ui/billing', body })
}
