// Part of `npm run bench`: times in-process createServer({ db: ':memory:', world: 'small' }) from
// the built package (dist/), the way a test suite makes one instance per test. Prints JSON.
import { createServer } from '../dist/index.js'

const times = []
for (let i = 0; i < 21; i++) {
  const started = performance.now()
  const mock = await createServer({ db: ':memory:', world: 'small', listen: false, logLevel: 'silent' })
  times.push(performance.now() - started)
  await mock.close()
}
const rest = times.slice(1).sort((a, b) => a - b)
process.stdout.write(JSON.stringify({ firstMs: times[0], medianMs: rest[Math.floor(rest.length / 2)] }))
