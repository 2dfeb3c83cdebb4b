// `ghl-mock start`: runs the emulator until SIGINT/SIGTERM and prints the start banner.
import { openControlPlaneWarning } from '../control/exposure.js'
import { createServer, type GhlMock } from '../server.js'
import type { ServerOptions } from '../options.js'

/** Scopes the banner's install URL asks for: the ones most apps start with. */
const bannerScopes = ['contacts.readonly', 'contacts.write', 'opportunities.readonly', 'locations.readonly', 'users.readonly']

export function banner(mock: GhlMock): string {
  const app = mock.world().apps[0]
  const lines = [`ghl-mock listening on ${mock.url}`]
  if (app) {
    const install = new URL('/oauth/chooselocation', mock.url)
    install.searchParams.set('response_type', 'code')
    install.searchParams.set('client_id', app.clientId)
    install.searchParams.set('redirect_uri', app.redirectUris[0] ?? '')
    install.searchParams.set('scope', bannerScopes.filter((s) => app.scopes.includes(s)).join(' '))
    lines.push(`  demo app client id: ${app.clientId}`)
    lines.push(`  demo app secret:    ${app.clientSecret}`)
    lines.push(`  install URL:        ${install.toString()}`)
  }
  lines.push(`  public keys:        ${mock.keys.dir ?? '(in memory)'} and ${mock.url}/_mock/keys`)
  lines.push(`  world:              ${mock.url}/_mock/world`)
  const exposed = openControlPlaneWarning(mock.options)
  if (exposed) lines.push(`  ${exposed}`)
  return lines.join('\n')
}

export async function start(options: ServerOptions): Promise<void> {
  const mock = await createServer(options)
  process.stdout.write(`${banner(mock)}\n`)
  const stop = (signal: NodeJS.Signals) => {
    mock.runtime.log.info(`${signal}: shutting down`)
    void mock.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
