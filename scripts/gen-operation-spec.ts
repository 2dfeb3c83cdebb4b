// The text of src/generated/operation-spec.ts: the shape of one compiled operation. Kept as a
// template here (not hand-written under src/generated/) so everything in that folder is generated.
export const OPERATION_SPEC_SOURCE = `/** Token kinds, named as HighLevel's specs name their security schemes. */
export type SecurityScheme =
  | 'bearer'
  | 'Location-Access'
  | 'Location-Access-Only'
  | 'Agency-Access'
  | 'Agency-Access-Only'

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

/**
 * An OpenAPI 3.0 schema object, unchanged except that every \`$ref\` is a key of \`schemas\`
 * (\`{ "$ref": "contacts/CreateContactDto" }\`, \`{ "$ref": "common/BadRequestDTO" }\`).
 * OpenAPI-isms (\`nullable\`, \`example\`, \`format\`, \`enum\`) are kept as the spec has them.
 */
export type SchemaObject = { readonly [keyword: string]: unknown }

/** Every component schema of every spec, keyed \`<module>/<SchemaName>\` (common ones \`common/<Name>\`). */
export type SchemaTable = { readonly [key: string]: SchemaObject }

/** One alternative of the operation's \`security\` list (OpenAPI: alternatives are OR-ed). */
export interface SecurityRequirement {
  readonly scheme: SecurityScheme
  readonly scopes: readonly string[]
}

/** A declared parameter; the \`Version\` and \`Authorization\` headers are lifted out (see \`versions\`). */
export interface ParamSpec {
  readonly name: string
  readonly in: 'path' | 'query' | 'header'
  readonly required: boolean
  readonly schema: SchemaObject
}

export interface RequestBodySpec {
  /** The media type to validate against: application/json when offered, else the first listed. */
  readonly contentType: string
  /** Every media type the spec lists, in spec order. */
  readonly contentTypes: readonly string[]
  readonly required: boolean
  readonly schema: SchemaObject | null
}

/** One operation of HighLevel's v2 API as compiled from its OpenAPI spec, before any override. */
export interface OperationSpec {
  /** Unique id: the operationId, or \`<module>.<operationId>\` where specs reuse an operationId. */
  readonly key: string
  readonly operationId: string
  /** The spec file's basename, e.g. \`contacts\`. */
  readonly module: string
  readonly summary: string
  readonly deprecated: boolean
  readonly method: HttpMethod
  /** OpenAPI form: \`/contacts/{contactId}\`. */
  readonly path: string
  /** Hono form: \`/contacts/:contactId\`. */
  readonly honoPath: string
  /** As listed by the spec; empty when it lists none. */
  readonly security: readonly SecurityRequirement[]
  /** The \`Version\` header's enum; empty when the operation declares no Version header. */
  readonly versions: readonly string[]
  readonly params: readonly ParamSpec[]
  readonly requestBody: RequestBodySpec | null
  /** Lowest 2xx status the spec declares (200 if none). */
  readonly successStatus: number
  /** JSON schema of that success response, or null when it has no JSON body. */
  readonly responseSchema: SchemaObject | null
  /** The success response's media-type example (\`example\`, else the first \`examples\` value). */
  readonly responseExample?: unknown
}
`
