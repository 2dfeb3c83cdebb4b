// Offset paging as HighLevel's list endpoints take it: `skip`/`limit` as query strings (or body
// numbers), bounded, with class-validator's wording for bad values.
import type { Problems } from './problems.js'

export interface PageWindow {
  skip: number
  limit: number
}

/** Reads `skip` and `limit` (strings from a query, numbers from a body) into `problems`. */
export function pageWindow(problems: Problems, raw: { skip?: unknown; limit?: unknown }, bounds: { defaultLimit: number; maxLimit: number }): PageWindow {
  const read = (name: string, value: unknown, options: { default: number; min: number; max?: number }) =>
    typeof value === 'string' || value === undefined ? problems.int(name, value as string | undefined, options) : problems.number(name, value, options)
  return {
    skip: read('skip', raw.skip, { default: 0, min: 0 }),
    limit: read('limit', raw.limit, { default: bounds.defaultLimit, min: 1, max: bounds.maxLimit }),
  }
}

/** The rows of `all` inside the window (for small in-memory lists; SQL pages its own). */
export function pageOf<T>(all: readonly T[], window: PageWindow): T[] {
  return all.slice(window.skip, window.skip + window.limit)
}
