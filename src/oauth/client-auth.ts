// Checks a Marketplace app's client credentials (token endpoint, billing webhook). Compares in
// constant time over fixed-length digests, so neither the secret nor its length leaks.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { Repos } from '../storage/repos.js'
import type { App } from '../world/model.js'

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()

/** Whether two secrets are equal, in time that depends on neither. */
export function sameSecret(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected))
}

/**
 * The app whose client id and secret these are, or undefined. An unknown client id still costs
 * one comparison, so timing does not reveal which client ids exist.
 */
export function authenticateClient(repos: Repos, clientId: string, clientSecret: string): App | undefined {
  const app = repos.apps.getByClientId(clientId)
  const matches = sameSecret(clientSecret, app?.clientSecret ?? '\u0000no-client')
  return app && matches ? app : undefined
}
