// The request body size limit (413), without materialising a WHATWG Request where it can be
// avoided: Hono's bodyLimit reads `c.req.raw.body`, which makes @hono/node-server build a full
// Request (headers copy, AbortSignal, stream) on every call, GETs included.
import type { MiddlewareHandler } from 'hono'
import { bodyLimit as honoBodyLimit } from 'hono/body-limit'

export function bodyLimit(maxSize: number, onError: () => never): MiddlewareHandler {
  const streaming = honoBodyLimit({ maxSize, onError })
  return function limitBody(c, next) {
    const method = c.req.method
    // A GET or HEAD request has no body (a WHATWG Request refuses one), so nothing to limit.
    if (method === 'GET' || method === 'HEAD') return next()
    // A declared length is what Hono's bodyLimit trusts too; only a streamed body needs counting.
    const length = c.req.header('content-length')
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return parseInt(length, 10) > maxSize ? onError() : next()
    }
    return streaming(c, next)
  }
}
