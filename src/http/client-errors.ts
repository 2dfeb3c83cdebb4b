// Requests Node's HTTP parser refuses before the app sees them (a request head over the 16 KiB
// limit, a malformed request line): answered in HighLevel's wire shape with a trace id, instead
// of Node's bare status line with an empty body. Nothing here reaches the app or the database.
import { randomUUID } from 'node:crypto'
import type { Server } from 'node:http'
import type { Duplex } from 'node:stream'

interface Refusal {
  status: number
  reason: string
  message: string
}

/** What Node's own clientError handler would answer, with a message a developer can act on. */
function refusalFor(code: string | undefined): Refusal {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return {
      status: 431,
      reason: 'Request Header Fields Too Large',
      message: 'Request header fields too large: the request line and headers may total at most 16 KB',
    }
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, reason: 'Request Timeout', message: 'Request timeout' }
  return { status: 400, reason: 'Bad Request', message: 'Bad request: the HTTP request could not be parsed' }
}

/** Exported for tests: the raw HTTP/1.1 response written to the socket. */
export function clientErrorResponse(code: string | undefined, traceId: string = randomUUID()): string {
  const { status, reason, message } = refusalFor(code)
  const body = JSON.stringify({ statusCode: status, message, error: reason, traceId })
  return [
    `HTTP/1.1 ${status} ${reason}`,
    'Content-Type: application/json; charset=UTF-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `traceId: ${traceId}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n')
}

/** Replaces Node's default clientError answer on an HTTP/1 server. */
export function answerClientErrors(server: Server): void {
  server.on('clientError', function answerInWireShape(error: NodeJS.ErrnoException, socket: Duplex) {
    // A reset connection has nobody to answer; a response already under way must not get a second.
    const pending = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage
    if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent) {
      socket.destroy()
      return
    }
    socket.end(clientErrorResponse(error.code))
  })
}
