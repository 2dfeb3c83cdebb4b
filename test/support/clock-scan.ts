// Finds reads of the machine's time and timers in TypeScript source (the clock rule of CONTRIBUTING.md).
// Parses with the TypeScript compiler, so comments, strings and `clock.setTimeout(...)` never count.
import ts from 'typescript'

/** What a finding reads: the name a reviewer would grep for. */
export type ClockUse =
  | 'Date.now()'
  | 'new Date()'
  | 'Date()'
  | 'setTimeout'
  | 'setInterval'
  | 'setImmediate'
  | 'performance.now()'
  | 'process.hrtime()'
  | 'AbortSignal.timeout()'

export interface ClockFinding {
  readonly use: ClockUse
  /** 1-based line and column of the expression. */
  readonly line: number
  readonly column: number
  readonly text: string
}

const TIMERS = new Set<string>(['setTimeout', 'setInterval', 'setImmediate'])
const TIMER_MODULES = new Set(['timers', 'node:timers', 'timers/promises', 'node:timers/promises'])
/** Objects through which a global timer is still the global one (`globalThis.setTimeout(...)`). */
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self'])

/**
 * Every place `source` reads the time or sets a timer without going through a Clock.
 * @example
 * findClockUses('const t = Date.now()') // [{ use: 'Date.now()', line: 1, column: 11, text: 'Date.now()' }]
 * findClockUses('clock.setTimeout(run, 5)') // [] — the injected clock is the point
 */
export function findClockUses(source: string, fileName = 'sample.ts'): ClockFinding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const found: ClockFinding[] = []
  const report = (use: ClockUse, node: ts.Node): void => {
    const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file))
    found.push({ use, line: line + 1, column: character + 1, text: node.getText(file) })
  }
  const visit = (node: ts.Node): void => {
    const use = classify(node)
    if (use) report(use, node)
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

function classify(node: ts.Node): ClockUse | undefined {
  if (ts.isNewExpression(node)) {
    return isName(node.expression, 'Date') && (node.arguments?.length ?? 0) === 0 ? 'new Date()' : undefined
  }
  if (ts.isCallExpression(node)) return classifyCall(node.expression)
  // `import { setTimeout as later } from 'node:timers'` hides the name from the call check.
  if (ts.isImportSpecifier(node)) {
    const imported = (node.propertyName ?? node.name).text
    const from = node.parent.parent.parent.moduleSpecifier
    if (TIMERS.has(imported) && ts.isStringLiteral(from) && TIMER_MODULES.has(from.text)) return imported as ClockUse
  }
  return undefined
}

function classifyCall(callee: ts.Expression): ClockUse | undefined {
  if (ts.isIdentifier(callee)) {
    if (TIMERS.has(callee.text)) return callee.text as ClockUse
    return callee.text === 'Date' ? 'Date()' : undefined
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined
  const member = callee.name.text
  const target = callee.expression
  if (TIMERS.has(member) && ts.isIdentifier(target) && GLOBAL_OBJECTS.has(target.text)) return member as ClockUse
  if (member === 'now' && isName(target, 'Date')) return 'Date.now()'
  if (member === 'now' && isName(target, 'performance')) return 'performance.now()'
  if (member === 'timeout' && isName(target, 'AbortSignal')) return 'AbortSignal.timeout()'
  if (member === 'hrtime' && isName(target, 'process')) return 'process.hrtime()'
  if (member === 'bigint' && ts.isPropertyAccessExpression(target) && target.name.text === 'hrtime' && isName(target.expression, 'process')) {
    return 'process.hrtime()'
  }
  return undefined
}

/** `Date`, or `globalThis.Date`. */
function isName(node: ts.Expression, name: string): boolean {
  if (ts.isIdentifier(node)) return node.text === name
  return ts.isPropertyAccessExpression(node) && node.name.text === name && ts.isIdentifier(node.expression) && GLOBAL_OBJECTS.has(node.expression.text)
}
