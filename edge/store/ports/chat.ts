/**
 * Support chat: conversations, their messages (text sealed under the tenant's data key before
 * it gets here), tickets from escalations and the tenant's knowledge-base articles.
 *
 * Sequence numbers are the store's: appending a message gives it `last_seq + 1` of its
 * conversation and moves `last_seq`, in one atomic batch, so they are gap-free and unique per
 * conversation whichever process (or Durable Object) appends. A message is identified by its
 * client id within its conversation: appending the same client id again returns the message
 * already stored (`created: false`) and writes nothing.
 */
import type { AuditEntry, OutboxEvent } from '../types.js';

export type ChatAuthor = 'customer' | 'agent' | 'system';

export interface ConversationRecord {
  id: string;
  tenantId: string;
  /** The token's `sub`, or `visitor:<id>` for an anonymous visitor. */
  customer: string;
  /** SHA-256 (hex) of an anonymous visitor's key; null for a known customer. */
  visitorKeyHash: string | null;
  /** The visitor's name and email as given in the pre-chat form, sealed; null if none. */
  profileSealed: string | null;
  status: 'open' | 'closed';
  lastSeq: number;
  assignee: string | null;
  escalated: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface StoredChatMessage {
  conversationId: string;
  seq: number;
  clientId: string;
  author: ChatAuthor;
  authorName: string | null;
  /** The text, sealed under the tenant's data key (bound to conversation id and client id). */
  sealed: string;
  at: number;
}

export interface NewChatMessage {
  tenantId: string;
  conversationId: string;
  clientId: string;
  author: ChatAuthor;
  authorName: string | null;
  sealed: string;
  at: number;
  /** `message.created`, written in the same batch only if the message is new. */
  event: OutboxEvent;
}

export interface TicketRecord {
  id: string;
  tenantId: string;
  conversationId: string;
  priority: 'low' | 'normal' | 'urgent';
  tier: 'community' | 'enterprise' | 'premium';
  status: 'open' | 'resolved';
  createdAt: number;
  dueAt: number;
}

export interface ArticleRecord {
  tenantId: string;
  slug: string;
  title: string;
  body: string;
  tags: string[];
  url: string | null;
  updatedAt: number;
}

export interface ChatStore {
  /** Writes the conversation and its `conversation.created` event in one batch. */
  createConversation(conversation: ConversationRecord, event: OutboxEvent): Promise<void>;
  getConversation(tenantId: string, id: string): Promise<ConversationRecord | undefined>;
  /** The customer's newest open conversation, if any (known customers resume it). */
  findOpenConversation(tenantId: string, customer: string): Promise<ConversationRecord | undefined>;
  /** Open (or closed) conversations, most recently active first, a page at a time. */
  listConversations(
    tenantId: string,
    options: {
      status?: 'open' | 'closed';
      before?: { updatedAt: number; id: string };
      limit: number;
    },
  ): Promise<ConversationRecord[]>;
  /**
   * Appends a message to an open conversation of the tenant: the next sequence number, the
   * conversation's `last_seq` and `updated_at`, and the event, in one batch. Undefined when
   * the conversation is not the tenant's or is closed (nothing written). A client id already
   * in the conversation gives the stored message and `created: false`.
   */
  appendChatMessage(
    message: NewChatMessage,
  ): Promise<{ message: StoredChatMessage; created: boolean } | undefined>;
  /** Messages with `seq > after`, oldest first, at most `limit`. */
  listChatMessages(
    tenantId: string,
    conversationId: string,
    after: number,
    limit: number,
  ): Promise<StoredChatMessage[]>;
  /** Sets (or clears) the assignee of an open conversation; false if none. */
  assignConversation(
    tenantId: string,
    id: string,
    assignee: string | null,
    at: number,
    audit: AuditEntry,
  ): Promise<boolean>;
  /**
   * Closes an open conversation and resolves its open ticket, with a closing system message
   * (the next sequence number) in the same batch; false if it was not open.
   */
  closeConversation(
    tenantId: string,
    id: string,
    closing: Omit<NewChatMessage, 'event' | 'tenantId' | 'conversationId'>,
    audit: AuditEntry,
  ): Promise<boolean>;
  /**
   * Escalates an open conversation: writes the ticket and marks the conversation escalated,
   * once (a second escalation returns the first ticket and writes nothing). Undefined when the
   * conversation is not the tenant's or not open.
   */
  escalateConversation(ticket: TicketRecord): Promise<TicketRecord | undefined>;
  getTicket(tenantId: string, conversationId: string): Promise<TicketRecord | undefined>;
  /** Open tickets, soonest due first; with `dueBefore`, only those due by then. */
  listTickets(
    tenantId: string,
    options: { dueBefore?: number; limit: number },
  ): Promise<TicketRecord[]>;
  /** Creates or replaces an article, unless the tenant already has `max` others (then false). */
  putArticle(article: ArticleRecord, max: number, audit: AuditEntry): Promise<boolean>;
  deleteArticle(tenantId: string, slug: string, audit: AuditEntry): Promise<boolean>;
  getArticle(tenantId: string, slug: string): Promise<ArticleRecord | undefined>;
  /** Every article of the tenant (at most MAX_ARTICLES), by slug. */
  listArticles(tenantId: string): Promise<ArticleRecord[]>;
}
