// POST /locations/{locationId}/customFields/upload: files for a FILE_UPLOAD field of a contact,
// opportunity or custom field. Accepts the multipart form and records each file's metadata (name,
// type, size) with a stable URL; the bytes themselves are not kept and the URL is not served.
import { randomUUID } from 'node:crypto'
import { badRequest, unprocessable } from '../../errors.js'
import type { HandlerSet } from '../../handlers/handler.js'
import { accessibleLocation, runtimeOf, type Ctx } from '../kit/access.js'
import { Problems } from '../kit/problems.js'

export const UPLOAD_HOST = 'https://storage.ghl-mock.local'

const extensionOf = (name: string) => (/\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? '').toLowerCase()

async function readForm(c: Ctx) {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    throw unprocessable(['request body must be multipart/form-data'])
  }
  try {
    return await c.req.parseBody({ all: true })
  } catch {
    throw badRequest('Multipart: Boundary not found')
  }
}

async function uploadFiles(c: Ctx) {
  const location = accessibleLocation(c, c.req.param('locationId'))
  const form = await readForm(c)
  const problems = new Problems()
  const id = problems.text('id', typeof form.id === 'string' ? form.id : undefined, true)
  const maxFiles = problems.int('maxFiles', typeof form.maxFiles === 'string' ? form.maxFiles : undefined, { default: 15, min: 1 })
  const files = Object.entries(form).flatMap(([fieldname, value]) =>
    (Array.isArray(value) ? value : [value]).filter((item): item is File => item instanceof File).map((file) => ({ fieldname, file })),
  )
  if (files.length === 0) problems.add('file should not be empty')
  else if (files.length > maxFiles) problems.add(`no more than ${maxFiles} files may be uploaded`)
  problems.check()

  const { repos, clock } = runtimeOf(c)
  // The id names the record the files belong to: a contact, an opportunity or a custom field.
  const owner =
    repos.customFields.getInLocation(location.id, id!) ??
    repos.contacts.getInLocation(location.id, id!) ??
    repos.opportunities.getInLocation(location.id, id!)
  if (!owner) throw badRequest('Record not found')

  const now = clock.now()
  const stored = files.map(({ fieldname, file }) => {
    const uploadId = randomUUID()
    const url = `${UPLOAD_HOST}/location/${location.id}/custom-Field/${id}/${uploadId}${extensionOf(file.name)}`
    const entry = { fieldname, originalname: file.name, encoding: '7bit', mimetype: file.type || 'application/octet-stream', size: file.size, url }
    return { uploadId, entry }
  })
  repos.transaction(() => {
    for (const { uploadId, entry } of stored) {
      const data = { ...entry, fieldId: id, locationId: location.id, uploadedAt: new Date(now).toISOString() }
      repos.customFieldUploads.insert({ id: uploadId, locationId: location.id, data, createdAt: now, updatedAt: now })
    }
  })
  const uploadedFiles = Object.fromEntries(stored.map(({ entry }) => [entry.originalname, entry.url]))
  const meta = stored.map(({ entry }) => entry)
  return c.json({ uploadedFiles, meta })
}

export const customFieldUploadHandlers: HandlerSet = {
  'upload-file-customFields': uploadFiles,
}
