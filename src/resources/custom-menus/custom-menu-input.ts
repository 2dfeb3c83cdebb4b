// Reads a custom menu link body (CreateCustomMenuDTO / UpdateCustomMenuDTO) field by field into
// the stored shape, collecting every problem for one 422. Shape only: which sub-accounts exist is
// checked by the handler.
import type { customMenus } from '../../generated/index.js'
import type { BodyOf } from '../../handlers/handler.js'
import { Problems } from '../kit/index.js'

type CreateBody = customMenus.components['schemas']['CreateCustomMenuDTO']
/** The fields a link stores; what the API answers is this plus `id` and `order`. */
export type MenuFields = Partial<CreateBody>

const OPEN_MODES = ['iframe', 'new_tab', 'current_tab'] as const
const USER_ROLES = ['all', 'admin', 'user'] as const
const FONT_FAMILIES = ['fab', 'fas', 'far'] as const
const FLAGS = ['showOnCompany', 'showOnLocation', 'showToAllLocations', 'allowCamera', 'allowMicrophone'] as const

/**
 * The fields present in `body`; on create every field the DTO requires must be there (the spec
 * lists all nine as required), on update any subset.
 */
export function readMenuFields(body: BodyOf<'create-custom-menu'> | BodyOf<'update-custom-menu'>, creating: boolean): MenuFields {
  const problems = new Problems()
  const has = (field: keyof CreateBody) => creating || body[field] !== undefined
  const fields: MenuFields = {}
  if (has('title')) fields.title = problems.text('title', body.title, true)
  if (has('url')) fields.url = readUrl(problems, body.url)
  if (has('icon')) fields.icon = readIcon(problems, body.icon)
  for (const flag of FLAGS) {
    const required = creating && flag !== 'allowCamera' && flag !== 'allowMicrophone'
    if (body[flag] === undefined && !required) continue
    if (typeof body[flag] === 'boolean') fields[flag] = body[flag]
    else problems.add(`${flag} must be a boolean value`)
  }
  if (has('openMode')) fields.openMode = present(problems, 'openMode', body.openMode, problems.oneOf('openMode', body.openMode, OPEN_MODES))
  if (has('userRole')) fields.userRole = present(problems, 'userRole', body.userRole, problems.oneOf('userRole', body.userRole, USER_ROLES))
  if (has('locations')) fields.locations = present(problems, 'locations', body.locations, problems.strings('locations', body.locations))
  problems.check()
  return fields
}

/** `value` as read; a field that was required but absent also gets class-validator's "should not be empty". */
function present<T>(problems: Problems, field: string, raw: unknown, value: T | undefined): T | undefined {
  if (raw === undefined || raw === null) problems.add(`${field} should not be empty`)
  return value
}

function readUrl(problems: Problems, raw: unknown): string | undefined {
  const url = problems.text('url', raw, true)
  if (url === undefined) return undefined
  if (!/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(url)) {
    problems.add('url must be a URL address')
    return undefined
  }
  return url
}

function readIcon(problems: Problems, raw: unknown): CreateBody['icon'] | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.add('icon must be an object')
    return undefined
  }
  const icon = raw as Record<string, unknown>
  const name = problems.text('icon.name', icon.name, true)
  const fontFamily = problems.oneOf('icon.fontFamily', icon.fontFamily, FONT_FAMILIES)
  if (fontFamily === undefined && icon.fontFamily === undefined) problems.add('icon.fontFamily should not be empty')
  return name !== undefined && fontFamily !== undefined ? { name, fontFamily } : undefined
}
