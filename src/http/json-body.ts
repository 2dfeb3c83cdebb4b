// Reads a request body as a JSON object, or a form as an object of strings, with HighLevel's
// errors for malformed or wrongly typed input. Never lets a parse error become a 500.
import type { Context } from 'hono'
import { GhlError, unprocessable } from '../errors.js'

export type JsonObject = Record<string, unknown>

/** The body as a JSON object; an empty body reads as `{}`. */
export async function readJsonBody(c: Context): Promise<JsonObject> {
  const text = await c.req.text()
  if (text.trim() === '') return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    // body-parser (which NestJS uses) answers malformed JSON with 400 and the parser's message.
    throw new GhlError(400, (error as Error).message)
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw unprocessable(['request body must be a JSON object'])
  }
  return value as JsonObject
}

/** A form-encoded or JSON body as an object; OAuth endpoints accept both. */
export async function readFormOrJson(c: Context): Promise<JsonObject> {
  const type = c.req.header('content-type') ?? ''
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(await c.req.text()))
  }
  return readJsonBody(c)
}
