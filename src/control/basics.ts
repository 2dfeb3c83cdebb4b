// Control endpoints of the foundation: health, the seeded world, reset, the clock and the keys.
import type { Module } from '../app-env.js'
import { publicKeys } from '../auth/keys.js'
import { assertValid } from '../errors.js'
import { readJsonBody } from '../http/json-body.js'
import { describeWorld } from '../world/world.js'

export const basics: Module = (app, runtime) => {
  const { clock } = runtime

  app.get('/_mock/health', (c) => c.json({ status: 'ok', now: new Date(clock.now()).toISOString() }))

  app.get('/_mock/world', (c) => c.json(describeWorld(runtime)))

  app.post('/_mock/reset', async (c) => {
    await runtime.reset()
    return c.json({ reset: true, world: describeWorld(runtime) })
  })

  app.get('/_mock/clock', (c) =>
    c.json({ now: new Date(clock.now()).toISOString(), mode: clock.mode, offsetMs: clock.offsetMs() }),
  )

  app.post('/_mock/clock/advance', async (c) => {
    const body = await readJsonBody(c)
    const ms = body.ms
    assertValid(typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? [] : ['ms must be a non-negative number'])
    await clock.advance(ms as number)
    return c.json({ now: new Date(clock.now()).toISOString(), mode: clock.mode, offsetMs: clock.offsetMs() })
  })

  app.get('/_mock/keys', (c) => c.json(publicKeys(runtime.keys)))
}
