// Repositories for the records a location owns besides the CRM core: businesses, recurring
// tasks, email/SMS templates, custom-field folders and uploads, plus the extra lookups the
// location endpoints need on the tags, custom_fields and custom_values tables (migration 7).
import type { Db } from './db.js'
import { createRecordRepo, recordRowFromRaw, type RawRecordRow, type RecordRepo, type RecordRow } from './records.js'
import { createLocationTaskQueries, type LocationTaskQueries } from './location-tasks.js'

type Json = Record<string, unknown>

/** Offset paging (`skip`/`limit`) over a location's records, oldest first. */
export interface OffsetPaged {
  page(locationId: string, skip: number, limit: number): RecordRow<Json>[]
}

export interface TemplateQuery {
  deleted: boolean
  type?: string
  skip: number
  limit: number
}

export interface LocationRecordRepos {
  businesses: RecordRepo<Json> & OffsetPaged
  recurringTasks: RecordRepo<Json>
  templates: RecordRepo<Json> & {
    page(locationId: string, query: TemplateQuery): { rows: RecordRow<Json>[]; total: number }
  }
  customFieldFolders: RecordRepo<Json> & {
    listByObjectKey(locationId: string, objectKey: string): RecordRow<Json>[]
  }
  customFieldUploads: RecordRepo<Json>
  locationTasks: LocationTaskQueries
  /** Lookups over the tables of migration 1 that the record repositories do not offer. */
  locationQueries: {
    /** The location's tags, by name. */
    tagsByName(locationId: string): RecordRow<Json>[]
    tagByName(locationId: string, name: string): RecordRow<Json> | undefined
    /** The location's custom fields of these object keys (`contact`, `custom_objects.pet`), oldest first. */
    customFieldsOf(locationId: string, objectKeys: readonly string[]): RecordRow<Json>[]
    customFieldByKey(locationId: string, fieldKey: string): RecordRow<Json> | undefined
    countCustomFieldsInFolder(locationId: string, objectKey: string, folderId: string): number
    customValueByName(locationId: string, name: string): RecordRow<Json> | undefined
    customValueByKey(locationId: string, fieldKey: string): RecordRow<Json> | undefined
  }
}

type RawRow = RawRecordRow

const toRow = (raw: RawRow): RecordRow<Json> => recordRowFromRaw(raw)
const toRows = (raws: unknown[]) => (raws as RawRow[]).map(toRow)
const toMaybeRow = (raw: unknown) => (raw ? toRow(raw as RawRow) : undefined)

const BASE = 'id, location_id, data, created_at, updated_at'

export function createLocationRecordRepos(db: Db): LocationRecordRepos {
  const text = (value: unknown) => String(value ?? '')
  const s = {
    businessPage: db.prepare(`SELECT ${BASE} FROM businesses WHERE location_id = ? ORDER BY created_at, id LIMIT ? OFFSET ?`),
    templatePage: db.prepare(
      `SELECT ${BASE} FROM location_templates WHERE location_id = @locationId AND deleted = @deleted
         AND (@type IS NULL OR type = @type) ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @skip`,
    ),
    templateCount: db.prepare(
      `SELECT count(*) AS n FROM location_templates WHERE location_id = @locationId AND deleted = @deleted AND (@type IS NULL OR type = @type)`,
    ),
    foldersByObject: db.prepare(
      `SELECT ${BASE} FROM custom_field_folders WHERE location_id = ? AND object_key = ? ORDER BY created_at, id`,
    ),
    tagsByName: db.prepare(`SELECT ${BASE} FROM tags WHERE location_id = ? ORDER BY name`),
    tagByName: db.prepare(`SELECT ${BASE} FROM tags WHERE location_id = ? AND name = ?`),
    fieldsOf: db.prepare(
      `SELECT ${BASE} FROM custom_fields WHERE location_id = ? AND object_key IN (SELECT value FROM json_each(?)) ORDER BY created_at, id`,
    ),
    fieldByKey: db.prepare(`SELECT ${BASE} FROM custom_fields WHERE location_id = ? AND field_key = ?`),
    fieldsInFolder: db.prepare(
      `SELECT count(*) AS n FROM custom_fields WHERE location_id = ? AND object_key = ? AND json_extract(data, '$.parentId') = ?`,
    ),
    valueByName: db.prepare(`SELECT ${BASE} FROM custom_values WHERE location_id = ? AND name_key = ? LIMIT 1`),
    valueByKey: db.prepare(`SELECT ${BASE} FROM custom_values WHERE location_id = ? AND field_key = ?`),
  }

  const businesses = createRecordRepo<Json>(db, 'businesses')
  const templates = createRecordRepo<Json>(
    db,
    'location_templates',
    (t) => ({ type: text(t.type), deleted: t.deleted === true ? 1 : 0 }),
    ['type', 'deleted'],
  )
  const folders = createRecordRepo<Json>(db, 'custom_field_folders', (f) => ({ object_key: text(f.objectKey) }), ['object_key'])
  const uploads = createRecordRepo<Json>(db, 'custom_field_uploads', (u) => ({ field_id: text(u.fieldId) }), ['field_id'])

  return {
    businesses: {
      ...businesses,
      page: (locationId, skip, limit) => toRows(s.businessPage.all(locationId, limit, skip)),
    },
    recurringTasks: createRecordRepo<Json>(db, 'recurring_tasks'),
    templates: {
      ...templates,
      page(locationId, query) {
        const params = { locationId, deleted: query.deleted ? 1 : 0, type: query.type ?? null }
        return {
          rows: toRows(s.templatePage.all({ ...params, limit: query.limit, skip: query.skip })),
          total: (s.templateCount.get(params) as { n: number }).n,
        }
      },
    },
    customFieldFolders: {
      ...folders,
      listByObjectKey: (locationId, objectKey) => toRows(s.foldersByObject.all(locationId, objectKey)),
    },
    customFieldUploads: uploads,
    locationTasks: createLocationTaskQueries(db),
    locationQueries: {
      tagsByName: (locationId) => toRows(s.tagsByName.all(locationId)),
      tagByName: (locationId, name) => toMaybeRow(s.tagByName.get(locationId, name)),
      customFieldsOf: (locationId, objectKeys) => toRows(s.fieldsOf.all(locationId, JSON.stringify(objectKeys))),
      customFieldByKey: (locationId, fieldKey) => toMaybeRow(s.fieldByKey.get(locationId, fieldKey)),
      countCustomFieldsInFolder: (locationId, objectKey, folderId) =>
        (s.fieldsInFolder.get(locationId, objectKey, folderId) as { n: number }).n,
      customValueByName: (locationId, name) => toMaybeRow(s.valueByName.get(locationId, name.trim().toLowerCase())),
      customValueByKey: (locationId, fieldKey) => toMaybeRow(s.valueByKey.get(locationId, fieldKey)),
    },
  }
}
