// One custom field, two APIs: the v1 shape (/locations/{id}/customFields, `model`,
// `picklistOptions`) and the v2 shape (/custom-fields, `objectKey`, `options`, folders). Both are
// views of one stored record in the custom_fields table; this file converts between them and knows
// the default folder every standard object has. No HTTP, no SQL.
import { createHash } from 'node:crypto'
import type { RecordRow } from '../../storage/records.js'
import type { Repos } from '../../storage/repos.js'

type Json = Record<string, unknown>

export interface FieldOption {
  key: string
  label: string
  url?: string
}

export const customFieldMessages = {
  notFound: 'Custom field not found',
  keyExists: 'Custom field with this key already exists',
  nameExists: 'Custom field with this name already exists',
  folderNotFound: 'Folder not found',
  defaultFolder: 'The default folder cannot be deleted',
  folderNotEmpty: 'Folder is not empty: move or delete its custom fields first',
} as const

/** v2's data types (its create enum); v1 also knows a few older ones. */
export const v2DataTypes = [
  'TEXT', 'LARGE_TEXT', 'NUMERICAL', 'PHONE', 'MONETORY', 'CHECKBOX', 'SINGLE_OPTIONS',
  'MULTIPLE_OPTIONS', 'DATE', 'TEXTBOX_LIST', 'FILE_UPLOAD', 'RADIO', 'EMAIL',
] as const
export const v1DataTypes = [...v2DataTypes, 'FLOAT', 'TIME', 'SIGNATURE'] as const
/** Types whose values come from a list of options. */
export const optionTypes: readonly string[] = ['SINGLE_OPTIONS', 'MULTIPLE_OPTIONS', 'CHECKBOX', 'RADIO']

/** The standard objects v1 calls `model`; each has a default folder. */
export const standardObjects = ['contact', 'opportunity'] as const

/** `contact`, `opportunity`, `business` or a custom object (`custom_objects.pet`). */
export const isObjectKey = (key: string): boolean => /^(contact|opportunity|business|custom_objects?\.[a-z0-9_]+)$/.test(key)

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** The default folder's id: derived, so it exists for every sub-account without being stored. */
export function defaultFolderId(locationId: string, objectKey: string): string {
  const digest = createHash('sha256').update(`${locationId}:${objectKey}:default-folder`).digest()
  return Array.from(digest.subarray(0, 20), (byte) => ALNUM[byte % ALNUM.length]).join('')
}

/** A folder as stored (a renamed default folder is stored under its derived id). */
export interface Folder {
  id: string
  name: string
  objectKey: string
  locationId: string
  dateAdded: string
  dateUpdated: string
}

const iso = (ms: number) => new Date(ms).toISOString()

/** The folders of one object in a sub-account: the default one (for standard objects) first. */
export function foldersOf(repos: Repos, locationId: string, objectKey: string): Folder[] {
  const stored = repos.customFieldFolders.listByObjectKey(locationId, objectKey).map(folderFromRow)
  if (!(standardObjects as readonly string[]).includes(objectKey)) return stored
  const defaultId = defaultFolderId(locationId, objectKey)
  const renamed = stored.find((folder) => folder.id === defaultId)
  const created = iso(repos.locations.createdAt(locationId) ?? 0)
  const defaultFolder = renamed ?? {
    id: defaultId, name: 'General Info', objectKey, locationId, dateAdded: created, dateUpdated: created,
  }
  return [defaultFolder, ...stored.filter((folder) => folder.id !== defaultId)]
}

/** The folder with this id in the sub-account, stored or default. */
export function findFolder(repos: Repos, locationId: string, id: string): Folder | undefined {
  const row = repos.customFieldFolders.getInLocation(locationId, id)
  if (row) return folderFromRow(row)
  const objectKey = standardObjects.find((key) => defaultFolderId(locationId, key) === id)
  return objectKey ? foldersOf(repos, locationId, objectKey)[0] : undefined
}

function folderFromRow(row: RecordRow<Json>): Folder {
  const data = row.data
  return {
    id: row.id,
    name: String(data.name ?? ''),
    objectKey: String(data.objectKey),
    locationId: row.locationId,
    dateAdded: iso(row.createdAt),
    dateUpdated: iso(row.updatedAt),
  }
}

/** The field's options whichever API wrote it (seeded v1 fields carry only `picklistOptions`). */
export function optionsOf(field: Json): FieldOption[] {
  if (Array.isArray(field.options)) return field.options as FieldOption[]
  const labels = Array.isArray(field.picklistOptions) ? (field.picklistOptions as unknown[]) : []
  return labels.map((label) => ({ key: optionKey(String(label)), label: String(label) }))
}

export const optionKey = (label: string): string => label.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '')

/** Stores options in both shapes so v1 and v2 readers (and contact validation) agree. */
export const withOptions = (field: Json, options: FieldOption[]): Json => ({
  ...field,
  options,
  picklistOptions: options.map((option) => option.label),
})

export const objectKeyOf = (field: Json): string => String(field.objectKey ?? field.model ?? 'contact')

/** `GET /locations/{id}/customFields[/{id}]`'s `CustomFieldSchema`. */
export function renderV1(row: RecordRow<Json>): Json {
  const field = row.data
  return {
    id: row.id,
    name: field.name,
    fieldKey: field.fieldKey,
    placeholder: field.placeholder ?? '',
    dataType: field.dataType,
    position: typeof field.position === 'number' ? field.position : 0,
    picklistOptions: optionsOf(field).map((option) => option.label),
    picklistImageOptions: [],
    isAllowedCustomOption: field.allowCustomOption === true,
    isMultiFileAllowed: field.isMultiFileAllowed === true,
    maxFileLimit: typeof field.maxFileLimit === 'number' ? field.maxFileLimit : 0,
    ...(Array.isArray(field.acceptedFormat) ? { acceptedFormat: field.acceptedFormat } : {}),
    ...(Array.isArray(field.textBoxListOptions) ? { textBoxListOptions: field.textBoxListOptions } : {}),
    locationId: row.locationId,
    model: objectKeyOf(field),
    standard: field.standard === true,
    dateAdded: iso(row.createdAt),
  }
}

/** `/custom-fields` `ICustomField`. */
export function renderV2(row: RecordRow<Json>): Json {
  const field = row.data
  const objectKey = objectKeyOf(field)
  const options = optionsOf(field)
  return {
    id: row.id,
    name: field.name,
    locationId: row.locationId,
    objectKey,
    fieldKey: field.fieldKey,
    dataType: field.dataType,
    parentId: typeof field.parentId === 'string' ? field.parentId : defaultFolderId(row.locationId, objectKey),
    placeholder: field.placeholder ?? '',
    showInForms: field.showInForms !== false,
    position: typeof field.position === 'number' ? field.position : 0,
    ...(options.length > 0 || optionTypes.includes(String(field.dataType)) ? { options } : {}),
    ...(typeof field.acceptedFormats === 'string' ? { acceptedFormats: field.acceptedFormats } : {}),
    ...(typeof field.maxFileLimit === 'number' ? { maxFileLimit: field.maxFileLimit } : {}),
    ...(typeof field.allowCustomOption === 'boolean' ? { allowCustomOption: field.allowCustomOption } : {}),
    documentType: 'field',
    dateAdded: iso(row.createdAt),
    dateUpdated: iso(row.updatedAt),
  }
}

/** v1 lists fields by position, then age. */
export const byPosition = (a: RecordRow<Json>, b: RecordRow<Json>): number =>
  Number(a.data.position ?? 0) - Number(b.data.position ?? 0) || a.createdAt - b.createdAt
