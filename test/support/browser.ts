// Finds a Chromium for the browser tests (playwright-core drives it; nothing is downloaded):
// $CHROMIUM_PATH first, then the usual install locations. Without one the suites skip with one line
// saying how to enable them, unless GHL_MOCK_REQUIRE_BROWSER=1 (set by .ci/run) makes that a failure.
import { existsSync } from 'node:fs'
import { describe } from 'vitest'

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/opt/google/chrome/chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
]

/** The browser to launch, or undefined when none is installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const given = env.CHROMIUM_PATH
  if (given) {
    if (!existsSync(given)) throw new Error(`CHROMIUM_PATH=${given} does not exist`)
    return given
  }
  return candidates.find((path) => existsSync(path))
}

export const chromiumPath = findChromium()

let announced = false

/**
 * `describe` when a browser is available; otherwise the suite is skipped with one explanation
 * (printed once per file), or fails when GHL_MOCK_REQUIRE_BROWSER=1.
 */
export function describeWithBrowser(name: string, suite: (executablePath: string) => void): void {
  if (chromiumPath) {
    const path = chromiumPath
    describe(name, () => suite(path))
    return
  }
  if (process.env.GHL_MOCK_REQUIRE_BROWSER === '1') {
    describe(name, () => {
      throw new Error('GHL_MOCK_REQUIRE_BROWSER=1 but no Chromium was found: install chromium or set CHROMIUM_PATH')
    })
    return
  }
  if (!announced) {
    announced = true
    process.stderr.write('browser tests skipped: no Chromium found (install chromium, or set CHROMIUM_PATH=/path/to/chrome)\n')
  }
  describe.skip(name, () => suite(''))
}
