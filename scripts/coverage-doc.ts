// Writes docs/coverage.md from the handler registry and the operation table (`--check`: exit 1
// when the committed file differs). Run after adding a stateful resource family.
import { readFileSync, writeFileSync } from 'node:fs'
import { coverageMarkdown } from '../src/control/coverage.js'

const target = new URL('../docs/coverage.md', import.meta.url)
const fresh = coverageMarkdown()
if (process.argv.includes('--check')) {
  let current = ''
  try {
    current = readFileSync(target, 'utf8')
  } catch {}
  if (current !== fresh) {
    process.stderr.write('docs/coverage.md is stale: run `npm run gen:coverage`\n')
    process.exit(1)
  }
} else {
  writeFileSync(target, fresh)
  process.stdout.write(`wrote docs/coverage.md\n`)
}
