// Cross-cutting: the clock rule, made mechanical. Only src/clock.ts reads the machine's time or sets
// timers; everything else asks the injected Clock, so `clock: 'manual'` governs all of ghl-mock.
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { findClockUses, type ClockUse } from './support/clock-scan.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * The exceptions, each with why the emulated clock must not govern it. A new entry needs a reason a
 * reviewer accepts; an entry that no longer matches anything fails the last test below.
 */
const ALLOWED: readonly { file: string; use: ClockUse; reason: string }[] = [
  {
    file: 'src/webhooks/delivery.ts',
    use: 'AbortSignal.timeout()',
    reason: 'a delivery attempt times out on real time: the receiver is a real server and never sees the emulated clock',
  },
  {
    file: 'src/webhooks/delivery.ts',
    use: 'performance.now()',
    reason: "an attempt's durationMs is the elapsed time of a real network exchange; the manual clock would say 0",
  },
  {
    file: 'src/webhooks/capture.ts',
    use: 'AbortSignal.timeout()',
    reason: "the test receiver's waitFor gives up on real time: arrivals are real HTTP requests, and a manual clock nobody advances must not hang a test",
  },
  {
    file: 'src/testing/webhook-inbox.ts',
    use: 'performance.now()',
    reason: "waitFor's deadline is how long a test waits (wall time), not the instance's clock, which a test may never advance",
  },
  {
    file: 'src/webhooks/scheduler.ts',
    use: 'setImmediate',
    reason: 'yields to pending I/O between dispatch slices; it waits for no time, so no emulated time is skipped',
  },
]

/** Source files the rule covers: src/**\/*.ts apart from tests, generated code and the clock itself. */
function coveredFiles(): string[] {
  const out: string[] = []
  const walk = (rel: string): void => {
    for (const entry of readdirSync(path.join(repoRoot, rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`
      if (entry.isDirectory()) {
        if (child !== 'src/generated') walk(child)
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && child !== 'src/clock.ts') {
        out.push(child)
      }
    }
  }
  walk('src')
  return out.sort()
}

function isAllowed(file: string, use: ClockUse): boolean {
  return ALLOWED.some((entry) => entry.file === file && entry.use === use)
}

describe('the clock rule', () => {
  const files = coveredFiles()
  const findings = files.flatMap((file) =>
    findClockUses(readFileSync(path.join(repoRoot, file), 'utf8'), file).map((finding) => ({ file, ...finding })),
  )

  it('covers the source tree', () => {
    expect(files.length).toBeGreaterThan(50)
    expect(files).toContain('src/webhooks/scheduler.ts')
    expect(files).not.toContain('src/clock.ts')
    expect(files.some((file) => file.startsWith('src/generated/') || file.endsWith('.test.ts'))).toBe(false)
  })

  it('holds: nothing outside src/clock.ts reads the time or sets timers, apart from the listed exceptions', () => {
    const violations = findings
      .filter((finding) => !isAllowed(finding.file, finding.use))
      .map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.text} — use runtime.clock (now/setTimeout)`)
    expect(violations).toEqual([])
  })

  it('lists no exception that no longer matches anything', () => {
    const unused = ALLOWED.filter((entry) => !findings.some((finding) => finding.file === entry.file && finding.use === entry.use))
    expect(unused.map((entry) => `${entry.file} ${entry.use}`)).toEqual([])
  })
})

describe('the clock scanner', () => {
  const uses = (source: string) => findClockUses(source).map((finding) => finding.use)

  it('finds every way of reading the time or setting a timer', () => {
    const sample = [
      'const a = Date.now()',
      'const b = new Date()',
      'const c = new Date',
      'const d = Date()',
      'setTimeout(run, 10)',
      'const e = setInterval(run, 10)',
      'setImmediate(run)',
      'globalThis.setTimeout(run, 1)',
      'const f = performance.now()',
      'const g = process.hrtime.bigint()',
      'const h = AbortSignal.timeout(5)',
      'const i = globalThis.Date.now()',
      "import { setTimeout as later } from 'node:timers/promises'",
    ].join('\n')
    expect(uses(sample)).toEqual([
      'Date.now()',
      'new Date()',
      'new Date()',
      'Date()',
      'setTimeout',
      'setInterval',
      'setImmediate',
      'setTimeout',
      'performance.now()',
      'process.hrtime()',
      'AbortSignal.timeout()',
      'Date.now()',
      'setTimeout',
    ])
  })

  it('says where a violation is', () => {
    expect(findClockUses('const x = 1\n  const at = Date.now() + 5')).toEqual([{ use: 'Date.now()', line: 2, column: 14, text: 'Date.now()' }])
  })

  it('ignores the injected clock, dates from a value, comments and strings', () => {
    const sample = [
      'const a = runtime.clock.now()',
      'const h = clock.setTimeout(run, 5)',
      'clock.clearTimeout(h)',
      'const iso = new Date(ms).toISOString()',
      'const parsed = Date.parse(text) + Date.UTC(2024, 0, 1)',
      '// never call Date.now() or setTimeout(fn, 1) here',
      '/* new Date() */',
      "const message = 'setTimeout(run) and Date.now()'",
      'const t = `at ${iso} not new Date()`',
      'interface Timers { setTimeout(task: () => void, ms: number): void }',
      "import { setTimeout as wait } from './my-clock.js'",
    ].join('\n')
    expect(findClockUses(sample)).toEqual([])
  })

  it('still sees code inside a template literal', () => {
    expect(uses('const t = `now: ${Date.now()}`')).toEqual(['Date.now()'])
  })
})
