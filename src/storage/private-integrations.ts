// Private integrations (the metadata behind `pit-…` tokens): name, owner, scopes and which token
// rows are current. The token rows themselves live in the tokens table.
import type { Db } from './db.js'
import type { AuthClass } from './tokens.js'

export interface PrivateIntegrationRow {
  id: string
  name: string
  description: string
  authClass: AuthClass
  companyId: string
  locationId: string | null
  scopes: string[]
  tokenId: string
  /** The token replaced by the last rotation (alive until its grace window ends). */
  previousTokenId: string | null
  createdAt: number
  updatedAt: number
  rotatedAt: number | null
  deletedAt: number | null
}

interface RawIntegration {
  id: string
  name: string
  description: string
  auth_class: AuthClass
  company_id: string
  location_id: string | null
  scopes: string
  token_id: string
  previous_token_id: string | null
  created_at: number
  updated_at: number
  rotated_at: number | null
  deleted_at: number | null
}

const fromRaw = (raw: RawIntegration): PrivateIntegrationRow => ({
  id: raw.id,
  name: raw.name,
  description: raw.description,
  authClass: raw.auth_class,
  companyId: raw.company_id,
  locationId: raw.location_id,
  scopes: raw.scopes === '' ? [] : raw.scopes.split(' '),
  tokenId: raw.token_id,
  previousTokenId: raw.previous_token_id,
  createdAt: raw.created_at,
  updatedAt: raw.updated_at,
  rotatedAt: raw.rotated_at,
  deletedAt: raw.deleted_at,
})

export interface PrivateIntegrationRepo {
  insert(row: PrivateIntegrationRow): void
  get(id: string): PrivateIntegrationRow | undefined
  /** Live integrations, oldest first. */
  list(): PrivateIntegrationRow[]
  update(row: PrivateIntegrationRow): void
}

export function createPrivateIntegrationRepo(db: Db): PrivateIntegrationRepo {
  const s = {
    insert: db.prepare(`INSERT INTO private_integrations (id, name, description, auth_class, company_id, location_id,
      scopes, token_id, previous_token_id, created_at, updated_at, rotated_at, deleted_at) VALUES (@id, @name,
      @description, @authClass, @companyId, @locationId, @scopes, @tokenId, @previousTokenId, @createdAt, @updatedAt,
      @rotatedAt, @deletedAt)`),
    get: db.prepare('SELECT * FROM private_integrations WHERE id = ? AND deleted_at IS NULL'),
    list: db.prepare('SELECT * FROM private_integrations WHERE deleted_at IS NULL ORDER BY created_at, id'),
    update: db.prepare(`UPDATE private_integrations SET name = @name, description = @description, scopes = @scopes,
      token_id = @tokenId, previous_token_id = @previousTokenId, updated_at = @updatedAt, rotated_at = @rotatedAt,
      deleted_at = @deletedAt WHERE id = @id`),
  }
  const toParams = (row: PrivateIntegrationRow) => ({ ...row, scopes: row.scopes.join(' ') })
  return {
    insert: (row) => void s.insert.run(toParams(row)),
    get: (id) => {
      const raw = s.get.get(id) as RawIntegration | undefined
      return raw ? fromRaw(raw) : undefined
    },
    list: () => (s.list.all() as RawIntegration[]).map(fromRaw),
    update: (row) => void s.update.run(toParams(row)),
  }
}
