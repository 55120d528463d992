/**
 * ChatStore on SQL. A message takes its sequence number in its own INSERT … SELECT
 * (`last_seq + 1` of its open conversation) and `last_seq` moves in the same batch, so between
 * batches every message has `seq <= last_seq`. That invariant tells, inside a batch, whether
 * the batch itself wrote the message: the row of its client id sits at `last_seq + 1` only
 * after a fresh insert and only until the conversation's update. Every row that depends on the
 * message (its event, an audit row, the resolved ticket) is written under that condition,
 * before the update that moves `last_seq` and so ends it.
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import type {
  ArticleRecord,
  ChatAuthor,
  ChatStore,
  ConversationRecord,
  NewChatMessage,
  StoredChatMessage,
  TicketRecord,
} from '../ports/chat.js';
import { q } from '../query.js';
import {
  all,
  auditRow,
  batch,
  first,
  insertWhen,
  outboxRow,
  type Row,
  type SqlContext,
} from './shared.js';

const exists = (query: { compile: () => unknown }): Expression<SqlBool> =>
  sql<SqlBool>`exists ${query}`;

const conversationRow = (c: ConversationRecord): Row<'chat_conversations'> => ({
  id: c.id,
  tenant_id: c.tenantId,
  customer: c.customer,
  visitor_key_hash: c.visitorKeyHash,
  profile: c.profileSealed,
  status: c.status,
  last_seq: c.lastSeq,
  assignee: c.assignee,
  escalated: c.escalated ? 1 : 0,
  created_at: c.createdAt,
  updated_at: c.updatedAt,
});

const conversationFrom = (r: Row<'chat_conversations'>): ConversationRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  customer: r.customer,
  visitorKeyHash: r.visitor_key_hash,
  profileSealed: r.profile,
  status: r.status as ConversationRecord['status'],
  lastSeq: Number(r.last_seq),
  assignee: r.assignee,
  escalated: Number(r.escalated) === 1,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

const messageFrom = (r: Row<'chat_messages'>): StoredChatMessage => ({
  conversationId: r.conversation_id,
  seq: Number(r.seq),
  clientId: r.client_id,
  author: r.author as ChatAuthor,
  authorName: r.author_name,
  sealed: r.sealed,
  at: Number(r.at),
});

const ticketRow = (t: TicketRecord): Row<'chat_tickets'> => ({
  id: t.id,
  tenant_id: t.tenantId,
  conversation_id: t.conversationId,
  priority: t.priority,
  tier: t.tier,
  status: t.status,
  created_at: t.createdAt,
  due_at: t.dueAt,
});

const ticketFrom = (r: Row<'chat_tickets'>): TicketRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  conversationId: r.conversation_id,
  priority: r.priority as TicketRecord['priority'],
  tier: r.tier as TicketRecord['tier'],
  status: r.status as TicketRecord['status'],
  createdAt: Number(r.created_at),
  dueAt: Number(r.due_at),
});

const articleFrom = (r: Row<'kb_articles'>): ArticleRecord => ({
  tenantId: r.tenant_id,
  slug: r.slug,
  title: r.title,
  body: r.body,
  tags: JSON.parse(r.tags) as string[],
  url: r.url,
  updatedAt: Number(r.updated_at),
});

const conversationOf = (tenantId: string, id: string) =>
  q.selectFrom('chat_conversations').where('tenant_id', '=', tenantId).where('id', '=', id);

const openConversation = (tenantId: string, id: string) =>
  conversationOf(tenantId, id).where('status', '=', 'open');

type MessageValues = Pick<NewChatMessage, 'clientId' | 'author' | 'authorName' | 'sealed' | 'at'>;

/** The message, at the next sequence number of the tenant's open conversation; else no row. */
function nextMessage(tenantId: string, conversationId: string, m: MessageValues) {
  return q
    .insertInto('chat_messages')
    .columns(['conversation_id', 'seq', 'client_id', 'author', 'author_name', 'sealed', 'at'])
    .expression(
      openConversation(tenantId, conversationId).select((eb) => [
        eb.val(conversationId).as('conversation_id'),
        eb('last_seq', '+', 1).as('seq'),
        eb.val(m.clientId).as('client_id'),
        eb.val(m.author).as('author'),
        eb.val(m.authorName).as('author_name'),
        eb.val(m.sealed).as('sealed'),
        eb.val(m.at).as('at'),
      ]),
    );
}

