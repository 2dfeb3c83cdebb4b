// Opportunity CRUD, status and events over HTTP, every success body checked against the spec.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectError, expectSpec, startOpportunityKit, type OpportunityKit } from '../../../test/support/opportunity-kit.js'
import { deleteOpportunitiesOfContact } from './opportunities.js'

type Json = Record<string, any>

let kit: OpportunityKit
let loc: string
let other: string
let pipeline: Json
let contactId: string
let userId: string

/** A contact of the location with no opportunity in the pipeline yet. */
function freeContact(k: OpportunityKit, locationId: string, pipelineId: string, skip: string[] = []): string {
  const contact = k.repos.contacts
    .listByLocation(locationId, 100)
    .find((c) => !skip.includes(c.id) && !k.repos.opportunities.findByContactAndPipeline(locationId, c.id, pipelineId))
  if (!contact) throw new Error('no free contact in the seeded location')
  return contact.id
}

async function pipelinesOf(k: OpportunityKit, locationId: string): Promise<Json[]> {
  const res = await k.call('GET', `/opportunities/pipelines?locationId=${locationId}`, { as: { locationId } })
  return (await expectSpec('get-pipelines', res)).pipelines
}

beforeEach(async () => {
  kit = await startOpportunityKit()
  loc = kit.locations[0]!.id
  other = kit.locations[1]!.id
  pipeline = (await pipelinesOf(kit, loc))[0]!
  contactId = freeContact(kit, loc, pipeline.id)
  userId = kit.usersOf(loc)[0]!.id
  kit.mark()
})
afterEach(() => kit.close())

async function create(body: Json = {}): Promise<Json> {
  const res = await kit.call('POST', '/opportunities/', {
    body: { pipelineId: pipeline.id, locationId: loc, name: 'Roof repair', status: 'open', contactId, ...body },
  })
  return (await expectSpec('create-opportunity', res)).opportunity
}

