import { describe, expect, it } from 'vitest'
import { openDatabase } from './db.js'
import { createRepos } from './repos.js'

describe('conversation totals', () => {
  it('the trigger-kept totals always equal a count of the matching rows', () => {
    const repos = createRepos(openDatabase(':memory:'))
    repos.companies.insert({ id: 'co', name: 'Co' } as never)
    repos.locations.insert({ id: 'loc', companyId: 'co', name: 'Loc' } as never, 0)
    const types = ['TYPE_SMS', 'TYPE_EMAIL', undefined]
    const users = ['u1', 'u2', undefined]
    let seed = 7
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n
    const shape = () => ({ lastMessageType: types[next(3)], assignedTo: users[next(3)], unreadCount: next(3), starred: next(2) === 1 })
    for (let i = 0; i < 60; i++) repos.conversations.insert({ id: `c${i}`, locationId: 'loc', data: { id: `c${i}`, ...shape(), lastMessageDate: i }, createdAt: i, updatedAt: i })
    for (let i = 0; i < 80; i++) {
      const id = `c${next(60)}`
      const row = repos.conversations.get(id)
      if (!row) continue
      if (i % 9 === 0) repos.conversations.remove(id)
      else repos.conversations.update(id, { ...row.data, ...shape() }, i)
    }
    const filters = [
      {}, { unread: true }, { unread: false }, { starred: true }, { lastMessageType: 'TYPE_SMS' }, { assignedTo: ['u1'] },
      { assignedTo: [null] }, { assignedTo: ['u2', null], unread: true, starred: false }, { lastMessageType: 'TYPE_EMAIL', starred: true },
    ]
    for (const extra of filters) {
      const filter = { locationId: 'loc', ...extra }
      const counted = repos.conversations.search(filter, { order: 'desc', limit: 1000 }).length
      expect(repos.conversations.count(filter), JSON.stringify(extra)).toBe(counted)
    }
  })
})
