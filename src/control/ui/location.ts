// The dashboard's data browser of one sub-account: contacts (searchable), the pipeline board,
// calendars with upcoming appointments, conversations, and the pages of one contact and one thread.
import { html } from 'hono/html'
import type { Runtime } from '../../runtime.js'
import type { Location } from '../../world/model.js'
import { dashboardReads } from './reads.js'
import { badge, card, contactHref, conversationHref, empty, formatTime, fullName, locationHref, money, page, type Html } from './layout.js'

type Json = Record<string, unknown>
export type LocationTab = 'contacts' | 'opportunities' | 'calendars' | 'conversations'

const tabs: Array<[LocationTab, string]> = [
  ['contacts', 'Contacts'],
  ['opportunities', 'Pipelines'],
  ['calendars', 'Calendars'],
  ['conversations', 'Conversations'],
]

function shell(runtime: Runtime, location: Location, tab: LocationTab, path: string, title: string, body: Html): Html {
  const nav = html`<nav class="tabs">${tabs.map(([id, label]) => html`<a class="${id === tab ? 'on' : ''}" href="${locationHref(location.id, id)}">${label}</a>`)}</nav>`
  const subtitle = html`${location.city}, ${location.state} · ${location.timezone} · <span class="mono">${location.id}</span>`
  return page(runtime, { title, subtitle, path, body: html`${nav}${body}` })
}

export function contactsPage(runtime: Runtime, location: Location, query: string): Html {
  const text = query.trim()
  const { rows, total } = runtime.repos.contactStore.search({
    locationId: location.id,
    where: text ? [{ kind: 'query', text }] : [],
    sort: [{ field: 'dateAdded', direction: 'desc' }],
    limit: 50,
  })
  const list = rows.map(({ data: c }) => html`<tr><td><a href="${contactHref(location.id, String(c.id))}">${fullName(c)}</a>${c.companyName ? html`<div class="muted">${String(c.companyName)}</div>` : ''}</td>
<td>${String(c.email ?? '—')}</td><td class="mono">${String(c.phone ?? '—')}</td><td>${badge(String(c.type ?? 'lead'), 'info')}</td>
<td><div class="chips">${((c.tags as string[] | undefined) ?? []).map((t) => badge(t))}</div></td><td class="muted when">${formatTime(c.dateAdded as string, location.timezone)}</td></tr>`)
  const body = html`<form class="filters" method="get"><input type="search" name="q" value="${text}" placeholder="Search name, email, phone, company" aria-label="Search contacts">
<button class="primary">Search</button>${text ? html`<a href="${locationHref(location.id, 'contacts')}">Clear</a>` : ''}<span class="muted">${total} contact${total === 1 ? '' : 's'}</span></form>
${card('Contacts', rows.length ? html`<table><tr><th>Name</th><th>Email</th><th>Phone</th><th>Type</th><th>Tags</th><th>Added</th></tr>${list}</table>` : empty(text ? `No contact matches “${text}”.` : 'No contacts yet.'))}`
  return shell(runtime, location, 'contacts', locationHref(location.id, 'contacts'), location.name, body)
}

