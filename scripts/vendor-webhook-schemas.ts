// `npx tsx scripts/vendor-webhook-schemas.ts [--from <ghl-docs dir>]`: extracts the payload JSON
// schema(s) and example(s) of every HighLevel webhook event page into specs/highlevel-docs/webhook-events/
// (one <EventType>.json per page), so tests validate events without ../shared. Output is committed.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

type Json = unknown

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outDir = path.join(repoRoot, 'specs', 'highlevel-docs', 'webhook-events')

/** Pages named after something other than the event type they document. */
const typeOfPage: Record<string, string> = { AppInstall: 'INSTALL', AppUninstall: 'UNINSTALL' }

export interface VendoredEvent {
  type: string
  page: string
  description: string
  /** One schema, or `anyOf` the page's schemas when it documents several shapes (message events). */
  schema: Json
  schemas: { title: string; schema: Json }[]
  examples: { title: string; value: Json }[]
  /** What the script changed to make the page's schema valid JSON Schema. */
  normalized: string[]
}

interface Block {
  info: string
  text: string
  title: string
}

/** Fenced code blocks with the last heading or bullet line before each (its title). */
function blocksOf(markdown: string): Block[] {
  const blocks: Block[] = []
  const lines = markdown.split('\n')
  let title = ''
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const fence = /^```(.*)$/.exec(line)
    if (!fence) {
      const label = /^(?:#+|-)\s+(.*)$/.exec(line) ?? /^(\S.*\S)\s+-$/.exec(line)
      if (label && !line.startsWith('|')) title = label[1]!.replace(/\s*-$/, '').trim()
      continue
    }
    // PriceCreate.md opens its example with "```json{": the brace belongs to the JSON.
    const glued = /^(json(?:\s+json_schema)?)\s*([{[].*)$/.exec(fence[1]!.trim())
    const body: string[] = glued ? [glued[2]!] : []
    if (glued) fence[1] = glued[1]!
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!)
    blocks.push({ info: fence[1]!.trim(), text: body.join('\n'), title })
  }
  return blocks
}

/**
 * UserCreate's page writes its schema as a sample with type names for values
 * (`"email": "string"`, `"locations": ["string"]`); this turns that into JSON Schema.
 */
function schemaFromTypeSketch(sketch: Json): Json {
  if (typeof sketch === 'string') return { type: sketch }
  if (Array.isArray(sketch)) return sketch.length > 0 ? { type: 'array', items: schemaFromTypeSketch(sketch[0]) } : { type: 'array' }
  if (sketch !== null && typeof sketch === 'object') {
    return { type: 'object', properties: Object.fromEntries(Object.entries(sketch).map(([key, value]) => [key, schemaFromTypeSketch(value)])) }
  }
  return {}
}

const jsonTypes = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'])

/** Replaces type names JSON Schema does not have (`"Date"`, `"Email/SMS"`) with what they mean on the wire. */
function fixTypes(node: Json, where: string, notes: string[]): Json {
  if (Array.isArray(node)) return node.map((item, i) => fixTypes(item, `${where}/${i}`, notes))
  if (node === null || typeof node !== 'object') return node
  const out: Record<string, Json> = {}
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type' && typeof value === 'string' && !jsonTypes.has(value) && value.includes('/')) {
      notes.push(`${where}: type "${value}" lists the values, not a type; read as a string enum`)
      out.type = 'string'
      out.enum = value.split('/')
    } else if (key === 'type' && typeof value === 'string' && !jsonTypes.has(value)) {
      notes.push(`${where}: type "${value}" is not a JSON Schema type; read as an ISO 8601 string`)
      out.type = 'string'
      out.format = 'date-time'
    } else out[key] = fixTypes(value, key === 'properties' ? where : `${where}/${key}`, notes)
  }
  return out
}

/**
 * A block's JSON. Some pages' blocks are not quite JSON: trailing commas (RelationDelete) or an
 * example written as bare members without its outer braces; each repair is noted.
 */
