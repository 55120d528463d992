/**
 * The support chat's store, written once and run on each runtime's SQL: on SQLite by
 * `chat-store.test.ts` (test:node), on a local D1 by `test/contract/chat-store-d1.test.ts`
 * (test:contract, as it boots workerd). Gap-free sequence numbers under concurrent appends, a
 * resent client id is the same message, nothing is written to a closed or another tenant's
 * conversation, closing and escalating happen once, the article cap holds without reading
 * first, and every read sees only its own tenant's rows.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cachingStore } from '../../edge/store/caching-store.js';
import type { SqlExecutor } from '../../edge/store/executor.js';
import { migrate } from '../../edge/store/migrate.js';
import type {
  ArticleRecord,
  ConversationRecord,
  NewChatMessage,
  TicketRecord,
} from '../../edge/store/ports/chat.js';
import { sqlStore } from '../../edge/store/sql-store.js';
import type { AuditEntry, Store } from '../../edge/store/store.js';

export const T0 = Date.UTC(2026, 10, 21, 12, 0, 0);
export const A = 'ten_a';
const B = 'ten_b';

export interface ChatStoreRuntime {
  name: string;
  /** A fresh, empty database. */
  database(): Promise<SqlExecutor>;
}

/** Migrates the database and adds tenants A and B: its store and a row counter. */
export async function withTenants(executor: SqlExecutor) {
  await migrate(executor, () => T0);
  const store = sqlStore(executor, () => T0);
  for (const id of [A, B])
    await store.createTenant(
      { id, slug: id.replace('_', '-'), name: id, status: 'active', createdAt: T0 },
      [],
      {
        actor: 'operator',
        action: 'tenant.created',
        target: id,
        beforeHash: null,
        afterHash: null,
      },
    );
  const count = async (table: string, where = '1') => {
    const { rows } = await executor.run<{ n: number }>({
      sql: `SELECT count(*) AS n FROM ${table} WHERE ${where}`,
      parameters: [],
    });
    return Number(rows[0]?.n);
  };
  return { store, count };
}

// Padded, so ids sort in the order they were made (listConversations breaks ties by id).
let ids = 0;
function nextId(prefix: string) {
  ids += 1;
  return `${prefix}_${String(ids).padStart(6, '0')}`;
}

function conversation(tenantId: string, patch: Partial<ConversationRecord> = {}) {
  return {
    id: nextId('cv'),
    tenantId,
    customer: 'cust-1',
    visitorKeyHash: null,
    profileSealed: null,
    status: 'open',
    lastSeq: 0,
    assignee: null,
    escalated: false,
    createdAt: T0,
    updatedAt: T0,
    ...patch,
  } satisfies ConversationRecord;
}

export async function started(
  store: Store,
  tenantId: string,
  patch: Partial<ConversationRecord> = {},
) {
  const c = conversation(tenantId, patch);
  await store.createConversation(c, {
    id: nextId('evt'),
    type: 'conversation.created',
    payload: { conversationId: c.id },
  });
  return c;
}

export function message(
  c: { tenantId: string; id: string },
  clientId: string,
  patch: Partial<NewChatMessage> = {},
): NewChatMessage {
  return {
    tenantId: c.tenantId,
    conversationId: c.id,
    clientId,
    author: 'customer',
    authorName: null,
    sealed: `sealed:${clientId}`,
    at: T0 + 1000,
    event: { id: nextId('evt'), type: 'message.created', payload: { conversationId: c.id } },
    ...patch,
  };
}

const audit = (tenantId: string, action: string, target: string): AuditEntry => ({
  tenantId,
  actor: 'key_agent',
  action,
  target,
  beforeHash: null,
  afterHash: null,
});

const closing = (clientId: string, at = T0 + 5000) => ({
  clientId,
  author: 'system' as const,
  authorName: null,
  sealed: `sealed:${clientId}`,
  at,
});

function ticket(c: { tenantId: string; id: string }, patch: Partial<TicketRecord> = {}) {
  return {
    id: nextId('tk'),
    tenantId: c.tenantId,
    conversationId: c.id,
    priority: 'normal',
    tier: 'enterprise',
    status: 'open',
    createdAt: T0 + 2000,
    dueAt: T0 + 4 * 3_600_000,
    ...patch,
  } satisfies TicketRecord;
}

