// Every OAuth scope an app can be granted: the ones the specs require plus the ones only the
// developer docs' Scopes table names. The demo app is granted all of them.
import { operationTable } from './operation-table.js'

/** Scopes HighLevel keeps for itself; no Marketplace app is granted them. */
const internalScopes = new Set(['locations.internal-access-only'])

/** The Scopes table of the developer docs (some scopes there gate only webhooks or the v3 API). */
const documentedScopes = [
  'businesses.readonly', 'businesses.write',
  'calendars.readonly', 'calendars.write',
  'calendars/events.readonly', 'calendars/events.write',
  'calendars/groups.readonly', 'calendars/groups.write',
  'calendars/resources.readonly', 'calendars/resources.write',
  'campaigns.readonly',
  'companies.readonly',
  'contacts.readonly', 'contacts.write',
  'conversations.readonly', 'conversations.write',
  'conversations/livechat.write',
  'conversations/message.readonly', 'conversations/message.write',
  'conversations/reports.readonly',
  'courses.readonly', 'courses.write',
  'custom-menu-link.readonly', 'custom-menu-link.write',
  'emails/builder.readonly', 'emails/builder.write', 'emails/schedule.readonly',
  'forms.readonly',
  'funnels/funnel.readonly', 'funnels/page.readonly', 'funnels/pagecount.readonly',
  'funnels/redirect.readonly', 'funnels/redirect.write',
  'invoices.readonly', 'invoices.write',
  'invoices/estimate.readonly', 'invoices/estimate.write',
  'invoices/schedule.readonly', 'invoices/schedule.write',
  'invoices/template.readonly', 'invoices/template.write',
  'links.readonly', 'links.write',
  'locations.readonly', 'locations.write',
  'locations/customFields.readonly', 'locations/customFields.write',
  'locations/customValues.readonly', 'locations/customValues.write',
  'locations/tags.readonly', 'locations/tags.write',
  'locations/tasks.readonly', 'locations/tasks.write',
  'locations/templates.readonly',
  'medias.readonly', 'medias.write',
  'oauth.readonly', 'oauth.write',
  'objects/record.readonly', 'objects/record.write',
  'objects/schema.readonly', 'objects/schema.write',
  'opportunities.readonly', 'opportunities.write',
  'payments/coupons.readonly', 'payments/coupons.write',
  'payments/custom-provider.readonly', 'payments/custom-provider.write',
  'payments/integration.readonly', 'payments/integration.write',
  'payments/orders.readonly', 'payments/orders.write', 'payments/orders.collectPayment',
  'payments/subscriptions.readonly', 'payments/transactions.readonly',
  'products.readonly', 'products.write',
  'products/collection.readonly', 'products/collection.write',
  'products/prices.readonly', 'products/prices.write',
  'saas/company.read', 'saas/company.write', 'saas/location.read', 'saas/location.write',
  'snapshots.readonly',
  'socialplanner/account.readonly', 'socialplanner/account.write',
  'socialplanner/category.readonly', 'socialplanner/category.write',
  'socialplanner/csv.readonly', 'socialplanner/csv.write',
  'socialplanner/oauth.readonly', 'socialplanner/oauth.write',
  'socialplanner/post.readonly', 'socialplanner/post.write',
  'socialplanner/statistics.readonly',
  'socialplanner/tag.readonly', 'socialplanner/tag.write',
  'store/setting.readonly', 'store/setting.write',
  'store/shipping.readonly', 'store/shipping.write',
  'surveys.readonly',
  'users.readonly', 'users.write',
  'wordpress.site.readonly',
  'workflows.readonly',
]

export const allScopes: readonly string[] = [
  ...new Set([...documentedScopes, ...operationTable.flatMap((op) => op.requiredScopes)]),
]
  .filter((scope) => !internalScopes.has(scope))
  .sort()

/**
 * Every scope a token may carry: the grantable ones above plus the ones HighLevel keeps for
 * itself (a /_mock/tokens test token may hold them; no app is granted them).
 */
export const knownScopes: ReadonlySet<string> = new Set([...allScopes, ...operationTable.flatMap((op) => op.requiredScopes)])
