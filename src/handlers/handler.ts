// The seam between the gateway and stateful resources: what a handler is, typed by operation key.
// Types only; the registry (index.ts) imports the resources, this file imports none of them.
import type { Context } from 'hono'
import type { AppEnv } from '../app-env.js'
import type { OperationIo, OperationKey } from '../generated/index.js'

export type { OperationKey }
export type Ctx = Context<AppEnv>

type Io<K extends OperationKey> = OperationIo[K]
type JsonContent<T> = T extends { content: { 'application/json': infer B } } ? B : T extends { content: infer C } ? C[keyof C] : never

/** The body type the spec declares for operation K (its JSON media type), `undefined` if none. */
export type RequestBody<K extends OperationKey> = Io<K> extends { requestBody: infer R }
  ? JsonContent<R>
  : Io<K> extends { requestBody?: infer R }
    ? JsonContent<NonNullable<R>> | undefined
    : undefined

/**
 * What the gateway hands a handler: the body it parsed once (JSON, or a form's fields as
 * strings), already known to be an object when the operation takes one. Field names are the
 * DTO's, so a misspelt field fails the typecheck; values are `unknown` until the handler checks
 * them, because the handler, not the type, is what refuses bad input with HighLevel's 422.
 */
export type Unchecked<T> = [T] extends [undefined]
  ? undefined
  : T extends readonly unknown[]
    ? unknown[]
    : T extends object
      ? { readonly [P in keyof T]?: unknown }
      : unknown

/** The body a handler of operation K receives. */
export type BodyOf<K extends OperationKey> = Unchecked<RequestBody<K>>

type Responses<K extends OperationKey> = Io<K>['responses']
type SuccessStatus = 200 | 201 | 202

/** The JSON body the spec documents for K's success answer (200, 201 or 202). */
export type SuccessBody<K extends OperationKey> = {
  [S in keyof Responses<K>]: S extends SuccessStatus ? JsonContent<Responses<K>[S]> : never
}[keyof Responses<K>]

/** Handles operation K after every gateway check passed; `c.var.auth` is the caller's token. */
export type OperationHandler<K extends OperationKey = OperationKey> = (c: Ctx, body: BodyOf<K>) => Response | Promise<Response>

/**
 * Handlers keyed by operation key. A key that is not an operation fails `npm run typecheck`
 * (excess property), so a typo cannot silently leave an operation synthesized.
 */
export type HandlerSet = { readonly [K in OperationKey]?: OperationHandler<K> }