describe('opportunity lifecycle', () => {
  it('creates, reads, updates, changes status and deletes, emitting one event per kind of change', async () => {
    const created = await create({ monetaryValue: 1500 })
    expect(created).toMatchObject({
      name: 'Roof repair',
      status: 'open',
      monetaryValue: 1500,
      pipelineId: pipeline.id,
      pipelineStageId: pipeline.stages[0].id,
      contactId,
      locationId: loc,
      followers: [],
      customFields: [],
    })
    expect(created.id).toMatch(/^[A-Za-z0-9]{20}$/)
    expect(created.assignedTo).toBeUndefined()
    const contact = kit.repos.contacts.get(contactId)!.data as Json
    expect(created.contact).toEqual({
      id: contactId,
      name: `${contact.firstName} ${contact.lastName}`,
      ...(contact.companyName ? { companyName: contact.companyName } : {}),
      email: contact.email,
      phone: contact.phone,
      tags: contact.tags,
    })
    const createEvents = kit.eventsSinceMark()
    expect(createEvents.map((e) => e.type)).toEqual(['OpportunityCreate'])
    expect(createEvents[0]!.locationId).toBe(loc)
    expect(createEvents[0]!.payload).toEqual({
      type: 'OpportunityCreate',
      locationId: loc,
      id: created.id,
      assignedTo: null,
      contactId,
      monetaryValue: 1500,
      name: 'Roof repair',
      pipelineId: pipeline.id,
      pipelineStageId: pipeline.stages[0].id,
      status: 'open',
      dateAdded: created.createdAt,
    })

    const got = await expectSpec('get-opportunity', await kit.call('GET', `/opportunities/${created.id}`))
    expect(got.opportunity).toEqual(created)

    await kit.mock.clock.advance(60_000)
    kit.mark()
    const stage = pipeline.stages[2]
    const updated = (
      await expectSpec(
        'update-opportunity',
        await kit.call('PUT', `/opportunities/${created.id}`, {
          body: { name: 'Roof repair (full)', monetaryValue: 2500, pipelineStageId: stage.id, assignedTo: userId },
        }),
      )
    ).opportunity
    expect(updated).toMatchObject({ name: 'Roof repair (full)', monetaryValue: 2500, pipelineStageId: stage.id, assignedTo: userId, status: 'open' })
    expect(Date.parse(updated.updatedAt) - Date.parse(created.updatedAt)).toBe(60_000)
    expect(updated.lastStageChangeAt).toBe(updated.updatedAt)
    expect(updated.lastStatusChangeAt).toBe(created.lastStatusChangeAt)
    const updateEvents = kit.eventsSinceMark()
    expect(updateEvents.map((e) => e.type)).toEqual([
      'OpportunityUpdate',
      'OpportunityStageUpdate',
      'OpportunityMonetaryValueUpdate',
      'OpportunityAssignedToUpdate',
    ])
    for (const event of updateEvents) {
      expect(event.payload).toMatchObject({ type: event.type, id: created.id, assignedTo: userId, monetaryValue: 2500, pipelineStageId: stage.id })
    }

    kit.mark()
    const status = await kit.call('PUT', `/opportunities/${created.id}/status`, { body: { status: 'won' } })
    expect(await expectSpec('update-opportunity-status', status)).toEqual({ succeded: true })
    expect(kit.eventsSinceMark().map((e) => [e.type, e.payload.status])).toEqual([
      ['OpportunityUpdate', 'won'],
      ['OpportunityStatusUpdate', 'won'],
    ])

    kit.mark()
    const deleted = await kit.call('DELETE', `/opportunities/${created.id}`)
    expect(await expectSpec('delete-opportunity', deleted)).toEqual({ succeded: true })
    expect(kit.eventsSinceMark().map((e) => [e.type, e.payload.id])).toEqual([['OpportunityDelete', created.id]])
    await expectError(await kit.call('GET', `/opportunities/${created.id}`), 400, 'Opportunity not found')
    await expectError(await kit.call('DELETE', `/opportunities/${created.id}`), 400, 'Opportunity not found')
  })

  it('an update that changes only the name emits OpportunityUpdate alone', async () => {
    const created = await create()
    kit.mark()
    await expectSpec('update-opportunity', await kit.call('PUT', `/opportunities/${created.id}`, { body: { name: 'Renamed' } }))
    expect(kit.eventsSinceMark().map((e) => e.type)).toEqual(['OpportunityUpdate'])
  })

  it('moving to another pipeline without a stage lands on its first stage', async () => {
    const second = (await pipelinesOf(kit, loc))[1] ?? (await addPipeline(kit, loc))
    const created = await create()
    const moved = (await expectSpec('update-opportunity', await kit.call('PUT', `/opportunities/${created.id}`, { body: { pipelineId: second.id } }))).opportunity
    expect(moved).toMatchObject({ pipelineId: second.id, pipelineStageId: second.stages[0].id })
    await expectError(
      await kit.call('PUT', `/opportunities/${created.id}`, { body: { pipelineStageId: pipeline.stages[1].id } }),
      422,
      `pipelineStageId must be the id of a stage of pipeline ${second.id}`,
    )
  })

  it('unassigns with an empty assignedTo and clears the lost reason when reopened', async () => {
    const created = await create({ assignedTo: userId })
    const reasons = (await expectSpec('get-lost-reason', await kit.call('GET', `/opportunities/lost-reason?locationId=${loc}`))).lostReasons
    await expectSpec('update-opportunity-status', await kit.call('PUT', `/opportunities/${created.id}/status`, { body: { status: 'lost', lostReasonId: reasons[0].id } }))
    let got = (await expectSpec('get-opportunity', await kit.call('GET', `/opportunities/${created.id}`))).opportunity
    expect(got).toMatchObject({ status: 'lost', lostReasonId: reasons[0].id })
    await expectSpec('update-opportunity', await kit.call('PUT', `/opportunities/${created.id}`, { body: { status: 'open', assignedTo: '' } }))
    got = (await expectSpec('get-opportunity', await kit.call('GET', `/opportunities/${created.id}`))).opportunity
    expect(got.status).toBe('open')
    expect(got.lostReasonId).toBeUndefined()
    expect(got.assignedTo).toBeUndefined()
  })

  it("deleting the contact deletes its opportunities, each with its event, in the same transaction", async () => {
    const location = kit.repos.locations.get(loc)!
    kit.repos.locations.update({ ...location, settings: { ...location.settings, allowDuplicateOpportunity: true } })
    const mine = [await create(), await create({ name: 'Second' })]
    const othersBefore = kit.repos.opportunities.countByLocation(loc) - 2
    kit.mark()
    expect((await kit.call('DELETE', `/contacts/${contactId}`)).status).toBe(200)
    const events = kit.eventsSinceMark().map((e) => [e.type, e.payload.id])
    expect(events[0]).toEqual(['ContactDelete', contactId])
    expect(events.slice(1).sort()).toEqual(mine.map((o) => ['OpportunityDelete', o.id]).sort())
    expect(kit.repos.opportunities.countByLocation(loc)).toBe(othersBefore)
    for (const o of mine) await expectError(await kit.call('GET', `/opportunities/${o.id}`), 400, 'Opportunity not found')
    expect(deleteOpportunitiesOfContact(kit.mock.runtime, kit.locations[1]!.id, contactId)).toBe(0)
  })

  it('refuses an empty name on update', async () => {
    const created = await create()
    await expectError(await kit.call('PUT', `/opportunities/${created.id}`, { body: { name: '' } }), 422, 'name should not be empty')
  })

  it('stores custom field values of the location and merges them by id', async () => {
    const fields = kit.repos.customFields.listByLocation(loc, 10)
    const [a, b] = [fields[0]!.id, fields[1]!.id]
    const created = await create({ customFields: [{ id: a, field_value: 'first' }] })
    expect(created.customFields).toEqual([{ id: a, fieldValue: 'first' }])
    const updated = (
      await expectSpec('update-opportunity', await kit.call('PUT', `/opportunities/${created.id}`, { body: { customFields: [{ id: b, key: 'x', field_value: ['p', 'q'] }, { id: a, field_value: 'second' }] } }))
    ).opportunity
    expect(updated.customFields).toEqual([{ id: a, fieldValue: 'second' }, { id: b, fieldValue: ['p', 'q'] }])
    const foreign = kit.repos.customFields.listByLocation(other, 1)[0]!.id
    await expectError(await kit.call('PUT', `/opportunities/${created.id}`, { body: { customFields: [{ id: foreign, field_value: 'x' }] } }), 422, 'customFields.0.id')
  })
})

