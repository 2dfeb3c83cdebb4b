// The sub-account-wide task search (POST /locations/{id}/tasks/search) over contacts' tasks.
// The tasks table belongs to the contacts resource; until it exists this answers from an empty
// set, so the endpoint already has its final shape.
import type { Db } from './db.js'

type Json = Record<string, unknown>

export interface LocationTaskFilter {
  contactIds?: string[]
  assignedTo?: string[]
  completed?: boolean
  /** Contained in the title or body, case-insensitive. */
  query?: string
  businessId?: string
  skip: number
  limit: number
}

export interface LocationTaskQueries {
  /** Tasks of the sub-account's contacts, soonest due first. */
  search(locationId: string, filter: LocationTaskFilter): Json[]
}

export function createLocationTaskQueries(_db: Db): LocationTaskQueries {
  return {
    search: () => [],
  }
}
