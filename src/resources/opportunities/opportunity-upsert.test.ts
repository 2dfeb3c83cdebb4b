// Upsert (match by id, else contact + pipeline unless duplicates are allowed) and followers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectError, expectSpec, startOpportunityKit, type OpportunityKit } from '../../../test/support/opportunity-kit.js'

type Json = Record<string, any>

let kit: OpportunityKit
let loc: string
let pipeline: Json
let contactId: string
let users: string[]

beforeEach(async () => {
  kit = await startOpportunityKit()
  loc = kit.locations[0]!.id
  pipeline = kit.repos.pipelines.listByLocation(loc, 10)[0]!.data
  contactId = kit.repos.contacts
    .listByLocation(loc, 100)
    .find((c) => !kit.repos.opportunities.findByContactAndPipeline(loc, c.id, pipeline.id))!.id
  users = kit.usersOf(loc).map((u) => u.id)
  kit.mark()
})
afterEach(() => kit.close())

const upsert = (body: Json) => kit.call('POST', '/opportunities/upsert', { body: { locationId: loc, pipelineId: pipeline.id, ...body } })

describe('upsert', () => {
  it("creates, then updates the contact's opportunity in the pipeline", async () => {
    const first = await expectSpec('Upsert-opportunity', await upsert({ contactId, monetaryValue: 300 }))
    expect(first.new).toBe(true)
    const contact = kit.repos.contacts.get(contactId)!.data as Json
    expect(first.opportunity).toMatchObject({
      name: `${contact.firstName} ${contact.lastName}`,
      status: 'open',
      pipelineStageId: pipeline.stages[0].id,
      monetaryValue: 300,
      contactId,
    })
    expect(kit.eventsSinceMark().map((e) => e.type)).toEqual(['OpportunityCreate'])

    kit.mark()
    const second = await expectSpec('Upsert-opportunity', await upsert({ contactId, status: 'won', name: 'Closed deal' }))
    expect(second.new).toBe(false)
    expect(second.opportunity).toMatchObject({ id: first.opportunity.id, status: 'won', name: 'Closed deal', monetaryValue: 300 })
    expect(kit.eventsSinceMark().map((e) => e.type)).toEqual(['OpportunityUpdate', 'OpportunityStatusUpdate'])
    expect(kit.repos.opportunities.countByLocation(loc)).toBe(4)
  })

  it('matches by id first, and answers an unknown id with 400', async () => {
    const created = (await expectSpec('Upsert-opportunity', await upsert({ contactId }))).opportunity
    const byId = await expectSpec('Upsert-opportunity', await upsert({ id: created.id, monetaryValue: 99 }))
    expect(byId).toMatchObject({ new: false, opportunity: { id: created.id, monetaryValue: 99 } })
    await expectError(await upsert({ id: 'NoSuchOpportunity00', contactId }), 400, 'Opportunity not found')
    const otherLocation = kit.locations[1]!.id
    const foreign = kit.repos.opportunities.listByLocation(otherLocation, 1)[0]!.id
    await expectError(await upsert({ id: foreign, contactId }), 400, 'Opportunity not found')
  })

  it('always creates when the location allows duplicate opportunities', async () => {
    const location = kit.repos.locations.get(loc)!
    kit.repos.locations.update({ ...location, settings: { ...location.settings, allowDuplicateOpportunity: true } })
    const a = await expectSpec('Upsert-opportunity', await upsert({ contactId }))
    const b = await expectSpec('Upsert-opportunity', await upsert({ contactId }))
    expect([a.new, b.new]).toEqual([true, true])
    expect(a.opportunity.id).not.toBe(b.opportunity.id)
  })

  it('needs a contact to create, and checks every id', async () => {
    await expectError(await upsert({}), 422, 'contactId should not be empty')
    const body = await expectError(await upsert({ contactId: 'NoSuchContact0000000', assignedTo: 'NoSuchUser', followers: ['NoSuchUser'] }), 422)
    expect(body.message).toEqual([
      'contactId must be the id of a contact in this location',
      'assignedTo must be the id of a user of this location',
      'followers must contain ids of users of this location (NoSuchUser is not)',
    ])
    await expectError(await upsert({ pipelineId: undefined, contactId }), 422, 'pipelineId should not be empty')
  })

  it('adds and removes followers as followersActionType says', async () => {
    const created = await expectSpec('Upsert-opportunity', await upsert({ contactId, followers: [users[0]] }))
    expect(created.opportunity.followers).toEqual([users[0]])
    const added = await expectSpec('Upsert-opportunity', await upsert({ contactId, followers: [users[1]], followersActionType: 'add' }))
    expect(added.opportunity.followers).toEqual([users[0], users[1]])
    const removed = await expectSpec('Upsert-opportunity', await upsert({ contactId, followers: [users[0]], followersActionType: 'remove' }))
    expect(removed.opportunity.followers).toEqual([users[1]])
    const cleared = await expectSpec('Upsert-opportunity', await upsert({ contactId, isRemoveAllFollowers: true, followers: [], followersActionType: 'add' }))
    expect(cleared.opportunity.followers).toEqual([])
  })
})

describe('followers', () => {
  it('adds (201) and removes (200) followers, reporting what changed', async () => {
    const id = (await expectSpec('Upsert-opportunity', await upsert({ contactId }))).opportunity.id
    const added = await expectSpec('add-followers-opportunity', await kit.call('POST', `/opportunities/${id}/followers`, { body: { followers: users } }))
    expect(added).toEqual({ followers: users, followersAdded: users })
    const again = await expectSpec('add-followers-opportunity', await kit.call('POST', `/opportunities/${id}/followers`, { body: { followers: [users[0]] } }))
    expect(again).toEqual({ followers: users, followersAdded: [] })
    const removed = await expectSpec('remove-followers-opportunity', await kit.call('DELETE', `/opportunities/${id}/followers`, { body: { followers: [users[0]] } }))
    expect(removed).toEqual({ followers: users.slice(1), followersRemoved: [users[0]] })
    const got = await expectSpec('get-opportunity', await kit.call('GET', `/opportunities/${id}`))
    expect(got.opportunity.followers).toEqual(users.slice(1))
    const all = await expectSpec('remove-followers-opportunity', await kit.call('DELETE', `/opportunities/${id}/followers?isRemoveAllFollowers=true`, { body: {} }))
    expect(all).toEqual({ followers: [], followersRemoved: users.slice(1) })
  })

  it("rejects users who are not the location's and a missing list", async () => {
    const id = (await expectSpec('Upsert-opportunity', await upsert({ contactId }))).opportunity.id
    const outsider = kit.usersOf(kit.locations[1]!.id).find((u) => u.roles.type === 'account')!.id
    await expectError(await kit.call('POST', `/opportunities/${id}/followers`, { body: { followers: [outsider] } }), 422, `(${outsider} is not)`)
    await expectError(await kit.call('POST', `/opportunities/${id}/followers`, { body: {} }), 422, 'followers should not be empty')
    await expectError(await kit.call('POST', `/opportunities/${id}/followers`, { body: { followers: [1] } }), 422, 'each value in followers must be a string')
    await expectError(await kit.call('POST', '/opportunities/NoSuchOpportunity00/followers', { body: { followers: users } }), 400, 'Opportunity not found')
  })
})
