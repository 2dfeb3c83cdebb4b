// Every repository over one database, built once per server. Handlers receive this object and
// never write SQL themselves.
import { transaction, type Db } from './db.js'
import { createRecordRepo, type RecordRepo } from './records.js'
import { createTenantRepos, type TenantRepos } from './tenants.js'
import { createTokenRepo, type TokenRepo } from './tokens.js'
import { createInstallRepo, type InstallRepo } from './installs.js'
import { createOutboxRepo, type OutboxRepo } from './outbox.js'
import { createLocationRecordRepos, type LocationRecordRepos } from './location-records.js'
import { createOAuthRepo, type OAuthRepo } from './oauth.js'
import { createPrivateIntegrationRepo, type PrivateIntegrationRepo } from './private-integrations.js'
import { createBillingRepo, type BillingRepo } from './billing.js'
import { createContactStore, type ContactStore } from './contact-store.js'
import { createOpportunityRepo, type OpportunityRepo } from './opportunities.js'
import { createWebhookRepo, type WebhookRepo } from './webhooks.js'
import { createCustomMenuRepo, type CustomMenuRepo } from './custom-menus.js'
import { createCalendarRepos, type CalendarRepos } from './calendars.js'
import { createConversationRepo, createMessageJobRepo, createMessageRepo, type ConversationRepo, type MessageJobRepo, type MessageRepo } from './conversations.js'

type Json = Record<string, unknown>

export interface Repos extends TenantRepos, LocationRecordRepos, CalendarRepos {
  db: Db
  contacts: RecordRepo<Json>
  /** Contact search, duplicate matching, notes, tasks and enrolments (migration 5). */
  contactStore: ContactStore
  pipelines: RecordRepo<Json>
  opportunities: OpportunityRepo
  /** Inbox search, message pages and the message job queue (migration 11). */
  conversations: ConversationRepo
  messages: MessageRepo
  messageJobs: MessageJobRepo
  customFields: RecordRepo<Json>
  customValues: RecordRepo<Json>
  tags: RecordRepo<Json>
  /** An agency's custom menu links (migration 9). */
  customMenus: CustomMenuRepo
  tokens: TokenRepo
  installs: InstallRepo
  events: OutboxRepo
  oauth: OAuthRepo
  privateIntegrations: PrivateIntegrationRepo
  billing: BillingRepo
  webhooks: WebhookRepo
  meta: { get(key: string): string | undefined; set(key: string, value: string): void }
  /** Runs `work` in one transaction: its writes and the events it appends land together or not at all. */
  transaction<T>(work: () => T): T
  /** Deletes every row of every table (reset); the schema stays. */
  wipe(): void
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)
const lower = (value: unknown): string | null => text(value)?.toLowerCase() ?? null

export function createRepos(db: Db): Repos {
  const metaGet = db.prepare('SELECT value FROM meta WHERE key = ?')
  const metaSet = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
  const tokens = createTokenRepo(db)
  const tenants = createTenantRepos(db)
  return {
    db,
    ...tenants,
    ...createLocationRecordRepos(db),
    contacts: createRecordRepo<Json>(db, 'contacts', (c) => ({ email: lower(c.email), phone: text(c.phone) }), [
      'email',
      'phone',
    ]),
    contactStore: createContactStore(db),
    pipelines: createRecordRepo<Json>(db, 'pipelines'),
    opportunities: createOpportunityRepo(db),
    ...createCalendarRepos(db),
    conversations: createConversationRepo(db),
    messages: createMessageRepo(db),
    messageJobs: createMessageJobRepo(db),
    customFields: createRecordRepo<Json>(db, 'custom_fields'),
    customValues: createRecordRepo<Json>(db, 'custom_values'),
    tags: createRecordRepo<Json>(db, 'tags', (t) => ({ name: String(t.name) }), ['name']),
    customMenus: createCustomMenuRepo(db),
    tokens,
    installs: createInstallRepo(db),
    events: createOutboxRepo(db),
    oauth: createOAuthRepo(db),
    privateIntegrations: createPrivateIntegrationRepo(db),
    billing: createBillingRepo(db),
    webhooks: createWebhookRepo(db),
    meta: {
      get: (key) => (metaGet.get(key) as { value: string } | undefined)?.value,
      set: (key, value) => void metaSet.run(key, value),
    },
    transaction: (work) => transaction(db, work),
    wipe() {
      wipe(db)
      tokens.forget()
      tenants.locations.forgetCompanies()
    },
  }
}

function wipe(db: Db): void {
  // Ordinary tables only: virtual tables (full-text indexes) and their shadow tables may not be
  // written directly; the triggers that maintain them empty them along with their source tables.
  const tables = db
    .prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .pluck()
    .all() as string[]
  // Foreign keys would make the delete order matter; the pragma cannot change inside a transaction.
  db.pragma('foreign_keys = OFF')
  try {
    transaction(db, () => {
      for (const table of tables) db.exec(`DELETE FROM "${table}"`)
    })
  } finally {
    db.pragma('foreign_keys = ON')
  }
}