async function addPipeline(k: OpportunityKit, locationId: string): Promise<Json> {
  const data = { id: 'SecondPipeline000001', name: 'Second', locationId, stages: [{ id: 'stage-a', name: 'A', position: 0 }, { id: 'stage-b', name: 'B', position: 1 }] }
  k.repos.pipelines.insert({ id: data.id, locationId, data, createdAt: 1, updatedAt: 1 })
  return data
}

describe('bad input', () => {
  it('names every missing or malformed field in one 422', async () => {
    const body = await expectError(await kit.call('POST', '/opportunities/', { body: { locationId: loc, monetaryValue: 'lots', status: 'all' } }), 422)
    expect(body.message).toEqual(
      expect.arrayContaining([
        'name should not be empty',
        'status must be one of the following values: open, won, lost, abandoned',
        'pipelineId should not be empty',
        'contactId should not be empty',
        'monetaryValue must be a number conforming to the specified constraints',
      ]),
    )
    expect(body.error).toBe('Unprocessable Entity')
    expect(kit.eventsSinceMark()).toEqual([])
  })

  it('rejects a pipeline, stage, contact, owner or lost reason that is not the location\'s', async () => {
    const foreignPipeline = (await pipelinesOf(kit, other))[0]!
    const foreignContact = kit.repos.contacts.listByLocation(other, 1)[0]!.id
    const foreignUser = kit.usersOf(other).find((u) => u.roles.type === 'account')!.id
    let body = await expectError(
      await kit.call('POST', '/opportunities/', {
        body: { pipelineId: foreignPipeline.id, locationId: loc, name: 'x', status: 'open', contactId: foreignContact, assignedTo: foreignUser },
      }),
      422,
    )
    expect(body.message).toEqual([
      'pipelineId must be the id of a pipeline in this location',
      'contactId must be the id of a contact in this location',
      'assignedTo must be the id of a user of this location',
    ])
    body = await expectError(await kit.call('POST', '/opportunities/', { body: { pipelineId: pipeline.id, locationId: loc, name: 'x', status: 'lost', contactId, pipelineStageId: foreignPipeline.stages[0].id, lostReasonId: 'nope' } }), 422)
    expect(body.message).toEqual([`pipelineStageId must be the id of a stage of pipeline ${pipeline.id}`, 'lostReasonId must be the id of a lost reason of this location'])
    expect(kit.repos.opportunities.countByLocation(loc)).toBe(3)
  })

  it('answers malformed JSON with 400 and a locationId the token cannot act in with 403', async () => {
    await expectError(await kit.call('POST', '/opportunities/', { rawBody: '{"name": ' }), 400)
    await expectError(
      await kit.call('POST', '/opportunities/', { body: { pipelineId: pipeline.id, locationId: other, name: 'x', status: 'open', contactId } }),
      403,
      'The token does not have access to this location.',
    )
  })

  it('refuses a second opportunity for the contact in the pipeline unless the location allows duplicates', async () => {
    await create()
    await expectError(await kit.call('POST', '/opportunities/', { body: { pipelineId: pipeline.id, locationId: loc, name: 'again', status: 'open', contactId } }), 400, 'Can not create duplicate opportunity for the contact.')
    const location = kit.repos.locations.get(loc)!
    kit.repos.locations.update({ ...location, settings: { ...location.settings, allowDuplicateOpportunity: true } })
    const second = await create({ name: 'again' })
    expect(second.name).toBe('again')
  })

  it('rejects status "all" on the status endpoint', async () => {
    const created = await create()
    await expectError(await kit.call('PUT', `/opportunities/${created.id}/status`, { body: { status: 'all' } }), 422, 'status must be one of the following values: open, won, lost, abandoned')
    await expectError(await kit.call('PUT', `/opportunities/${created.id}/status`, { body: {} }), 422, 'status should not be empty')
  })
})

