// Which URL paths an operation answers on: its spec path, plus the slash-less twin of a
// collection root (`/contacts/` also as `/contacts`), since live clients call both.

/**
 * The Hono paths to register for `honoPath`, given every path of the table for the same method
 * (a twin is never added where the spec itself defines that path).
 * @example
 * routePaths('/contacts/', new Set(['/contacts/'])) // ['/contacts/', '/contacts']
 */
export function routePaths(honoPath: string, specPaths: ReadonlySet<string>): string[] {
  if (honoPath.length > 1 && honoPath.endsWith('/')) {
    const twin = honoPath.slice(0, -1)
    return specPaths.has(twin) ? [honoPath] : [honoPath, twin]
  }
  return [honoPath]
}
