/** Events of `<gw-support-chat>`: bubbling, composed, typed. */
import type { ChatMessage } from '../../contracts/chat.js';
import { GwEvent } from '../core/events.js';

export interface GwMessageSentDetail {
  /** The id the widget gave the message (the edge de-duplicates by it). */
  clientId: string;
  /** Its place in the conversation, assigned by the edge. */
  seq: number;
}

export interface GwMessageReceivedDetail {
  /** The message from support: `seq`, `author` (`agent` or `system`), `authorName`, `text`, `at`. */
  message: ChatMessage;
}

/** The panel opened (the launcher, or `open = true`). */
export class GwChatOpenEvent extends GwEvent<null> {
  constructor() {
    super('gw-chat-open', null);
  }
}

/** The panel closed (its close button, Escape, or `open = false`). */
export class GwChatCloseEvent extends GwEvent<null> {
  constructor() {
    super('gw-chat-close', null);
  }
}

/** The edge stored a message the customer wrote. */
export class GwMessageSentEvent extends GwEvent<GwMessageSentDetail> {
  constructor(detail: GwMessageSentDetail) {
    super('gw-message-sent', detail);
  }
}

/** A new message from support arrived (not the replayed history). */
export class GwMessageReceivedEvent extends GwEvent<GwMessageReceivedDetail> {
  constructor(detail: GwMessageReceivedDetail) {
    super('gw-message-received', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gw-chat-open': GwChatOpenEvent;
    'gw-chat-close': GwChatCloseEvent;
    'gw-message-sent': GwMessageSentEvent;
    'gw-message-received': GwMessageReceivedEvent;
  }
}
