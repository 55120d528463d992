/**
 * The support chat's storage logic, runtime-free: messages sealed under the tenant's data key
 * on the way in and opened on the way out, conversations as the API shows them, and the check
 * that a live session's token still holds. The realtime side (rooms, sockets, streams) is in
 * `room.ts`; which process a conversation's room lives in is the runtime's business
 * (`realtime.ts`).
 */
import type { ChatMessage, Conversation, Ticket } from '../../contracts/chat.js';
import { newId } from '../auth/credentials.js';
import type { DataKeys } from '../auth/data-keys.js';
import type {
  ChatAuthor,
  ConversationRecord,
  StoredChatMessage,
  TicketRecord,
} from '../store/ports/chat.js';
import type { Store } from '../store/store.js';

/** Who holds a live connection to a conversation, fixed when the socket (or stream) opened. */
export interface ChatSession {
  tenantId: string;
  conversationId: string;
  /** The widget token's id: a revoked token ends the session at its next message. */
  jti: string;
  /** The token's expiry (seconds since the epoch): the session ends with it. */
  exp: number;
}

export interface PostInput {
  clientId: string;
  text: string;
  author: ChatAuthor;
  authorName: string | null;
}

export interface PostResult {
  message: ChatMessage;
  /** False when the client id was already in the conversation (a retry): nothing was written. */
  created: boolean;
}

/** What a message's sealed text is bound to: its conversation and its client id. */
const boundTo = (conversationId: string, clientId: string) => `chat:${conversationId}:${clientId}`;

export function conversationView(record: ConversationRecord): Conversation {
  return {
    id: record.id,
    status: record.status,
    lastSeq: record.lastSeq,
    assignee: record.assignee,
    escalated: record.escalated,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export function ticketView(ticket: TicketRecord): Ticket {
  return {
    id: ticket.id,
    conversationId: ticket.conversationId,
    priority: ticket.priority,
    tier: ticket.tier,
    status: ticket.status,
    createdAt: ticket.createdAt,
    dueAt: ticket.dueAt,
  };
}

export class ChatService {
  readonly store: Store;
  readonly #dataKeys: DataKeys;
  readonly now: () => number;

  constructor(store: Store, dataKeys: DataKeys, now: () => number) {
    this.store = store;
    this.#dataKeys = dataKeys;
    this.now = now;
  }

  /**
   * Stores a message (sealed) with the conversation's next sequence number and its
   * `message.created` event; undefined when the conversation is not the tenant's or is closed.
   */
  async post(
    tenantId: string,
    conversationId: string,
    input: PostInput,
  ): Promise<PostResult | undefined> {
    const at = this.now();
    const sealed = await this.seal(tenantId, conversationId, input.clientId, input.text);
    const stored = await this.store.appendChatMessage({
      tenantId,
      conversationId,
      clientId: input.clientId,
      author: input.author,
      authorName: input.authorName,
      sealed,
      at,
      event: {
        id: newId('evt'),
        type: 'message.created',
        // No text and no names: a webhook receiver reads the message through the agent API.
        payload: { conversationId, clientId: input.clientId, author: input.author, at },
      },
    });
    if (!stored) return undefined;
    // A new message's text is the one just sealed; a retry gets the message as first stored.
    if (stored.created) {
      const { seq, clientId, author, authorName, at: storedAt } = stored.message;
      return {
        message: { seq, clientId, author, authorName, text: input.text, at: storedAt },
        created: true,
      };
    }
    return { message: await this.open(tenantId, stored.message), created: false };
  }

  /** A message's text sealed as `post` seals it (for messages the store writes itself). */
  seal(tenantId: string, conversationId: string, clientId: string, text: string): Promise<string> {
    return this.#dataKeys.seal(tenantId, text, boundTo(conversationId, clientId));
  }

  /** Messages after `after`, oldest first, opened. */
  async replay(
    tenantId: string,
    conversationId: string,
    after: number,
    limit: number,
  ): Promise<ChatMessage[]> {
    const stored = await this.store.listChatMessages(tenantId, conversationId, after, limit);
    return Promise.all(stored.map((m) => this.open(tenantId, m)));
  }

  async conversation(tenantId: string, id: string): Promise<Conversation | undefined> {
    const record = await this.store.getConversation(tenantId, id);
    return record ? conversationView(record) : undefined;
  }

  /** Whether a session may still act: its token unexpired and neither revoked nor forgotten. */
  async sessionHolds(session: ChatSession): Promise<boolean> {
    if (this.now() >= session.exp * 1000) return false;
    return (await this.store.tokenState(session.tenantId, session.jti)) === 'active';
  }

  async open(tenantId: string, message: StoredChatMessage): Promise<ChatMessage> {
    return {
      seq: message.seq,
      clientId: message.clientId,
      author: message.author,
      authorName: message.authorName,
      text: await this.#dataKeys.open(
        tenantId,
        message.sealed,
        boundTo(message.conversationId, message.clientId),
      ),
      at: message.at,
    };
  }
}
