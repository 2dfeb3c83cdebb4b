import { describe, expect, it } from 'vitest'
import { GhlError } from '../errors.js'
import type { TokenRow } from '../storage/tokens.js'
import { acceptedKinds, checkTokenClass, classMessages } from './token-class.js'

const token = (kind: 'oauth' | 'pit', authClass: 'Location' | 'Company') => ({ kind, authClass }) as TokenRow
const kinds = [token('oauth', 'Location'), token('pit', 'Location'), token('oauth', 'Company'), token('pit', 'Company')]

/** The refusal message per token kind (location OAuth, location PIT, agency OAuth, agency PIT); null = accepted. */
function outcomes(schemes: Parameters<typeof acceptedKinds>[0]): Array<string | null> {
  const accepted = acceptedKinds(schemes)
  return kinds.map((t) => {
    try {
      checkTokenClass(accepted, t)
      return null
    } catch (error) {
      expect((error as GhlError).status).toBe(401)
      return (error as GhlError).message
    }
  })
}

const { oauthClass, pitClass, pitNotAccepted } = classMessages

describe('token class against security schemes', () => {
  it.each([
    [['bearer'], [null, null, oauthClass, pitClass]],
    [['Location-Access'], [null, null, oauthClass, pitClass]],
    [['Location-Access-Only'], [null, pitNotAccepted, oauthClass, pitClass]],
    [['Agency-Access'], [oauthClass, pitClass, null, null]],
    [['Agency-Access-Only'], [oauthClass, pitClass, null, pitNotAccepted]],
    [['Location-Access', 'Agency-Access'], [null, null, null, null]],
    [['Location-Access-Only', 'Agency-Access-Only'], [null, pitNotAccepted, null, pitNotAccepted]],
    [['Location-Access-Only', 'Agency-Access'], [null, pitNotAccepted, null, null]],
    [[], [null, null, null, null]],
  ] as const)('%j', (schemes, expected) => {
    expect(outcomes(schemes)).toEqual(expected)
  })
})