const article = (tenantId: string, slug: string, patch: Partial<ArticleRecord> = {}) =>
  ({
    tenantId,
    slug,
    title: `About ${slug}`,
    body: `How ${slug} works.`,
    tags: ['help'],
    url: null,
    updatedAt: T0,
    ...patch,
  }) satisfies ArticleRecord;

/** Every test of the chat store, each on a fresh database of `runtime`. */
export function chatStoreSuite(runtime: ChatStoreRuntime) {
  const setUp = async () => withTenants(await runtime.database());

  describe(`chat store on ${runtime.name}: appending messages`, () => {
    test('100 concurrent appends get sequence numbers 1..100, each once, and move last_seq to 100', async () => {
      const { store, count } = await setUp();
      const c = await started(store, A);
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) => store.appendChatMessage(message(c, `client-${i}-x`))),
      );
      const seqs = results.map((r) => r?.message.seq ?? 0).sort((a, b) => a - b);
      assert.deepEqual(
        seqs,
        Array.from({ length: 100 }, (_, i) => i + 1),
      );
      assert.ok(results.every((r) => r?.created === true));
      assert.equal((await store.getConversation(A, c.id))?.lastSeq, 100);
      assert.equal(await count('chat_messages'), 100);
      assert.equal(await count('outbox', "type = 'message.created'"), 100);
      const stored = await store.listChatMessages(A, c.id, 0, 200);
      assert.deepEqual(
        stored.map((m) => m.seq),
        Array.from({ length: 100 }, (_, i) => i + 1),
      );
    });

    test('the stored message comes back with its sequence number, and the conversation’s time moves', async () => {
      const { store } = await setUp();
      const c = await started(store, A);
      const result = await store.appendChatMessage(
        message(c, 'agent-msg-1', { author: 'agent', authorName: 'Asha', at: T0 + 7000 }),
      );
      assert.deepEqual(result, {
        created: true,
        message: {
          conversationId: c.id,
          seq: 1,
          clientId: 'agent-msg-1',
          author: 'agent',
          authorName: 'Asha',
          sealed: 'sealed:agent-msg-1',
          at: T0 + 7000,
        },
      });
      const after = await store.getConversation(A, c.id);
      assert.equal(after?.lastSeq, 1);
      assert.equal(after?.updatedAt, T0 + 7000);
    });

    test('the same client id twice is one message: created false, the first one’s seq and text, no second event', async () => {
      const { store, count } = await setUp();
      const c = await started(store, A);
      await store.appendChatMessage(message(c, 'before-1'));
      const firstTry = await store.appendChatMessage(message(c, 'resent-1', { sealed: 'first' }));
      const again = await store.appendChatMessage(
        message(c, 'resent-1', { sealed: 'second', at: T0 + 9000 }),
      );
      assert.equal(firstTry?.created, true);
      assert.equal(again?.created, false);
      assert.equal(again?.message.seq, 2);
      assert.equal(again?.message.sealed, 'first');
      assert.equal(again?.message.at, T0 + 1000);
      assert.equal(await count('chat_messages', "client_id = 'resent-1'"), 1);
      assert.equal(await count('outbox', "type = 'message.created'"), 2);
      const now = await store.getConversation(A, c.id);
      assert.equal(now?.lastSeq, 2);
      assert.equal(now?.updatedAt, T0 + 1000);
      // The next message follows without a gap.
      assert.equal((await store.appendChatMessage(message(c, 'after-11')))?.message.seq, 3);
    });

    test('the same client id sent twice at once is written once, and exactly one call says created', async () => {
      const { store, count } = await setUp();
      const c = await started(store, A);
      const both = await Promise.all([
        store.appendChatMessage(message(c, 'racing-1', { sealed: 'one' })),
        store.appendChatMessage(message(c, 'racing-1', { sealed: 'two' })),
      ]);
      assert.deepEqual(
        both.map((r) => r?.created),
        [true, false],
      );
      assert.equal(both[0]?.message.seq, 1);
      assert.equal(both[1]?.message.seq, 1);
      assert.equal(await count('chat_messages'), 1);
      assert.equal(await count('outbox', "type = 'message.created'"), 1);
      assert.equal((await store.getConversation(A, c.id))?.lastSeq, 1);
    });

    test('a closed, another tenant’s or an unknown conversation takes no message and writes nothing', async () => {
      const { store, count } = await setUp();
      const closed = await started(store, A);
      await store.appendChatMessage(message(closed, 'kept-msg'));
      assert.ok(
        await store.closeConversation(A, closed.id, closing('close-01'), audit(A, 'x', 'y')),
      );
      const theirs = await started(store, B);
      const messagesBefore = await count('chat_messages');
      const eventsBefore = await count('outbox');

      assert.equal(await store.appendChatMessage(message(closed, 'late-msg')), undefined);
      // Even a resend of a message it holds: the conversation is over.
      assert.equal(await store.appendChatMessage(message(closed, 'kept-msg')), undefined);
      assert.equal(
        await store.appendChatMessage(message({ tenantId: A, id: theirs.id }, 'cross-msg')),
        undefined,
      );
      assert.equal(
        await store.appendChatMessage(message({ tenantId: A, id: 'cv_missing' }, 'lost-msg')),
        undefined,
      );

      assert.equal(await count('chat_messages'), messagesBefore);
      assert.equal(await count('outbox'), eventsBefore);
      assert.equal((await store.getConversation(A, closed.id))?.lastSeq, 2);
      const untouched = await store.getConversation(B, theirs.id);
      assert.equal(untouched?.lastSeq, 0);
      assert.equal(untouched?.updatedAt, T0);
    });

    test('listChatMessages gives the messages after a sequence number, oldest first, at most limit', async () => {
      const { store } = await setUp();
      const c = await started(store, A);
      const other = await started(store, A, { customer: 'cust-2' });
      for (let i = 1; i <= 10; i += 1) await store.appendChatMessage(message(c, `page-msg-${i}`));
      await store.appendChatMessage(message(other, 'elsewhere'));

      const page = await store.listChatMessages(A, c.id, 4, 3);
      assert.deepEqual(
        page.map((m) => [m.seq, m.clientId]),
        [
          [5, 'page-msg-5'],
          [6, 'page-msg-6'],
          [7, 'page-msg-7'],
        ],
      );
      assert.deepEqual(
        (await store.listChatMessages(A, c.id, 8, 50)).map((m) => m.seq),
        [9, 10],
      );
      assert.deepEqual(await store.listChatMessages(A, c.id, 10, 50), []);
      assert.deepEqual(await store.listChatMessages(B, c.id, 0, 50), []);
    });
  });

  describe(`chat store on ${runtime.name}: conversations`, () => {
    test('creating one writes its conversation.created event in the same batch', async () => {
      const { store, count } = await setUp();
      const c = await started(store, A, {
        customer: 'visitor:v1',
        visitorKeyHash: 'ab'.repeat(32),
        profileSealed: 'sealed-profile',
      });
      assert.deepEqual(await store.getConversation(A, c.id), c);
      assert.equal(
        await count('outbox', `type = 'conversation.created' AND tenant_id = '${A}'`),
        1,
      );
    });

    test('another tenant cannot read a conversation, find it open or list it', async () => {
      const { store } = await setUp();
      const c = await started(store, A, { customer: 'shared-ref' });
      assert.equal(await store.getConversation(B, c.id), undefined);
      assert.equal(await store.findOpenConversation(B, 'shared-ref'), undefined);
      assert.deepEqual(await store.listConversations(B, { limit: 10 }), []);
      assert.equal((await store.findOpenConversation(A, 'shared-ref'))?.id, c.id);
    });

    test('findOpenConversation gives the customer’s newest open one, never a closed one', async () => {
      const { store } = await setUp();
      const older = await started(store, A, { customer: 'cust-9', createdAt: T0 });
      const newer = await started(store, A, { customer: 'cust-9', createdAt: T0 + 10 });
      await started(store, A, { customer: 'cust-other', createdAt: T0 + 20 });
      assert.equal((await store.findOpenConversation(A, 'cust-9'))?.id, newer.id);
      await store.closeConversation(A, newer.id, closing('close-02'), audit(A, 'x', newer.id));
      assert.equal((await store.findOpenConversation(A, 'cust-9'))?.id, older.id);
      await store.closeConversation(A, older.id, closing('close-03'), audit(A, 'x', older.id));
      assert.equal(await store.findOpenConversation(A, 'cust-9'), undefined);
    });

    test('listConversations: most recently active first, ties by id, a page at a time, by status', async () => {
      const { store } = await setUp();
      const made = [];
      for (let i = 0; i < 5; i += 1)
        made.push(await started(store, A, { updatedAt: T0 + (i < 2 ? 0 : i) * 100 }));
      const [c0, c1, c2, c3, c4] = made as [
        ConversationRecord,
        ConversationRecord,
        ConversationRecord,
        ConversationRecord,
        ConversationRecord,
      ];
      // c0 and c1 share updated_at: the larger id comes first.
      const order = [c4, c3, c2, c1, c0].map((c) => c.id);
      const firstPage = await store.listConversations(A, { limit: 2 });
      assert.deepEqual(
        firstPage.map((c) => c.id),
        order.slice(0, 2),
      );
      const last = firstPage.at(-1) as ConversationRecord;
      const secondPage = await store.listConversations(A, {
        limit: 2,
        before: { updatedAt: last.updatedAt, id: last.id },
      });
      assert.deepEqual(
        secondPage.map((c) => c.id),
        order.slice(2, 4),
      );
      const tie = secondPage.at(-1) as ConversationRecord;
      assert.deepEqual(
        (
          await store.listConversations(A, {
            limit: 2,
            before: { updatedAt: tie.updatedAt, id: tie.id },
          })
        ).map((c) => c.id),
        [c0.id],
      );

      // A new message moves its conversation to the top; a closed one leaves the open list.
      await store.appendChatMessage(message(c0, 'bump-msg', { at: T0 + 10_000 }));
      await store.closeConversation(A, c3.id, closing('close-04', T0 + 20_000), audit(A, 'x', 'y'));
      assert.deepEqual(
        (await store.listConversations(A, { status: 'open', limit: 10 })).map((c) => c.id),
        [c0.id, c4.id, c2.id, c1.id],
      );
      assert.deepEqual(
        (await store.listConversations(A, { status: 'closed', limit: 10 })).map((c) => c.id),
        [c3.id],
      );
    });

    test('assign sets and clears the assignee of an open conversation, audited; not a closed or foreign one', async () => {
      const { store, count } = await setUp();
      const c = await started(store, A);
      assert.equal(
        await store.assignConversation(A, c.id, 'Asha', T0 + 300, audit(A, 'chat.assigned', c.id)),
        true,
      );
      let now = await store.getConversation(A, c.id);
      assert.equal(now?.assignee, 'Asha');
      assert.equal(now?.updatedAt, T0 + 300);
      assert.equal(
        await store.assignConversation(A, c.id, null, T0 + 400, audit(A, 'chat.assigned', c.id)),
        true,
      );
      now = await store.getConversation(A, c.id);
      assert.equal(now?.assignee, null);
      assert.equal(await count('audit_log', "action = 'chat.assigned'"), 2);

      assert.equal(
        await store.assignConversation(
          B,
          c.id,
          'Mallory',
          T0 + 500,
          audit(B, 'chat.assigned', c.id),
        ),
        false,
      );
      await store.closeConversation(A, c.id, closing('close-05'), audit(A, 'x', c.id));
      assert.equal(
        await store.assignConversation(A, c.id, 'Ravi', T0 + 600, audit(A, 'chat.assigned', c.id)),
        false,
      );
      assert.equal((await store.getConversation(A, c.id))?.assignee, null);
      assert.equal(await count('audit_log', "action = 'chat.assigned'"), 2);
    });
  });

  describe(`chat store on ${runtime.name}: closing and escalating`, () => {
    test('close writes the system message at the next seq, resolves the ticket and is audited, once', async () => {
      const { store, count } = await setUp();
      const c = await started(store, A);
      await store.appendChatMessage(message(c, 'hello-msg'));
      await store.appendChatMessage(message(c, 'second-msg'));
      await store.escalateConversation(ticket(c));

      assert.equal(
        await store.closeConversation(
          A,
          c.id,
          closing('closing-1', T0 + 8000),
          audit(A, 'chat.closed', c.id),
        ),
        true,
      );
      const closed = await store.getConversation(A, c.id);
      assert.equal(closed?.status, 'closed');
      assert.equal(closed?.lastSeq, 3);
      assert.equal(closed?.updatedAt, T0 + 8000);
      const [last] = await store.listChatMessages(A, c.id, 2, 10);
      assert.deepEqual(last, {
        conversationId: c.id,
        seq: 3,
        clientId: 'closing-1',
        author: 'system',
        authorName: null,
        sealed: 'sealed:closing-1',
        at: T0 + 8000,
      });
      assert.equal((await store.getTicket(A, c.id))?.status, 'resolved');
      assert.equal(await count('audit_log', "action = 'chat.closed'"), 1);

      assert.equal(
        await store.closeConversation(A, c.id, closing('closing-2'), audit(A, 'chat.closed', c.id)),
        false,
      );
      assert.equal(await count('chat_messages'), 3);
      assert.equal(await count('audit_log', "action = 'chat.closed'"), 1);
      assert.equal((await store.getConversation(A, c.id))?.lastSeq, 3);
    });

    test('close of a conversation without a ticket works; of another tenant’s does nothing', async () => {
      const { store, count } = await setUp();
      const c = await started(store, A);
      await store.escalateConversation(ticket(c));
      assert.equal(
        await store.closeConversation(B, c.id, closing('closing-3'), audit(B, 'chat.closed', c.id)),
        false,
      );
      assert.equal((await store.getConversation(A, c.id))?.status, 'open');
      assert.equal((await store.getTicket(A, c.id))?.status, 'open');
      assert.equal(await count('chat_messages'), 0);
      assert.equal(await count('audit_log', "action = 'chat.closed'"), 0);

      const plain = await started(store, A);
      assert.equal(
        await store.closeConversation(
          A,
          plain.id,
          closing('closing-4'),
          audit(A, 'chat.closed', 'p'),
        ),
        true,
      );
      assert.equal((await store.getConversation(A, plain.id))?.lastSeq, 1);
    });

    test('escalating twice gives the first ticket, one row, and marks the conversation escalated', async () => {
      const { store, count } = await setUp();
      const c = await started(store, A);
      const first = ticket(c, { priority: 'urgent', tier: 'premium' });
      assert.deepEqual(await store.escalateConversation(first), first);
      const second = ticket(c, { createdAt: T0 + 9000 });
      assert.deepEqual(await store.escalateConversation(second), first);
      // The same request retried (same ticket id) is no different.
      assert.deepEqual(await store.escalateConversation(first), first);
      assert.equal(await count('chat_tickets'), 1);
      const now = await store.getConversation(A, c.id);
      assert.equal(now?.escalated, true);
      assert.equal(now?.updatedAt, first.createdAt);
      assert.deepEqual(await store.getTicket(A, c.id), first);
    });

    test('escalating a closed, another tenant’s or an unknown conversation gives nothing and writes nothing', async () => {
      const { store, count } = await setUp();
      const closed = await started(store, A);
      await store.closeConversation(A, closed.id, closing('closing-5'), audit(A, 'x', 'y'));
      const theirs = await started(store, B);
      assert.equal(await store.escalateConversation(ticket(closed)), undefined);
      assert.equal(
        await store.escalateConversation(ticket({ tenantId: A, id: theirs.id })),
        undefined,
      );
      assert.equal(
        await store.escalateConversation(ticket({ tenantId: A, id: 'cv_missing' })),
        undefined,
      );
      assert.equal(await count('chat_tickets'), 0);
      assert.equal((await store.getConversation(B, theirs.id))?.escalated, false);
      assert.equal((await store.getConversation(A, closed.id))?.escalated, false);
    });

    test('listTickets: open ones, soonest due first, only those due by dueBefore, of the tenant', async () => {
      const { store } = await setUp();
      const due = [5, 1, 3, 2];
      const tickets: TicketRecord[] = [];
      for (const hours of due) {
        const c = await started(store, A);
        const t = ticket(c, { dueAt: T0 + hours * 3_600_000 });
        await store.escalateConversation(t);
        tickets.push(t);
      }
      const resolvedOne = tickets[3] as TicketRecord; // due in 2 h, but its chat closed
      await store.closeConversation(
        A,
        resolvedOne.conversationId,
        closing('closing-6'),
        audit(A, 'x', 'y'),
      );
      const theirs = await started(store, B);
      await store.escalateConversation(ticket(theirs, { dueAt: T0 }));

      const byHours = (list: TicketRecord[]) => list.map((t) => (t.dueAt - T0) / 3_600_000);
      assert.deepEqual(byHours(await store.listTickets(A, { limit: 10 })), [1, 3, 5]);
      assert.deepEqual(byHours(await store.listTickets(A, { limit: 2 })), [1, 3]);
      assert.deepEqual(
        byHours(await store.listTickets(A, { dueBefore: T0 + 3 * 3_600_000, limit: 10 })),
        [1, 3],
      );
      assert.deepEqual(byHours(await store.listTickets(B, { limit: 10 })), [0]);
      assert.equal(await store.getTicket(B, resolvedOne.conversationId), undefined);
    });
  });

  describe(`chat store on ${runtime.name}: knowledge-base articles`, () => {
    test('at the cap a new article is refused, a replacement is not, and only writes are audited', async () => {
      const { store, count } = await setUp();
      assert.equal(
        await store.putArticle(article(A, 'cards'), 2, audit(A, 'kb.put', 'cards')),
        true,
      );
      assert.equal(
        await store.putArticle(article(A, 'loans'), 2, audit(A, 'kb.put', 'loans')),
        true,
      );
      assert.equal(
        await store.putArticle(article(A, 'fees'), 2, audit(A, 'kb.put', 'fees')),
        false,
      );
      assert.equal(await store.getArticle(A, 'fees'), undefined);

      const replaced = article(A, 'cards', {
        title: 'Cards, again',
        body: 'New text.',
        tags: ['cards', 'debit'],
        url: 'https://bank.example/help/cards',
        updatedAt: T0 + 50,
      });
      assert.equal(await store.putArticle(replaced, 2, audit(A, 'kb.put', 'cards')), true);
      assert.deepEqual(await store.getArticle(A, 'cards'), replaced);
      assert.equal(await count('kb_articles', `tenant_id = '${A}'`), 2);
      assert.equal(await count('audit_log', "action = 'kb.put'"), 3);

      // The cap is per tenant.
      assert.equal(await store.putArticle(article(B, 'fees'), 2, audit(B, 'kb.put', 'fees')), true);
    });

    test('articles are listed by slug, deleted once, and another tenant neither sees nor deletes them', async () => {
      const { store, count } = await setUp();
      for (const slug of ['savings', 'accounts', 'mortgages'])
        await store.putArticle(article(A, slug), 10, audit(A, 'kb.put', slug));
      await store.putArticle(
        article(B, 'accounts', { title: 'B’s own' }),
        10,
        audit(B, 'kb.put', 'a'),
      );

      assert.deepEqual(
        (await store.listArticles(A)).map((a) => a.slug),
        ['accounts', 'mortgages', 'savings'],
      );
      assert.equal((await store.getArticle(B, 'accounts'))?.title, 'B’s own');
      assert.equal(await store.getArticle(B, 'savings'), undefined);

      assert.equal(
        await store.deleteArticle(B, 'savings', audit(B, 'kb.deleted', 'savings')),
        false,
      );
      assert.equal(
        await store.deleteArticle(A, 'savings', audit(A, 'kb.deleted', 'savings')),
        true,
      );
      assert.equal(
        await store.deleteArticle(A, 'savings', audit(A, 'kb.deleted', 'savings')),
        false,
      );
      assert.equal(await count('audit_log', "action = 'kb.deleted'"), 1);
      assert.deepEqual(
        (await store.listArticles(A)).map((a) => a.slug),
        ['accounts', 'mortgages'],
      );
      assert.deepEqual(
        (await store.listArticles(B)).map((a) => a.slug),
        ['accounts'],
      );
    });
  });

  describe(`chat store on ${runtime.name}: behind the caching store`, () => {
    test('chat reads see each write at once, and chat writes do not empty the read cache', async () => {
      const { store: sql } = await setUp();
      let changes = 0;
      const store = cachingStore(sql, () => T0, { onChange: () => (changes += 1) });
      const c = await started(store, A);
      assert.equal((await store.getConversation(A, c.id))?.lastSeq, 0);
      await store.appendChatMessage(message(c, 'cached-msg'));
      assert.equal((await store.getConversation(A, c.id))?.lastSeq, 1);
      assert.equal((await store.listChatMessages(A, c.id, 0, 10)).length, 1);
      await store.escalateConversation(ticket(c));
      await store.assignConversation(A, c.id, 'Asha', T0 + 1, audit(A, 'chat.assigned', c.id));
      await store.closeConversation(A, c.id, closing('closing-7'), audit(A, 'chat.closed', c.id));
      assert.equal((await store.getConversation(A, c.id))?.status, 'closed');
      await store.putArticle(article(A, 'cards'), 10, audit(A, 'kb.put', 'cards'));
      assert.equal((await store.getArticle(A, 'cards'))?.slug, 'cards');
      assert.equal(changes, 0);
    });
  });
}
