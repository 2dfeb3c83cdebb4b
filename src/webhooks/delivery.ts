// How one attempt goes out: sign the body bytes, POST them with a timeout, report what happened.
// No retries and no scheduling here (backoff.ts and scheduler.ts decide those).
import { sign, type KeyObject } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import type { KeyMaterial } from '../auth/keys.js'
import type { SignatureMode } from '../options.js'

/** How much of the receiver's answer the delivery log keeps. */
export const EXCERPT_BYTES = 1024

export const RSA_HEADER = 'x-wh-signature'
export const ED25519_HEADER = 'x-ghl-signature'

/**
 * The signature headers for `body`: base64 RSA-SHA256 (PKCS#1 v1.5) in `x-wh-signature`, which
 * HighLevel's documented `crypto.createVerify('SHA256')` sample checks, and base64 Ed25519 in
 * `x-ghl-signature`, which the official SDK's WebhookManager checks. Both sign the UTF-8 bytes.
 * Signing runs on libuv's thread pool (crypto.sign with a callback): an RSA signature costs
 * milliseconds, and the event loop stays free for API requests meanwhile.
 */
export async function signatureHeaders(body: string, keys: KeyMaterial, mode: SignatureMode): Promise<Record<string, string>> {
  const bytes = Buffer.from(body, 'utf8')
  const [rsa, ed25519] = await Promise.all([
    mode === 'ed25519' ? undefined : signAsync('sha256', bytes, keys.webhookRsa.privateKey),
    mode === 'rsa' ? undefined : signAsync(null, bytes, keys.webhookEd25519.privateKey),
  ])
  const headers: Record<string, string> = {}
  if (rsa) headers[RSA_HEADER] = rsa
  if (ed25519) headers[ED25519_HEADER] = ed25519
  return headers
}

function signAsync(algorithm: string | null, bytes: Buffer, key: KeyObject): Promise<string> {
  return new Promise((resolve, reject) =>
    sign(algorithm, bytes, key, (error, signature) => (error ? reject(error) : resolve(signature.toString('base64')))),
  )
}

export interface PostOptions {
  timeoutMs: number
  /** Aborts the attempt from outside (the server is stopping); reported as `interrupted`. */
  signal?: AbortSignal
}

export interface PostResult {
  /** The receiver's status; null when no response came. */
  statusCode: number | null
  /** Why no response came: `timeout after N ms`, `connection refused`, …; null when one did. */
  error: string | null
  /** True when `signal` stopped the attempt: nothing is known about the receiver. */
  interrupted: boolean
  /** Wall time of the request and the response body read, in ms. */
  durationMs: number
  responseExcerpt: string
}

/**
 * POSTs `body` to `url` once. The timeout covers connecting, waiting and reading the answer.
 * Redirects are not followed: a 3xx is an answer like any other non-2xx.
 */
export async function postWebhook(url: string, body: string, headers: Record<string, string>, options: PostOptions): Promise<PostResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs)
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout
  // Elapsed time of a real network exchange, not emulated time: the manual clock would say 0.
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      redirect: 'manual',
      signal,
    })
    const responseExcerpt = await readExcerpt(response)
    return { statusCode: response.status, error: null, interrupted: false, durationMs: elapsed(), responseExcerpt }
  } catch (error) {
    const interrupted = options.signal?.aborted === true && !timeout.aborted
    const reason = timeout.aborted ? `timeout after ${options.timeoutMs} ms` : interrupted ? 'interrupted' : describeFailure(error)
    return { statusCode: null, error: reason, interrupted, durationMs: elapsed(), responseExcerpt: '' }
  }
}

/** The first EXCERPT_BYTES of the answer; the rest is drained unread so the connection can be reused. */
async function readExcerpt(response: Response): Promise<string> {
  if (!response.body) return ''
  const chunks: Buffer[] = []
  let kept = 0
  for await (const chunk of response.body) {
    if (kept < EXCERPT_BYTES) {
      const part = Buffer.from(chunk).subarray(0, EXCERPT_BYTES - kept)
      chunks.push(part)
      kept += part.length
    }
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** undici wraps the socket error in `cause`; name the common ones the way a developer says them. */
function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'connection refused'
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection reset'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found'
  }
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error))
  return cause?.code ? `${cause.code}: ${message}` : message
}
