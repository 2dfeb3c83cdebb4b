// Custom Fields V2 (/custom-fields): fields of any object (contact, opportunity, custom objects)
// by id and by object key, and their folders. Shares records with v1 (custom-field-model.ts).
import { objectBody } from '../kit/body.js'
import { badRequest, unprocessable } from '../../errors.js'
import type { BodyOf, HandlerSet } from '../../handlers/handler.js'
import type { JsonObject } from '../kit/body.js'
import { ghlId } from '../../world/ids.js'
import { accessibleLocation, mayActOnLocationId, runtimeOf, type Ctx } from '../kit/access.js'
import { query, requiredLocationId } from '../locations/location-input.js'
import { Problems } from '../kit/problems.js'
import {
  customFieldMessages, defaultFolderId, findFolder, foldersOf, isObjectKey, optionKey,
  optionTypes, renderV2, standardObjects, v2DataTypes, withOptions, type FieldOption, type Folder,
} from './custom-field-model.js'

type Json = Record<string, unknown>

const acceptedFormats = ['.pdf', '.docx', '.doc', '.jpg', '.jpeg', '.png', '.gif', '.csv', '.xlsx', '.xls', 'all'] as const

const renderFolder = (folder: Folder) => ({ ...folder, documentType: 'folder' })

/** `options: [{key, label, url?}]`; a missing key is derived from the label. */
function readOptions(input: JsonObject, problems: Problems): FieldOption[] | undefined {
  if (input.options === undefined) return undefined
  if (!Array.isArray(input.options)) {
    problems.add('options must be an array')
    return undefined
  }
  const options: FieldOption[] = []
  input.options.forEach((raw, i) => {
    const option = raw as Json
    if (typeof option !== 'object' || option === null || typeof option.label !== 'string' || option.label.trim() === '') {
      problems.add(`options.${i}.label should not be empty`)
      return
    }
    const key = typeof option.key === 'string' && option.key !== '' ? option.key : optionKey(option.label)
    options.push(typeof option.url === 'string' ? { key, label: option.label, url: option.url } : { key, label: option.label })
  })
  return options
}

/** What create and update share (`UpdateCustomFieldsDTO`). */
function readAttributes(input: JsonObject, problems: Problems): Json {
  const out: Json = {}
  const name = problems.text('name', input.name, false)
  if (name !== undefined) out.name = name.trim()
  const placeholder = problems.text('placeholder', input.placeholder, false)
  if (placeholder !== undefined) out.placeholder = placeholder
  // Required by both DTOs; bool() reports a wrong type, an absent value is reported here.
  const showInForms = problems.bool('showInForms', input.showInForms)
  if (input.showInForms === undefined || input.showInForms === null) problems.add('showInForms must be a boolean value')
  else if (showInForms !== undefined) out.showInForms = showInForms
  const formats = problems.oneOf('acceptedFormats', input.acceptedFormats, acceptedFormats)
  if (formats !== undefined) out.acceptedFormats = formats
  if (input.maxFileLimit !== undefined) out.maxFileLimit = problems.number('maxFileLimit', input.maxFileLimit, { default: 1, min: 1 })
  return out
}

/**
 * The field the path names (custom objects included), if the token may act on its sub-account
 * and it is in `locationId` when one is named; otherwise it looks unknown.
 */
function findV2Field(c: Ctx, locationId: string | undefined) {
  const row = runtimeOf(c).repos.customFields.get(c.req.param('id') ?? '')
  const visible = row && (locationId === undefined || row.locationId === locationId) && mayActOnLocationId(c, row.locationId)
  if (!visible) throw badRequest(customFieldMessages.notFound)
  return row
}

function getField(c: Ctx) {
  return c.json({ field: renderV2(findV2Field(c, query(c, 'locationId') || undefined)) })
}

function listByObjectKey(c: Ctx) {
  const location = accessibleLocation(c, requiredLocationId(c))
  const objectKey = c.req.param('objectKey') ?? ''
  if (!isObjectKey(objectKey)) throw unprocessable(['objectKey must be contact, opportunity, business or custom_objects.<key>'])
  const { repos } = runtimeOf(c)
  const fields = repos.locationQueries.customFieldsOf(location.id, [objectKey]).map(renderV2)
  return c.json({ fields, folders: foldersOf(repos, location.id, objectKey).map(renderFolder) })
}