function parseBlock(file: string, block: Block, notes: string[]): Json {
  const label = block.title || 'a block'
  const repairs: [string, (text: string) => string][] = [
    ['', (text) => text],
    ['has trailing commas; read without them', (text) => text.replace(/,(\s*[}\]])/g, '$1')],
    ['is written without its outer braces; read as an object', (text) => `{${text.trim().replace(/,\s*$/, '')}}`],
  ]
  let first: Error | undefined
  for (const [note, repair] of repairs) {
    try {
      const value = JSON.parse(repair(block.text)) as Json
      if (note) notes.push(`${label}: ${note}`)
      return value
    } catch (error) {
      first ??= error as Error
    }
  }
  throw new Error(`${file}: block "${label}" is not JSON (${first?.message})`)
}

export function vendorPage(file: string, markdown: string): VendoredEvent {
  const name = path.basename(file, '.md')
  const blocks = blocksOf(markdown)
  const description = markdown.replace(/^---[\s\S]*?---\s*/, '').split('\n').find((line) => line.trim() !== '' && !line.startsWith('#'))?.trim() ?? ''
  const normalized: string[] = []
  const schemas: VendoredEvent['schemas'] = []
  const examples: VendoredEvent['examples'] = []
  for (const block of blocks) {
    if (!block.info.startsWith('json')) continue
    const value = parseBlock(file, block, normalized)
    if (block.info.includes('json_schema')) {
      schemas.push({ title: block.title, schema: fixTypes(value, '', normalized) })
    } else if (/schema/i.test(block.title) && schemas.length === 0) {
      normalized.push('the page gives its schema as a sample with type names for values; converted to JSON Schema')
      schemas.push({ title: block.title, schema: schemaFromTypeSketch(value) })
    } else examples.push({ title: block.title, value })
  }
  if (schemas.length === 0) throw new Error(`${file}: no payload schema found`)
  const schema = schemas.length === 1 ? schemas[0]!.schema : { anyOf: schemas.map((s) => s.schema) }
  return { type: typeOfPage[name] ?? name, page: `docs/webhook events/${name}.md`, description, schema, schemas, examples, normalized }
}

function readme(commit: string, count: number): string {
  return `# HighLevel webhook event payloads (vendored)

\`webhook-events/<EventType>.json\` holds the payload JSON schema(s) and example(s) of each of the
${count} pages under \`docs/webhook events/\` of HighLevel's official
[highlevel-api-docs](https://github.com/GoHighLevel/highlevel-api-docs) repository, commit
\`${commit}\`. That repository is published under CC0 1.0 (\`LICENSE\`, copied verbatim); ghl-mock
is not an official HighLevel product.

Written by \`npx tsx scripts/vendor-webhook-schemas.ts --from <ghl-docs dir>\` (default
\`../shared/ghl-docs\`); do not edit by hand. The page \`AppInstall\` is the \`INSTALL\` event and
\`AppUninstall\` the \`UNINSTALL\` event. Each file's \`normalized\` lists what the script changed
so that the page's schema is valid JSON Schema (a sketch of type names turned into a schema, a
\`"Date"\` type read as an ISO 8601 string, trailing commas); the schemas are otherwise as published.
Where the live platform is known to differ from a schema, the exception lives with the test
(\`test/webhook-payloads.test.ts\`), not here.
`
}

function main(argv: readonly string[]): void {
  const fromFlag = argv.indexOf('--from')
  const docs = fromFlag >= 0 ? path.resolve(argv[fromFlag + 1]!) : process.env['GHL_DOCS_DIR'] ?? path.resolve(repoRoot, '../shared/ghl-docs')
  const pages = path.join(docs, 'webhook events')
  const files = readdirSync(pages).filter((file) => file.endsWith('.md')).sort()
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  for (const file of files) {
    const event = vendorPage(file, readFileSync(path.join(pages, file), 'utf8'))
    writeFileSync(path.join(outDir, `${event.type}.json`), `${JSON.stringify(event, null, 2)}\n`)
  }
  const baseDir = path.dirname(outDir)
  writeFileSync(path.join(baseDir, 'LICENSE'), readFileSync(path.join(docs, 'LICENSE'), 'utf8'))
  const commit = /commit `([0-9a-f]{40})`/.exec(readFileSync(path.join(docs, 'SOURCE.md'), 'utf8'))?.[1] ?? 'unknown'
  writeFileSync(path.join(baseDir, 'README.md'), readme(commit, files.length))
  console.log(`vendor-webhook-schemas: wrote ${files.length} events to ${path.relative(repoRoot, outDir)}/ from ${pages}`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2))