export function pipelinesPage(runtime: Runtime, location: Location): Html {
  const { repos } = runtime
  const pipelines = repos.pipelines.listByLocation(location.id, 20)
  const boards = pipelines.map(({ data: pipeline }) => {
    const stages = (pipeline.stages as Json[] | undefined) ?? []
    const opps = repos.opportunities.search({ locationId: location.id, pipelineId: String(pipeline.id) }, { order: 'desc', limit: 300 })
    const totals = repos.opportunities.totals({ locationId: location.id, pipelineId: String(pipeline.id) })
    const columns = stages.map((stage) => {
      const inStage = opps.filter((o) => o.data.pipelineStageId === stage.id)
      const total = totals.find((t) => t.pipelineStageId === stage.id)
      return html`<div class="col"><header>${String(stage.name)} <small>${total?.count ?? 0} · ${money(total?.monetaryValue ?? 0)}</small></header>
${inStage.slice(0, 25).map(({ data: o }) => {
  const contact = typeof o.contactId === 'string' ? repos.contacts.get(o.contactId)?.data : undefined
  return html`<div class="opp"><b>${String(o.name)}</b><div class="row"><span>${money(o.monetaryValue)}</span>${badge(String(o.status))}</div>
${contact ? html`<a href="${contactHref(location.id, String(contact.id))}">${fullName(contact)}</a>` : ''}</div>`
})}${inStage.length === 0 ? html`<div class="empty">Empty</div>` : ''}</div>`
    })
    return card(html`${String(pipeline.name)} <span class="muted">· ${opps.length} opportunities</span>`, html`<div class="board">${columns}</div>`)
  })
  return shell(runtime, location, 'opportunities', locationHref(location.id, 'opportunities'), location.name, pipelines.length ? html`${boards}` : card('Pipelines', empty('No pipelines.')))
}

export function calendarsPage(runtime: Runtime, location: Location): Html {
  const { repos } = runtime
  const now = runtime.clock.now()
  const calendars = repos.calendars.listByLocation(location.id, 50)
  const cards = calendars.map(({ data: calendar }) => {
    const upcoming = dashboardReads(runtime).upcomingAppointments(String(calendar.id), now, 15)
    const rows = upcoming.map(({ data: a }) => {
      const contact = typeof a.contactId === 'string' ? repos.contacts.get(a.contactId)?.data : undefined
      return html`<tr><td class="when">${formatTime(a.startTime as string, location.timezone)}</td><td>${String(a.title ?? '')}</td>
<td>${contact ? html`<a href="${contactHref(location.id, String(contact.id))}">${fullName(contact)}</a>` : '—'}</td><td>${badge(String(a.appointmentStatus ?? ''))}</td></tr>`
    })
    return card(
      html`${String(calendar.name)} <span class="muted">· ${String(calendar.slotDuration ?? 30)} min slots</span>`,
      rows.length ? html`<table><tr><th>Starts (${location.timezone})</th><th>Title</th><th>Contact</th><th>Status</th></tr>${rows}</table>` : empty('No upcoming appointments.'),
    )
  })
  return shell(runtime, location, 'calendars', locationHref(location.id, 'calendars'), location.name, calendars.length ? html`${cards}` : card('Calendars', empty('No calendars.')))
}

export function conversationsPage(runtime: Runtime, location: Location): Html {
  const conversations = runtime.repos.conversations.listByLocation(location.id, 200)
  conversations.sort((a, b) => Number(b.data.lastMessageDate ?? 0) - Number(a.data.lastMessageDate ?? 0))
  const rows = conversations.map(({ data: c }) => html`<tr><td><a href="${conversationHref(location.id, String(c.id))}">${String(c.fullName ?? c.contactName ?? c.id)}</a></td>
<td>${String(c.lastMessageBody ?? '')}</td><td>${badge(String(c.lastMessageType ?? c.type ?? '').replace(/^TYPE_/, ''), 'info')}</td>
<td class="num">${Number(c.unreadCount ?? 0) > 0 ? badge(`${String(c.unreadCount)} unread`, 'warn') : ''}</td><td class="muted when">${formatTime(c.lastMessageDate as number, location.timezone)}</td></tr>`)
  const body = card('Conversations', rows.length ? html`<table><tr><th>Contact</th><th>Last message</th><th>Channel</th><th></th><th>When</th></tr>${rows}</table>` : empty('No conversations.'))
  return shell(runtime, location, 'conversations', locationHref(location.id, 'conversations'), location.name, body)
}

