// Lost reasons: `GET /opportunities/lost-reason` and the check that a lostReasonId is one of the
// location's. No API writes them, so they are derived, not stored: the same five per location,
// with ids hashed from the location id, identical across restarts and instances.
import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.js'
import type { HandlerSet } from '../../handlers/handler.js'
import type { Repos } from '../../storage/repos.js'
import { FieldReader } from './opportunity-input.js'
import { accessibleLocation, tokenOf } from '../kit/index.js'

type Json = Record<string, unknown>

const REASONS = ['Not interested', 'Went with a competitor', 'Price too high', 'No response', 'Bad timing'] as const
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** A 20-character id like HighLevel's, from a hash (so it never changes for a location). */
function derivedId(seed: string): string {
  const bytes = createHash('sha256').update(seed).digest()
  let id = ''
  for (let i = 0; i < 20; i++) id += ALNUM[bytes[i]! % ALNUM.length]
  return id
}

export interface LostReason {
  id: string
  name: string
  locationId: string
  createdAt: string
  updatedAt: string
}

/** The location's lost reasons, dated at the world's seeding day. */
export function lostReasonsOf(repos: Repos, locationId: string): LostReason[] {
  const seededAt = Number(repos.meta.get('seededAt') ?? 0)
  const at = new Date(seededAt).toISOString()
  return REASONS.map((name, i) => ({
    id: derivedId(`${locationId}:lost-reason:${i}`),
    name,
    locationId,
    createdAt: at,
    updatedAt: at,
  }))
}

export function isLostReasonOf(locationId: string, lostReasonId: string): boolean {
  return REASONS.some((_, i) => derivedId(`${locationId}:lost-reason:${i}`) === lostReasonId)
}

function getLostReasons(c: Context<AppEnv>): Response {
  const { repos } = c.var.runtime
  const auth = tokenOf(c)
  const query = new FieldReader(c.req.query() as Json)
  const locationId = query.string('locationId', { required: true })
  const name = query.string('name')
  const search = query.string('query')
  const deleted = query.booleanParam('deleted')
  const skip = query.integerParam('skip', { min: 0 }) ?? 0
  const limit = query.integerParam('limit', { min: 1 }) ?? 100
  query.booleanParam('getCount')
  query.done()
  accessibleLocation(c, locationId!)
  // None of the derived reasons is deleted, so `deleted=true` lists nothing.
  const matching = deleted
    ? []
    : lostReasonsOf(repos, locationId!).filter(
        (reason) =>
          (name === undefined || reason.name.toLowerCase() === name.toLowerCase()) &&
          (search === undefined || reason.name.toLowerCase().includes(search.toLowerCase())),
      )
  return c.json({ lostReasons: matching.slice(skip, skip + limit), total: matching.length })
}

export const lostReasonHandlers: HandlerSet = {
  'get-lost-reason': getLostReasons,
}
