// Collects every component schema (each spec's and the common ones) into one table keyed
// `<module>/<Name>`, refs rewritten to that key form, and renders it as schemas.ts.
import { compareText, singleQuoted } from './gen-render.js'
import { componentSchemas, schemaKey, toKeyRefs, type Json, type SpecSet } from './gen-specs.js'

/** The whole table, keys sorted so regeneration is byte-identical. */
export function collectSchemas(set: SpecSet): Map<string, Json> {
  const entries: [string, Json][] = []
  for (const [name, schema] of Object.entries(set.commonSchemas)) {
    // Common schemas only reference each other; none does today, so no rewrite context is needed.
    entries.push([schemaKey('common', name), schema])
  }
  for (const spec of set.specs) {
    for (const [name, schema] of Object.entries(componentSchemas(spec.doc))) {
      entries.push([schemaKey(spec.module, name), toKeyRefs(schema, spec, set)])
    }
  }
  entries.sort(([a], [b]) => compareText(a, b))
  return new Map(entries)
}

/**
 * schemas.ts body. It is a TypeScript module (not a .json file) so it loads the same way under
 * tsx/vitest and from dist/ (tsc copies no .json it does not import). The table travels as JSON
 * text: JSON.parse beats an object literal of the same size (measured ~28 ms vs ~44 ms) and tsc
 * does not infer a 1 MB literal type. One schema per line, single-quoted, keeps diffs readable.
 */
export function renderSchemas(table: Map<string, Json>): string {
  const lines = [...table].map(([key, schema]) => `  ${singleQuoted(`${JSON.stringify(key)}:${JSON.stringify(schema)}`)},`)
  return [
    `import type { SchemaTable } from './operation-spec.js'`,
    '',
    `const entries: readonly string[] = [\n${lines.join('\n')}\n]`,
    '',
    `/** Every component schema, keyed \`<module>/<Name>\`; each \`$ref\` is such a key. */`,
    `export const schemas: SchemaTable = Object.freeze(JSON.parse(\`{\${entries.join(',')}}\`) as SchemaTable)`,
    '',
  ].join('\n')
}
