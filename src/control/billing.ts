// /_mock/billing/events: the payments apps reported to the billing webhook, newest first,
// filtered by app (clientId or appId), location, company and status.
import type { Module } from '../app-env.js'
import { assertValid } from '../errors.js'

const MAX_EVENTS = 500

export const billingControl: Module = (app, runtime) => {
  app.get('/_mock/billing/events', function listBillingEvents(c) {
    const { clientId, appId, locationId, companyId, status, limit } = c.req.query()
    const problems: string[] = []
    if (status !== undefined && !['COMPLETED', 'FAILED'].includes(status)) problems.push('status must be one of the following values: COMPLETED, FAILED')
    if (limit !== undefined && !/^\d+$/.test(limit)) problems.push('limit must be a number string')
    assertValid(problems)
    const wantedApp = clientId ? runtime.repos.apps.getByClientId(clientId)?.id ?? '-' : appId
    const events = runtime.repos.billing.listEvents(
      { appId: wantedApp, locationId, companyId, status },
      Math.min(limit === undefined ? 100 : Number(limit), MAX_EVENTS),
    )
    return c.json({
      events: events.map((event) => ({
        id: event.id,
        appId: event.appId,
        clientId: event.clientId,
        authType: event.authType,
        locationId: event.locationId,
        companyId: event.companyId,
        installId: event.installId,
        subscriptionId: event.subscriptionId,
        paymentId: event.paymentId,
        amount: event.amount,
        status: event.status,
        paymentType: event.paymentType,
        body: event.body,
        receivedAt: new Date(event.createdAt).toISOString(),
      })),
      count: events.length,
    })
  })
}
