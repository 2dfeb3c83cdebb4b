// Fault injection: rules that make the next N matching API requests fail with a chosen status or
// answer late. This file keeps the rules and matches them; the pipeline applies the outcome.
import { randomUUID } from 'node:crypto'

export interface FaultInput {
  /** An operation key/operationId (`get-contact`), or a path pattern (`/contacts/*`, optionally `GET /contacts/*`). */
  match: string
  /** Status to answer with (400-599); omitted: the request proceeds normally after `delayMs`. */
  status?: number
  /** How many matching requests the fault applies to. Default 1. */
  times?: number
  /** Delay on the clock before answering (or failing). Default 0. */
  delayMs?: number
  /** The error body's `message`; defaults to the status's reason phrase. */
  message?: string
}

export interface Fault {
  id: string
  match: string
  status: number | null
  delayMs: number
  message: string | null
  /** How many more requests it will hit. */
  remaining: number
  /** How many requests it has hit so far. */
  hits: number
}

interface CompiledFault extends Fault {
  test(method: string, path: string, operationKey: string, operationId: string): boolean
}

/** The outcome for one request: what to do before (or instead of) answering it normally. */
export interface FaultOutcome {
  faultId: string
  status: number | null
  delayMs: number
  message: string | null
}

export class FaultBook {
  private faults: CompiledFault[] = []

  add(input: FaultInput): Fault {
    const fault: CompiledFault = {
      id: randomUUID(),
      match: input.match,
      status: input.status ?? null,
      delayMs: input.delayMs ?? 0,
      message: input.message ?? null,
      remaining: input.times ?? 1,
      hits: 0,
      test: compileMatch(input.match),
    }
    this.faults.push(fault)
    return publicView(fault)
  }

  list(): Fault[] {
    return this.faults.map(publicView)
  }

  remove(id: string): boolean {
    const before = this.faults.length
    this.faults = this.faults.filter((f) => f.id !== id)
    return this.faults.length < before
  }

  clear(): void {
    this.faults = []
  }

  /** True when no rule is armed: the pipeline's fast path skips matching altogether. */
  get empty(): boolean {
    return this.faults.length === 0
  }

  /**
   * Consumes one use of the oldest rule matching this request and says what it does; undefined
   * when none matches. A rule is dropped once used up.
   */
  take(method: string, path: string, operationKey: string, operationId: string): FaultOutcome | undefined {
    const index = this.faults.findIndex((f) => f.test(method, path, operationKey, operationId))
    const fault = this.faults[index]
    if (fault === undefined) return undefined
    fault.remaining--
    fault.hits++
    if (fault.remaining <= 0) this.faults.splice(index, 1)
    return { faultId: fault.id, status: fault.status, delayMs: fault.delayMs, message: fault.message }
  }
}

function publicView(fault: CompiledFault): Fault {
  const { test: _test, ...view } = fault
  return view
}

/**
 * `get-contact` matches that operation; `/contacts/*` matches paths (`*` spans any characters,
 * slashes included); `POST /contacts/*` also requires the method.
 */
export function compileMatch(match: string): CompiledFault['test'] {
  const spaced = /^([A-Za-z]+)\s+(\/.*)$/.exec(match)
  const method = spaced?.[1]?.toUpperCase()
  const pattern = spaced?.[2] ?? (match.startsWith('/') ? match : undefined)
  if (pattern === undefined) {
    return (_method, _path, key, operationId) => key === match || operationId === match
  }
  const source = pattern.split('*').map(escapeRegExp).join('.*')
  const regex = new RegExp(`^${source}$`)
  return (requestMethod, path) => (method === undefined || method === requestMethod) && regex.test(path)
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
