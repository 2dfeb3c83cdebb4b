// /_mock/faults: arm, list and disarm injected failures and delays (see gateway/faults.ts).
import type { Module } from '../app-env.js'
import { assertValid, notFound } from '../errors.js'
import type { FaultInput } from '../gateway/faults.js'
import { gatewayState } from '../gateway/state.js'
import { readJsonBody, type JsonObject } from '../http/json-body.js'

const MAX_DELAY_MS = 10 * 60_000

export const faultControl: Module = (app, runtime) => {
  const { faults } = gatewayState(runtime)

  app.post('/_mock/faults', async (c) => {
    const input = parseFault(await readJsonBody(c))
    return c.json(faults.add(input), 201)
  })

  app.get('/_mock/faults', (c) => c.json({ faults: faults.list() }))

  app.delete('/_mock/faults', (c) => {
    const removed = faults.list().length
    faults.clear()
    return c.json({ removed })
  })

  app.delete('/_mock/faults/:id', (c) => {
    if (!faults.remove(c.req.param('id'))) throw notFound(`No fault with id ${c.req.param('id')}`)
    return c.json({ removed: 1 })
  })
}

function parseFault(body: JsonObject): FaultInput {
  const { match, status, times, delayMs, message } = body
  const problems: string[] = []
  const whole = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
  if (typeof match !== 'string' || match.trim() === '') problems.push('match should not be empty')
  if (status !== undefined && !whole(status, 400, 599)) problems.push('status must be a whole number from 400 to 599')
  if (times !== undefined && !whole(times, 1, 1_000_000)) problems.push('times must be a whole number from 1 to 1000000')
  if (delayMs !== undefined && !whole(delayMs, 0, MAX_DELAY_MS)) problems.push(`delayMs must be a whole number from 0 to ${MAX_DELAY_MS}`)
  if (message !== undefined && typeof message !== 'string') problems.push('message must be a string')
  if (status === undefined && (delayMs === undefined || delayMs === 0)) problems.push('give a status, a delayMs, or both')
  assertValid(problems)
  return {
    match: (match as string).trim(),
    ...(status !== undefined && { status: status as number }),
    ...(times !== undefined && { times: times as number }),
    ...(delayMs !== undefined && { delayMs: delayMs as number }),
    ...(message !== undefined && { message: message as string }),
  }
}
