// `ghl-mock token` as a user runs it: a spawned CLI asks a running instance (started here on a
// free port) for a token and prints a header value that authenticates.
import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authenticate } from '../auth/access-tokens.js'
import { createServer, type GhlMock } from '../server.js'

const root = new URL('../..', import.meta.url).pathname

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'token', ...args], { cwd: root, env: { ...process.env, GHL_MOCK_LOG_LEVEL: 'warn' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.once('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

let mock: GhlMock
let guarded: GhlMock
beforeAll(async () => {
  mock = await createServer({ world: 'small', logLevel: 'silent' })
  guarded = await createServer({ world: 'small', logLevel: 'silent', adminToken: 'let-me-in' })
})
afterAll(async () => {
  await mock.close()
  await guarded.close()
})

const bearerOf = (stdout: string) => {
  expect(stdout).toMatch(/^Bearer \S+\n$/)
  return stdout.trim().slice('Bearer '.length)
}

describe('ghl-mock token', () => {
  it('prints a location OAuth token with the given scopes', async () => {
    const locationId = mock.world().locations[0]!.id
    const { code, stdout } = await run(['--port', String(mock.port), '--location', locationId, '--scopes', 'contacts.readonly contacts.write'])
    expect(code).toBe(0)
    expect(authenticate(mock.runtime, bearerOf(stdout))).toMatchObject({ kind: 'oauth', authClass: 'Location', locationId, scopes: ['contacts.readonly', 'contacts.write'] })
  })

  it('prints an agency token for --company, and a private integration token for --type pit', async () => {
    const companyId = mock.world().companies[0]!.id
    const [agency, pit] = await Promise.all([
      run(['--port', String(mock.port), '--company', companyId, '--scopes', 'locations.readonly']),
      run(['--port', String(mock.port), '--location', mock.world().locations[1]!.id, '--scopes', 'contacts.readonly', '--type', 'pit']),
    ])
    expect(authenticate(mock.runtime, bearerOf(agency.stdout))).toMatchObject({ authClass: 'Company', companyId })
    const token = bearerOf(pit.stdout)
    expect(token).toMatch(/^pit-/)
    expect(authenticate(mock.runtime, token)).toMatchObject({ kind: 'pit' })
  })

  it('sends --admin-token to a guarded instance', async () => {
    const args = ['--port', String(guarded.port), '--location', guarded.world().locations[0]!.id]
    const [refused, ok] = await Promise.all([run(args), run([...args, '--admin-token', 'let-me-in'])])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('refused: 401')
    expect(ok.code).toBe(0)
    expect(authenticate(guarded.runtime, bearerOf(ok.stdout))).toBeDefined()
  })

  it('explains what is missing: no id (usage, exit 2), a bad id, no instance (exit 1)', async () => {
    const [usage, unknown, nobody] = await Promise.all([
      run(['--port', String(mock.port)]),
      run(['--port', String(mock.port), '--location', 'nope']),
      run(['--port', '1', '--location', 'x']),
    ])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('--location <id>')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('404')
    expect(nobody.code).toBe(1)
    expect(nobody.stderr).toContain('no ghl-mock instance answers at http://127.0.0.1:1')
  })
})
