// The Version header rule: HighLevel accepts any published API version on every operation (the
// per-operation enum in the specs is not enforced live, research §3.5) and rejects the rest.
import { messages, unauthorized } from '../errors.js'

/** Every Version value the platform publishes. */
export const acceptedVersions: ReadonlySet<string> = new Set(['2021-04-15', '2021-07-28', '2023-02-21', 'v3'])

/** Throws HighLevel's 401 for a missing or unpublished Version header. */
export function checkVersion(header: string | undefined): void {
  if (header === undefined || header === '') throw unauthorized(messages.versionMissing)
  if (!acceptedVersions.has(header.trim())) throw unauthorized(messages.versionInvalid)
}
