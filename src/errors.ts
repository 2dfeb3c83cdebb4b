// HighLevel's error wire shape (NestJS HttpException: {statusCode, message, error?}) and the one
// error handler. Handlers throw GhlError; nothing else decides how an error looks on the wire.
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** Messages as observed on the real platform (research/ghl-api.md §3.5); keep the wording exact. */
export const messages = {
  versionMissing: 'version header was not found.',
  versionInvalid: 'version header is invalid',
  authorizationMissing: 'No Authorization header found for authentication!',
  invalidJwt: 'Invalid JWT',
  scopeMissing: 'The token is not authorized for this scope.',
  locationForbidden: 'The token does not have access to this location.',
  tooManyRequests: 'Too Many Requests',
  payloadTooLarge: 'request entity too large',
  internal: 'Internal server error',
} as const

/** NestJS's default `error` text per status. */
const reasonPhrases: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
}

export interface GhlErrorBody {
  statusCode: number
  message: string | string[]
  error?: string
  traceId?: string
}

/**
 * An error that renders as HighLevel renders it. `error` defaults to the status's reason phrase;
 * pass `error: null` for the bodies the platform sends without it (e.g. "Invalid JWT").
 */
export class GhlError extends Error {
  readonly status: number
  readonly body: Omit<GhlErrorBody, 'traceId'>

  constructor(status: number, message: string | string[], options: { error?: string | null } = {}) {
    super(Array.isArray(message) ? message.join(', ') : message)
    this.status = status
    const error = options.error === undefined ? reasonPhrases[status] : options.error ?? undefined
    this.body = error === undefined ? { statusCode: status, message } : { statusCode: status, message, error }
  }
}

export const badRequest = (message: string) => new GhlError(400, message)
export const unauthorized = (message: string) => new GhlError(401, message, { error: null })
export const forbidden = (message: string) => new GhlError(403, message, { error: null })
export const notFound = (message: string) => new GhlError(404, message)
/** 422 with `message` as an array, one entry per problem (class-validator style). */
export const unprocessable = (problems: string[]) => new GhlError(422, problems)

/** Throws a 422 naming every problem, or returns when there are none. */
export function assertValid(problems: string[]): void {
  if (problems.length > 0) throw unprocessable(problems)
}

/** Returns the row or throws the given error (a 404 or 400, depending on how the endpoint answers). */
export function assertFound<T>(row: T | undefined | null, error: GhlError): T {
  if (row === undefined || row === null) throw error
  return row
}

/** Renders any thrown value in the wire shape; unknown errors become a logged 500, never a stack. */
export function renderError(err: unknown, c: Context): Response {
  const traceId = c.get('traceId') as string | undefined
  const ghl = toGhlError(err)
  if (ghl.status >= 500 && !(err instanceof GhlError)) console.error('ghl-mock: unexpected error', err)
  const body: GhlErrorBody = traceId ? { ...ghl.body, traceId } : { ...ghl.body }
  return c.json(body, ghl.status as ContentfulStatusCode)
}

function toGhlError(err: unknown): GhlError {
  if (err instanceof GhlError) return err
  if (err instanceof HTTPException) {
    // Hono raises these for malformed JSON (400) and oversize bodies (413).
    const message = err.status === 413 ? messages.payloadTooLarge : err.message || reasonPhrases[err.status] || 'Error'
    return new GhlError(err.status, message)
  }
  if (err instanceof SyntaxError) return badRequest(err.message)
  return new GhlError(500, messages.internal)
}
