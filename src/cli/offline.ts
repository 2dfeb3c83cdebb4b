// Commands that work on the files without a running instance: `keys` and `reset`.
import { loadOrCreateKeys, publicKeys } from '../auth/keys.js'
import { createServer } from '../server.js'
import type { ServerOptions } from '../options.js'
import { CliError } from './args.js'

export function printKeys(options: ServerOptions): void {
  const keys = publicKeys(loadOrCreateKeys(options.keys ?? 'keys'))
  process.stdout.write(
    [
      `# keys folder: ${keys.dir}`,
      '# x-ghl-signature (Ed25519) public key:',
      keys.webhookEd25519.trim(),
      '# x-wh-signature (RSA-SHA256) public key:',
      keys.webhookRsa.trim(),
      '# access token (RS256) public key:',
      keys.tokenRsa.trim(),
      '',
    ].join('\n'),
  )
}

export async function resetDatabase(options: ServerOptions): Promise<void> {
  if (options.db === ':memory:') throw new CliError('reset needs a database file; :memory: is always fresh')
  const mock = await createServer({ ...options, reset: true, listen: false, logLevel: 'silent' })
  const world = mock.world()
  await mock.close()
  process.stdout.write(`reset ${options.db}: ${world.apps.length} apps, ${world.locations.length} locations, ${world.users.length} users\n`)
}
