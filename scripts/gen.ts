// `npm run gen` writes src/generated/ from specs/highlevel/ (HighLevel's vendored specs);
// `npm run gen:check` only compares and exits 1 naming stale files. A thin CLI: the work lives in scripts/gen-core.ts.
import { compareWithDisk, generate, specDir, writeGenerated } from './gen-core.js'

async function main(argv: readonly string[]): Promise<number> {
  const started = Date.now()
  const files = await generate()
  if (!argv.includes('--check')) {
    writeGenerated(files)
    console.log(`gen: wrote ${files.size} files to src/generated/ from ${specDir()} in ${Date.now() - started} ms`)
    return 0
  }
  const { changed, missing, extra } = compareWithDisk(files)
  const stale = [...changed.map((f) => `changed: ${f}`), ...missing.map((f) => `missing: ${f}`), ...extra.map((f) => `no longer generated: ${f}`)]
  if (stale.length === 0) {
    console.log(`gen:check: src/generated/ is fresh (${files.size} files)`)
    return 0
  }
  console.error(`gen:check: src/generated/ is stale; run \`npm run gen\` and commit the result.\n  ${stale.join('\n  ')}`)
  return 1
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`gen: ${error instanceof Error ? error.message : String(error)}`)
  return 1
})
