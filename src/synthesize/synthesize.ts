// Answers an operation that has no stateful handler: validates the request body against the
// spec (422 naming each violation), then answers with a body built from the success response
// schema, the same body for the same request. Knows nothing of auth; the gateway ran it already.
import type { Context } from 'hono'
import type { ContentfulStatusCode, StatusCode } from 'hono/utils/http-status'
import type { AppEnv } from '../app-env.js'
import { unprocessable } from '../errors.js'
import { loadSchemas } from '../generated/index.js'
import type { EffectiveOperation } from '../spec/operation-table.js'
import { addressedNoun, echoRequestIds } from './echo.js'
import { isPlainObject, sampleFromSchema } from './sample.js'
import { bodyCheckFor } from './validate-body.js'

/** Built bodies kept per instance; enough for every operation with a few ids each. */
const CACHE_LIMIT = 2_000

interface Built {
  json: string
  /** The body, when its top level has a `traceId` to fill per request (else only `json` is used). */
  withTraceId: Record<string, unknown> | undefined
}

export interface SynthesizerOptions {
  warn?: (message: string) => void
}

export class Synthesizer {
  private readonly built = new Map<string, Built>()

  constructor(private readonly options: SynthesizerOptions = {}) {}

  /**
   * The synthesized answer. `body` is the parsed request body (undefined when the operation takes
   * none or takes multipart, which is not validated).
   */
  async respond(c: Context<AppEnv>, op: EffectiveOperation, body: unknown): Promise<Response> {
    if (body !== undefined) {
      const check = await bodyCheckFor(op, this.options.warn)
      const problems = check(body)
      if (problems.length > 0) throw unprocessable(problems)
    }
    const status = op.successStatus as StatusCode
    if (status === 204) return c.body(null, 204)
    const params = c.req.param() as Record<string, string>
    const auth = c.get('auth')
    const key = cacheKey(op, params, auth?.locationId ?? null, auth?.companyId ?? null)
    let built = this.built.get(key)
    if (built === undefined) {
      built = await build(op, params, auth?.locationId ?? null, auth?.companyId ?? null)
      this.remember(key, built)
    }
    c.header('content-type', 'application/json')
    if (built.withTraceId !== undefined) return c.json({ ...built.withTraceId, traceId: c.get('traceId') }, status as ContentfulStatusCode)
    return c.body(built.json, status as ContentfulStatusCode)
  }

  private remember(key: string, built: Built): void {
    // Oldest-first eviction keeps memory bounded when a client walks through many ids.
    if (this.built.size >= CACHE_LIMIT) this.built.delete(this.built.keys().next().value as string)
    this.built.set(key, built)
  }
}

function cacheKey(op: EffectiveOperation, params: Record<string, string>, locationId: string | null, companyId: string | null): string {
  let key = `${op.key}|${locationId ?? ''}|${companyId ?? ''}`
  for (const name in params) key += `|${params[name]}`
  return key
}

/** Seeded by the operation and its path ids: the same request always gets the same body. */
async function build(op: EffectiveOperation, params: Record<string, string>, locationId: string | null, companyId: string | null): Promise<Built> {
  const seed = [op.key, ...Object.values(params)].join('|')
  let body: unknown
  if (op.responseExample !== undefined) body = structuredClone(op.responseExample)
  else if (op.responseSchema !== null) body = sampleFromSchema(op.responseSchema, await loadSchemas(), { seed })
  else body = {}
  body ??= {}
  const pathParams = op.params.filter((p) => p.in === 'path').map((p) => p.name)
  const last = pathParams[pathParams.length - 1]
  const lastValue = last === undefined ? undefined : params[last]
  echoRequestIds(body, {
    params,
    addressed: last === undefined || lastValue === undefined ? undefined : { value: lastValue, noun: addressedNoun(op.honoPath, last) },
    locationId,
    companyId,
  })
  const withTraceId = isPlainObject(body) && 'traceId' in body ? body : undefined
  return { json: JSON.stringify(body), withTraceId }
}
