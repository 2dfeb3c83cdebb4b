// Ajv's errors as HighLevel reports validation failures: class-validator sentences ("email must
// be a string") with NestJS's dotted property paths ("customFields.0.id should not be empty").
import type { ErrorObject } from 'ajv'

/** One message per violation, in the order found, without repeats. */
export function describeViolations(errors: readonly ErrorObject[]): string[] {
  // A failed anyOf/oneOf also reports every branch's own failures; those say nothing useful to a
  // client, so keep the combinator's single sentence and drop what lies under it.
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath)
  const underCombinator = (e: ErrorObject) =>
    e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && combinators.some((p) => e.instancePath === p || e.instancePath.startsWith(`${p}/`))
  const out: string[] = []
  for (const error of errors) {
    if (underCombinator(error)) continue
    const message = sentence(error)
    if (message !== undefined && !out.includes(message)) out.push(message)
  }
  return out
}

function propertyPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.')
}

function sentence(error: ErrorObject): string | undefined {
  const path = propertyPath(error.instancePath)
  const params = error.params as Record<string, unknown>
  if (error.keyword === 'required') {
    const field = String(params.missingProperty)
    return `${path === '' ? field : `${path}.${field}`} should not be empty`
  }
  const subject = path === '' ? 'request body' : path
  switch (error.keyword) {
    case 'type':
      return `${subject} ${typeSentence(String(params.type).split(',')[0] ?? '')}`
    case 'enum':
      return `${subject} must be a valid enum value`
    case 'const':
      return `${subject} must be equal to ${JSON.stringify(params.allowedValue)}`
    case 'format':
      return `${subject} ${formatSentence(String(params.format))}`
    case 'minLength':
      return Number(params.limit) === 1 ? `${subject} should not be empty` : `${subject} must be longer than or equal to ${String(params.limit)} characters`
    case 'maxLength':
      return `${subject} must be shorter than or equal to ${String(params.limit)} characters`
    case 'minimum':
    case 'exclusiveMinimum':
      return `${subject} must not be less than ${String(params.limit)}`
    case 'maximum':
    case 'exclusiveMaximum':
      return `${subject} must not be greater than ${String(params.limit)}`
    case 'minItems':
      return `${subject} must contain at least ${String(params.limit)} elements`
    case 'maxItems':
      return `${subject} must contain no more than ${String(params.limit)} elements`
    case 'uniqueItems':
      return `All ${subject}'s elements must be unique`
    case 'pattern':
      return `${subject} must match ${String(params.pattern)} regular expression`
    case 'anyOf':
    case 'oneOf':
      return `${subject} must match one of the allowed shapes`
    default:
      return `${subject} ${error.message ?? 'is invalid'}`
  }
}

function typeSentence(type: string): string {
  switch (type) {
    case 'string':
      return 'must be a string'
    case 'number':
      return 'must be a number conforming to the specified constraints'
    case 'integer':
      return 'must be an integer number'
    case 'boolean':
      return 'must be a boolean value'
    case 'array':
      return 'must be an array'
    case 'object':
      return 'must be an object'
    case 'null':
      return 'must be null'
    default:
      return `must be of type ${type}`
  }
}

function formatSentence(format: string): string {
  switch (format) {
    case 'email':
      return 'must be an email'
    case 'date-time':
    case 'date':
      return 'must be a valid ISO 8601 date string'
    case 'uri':
    case 'url':
      return 'must be a URL address'
    case 'uuid':
      return 'must be a UUID'
    default:
      return `must match format "${format}"`
  }
}
