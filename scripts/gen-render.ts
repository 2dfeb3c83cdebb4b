// Small text helpers shared by the renderers. Rendering only: no spec knowledge here.

/**
 * A single-quoted JS string literal holding JSON text. JSON.stringify already escaped every
 * line break, so only backslashes and single quotes need escaping; the text stays greppable.
 */
export function singleQuoted(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`
}

/** Code-unit order, not locale order: generated output must not depend on the machine's locale. */
export function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0
}
