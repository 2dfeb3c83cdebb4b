// Whether the control plane is open to the network: a non-loopback --host without --admin-token
// serves client secrets (/_mock/world), token minting and reset to anyone who can reach the port.
// Only decides and words the warning; the banner and the log print it.
import { randomBytes } from 'node:crypto'
import { isIP } from 'node:net'
import type { ResolvedOptions } from '../options.js'

/** One suggestion per process, so the banner and the log name the same token. */
let suggestion: string | undefined

/** 127.0.0.0/8, ::1 (and its IPv4-mapped form) and `localhost`: reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true
  if (bare === '::1') return true
  const v4 = bare.startsWith('::ffff:') ? bare.slice(7) : bare
  return isIP(v4) === 4 && v4.startsWith('127.')
}

/**
 * The warning to print when the control plane is open on a network interface, or undefined. It
 * suggests a freshly generated token rather than setting one: harnesses inside a container (where
 * 0.0.0.0 is the usual host) call /_mock without a token and must keep working.
 */
export function openControlPlaneWarning(options: Pick<ResolvedOptions, 'host' | 'adminToken' | 'listen'>): string | undefined {
  if (!options.listen || options.adminToken || isLoopbackHost(options.host)) return undefined
  suggestion ??= randomBytes(18).toString('base64url')
  return (
    `WARNING: the control plane (/_mock/*) is open to the network on ${options.host}: anyone who can reach this port can ` +
    `read client secrets (/_mock/world), mint tokens and reset data. Pass --admin-token (e.g. --admin-token ${suggestion}) ` +
    `or GHL_MOCK_ADMIN_TOKEN, or bind --host 127.0.0.1.`
  )
}
