// Decides what each outbox event becomes and to whom: one delivery per (event, app) with its final
// body. Reads installs and apps, writes deliveries and marks events dispatched, in one transaction.
// No HTTP, no timers: when deliveries go out is the scheduler's business.
import { randomUUID } from 'node:crypto'
import type { InstallRow } from '../storage/installs.js'
import type { OutboxEvent } from '../storage/outbox.js'
import type { Repos } from '../storage/repos.js'
import type { App } from '../world/model.js'
import { isAppEvent, scopeForEvent } from './events.js'

/**
 * Events dispatched per call. Dispatch runs on the event loop between requests, so a burst of
 * writes is turned into deliveries in slices of a few milliseconds rather than in one long block.
 */
export const DISPATCH_BATCH = 64

/** Payload keys the dispatcher owns; an emitted payload cannot override them. */
const envelopeKeys = new Set(['type', 'appId', 'versionId', 'timestamp', 'webhookId'])

export interface Recipient {
  app: App
  url: string
}

export interface DispatchOptions {
  repos: Repos
  now: () => number
  /** The webhookId generator (UUID v4 by default). */
  newWebhookId?: () => string
  /** Events to take in this call (default DISPATCH_BATCH). */
  limit?: number
}

export interface DispatchResult {
  events: number
  deliveries: number
  /** True when undispatched events remain after this slice. */
  more: boolean
}

/** Turns the oldest undispatched outbox events (one slice) into deliveries, in one transaction. */
export function dispatchPending({ repos, now, newWebhookId = randomUUID, limit = DISPATCH_BATCH }: DispatchOptions): DispatchResult {
  return repos.transaction(() => {
    const events = repos.events.undispatched(limit)
    const lookups = batchLookups(repos)
    const at = now()
    let deliveries = 0
    for (const event of events) {
      // Claimed first, under the write lock: an event another instance dispatched yields nothing here.
      if (!repos.events.markDispatched(event.id, at)) continue
      const companyId = event.companyId ?? lookups.companyOf(event.locationId)
      for (const recipient of recipientsOf(repos, event, lookups)) {
        const webhookId = newWebhookId()
        repos.webhooks.insertDelivery({
          eventId: event.id,
          webhookId,
          type: event.type,
          appId: recipient.app.id,
          locationId: event.locationId,
          companyId,
          url: recipient.url,
          body: JSON.stringify(webhookPayload(event, recipient.app, webhookId)),
          createdAt: at,
          nextAttemptAt: at,
        })
        deliveries++
      }
    }
    return { events: events.length, deliveries, more: events.length === limit }
  })
}

/** What the dispatcher looks up, memoized for one transaction (nothing it reads changes inside it). */
interface Lookups {
  app(id: string): App | undefined
  companyOf(locationId: string | null): string | null
  installsOn(locationId: string | null, companyId: string | null): InstallRow[]
  /** Scopes of the live grants of an install; undefined when it has none. */
  grantScopes(installId: string): string[] | undefined
}

function batchLookups(repos: Repos): Lookups {
  const memo = <K, V>(load: (key: K) => V) => {
    const cache = new Map<K, V>()
    return (key: K): V => {
      if (!cache.has(key)) cache.set(key, load(key))
      return cache.get(key) as V
    }
  }
  const companies = memo((locationId: string | null) => (locationId ? repos.locations.get(locationId)?.companyId ?? null : null))
  const onLocation = memo((locationId: string) => repos.installs.activeOnLocation(locationId))
  const onCompany = memo((companyId: string) => repos.installs.activeOnCompany(companyId))
  return {
    app: memo((id: string) => repos.apps.get(id)),
    companyOf: companies,
    installsOn: (locationId, companyId) => covering(locationId, companyId, onLocation, onCompany),
    grantScopes: memo((installId: string) => repos.oauth.liveScopesOfInstall(installId)),
  }
}

/**
 * Location installs first (they carry the location's own grant), then the agency's company
 * installs — except, for a location's event, a bulk install's agency row: its approved
 * sub-accounts have rows of their own, and the others must not receive anything.
 */
function covering(
  locationId: string | null,
  companyId: string | null,
  onLocation: (id: string) => InstallRow[],
  onCompany: (id: string) => InstallRow[],
): InstallRow[] {
  const agencyRows = companyId ? onCompany(companyId) : []
  if (!locationId) return agencyRows
  return [...onLocation(locationId), ...agencyRows.filter((row) => !row.isBulk)]
}

const directLookups = (repos: Repos): Lookups => ({
  app: (id) => repos.apps.get(id),
  companyOf: (locationId) => (locationId ? repos.locations.get(locationId)?.companyId ?? null : null),
  installsOn: (locationId, companyId) => covering(locationId, companyId, repos.installs.activeOnLocation, repos.installs.activeOnCompany),
  grantScopes: (installId) => repos.oauth.liveScopesOfInstall(installId),
})

/**
 * Who receives an event:
 * - INSTALL / UNINSTALL (the event names its app): that app's default webhook URL, if it has one;
 * - anything else: every app with a live install on the event's location, or on its company (agency
 *   installs), that has a webhook URL, subscribes to the type (`webhookEvents` null = all) and
 *   was granted the scope the type needs. A type ghl-mock has no scope for reaches only apps that
 *   list it explicitly.
 */
