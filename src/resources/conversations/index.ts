// The conversations family (conversations.json): conversations, messages on the clock and custom
// conversation providers. The registry spreads this one HandlerSet; messageDelivery is mounted in
// src/modules.ts so scheduled work is re-armed at start.
import type { HandlerSet } from '../../handlers/handler.js'
import { conversationCrudHandlers } from './conversations.js'
import { inboundHandlers } from './messages-inbound.js'
import { readHandlers } from './messages-read.js'
import { sendHandlers } from './messages-send.js'

export { messageDelivery } from './message-delivery.js'

export const conversationHandlers: HandlerSet = {
  ...conversationCrudHandlers,
  ...sendHandlers,
  ...inboundHandlers,
  ...readHandlers,
}
