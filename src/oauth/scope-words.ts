// Plain-words descriptions of OAuth scopes for the consent page ("View and manage contacts").
// Pure: knows the scope names, nothing about apps or requests.

/** What each scope's resource is called in a sentence, keyed by the part before `.readonly`/`.write`. */
const nouns: Record<string, string> = {
  businesses: 'businesses',
  calendars: 'calendars',
  'calendars/events': 'calendar events and appointments',
  'calendars/groups': 'calendar groups',
  'calendars/resources': 'calendar rooms and equipment',
  campaigns: 'campaigns',
  companies: 'agency details',
  contacts: 'contacts',
  conversations: 'conversations',
  'conversations/livechat': 'live chat',
  'conversations/message': 'conversation messages',
  'conversations/reports': 'conversation reports',
  courses: 'courses',
  'custom-menu-link': 'custom menu links',
  'emails/builder': 'email templates',
  'emails/schedule': 'scheduled emails',
  forms: 'forms and submissions',
  'funnels/funnel': 'funnels and websites',
  'funnels/page': 'funnel pages',
  'funnels/pagecount': 'funnel page counts',
  'funnels/redirect': 'funnel redirects',
  invoices: 'invoices',
  'invoices/estimate': 'estimates',
  'invoices/schedule': 'recurring invoices',
  'invoices/template': 'invoice templates',
  links: 'trigger links',
  locations: 'sub-account details',
  'locations/customFields': 'custom fields',
  'locations/customValues': 'custom values',
  'locations/tags': 'tags',
  'locations/tasks': 'tasks',
  'locations/templates': 'message templates',
  medias: 'media library files',
  oauth: 'app installations and sub-account access tokens',
  'objects/record': 'custom object records',
  'objects/schema': 'custom object definitions',
  opportunities: 'opportunities and pipelines',
  'payments/coupons': 'coupons',
  'payments/custom-provider': 'custom payment provider settings',
  'payments/integration': 'payment integrations',
  'payments/orders': 'orders',
  'payments/subscriptions': 'subscriptions',
  'payments/transactions': 'transactions',
  products: 'products',
  'products/collection': 'product collections',
  'products/prices': 'product prices',
  'saas/company': 'SaaS agency settings',
  'saas/location': 'SaaS sub-account settings',
  snapshots: 'snapshots',
  'socialplanner/account': 'connected social media accounts',
  'socialplanner/category': 'social planner categories',
  'socialplanner/csv': 'social planner CSV imports',
  'socialplanner/oauth': 'social media connections',
  'socialplanner/post': 'social media posts',
  'socialplanner/statistics': 'social media statistics',
  'socialplanner/tag': 'social planner tags',
  'store/setting': 'store settings',
  'store/shipping': 'shipping zones and rates',
  surveys: 'surveys and submissions',
  users: 'users',
  'wordpress.site': 'WordPress sites',
  workflows: 'workflows',
}

/** Scopes whose action is not "view" or "manage". */
const special: Record<string, string> = {
  'payments/orders.collectPayment': 'Collect payments for orders',
  'conversations/message.write': 'Send messages and update their status',
  'conversations/livechat.write': 'Send live chat typing indicators',
}

export interface ScopeLine {
  /** e.g. "View and manage contacts". */
  text: string
  /** The scope names the line covers, in request order. */
  scopes: string[]
}

/** Splits `contacts.readonly` into its resource and access (`readonly`, `write`, `read`, …). */
function split(scope: string): { resource: string; access: string } {
  const dot = scope.lastIndexOf('.')
  return dot < 0 ? { resource: scope, access: '' } : { resource: scope.slice(0, dot), access: scope.slice(dot + 1) }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/**
 * One line per resource: a read and a write scope of the same resource become "View and manage …".
 * @example
 * describeScopes(['contacts.readonly', 'contacts.write'])
 * // [{ text: 'View and manage contacts', scopes: ['contacts.readonly', 'contacts.write'] }]
 */
export function describeScopes(scopes: readonly string[]): ScopeLine[] {
  // Keyed by resource (or by the scope itself for special ones), in order of first appearance.
  const groups = new Map<string, { resource: string; read?: string; write?: string; other: string[] }>()
  for (const scope of scopes) {
    const { resource, access } = split(scope)
    const key = special[scope] ? `!${scope}` : resource
    const group = groups.get(key) ?? { resource, other: [] }
    groups.set(key, group)
    if (special[scope]) group.other.push(scope)
    else if (access === 'readonly' || access === 'read') group.read = scope
    else if (access === 'write') group.write = scope
    else group.other.push(scope)
  }
  const lines: ScopeLine[] = []
  for (const group of groups.values()) {
    const noun = nouns[group.resource]
    for (const scope of group.other) lines.push({ text: special[scope] ?? (noun ? `Access ${noun}` : scope), scopes: [scope] })
    const pair = [group.read, group.write].filter((s): s is string => s !== undefined)
    if (pair.length === 0) continue
    if (!noun) {
      for (const scope of pair) lines.push({ text: scope, scopes: [scope] })
      continue
    }
    const verb = group.read && group.write ? 'view and manage' : group.read ? 'view' : 'manage'
    lines.push({ text: capitalize(`${verb} ${noun}`), scopes: pair })
  }
  return lines
}
