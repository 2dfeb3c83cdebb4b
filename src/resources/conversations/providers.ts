// Custom conversation providers (ConversationProviders.md): which Marketplace app, if any, sends
// a location's outbound messages of a channel instead of HighLevel. No provider is configured
// yet, so every message is delivered by the emulator itself.
import type { Runtime } from '../../runtime.js'

export interface ProviderRoute {
  /** The provider app that receives ProviderOutboundMessage. */
  appId: string
  /** The conversationProviderId the message is stamped with. */
  providerId: string
}

export function providerRouteFor(_runtime: Runtime, _locationId: string, _messageType: string, _explicit: unknown): ProviderRoute | undefined {
  return undefined
}
