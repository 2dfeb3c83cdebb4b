// Custom conversation providers (ConversationProviders.md): which Marketplace app, if any, sends
// a location's outbound messages of a channel instead of HighLevel. A provider an app registers
// (fixtures: `conversationProvider`) is the default of its channel on every location where the
// app is installed (on the location, or on its agency); a message naming a provider goes to it.
import type { Runtime } from '../../runtime.js'
import type { App } from '../../world/model.js'

export interface ProviderRoute {
  /** The provider app that receives ProviderOutboundMessage. */
  appId: string
  /** The conversationProviderId the message is stamped with. */
  providerId: string
}

/** The provider channel of a stored messageType; other channels are never sent by a provider. */
function channelOf(messageType: string): 'SMS' | 'Email' | undefined {
  if (messageType === 'TYPE_SMS' || messageType === 'TYPE_CUSTOM_SMS' || messageType === 'TYPE_CUSTOM_PROVIDER_SMS') return 'SMS'
  if (messageType === 'TYPE_EMAIL' || messageType === 'TYPE_CUSTOM_EMAIL' || messageType === 'TYPE_CUSTOM_PROVIDER_EMAIL') return 'Email'
  return undefined
}

function installedOn(runtime: Runtime, app: App, locationId: string): boolean {
  const { installs, locations } = runtime.repos
  if (installs.activeForLocation(app.id, locationId)) return true
  const companyId = locations.get(locationId)?.companyId
  const agency = companyId ? installs.activeForCompany(app.id, companyId) : undefined
  // A bulk install reaches only the sub-accounts that have rows of their own (checked above).
  return agency !== undefined && !agency.isBulk
}

/** Who sends this outbound message: a provider app, or (undefined) HighLevel itself. */
export function providerRouteFor(runtime: Runtime, locationId: string, messageType: string, explicit: unknown): ProviderRoute | undefined {
  const channel = channelOf(messageType)
  if (!channel) return undefined
  // Apps are few (the fixtures' list); providers among them fewer still.
  const providers = runtime.repos.apps.list().filter((app) => app.conversationProvider?.type === channel && installedOn(runtime, app, locationId))
  const chosen = (typeof explicit === 'string' && providers.find((app) => app.conversationProvider!.id === explicit)) || providers[0]
  return chosen ? { appId: chosen.id, providerId: chosen.conversationProvider!.id } : undefined
}

/** The provider app with this conversationProviderId, if any. */
export function providerApp(runtime: Runtime, providerId: string): App | undefined {
  return runtime.repos.apps.list().find((app) => app.conversationProvider?.id === providerId)
}
