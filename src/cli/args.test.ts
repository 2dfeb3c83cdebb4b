import { describe, expect, it } from 'vitest'
import { CliError, helpText, parseCli } from './args.js'

describe('parseCli', () => {
  it('applies the product defaults for the CLI', () => {
    const args = parseCli([], {})
    expect(args.command).toBe('start')
    expect(args.options).toMatchObject({ port: 4010, db: '.ghl-mock/ghl-mock.db', keys: 'keys' })
  })

  it('reads every flag and lets a flag beat its GHL_MOCK_ twin', () => {
    const args = parseCli(['--port', '0', '--db', ':memory:', '--signature', 'rsa', '--reset', '--webhook-url', 'http://x/y'], {
      GHL_MOCK_PORT: '5000',
      GHL_MOCK_SEED: '42',
      GHL_MOCK_LOG_LEVEL: 'debug',
    })
    expect(args.options).toMatchObject({ port: 0, db: ':memory:', signature: 'rsa', reset: true, webhookUrl: 'http://x/y', seed: 42, logLevel: 'debug' })
  })

  it('takes a command and its positionals', () => {
    const args = parseCli(['trigger', 'ContactCreate', '--location', 'abc'], {})
    expect(args.command).toBe('trigger')
    expect(args.positionals).toEqual(['ContactCreate'])
    expect(args.flags.location).toBe('abc')
  })

  it.each([
    [['--nope'], /Unknown option '--nope'/],
    [['--port', 'abc'], /--port must be a whole number/],
    [['--signature', 'md5'], /--signature must be one of rsa, ed25519, both/],
    [['launch'], /unknown command "launch"/],
  ])('rejects %j with a one-line CliError', (argv, message) => {
    expect(() => parseCli(argv, {})).toThrow(CliError)
    expect(() => parseCli(argv, {})).toThrow(message)
  })

  it('rejects a bad environment value too', () => {
    expect(() => parseCli([], { GHL_MOCK_RESET: 'maybe' })).toThrow(/--reset must be true or false/)
  })

  it('documents every flag and its environment twin in the help', () => {
    const help = helpText('1.2.3')
    for (const flag of ['--port', '--host', '--db', '--keys', '--seed', '--fixtures', '--webhook-url', '--reset', '--signature', '--log-level']) {
      expect(help).toContain(flag)
    }
    expect(help).toContain('GHL_MOCK_<FLAG>')
  })
})