async function createField(c: Ctx, requestBody: BodyOf<'custom-fields.create-custom-field'>) {
  const input = objectBody(requestBody)
  const problems = new Problems()
  const locationId = problems.text('locationId', input.locationId, true)
  const objectKey = problems.text('objectKey', input.objectKey, true)
  const fieldKey = problems.text('fieldKey', input.fieldKey, true)
  const parentId = problems.text('parentId', input.parentId, true)
  const dataType = problems.oneOf('dataType', input.dataType, v2DataTypes)
  if (input.dataType === undefined) problems.add('dataType should not be empty')
  const attributes = readAttributes(input, problems)
  const options = readOptions(input, problems)
  const allowCustomOption = problems.bool('allowCustomOption', input.allowCustomOption)
  if (objectKey !== undefined && !isObjectKey(objectKey)) problems.add('objectKey must be contact, opportunity, business or custom_objects.<key>')
  if (objectKey !== undefined && fieldKey !== undefined && !new RegExp(`^${objectKey.replace('.', '\\.')}\\.[a-z0-9_]+$`).test(fieldKey)) {
    problems.add(`fieldKey must be ${objectKey}.<key> (lower-case letters, digits and underscores)`)
  }
  if (dataType !== undefined && optionTypes.includes(dataType) && (options === undefined || options.length === 0)) {
    problems.add('options should not be empty')
  }
  problems.check()
  const location = accessibleLocation(c, locationId)
  const { repos, clock } = runtimeOf(c)
  const folder = findFolder(repos, location.id, parentId!)
  if (!folder || folder.objectKey !== objectKey) throw badRequest(customFieldMessages.folderNotFound)
  if (repos.locationQueries.customFieldByKey(location.id, fieldKey!)) throw badRequest(customFieldMessages.keyExists)
  const now = clock.now()
  const standard = (standardObjects as readonly string[]).includes(objectKey!)
  const field = withOptions(
    {
      id: ghlId(),
      name: fieldKey!.slice(objectKey!.length + 1),
      placeholder: '',
      ...attributes,
      fieldKey,
      dataType,
      objectKey,
      ...(standard ? { model: objectKey } : {}),
      parentId: folder.id,
      position: 0,
      ...(allowCustomOption !== undefined ? { allowCustomOption } : {}),
      locationId: location.id,
      standard: false,
      dateAdded: new Date(now).toISOString(),
    },
    options ?? [],
  )
  const row = { id: String(field.id), locationId: location.id, data: field, createdAt: now, updatedAt: now }
  repos.customFields.insert(row)
  return c.json({ field: renderV2(row) }, 201)
}

async function updateField(c: Ctx, requestBody: BodyOf<'custom-fields.update-custom-field'>) {
  const input = objectBody(requestBody)
  const problems = new Problems()
  const locationId = problems.text('locationId', input.locationId, true)
  const attributes = readAttributes(input, problems)
  const options = readOptions(input, problems)
  problems.check()
  const location = accessibleLocation(c, locationId)
  const row = findV2Field(c, location.id)
  let field: Json = { ...row.data, ...attributes }
  if (options !== undefined) field = withOptions(field, options)
  const now = runtimeOf(c).clock.now()
  runtimeOf(c).repos.customFields.update(row.id, field, now)
  return c.json({ field: renderV2({ ...row, data: field, updatedAt: now }) })
}

function deleteField(c: Ctx) {
  const row = findV2Field(c, query(c, 'locationId') || undefined)
  runtimeOf(c).repos.customFields.remove(row.id)
  return c.json({ succeded: true, id: row.id, key: String(row.data.fieldKey) })
}

async function createFolder(c: Ctx, requestBody: BodyOf<'create-custom-field-folder'>) {
  const input = objectBody(requestBody)
  const problems = new Problems()
  const locationId = problems.text('locationId', input.locationId, true)
  const objectKey = problems.text('objectKey', input.objectKey, true)
  const name = problems.text('name', input.name, true)
  if (objectKey !== undefined && !isObjectKey(objectKey)) problems.add('objectKey must be contact, opportunity, business or custom_objects.<key>')
  problems.check()
  const location = accessibleLocation(c, locationId)
  const { repos, clock } = runtimeOf(c)
  const now = clock.now()
  const folder = { id: ghlId(), name: name!.trim(), objectKey: objectKey!, locationId: location.id }
  repos.customFieldFolders.insert({ id: folder.id, locationId: location.id, data: folder, createdAt: now, updatedAt: now })
  return c.json(findFolder(repos, location.id, folder.id)!, 201)
}

async function updateFolder(c: Ctx, requestBody: BodyOf<'update-custom-field-folder'>) {
  const input = objectBody(requestBody)
  const problems = new Problems()
  const locationId = problems.text('locationId', input.locationId, true)
  const name = problems.text('name', input.name, true)
  problems.check()
  const location = accessibleLocation(c, locationId)
  const { repos, clock } = runtimeOf(c)
  const folder = findFolder(repos, location.id, c.req.param('id') ?? '')
  if (!folder) throw badRequest(customFieldMessages.folderNotFound)
  const now = clock.now()
  const data = { id: folder.id, name: name!.trim(), objectKey: folder.objectKey, locationId: location.id }
  if (repos.customFieldFolders.getInLocation(location.id, folder.id)) repos.customFieldFolders.update(folder.id, data, now)
  // The default folder is stored the first time it is renamed.
  else repos.customFieldFolders.insert({ id: folder.id, locationId: location.id, data, createdAt: Date.parse(folder.dateAdded), updatedAt: now })
  return c.json(findFolder(repos, location.id, folder.id)!)
}

function deleteFolder(c: Ctx) {
  const location = accessibleLocation(c, requiredLocationId(c))
  const { repos } = runtimeOf(c)
  const folder = findFolder(repos, location.id, c.req.param('id') ?? '')
  if (!folder) throw badRequest(customFieldMessages.folderNotFound)
  if (folder.id === defaultFolderId(location.id, folder.objectKey)) throw badRequest(customFieldMessages.defaultFolder)
  if (repos.locationQueries.countCustomFieldsInFolder(location.id, folder.objectKey, folder.id) > 0) {
    throw badRequest(customFieldMessages.folderNotEmpty)
  }
  repos.customFieldFolders.remove(folder.id)
  return c.json({ succeded: true, id: folder.id, key: folder.objectKey })
}

export const customFieldV2Handlers: HandlerSet = {
  'get-custom-field-by-id': getField,
  'get-custom-fields-by-object-key': listByObjectKey,
  'custom-fields.create-custom-field': createField,
  'custom-fields.update-custom-field': updateField,
  'custom-fields.delete-custom-field': deleteField,
  'create-custom-field-folder': createFolder,
  'update-custom-field-folder': updateFolder,
  'delete-custom-field-folder': deleteFolder,
}
