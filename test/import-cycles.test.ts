// Cross-cutting: no module of src/ imports itself back through others (type-only imports
// included: a type cycle still ties the files together for the reader and the compiler).
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { describe, expect, it } from 'vitest'

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]/g

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : []
  })
}

/** The strongly connected components of more than one file (Tarjan). */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  const visit = (v: string): void => {
    index.set(v, counter)
    low.set(v, counter++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) !== index.get(v)) return
    const component: string[] = []
    let w: string
    do {
      w = stack.pop()!
      onStack.delete(w)
      component.push(w)
    } while (w !== v)
    if (component.length > 1) cycles.push(component.sort())
  }
  for (const v of graph.keys()) if (!index.has(v)) visit(v)
  return cycles
}

describe('import graph of src/', () => {
  it('finds a cycle when there is one', () => {
    expect(importCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']])
  })

  it('has no cycles', () => {
    const files = sourceFiles('src')
    const graph = new Map(files.map((file) => {
      const text = readFileSync(file, 'utf8')
      const deps = [...text.matchAll(IMPORT)].map((m) => normalize(join(dirname(file), m[1]!.replace(/\.js$/, '.ts'))))
      return [file, deps] as const
    }))
    // The one allowed (CONTRIBUTING.md): the public `ghl-mock/testing` entry re-exports createTestMock,
    // which is built on that entry's own helpers (mintToken, apiRequest).
    const allowed = [['src/testing.ts', 'src/testing/test-mock.ts']]
    expect(importCycles(graph)).toEqual(allowed)
  })
})
