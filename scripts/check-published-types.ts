// Packs ghl-mock as npm would publish it and compiles a fresh consumer project against the tarball
// under strict tsc *without* skipLibCheck, with only what `npm install ghl-mock` would bring (the
// package's dependencies, no devDependencies such as @types/better-sqlite3). Exit 1 on any error.
// Offline by design: the dependencies are linked from this checkout's node_modules.
// Usage: tsx scripts/check-published-types.ts [--keep]
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }

/** What a consumer writes: both entry points, the types they name, the harness and its helpers. */
const consumerSource = `
import { createServer, type GhlMock, type ServerOptions, type Location } from 'ghl-mock'
import { createTestMock, captureWebhooks, mintToken, authHeaders, webhooksSettled, type TestMock, type ReceivedWebhook } from 'ghl-mock/testing'

const options: ServerOptions = { port: 0, clock: 'manual', world: 'small' }
export async function demo(): Promise<string> {
  const mock: GhlMock = await createServer(options)
  const location: Location | undefined = mock.world().locations[0]
  const token = await mintToken(mock, { locationId: location!.id, scopes: ['contacts.readonly'] })
  await webhooksSettled(mock)
  const harness: TestMock = await createTestMock({ listen: false })
  const { access_token } = await harness.installApp({ locationId: location!.id })
  const event: ReceivedWebhook = await harness.webhooks.waitFor('INSTALL')
  const capture = await captureWebhooks()
  await Promise.all([mock.close(), harness.close(), capture.close()])
  return JSON.stringify([authHeaders(token), access_token, event.verified])
}
`

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

export function checkPublishedTypes({ keep = false } = {}): { ok: boolean; output: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ghl-mock-types-'))
  try {
    run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], root)
    const [packed] = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], root)) as Array<{ filename: string }>
    const consumer = join(dir, 'consumer')
    const modules = join(consumer, 'node_modules')
    mkdirSync(modules, { recursive: true })
    run('tar', ['-xzf', join(dir, packed!.filename), '-C', modules], root)
    renameSync(join(modules, 'package'), join(modules, 'ghl-mock'))
    // What `npm install ghl-mock` brings: its dependencies. Plus @types/node, which any Node project has.
    for (const name of [...Object.keys(pkg.dependencies), '@types/node']) {
      mkdirSync(dirname(join(modules, name)), { recursive: true })
      symlinkSync(join(root, 'node_modules', name), join(modules, name))
    }
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] },
        files: ['index.ts'],
      }),
    )
    writeFileSync(join(consumer, 'index.ts'), consumerSource)
    try {
      return { ok: true, output: run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'], consumer), dir }
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string }
      return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}`, dir }
    }
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = checkPublishedTypes({ keep: process.argv.includes('--keep') })
  process.stdout.write(result.ok ? 'published types compile under strict tsc without skipLibCheck\n' : result.output)
  if (process.argv.includes('--keep')) process.stdout.write(`consumer project kept in ${result.dir}/consumer\n`)
  process.exit(result.ok ? 0 : 1)
}
