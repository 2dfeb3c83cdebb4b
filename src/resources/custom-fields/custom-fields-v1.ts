// Custom fields v1 (/locations/{locationId}/customFields): list by model, get, create, update,
// delete for contact and opportunity fields. Fields of custom objects are only visible to v2.
import { objectBody } from '../kit/body.js'
import { badRequest } from '../../errors.js'
import type { BodyOf, HandlerSet } from '../../handlers/handler.js'
import type { JsonObject } from '../kit/body.js'
import { ghlId } from '../../world/ids.js'
import { accessibleLocation, runtimeOf, type Ctx } from '../kit/access.js'
import { query, snakeKey } from '../locations/location-input.js'
import { Problems } from '../kit/problems.js'
import {
  byPosition, customFieldMessages, defaultFolderId, objectKeyOf, optionKey, renderV1, standardObjects,
  v1DataTypes, withOptions, type FieldOption,
} from './custom-field-model.js'

type Json = Record<string, unknown>

/** The v1 field with this id in the sub-account; custom-object fields look unknown here. */
function findV1Field(c: Ctx, locationId: string) {
  const row = runtimeOf(c).repos.customFields.getInLocation(locationId, c.req.param('id') ?? '')
  if (!row || !(standardObjects as readonly string[]).includes(objectKeyOf(row.data))) {
    throw badRequest(customFieldMessages.notFound)
  }
  return row
}

/** The optional attributes create and update share (`UpdateCustomFieldsDTO`). */
function readAttributes(input: JsonObject, problems: Problems): Json {
  const out: Json = {}
  const placeholder = problems.text('placeholder', input.placeholder, false)
  if (placeholder !== undefined) out.placeholder = placeholder
  const acceptedFormat = problems.strings('acceptedFormat', input.acceptedFormat)
  if (acceptedFormat !== undefined) out.acceptedFormat = acceptedFormat
  const isMultipleFile = problems.bool('isMultipleFile', input.isMultipleFile)
  if (isMultipleFile !== undefined) out.isMultiFileAllowed = isMultipleFile
  if (input.maxNumberOfFiles !== undefined) out.maxFileLimit = problems.number('maxNumberOfFiles', input.maxNumberOfFiles, { default: 0, min: 0 })
  if (input.position !== undefined) out.position = problems.number('position', input.position, { default: 0, min: 0 })
  if (input.textBoxListOptions !== undefined) {
    const list = input.textBoxListOptions
    if (!Array.isArray(list) || list.some((item) => typeof item !== 'object' || item === null || typeof (item as Json).label !== 'string')) {
      problems.add('textBoxListOptions must be an array of {label, prefillValue}')
    } else out.textBoxListOptions = list
  }
  return out
}

/** Options for option-type fields: v1 clients send `options` or `picklistOptions` as strings. */
function readOptions(input: JsonObject, problems: Problems): FieldOption[] | undefined {
  const name = input.options !== undefined ? 'options' : 'picklistOptions'
  const labels = problems.strings(name, input[name])
  return labels?.map((label) => ({ key: optionKey(label), label }))
}

function listFields(c: Ctx) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  const problems = new Problems()
  const model = problems.oneOf('model', query(c, 'model'), ['contact', 'opportunity', 'all'] as const, 'all')
  problems.check()
  const keys = model === 'all' ? standardObjects : [model]
  const rows = runtimeOf(c).repos.locationQueries.customFieldsOf(location.id, keys).sort(byPosition)
  return c.json({ customFields: rows.map(renderV1) })
}

function getField(c: Ctx) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  return c.json({ customField: renderV1(findV1Field(c, location.id)) })
}

async function createField(c: Ctx, requestBody: BodyOf<'locations.create-custom-field'>) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  const input = objectBody(requestBody)
  const problems = new Problems()
  const name = problems.text('name', input.name, true)
  const dataType = problems.oneOf('dataType', input.dataType, v1DataTypes)
  if (input.dataType === undefined) problems.add('dataType should not be empty')
  const model = problems.oneOf('model', input.model, standardObjects, 'contact')
  const attributes = readAttributes(input, problems)
  const options = readOptions(input, problems)
  problems.check()
  const { repos, clock } = runtimeOf(c)
  const fieldKey = `${model}.${snakeKey(name!) || 'field'}`
  if (repos.locationQueries.customFieldByKey(location.id, fieldKey)) throw badRequest(customFieldMessages.nameExists)
  const now = clock.now()
  const field = withOptions(
    {
      id: ghlId(),
      name: name!.trim(),
      fieldKey,
      placeholder: '',
      dataType,
      position: 0,
      ...attributes,
      locationId: location.id,
      model,
      objectKey: model,
      parentId: defaultFolderId(location.id, model),
      showInForms: true,
      standard: false,
      dateAdded: new Date(now).toISOString(),
    },
    options ?? [],
  )
  const row = { id: String(field.id), locationId: location.id, data: field, createdAt: now, updatedAt: now }
  repos.customFields.insert(row)
  return c.json({ customField: renderV1(row) }, 201)
}

async function updateField(c: Ctx, requestBody: BodyOf<'locations.update-custom-field'>) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  const row = findV1Field(c, location.id)
  const input = objectBody(requestBody)
  const problems = new Problems()
  const name = problems.text('name', input.name, true)
  // `model` is accepted but a field never moves between objects (its key names the object).
  problems.oneOf('model', input.model, standardObjects)
  const attributes = readAttributes(input, problems)
  const options = readOptions(input, problems)
  problems.check()
  let field: Json = { ...row.data, ...attributes, name: name!.trim() }
  if (options !== undefined) field = withOptions(field, options)
  const now = runtimeOf(c).clock.now()
  runtimeOf(c).repos.customFields.update(row.id, field, now)
  return c.json({ customField: renderV1({ ...row, data: field, updatedAt: now }) })
}

function deleteField(c: Ctx) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  const row = findV1Field(c, location.id)
  runtimeOf(c).repos.customFields.remove(row.id)
  return c.json({ succeded: true })
}

export const customFieldV1Handlers: HandlerSet = {
  'get-custom-fields': listFields,
  'get-custom-field': getField,
  'locations.create-custom-field': createField,
  'locations.update-custom-field': updateField,
  'locations.delete-custom-field': deleteField,
}