/**
 * True between this batch's insert of the message and the update that moves `last_seq` past
 * it; false for a message stored by an earlier batch (it is at or below `last_seq`).
 */
const justInserted = (tenantId: string, conversationId: string, clientId: string) =>
  exists(
    q
      .selectFrom('chat_messages')
      .innerJoin('chat_conversations as c', 'c.id', 'chat_messages.conversation_id')
      .select('chat_messages.seq')
      .where('c.tenant_id', '=', tenantId)
      .where('c.id', '=', conversationId)
      .where('chat_messages.client_id', '=', clientId)
      .where((eb) => eb('chat_messages.seq', '=', eb('c.last_seq', '+', 1))),
  );

/** Moves `last_seq` onto the message just inserted (and nothing if there is none). */
const moveLastSeq = (tenantId: string, conversationId: string, clientId: string, at: number) =>
  q
    .updateTable('chat_conversations')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1), updated_at: at }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', conversationId)
    .where('status', '=', 'open')
    .where(justInserted(tenantId, conversationId, clientId));

export function sqlChat({ x, now }: SqlContext): ChatStore {
  return {
    async createConversation(conversation, event) {
      await batch(x, [
        q.insertInto('chat_conversations').values(conversationRow(conversation)),
        q
          .insertInto('outbox')
          .values(outboxRow(conversation.tenantId, event, conversation.createdAt)),
      ]);
    },

    async getConversation(tenantId, id) {
      const row = await first(x, conversationOf(tenantId, id).selectAll());
      return row && conversationFrom(row);
    },

    async findOpenConversation(tenantId, customer) {
      const row = await first(
        x,
        q
          .selectFrom('chat_conversations')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('customer', '=', customer)
          .where('status', '=', 'open')
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(1),
      );
      return row && conversationFrom(row);
    },

    async listConversations(tenantId, { status, before, limit }) {
      let query = q.selectFrom('chat_conversations').selectAll().where('tenant_id', '=', tenantId);
      if (status !== undefined) query = query.where('status', '=', status);
      if (before)
        query = query.where((eb) =>
          eb.or([
            eb('updated_at', '<', before.updatedAt),
            eb.and([eb('updated_at', '=', before.updatedAt), eb('id', '<', before.id)]),
          ]),
        );
      const rows = await all(
        x,
        query.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit),
      );
      return rows.map(conversationFrom);
    },

    async appendChatMessage(message) {
      const { tenantId, conversationId, clientId, at } = message;
      const results = await batch(x, [
        nextMessage(tenantId, conversationId, message).onConflict((oc) =>
          oc.columns(['conversation_id', 'client_id']).doNothing(),
        ),
        insertWhen(
          'outbox',
          outboxRow(tenantId, message.event, at),
          justInserted(tenantId, conversationId, clientId),
        ),
        moveLastSeq(tenantId, conversationId, clientId, at),
        q
          .selectFrom('chat_messages')
          .selectAll('chat_messages')
          .where('conversation_id', '=', conversationId)
          .where('client_id', '=', clientId)
          .where(exists(openConversation(tenantId, conversationId).select('id'))),
      ]);
      const stored = results[3]?.rows[0] as Row<'chat_messages'> | undefined;
      // The update moved `last_seq` only onto a message this batch inserted.
      return stored && { message: messageFrom(stored), created: (results[2]?.changes ?? 0) > 0 };
    },

    async listChatMessages(tenantId, conversationId, after, limit) {
      const rows = await all(
        x,
        q
          .selectFrom('chat_messages')
          .selectAll()
          .where('conversation_id', '=', conversationId)
          .where(exists(conversationOf(tenantId, conversationId).select('id')))
          .where('seq', '>', after)
          .orderBy('seq')
          .limit(limit),
      );
      return rows.map(messageFrom);
    },

    async assignConversation(tenantId, id, assignee, at, audit) {
      // The audit row's condition is the update's, checked just before it: both or neither.
      const [, assigned] = await batch(x, [
        auditRow(audit, at, exists(openConversation(tenantId, id).select('id'))),
        q
          .updateTable('chat_conversations')
          .set({ assignee, updated_at: at })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .where('status', '=', 'open'),
      ]);
      return (assigned?.changes ?? 0) > 0;
    },

    async closeConversation(tenantId, id, closing, audit) {
      const closed = justInserted(tenantId, id, closing.clientId);
      const results = await batch(x, [
        // No ON CONFLICT: the closing message's client id is the edge's own, fresh one, so a
        // clash is a bug and fails the whole batch rather than closing without the message.
        nextMessage(tenantId, id, closing),
        auditRow(audit, closing.at, closed),
        q
          .updateTable('chat_tickets')
          .set({ status: 'resolved' })
          .where('tenant_id', '=', tenantId)
          .where('conversation_id', '=', id)
          .where('status', '=', 'open')
          .where(closed),
        q
          .updateTable('chat_conversations')
          .set((eb) => ({
            status: 'closed',
            last_seq: eb('last_seq', '+', 1),
            updated_at: closing.at,
          }))
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .where('status', '=', 'open')
          .where(closed),
      ]);
      return (results[3]?.changes ?? 0) > 0;
    },

    async escalateConversation(ticket) {
      const { tenantId, conversationId } = ticket;
      const results = await batch(x, [
        insertWhen(
          'chat_tickets',
          ticketRow(ticket),
          exists(openConversation(tenantId, conversationId).select('id')),
        ).onConflict((oc) => oc.column('conversation_id').doNothing()),
        q
          .updateTable('chat_conversations')
          .set({ escalated: 1, updated_at: ticket.createdAt })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', conversationId)
          .where('status', '=', 'open')
          .where('escalated', '=', 0)
          .where(
            exists(
              q
                .selectFrom('chat_tickets')
                .select('id')
                .where('tenant_id', '=', tenantId)
                .where('id', '=', ticket.id),
            ),
          ),
        q
          .selectFrom('chat_tickets')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('conversation_id', '=', conversationId)
          .where(exists(openConversation(tenantId, conversationId).select('id'))),
      ]);
      const stored = results[2]?.rows[0] as Row<'chat_tickets'> | undefined;
      return stored && ticketFrom(stored);
    },

    async getTicket(tenantId, conversationId) {
      const row = await first(
        x,
        q
          .selectFrom('chat_tickets')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('conversation_id', '=', conversationId),
      );
      return row && ticketFrom(row);
    },

    async listTickets(tenantId, { dueBefore, limit }) {
      let query = q
        .selectFrom('chat_tickets')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('status', '=', 'open');
      if (dueBefore !== undefined) query = query.where('due_at', '<=', dueBefore);
      const rows = await all(x, query.orderBy('due_at').orderBy('id').limit(limit));
      return rows.map(ticketFrom);
    },

    async putArticle(article, max, audit) {
      const { tenantId, slug } = article;
      const articles = q.selectFrom('kb_articles').where('tenant_id', '=', tenantId);
      // A replacement always fits; a new article only under the cap.
      const fits = sql<SqlBool>`((${articles.select((eb) =>
        eb.fn.countAll<number>().as('n'),
      )}) < ${max} or ${exists(articles.select('slug').where('slug', '=', slug))})`;
      const content = {
        title: article.title,
        body: article.body,
        tags: JSON.stringify(article.tags),
        url: article.url,
        updated_at: article.updatedAt,
      };
      // The audit row's condition is the upsert's, checked just before it: both or neither.
      const [, put] = await batch(x, [
        auditRow(audit, article.updatedAt, fits),
        insertWhen('kb_articles', { tenant_id: tenantId, slug, ...content }, fits).onConflict(
          (oc) => oc.columns(['tenant_id', 'slug']).doUpdateSet(content),
        ),
      ]);
      return (put?.changes ?? 0) > 0;
    },

    async deleteArticle(tenantId, slug, audit) {
      const article = q
        .selectFrom('kb_articles')
        .where('tenant_id', '=', tenantId)
        .where('slug', '=', slug);
      const [, deleted] = await batch(x, [
        auditRow(audit, now(), exists(article.select('slug'))),
        q.deleteFrom('kb_articles').where('tenant_id', '=', tenantId).where('slug', '=', slug),
      ]);
      return (deleted?.changes ?? 0) > 0;
    },

    async getArticle(tenantId, slug) {
      const row = await first(
        x,
        q
          .selectFrom('kb_articles')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('slug', '=', slug),
      );
      return row && articleFrom(row);
    },

    async listArticles(tenantId) {
      const rows = await all(
        x,
        q.selectFrom('kb_articles').selectAll().where('tenant_id', '=', tenantId).orderBy('slug'),
      );
      return rows.map(articleFrom);
    },
  };
}
