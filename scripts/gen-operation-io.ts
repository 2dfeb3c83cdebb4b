// Renders operation-io.ts: one line per operation key naming its openapi-typescript operation
// type, so handlers can be typed by key (request body, success body) without knowing modules.
import type { OperationSpec } from '../src/generated/operation-spec.js'
import { compareText } from './gen-render.js'

/** `contacts` → `contacts`, `custom-fields` → `customFields`: a namespace name per module. */
export function namespaceOf(module: string): string {
  return module.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())
}

export function renderOperationIo(ops: readonly OperationSpec[]): string {
  const modules = [...new Set(ops.map((op) => op.module))].sort(compareText)
  const entries = [...ops].sort((a, b) => compareText(a.key, b.key))
  return [
    `// Every operation key → its openapi-typescript operation type (parameters, requestBody,`,
    `// responses), for typing handlers by key: src/handlers/handler.ts reads this map.`,
    ...modules.map((m) => `import type * as ${namespaceOf(m)} from './types/${m}.js'`),
    '',
    `export interface OperationIo {`,
    ...entries.map((op) => `  '${op.key}': ${namespaceOf(op.module)}.operations['${op.operationId}']`),
    `}`,
    '',
  ].join('\n')
}
