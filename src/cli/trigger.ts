// `ghl-mock trigger <EventType> --location <id> [--record <id>] [--data '{…}']`: asks a running instance (at
// --host/--port, with --admin-token) to emit a synthetic event and prints who received it.
import type { ParsedArgs } from './args.js'
import { CliError } from './args.js'

interface TriggerAnswer {
  event: { id: number; type: string; locationId: string | null }
  deliveries: Array<{
    id: number
    appId: string
    url: string
    status: string
    webhookId: string
    nextAttemptAt: string | null
    attempts: Array<{ statusCode: number | null; error: string | null; durationMs: number }>
  }>
  skipped: Array<{ appId: string; appName: string; reason: string }>
}

export async function trigger(args: ParsedArgs, write: (text: string) => void = (text) => process.stdout.write(text)): Promise<void> {
  const [type] = args.positionals
  if (!type) throw new CliError('trigger needs an event type, e.g. `ghl-mock trigger ContactCreate --location <id>`')
  const locationId = args.flags.location
  if (typeof locationId !== 'string') throw new CliError('trigger needs --location <id> (see GET /_mock/world for ids)')
  const body: Record<string, unknown> = { type, locationId }
  if (typeof args.flags.record === 'string') body.recordId = args.flags.record
  if (typeof args.flags.data === 'string') body.data = parseData(args.flags.data)

  const host = args.options.host ?? '127.0.0.1'
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${args.options.port ?? 4010}`
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (args.options.adminToken) headers.authorization = `Bearer ${args.options.adminToken}`
  let response: Response
  try {
    response = await fetch(`${base}/_mock/webhooks/trigger`, { method: 'POST', headers, body: JSON.stringify(body) })
  } catch {
    throw new Error(`no ghl-mock instance answers at ${base} (start one with \`ghl-mock start\`, or pass --host/--port)`)
  }
  const answer = (await response.json().catch(() => ({}))) as Partial<TriggerAnswer> & { message?: string | string[] }
  if (!response.ok) {
    const message = Array.isArray(answer.message) ? answer.message.join('; ') : answer.message ?? response.statusText
    throw new Error(`trigger failed (${response.status}): ${message}`)
  }
  write(`${summary(answer as TriggerAnswer)}\n`)
}

function parseData(text: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new CliError(`--data must be JSON: ${(error as Error).message}`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CliError('--data must be a JSON object')
  return value as Record<string, unknown>
}

/** One line for the event, one per delivery (with its first attempt), one per skipped app. */
export function summary(answer: TriggerAnswer): string {
  const { event, deliveries, skipped } = answer
  const count = deliveries.length === 1 ? '1 delivery' : `${deliveries.length} deliveries`
  const lines = [`${event.type} (event ${event.id}) on location ${event.locationId ?? '-'}: ${count}`]
  for (const delivery of deliveries) {
    const last = delivery.attempts.at(-1)
    const result = last ? (last.statusCode !== null ? `HTTP ${last.statusCode}` : last.error ?? 'no answer') : 'not attempted yet'
    const timing = last ? ` in ${last.durationMs} ms` : ''
    const retry = delivery.nextAttemptAt ? `, next attempt ${delivery.nextAttemptAt}` : ''
    lines.push(`  #${delivery.id} → app ${delivery.appId} ${delivery.url}: ${delivery.status} (${result}${timing}${retry})`)
    lines.push(`     webhookId ${delivery.webhookId}`)
  }
  for (const app of skipped) lines.push(`  skipped ${app.appName} (${app.appId}): ${app.reason}`)
  if (deliveries.length > 0) lines.push(`  log: GET /_mock/webhooks/deliveries?eventId=${event.id}`)
  return lines.join('\n')
}
