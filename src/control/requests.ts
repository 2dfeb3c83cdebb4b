// GET /_mock/requests: the request journal, with filters. Also mounts the middleware that fills
// it, here because the control plane is mounted first and the journal must see every route.
import type { Module } from '../app-env.js'
import { assertValid } from '../errors.js'
import type { JournalFilter } from '../gateway/journal.js'
import { recordRequests } from '../gateway/record-requests.js'
import { gatewayState } from '../gateway/state.js'

export const requestJournal: Module = (app, runtime) => {
  const { journal } = gatewayState(runtime)
  app.use(recordRequests(runtime))

  app.get('/_mock/requests', (c) => {
    const query = c.req.query()
    const problems: string[] = []
    const filter: JournalFilter = {}
    for (const key of ['operationId', 'locationId', 'method', 'clientId', 'tokenId'] as const) {
      if (query[key] !== undefined) filter[key] = query[key]
    }
    if (query.status !== undefined) {
      if (/^([1-5]\d\d|[1-5]xx)$/i.test(query.status)) filter.status = query.status.toLowerCase()
      else problems.push('status must be a status code (404) or a class (4xx)')
    }
    if (query.limit !== undefined) {
      const limit = Number(query.limit)
      if (Number.isInteger(limit) && limit >= 1 && limit <= journal.capacity) filter.limit = limit
      else problems.push(`limit must be a whole number from 1 to ${journal.capacity}`)
    }
    assertValid(problems)
    const requests = journal.list(filter)
    return c.json({ requests, count: requests.length })
  })
}
