// `ghl-mock token`: asks a running instance (POST /_mock/tokens at --host/--port) for an access
// token or a private integration token and prints `Bearer <token>`, ready for an Authorization
// header. Talks HTTP only; minting is the instance's job.
import { CliError, type ParsedArgs } from './args.js'

/** Where a running instance answers, from --host/--port (a wildcard bind is reached on loopback). */
function baseUrl(args: ParsedArgs): string {
  const host = args.options.host ?? '127.0.0.1'
  const port = args.options.port ?? 4010
  if (port === 0) throw new CliError('token needs the port of a running instance (--port)')
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`
}

/** The request body of POST /_mock/tokens built from the flags. */
export function tokenRequestBody(args: ParsedArgs): Record<string, string> {
  const { location, company, scopes, type } = args.flags
  if (typeof location !== 'string' && typeof company !== 'string') {
    throw new CliError('token needs --location <id> (a sub-account token) or --company <id> (an agency token)')
  }
  const body: Record<string, string> = {}
  if (typeof location === 'string') body.locationId = location
  if (typeof company === 'string') body.companyId = company
  if (typeof scopes === 'string') body.scopes = scopes
  if (typeof type === 'string') body.type = type
  return body
}

export async function printToken(args: ParsedArgs, write: (text: string) => void = (text) => void process.stdout.write(text)): Promise<void> {
  const body = tokenRequestBody(args)
  const url = `${baseUrl(args)}/_mock/tokens`
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (args.options.adminToken) headers.authorization = `Bearer ${args.options.adminToken}`
  let res: Response
  try {
    res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) })
  } catch {
    throw new Error(`no ghl-mock instance answers at ${baseUrl(args)}: start one with \`ghl-mock start\`, or pass --host/--port`)
  }
  const answer = (await res.json().catch(() => ({}))) as { access_token?: string; message?: string | string[] }
  if (!res.ok || typeof answer.access_token !== 'string') {
    const message = Array.isArray(answer.message) ? answer.message.join('; ') : answer.message ?? res.statusText
    throw new Error(`the instance at ${baseUrl(args)} refused: ${res.status} ${message}`)
  }
  write(`Bearer ${answer.access_token}\n`)
}
