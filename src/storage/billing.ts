// Billing checkouts and billing events (payments reported by externally billed apps). The
// billing service in src/billing decides what is valid; this file only stores and finds.
import type { Db } from './db.js'

export type InstallTypeParam = 'location' | 'agency' | 'agency,location'

export interface CheckoutRow {
  grantId: string
  appId: string
  companyId: string
  installType: InstallTypeParam
  locationIds: string[]
  installIds: string[]
  billingUrl: string
  createdAt: number
  completedAt: number | null
}

export interface BillingEventRow {
  id: string
  appId: string
  clientId: string
  authType: 'location' | 'company'
  companyId: string
  locationId: string | null
  installId: string
  subscriptionId: string | null
  paymentId: string | null
  amount: number
  status: 'COMPLETED' | 'FAILED'
  paymentType: 'one_time' | 'recurring'
  /** The request body as received. */
  body: Record<string, unknown>
  createdAt: number
}

export interface BillingEventFilter {
  appId?: string
  locationId?: string
  companyId?: string
  status?: string
}

interface RawCheckout {
  grant_id: string
  app_id: string
  company_id: string
  install_type: InstallTypeParam
  location_ids: string
  install_ids: string
  billing_url: string
  created_at: number
  completed_at: number | null
}

interface RawEvent {
  id: string
  app_id: string
  client_id: string
  auth_type: 'location' | 'company'
  company_id: string
  location_id: string | null
  install_id: string
  subscription_id: string | null
  payment_id: string | null
  amount: number
  status: 'COMPLETED' | 'FAILED'
  payment_type: 'one_time' | 'recurring'
  body: string
  created_at: number
}

const checkoutFromRaw = (raw: RawCheckout): CheckoutRow => ({
  grantId: raw.grant_id,
  appId: raw.app_id,
  companyId: raw.company_id,
  installType: raw.install_type,
  locationIds: JSON.parse(raw.location_ids) as string[],
  installIds: JSON.parse(raw.install_ids) as string[],
  billingUrl: raw.billing_url,
  createdAt: raw.created_at,
  completedAt: raw.completed_at,
})

const eventFromRaw = (raw: RawEvent): BillingEventRow => ({
  id: raw.id,
  appId: raw.app_id,
  clientId: raw.client_id,
  authType: raw.auth_type,
  companyId: raw.company_id,
  locationId: raw.location_id,
  installId: raw.install_id,
  subscriptionId: raw.subscription_id,
  paymentId: raw.payment_id,
  amount: raw.amount,
  status: raw.status,
  paymentType: raw.payment_type,
  body: JSON.parse(raw.body) as Record<string, unknown>,
  createdAt: raw.created_at,
})

export interface BillingRepo {
  insertCheckout(row: CheckoutRow): void
  /** Open checkouts of an app at an agency, newest first. */
  openCheckouts(appId: string, companyId: string): CheckoutRow[]
  completeCheckout(grantId: string, at: number): void
  insertEvent(row: BillingEventRow): void
  eventByPayment(appId: string, paymentId: string): BillingEventRow | undefined
  /** Events matching every given filter, newest first, at most `limit`. */
  listEvents(filter: BillingEventFilter, limit: number): BillingEventRow[]
}

export function createBillingRepo(db: Db): BillingRepo {
  const s = {
    insertCheckout: db.prepare(`INSERT INTO billing_checkouts (grant_id, app_id, company_id, install_type, location_ids,
      install_ids, billing_url, created_at, completed_at) VALUES (@grantId, @appId, @companyId, @installType, @locationIds,
      @installIds, @billingUrl, @createdAt, @completedAt)`),
    openCheckouts: db.prepare(
      'SELECT * FROM billing_checkouts WHERE app_id = ? AND company_id = ? AND completed_at IS NULL ORDER BY created_at DESC, rowid DESC',
    ),
    completeCheckout: db.prepare('UPDATE billing_checkouts SET completed_at = ? WHERE grant_id = ? AND completed_at IS NULL'),
    insertEvent: db.prepare(`INSERT INTO billing_events (id, app_id, client_id, auth_type, company_id, location_id,
      install_id, subscription_id, payment_id, amount, status, payment_type, body, created_at) VALUES (@id, @appId,
      @clientId, @authType, @companyId, @locationId, @installId, @subscriptionId, @paymentId, @amount, @status,
      @paymentType, @body, @createdAt)`),
    eventByPayment: db.prepare('SELECT * FROM billing_events WHERE app_id = ? AND payment_id = ?'),
    // Optional filters as "? IS NULL OR column = ?": one prepared statement serves every combination.
    listEvents: db.prepare(`SELECT * FROM billing_events
      WHERE (@appId IS NULL OR app_id = @appId) AND (@locationId IS NULL OR location_id = @locationId)
        AND (@companyId IS NULL OR company_id = @companyId) AND (@status IS NULL OR status = @status)
      ORDER BY created_at DESC, rowid DESC LIMIT @limit`),
  }
  return {
    insertCheckout: (row) =>
      void s.insertCheckout.run({ ...row, locationIds: JSON.stringify(row.locationIds), installIds: JSON.stringify(row.installIds) }),
    openCheckouts: (appId, companyId) => (s.openCheckouts.all(appId, companyId) as RawCheckout[]).map(checkoutFromRaw),
    completeCheckout: (grantId, at) => void s.completeCheckout.run(at, grantId),
    insertEvent: (row) => void s.insertEvent.run({ ...row, body: JSON.stringify(row.body) }),
    eventByPayment: (appId, paymentId) => {
      const raw = s.eventByPayment.get(appId, paymentId) as RawEvent | undefined
      return raw ? eventFromRaw(raw) : undefined
    },
    listEvents: (filter, limit) =>
      (
        s.listEvents.all({
          appId: filter.appId ?? null,
          locationId: filter.locationId ?? null,
          companyId: filter.companyId ?? null,
          status: filter.status ?? null,
          limit,
        }) as RawEvent[]
      ).map(eventFromRaw),
  }
}
