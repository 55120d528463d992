import { define } from '../core/define.js';
import { GwSupportChat } from './support-chat.component.js';

export type { ChatMessage, Conversation, SupportStatus, Ticket } from '../../contracts/chat.js';
export type { ConnectionState, Delivery, ViewMessage } from './connection.js';
export type { GwMessageReceivedDetail, GwMessageSentDetail } from './events.js';
export {
  GwChatCloseEvent,
  GwChatOpenEvent,
  GwMessageReceivedEvent,
  GwMessageSentEvent,
} from './events.js';
export type { ChatView } from './session.js';
export { GwSupportChat };

define('gw-support-chat', GwSupportChat);

declare global {
  interface HTMLElementTagNameMap {
    'gw-support-chat': GwSupportChat;
  }
}
