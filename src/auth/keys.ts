// The key material ghl-mock signs with: an RSA pair for `x-wh-signature`, an RSA pair for RS256
// access tokens and an Ed25519 pair for `x-ghl-signature`. Generated once into `keys/` as
// standard PEM files (private keys mode 600) and reused on later starts.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

export interface KeyPair {
  privateKey: KeyObject
  publicKey: KeyObject
  publicPem: string
  /** Where the pair lives on disk; null for keys kept in memory. */
  files: { privateKey: string; publicKey: string } | null
}

export interface KeyMaterial {
  webhookRsa: KeyPair
  tokenRsa: KeyPair
  webhookEd25519: KeyPair
  /** Absolute folder of the PEM files, or null when the keys live in memory only. */
  dir: string | null
}

type PemPair = { privatePem: string; publicPem: string }

const names = {
  webhookRsa: 'webhook-rsa',
  tokenRsa: 'token-rsa',
  webhookEd25519: 'webhook-ed25519',
} as const

/**
 * RSA via node:crypto, in the PEM shapes node-forge wrote before (PKCS#1 private, SPKI public), so
 * existing keys/ folders and tools reading them are unaffected. node-forge alone held ~12 MB of RSS.
 */
function generateRsaPem(): PemPair {
  const pair = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicExponent: 0x10001,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  })
  return { privatePem: pair.privateKey, publicPem: pair.publicKey }
}

/** Ed25519 via node:crypto, which exports PKCS#8 / SPKI PEM (node-forge has no PEM export for it). */
function generateEd25519Pem(): PemPair {
  const pair = generateKeyPairSync('ed25519')
  return {
    privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  }
}

function toKeyPair(pem: PemPair, files: KeyPair['files']): KeyPair {
  const privateKey = createPrivateKey(pem.privatePem)
  const publicKey = createPublicKey(pem.publicPem)
  return { privateKey, publicKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), files }
}

function loadOrCreatePair(dir: string, name: string, generate: () => PemPair): KeyPair {
  const files = { privateKey: join(dir, `${name}-private.pem`), publicKey: join(dir, `${name}-public.pem`) }
  if (existsSync(files.privateKey) && existsSync(files.publicKey)) {
    return toKeyPair({ privatePem: readFileSync(files.privateKey, 'utf8'), publicPem: readFileSync(files.publicKey, 'utf8') }, files)
  }
  const pem = generate()
  writeFileSync(files.privateKey, pem.privatePem, { mode: 0o600 })
  chmodSync(files.privateKey, 0o600) // the file may have existed alone with laxer bits
  writeFileSync(files.publicKey, pem.publicPem, { mode: 0o644 })
  return toKeyPair(pem, files)
}

let inMemoryKeys: KeyMaterial | undefined

/**
 * Loads the keys from `dir`, generating whichever are missing. With `dir` null the keys are
 * generated once per process and shared by its in-memory instances: keys are not tenant state,
 * and generating RSA pairs for every test instance would cost more than the rest of a start.
 */
export function loadOrCreateKeys(dir: string | null): KeyMaterial {
  if (dir === null) {
    inMemoryKeys ??= {
      webhookRsa: toKeyPair(generateRsaPem(), null),
      tokenRsa: toKeyPair(generateRsaPem(), null),
      webhookEd25519: toKeyPair(generateEd25519Pem(), null),
      dir: null,
    }
    return inMemoryKeys
  }
  const absolute = resolve(dir)
  mkdirSync(absolute, { recursive: true })
  return {
    webhookRsa: loadOrCreatePair(absolute, names.webhookRsa, generateRsaPem),
    tokenRsa: loadOrCreatePair(absolute, names.tokenRsa, generateRsaPem),
    webhookEd25519: loadOrCreatePair(absolute, names.webhookEd25519, generateEd25519Pem),
    dir: absolute,
  }
}

/** The public keys as served by `GET /_mock/keys` and printed by `ghl-mock keys`. */
export function publicKeys(keys: KeyMaterial) {
  return {
    webhookRsa: keys.webhookRsa.publicPem,
    webhookEd25519: keys.webhookEd25519.publicPem,
    tokenRsa: keys.tokenRsa.publicPem,
    dir: keys.dir,
  }
}
