// Conversation figures at scale: one location with 100,000 conversations (one per contact) and
// one of them with 100,000 messages, seeded through the repositories in one transaction, then
// message pages, inbox search (each filter), get, send and inbound over HTTP, p50/p95 per case.
// Run with `npx tsx bench/conversations.ts` (CONVERSATIONS=… MESSAGES=… to change the counts).
import { createServer } from '../src/server.js'
import { apiRequest, mintToken } from '../src/testing.js'

const CONVERSATIONS = Number(process.env.CONVERSATIONS ?? 100_000)
const MESSAGES = Number(process.env.MESSAGES ?? 100_000)
const TYPES = ['TYPE_SMS', 'TYPE_SMS', 'TYPE_EMAIL', 'TYPE_WHATSAPP', 'TYPE_FACEBOOK']

// Rate limits off: this measures the gateway's checks and the handlers, not 429s.
const mock = await createServer({ world: 'small', clock: 'manual', listen: false, rateLimitBurst: 1e12, rateLimitDaily: 1e12 })
const { repos } = mock.runtime
const loc = repos.locations.list()[0]!.id
const users = repos.users.listByLocation(loc).map((u) => u.id)

// --- seed ---------------------------------------------------------------------------------
const seedStarted = performance.now()
const now = mock.clock.now()
const contactIds: string[] = []
const conversationIds: string[] = []
repos.transaction(() => {
  for (let i = 0; i < CONVERSATIONS; i++) {
    const contactId = `BenchContact${String(i).padStart(8, '0')}`
    const id = `BenchConv${String(i).padStart(11, '0')}`
    contactIds.push(contactId)
    conversationIds.push(id)
    const contact = { id: contactId, locationId: loc, firstName: `First${i}`, lastName: `Last${i}`, email: `person${i}@bench.test`, phone: `+1555${String(i).padStart(7, '0')}` }
    repos.contacts.insert({ id: contactId, locationId: loc, data: contact, createdAt: now - 1e9, updatedAt: now - 1e9 })
    const at = now - (CONVERSATIONS - i) * 60_000
    const data: Record<string, unknown> = {
      id, contactId, locationId: loc, lastMessageBody: `Message ${i}`, lastMessageType: TYPES[i % TYPES.length], lastMessageDirection: 'inbound',
      type: 'TYPE_PHONE', unreadCount: i % 3, fullName: `First${i} Last${i}`, contactName: `First${i} Last${i}`, email: contact.email, phone: contact.phone,
      inbox: true, starred: i % 50 === 0, deleted: false, dateAdded: at, dateUpdated: at, lastMessageDate: at,
    }
    if (i % 4 !== 0) data.assignedTo = users[i % users.length]
    repos.conversations.insert({ id, locationId: loc, data, createdAt: at, updatedAt: at })
  }
  const big = conversationIds.at(-1)!
  for (let m = 0; m < MESSAGES; m++) {
    const at = now - (MESSAGES - m) * 1000
    const id = `BenchMsg${String(m).padStart(12, '0')}`
    const data = {
      id, type: 2, messageType: m % 10 === 0 ? 'TYPE_EMAIL' : 'TYPE_SMS', locationId: loc, contactId: contactIds.at(-1), conversationId: big,
      dateAdded: new Date(at).toISOString(), body: `Body ${m}`, direction: m % 2 ? 'outbound' : 'inbound', status: 'delivered', contentType: 'text/plain', attachments: [],
    }
    repos.messages.insert({ id, locationId: loc, data, createdAt: at, updatedAt: at })
  }
})
const seedMs = performance.now() - seedStarted

// --- calls, through the gateway as a location token -----------------------------------------
const token = await mintToken(mock, { locationId: loc })
const call = (method: string, path: string, body?: unknown) => apiRequest(mock, method, path, { token, body })
const pick = (i: number, n: number) => (i * 7919) % n
const big = conversationIds.at(-1)!
const messageId = (i: number) => `BenchMsg${String(pick(i, MESSAGES)).padStart(12, '0')}`
const search = (query: string) => call('GET', `/conversations/search?locationId=${loc}&${query}`)

const cases: { name: string; run: (i: number) => Promise<Response> }[] = [
  { name: 'messages: newest page (20)', run: () => call('GET', `/conversations/${big}/messages`) },
  { name: 'messages: page after lastMessageId', run: (i) => call('GET', `/conversations/${big}/messages?lastMessageId=${messageId(i)}&limit=50`) },
  { name: 'messages: type=TYPE_EMAIL', run: (i) => call('GET', `/conversations/${big}/messages?type=TYPE_EMAIL&lastMessageId=${messageId(i)}`) },
  { name: 'message by id', run: (i) => call('GET', `/conversations/messages/${messageId(i)}`) },
  { name: 'search: location, newest 20', run: () => search('') },
  { name: 'search: startAfterDate', run: (i) => search(`startAfterDate=${now - pick(i, CONVERSATIONS) * 60_000}`) },
  { name: 'search: sort=asc', run: () => search('sort=asc') },
  { name: 'search: assignedTo', run: (i) => search(`assignedTo=${users[i % users.length]}`) },
  { name: 'search: status=unread', run: () => search('status=unread') },
  { name: 'search: status=starred', run: () => search('status=starred') },
  { name: 'search: lastMessageType', run: () => search('lastMessageType=TYPE_WHATSAPP') },
  { name: 'search: contactId', run: (i) => search(`contactId=${contactIds[pick(i, CONVERSATIONS)]}`) },
  { name: 'search: query (name)', run: (i) => search(`query=first${pick(i, CONVERSATIONS)}%20`) },
  { name: 'get conversation', run: (i) => call('GET', `/conversations/${conversationIds[pick(i, CONVERSATIONS)]}`) },
  { name: 'send SMS', run: (i) => call('POST', '/conversations/messages', { type: 'SMS', contactId: contactIds[pick(i, CONVERSATIONS)], message: 'bench' }) },
  {
    name: 'inbound SMS',
    run: (i) => {
      const n = pick(i, CONVERSATIONS)
      return call('POST', '/conversations/messages/inbound', { type: 'SMS', contactId: contactIds[n], conversationId: conversationIds[n], conversationProviderId: 'bench', message: 'hi' })
    },
  },
]

const ITERATIONS = 200
const results: Record<string, { p50Ms: number; p95Ms: number }> = {}
for (const c of cases) {
  for (let i = 0; i < 20; i++) {
    const res = await c.run(i) // warm the statement cache
    if (!res.ok) throw new Error(`${c.name}: ${res.status} ${await res.text()}`)
  }
  const times: number[] = []
  for (let i = 0; i < ITERATIONS; i++) {
    const started = performance.now()
    const res = await c.run(i + 1000)
    const body = await res.text()
    times.push(performance.now() - started)
    if (!res.ok) throw new Error(`${c.name}: ${res.status} ${body}`)
  }
  times.sort((a, b) => a - b)
  results[c.name] = { p50Ms: +times[Math.floor(ITERATIONS / 2)]!.toFixed(2), p95Ms: +times[Math.floor(ITERATIONS * 0.95)]!.toFixed(2) }
}

console.log(`${CONVERSATIONS.toLocaleString('en')} conversations and ${MESSAGES.toLocaleString('en')} messages in one of them; seeded in ${Math.round(seedMs)} ms; ${ITERATIONS} calls per case`)
console.table(results)
await mock.close()
