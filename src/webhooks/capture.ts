// An in-process webhook receiver for test suites (exported from `ghl-mock/testing`): a real HTTP
// server on 127.0.0.1 that records every request with its raw body, answers as told, and lets a
// test await deliveries as they arrive. It never sleeps: waiting is driven by arrivals.
import { createPublicKey, createVerify, verify } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface CapturedRequest {
  method: string
  /** Path and query, e.g. `/webhooks`. */
  path: string
  headers: IncomingHttpHeaders
  /** The exact bytes received (what the signatures cover). */
  rawBody: Buffer
  /** The body parsed as JSON; undefined when it is not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the shape depends on the event type
  body: any
  /** The status this receiver answered, or 'hang' when it never answered. */
  answered: number | 'hang'
}

/** How to answer one request: a status (with an optional body) or `'hang'` (never answer). */
export type Answer = number | 'hang' | { status: number; body?: string; headers?: Record<string, string> }

export interface WebhookCapture {
  /** Where to point an app's webhook URL, e.g. `http://127.0.0.1:43121/webhooks`. */
  readonly url: string
  /** Everything received so far, oldest first. */
  readonly requests: readonly CapturedRequest[]
  /** The answer for every request from now on (default 200). */
  answer(answer: Answer): void
  /** Answers for the next requests, in order, before falling back to `answer()`'s. */
  answerNext(...answers: Answer[]): void
  /** Resolves with the requests once at least `count` have arrived in total; rejects after `timeoutMs` (default 10 s). */
  waitFor(count: number, options?: { timeoutMs?: number }): Promise<CapturedRequest[]>
  /** Forgets the recorded requests (answers stay as set). */
  clear(): void
  /** Stops the server and drops hanging connections. */
  close(): Promise<void>
}

/**
 * Starts a receiver on a free port.
 * @example
 * const capture = await captureWebhooks()
 * const mock = await createServer({ clock: 'manual', webhookUrl: capture.url })
 * // … install the app, write a contact …
 * const [request] = await capture.waitFor(1)
 * expect(request.body.type).toBe('ContactCreate')
 */
export async function captureWebhooks(options: { path?: string } = {}): Promise<WebhookCapture> {
  const requests: CapturedRequest[] = []
  const next: Answer[] = []
  let fallback: Answer = 200
  const waiters = new Set<() => void>()

  const server = createServer(function receive(req, res) {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks)
      const answer = next.shift() ?? fallback
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        rawBody,
        body: parseJson(rawBody),
        answered: typeof answer === 'object' ? answer.status : answer,
      })
      respond(res, answer)
      for (const notify of waiters) notify()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo

  function waitFor(count: number, { timeoutMs = 10_000 } = {}): Promise<CapturedRequest[]> {
    if (requests.length >= count) return Promise.resolve([...requests])
    return new Promise((resolve, reject) => {
      const signal = AbortSignal.timeout(timeoutMs)
      const check = () => {
        if (requests.length < count) return
        done()
        resolve([...requests])
      }
      const expire = () => {
        done()
        reject(new Error(`expected ${count} webhook requests within ${timeoutMs} ms, received ${requests.length}`))
      }
      const done = () => {
        waiters.delete(check)
        signal.removeEventListener('abort', expire)
      }
      waiters.add(check)
      signal.addEventListener('abort', expire, { once: true })
    })
  }

  return {
    url: `http://127.0.0.1:${port}${options.path ?? '/webhooks'}`,
    requests,
    answer: (answer) => void (fallback = answer),
    answerNext: (...answers) => void next.push(...answers),
    waitFor,
    clear: () => void requests.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

function respond(res: ServerResponse, answer: Answer): void {
  if (answer === 'hang') return
  const { status, body, headers } = typeof answer === 'number' ? { status: answer, body: undefined, headers: undefined } : answer
  res.writeHead(status, { 'content-type': 'text/plain', ...headers })
  res.end(body ?? (status >= 200 && status < 300 ? 'OK' : `status ${status}`))
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'))
  } catch {
    return undefined
  }
}

/** Public keys as `GET /_mock/keys` serves them (PEM). */
export interface WebhookPublicKeys {
  webhookRsa: string
  webhookEd25519: string
}

/**
 * Checks both signature headers of a captured request against the raw body, the way a receiving
 * app should: `x-wh-signature` (RSA-SHA256) and `x-ghl-signature` (Ed25519). Absent header = false.
 */
export function verifyWebhookSignatures(request: Pick<CapturedRequest, 'rawBody' | 'headers'>, keys: WebhookPublicKeys) {
  const header = (name: string) => {
    const value = request.headers[name]
    return Array.isArray(value) ? value[0] : value
  }
  const rsaSignature = header('x-wh-signature')
  const edSignature = header('x-ghl-signature')
  return {
    rsa: rsaSignature !== undefined && createVerify('sha256').update(request.rawBody).verify(keys.webhookRsa, rsaSignature, 'base64'),
    ed25519: edSignature !== undefined && verify(null, request.rawBody, createPublicKey(keys.webhookEd25519), Buffer.from(edSignature, 'base64')),
  }
}
