// The support chat's HTTP API on the Node edge (app.request on createApp): starting and
// resuming conversations (known customers, anonymous visitors and their keys), messages (sequence
// numbers, resends, paging, text rules, limits, who may post), text sealed at rest and kept out
// of events, escalation by tier, support status and settings, knowledge-base articles and their
// search, the agent API with the customer's SSE stream watching, and the socket route's
// refusals in process (real sockets are test/contract/chat.contract.test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type ChatMessage,
  type Conversation,
  MAX_ARTICLES,
  MAX_MESSAGE_CHARS,
  MESSAGES_PER_MINUTE,
  type ServerFrame,
  type SupportSettings,
  TIER_PROMISES,
  type Ticket,
  VISITOR_KEY_HEADER,
  VISITOR_KEY_PATTERN,
} from '../../contracts/chat.js';
import {
  createTenant,
  createTestEdge,
  mintToken,
  ORIGIN,
  type TestEdge,
  type TestTenant,
  tamperTail,
} from './helpers.js';

const MINUTE = 60_000;
/** Wednesday 25 November 2026, 10:00 UTC: inside the default hours. */
const WEDNESDAY_10 = Date.UTC(2026, 10, 25, 10, 0);

async function read<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  return JSON.parse(text) as T;
}

async function problem(res: Response, status: number, code: string) {
  const body = await read<Record<string, unknown>>(res, status);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(body.type, `https://docs.gridworks.example/problems/${code}`);
  return body;
}

interface Setup {
  edge: TestEdge;
  tenant: TestTenant;
  /** A widget token with `chat:write` for the known customer `cust-1`. */
  token: string;
}

async function setup(edge?: TestEdge, slug = 'bank-a'): Promise<Setup> {
  const e = edge ?? (await createTestEdge());
  const tenant = await createTenant(e, slug, [ORIGIN]);
  return { edge: e, tenant, token: await chatToken(e, tenant, 'cust-1') };
}

/** A `chat:write` widget token for `customer`, or an anonymous one without. */
async function chatToken(edge: TestEdge, tenant: TestTenant, customer?: string): Promise<string> {
  const minted = await mintToken(edge, tenant, {
    scopes: ['chat:write'],
    origin: ORIGIN,
    ...(customer ? { customer } : {}),
  });
  return minted.token;
}

/** A widget call from the token's own origin. */
const widget = (auth: string, headers: Record<string, string> = {}) => ({
  auth,
  headers: { origin: ORIGIN, ...headers },
});

async function start(edge: TestEdge, token: string, body: unknown = {}) {
  return read<{ conversation: Conversation; visitorKey?: string }>(
    await edge.call('POST', '/v1/chat/conversations', { ...widget(token), body }),
    201,
  );
}

const VISITOR = { name: 'Wilhelmina Featherstonehaugh', email: 'wilhelmina@featherstone.example' };

/** An anonymous visitor's conversation and its key. */
async function startVisitor(edge: TestEdge, tenant: TestTenant) {
  const token = await chatToken(edge, tenant);
  const started = await start(edge, token, VISITOR);
  return { token, id: started.conversation.id, key: started.visitorKey ?? '' };
}

let clientIds = 0;
const nextClientId = () => `client-${String(++clientIds).padStart(6, '0')}`;

function post(
  edge: TestEdge,
  token: string,
  id: string,
  text: string,
  clientId = nextClientId(),
  headers: Record<string, string> = {},
) {
  return edge.call('POST', `/v1/chat/conversations/${id}/messages`, {
    ...widget(token, headers),
    body: { clientId, text },
  });
}

async function messages(edge: TestEdge, token: string, id: string, after = 0) {
  return read<{ messages: ChatMessage[]; conversation: Conversation }>(
    await edge.call('GET', `/v1/chat/conversations/${id}/messages?after=${after}`, widget(token)),
    200,
  );
}

const countRows = (edge: TestEdge, table: string) =>
  (edge.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

const agentCall = (
  edge: TestEdge,
  tenant: TestTenant,
  method: string,
  path: string,
  body?: unknown,
) =>
  edge.call(method, `/v1/agent${path}`, {
    auth: tenant.secretKey,
    ...(body !== undefined ? { body } : {}),
  });

async function closeConversation(edge: TestEdge, tenant: TestTenant, id: string) {
  return read<{ conversation: Conversation }>(
    await agentCall(edge, tenant, 'POST', `/conversations/${id}/close`),
    200,
  );
}

async function putSettings(edge: TestEdge, tenant: TestTenant, settings: unknown) {
  return edge.call('PUT', '/v1/support/settings', { auth: tenant.secretKey, body: settings });
}

const WEEKDAYS_9_TO_5 = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, { open: '09:00', close: '17:00' }]),
);

async function setTier(edge: TestEdge, tenant: TestTenant, tier: SupportSettings['tier']) {
  await read(
    await putSettings(edge, tenant, {
      tier,
      hours: { timeZone: 'UTC', days: WEEKDAYS_9_TO_5 },
      visitors: true,
    }),
    200,
  );
}

/** One event of a `text/event-stream`: a `data:` frame, or the last `close` event. */
type StreamEvent = { event: 'message'; frame: ServerFrame } | { event: 'close'; code: number };

/**
 * Reads an SSE answer event by event as it arrives (keep-alive comments skipped). `next`
 * gives up after a while, so a frame that never comes fails the test instead of hanging it.
 */
