// Start-up figures: a first start (key generation + seeding a file database), a warm start on
// that database, and in-process :memory: instances. Run with `npx tsx bench/startup.ts`.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer } from '../src/server.js'

const root = new URL('..', import.meta.url).pathname
// The built binary (what `npx ghl-mock` runs) when dist/ exists; the sources through tsx otherwise.
const built = existsSync(join(root, 'dist', 'cli.js'))
const entry = built ? ['dist/cli.js'] : ['--import', 'tsx', 'src/cli.ts']

/** Milliseconds from spawning the CLI to the first 200 on /_mock/health. */
async function cliStart(args: string[]): Promise<number> {
  const started = performance.now()
  const child = spawn(process.execPath, [...entry, ...args], { cwd: root, env: { ...process.env, GHL_MOCK_LOG_LEVEL: 'silent' } })
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /http:\/\/[\d.]+:\d+/.exec(chunk.toString())
      if (match) resolve(match[0])
    })
    child.once('exit', (code) => reject(new Error(`exited ${code}`)))
  })
  for (;;) {
    const res = await fetch(`${url}/_mock/health`).catch(() => undefined)
    if (res?.status === 200) break
  }
  const elapsed = performance.now() - started
  child.kill('SIGTERM')
  await new Promise((resolve) => child.once('exit', resolve))
  return elapsed
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const first: number[] = []
const warm: number[] = []
for (let i = 0; i < 3; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'ghl-mock-startup-'))
  const args = ['--port', '0', '--db', join(dir, 'ghl.db'), '--keys', join(dir, 'keys')]
  first.push(await cliStart(args))
  warm.push(await cliStart(args))
  rmSync(dir, { recursive: true, force: true })
}

const inProcess: number[] = []
for (let i = 0; i < 21; i++) {
  const started = performance.now()
  const mock = await createServer({ db: ':memory:', world: 'small', listen: false })
  inProcess.push(performance.now() - started)
  await mock.close()
}
const inProcessDemo: number[] = []
for (let i = 0; i < 5; i++) {
  const started = performance.now()
  const mock = await createServer({ db: ':memory:' })
  inProcessDemo.push(performance.now() - started)
  await mock.close()
}

console.log(`CLI: ${built ? 'dist/cli.js (npm run build)' : 'src/cli.ts through tsx'}`)
console.table({
  'CLI first start (keys + seed, file db)': { medianMs: Math.round(median(first)) },
  'CLI warm start (existing db and keys)': { medianMs: Math.round(median(warm)) },
  'in-process :memory: small world (after the first)': { medianMs: +median(inProcess.slice(1)).toFixed(2), firstMs: Math.round(inProcess[0]!) },
  'in-process :memory: demo world (after the first)': { medianMs: +median(inProcessDemo.slice(1)).toFixed(2), firstMs: Math.round(inProcessDemo[0]!) },
})
