import { describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migrate, openDatabase } from '../db.js'
import { migrations } from './index.js'

const latest = migrations.at(-1)!.version

describe('migrations', () => {
  it('are numbered in increasing order, so a file at version k gets exactly the ones after k', () => {
    // Numbers may skip while branches land (the integrator renumbers); they never repeat or go back.
    const versions = migrations.map((m) => m.version)
    expect(versions[0]).toBe(1)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    expect(new Set(versions).size).toBe(versions.length)
  })

  it('bring a file to the latest version once; running them again changes nothing', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ghl-mock-migrate-')), 'm.db')
    const db = openDatabase(path)
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version)
    const schema = db.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY name`).all()
    migrate(db, migrations)
    expect(db.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY name`).all()).toEqual(schema)
    db.close()
    const reopened = openDatabase(path)
    expect(reopened.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version)
    expect(reopened.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(reopened.pragma('foreign_keys', { simple: true })).toBe(1)
    reopened.close()
  })
})
