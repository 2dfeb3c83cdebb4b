// Identifiers in HighLevel's shapes: 20-character alphanumeric record ids, 24-hex app/version
// ids, and client ids `<appId>-<8 lowercase alnum>`. Seeded variants take a random source so the
// same seed gives the same ids; runtime ids use the crypto generator.
import { randomInt } from 'node:crypto'

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789'
const HEX = '0123456789abcdef'

/** A source of integers in [0, max). */
export type RandomInt = (max: number) => number

const cryptoInt: RandomInt = (max) => randomInt(max)

function pick(alphabet: string, length: number, next: RandomInt): string {
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[next(alphabet.length)]
  return out
}

/** A record id like `ve9EPM428h8vShlRW1KT`. */
export const ghlId = (next: RandomInt = cryptoInt): string => pick(ALNUM, 20, next)
/** A 24-hex id like an app id, version id or refresh token id. */
export const hexId = (next: RandomInt = cryptoInt): string => pick(HEX, 24, next)
/** A client id like `65e618719f4f0c44b3dd04d5-ltdauh5j` for the given app id. */
export const clientIdFor = (appId: string, next: RandomInt = cryptoInt): string => `${appId}-${pick(LOWER_ALNUM, 8, next)}`
