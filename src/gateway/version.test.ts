import { describe, expect, it } from 'vitest'
import { GhlError, messages } from '../errors.js'
import { checkVersion } from './version.js'

const refusal = (header: string | undefined) => {
  try {
    checkVersion(header)
    return null
  } catch (error) {
    return { status: (error as GhlError).status, body: (error as GhlError).body }
  }
}

describe('checkVersion', () => {
  it('accepts the four published versions', () => {
    for (const v of ['2021-04-15', '2021-07-28', '2023-02-21', 'v3']) expect(refusal(v)).toBeNull()
  })

  it('answers the real 401 bodies for a missing or unknown version', () => {
    expect(refusal(undefined)).toEqual({ status: 401, body: { statusCode: 401, message: messages.versionMissing } })
    expect(refusal('')).toEqual({ status: 401, body: { statusCode: 401, message: messages.versionMissing } })
    expect(refusal('2020-01-01')).toEqual({ status: 401, body: { statusCode: 401, message: messages.versionInvalid } })
    expect(refusal('V3')?.body.message).toBe(messages.versionInvalid)
  })
})
