// Opens the SQLite database (file or :memory:) with the pragmas ghl-mock relies on and runs the
// migrations. The rest of the code reaches SQL only through the repositories in this folder.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { migrations, type Migration } from './migrations/index.js'

export type Db = Database.Database

/** Opens a file, `:memory:`, or an in-memory copy of a serialized database image. */
export function openDatabase(source: string | Buffer): Db {
  if (typeof source === 'string' && source !== ':memory:') mkdirSync(dirname(source), { recursive: true })
  const db = new Database(source)
  // WAL lets the dashboard read while the API writes; NORMAL is durable enough for an emulator
  // and keeps writes fast. Foreign keys guard tenant links; the busy timeout lets a second process
  // (two instances on one file) wait for the write lock instead of failing.
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db, migrations)
  return db
}

/** Applies, in order and each in its own transaction, the migrations newer than the file's version. */
export function migrate(db: Db, list: readonly Migration[]): void {
  for (const migration of list) {
    // The version is read inside the write transaction: a second process starting at the same
    // moment waits for the first one's migration and then skips it.
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= migration.version) return
      db.exec(migration.sql)
      db.pragma(`user_version = ${migration.version}`)
    }).immediate()
  }
}

/**
 * Runs `work` in one write transaction: all of its writes land together or none do. It takes the
 * write lock up front (BEGIN IMMEDIATE), waiting out the busy timeout: a deferred transaction that
 * read first would fail with SQLITE_BUSY_SNAPSHOT when another process wrote meanwhile.
 */
export function transaction<T>(db: Db, work: () => T): T {
  return db.transaction(work).immediate()
}
