import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { banner } from '../cli/start.js'
import { createServer, type GhlMock } from '../server.js'
import { isLoopbackHost, openControlPlaneWarning } from './exposure.js'

describe('an open control plane on a network interface (issue #11, defect 2)', () => {
  it('knows loopback hosts from the others', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackHost(host)).toBe(true)
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.2', 'example.com', '::ffff:10.0.0.1']) expect(isLoopbackHost(host)).toBe(false)
  })

  it('warns for a non-loopback host without an admin token, never otherwise', () => {
    const warning = openControlPlaneWarning({ host: '0.0.0.0', listen: true })
    expect(warning).toMatch(/^WARNING: the control plane \(\/_mock\/\*\) is open to the network on 0\.0\.0\.0/)
    expect(warning).toMatch(/--admin-token [\w-]{24}/)
    expect(openControlPlaneWarning({ host: '0.0.0.0', listen: true })).toBe(warning) // one suggestion per process
    expect(openControlPlaneWarning({ host: '0.0.0.0', listen: true, adminToken: 's3cret' })).toBeUndefined()
    expect(openControlPlaneWarning({ host: '127.0.0.1', listen: true })).toBeUndefined()
    expect(openControlPlaneWarning({ host: '0.0.0.0', listen: false })).toBeUndefined()
  })

  describe('the start banner', () => {
    let mock: GhlMock
    beforeAll(async () => {
      mock = await createServer({ world: 'small', clock: 'manual', logLevel: 'silent' })
    })
    afterAll(() => mock.close())

    it('prints the warning as its last line when the host is a network interface', () => {
      expect(banner(mock)).not.toContain('WARNING')
      const exposed = banner({ ...mock, world: mock.world, options: { ...mock.options, host: '0.0.0.0' } })
      expect(exposed.split('\n').at(-1)).toMatch(/^ {2}WARNING: the control plane/)
    })
  })
})
