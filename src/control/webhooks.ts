// Control endpoints of webhook delivery: the delivery log, replay and trigger. They read and act
// through the instance's scheduler; what is sent and when is decided in src/webhooks.
import type { Module } from '../app-env.js'
import { assertValid, GhlError, notFound } from '../errors.js'
import { readJsonBody } from '../http/json-body.js'
import { explainSkipped } from '../webhooks/dispatcher.js'
import { eventTypes, isEventType, type EventType } from '../webhooks/events.js'
import { webhooksOf } from '../webhooks/index.js'
import type { SampleInput } from '../webhooks/samples.js'
import type { DeliveryFilter, DeliveryStatus } from '../webhooks/queue.js'

const statuses: readonly DeliveryStatus[] = ['pending', 'sending', 'delivered', 'failed']

export const webhookControl: Module = (app, runtime) => {
  const { repos, clock } = runtime
  const sample = async (input: SampleInput) => {
    // Loaded on first use: samples need faker, which a start without seeding never imports.
    const { sampleEvent, SampleError } = await import('../webhooks/samples.js')
    try {
      return sampleEvent(repos, input)
    } catch (error) {
      if (error instanceof SampleError) throw error.status === 404 ? notFound(error.message) : new GhlError(422, [error.message])
      throw error
    }
  }

  app.get('/_mock/webhooks/deliveries', (c) => {
    const query = (name: string, alias?: string) => c.req.query(name) ?? (alias ? c.req.query(alias) : undefined)
    const status = query('status')
    const limit = query('limit') ?? '100'
    const before = query('before')
    const eventId = query('eventId')
    assertValid([
      ...(status !== undefined && !statuses.includes(status as DeliveryStatus) ? [`status must be one of ${statuses.join(', ')}`] : []),
      ...(!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > 500 ? ['limit must be a whole number from 1 to 500'] : []),
      ...(before !== undefined && !/^\d+$/.test(before) ? ['before must be a delivery id'] : []),
      ...(eventId !== undefined && !/^\d+$/.test(eventId) ? ['eventId must be an event id'] : []),
    ])
    const filter: DeliveryFilter = { limit: Number(limit) }
    const type = query('type')
    const locationId = query('locationId', 'location')
    const appId = query('appId', 'app')
    if (type !== undefined) filter.type = type
    if (status !== undefined) filter.status = status as DeliveryStatus
    if (locationId !== undefined) filter.locationId = locationId
    if (appId !== undefined) filter.appId = appId
    if (eventId !== undefined) filter.eventId = Number(eventId)
    if (before !== undefined) filter.before = Number(before)
    const deliveries = webhooksOf(runtime).queue.list(filter)
    const last = deliveries.at(-1)
    return c.json({ deliveries, nextBefore: deliveries.length === filter.limit && last ? last.id : null })
  })

  app.post('/_mock/webhooks/deliveries/:id/replay', async (c) => {
    const id = c.req.param('id')
    if (!/^\d+$/.test(id)) throw notFound(`No webhook delivery with id ${id}`)
    const delivery = await webhooksOf(runtime).replay(Number(id))
    if (!delivery) throw notFound(`No webhook delivery with id ${id}`)
    return c.json({ delivery })
  })

  app.post('/_mock/webhooks/trigger', async (c) => {
    const body = await readJsonBody(c)
    const { type, locationId, recordId, data } = body
    assertValid([
      ...(typeof type !== 'string' || !isEventType(type) ? [`type must be one of ${eventTypes.join(', ')}`] : []),
      ...(typeof locationId !== 'string' || locationId === '' ? ['locationId must be a location id'] : []),
      ...(recordId !== undefined && (typeof recordId !== 'string' || recordId === '') ? ['recordId must be the id of a record of the location'] : []),
      ...(data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data)) ? ['data must be an object'] : []),
    ])
    const location = repos.locations.get(locationId as string)
    if (!location) throw notFound(`No location with id ${String(locationId)}`)

    const input: SampleInput = { type: type as EventType, location, seed: runtime.options.seed, now: clock.now() }
    if (recordId !== undefined) input.recordId = recordId as string
    if (data !== undefined) input.data = data as Record<string, unknown>
    const event = await sample(input)
    // Through the outbox like any handler's event: written in a transaction, dispatched after it.
    const stored = repos.transaction(() => {
      runtime.emit(event)
      return repos.events.list(1)[0]!
    })
    const webhooks = webhooksOf(runtime)
    await webhooks.idle()
    return c.json({
      event: { id: stored.id, type: stored.type, locationId: stored.locationId, companyId: stored.companyId, payload: stored.payload },
      deliveries: webhooks.queue.list({ eventId: stored.id, limit: 500 }).reverse(),
      skipped: explainSkipped(repos, stored),
    })
  })
}
