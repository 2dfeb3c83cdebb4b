// What happens to an outbound message after the API accepted it, on the emulator's clock: a
// scheduled send at its time, then `delivered` after `messageDeliveryMs` (or, on a location whose
// default provider is a custom conversation provider, a ProviderOutboundMessage to that provider,
// which reports the status itself). Due work lives in SQLite (message_jobs); one clock timer is
// armed for the earliest job, and re-armed at start, after each run and after a reset.
import type { Module } from '../../app-env.js'
import type { TimerHandle } from '../../clock.js'
import type { Runtime } from '../../runtime.js'
import { emailStatsPayload, messagePayload, providerOutboundPayload } from '../../webhooks/payloads/messages.js'
import { providerRouteFor } from './providers.js'

type Json = Record<string, unknown>

/** Jobs run per timer firing; the rest run on the next, immediately armed, firing. */
const JOBS_PER_RUN = 500

export interface MessageClock {
  start(): void
  /** A job was added or removed: re-arm for the earliest. */
  kick(): void
}

const clocks = new WeakMap<Runtime, MessageClock>()

export function messageClockOf(runtime: Runtime): MessageClock {
  let clock = clocks.get(runtime)
  if (!clock) {
    clock = createMessageClock(runtime)
    clocks.set(runtime, clock)
  }
  return clock
}

/** Mounted in src/modules.ts: re-arms the jobs a previous run left pending. */
export const messageDelivery: Module = (_app, runtime) => messageClockOf(runtime).start()

function createMessageClock(runtime: Runtime): MessageClock {
  const { clock, repos } = runtime
  let wake: { at: number; handle: TimerHandle } | null = null
  let stopped = false

  function arm(): void {
    if (stopped) return
    const at = repos.messageJobs.nextDueAt()
    if (at === undefined) return clear()
    if (wake && wake.at === at) return
    clear()
    wake = { at, handle: clock.setTimeout(run, Math.max(0, at - clock.now())) }
  }

  function clear(): void {
    if (wake) clock.clearTimeout(wake.handle)
    wake = null
  }

  function run(): void {
    wake = null
    if (stopped) return
    const now = clock.now()
    repos.transaction(() => {
      for (const job of repos.messageJobs.due(now, JOBS_PER_RUN)) {
        repos.messageJobs.remove(job.messageId)
        const row = repos.messages.get(job.messageId)
        if (!row) continue
        if (job.kind === 'send') sendNow(runtime, row.data)
        else markDelivered(runtime, row.data)
      }
    })
    arm()
  }

  return {
    start() {
      runtime.onReset(() => {
        clear()
        arm()
      })
      runtime.onClose(() => {
        stopped = true
        clear()
      })
      arm()
    },
    kick: arm,
  }
}

/**
 * Sends a stored outbound message now (inside the caller's transaction): status `pending`, the
 * conversation's last message, OutboundMessage, then either a ProviderOutboundMessage to the
 * location's custom provider or a delivery job. The caller kicks the clock afterwards.
 */
export function sendNow(runtime: Runtime, message: Json): Json {
  const { repos, clock } = runtime
  const now = clock.now()
  const contact = repos.contacts.get(String(message.contactId))?.data ?? {}
  const route = providerRouteFor(runtime, String(message.locationId), String(message.messageType), message.conversationProviderId)
  const sent: Json = { ...message, status: 'pending', dateAdded: new Date(now).toISOString() }
  if (route) sent.conversationProviderId = route.providerId
  repos.messages.update(String(sent.id), sent, now)
  touchConversation(runtime, sent, now)
  runtime.emit({ type: 'OutboundMessage', locationId: String(sent.locationId), payload: messagePayload('OutboundMessage', sent) })
  if (route) {
    runtime.emit({
      type: 'ProviderOutboundMessage',
      locationId: String(sent.locationId),
      appId: route.appId,
      payload: providerOutboundPayload('ProviderOutboundMessage', sent, contact),
    })
  } else {
    repos.messageJobs.put({ messageId: String(sent.id), locationId: String(sent.locationId), kind: 'deliver', dueAt: now + runtime.options.messageDeliveryMs })
  }
  return sent
}

/** The delivery report of a message sent without a custom provider (LCEmailStats for e-mails). */
function markDelivered(runtime: Runtime, message: Json): void {
  if (message.status !== 'pending') return
  const now = runtime.clock.now()
  const delivered = { ...message, status: 'delivered' }
  runtime.repos.messages.update(String(message.id), delivered, now)
  if (message.messageType === 'TYPE_EMAIL') {
    const companyId = runtime.repos.locations.get(String(message.locationId))?.companyId ?? ''
    runtime.emit({ type: 'LCEmailStats', locationId: String(message.locationId), payload: emailStatsPayload('LCEmailStats', delivered, 'delivered', now, companyId) })
  }
}

/** The conversation shows this message as its last one and moves to the top of the inbox. */
export function touchConversation(runtime: Runtime, message: Json, now: number, unreadDelta = 0): Json | undefined {
  const row = runtime.repos.conversations.get(String(message.conversationId))
  if (!row) return undefined
  const after: Json = {
    ...row.data,
    lastMessageBody: typeof message.body === 'string' ? message.body : '',
    lastMessageType: message.messageType,
    lastMessageDirection: message.direction,
    lastMessageDate: now,
    dateUpdated: now,
    unreadCount: Number(row.data.unreadCount ?? 0) + unreadDelta,
  }
  if (message.direction === 'outbound' && message.source !== 'workflow') after.lastManualMessageDate = now
  runtime.repos.conversations.update(row.id, after, now)
  return after
}
