import { describe, expect, it } from 'vitest'
import { expectConformsToSpec } from './spec-conformance.js'

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

describe('expectConformsToSpec', () => {
  it('accepts a body shaped like the spec', async () => {
    await expectConformsToSpec('get-contact', json({ contact: { id: 'abc', firstName: 'Ann', tags: ['vip'] } }))
  })

  it('fails on a wrongly typed field, a wrong status, and honours ignored paths', async () => {
    await expect(expectConformsToSpec('get-contact', json({ contact: { id: 'abc', tags: 'vip' } }))).rejects.toThrow(/does not match/)
    await expect(expectConformsToSpec('get-contact', json({ contact: { id: 'abc' } }, 201))).rejects.toThrow(/status/)
    await expectConformsToSpec('get-contact', json({ contact: { id: 'abc', tags: 'vip' } }), { ignore: ['/contact/tags'] })
  })
})
