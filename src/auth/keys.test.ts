import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPublicKey, createVerify, sign, verify } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createServer } from '../server.js'
import { loadOrCreateKeys } from './keys.js'

describe('key material', () => {
  it('generates standard PEM files once, private keys mode 600, and reuses them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ghl-mock-keys-'))
    const first = loadOrCreateKeys(dir)
    for (const name of ['webhook-rsa', 'token-rsa', 'webhook-ed25519']) {
      expect(statSync(join(dir, `${name}-private.pem`)).mode & 0o777).toBe(0o600)
      expect(readFileSync(join(dir, `${name}-public.pem`), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/)
    }
    expect(readFileSync(join(dir, 'webhook-rsa-private.pem'), 'utf8')).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/)
    expect(readFileSync(join(dir, 'webhook-ed25519-private.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/)
    const second = loadOrCreateKeys(dir)
    expect(second.webhookRsa.publicPem).toBe(first.webhookRsa.publicPem)
    expect(second.webhookEd25519.publicPem).toBe(first.webhookEd25519.publicPem)
    expect(second.tokenRsa.publicPem).toBe(first.tokenRsa.publicPem)
    expect(first.webhookRsa.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048)
  })

  it('signs with keys whose public halves GET /_mock/keys serves', async () => {
    const mock = await createServer({ world: 'small', listen: false })
    try {
      const keys = await (await mock.app.request('/_mock/keys')).json()
      const body = Buffer.from(JSON.stringify({ type: 'ContactCreate', id: 'abc' }))
      const rsaSig = sign('sha256', body, mock.keys.webhookRsa.privateKey).toString('base64')
      expect(createVerify('SHA256').update(body).verify(keys.webhookRsa, rsaSig, 'base64')).toBe(true)
      const edSig = sign(null, body, mock.keys.webhookEd25519.privateKey)
      expect(verify(null, body, createPublicKey(keys.webhookEd25519), edSig)).toBe(true)
      expect(createPublicKey(keys.webhookEd25519).asymmetricKeyType).toBe('ed25519')
    } finally {
      await mock.close()
    }
  })
})
