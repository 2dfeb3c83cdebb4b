// The baseline of `npm run bench`: bare Hono on @hono/node-server answering a fixed JSON body on
// GET /contacts/:id, started as its own node process like the CLI. Plain JS so it starts as fast
// as node can load Hono. Prints its URL on stdout once it listens.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const contact = {
  contact: {
    id: 'ocQHyuzHvysMo5N5VsXc',
    locationId: 've9EPM428h8vShlRW1KT',
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@example.com',
    phone: '+15555550100',
    tags: ['vip'],
    dateAdded: '2026-01-01T00:00:00.000Z',
  },
}

const app = new Hono()
app.get('/contacts/:id', (c) => c.json(contact))
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`bare hono listening on http://127.0.0.1:${info.port}\n`)
})
const stop = () => server.close(() => process.exit(0))
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