function sseReader(res: Response) {
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const parse = (block: string): StreamEvent => {
    let event = 'message';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice('event: '.length);
      else if (line.startsWith('data: ')) data += line.slice('data: '.length);
    }
    const value = JSON.parse(data) as ServerFrame & { code: number };
    return event === 'close'
      ? { event: 'close', code: value.code }
      : { event: 'message', frame: value };
  };
  const nextEvent = async (): Promise<StreamEvent | undefined> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith(':')) continue;
        return parse(block);
      }
      const { value, done } = await reader.read();
      if (done) return undefined;
      buffer += decoder.decode(value, { stream: true });
    }
  };
  return {
    async next(): Promise<StreamEvent | undefined> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no event within 5 s')), 5_000);
      });
      try {
        return await Promise.race([nextEvent(), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    /** The next `data:` frame (fails on a close or the end of the stream). */
    async frame(): Promise<ServerFrame> {
      const event = await this.next();
      assert.equal(event?.event, 'message', `expected a frame, got ${JSON.stringify(event)}`);
      return (event as { frame: ServerFrame }).frame;
    },
    cancel: () => reader.cancel(),
  };
}

/** The customer's SSE stream of a conversation, from after `after`. */
async function openStream(edge: TestEdge, token: string, id: string, after = 0) {
  return sseReader(
    await edge.call('GET', `/v1/chat/conversations/${id}/events?after=${after}`, widget(token)),
  );
}

describe('starting a conversation', () => {
  test('a known customer gets one open conversation: 201, then 200 with the same one; current shows it', async () => {
    const { edge, tenant, token } = await setup();
    const current = () => edge.call('GET', '/v1/chat/conversations/current', widget(token));
    assert.equal((await current()).status, 204);
    const first = await start(edge, token);
    assert.equal(first.conversation.status, 'open');
    assert.equal(first.conversation.lastSeq, 0);
    assert.equal(first.conversation.escalated, false);
    assert.equal(first.visitorKey, undefined, 'a known customer gets no visitor key');
    // A later token of the same customer resumes it.
    const again = await read<{ conversation: Conversation }>(
      await edge.call('POST', '/v1/chat/conversations', {
        ...widget(await chatToken(edge, tenant, 'cust-1')),
        body: {},
      }),
      200,
    );
    assert.equal(again.conversation.id, first.conversation.id);
    const shown = await read<{ conversation: Conversation }>(await current(), 200);
    assert.equal(shown.conversation.id, first.conversation.id);
    // Another customer has none; once closed, the customer has none either and starts afresh.
    const other = await chatToken(edge, tenant, 'cust-2');
    assert.equal(
      (await edge.call('GET', '/v1/chat/conversations/current', widget(other))).status,
      204,
    );
    await closeConversation(edge, tenant, first.conversation.id);
    assert.equal((await current()).status, 204);
    const fresh = await start(edge, token);
    assert.notEqual(fresh.conversation.id, first.conversation.id);
    await edge.close();
  });

  test('an anonymous visitor must give a name and email, then gets a visitor key', async () => {
    const { edge, tenant } = await setup();
    const anonymous = await chatToken(edge, tenant);
    const refused = await problem(
      await edge.call('POST', '/v1/chat/conversations', { ...widget(anonymous), body: {} }),
      422,
      'customer-details-required',
    );
    assert.deepEqual(
      (refused.errors as { path: string }[]).map((e) => e.path),
      ['/name', '/email'],
    );
    const halfway = await problem(
      await edge.call('POST', '/v1/chat/conversations', {
        ...widget(anonymous),
        body: { name: VISITOR.name },
      }),
      422,
      'customer-details-required',
    );
    assert.deepEqual(
      (halfway.errors as { path: string }[]).map((e) => e.path),
      ['/email'],
    );
    await problem(
      await edge.call('POST', '/v1/chat/conversations', {
        ...widget(anonymous),
        body: { name: VISITOR.name, email: 'not an email' },
      }),
      422,
      'validation-failed',
    );
    assert.equal(countRows(edge, 'chat_conversations'), 0);
    const started = await start(edge, anonymous, VISITOR);
    assert.match(started.visitorKey ?? '', VISITOR_KEY_PATTERN);
    assert.equal(started.conversation.status, 'open');
    // A visitor has no "current" conversation to resume by token: the key is the way back.
    assert.equal(
      (await edge.call('GET', '/v1/chat/conversations/current', widget(anonymous))).status,
      204,
    );
    await edge.close();
  });

  test('the bank cannot mint a customer reference the edge uses for visitors', async () => {
    const { edge, tenant } = await setup();
    for (const customer of ['anon_3fZ8', 'visitor:cv_00000000000000000000']) {
      const res = await edge.call('POST', '/v1/tokens', {
        auth: tenant.secretKey,
        body: { scopes: ['chat:write'], origin: ORIGIN, customer },
      });
      await problem(res, 422, 'validation-failed');
    }
    await edge.close();
  });

  test("an agent reads a visitor's name and email; a known customer's conversation has none", async () => {
    const { edge, tenant, token } = await setup();
    const visitor = await startVisitor(edge, tenant);
    const known = await start(edge, token);
    const read1 = await read<{ visitor: unknown }>(
      await agentCall(edge, tenant, 'GET', `/conversations/${visitor.id}`),
      200,
    );
    assert.deepEqual(read1.visitor, VISITOR);
    const read2 = await read<{ visitor: unknown }>(
      await agentCall(edge, tenant, 'GET', `/conversations/${known.conversation.id}`),
      200,
    );
    assert.equal(read2.visitor, null);
    await edge.close();
  });

  test("a visitor's conversation is reachable only with its visitor key, from any later token", async () => {
    const { edge, tenant } = await setup();
    const visitor = await startVisitor(edge, tenant);
    const path = `/v1/chat/conversations/${visitor.id}/messages`;
    const withKey = { [VISITOR_KEY_HEADER]: visitor.key };
    assert.equal(
      (await post(edge, visitor.token, visitor.id, 'Hello there', undefined, withKey)).status,
      201,
    );
    assert.equal((await edge.call('GET', path, widget(visitor.token, withKey))).status, 200);
    await problem(await edge.call('GET', path, widget(visitor.token)), 404, 'not-found');
    const wrongKey = { [VISITOR_KEY_HEADER]: `vk_${'A'.repeat(43)}` };
    await problem(await edge.call('GET', path, widget(visitor.token, wrongKey)), 404, 'not-found');
    await problem(
      await post(edge, visitor.token, visitor.id, 'sneaky', undefined, wrongKey),
      404,
      'not-found',
    );
    // The visitor comes back later with a new token and the key.
    const later = await chatToken(edge, tenant);
    const page = await read<{ messages: ChatMessage[] }>(
      await edge.call('GET', path, widget(later, withKey)),
      200,
    );
    assert.deepEqual(
      page.messages.map((m) => m.text),
      ['Hello there'],
    );
    // Another visitor's key does not open it.
    const other = await startVisitor(edge, tenant);
    await problem(
      await edge.call('GET', path, widget(later, { [VISITOR_KEY_HEADER]: other.key })),
      404,
      'not-found',
    );
    await edge.close();
  });

  test('a wrong or missing visitor key counts against the failed-authentication limit', async () => {
    const edge = await createTestEdge({ rateLimits: { authFailuresPerIp: 3 } });
    const { tenant } = await setup(edge);
    const visitor = await startVisitor(edge, tenant);
    const path = `/v1/chat/conversations/${visitor.id}/messages`;
    const from = (ip: string, key?: string) =>
      edge.call(
        'GET',
        path,
        widget(visitor.token, {
          'x-test-client-ip': ip,
          ...(key ? { [VISITOR_KEY_HEADER]: key } : {}),
        }),
      );
    const guesser = '203.0.113.20';
    assert.equal((await from(guesser, `vk_${'B'.repeat(43)}`)).status, 404);
    assert.equal((await from(guesser, `vk_${'C'.repeat(43)}`)).status, 404);
    assert.equal((await from(guesser)).status, 404);
    // Past the limit, even the right key from that address is not looked at.
    const blocked = await problem(await from(guesser, visitor.key), 429, 'rate-limited');
    assert.ok(Number(blocked.retryAfterSeconds) > 0);
    assert.equal((await from('198.51.100.20', visitor.key)).status, 200);
    await edge.close();
  });

  test('support settings with visitors off refuse anonymous chats, not known customers', async () => {
    const { edge, tenant, token } = await setup();
    await read(
      await putSettings(edge, tenant, {
        tier: 'community',
        hours: { timeZone: 'UTC', days: WEEKDAYS_9_TO_5 },
        visitors: false,
      }),
      200,
    );
    await problem(
      await edge.call('POST', '/v1/chat/conversations', {
        ...widget(await chatToken(edge, tenant)),
        body: VISITOR,
      }),
      403,
      'visitors-not-allowed',
    );
    assert.equal(countRows(edge, 'chat_conversations'), 0);
    await start(edge, token);
    await edge.close();
  });

  test('starting is rate-limited per token: 10 a minute, then 429 with Retry-After', async () => {
    const { edge, tenant } = await setup();
    const anonymous = await chatToken(edge, tenant);
    const attempt = () =>
      edge.call('POST', '/v1/chat/conversations', { ...widget(anonymous), body: VISITOR });
    for (let i = 0; i < 10; i++) assert.equal((await attempt()).status, 201, `start ${i + 1}`);
    const refused = await attempt();
    await problem(refused.clone(), 429, 'rate-limited');
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(retryAfter >= 1);
    assert.equal(countRows(edge, 'chat_conversations'), 10);
    // Another token has its own allowance; this one recovers as its bucket refills.
    await start(edge, await chatToken(edge, tenant), VISITOR);
    edge.clock.advance(retryAfter * 1000);
    assert.equal((await attempt()).status, 201);
    await edge.close();
  });
});

describe('messages', () => {
  test('a message gets the next sequence number; a resent client id is the same message, stored once', async () => {
    const { edge, token } = await setup();
    const { conversation } = await start(edge, token);
    const first = await read<{ message: ChatMessage }>(
      await post(edge, token, conversation.id, 'My card was declined', 'resend-0001'),
      201,
    );
    assert.deepEqual(
      { ...first.message, at: 0 },
      {
        seq: 1,
        clientId: 'resend-0001',
        author: 'customer',
        authorName: null,
        text: 'My card was declined',
        at: 0,
      },
    );
    assert.equal(first.message.at, edge.clock.now());
    const resent = await read<{ message: ChatMessage }>(
      await post(edge, token, conversation.id, 'a different text', 'resend-0001'),
      200,
    );
    assert.deepEqual(resent.message, first.message, 'the resend is the message as first stored');
    assert.equal(countRows(edge, 'chat_messages'), 1);
    assert.equal(
      countRows(edge, "outbox WHERE type = 'message.created'"),
      1,
      'one event for one message',
    );
    const second = await read<{ message: ChatMessage }>(
      await post(edge, token, conversation.id, 'at the supermarket'),
      201,
    );
    assert.equal(second.message.seq, 2);
    await edge.close();
  });

  test('GET messages pages by ?after=, oldest first, with the conversation', async () => {
    const { edge, token } = await setup();
    const { conversation } = await start(edge, token);
    for (const text of ['one', 'two', 'three'])
      assert.equal((await post(edge, token, conversation.id, text)).status, 201);
    const all = await messages(edge, token, conversation.id);
    assert.deepEqual(
      all.messages.map((m) => [m.seq, m.text]),
      [
        [1, 'one'],
        [2, 'two'],
        [3, 'three'],
      ],
    );
    assert.equal(all.conversation.lastSeq, 3);
    assert.deepEqual(
      (await messages(edge, token, conversation.id, 1)).messages.map((m) => m.seq),
      [2, 3],
    );
    assert.deepEqual((await messages(edge, token, conversation.id, 3)).messages, []);
    await problem(
      await edge.call(
        'GET',
        `/v1/chat/conversations/${conversation.id}/messages?after=-1`,
        widget(token),
      ),
      400,
      'validation-failed',
    );
    await edge.close();
  });

  test('text that breaks the rules is refused with 422 and nothing is stored; line breaks are fine', async () => {
    const { edge, token } = await setup();
    const { conversation } = await start(edge, token);
    const bad = [
      '',
      '   ',
      'x'.repeat(MAX_MESSAGE_CHARS + 1),
      'pay to \u202Etxt.exe',
      'bell\u0007here',
      'nul\u0000here',
      'line\u2028separator',
    ];
    for (const text of bad) {
      const refused = await problem(
        await post(edge, token, conversation.id, text),
        422,
        'validation-failed',
      );
      assert.ok(
        (refused.errors as { path: string }[]).some((e) => e.path === '/text'),
        JSON.stringify(refused.errors),
      );
    }
    for (const clientId of ['short', 'has space in it', 'x'.repeat(65)])
      await problem(
        await post(edge, token, conversation.id, 'fine text', clientId),
        422,
        'validation-failed',
      );
    assert.equal(countRows(edge, 'chat_messages'), 0);
    assert.equal((await messages(edge, token, conversation.id)).conversation.lastSeq, 0);
    const multiline = await read<{ message: ChatMessage }>(
      await post(edge, token, conversation.id, 'first line\nsecond line\r\nthird'),
      201,
    );
    assert.equal(multiline.message.text, 'first line\nsecond line\r\nthird');
    assert.equal(
      (await post(edge, token, conversation.id, 'y'.repeat(MAX_MESSAGE_CHARS))).status,
      201,
    );
    await edge.close();
  });

  test("another customer's token, or another tenant's, gets 404 for the conversation", async () => {
    const { edge, tenant, token } = await setup();
    const { conversation } = await start(edge, token);
    await post(edge, token, conversation.id, 'private words');
    const other = await chatToken(edge, tenant, 'cust-2');
    const { token: foreign } = await setup(edge, 'bank-b');
    // bank-b's customer has the same reference, cust-1: the tenant still tells them apart.
    for (const intruder of [other, foreign]) {
      const base = `/v1/chat/conversations/${conversation.id}`;
      await problem(await edge.call('GET', `${base}/messages`, widget(intruder)), 404, 'not-found');
      await problem(await post(edge, intruder, conversation.id, 'hi'), 404, 'not-found');
      await problem(
        await edge.call('POST', `${base}/escalate`, widget(intruder)),
        404,
        'not-found',
      );
      await problem(await edge.call('GET', `${base}/events`, widget(intruder)), 404, 'not-found');
    }
    assert.equal(countRows(edge, 'chat_messages'), 1);
    assert.equal(countRows(edge, 'chat_tickets'), 0);
    await edge.close();
  });

  test('a closed conversation takes no more messages: 409 conversation-closed', async () => {
    const { edge, tenant, token } = await setup();
    const { conversation } = await start(edge, token);
    await closeConversation(edge, tenant, conversation.id);
    await problem(
      await post(edge, token, conversation.id, 'anyone there?'),
      409,
      'conversation-closed',
    );
    // Only the closing system message is there.
    assert.deepEqual(
      (await messages(edge, token, conversation.id)).messages.map((m) => m.author),
      ['system'],
    );
    await edge.close();
  });

  test(`a token may post ${MESSAGES_PER_MINUTE} messages a minute, then 429 with Retry-After`, async () => {
    const { edge, token } = await setup();
    const { conversation } = await start(edge, token);
    for (let i = 0; i < MESSAGES_PER_MINUTE; i++)
      assert.equal((await post(edge, token, conversation.id, `message ${i}`)).status, 201);
    const refused = await post(edge, token, conversation.id, 'one too many');
    const retryAfter = Number(refused.headers.get('retry-after'));
    await problem(refused, 429, 'rate-limited');
    assert.ok(retryAfter >= 1);
    assert.equal(countRows(edge, 'chat_messages'), MESSAGES_PER_MINUTE);
    edge.clock.advance(retryAfter * 1000);
    const later = await read<{ message: ChatMessage }>(
      await post(edge, token, conversation.id, 'after a pause'),
      201,
    );
    assert.equal(later.message.seq, MESSAGES_PER_MINUTE + 1);
    await edge.close();
  });

  test('the wrong origin, a token without chat:write, a publishable or secret key, or nothing are refused', async () => {
    const { edge, tenant, token } = await setup();
    const { conversation } = await start(edge, token);
    const path = `/v1/chat/conversations/${conversation.id}/messages`;
    const body = { clientId: nextClientId(), text: 'hello' };
    await problem(
      await edge.call('POST', path, {
        auth: token,
        headers: { origin: 'https://evil.example' },
        body,
      }),
      403,
      'origin-mismatch',
    );
    const configOnly = (
      await mintToken(edge, tenant, { scopes: ['config:read'], origin: ORIGIN, customer: 'cust-1' })
    ).token;
    await problem(
      await edge.call('POST', path, { ...widget(configOnly), body }),
      403,
      'insufficient-scope',
    );
    await problem(
      await edge.call('POST', '/v1/chat/conversations', { ...widget(configOnly), body: {} }),
      403,
      'insufficient-scope',
    );
    // The publishable key is public: it reads support status, never writes.
    for (const auth of [tenant.publishableKey, tenant.secretKey]) {
      await problem(await edge.call('POST', path, { ...widget(auth), body }), 403, 'forbidden');
      await problem(
        await edge.call('POST', '/v1/chat/conversations', { ...widget(auth), body: {} }),
        403,
        'forbidden',
      );
    }
    await problem(
      await edge.call('POST', path, { headers: { origin: ORIGIN }, body }),
      401,
      'unauthenticated',
    );
    assert.equal(countRows(edge, 'chat_messages'), 0);
    await edge.close();
  });
});

describe('at rest and in events', () => {
  test('message text and the visitor’s name and email are sealed; events carry neither', async () => {
    const { edge, tenant, token } = await setup();
    const SECRET_TEXT = 'My account number is 4417-QUOKKA-9921';
    const VISITOR_TEXT = 'Marzipan lighthouse refund please';
    const known = await start(edge, token);
    await post(edge, token, known.conversation.id, SECRET_TEXT);
    const visitor = await startVisitor(edge, tenant);
    await post(edge, visitor.token, visitor.id, VISITOR_TEXT, undefined, {
      [VISITOR_KEY_HEADER]: visitor.key,
    });
    // The agent reads them back: sealed, not lost.
    const read1 = await read<{ messages: ChatMessage[] }>(
      await agentCall(edge, tenant, 'GET', `/conversations/${known.conversation.id}`),
      200,
    );
    assert.equal(read1.messages[0]?.text, SECRET_TEXT);
    const image = edge.sqlite.serialize();
    for (const plain of [SECRET_TEXT, VISITOR_TEXT, VISITOR.name, VISITOR.email, visitor.key]) {
      assert.equal(image.includes(Buffer.from(plain)), false, `the database holds "${plain}"`);
      assert.equal(JSON.stringify(edge.logs).includes(plain), false, `a log line holds "${plain}"`);
    }
    const rows = edge.sqlite
      .prepare("SELECT type, payload FROM outbox WHERE type LIKE '%.created' ORDER BY rowid")
      .all() as { type: string; payload: string }[];
    const chatEvents = rows.filter(
      (r) => r.type.startsWith('conversation.') || r.type.startsWith('message.'),
    );
    assert.deepEqual(
      chatEvents.map((r) => r.type),
      ['conversation.created', 'message.created', 'conversation.created', 'message.created'],
    );
    const payloads = chatEvents.map((r) => JSON.parse(r.payload) as Record<string, unknown>);
    assert.equal(payloads[0]?.customer, 'cust-1', "a known customer's reference is the bank's own");
    assert.equal(payloads[2]?.customer, null, 'a visitor is nobody in an event');
    assert.deepEqual(Object.keys(payloads[1] ?? {}).sort(), [
      'at',
      'author',
      'clientId',
      'conversationId',
    ]);
    for (const payload of payloads) {
      assert.equal(payload.text, undefined);
      for (const plain of [SECRET_TEXT, VISITOR_TEXT, VISITOR.name, VISITOR.email])
        assert.equal(JSON.stringify(payload).includes(plain), false);
    }
    await edge.close();
  });
});

describe('escalation', () => {
  for (const tier of ['community', 'enterprise', 'premium'] as const) {
    const promise = TIER_PROMISES[tier];
    test(`on ${tier} support: a ${promise.priority} ticket due in ${promise.responseMinutes} minutes, once`, async () => {
      const { edge, tenant, token } = await setup();
      await setTier(edge, tenant, tier);
      const { conversation } = await start(edge, token);
      const path = `/v1/chat/conversations/${conversation.id}/escalate`;
      const now = edge.clock.now();
      const { ticket } = await read<{ ticket: Ticket }>(
        await edge.call('POST', path, widget(token)),
        201,
      );
      assert.deepEqual(
        { ...ticket, id: '' },
        {
          id: '',
          conversationId: conversation.id,
          priority: promise.priority,
          tier,
          status: 'open',
          createdAt: now,
          dueAt: now + promise.responseMinutes * MINUTE,
        },
      );
      edge.clock.advance(MINUTE);
      const again = await read<{ ticket: Ticket }>(
        await edge.call('POST', path, widget(token)),
        200,
      );
      assert.deepEqual(again.ticket, ticket, 'the same ticket, its due time unmoved');
      assert.equal(countRows(edge, 'chat_tickets'), 1);
      assert.equal((await messages(edge, token, conversation.id)).conversation.escalated, true);
      const agentView = await read<{ ticket: Ticket | null }>(
        await agentCall(edge, tenant, 'GET', `/conversations/${conversation.id}`),
        200,
      );
      assert.deepEqual(agentView.ticket, ticket);
      await edge.close();
    });
  }

  test('a closed conversation cannot be escalated: 409, whether or not it was before', async () => {
    const { edge, tenant, token } = await setup();
    const escalate = (id: string) =>
      edge.call('POST', `/v1/chat/conversations/${id}/escalate`, widget(token));
    const never = (await start(edge, token)).conversation.id;
    await closeConversation(edge, tenant, never);
    await problem(await escalate(never), 409, 'conversation-closed');
    assert.equal(countRows(edge, 'chat_tickets'), 0);
    // Escalated, then closed: its ticket is resolved, and asking again promises nothing.
    const before = (await start(edge, token)).conversation.id;
    await read(await escalate(before), 201);
    await closeConversation(edge, tenant, before);
    await problem(await escalate(before), 409, 'conversation-closed');
    await edge.close();
  });
});

describe('support status', () => {
  const status = async (edge: TestEdge, auth: string, origin = ORIGIN) =>
    edge.call('GET', '/v1/chat/support', { auth, headers: { origin } });

  test('defaults: community, weekdays 09:00–17:00 UTC; open as the clock moves', async () => {
    const { edge, tenant } = await setup();
    // The publishable key never expires, so the clock may jump days under it.
    const at = async (ms: number) => {
      edge.clock.set(ms);
      return read<{ open: boolean }>(await status(edge, tenant.publishableKey), 200).then(
        (s) => s.open,
      );
    };
    edge.clock.set(WEDNESDAY_10);
    const token = await chatToken(edge, tenant, 'cust-1');
    assert.deepEqual(await read(await status(edge, token), 200), {
      tier: 'community',
      hours: { timeZone: 'UTC', days: WEEKDAYS_9_TO_5 },
      open: true,
      responseMinutes: 24 * 60,
      visitors: true,
    });
    await problem(await status(edge, token, 'https://evil.example'), 403, 'origin-mismatch');
    await problem(
      await status(edge, tenant.publishableKey, 'https://evil.example'),
      403,
      'origin-not-allowed',
    );
    assert.equal(await at(WEDNESDAY_10), true, 'Wednesday 10:00');
    assert.equal(await at(Date.UTC(2026, 10, 28, 10, 0)), false, 'Saturday 10:00');
    assert.equal(await at(Date.UTC(2026, 10, 29, 10, 0)), false, 'Sunday 10:00');
    assert.equal(await at(Date.UTC(2026, 10, 25, 8, 59)), false, 'Wednesday 08:59');
    assert.equal(await at(Date.UTC(2026, 10, 25, 9, 0)), true, 'Wednesday 09:00');
    assert.equal(await at(Date.UTC(2026, 10, 25, 16, 59)), true, 'Wednesday 16:59');
    assert.equal(await at(Date.UTC(2026, 10, 25, 17, 0)), false, 'Wednesday 17:00 (closed)');
    await edge.close();
  });

  test("a tenant's time zone, an overnight window and its tier's response time", async () => {
    const { edge, tenant } = await setup();
    await read(
      await putSettings(edge, tenant, {
        tier: 'premium',
        hours: {
          timeZone: 'Asia/Kolkata',
          days: { wed: { open: '09:00', close: '17:00' }, fri: { open: '22:00', close: '06:00' } },
        },
      }),
      200,
    );
    const openAt = async (ms: number) => {
      edge.clock.set(ms);
      const body = await read<{ open: boolean; responseMinutes: number; tier: string }>(
        await status(edge, tenant.publishableKey),
        200,
      );
      assert.equal(body.responseMinutes, 60);
      assert.equal(body.tier, 'premium');
      return body.open;
    };
    // Kolkata is UTC+05:30.
    assert.equal(await openAt(Date.UTC(2026, 10, 25, 3, 29)), false, 'Wed 08:59 IST');
    assert.equal(await openAt(Date.UTC(2026, 10, 25, 3, 30)), true, 'Wed 09:00 IST');
    assert.equal(await openAt(Date.UTC(2026, 10, 25, 10, 0)), true, 'Wed 15:30 IST');
    assert.equal(await openAt(Date.UTC(2026, 10, 25, 12, 0)), false, 'Wed 17:30 IST');
    // Friday 22:00 to Saturday 06:00 IST.
    assert.equal(await openAt(Date.UTC(2026, 10, 27, 16, 0)), false, 'Fri 21:30 IST');
    assert.equal(await openAt(Date.UTC(2026, 10, 27, 17, 0)), true, 'Fri 22:30 IST');
    assert.equal(await openAt(Date.UTC(2026, 10, 27, 23, 0)), true, 'Sat 04:30 IST');
    assert.equal(await openAt(Date.UTC(2026, 10, 28, 0, 30)), false, 'Sat 06:00 IST');
    assert.equal(await openAt(Date.UTC(2026, 10, 28, 17, 0)), false, 'Sat 22:30 IST');
    await edge.close();
  });
});

describe('support settings', () => {
  const VALID: SupportSettings = {
    tier: 'enterprise',
    hours: { timeZone: 'Europe/Berlin', days: { mon: { open: '08:00', close: '20:00' } } },
    visitors: false,
  };

  test('GET gives the defaults, then what was stored; each change is audited', async () => {
    const { edge, tenant } = await setup();
    const get = () => edge.call('GET', '/v1/support/settings', { auth: tenant.secretKey });
    assert.deepEqual(await read(await get(), 200), {
      tier: 'community',
      hours: { timeZone: 'UTC', days: WEEKDAYS_9_TO_5 },
      visitors: true,
    });
    assert.deepEqual(await read(await putSettings(edge, tenant, VALID), 200), VALID);
    assert.deepEqual(await read(await get(), 200), VALID);
    // `visitors` left out means visitors welcome.
    const { visitors: _, ...withoutVisitors } = VALID;
    assert.equal(
      (await read<SupportSettings>(await putSettings(edge, tenant, withoutVisitors), 200)).visitors,
      true,
    );
    // The same settings again change nothing and add no entry.
    assert.equal((await putSettings(edge, tenant, withoutVisitors)).status, 200);
    const audit = await read<{ items: { action: string; target: string }[] }>(
      await edge.call('GET', '/v1/audit', { auth: tenant.secretKey }),
      200,
    );
    assert.deepEqual(
      audit.items.filter((i) => i.action === 'chat-support.update').map((i) => i.target),
      ['chat-support', 'chat-support'],
    );
    // A window may run to midnight.
    const late = {
      ...VALID,
      hours: { ...VALID.hours, days: { sat: { open: '18:00', close: '24:00' } } },
    };
    assert.deepEqual(await read(await putSettings(edge, tenant, late), 200), late);
    await edge.close();
  });

  test('bad settings are refused with 422 and change nothing', async () => {
    const { edge, tenant } = await setup();
    await read(await putSettings(edge, tenant, VALID), 200);
    const monday = { open: '08:00', close: '20:00' };
    const bad: unknown[] = [
      { ...VALID, hours: { ...VALID.hours, timeZone: 'Mars/Olympus_Mons' } },
      { ...VALID, hours: { ...VALID.hours, days: { mon: { ...monday, open: '25:00' } } } },
      { ...VALID, hours: { ...VALID.hours, days: { mon: { ...monday, close: '9:00' } } } },
      { ...VALID, hours: { ...VALID.hours, days: { funday: monday } } },
      { ...VALID, hours: { ...VALID.hours, days: { mon: { ...monday, lunch: '12:00' } } } },
      { ...VALID, tier: 'platinum' },
      { ...VALID, colour: 'gold' },
      { tier: 'premium' },
    ];
    for (const body of bad)
      await problem(await putSettings(edge, tenant, body), 422, 'validation-failed');
    assert.deepEqual(
      await read(await edge.call('GET', '/v1/support/settings', { auth: tenant.secretKey }), 200),
      VALID,
    );
    await edge.close();
  });
});

describe('knowledge-base articles', () => {
  const article = (title: string, body: string, tags: string[] = []) => ({ title, body, tags });
  const putArticle = (edge: TestEdge, tenant: TestTenant, slug: string, body: unknown) =>
    edge.call('PUT', `/v1/support/articles/${slug}`, { auth: tenant.secretKey, body });
  const search = async (edge: TestEdge, token: string, q: string) =>
    (
      await read<{ hits: { slug: string; title: string; snippet: string; url: string | null }[] }>(
        await edge.call(
          'GET',
          `/v1/chat/articles/search?q=${encodeURIComponent(q)}`,
          widget(token),
        ),
        200,
      )
    ).hits;

  test('PUT creates or replaces, GET and the list read, DELETE removes; all audited', async () => {
    const { edge, tenant } = await setup();
    const auth = { auth: tenant.secretKey };
    const input = {
      title: 'Blocking a lost card',
      body: 'Open the app.\nTap Cards, then Block.',
      tags: ['cards'],
      url: 'https://www.bank-a.example/help/block-card',
    };
    const stored = await read(await putArticle(edge, tenant, 'block-card', input), 200);
    assert.deepEqual(stored, { slug: 'block-card', ...input, updatedAt: edge.clock.now() });
    assert.deepEqual(
      await read(await edge.call('GET', '/v1/support/articles/block-card', auth), 200),
      stored,
    );
    edge.clock.advance(MINUTE);
    const replaced = await read<{ title: string; url: string | null; updatedAt: number }>(
      await putArticle(edge, tenant, 'block-card', {
        title: 'Blocking a card',
        body: 'Tap Block.',
      }),
      200,
    );
    assert.deepEqual([replaced.title, replaced.url], ['Blocking a card', null]);
    await read(await putArticle(edge, tenant, 'abroad', article('Paying abroad', 'Fees.')), 200);
    const list = await read<{ items: { slug: string; title: string }[] }>(
      await edge.call('GET', '/v1/support/articles', auth),
      200,
    );
    assert.deepEqual(
      list.items.map((a) => [a.slug, a.title]),
      [
        ['abroad', 'Paying abroad'],
        ['block-card', 'Blocking a card'],
      ],
    );
    assert.equal((await edge.call('DELETE', '/v1/support/articles/block-card', auth)).status, 204);
    await problem(
      await edge.call('GET', '/v1/support/articles/block-card', auth),
      404,
      'not-found',
    );
    await problem(
      await edge.call('DELETE', '/v1/support/articles/block-card', auth),
      404,
      'not-found',
    );
    const audit = await read<{ items: { action: string; target: string }[] }>(
      await edge.call('GET', '/v1/audit', auth),
      200,
    );
    assert.deepEqual(
      audit.items
        .filter((i) => i.action.startsWith('chat-article.'))
        .map((i) => `${i.action} ${i.target}`),
      [
        'chat-article.delete block-card',
        'chat-article.put abroad',
        'chat-article.put block-card',
        'chat-article.put block-card',
      ],
    );
    await edge.close();
  });

  test('a bad slug is 400, a bad article 422, and neither stores anything', async () => {
    const { edge, tenant } = await setup();
    for (const slug of ['Not_A_Slug', 'white%20space', '-leading', 'x'.repeat(200)])
      await problem(
        await putArticle(edge, tenant, slug, article('Title', 'Body')),
        400,
        'validation-failed',
      );
    const bad: unknown[] = [
      { body: 'no title' },
      article('', 'empty title'),
      article('Title', ''),
      article('Title', 'bidi \u202E override'),
      { ...article('Title', 'Body'), url: 'http://insecure.example/help' },
      { ...article('Title', 'Body'), tenantId: 'ten_other' },
      article(
        'Title',
        'Body',
        Array.from({ length: 21 }, (_, i) => `tag${i}`),
      ),
    ];
    for (const body of bad)
      await problem(await putArticle(edge, tenant, 'fine-slug', body), 422, 'validation-failed');
    assert.equal(countRows(edge, 'kb_articles'), 0);
    await edge.close();
  });

  test(`a tenant keeps at most ${MAX_ARTICLES} articles; replacing one always fits`, async () => {
    const { edge, tenant } = await setup();
    // The first MAX_ARTICLES straight into the table (the route's cap is what is under test).
    const insert = edge.sqlite.prepare(
      "INSERT INTO kb_articles (tenant_id, slug, title, body, tags, url, updated_at) VALUES (?, ?, ?, 'Body', '[]', NULL, 0)",
    );
    edge.sqlite.transaction(() => {
      for (let i = 0; i < MAX_ARTICLES; i++) insert.run(tenant.id, `seeded-${i}`, `Seeded ${i}`);
    })();
    await problem(
      await putArticle(edge, tenant, 'one-more', article('One more', 'Body')),
      409,
      'too-many-articles',
    );
    assert.equal(countRows(edge, 'kb_articles'), MAX_ARTICLES);
    assert.equal(
      (await putArticle(edge, tenant, 'seeded-7', article('Seeded seven', 'New body'))).status,
      200,
    );
    // Another tenant's count is its own.
    const other = await setup(edge, 'bank-b');
    assert.equal(
      (await putArticle(edge, other.tenant, 'one-more', article('One more', 'Body'))).status,
      200,
    );
    assert.equal(
      (await edge.call('DELETE', '/v1/support/articles/seeded-1', { auth: tenant.secretKey }))
        .status,
      204,
    );
    assert.equal(
      (await putArticle(edge, tenant, 'one-more', article('One more', 'Body'))).status,
      200,
    );
    await edge.close();
  });

  test('search ranks title over tags over body, needs every term, folds case and diacritics', async () => {
    const { edge, tenant, token } = await setup();
    const articles: [string, ReturnType<typeof article>][] = [
      ['in-body', article('Sending money', 'How a transfer reaches another bank.')],
      ['in-tags', article('Payments overview', 'Everything about paying.', ['transfer'])],
      ['in-title', article('Transfer limits', 'Daily limits and how to raise them.')],
      ['abroad', article('Uberweisung ins Ausland', 'Gebühren für Auslandszahlungen.')],
      ['umlaut', article('Karte sperren', 'Bei Verlust: Überweisung stoppen, Karte sperren.')],
    ];
    for (const [slug, input] of articles)
      await read(await putArticle(edge, tenant, slug, input), 200);
    assert.deepEqual(
      (await search(edge, token, 'transfer')).map((h) => h.slug),
      ['in-title', 'in-tags', 'in-body'],
    );
    assert.deepEqual(
      (await search(edge, token, 'transfer limits')).map((h) => h.slug),
      ['in-title'],
      'every term must match',
    );
    assert.deepEqual(
      (await search(edge, token, 'TRANSF')).map((h) => h.slug),
      ['in-title', 'in-tags', 'in-body'],
      'a word’s beginning, in any case',
    );
    assert.deepEqual(
      (await search(edge, token, 'überweisung')).map((h) => h.slug),
      ['abroad', 'umlaut'],
    );
    assert.deepEqual(
      (await search(edge, token, 'gebuhren')).map((h) => h.slug),
      ['abroad'],
    );
    assert.deepEqual(await search(edge, token, 'a'), [], 'one-letter terms match nothing');
    assert.deepEqual(await search(edge, token, ' ? ! '), []);
    assert.deepEqual(await search(edge, token, 'mortgage'), []);
    // A term matches the words it begins, not the middle of one.
    await read(
      await putArticle(edge, tenant, 'discard', article('Discarded statements', 'Shredding.')),
      200,
    );
    assert.deepEqual(
      (await search(edge, token, 'card')).map((h) => h.slug),
      [],
    );
    assert.deepEqual(
      (await search(edge, token, 'karte')).map((h) => h.slug),
      ['umlaut'],
    );
    await edge.close();
  });

  test('search gives at most five hits with a snippet around the match, and only the tenant’s own', async () => {
    const { edge, tenant, token } = await setup();
    const filler = 'Lorem ipsum dolor sit amet. '.repeat(10);
    for (let i = 0; i < 7; i++)
      await read(
        await putArticle(edge, tenant, `card-${i}`, {
          ...article(`Card topic ${i}`, `${filler}Your overdraft can be changed.${filler}`),
          url: `https://www.bank-a.example/help/${i}`,
        }),
        200,
      );
    const other = await setup(edge, 'bank-b');
    await read(
      await putArticle(
        edge,
        other.tenant,
        'bank-b-overdraft',
        article('Overdraft at B', 'B only.'),
      ),
      200,
    );
    const hits = await search(edge, token, 'overdraft');
    assert.equal(hits.length, 5);
    for (const hit of hits) {
      assert.match(hit.slug, /^card-\d$/);
      assert.match(hit.url ?? '', /^https:\/\/www\.bank-a\.example\/help\/\d$/);
      assert.ok(hit.snippet.includes('overdraft'), hit.snippet);
      assert.ok(hit.snippet.startsWith('…') && hit.snippet.endsWith('…'), hit.snippet);
      assert.ok(hit.snippet.length <= 162, `${hit.snippet.length} characters`);
      assert.equal('body' in hit, false, 'a hit has no body');
    }
    const fromB = await search(edge, other.token, 'overdraft');
    assert.deepEqual(
      fromB.map((h) => h.slug),
      ['bank-b-overdraft'],
    );
    // The publishable key may search (it only reads).
    assert.equal(
      (
        await edge.call('GET', '/v1/chat/articles/search?q=overdraft', {
          auth: tenant.publishableKey,
          headers: { origin: ORIGIN },
        })
      ).status,
      200,
    );
    await problem(
      await edge.call('GET', '/v1/chat/articles/search', widget(token)),
      400,
      'validation-failed',
    );
    await edge.close();
  });
});

describe('the agent API', () => {
  test('lists conversations most recently active first, a page at a time, open or closed', async () => {
    const { edge, tenant } = await setup();
    const ids: string[] = [];
    const tokens: string[] = [];
    for (const customer of ['cust-1', 'cust-2', 'cust-3']) {
      const token = await chatToken(edge, tenant, customer);
      tokens.push(token);
      ids.push((await start(edge, token)).conversation.id);
      edge.clock.advance(1000);
    }
    const [first = '', second = '', third = ''] = ids;
    // A message makes the first the most recently active.
    await post(edge, tokens[0] ?? '', first, 'bump');
    const list = async (query: string) =>
      read<{ items: Conversation[]; nextCursor: string | null }>(
        await agentCall(edge, tenant, 'GET', `/conversations${query}`),
        200,
      );
    assert.deepEqual(
      (await list('')).items.map((c) => c.id),
      [first, third, second],
    );
    const page1 = await list('?limit=2');
    assert.deepEqual(
      page1.items.map((c) => c.id),
      [first, third],
    );
    assert.ok(page1.nextCursor);
    const page2 = await list(`?limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`);
    assert.deepEqual(
      page2.items.map((c) => c.id),
      [second],
    );
    assert.equal(page2.nextCursor, null);
    await problem(
      await agentCall(edge, tenant, 'GET', '/conversations?cursor=bm90LWEtY3Vyc29y'),
      400,
      'invalid-cursor',
    );
    await closeConversation(edge, tenant, third);
    assert.deepEqual(
      (await list('?status=closed')).items.map((c) => [c.id, c.status]),
      [[third, 'closed']],
    );
    assert.deepEqual(
      (await list('')).items.map((c) => c.id),
      [first, second],
    );
    await edge.close();
  });

  test("an agent's reply, assignment and close reach the customer's stream, in order, and the stream ends", async () => {
    const { edge, tenant, token } = await setup();
    const { conversation } = await start(edge, token);
    const id = conversation.id;
    await post(edge, token, id, 'I need help with a transfer', 'cust-msg-0001');
    await read(
      await edge.call('POST', `/v1/chat/conversations/${id}/escalate`, widget(token)),
      201,
    );
    const stream = await openStream(edge, token, id);
    try {
      // The replay, then `ready`.
      const replayed = await stream.frame();
      assert.equal(
        replayed.type === 'message' && replayed.message.text,
        'I need help with a transfer',
      );
      const ready = await stream.frame();
      assert.equal(ready.type, 'ready');

      // The agent is typing: the customer is told; nothing is stored, no number taken.
      const outboxBefore = countRows(edge, 'outbox');
      assert.equal(
        (await agentCall(edge, tenant, 'POST', `/conversations/${id}/typing`)).status,
        204,
      );
      assert.deepEqual(await stream.frame(), { type: 'typing', author: 'agent' });
      assert.equal(countRows(edge, 'chat_messages'), 1);
      assert.equal(countRows(edge, 'outbox'), outboxBefore);

      const reply = await read<{ message: ChatMessage }>(
        await agentCall(edge, tenant, 'POST', `/conversations/${id}/messages`, {
          clientId: 'agent-msg-0001',
          text: 'Happy to help. Which transfer?',
          agentName: 'Priya',
        }),
        201,
      );
      assert.deepEqual(
        [reply.message.seq, reply.message.author, reply.message.authorName],
        [2, 'agent', 'Priya'],
      );
      assert.deepEqual(await stream.frame(), { type: 'message', message: reply.message });
      // A resend of the reply is the same message and is not delivered again.
      const resent = await read<{ message: ChatMessage }>(
        await agentCall(edge, tenant, 'POST', `/conversations/${id}/messages`, {
          clientId: 'agent-msg-0001',
          text: 'Happy to help. Which transfer?',
          agentName: 'Priya',
        }),
        200,
      );
      assert.deepEqual(resent.message, reply.message);

      const assigned = await read<{ conversation: Conversation }>(
        await agentCall(edge, tenant, 'POST', `/conversations/${id}/assign`, { agent: 'Priya' }),
        200,
      );
      assert.equal(assigned.conversation.assignee, 'Priya');
      const frame1 = await stream.frame();
      assert.equal(frame1.type === 'conversation' && frame1.conversation.assignee, 'Priya');
      const unassigned = await read<{ conversation: Conversation }>(
        await agentCall(edge, tenant, 'POST', `/conversations/${id}/assign`, { agent: null }),
        200,
      );
      assert.equal(unassigned.conversation.assignee, null);
      const frame2 = await stream.frame();
      assert.equal(frame2.type === 'conversation' && frame2.conversation.assignee, null);

      const closed = await closeConversation(edge, tenant, id);
      assert.deepEqual([closed.conversation.status, closed.conversation.lastSeq], ['closed', 3]);
      const system = await stream.frame();
      assert.equal(system.type, 'message');
      if (system.type === 'message')
        assert.deepEqual(
          [system.message.seq, system.message.author, system.message.text],
          [3, 'system', 'conversation-closed'],
        );
      const last = await stream.frame();
      assert.equal(last.type === 'conversation' && last.conversation.status, 'closed');
      assert.deepEqual(await stream.next(), { event: 'close', code: 4410 });
      assert.equal(await stream.next(), undefined, 'the stream ends');
    } finally {
      await stream.cancel();
    }

    const agentView = await read<{
      conversation: Conversation;
      messages: ChatMessage[];
      ticket: Ticket;
    }>(await agentCall(edge, tenant, 'GET', `/conversations/${id}`), 200);
    assert.deepEqual(
      agentView.messages.map((m) => [m.seq, m.author]),
      [
        [1, 'customer'],
        [2, 'agent'],
        [3, 'system'],
      ],
    );
    assert.equal(agentView.ticket.status, 'resolved');
    assert.equal(agentView.conversation.status, 'closed');
    assert.deepEqual(
      (
        await read<{ messages: ChatMessage[] }>(
          await agentCall(edge, tenant, 'GET', `/conversations/${id}?after=2`),
          200,
        )
      ).messages.map((m) => m.seq),
      [3],
    );
    // A closed conversation takes no second close, reply or assignment.
    await problem(
      await agentCall(edge, tenant, 'POST', `/conversations/${id}/close`),
      409,
      'conversation-closed',
    );
    await problem(
      await agentCall(edge, tenant, 'POST', `/conversations/${id}/messages`, {
        clientId: 'agent-msg-0002',
        text: 'Still there?',
      }),
      409,
      'conversation-closed',
    );
    await problem(
      await agentCall(edge, tenant, 'POST', `/conversations/${id}/assign`, { agent: 'Priya' }),
      409,
      'conversation-closed',
    );
    await problem(
      await agentCall(edge, tenant, 'POST', `/conversations/${id}/typing`),
      409,
      'conversation-closed',
    );
    // A stream opened after the close replays everything, then ends at once.
    const late = await openStream(edge, token, id);
    try {
      const seqs: number[] = [];
      for (;;) {
        const frame = await late.frame();
        if (frame.type === 'ready') break;
        if (frame.type === 'message') seqs.push(frame.message.seq);
      }
      assert.deepEqual(seqs, [1, 2, 3]);
      assert.deepEqual(await late.next(), { event: 'close', code: 4410 });
    } finally {
      await late.cancel();
    }
    const audit = await read<{ items: { action: string; target: string }[] }>(
      await edge.call('GET', '/v1/audit', { auth: tenant.secretKey }),
      200,
    );
    assert.deepEqual(
      audit.items.filter((i) => i.action.startsWith('chat.')).map((i) => [i.action, i.target]),
      [
        ['chat.close', id],
        ['chat.assign', id],
        ['chat.assign', id],
      ],
    );
    await edge.close();
  });

  test('a stream whose token is revoked or expires gets nothing more: it ends with 4401', async () => {
    const { edge, tenant } = await setup();
    const minted = await mintToken(edge, tenant, {
      scopes: ['chat:write'],
      origin: ORIGIN,
      customer: 'cust-1',
      ttlSeconds: 600,
    });
    const { conversation } = await start(edge, minted.token);
    const id = conversation.id;
    const reply = (n: number) =>
      agentCall(edge, tenant, 'POST', `/conversations/${id}/messages`, {
        clientId: `lapse-reply-${n}`,
        text: `reply ${n}`,
      });
    const revoked = await openStream(edge, minted.token, id);
    try {
      assert.equal((await revoked.frame()).type, 'ready');
      assert.equal(
        (await edge.call('DELETE', `/v1/tokens/${minted.jti}`, { auth: tenant.secretKey })).status,
        204,
      );
      assert.equal((await reply(1)).status, 201);
      assert.deepEqual(await revoked.next(), { event: 'close', code: 4401 });
    } finally {
      await revoked.cancel();
    }
    const fresh = await chatToken(edge, tenant, 'cust-1');
    const expiring = await openStream(edge, fresh, id, 1);
    try {
      assert.equal((await expiring.frame()).type, 'ready');
      edge.clock.advance(11 * MINUTE);
      assert.equal((await reply(2)).status, 201);
      assert.deepEqual(await expiring.next(), { event: 'close', code: 4401 });
    } finally {
      await expiring.cancel();
    }
    await edge.close();
  });

  test("another tenant's secret key gets 404 everywhere; a key without chat:agent gets 403", async () => {
    const { edge, tenant, token } = await setup();
    const { conversation } = await start(edge, token);
    const id = conversation.id;
    await post(edge, token, id, 'only for bank-a');
    await read(
      await edge.call('POST', `/v1/chat/conversations/${id}/escalate`, widget(token)),
      201,
    );
    const { tenant: other } = await setup(edge, 'bank-b');
    await problem(await agentCall(edge, other, 'GET', `/conversations/${id}`), 404, 'not-found');
    await problem(
      await agentCall(edge, other, 'POST', `/conversations/${id}/messages`, {
        clientId: 'agent-msg-0003',
        text: 'hello from bank-b',
      }),
      404,
      'not-found',
    );
    await problem(
      await agentCall(edge, other, 'POST', `/conversations/${id}/assign`, { agent: 'Mallory' }),
      404,
      'not-found',
    );
    await problem(
      await agentCall(edge, other, 'POST', `/conversations/${id}/typing`),
      404,
      'not-found',
    );
    await problem(
      await agentCall(edge, other, 'POST', `/conversations/${id}/close`),
      404,
      'not-found',
    );
    assert.deepEqual(
      (await read<{ items: unknown[] }>(await agentCall(edge, other, 'GET', '/conversations'), 200))
        .items,
      [],
    );
    assert.deepEqual(
      (await read<{ items: unknown[] }>(await agentCall(edge, other, 'GET', '/tickets'), 200))
        .items,
      [],
    );
    // Nothing changed for bank-a.
    const view = await read<{ conversation: Conversation; messages: ChatMessage[] }>(
      await agentCall(edge, tenant, 'GET', `/conversations/${id}`),
      200,
    );
    assert.deepEqual(
      [view.conversation.status, view.conversation.assignee, view.messages.length],
      ['open', null, 1],
    );

    const narrow = await read<{ secret: string }>(
      await edge.call('POST', '/v1/keys', {
        auth: tenant.secretKey,
        body: { kind: 'secret', scopes: ['audit:read'] },
      }),
      201,
    );
    const narrowCalls: [string, string, unknown?][] = [
      ['GET', '/v1/agent/conversations'],
      ['GET', `/v1/agent/conversations/${id}`],
      ['POST', `/v1/agent/conversations/${id}/close`],
      ['POST', `/v1/agent/conversations/${id}/typing`],
      ['GET', '/v1/agent/tickets'],
      ['GET', '/v1/support/settings'],
      ['GET', '/v1/support/articles'],
      ['PUT', '/v1/support/articles/some-slug', { title: 'T', body: 'B' }],
    ];
    for (const [method, path, body] of narrowCalls)
      await problem(
        await edge.call(method, path, { auth: narrow.secret, ...(body ? { body } : {}) }),
        403,
        'insufficient-scope',
      );
    // A widget credential is no agent.
    await problem(
      await edge.call('GET', '/v1/agent/conversations', widget(token)),
      403,
      'forbidden',
    );
    assert.equal(view.conversation.status, 'open');
    await edge.close();
  });

  test('tickets due within some minutes, soonest first; resolved ones drop out', async () => {
    const { edge, tenant } = await setup();
    const byTier: Record<string, string> = {};
    for (const tier of ['community', 'premium', 'enterprise'] as const) {
      await setTier(edge, tenant, tier);
      const token = await chatToken(edge, tenant, `cust-${tier}`);
      const { conversation } = await start(edge, token);
      await read(
        await edge.call(
          'POST',
          `/v1/chat/conversations/${conversation.id}/escalate`,
          widget(token),
        ),
        201,
      );
      byTier[tier] = conversation.id;
    }
    const due = async (query = '') =>
      (
        await read<{ items: Ticket[] }>(
          await agentCall(edge, tenant, 'GET', `/tickets${query}`),
          200,
        )
      ).items.map((t) => t.tier);
    assert.deepEqual(await due(), ['premium', 'enterprise', 'community']);
    assert.deepEqual(await due('?dueWithinMinutes=60'), ['premium']);
    assert.deepEqual(await due('?dueWithinMinutes=59'), []);
    assert.deepEqual(await due('?dueWithinMinutes=240'), ['premium', 'enterprise']);
    assert.deepEqual(await due('?limit=1'), ['premium']);
    // Five hours on, two are overdue.
    edge.clock.advance(5 * 60 * MINUTE);
    assert.deepEqual(await due('?dueWithinMinutes=0'), ['premium', 'enterprise']);
    await closeConversation(edge, tenant, byTier.premium ?? '');
    assert.deepEqual(await due('?dueWithinMinutes=0'), ['enterprise']);
    await problem(
      await agentCall(edge, tenant, 'GET', '/tickets?dueWithinMinutes=-1'),
      400,
      'validation-failed',
    );
    await edge.close();
  });
});

describe("from the bank's page (CORS)", () => {
  const preflight = (edge: TestEdge, path: string, headers: string) =>
    edge.call('OPTIONS', path, {
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': headers,
      },
    });
  const allowed = (res: Response) =>
    (res.headers.get('access-control-allow-headers') ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase());

  test("chat answers carry the tenant's origin; a preflight allows the token and JSON", async () => {
    const { edge, token } = await setup();
    const res = await edge.call('POST', '/v1/chat/conversations', { ...widget(token), body: {} });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    const pre = await preflight(edge, '/v1/chat/conversations', 'authorization, content-type');
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), ORIGIN);
    for (const header of ['authorization', 'content-type'])
      assert.ok(allowed(pre).includes(header));
    await edge.close();
  });

  // The visitor key travels in its own header: without it in the preflight's list, a browser
  // would refuse every visitor request but the first.
  test(`a preflight allows ${VISITOR_KEY_HEADER}, so a visitor can resume from the bank's page`, async () => {
    const { edge } = await setup();
    const pre = await preflight(
      edge,
      '/v1/chat/conversations/cv_00000000000000000000/messages',
      `authorization, content-type, ${VISITOR_KEY_HEADER}`,
    );
    try {
      assert.ok(allowed(pre).includes(VISITOR_KEY_HEADER), allowed(pre).join(', '));
    } finally {
      await edge.close();
    }
  });
});

