// Builds the redirects back to an app: its registered redirect URI with `code`/`error` and the
// untouched `state`. Pure.

/** `uri` with the given query parameters set (absent values are left out). */
export function withParams(uri: string, params: Record<string, string | null | undefined>): string {
  const url = new URL(uri)
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined) url.searchParams.set(key, value)
  return url.toString()
}