export function recipientsOf(repos: Repos, event: OutboxEvent, lookups: Lookups = directLookups(repos)): Recipient[] {
  if (event.appId !== null || isAppEvent(event.type)) {
    const app = event.appId ? lookups.app(event.appId) : undefined
    const url = app ? addressedUrl(app, event.type) : ''
    return app && url ? [{ app, url }] : []
  }
  const recipients: Recipient[] = []
  const seen = new Set<string>()
  for (const install of lookups.installsOn(event.locationId, event.companyId ?? lookups.companyOf(event.locationId))) {
    if (seen.has(install.appId)) continue
    seen.add(install.appId)
    const app = lookups.app(install.appId)
    if (app && app.webhookUrl && subscribes(app, event.type) && granted(app, install, event.type, lookups)) {
      recipients.push({ app, url: app.webhookUrl })
    }
  }
  return recipients
}

/** Where an event addressed to one app goes: a provider's delivery URL, else the app's webhook URL. */
function addressedUrl(app: App, type: string): string {
  return type === PROVIDER_OUTBOUND ? app.conversationProvider?.deliveryUrl ?? '' : app.webhookUrl
}

/** Sent to a conversation provider's delivery URL; its body's `type` is the channel (SMS or Email). */
const PROVIDER_OUTBOUND = 'ProviderOutboundMessage'

function subscribes(app: App, type: string): boolean {
  if (app.webhookEvents === null) return scopeForEvent(type) !== undefined
  return app.webhookEvents.includes(type)
}

function granted(app: App, install: InstallRow, type: string, lookups: Lookups): boolean {
  const scope = scopeForEvent(type)
  if (scope === undefined) return true // unknown type: the explicit subscription is the consent
  return scope === null || grantedScopes(app, install, lookups).includes(scope)
}

/**
 * The scopes an install granted, most specific first: `data.scopes` when the install recorded
 * them; else the scopes of its live grants (what the consent page approved — a bulk install's
 * sub-account rows use their agency row's grants); else the scopes the app is configured with.
 */
function grantedScopes(app: App, install: InstallRow, lookups: Lookups): string[] {
  const recorded = install.data.scopes
  if (Array.isArray(recorded)) return recorded.filter((scope): scope is string => typeof scope === 'string')
  if (typeof recorded === 'string') return recorded.split(/[\s,]+/).filter(Boolean)
  const parent = install.data.parentInstallId
  const fromGrants = lookups.grantScopes(install.id) ?? (typeof parent === 'string' ? lookups.grantScopes(parent) : undefined)
  return fromGrants ?? app.scopes
}

/**
 * The body an app receives: the event's fields plus `appId`, `versionId`, `timestamp` (when the
 * event happened, ISO with ms) and `webhookId`. Built once, so retries send the same bytes.
 */
export function webhookPayload(event: OutboxEvent, app: App, webhookId: string): Record<string, unknown> {
  const fields = Object.fromEntries(Object.entries(event.payload).filter(([key]) => !envelopeKeys.has(key)))
  const where: Record<string, unknown> = {}
  const locationId = fields.locationId ?? event.locationId
  if (locationId) where.locationId = locationId
  else if (!('companyId' in fields) && event.companyId) where.companyId = event.companyId
  delete fields.locationId
  // The provider page documents `type` as the channel; the delivery log still files it under the event type.
  const type = event.type === PROVIDER_OUTBOUND && typeof event.payload.type === 'string' ? event.payload.type : event.type
  return {
    type,
    ...where,
    versionId: app.versionId,
    appId: app.id,
    ...fields,
    timestamp: new Date(event.createdAt).toISOString(),
    webhookId,
  }
}

export interface Skipped {
  appId: string
  appName: string
  reason: string
}

/** Why each app that will not receive `event` is left out (for trigger summaries; not on the hot path). */
export function explainSkipped(repos: Repos, event: OutboxEvent): Skipped[] {
  const skipped = (app: App, reason: string): Skipped => ({ appId: app.id, appName: app.name, reason })
  if (event.appId !== null || isAppEvent(event.type)) {
    const app = event.appId ? repos.apps.get(event.appId) : undefined
    return app && !app.webhookUrl ? [skipped(app, 'no webhook URL configured')] : []
  }
  const lookups = directLookups(repos)
  const installs = new Map<string, InstallRow>()
  for (const install of lookups.installsOn(event.locationId, event.companyId ?? lookups.companyOf(event.locationId))) {
    if (!installs.has(install.appId)) installs.set(install.appId, install)
  }
  const reasons: Skipped[] = []
  for (const app of repos.apps.list()) {
    const install = installs.get(app.id)
    if (!install) reasons.push(skipped(app, 'not installed on this location or its agency'))
    else if (!app.webhookUrl) reasons.push(skipped(app, 'no webhook URL configured'))
    else if (!subscribes(app, event.type)) reasons.push(skipped(app, `does not subscribe to ${event.type} (webhookEvents)`))
    else if (!granted(app, install, event.type, lookups)) reasons.push(skipped(app, `was not granted ${scopeForEvent(event.type)}`))
  }
  return reasons
}
