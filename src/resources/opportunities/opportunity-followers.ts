// Followers of an opportunity: `POST` and `DELETE /opportunities/{id}/followers`, and the
// follower arithmetic upsert shares. Followers are user ids of the location. No webhook event
// exists for a follower change, so none is emitted.
import { objectBody } from '../kit/body.js'
import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.js'
import type { HandlerSet } from '../../handlers/handler.js'
import type { Repos } from '../../storage/repos.js'
import { FieldReader } from './opportunity-input.js'
import { loadOpportunity } from './opportunity-access.js'
import { tokenOf } from '../kit/index.js'
import { isUserOf } from './opportunity-rules.js'

type Json = Record<string, unknown>

export interface FollowerChange {
  followers: string[]
  added: string[]
  removed: string[]
}

/** Adds or removes `ids` (in order, without repeats); `removeAll` clears the list first. */
export function changeFollowers(current: unknown, ids: readonly string[], action: 'add' | 'remove', removeAll = false): FollowerChange {
  const before = Array.isArray(current) ? (current as string[]) : []
  const start = removeAll ? [] : before
  if (action === 'add') {
    const added = [...new Set(ids)].filter((id) => !start.includes(id))
    return { followers: [...start, ...added], added, removed: before.filter((id) => !start.includes(id)) }
  }
  const followers = start.filter((id) => !ids.includes(id))
  return { followers, added: [], removed: before.filter((id) => !followers.includes(id)) }
}

/** Adds a problem for each id that is not a user of the location. */
export function checkFollowers(repos: Repos, reader: FieldReader, locationId: string, ids: readonly string[] | undefined): void {
  for (const id of ids ?? []) {
    if (!isUserOf(repos, locationId, id)) reader.add(`followers must contain ids of users of this location (${id} is not)`)
  }
}

async function addFollowers(c: Context<AppEnv>, requestBody: unknown): Promise<Response> {
  const { repos, clock } = c.var.runtime
  const auth = tokenOf(c)
  const body = new FieldReader(objectBody(requestBody))
  const ids = body.stringArray('followers', { required: true })
  body.done()
  const row = loadOpportunity(repos, auth, c.req.param('id')!)
  checkFollowers(repos, body, row.locationId, ids)
  body.done()
  const change = changeFollowers(row.data.followers, ids!, 'add')
  save(repos, row.id, row.data, change.followers, clock.now())
  return c.json({ followers: change.followers, followersAdded: change.added }, 201)
}

async function removeFollowers(c: Context<AppEnv>, requestBody: unknown): Promise<Response> {
  const { repos, clock } = c.var.runtime
  const auth = tokenOf(c)
  const query = new FieldReader(c.req.query() as Json)
  const removeAll = query.booleanParam('isRemoveAllFollowers') ?? false
  query.done()
  const body = new FieldReader(objectBody(requestBody))
  const ids = body.stringArray('followers', { required: !removeAll }) ?? []
  body.done()
  const row = loadOpportunity(repos, auth, c.req.param('id')!)
  const change = changeFollowers(row.data.followers, ids, 'remove', removeAll)
  save(repos, row.id, row.data, change.followers, clock.now())
  return c.json({ followers: change.followers, followersRemoved: change.removed })
}

function save(repos: Repos, id: string, data: Json, followers: string[], now: number): void {
  repos.opportunities.update(id, { ...data, followers, updatedAt: new Date(now).toISOString() }, now)
}

export const followerHandlers: HandlerSet = {
  'add-followers-opportunity': addFollowers,
  'remove-followers-opportunity': removeFollowers,
}
