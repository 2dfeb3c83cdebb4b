// POST /oauth/billing/webhook: an externally billed app reports one payment for one location or
// agency. Order: 401 (client key/secret) → 422 (every body problem at once) → 4xx (no such paid
// install) → idempotency by paymentId → stored, and the install's payment status updated.
import { randomUUID } from 'node:crypto'
import type { App as HonoApp } from '../app-env.js'
import { GhlError, assertValid, notFound } from '../errors.js'
import { readJsonBody, type JsonObject } from '../http/json-body.js'
import type { Runtime } from '../runtime.js'
import type { BillingEventRow } from '../storage/billing.js'
import type { InstallRow } from '../storage/installs.js'
import type { App } from '../world/model.js'
import { authenticateClient } from '../oauth/client-auth.js'
import type { PaymentStatus } from '../oauth/installs.js'

export const billingMessages = {
  invalidClient: 'Invalid x-ghl-client-key or x-ghl-client-secret',
  notPaidApp: (name: string) => `${name} is not a paid app with external billing`,
  notInstalled: (name: string, where: string) => `${name} is not installed on ${where}`,
  paymentConflict: (paymentId: string) => `paymentId ${paymentId} was already reported with different details`,
} as const

const AUTH_TYPES = ['company', 'location']
const STATUSES = ['COMPLETED', 'FAILED']
const PAYMENT_TYPES = ['one_time', 'recurring']

export interface BillingReport {
  clientId: string
  authType: 'company' | 'location'
  locationId?: string
  companyId?: string
  subscriptionId?: string
  paymentId?: string
  amount: number
  status: 'COMPLETED' | 'FAILED'
  paymentType: 'one_time' | 'recurring'
}

/** Every problem of the body, in field order; the key's app decides what clientId must be. */
export function validateBillingReport(body: JsonObject, app: App): BillingReport {
  const problems: string[] = []
  const present = (field: string) => body[field] !== undefined && body[field] !== null
  const str = (field: string, required: boolean) => {
    if (!present(field)) {
      if (required) problems.push(`${field} should not be empty`)
      return
    }
    if (typeof body[field] !== 'string') problems.push(`${field} must be a string`)
    else if (body[field] === '' && required) problems.push(`${field} should not be empty`)
  }
  const oneOf = (field: string, allowed: string[]) => {
    if (!present(field) || body[field] === '') problems.push(`${field} should not be empty`)
    else if (!allowed.includes(body[field] as string)) problems.push(`${field} must be one of the following values: ${allowed.join(', ')}`)
  }

  str('clientId', true)
  if (typeof body.clientId === 'string' && body.clientId !== '' && body.clientId !== app.clientId) {
    problems.push('clientId must match the x-ghl-client-key header')
  }
  oneOf('authType', AUTH_TYPES)
  str('locationId', body.authType === 'location')
  str('companyId', body.authType === 'company')
  // One call per location or company (HighLevel: "trigger the webhook for each location and company separately").
  if (Array.isArray(body.locationId) || (typeof body.locationId === 'string' && body.locationId.includes(','))) {
    problems.push('locationId must be a single location id: send one billing webhook call per location')
  }
  if (Array.isArray(body.companyId) || (typeof body.companyId === 'string' && body.companyId.includes(','))) {
    problems.push('companyId must be a single company id: send one billing webhook call per company')
  }
  if (present('locationIds')) {
    problems.push('locationIds is not supported: send one billing webhook call per location')
  }
  str('subscriptionId', false)
  str('paymentId', false)
  if (!present('amount')) problems.push('amount should not be empty', 'amount must be a number')
  else if (typeof body.amount !== 'number' || !Number.isFinite(body.amount)) problems.push('amount must be a number')
  else if (body.amount < 0) problems.push('amount must not be less than 0')
  oneOf('status', STATUSES)
  oneOf('paymentType', PAYMENT_TYPES)
  assertValid(problems)

  const text = (field: string) => (typeof body[field] === 'string' && body[field] !== '' ? (body[field] as string) : undefined)
  return {
    clientId: body.clientId as string,
    authType: body.authType as BillingReport['authType'],
    locationId: text('locationId'),
    companyId: text('companyId'),
    subscriptionId: text('subscriptionId'),
    paymentId: text('paymentId'),
    amount: body.amount as number,
    status: body.status as BillingReport['status'],
    paymentType: body.paymentType as BillingReport['paymentType'],
  }
}

