// Binds the consent form to the page that rendered it, as a real authorization server does: the
// page carries a token (an HMAC of the authorize request it shows, the form's path and the time it
// was rendered), and a submission must bring it back unchanged, from this origin. No storage: the
// token is signed with a key derived from the instance's token-signing key, so it survives restarts.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Runtime } from '../runtime.js'
import type { AuthorizeRequest } from './authorize-request.js'

/** The hidden field the page renders and the POST must return. */
export const CSRF_FIELD = 'csrf_token'
/** How long a rendered consent page can be submitted (on the emulator's clock). */
export const CONSENT_FORM_TTL_MS = 60 * 60_000

const keys = new WeakMap<Runtime, Buffer>()

function keyOf(runtime: Runtime): Buffer {
  let key = keys.get(runtime)
  if (!key) {
    key = createHash('sha256').update('ghl-mock consent form\n').update(runtime.keys.tokenRsa.privateKey.export({ type: 'pkcs8', format: 'der' })).digest()
    keys.set(runtime, key)
  }
  return key
}

function mac(runtime: Runtime, request: AuthorizeRequest, action: string, issuedAt: string, nonce: string): string {
  const bound = [issuedAt, nonce, action, request.app.clientId, request.redirectUri, request.scopes.join(' '), request.state ?? '', request.loginWindowOpenMode ?? '']
  return createHmac('sha256', keyOf(runtime)).update(bound.join('\n')).digest('base64url')
}

/** The token for a page showing `request`, to be posted back to `action`. */
export function consentFormToken(runtime: Runtime, request: AuthorizeRequest, action: string): string {
  const issuedAt = String(runtime.clock.now())
  const nonce = randomBytes(12).toString('base64url')
  return `${issuedAt}.${nonce}.${mac(runtime, request, action, issuedAt, nonce)}`
}

export interface SubmissionHeaders {
  origin?: string
  referer?: string
  secFetchSite?: string
}

/**
 * Why a submission is not the rendered page's own (undefined when it is): a cross-site Origin,
 * Referer or Sec-Fetch-Site, or a token that is missing, altered, for another request or stale.
 * `Origin: null` (privacy modes) is left to the token. Origins are compared by host (name and
 * port): behind a TLS-terminating proxy the page is https while the request reaching us is http.
 */
export function refuseForgedSubmission(
  runtime: Runtime,
  request: AuthorizeRequest,
  action: string,
  token: string | undefined,
  headers: SubmissionHeaders,
  ownHost: string,
): string | undefined {
  if (headers.secFetchSite === 'cross-site') return 'The consent form was submitted from another site.'
  const claimed = hostOf(headers.origin && headers.origin !== 'null' ? headers.origin : headers.referer)
  if (claimed !== undefined && claimed !== ownHost) return 'The consent form was submitted from another site.'

  const [issuedAt = '', nonce = '', signature = ''] = (token ?? '').split('.')
  if (!token || !/^\d+$/.test(issuedAt) || nonce === '') return 'The consent form was not submitted from its page (no form token).'
  const expected = Buffer.from(mac(runtime, request, action, issuedAt, nonce))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return 'The consent form token does not match this install request.'
  }
  if (runtime.clock.now() - Number(issuedAt) > CONSENT_FORM_TTL_MS) return 'The consent page has expired; open the install link again.'
  return undefined
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    return new URL(url).host
  } catch {
    return '(unreadable)'
  }
}