describe('tenant isolation', () => {
  it("answers another location's opportunity exactly like an unknown id and changes nothing", async () => {
    const created = await create()
    const asOther = { as: { locationId: other } }
    const unknown = await expectError(await kit.call('GET', '/opportunities/NoSuchOpportunity00', asOther), 400)
    const foreign = await expectError(await kit.call('GET', `/opportunities/${created.id}`, asOther), 400)
    expect({ ...foreign, traceId: undefined }).toEqual({ ...unknown, traceId: undefined })
    await expectError(await kit.call('PUT', `/opportunities/${created.id}`, { ...asOther, body: { name: 'stolen' } }), 400, 'Opportunity not found')
    await expectError(await kit.call('PUT', `/opportunities/${created.id}/status`, { ...asOther, body: { status: 'won' } }), 400, 'Opportunity not found')
    await expectError(await kit.call('POST', `/opportunities/${created.id}/followers`, { ...asOther, body: { followers: [userId] } }), 400, 'Opportunity not found')
    await expectError(await kit.call('DELETE', `/opportunities/${created.id}`, asOther), 400, 'Opportunity not found')
    const after = (await expectSpec('get-opportunity', await kit.call('GET', `/opportunities/${created.id}`))).opportunity
    expect(after).toEqual(created)
    expect(kit.eventsSinceMark().map((e) => e.type)).toEqual(['OpportunityCreate'])
  })
})