export function conversationPage(runtime: Runtime, location: Location, conversationId: string): Html | undefined {
  const conversation = runtime.repos.conversations.getInLocation(location.id, conversationId)?.data
  if (!conversation) return undefined
  const messages = dashboardReads(runtime).messagesOf(conversationId, 200)
  const contact = typeof conversation.contactId === 'string' ? runtime.repos.contacts.get(conversation.contactId)?.data : undefined
  const thread = messages.map(({ data: m }) => html`<div class="msg ${String(m.direction)}">${String(m.body ?? '')}<small>${String(m.messageType ?? '').replace(/^TYPE_/, '')} · ${formatTime(m.dateAdded as string, location.timezone)}</small></div>`)
  const body = card(
    html`Conversation with ${contact ? html`<a href="${contactHref(location.id, String(contact.id))}">${fullName(contact)}</a>` : String(conversation.fullName ?? '')}`,
    html`<div class="thread">${messages.length ? thread : empty('No messages.')}</div>`,
  )
  return shell(runtime, location, 'conversations', conversationHref(location.id, conversationId), location.name, body)
}

export function contactPage(runtime: Runtime, location: Location, contactId: string): Html | undefined {
  const { repos } = runtime
  const contact = repos.contacts.getInLocation(location.id, contactId)?.data
  if (!contact) return undefined
  const opportunities = repos.opportunities.search({ locationId: location.id, contactId }, { order: 'desc', limit: 50 })
  const pipelines = new Map(repos.pipelines.listByLocation(location.id, 20).map((p) => [p.id, p.data]))
  const stageName = (o: Json) => ((pipelines.get(String(o.pipelineId))?.stages as Json[] | undefined) ?? []).find((s) => s.id === o.pipelineStageId)?.name
  const appointments = repos.contactStore.appointmentsOf(contactId)
  const conversations = dashboardReads(runtime).conversationsOfContact(contactId, 20)
  const field = (label: string, value: unknown) => html`<tr><th>${label}</th><td>${value === null || value === undefined || value === '' ? '—' : String(value)}</td></tr>`
  const body = html`<div class="grid">
${card(fullName(contact), html`<table>${field('Email', contact.email)}${field('Phone', contact.phone)}${field('Company', contact.companyName)}${field('Address', [contact.address1, contact.city, contact.state, contact.postalCode].filter(Boolean).join(', '))}${field('Source', contact.source)}${field('Type', contact.type)}${field('Added', formatTime(contact.dateAdded as string, location.timezone))}
<tr><th>Tags</th><td><div class="chips">${((contact.tags as string[] | undefined) ?? []).map((t) => badge(t))}</div></td></tr>${field('Id', contact.id)}</table>`)}
<div>${card('Opportunities', opportunities.length ? html`<table>${opportunities.map(({ data: o }) => html`<tr><td><a href="${locationHref(location.id, 'opportunities')}">${String(o.name)}</a><div class="muted">${String(pipelines.get(String(o.pipelineId))?.name ?? '')} · ${String(stageName(o) ?? '')}</div></td><td class="num">${money(o.monetaryValue)}</td><td>${badge(String(o.status))}</td></tr>`)}</table>` : empty('No opportunities.'))}
${card('Appointments', appointments.length ? html`<table>${appointments.map((a) => html`<tr><td class="when">${formatTime(a.startTime as string, location.timezone)}</td><td><a href="${locationHref(location.id, 'calendars')}">${String(a.title ?? '')}</a></td><td>${badge(String(a.appointmentStatus ?? ''))}</td></tr>`)}</table>` : empty('No appointments.'))}
${card('Conversations', conversations.length ? html`<table>${conversations.map(({ data: c }) => html`<tr><td><a href="${conversationHref(location.id, String(c.id))}">${String(c.lastMessageBody ?? 'Open thread')}</a></td><td class="muted when">${formatTime(c.lastMessageDate as number, location.timezone)}</td></tr>`)}</table>` : empty('No conversations.'))}</div></div>`
  return shell(runtime, location, 'contacts', contactHref(location.id, contactId), location.name, body)
}
