// The effective operation table: generated operations with the hand-kept overrides applied,
// built once at import. Plain data for the router and the checks; it judges no request itself.
import { operations, type OperationSpec, type SecurityScheme } from '../generated/index.js'
import { overrides as defaultOverrides, listedScopes, type Overrides } from './overrides.js'

/** An operation as the gateway enforces it. */
export interface EffectiveOperation extends OperationSpec {
  /**
   * Scopes the token must hold: the union over the spec's security alternatives (in every spec
   * they list the same scope), or the override's. Empty: any valid token will do.
   */
  readonly requiredScopes: readonly string[]
  /** Token kinds the spec accepts, in spec order. Empty: the spec names none, any kind will do. */
  readonly schemes: readonly SecurityScheme[]
  /** False only for operations that mint tokens (POST /oauth/token). */
  readonly requiresAuth: boolean
  /** Whether a Version header must be sent: the op declares one and is not public. */
  readonly requiresVersion: boolean
  /** Body fields to accept as optional although the spec lists them in `required`. */
  readonly optionalBodyFields: readonly string[]
  /** Why this entry differs from the spec (one reason per applied override); usually empty. */
  readonly overrideReasons: readonly string[]
}

/**
 * Applies `given` to `ops` (order kept: it is the routing order). Throws on an override naming an
 * unknown operation: a typo would otherwise silently leave an endpoint unscoped.
 * @example
 * const table = buildOperationTable(operations, { scopes: [], body: [], public: [] })
 */
export function buildOperationTable(
  ops: readonly OperationSpec[] = operations,
  given: Overrides = defaultOverrides,
): readonly EffectiveOperation[] {
  assertKnownKeys(ops, given)
  return Object.freeze(ops.map((op) => effective(op, given)))
}

function effective(op: OperationSpec, given: Overrides): EffectiveOperation {
  const scoped = given.scopes.find((o) => o.key === op.key)
  const body = given.body.find((o) => o.key === op.key)
  const open = given.public.find((o) => o.key === op.key)
  // Object.assign onto a fresh literal, not `{ ...op, more }`: V8 copies these JSON.parse'd
  // objects of varying shapes on a slow path with spread (~14 ms for the table at startup,
  // measured) and on a fast one with assign (<1 ms). No key is in both.
  return Object.assign(
    {
      requiredScopes: scoped?.scopes ?? listedScopes(op),
      schemes: unique(op.security.map((s) => s.scheme)),
      requiresAuth: open === undefined,
      requiresVersion: open === undefined && op.versions.length > 0,
      optionalBodyFields: body?.optional ?? [],
      overrideReasons: [scoped, body, open].flatMap((o) => (o === undefined ? [] : [o.reason])),
    },
    op,
  )
}

function unique<T>(items: readonly T[]): T[] {
  return items.filter((item, i) => items.indexOf(item) === i)
}

function assertKnownKeys(ops: readonly OperationSpec[], given: Overrides): void {
  const keys = new Set(ops.map((op) => op.key))
  const unknown = [...given.scopes, ...given.body, ...given.public].map((o) => o.key).filter((k) => !keys.has(k))
  if (unknown.length > 0) throw new Error(`overrides name unknown operations: ${unknown.join(', ')}`)
}

/** Every operation of the v2 specs, in routing order (static segments before `{param}` ones). */
export const operationTable: readonly EffectiveOperation[] = buildOperationTable()

const byKey = new Map(operationTable.map((op) => [op.key, op]))

/**
 * The operation with this key (operationId, or `<module>.<operationId>` where specs share one).
 * @example
 * findOperation('get-contact')?.requiredScopes // ['contacts.readonly']
 */
export function findOperation(key: string): EffectiveOperation | undefined {
  return byKey.get(key)
}
