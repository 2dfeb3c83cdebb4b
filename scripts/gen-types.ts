// Per-module TypeScript types via openapi-typescript's Node API. Input is the spec already
// bundled with the common schemas (gen-specs.ts), so nothing here touches the file system.
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript'
import { bundleCommon, type LoadedSpec, type SpecSet } from './gen-specs.js'

/** `types/<module>.ts` body (without the generated-file header). */
export async function renderModuleTypes(spec: LoadedSpec, set: SpecSet): Promise<string> {
  const bundled = bundleCommon(spec, set) as unknown as OpenAPI3
  // silent: redocly's lint warnings about the upstream specs are not ours to fix.
  const ast = await openapiTS(bundled, { silent: true })
  return astToString(ast)
}
