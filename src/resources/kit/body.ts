// The request body as a handler sees it: the gateway parsed it once (JSON, or a form's fields);
// this only narrows it to an object, with HighLevel's 422 when it is another JSON value.
import { unprocessable } from '../../errors.js'

export type JsonObject = Record<string, unknown>

/** `body` as an object; absent reads as `{}` (NestJS validates an empty body as an empty DTO). */
export function objectBody(body: unknown): JsonObject {
  if (body === undefined) return {}
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw unprocessable(['request body must be a JSON object'])
  return body as JsonObject
}
