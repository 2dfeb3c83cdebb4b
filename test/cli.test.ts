// The CLI on a real port: banner, health, SIGTERM, restart on the same database file.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'

const root = new URL('..', import.meta.url).pathname
const cli = (args: string[]) =>
  spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: root, env: { ...process.env, GHL_MOCK_LOG_LEVEL: 'warn' } })

/** Resolves with the banner's first line once the CLI prints it. */
function bannerOf(child: ChildProcess): Promise<{ url: string; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const lines: string[] = []
    const reader = createInterface({ input: child.stdout! })
    reader.on('line', (line) => {
      lines.push(line)
      if (lines.length === 6) resolve({ url: /http:\/\/[\d.]+:\d+/.exec(lines[0]!)![0], lines })
    })
    child.once('exit', (code) => reject(new Error(`exited with ${code} before the banner`)))
  })
}

const exitOf = (child: ChildProcess) => new Promise<{ code: number | null; stderr: string }>((resolve) => {
  let stderr = ''
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  child.once('exit', (code) => resolve({ code, stderr }))
})

describe('ghl-mock CLI', () => {
  it('starts on a free port, serves, stops on SIGTERM and keeps its data across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ghl-mock-cli-'))
    const args = ['--port', '0', '--db', join(dir, 'db', 'ghl.db'), '--keys', join(dir, 'keys')]

    const first = cli([...args, '--seed', '3'])
    const firstExit = exitOf(first)
    const banner = await bannerOf(first)
    expect(banner.lines[0]).toMatch(/^ghl-mock listening on http:\/\/127\.0\.0\.1:\d+$/)
    expect(banner.lines.join('\n')).toMatch(/client id: [0-9a-f]{24}-[0-9a-z]{8}/)
    expect(banner.lines.join('\n')).toContain(`install URL:        ${banner.url}/oauth/chooselocation?response_type=code&client_id=`)
    expect(banner.lines.join('\n')).toContain(join(dir, 'keys'))
    expect(await (await fetch(`${banner.url}/_mock/health`)).json()).toMatchObject({ status: 'ok' })
    const world = await (await fetch(`${banner.url}/_mock/world`)).text()
    first.kill('SIGTERM')
    expect((await firstExit).code).toBe(0)
    expect(existsSync(join(dir, 'keys', 'webhook-ed25519-public.pem'))).toBe(true)

    // Another seed on the same file: the stored world wins, because the file is not empty.
    const second = cli([...args, '--seed', '4'])
    const secondExit = exitOf(second)
    const again = await bannerOf(second)
    expect(await (await fetch(`${again.url}/_mock/world`)).text()).toBe(world)
    second.kill('SIGINT')
    expect((await secondExit).code).toBe(0)
  })

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--port', '99999', '--db', ':memory:'], /port must be a whole number from 0 to 65535/],
    [['--log-level', 'loud'], /--log-level must be one of/],
  ])('exits 2 with a one-line error for %j', async (args, message) => {
    const { code, stderr } = await exitOf(cli(args))
    expect(code).toBe(2)
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toMatch(message)
  })

  it('exits 2 naming the field of a bad fixtures file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ghl-mock-cli-')), 'bad.json')
    writeFileSync(path, JSON.stringify({ apps: [{ name: 'x', businessModel: 'freemium' }] }))
    const { code, stderr } = await exitOf(cli(['--port', '0', '--db', ':memory:', '--fixtures', path]))
    expect(code).toBe(2)
    expect(stderr).toContain('/apps/0/businessModel must be one of free, paid')
  })

  it('prints help and version', async () => {
    const help = cli(['--help'])
    let out = ''
    help.stdout!.on('data', (chunk) => (out += chunk))
    expect((await exitOf(help)).code).toBe(0)
    expect(out).toContain('Usage: ghl-mock [command] [flags]')
    const version = cli(['--version'])
    let v = ''
    version.stdout!.on('data', (chunk) => (v += chunk))
    await exitOf(version)
    expect(v.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })
})
