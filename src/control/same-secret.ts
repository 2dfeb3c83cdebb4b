// Constant-time comparison of a presented secret (admin token) with the configured one.
import { timingSafeEqual } from 'node:crypto'

export const sameSecret = (a: string, b: string) => {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
