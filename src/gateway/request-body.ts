// Reads an operation's request body once, for the tenant check and the body validation: JSON
// (any JSON value), or a form when the client sends one. Multipart bodies are not read.
import type { Context } from 'hono'
import { GhlError } from '../errors.js'

/**
 * The parsed body; `{}` when empty (NestJS validates an empty body as an empty DTO); undefined
 * for multipart uploads, which the mock neither inspects nor validates.
 */
export async function readRequestBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? ''
  if (type.startsWith('multipart/')) return undefined
  const text = await c.req.text()
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text))
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    // body-parser (which NestJS uses) answers malformed JSON with 400 and the parser's message.
    throw new GhlError(400, (error as Error).message)
  }
}