export function billingWebhookRoutes(app: HonoApp, runtime: Runtime): void {
  app.post('/oauth/billing/webhook', async function reportPayment(c) {
    const { repos } = runtime
    const client = authenticateClient(repos, c.req.header('x-ghl-client-key') ?? '', c.req.header('x-ghl-client-secret') ?? '')
    if (!client) throw new GhlError(401, billingMessages.invalidClient)
    const body = await readJsonBody(c)
    const report = validateBillingReport(body, client)
    if (client.businessModel !== 'paid' || !client.billingUrl) throw new GhlError(400, billingMessages.notPaidApp(client.name))
    const install = findInstall(runtime, client, report)

    if (report.paymentId) {
      const earlier = repos.billing.eventByPayment(client.id, report.paymentId)
      if (earlier) {
        if (!sameReport(earlier, report, install)) throw new GhlError(409, billingMessages.paymentConflict(report.paymentId))
        return c.json(responseBody(earlier, paymentStatusFor(earlier.status), true), 200)
      }
    }

    const event: BillingEventRow = {
      id: randomUUID(),
      appId: client.id,
      clientId: client.clientId,
      authType: report.authType,
      companyId: install.companyId,
      locationId: install.locationId,
      installId: install.id,
      subscriptionId: report.subscriptionId ?? null,
      paymentId: report.paymentId ?? null,
      amount: report.amount,
      status: report.status,
      paymentType: report.paymentType,
      body,
      createdAt: runtime.clock.now(),
    }
    const status = paymentStatusFor(report.status)
    repos.transaction(() => {
      repos.billing.insertEvent(event)
      const payment = { status, updatedAt: event.createdAt, lastEventId: event.id, amount: event.amount, paymentType: event.paymentType }
      repos.installs.updateData(install.id, { ...install.data, payment })
    })
    return c.json(responseBody(event, status, false), 200)
  })
}

/** The live install the report is about: the location's install, or the agency-level one. */
function findInstall(runtime: Runtime, app: App, report: BillingReport): InstallRow {
  const { installs, locations, companies } = runtime.repos
  if (report.authType === 'location') {
    const locationId = report.locationId!
    if (!locations.get(locationId)) throw notFound(`Location ${locationId} not found`)
    const row = installs.activeForLocation(app.id, locationId)
    if (!row) throw notFound(billingMessages.notInstalled(app.name, `location ${locationId}`))
    return row
  }
  const companyId = report.companyId!
  if (!companies.get(companyId)) throw notFound(`Company ${companyId} not found`)
  const row = installs.activeForCompany(app.id, companyId)
  if (!row) throw notFound(billingMessages.notInstalled(app.name, `company ${companyId}`))
  return row
}

const paymentStatusFor = (status: BillingReport['status']): PaymentStatus => (status === 'COMPLETED' ? 'paid' : 'payment_failed')

function sameReport(earlier: BillingEventRow, report: BillingReport, install: InstallRow): boolean {
  return (
    earlier.installId === install.id &&
    earlier.amount === report.amount &&
    earlier.status === report.status &&
    earlier.paymentType === report.paymentType &&
    earlier.subscriptionId === (report.subscriptionId ?? null)
  )
}

function responseBody(event: BillingEventRow, paymentStatus: PaymentStatus, duplicate: boolean) {
  return {
    success: true,
    id: event.id,
    installId: event.installId,
    authType: event.authType,
    ...(event.locationId ? { locationId: event.locationId } : {}),
    companyId: event.companyId,
    paymentStatus,
    duplicate,
  }
}
