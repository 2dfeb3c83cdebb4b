// The harness's webhook inbox: a loopback receiver (captureWebhooks) whose every request is checked
// against the instance's public keys, indexed by event type so a test can await one by name.
import { publicKeys, type KeyMaterial } from '../auth/keys.js'
import { captureWebhooks, verifyWebhookSignatures, type CapturedRequest, type WebhookCapture } from '../webhooks/capture.js'

/** One delivery the inbox received, with its signatures already checked. */
export interface ReceivedWebhook {
  /** The event type (`ContactCreate`, `INSTALL`, …), from the body's `type`. */
  type: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the shape depends on the event type
  body: any
  headers: CapturedRequest['headers']
  rawBody: Buffer
  /** Both signature headers verified against the instance's public keys. */
  verified: boolean
}

export interface WaitOptions {
  /** Wall-clock patience for the delivery to arrive (default 5,000 ms). */
  timeoutMs?: number
  /** Only deliveries this predicate accepts count. */
  match?: (webhook: ReceivedWebhook) => boolean
  /** Resolve on the n-th matching delivery (default 1). */
  count?: number
}

export interface WebhookInbox {
  /** Where the instance's demo app delivers (its webhook URL). */
  readonly url: string
  /** Every delivery so far, oldest first (`type` filters). */
  received(type?: string): ReceivedWebhook[]
  /**
   * Resolves with the `count`-th delivery of this type (already received ones count), verified.
   * Rejects when the timeout passes first, or when a matching delivery's signature does not verify.
   * @example
   * const created = await mock.webhooks.waitFor('ContactCreate')
   * created.body.email // 'ada@example.com'
   */
  waitFor(type: string, options?: WaitOptions): Promise<ReceivedWebhook>
  /** Forgets what was received. */
  clear(): void
  /** The underlying receiver: answer with other statuses, hang, inspect raw requests. */
  readonly capture: WebhookCapture
}

/**
 * Starts a receiver on a free loopback port. `keysOf` is read lazily (the instance is built after
 * the receiver, whose URL it needs); `settle` lets the instance send what is due before each wait.
 */
export async function openWebhookInbox(keysOf: () => KeyMaterial, settle: () => Promise<void>): Promise<WebhookInbox & { close(): Promise<void> }> {
  const capture = await captureWebhooks()
  const seen = new WeakMap<CapturedRequest, ReceivedWebhook>()

  function toWebhook(request: CapturedRequest): ReceivedWebhook {
    let webhook = seen.get(request)
    if (!webhook) {
      const signatures = verifyWebhookSignatures(request, publicKeys(keysOf()))
      webhook = {
        type: typeof request.body?.type === 'string' ? request.body.type : '',
        body: request.body,
        headers: request.headers,
        rawBody: request.rawBody,
        verified: signatures.rsa && signatures.ed25519,
      }
      seen.set(request, webhook)
    }
    return webhook
  }

  const received = (type?: string) => capture.requests.map(toWebhook).filter((w) => type === undefined || w.type === type)

  async function waitFor(type: string, { timeoutMs = 5_000, match, count = 1 }: WaitOptions = {}): Promise<ReceivedWebhook> {
    const matching = () => received(type).filter((w) => !match || match(w))
    // captureWebhooks resolves per arrival: wait for one more request at a time until enough match.
    // The deadline is wall time (how long a test waits), not the instance's clock.
    const deadline = performance.now() + timeoutMs
    for (;;) {
      // A manual clock fires nothing by itself: deliveries due now go out when the scheduler is asked.
      await settle()
      const found = matching()
      const bad = found.find((w) => !w.verified)
      if (bad) throw new Error(`a ${type} webhook arrived with a signature that does not verify against /_mock/keys`)
      if (found.length >= count) return found[count - 1]!
      try {
        await capture.waitFor(capture.requests.length + 1, { timeoutMs: Math.max(1, deadline - performance.now()) })
      } catch {
        const types = received().map((w) => w.type)
        throw new Error(`no ${type} webhook within ${timeoutMs} ms (received: ${types.length ? types.join(', ') : 'none'})`)
      }
    }
  }

  return { url: capture.url, received, waitFor, clear: () => capture.clear(), capture, close: () => capture.close() }
}