describe('the socket route in process', () => {
  const upgrade = (protocols: string, extra: Record<string, string> = {}) => ({
    headers: {
      origin: ORIGIN,
      upgrade: 'websocket',
      connection: 'Upgrade',
      'sec-websocket-version': '13',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      'sec-websocket-protocol': protocols,
      ...extra,
    },
  });

  test('a plain GET is 426, an upgrade without gw-chat.v1 is 400', async () => {
    const { edge, token } = await setup();
    const { conversation } = await start(edge, token);
    const path = `/v1/chat/conversations/${conversation.id}/socket`;
    const plain = await edge.call('GET', path, widget(token));
    assert.equal(plain.headers.get('upgrade'), 'websocket');
    await problem(plain, 426, 'upgrade-required');
    await problem(
      await edge.call('GET', path, { auth: token, ...upgrade('gw-chat.v0') }),
      400,
      'subprotocol-required',
    );
    await edge.close();
  });

  test('the token as subprotocol gw-token.<jwt> gets past authentication (501 here: no sockets in process)', async () => {
    const { edge, tenant, token } = await setup();
    const { conversation } = await start(edge, token);
    const path = `/v1/chat/conversations/${conversation.id}/socket`;
    await problem(
      await edge.call('GET', path, upgrade(`gw-chat.v1, gw-token.${token}`)),
      501,
      'websocket-unavailable',
    );
    await problem(
      await edge.call('GET', path, upgrade(`gw-chat.v1, gw-token.${tamperTail(token, 8)}`)),
      401,
      'unauthenticated',
    );
    await problem(await edge.call('GET', path, upgrade('gw-chat.v1')), 401, 'unauthenticated');
    // Past authentication, the same checks as every chat route: origin, owner.
    await problem(
      await edge.call(
        'GET',
        path,
        upgrade(`gw-chat.v1, gw-token.${token}`, { origin: 'https://evil.example' }),
      ),
      403,
      'origin-mismatch',
    );
    const other = await chatToken(edge, tenant, 'cust-2');
    await problem(
      await edge.call('GET', path, upgrade(`gw-chat.v1, gw-token.${other}`)),
      404,
      'not-found',
    );
    // A visitor's key travels as gw-visitor.<key>.
    const visitor = await startVisitor(edge, tenant);
    const visitorPath = `/v1/chat/conversations/${visitor.id}/socket`;
    await problem(
      await edge.call(
        'GET',
        visitorPath,
        upgrade(`gw-chat.v1, gw-token.${visitor.token}, gw-visitor.${visitor.key}`),
      ),
      501,
      'websocket-unavailable',
    );
    await problem(
      await edge.call('GET', visitorPath, upgrade(`gw-chat.v1, gw-token.${visitor.token}`)),
      404,
      'not-found',
    );
    await edge.close();
  });
});
