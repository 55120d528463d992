// The support chat's connection (widgets/support-chat/connection.ts) in real Chromium, with a
// fake WebSocket constructor and a fake fetch injected: start and resume, hello/replay, send and
// confirm, de-duplication and order, gaps, the outbox across drops and reloads, heartbeat,
// backoff, close codes (4401 refetches the token, 4410 stops), and the SSE + POST fallback.
import { expect } from '@open-wc/testing';
import { ApiClient } from '../../widgets/core/api-client.js';
import {
  ChatConnection,
  newClientId,
  storageKeyOf,
  type Timers,
} from '../../widgets/support-chat/connection.js';
import {
  agentMessage,
  conversation,
  FakeChatServer,
  FakeSocket,
  socketsServedBy,
  tokenWith,
} from './chat-fakes.js';
import { json, problem, until } from './fixtures.js';

const API = 'https://edge.test';
const TOKEN = tokenWith({ sub: 'cust_1', tid: 'ten_1' });

interface Setup {
  connection: ChatConnection;
  server: FakeChatServer;
  requests: { method: string; url: string; headers: Headers; body: unknown }[];
  tokens: { count: number };
  changes: { count: number };
  /** Own messages the edge confirmed (onSent), by seq. */
  confirmed: number[];
}

function setup(
  options: {
    routes?: Record<string, (body: unknown) => Response | Promise<Response>>;
    WebSocket?: typeof WebSocket;
    server?: FakeChatServer;
    heartbeatMs?: number;
    visitorKey?: string;
    token?: () => string;
    timers?: Timers;
    random?: () => number;
  } = {},
): Setup {
  const server = options.server ?? new FakeChatServer();
  const requests: Setup['requests'] = [];
  const tokens = { count: 0 };
  const changes = { count: 0 };
  const confirmed: number[] = [];
  const routes = {
    'POST /v1/chat/conversations': () =>
      json(
        {
          conversation: conversation(),
          ...(options.visitorKey ? { visitorKey: options.visitorKey } : {}),
        },
        201,
      ),
    ...options.routes,
  };
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    requests.push({
      method,
      url: url.pathname + url.search,
      headers: new Headers(init?.headers),
      body,
    });
    const route = routes[`${method} ${url.pathname}` as keyof typeof routes] as
      | ((body: unknown) => Response | Promise<Response>)
      | undefined;
    return route ? route(body) : problem(404, 'not-found');
  }) as typeof fetch;
  const client = new ApiClient({
    baseUrl: API,
    fetchToken: async () => {
      tokens.count++;
      return options.token?.() ?? TOKEN;
    },
    fetch: fetchImpl,
  });
  const connection = new ChatConnection({
    client,
    storage: sessionStorage,
    WebSocket: options.WebSocket ?? socketsServedBy(server),
    fetch: fetchImpl,
    random: options.random ?? (() => 0),
    ...(options.timers ? { timers: options.timers } : {}),
    heartbeatMs: options.heartbeatMs ?? 60_000,
    onChange: () => changes.count++,
    onSent: (message) => confirmed.push(message.seq),
  });
  return { connection, server, requests, tokens, changes, confirmed };
}

const live: ChatConnection[] = [];
async function started(s: Setup): Promise<Setup> {
  live.push(s.connection);
  await s.connection.start();
  await until(() => s.connection.state === 'connected', 2000, 'connected');
  return s;
}

beforeEach(() => {
  sessionStorage.clear();
  FakeSocket.reset();
});
afterEach(() => {
  for (const c of live.splice(0)) c.stop();
  sessionStorage.clear();
});

const texts = (c: ChatConnection) => c.messages.map((m) => m.text);
const tick = () => new Promise((r) => setTimeout(r, 0));

it('client ids are 22 random base64url characters', () => {
  const ids = new Set(Array.from({ length: 50 }, newClientId));
  expect(ids.size).to.equal(50);
  for (const id of ids) expect(id).to.match(/^[A-Za-z0-9_-]{22}$/);
});

it('starts a conversation with the token, opens the socket with its subprotocols, says hello', async () => {
  const s = await started(setup({ visitorKey: `vk_${'a'.repeat(43)}` }));
  const post = s.requests[0];
  expect(post?.method).to.equal('POST');
  expect(post?.url).to.equal('/v1/chat/conversations');
  expect(post?.headers.get('authorization')).to.equal(`Bearer ${TOKEN}`);
  expect(post?.body).to.deep.equal({});
  const socket = FakeSocket.last;
  expect(socket.url).to.equal(
    'wss://edge.test/v1/chat/conversations/cv_AAAAAAAAAAAAAAAAAAAAAA/socket',
  );
  expect(socket.protocols).to.deep.equal([
    'gw-chat.v1',
    `gw-token.${TOKEN}`,
    `gw-visitor.vk_${'a'.repeat(43)}`,
  ]);
  expect(socket.sent[0]).to.deep.equal({ type: 'hello', after: 0 });
  expect(s.connection.headers).to.deep.equal({ 'x-gw-visitor-key': `vk_${'a'.repeat(43)}` });
  const stored = JSON.parse(sessionStorage.getItem(storageKeyOf(API, 'ten_1')) ?? '{}');
  expect(stored.conversationId).to.equal('cv_AAAAAAAAAAAAAAAAAAAAAA');
  expect(stored.visitorKey).to.equal(`vk_${'a'.repeat(43)}`);
});

it('sends a message: sending until its echo, then sent with the seq; onSent fires', async () => {
  const s = await started(setup());
  s.server.echo = false;
  const id = s.connection.send('Hello there');
  expect(s.connection.messages.at(-1)?.delivery).to.equal('sending');
  const frame = FakeSocket.last.framesOf('send')[0];
  expect(frame).to.deep.equal({ type: 'send', clientId: id, text: 'Hello there' });
  FakeSocket.last.receive({
    type: 'message',
    message: {
      seq: 1,
      clientId: id,
      author: 'customer',
      authorName: null,
      text: 'Hello there',
      at: 5,
    },
  });
  expect(s.connection.messages).to.have.length(1);
  expect(s.connection.messages[0]?.delivery).to.equal('sent');
  expect(s.connection.messages[0]?.seq).to.equal(1);
  expect(s.confirmed).to.deep.equal([1]);
});

it('never shows a message twice and keeps seq order; a gap asks for the replay again', async () => {
  const s = await started(setup());
  const socket = FakeSocket.last;
  socket.receive({ type: 'message', message: agentMessage(1, 'one') });
  socket.receive({ type: 'message', message: agentMessage(1, 'one again') });
  expect(texts(s.connection)).to.deep.equal(['one']);
  // seq 3 before 2: a gap — hello again with what is held, and 3 waits for the replay.
  const hellos = socket.framesOf('hello').length;
  socket.receive({ type: 'message', message: agentMessage(3, 'three') });
  expect(socket.framesOf('hello').length).to.equal(hellos + 1);
  expect(socket.framesOf('hello').at(-1)).to.deep.equal({ type: 'hello', after: 1 });
  expect(texts(s.connection)).to.deep.equal(['one']);
  socket.receive({ type: 'message', message: agentMessage(2, 'two') });
  socket.receive({ type: 'message', message: agentMessage(3, 'three') });
  socket.receive({ type: 'ready', conversation: conversation({ lastSeq: 3 }) });
  expect(texts(s.connection)).to.deep.equal(['one', 'two', 'three']);
});

it('an invalid message is marked failed, and Retry sends it again with the same client id', async () => {
  const s = await started(setup());
  s.server.echo = false;
  const id = s.connection.send('bad');
  FakeSocket.last.receive({ type: 'error', code: 'invalid-message', detail: 'no', clientId: id });
  expect(s.connection.messages[0]?.delivery).to.equal('failed');
  s.server.echo = true;
  s.connection.retry(id);
  await tick();
  expect(FakeSocket.last.framesOf('send').map((f) => f.clientId)).to.deep.equal([id, id]);
  expect(s.connection.messages[0]?.delivery).to.equal('sent');
});

it('offline: messages queue (kept in sessionStorage) and go in order after ready', async () => {
  const s = await started(setup());
  s.server.accepting = false;
  window.dispatchEvent(new Event('offline'));
  expect(s.connection.state).to.equal('offline');
  s.connection.send('first');
  s.connection.send('second');
  s.connection.send('third');
  expect(s.connection.messages.map((m) => m.delivery)).to.deep.equal([
    'queued',
    'queued',
    'queued',
  ]);
  const stored = JSON.parse(sessionStorage.getItem(storageKeyOf(API, 'ten_1')) ?? '{}');
  expect(stored.outbox.map((m: { text: string }) => m.text)).to.deep.equal([
    'first',
    'second',
    'third',
  ]);
  s.server.accepting = true;
  window.dispatchEvent(new Event('online'));
  await until(() => s.connection.messages.every((m) => m.delivery === 'sent'), 2000, 'sent');
  expect(FakeSocket.last.framesOf('send').map((f) => f.text)).to.deep.equal([
    'first',
    'second',
    'third',
  ]);
  expect(s.server.messages.map((m) => [m.seq, m.text])).to.deep.equal([
    [1, 'first'],
    [2, 'second'],
    [3, 'third'],
  ]);
});

it('a message in flight when the socket dropped is sent again with the same id, once stored', async () => {
  const s = await started(setup());
  const first = FakeSocket.last;
  s.server.echo = true;
  // The server stores it, but the echo is lost with the socket.
  first.onsend = (frame) => {
    if (frame.type === 'send')
      s.server.messages.push({
        seq: s.server.messages.length + 1,
        clientId: String(frame.clientId),
        author: 'customer',
        authorName: null,
        text: String(frame.text),
        at: 1,
      });
  };
  const id = s.connection.send('lost echo');
  s.server.agentSays('while you were away');
  first.drop();
  expect(s.connection.state).to.equal('reconnecting');
  await until(
    () => FakeSocket.instances.length === 2 && s.connection.state === 'connected',
    2000,
    'reconnected',
  );
  const again = FakeSocket.last;
  expect(again.sent[0]).to.deep.equal({ type: 'hello', after: 0 });
  await tick();
  // Replayed: own message (seq 1) and the agent's (seq 2) — each shown once, in order.
  expect(s.connection.messages.map((m) => [m.seq, m.text, m.delivery])).to.deep.equal([
    [1, 'lost echo', 'sent'],
    [2, 'while you were away', undefined],
  ]);
  expect(again.framesOf('send').every((f) => f.clientId === id)).to.equal(true);
});

it('a reload resumes: no new conversation, hello after the last seq held, outbox sent', async () => {
  const server = new FakeChatServer();
  const first = await started(setup({ server }));
  server.agentSays('welcome', FakeSocket.last);
  server.accepting = false;
  window.dispatchEvent(new Event('offline'));
  first.connection.send('after reload');
  first.connection.stop();
  server.accepting = true;
  const second = await started(setup({ server }));
  expect(second.requests.filter((r) => r.method === 'POST')).to.have.length(0);
  expect(FakeSocket.last.sent[0]).to.deep.equal({ type: 'hello', after: 1 });
  await until(() => second.connection.messages.at(-1)?.delivery === 'sent', 2000, 'sent');
  expect(texts(second.connection)).to.deep.equal(['welcome', 'after reload']);
});

it('4401: a fresh token from the host, then at once a new socket with it', async () => {
  let n = 0;
  const s = await started(setup({ token: () => tokenWith({ sub: 'c', tid: 'ten_1', n: ++n }) }));
  const before = s.tokens.count;
  const oldProtocol = FakeSocket.last.protocols[1];
  FakeSocket.last.drop(4401);
  await until(() => FakeSocket.instances.length === 2, 2000, 'a new socket');
  expect(s.tokens.count).to.equal(before + 1);
  expect(FakeSocket.last.protocols[1]).not.to.equal(oldProtocol);
});

it('4410 and a closed conversation frame: closed, never reconnects', async () => {
  const s = await started(setup());
  FakeSocket.last.drop(4410);
  expect(s.connection.state).to.equal('closed');
  await new Promise((r) => setTimeout(r, 50));
  expect(FakeSocket.instances).to.have.length(1);
});

it('a socket silent for two heartbeats is taken for dead and replaced', async () => {
  const s = await started(setup({ heartbeatMs: 30 }));
  const first = FakeSocket.last;
  expect(first.framesOf('ping').length).to.equal(0);
  await until(() => first.framesOf('ping').length > 0, 2000, 'a ping');
  // Pongs keep it alive; stop answering.
  first.onsend = null;
  await until(() => FakeSocket.instances.length > 1, 2000, 'a new socket');
  await until(() => s.connection.state === 'connected', 2000, 'connected again');
});

it('typing: shown for a while on an agent frame; the customer’s sent at most every 3 s', async () => {
  const s = await started(setup());
  FakeSocket.last.receive({ type: 'typing', author: 'agent' });
  expect(s.connection.typing).to.equal(true);
  s.connection.typed();
  s.connection.typed();
  s.connection.typed();
  expect(FakeSocket.last.framesOf('typing')).to.have.length(1);
});

it('unread: agent messages while the panel is closed count; opening resets; history does not count', async () => {
  const server = new FakeChatServer();
  server.agentSays('history');
  const s = await started(setup({ server }));
  expect(s.connection.unread).to.equal(0);
  server.agentSays('new one', FakeSocket.last);
  server.agentSays('and another', FakeSocket.last);
  expect(s.connection.unread).to.equal(2);
  s.connection.panelOpen = true;
  expect(s.connection.unread).to.equal(0);
  server.agentSays('seen at once', FakeSocket.last);
  expect(s.connection.unread).to.equal(0);
});

it('blocked WebSockets: the SSE stream with Authorization, and sending by POST', async () => {
  FakeSocket.blocked = true;
  const encoder = new TextEncoder();
  let push: (text: string) => void = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      push = (text) => controller.enqueue(encoder.encode(text));
    },
  });
  const s = setup({
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    routes: {
      'GET /v1/chat/conversations/cv_AAAAAAAAAAAAAAAAAAAAAA/events': () =>
        new Response(stream, { headers: { 'content-type': 'text/event-stream' } }),
      'POST /v1/chat/conversations/cv_AAAAAAAAAAAAAAAAAAAAAA/messages': (body) =>
        json(
          {
            message: {
              seq: 2,
              clientId: (body as { clientId: string }).clientId,
              author: 'customer',
              authorName: null,
              text: (body as { text: string }).text,
              at: 2,
            },
          },
          201,
        ),
    },
  });
  live.push(s.connection);
  await s.connection.start();
  await until(() => s.requests.some((r) => r.url.includes('/events')), 2000, 'the stream');
  const get = s.requests.find((r) => r.url.includes('/events'));
  expect(get?.url).to.equal('/v1/chat/conversations/cv_AAAAAAAAAAAAAAAAAAAAAA/events?after=0');
  expect(get?.headers.get('authorization')).to.equal(`Bearer ${TOKEN}`);
  push(`data: ${JSON.stringify({ type: 'message', message: agentMessage(1, 'hi from sse') })}\n\n`);
  // CRLF line ends and a comment line, as proxies and servers send them.
  push(': keep-alive\r\n\r\nevent: frame\r\n');
  push(`data: ${JSON.stringify({ type: 'ready', conversation: conversation() })}\r\n\r\n`);
  await until(() => s.connection.state === 'connected', 2000, 'connected');
  expect(s.connection.usingFallback).to.equal(true);
  s.connection.send('over post');
  await until(() => s.connection.messages.at(-1)?.delivery === 'sent', 2000, 'sent');
  expect(texts(s.connection)).to.deep.equal(['hi from sse', 'over post']);
});

it('three sockets failing before open switch to the SSE fallback', async () => {
  const server = new FakeChatServer();
  server.accepting = false;
  const s = setup({
    server,
    routes: {
      'GET /v1/chat/conversations/cv_AAAAAAAAAAAAAAAAAAAAAA/events': () =>
        new Response(
          `data: ${JSON.stringify({ type: 'ready', conversation: conversation() })}\n\n`,
          {
            headers: { 'content-type': 'text/event-stream' },
          },
        ),
    },
  });
  live.push(s.connection);
  await s.connection.start();
  for (let i = 1; i <= 3; i++) {
    await until(() => FakeSocket.instances.length === i, 2000, `socket ${i}`);
    FakeSocket.last.drop(1006);
  }
  await until(() => s.requests.some((r) => r.url.includes('/events')), 2000, 'the stream');
  expect(FakeSocket.instances).to.have.length(3);
});

it('a token without a customer: the start answers 422 customer-details-required', async () => {
  const s = setup({
    routes: {
      'POST /v1/chat/conversations': (body) =>
        (body as { name?: string }).name
          ? json({ conversation: conversation() }, 201)
          : problem(422, 'customer-details-required'),
    },
  });
  live.push(s.connection);
  let error: unknown;
  await s.connection.start().catch((e: unknown) => {
    error = e;
  });
  expect((error as { type?: string }).type).to.equal('customer-details-required');
  await s.connection.start({ name: 'Asha', email: 'asha@example.com' });
  expect(s.requests.at(-1)?.body).to.deep.equal({ name: 'Asha', email: 'asha@example.com' });
  await until(() => s.connection.state === 'connected', 2000, 'connected');
});

/** Timers a test moves by hand: nothing fires until `advance`. */
function manualTimers() {
  let now = 1_700_000_000_000;
  let next = 1;
  const pending = new Map<number, { fn: () => void; ms: number; at: number }>();
  const timers: Timers & { advance(ms: number): void; delays(): number[] } = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = next++;
      pending.set(id, { fn, ms, at: now + ms });
      return id;
    },
    clearTimeout: (id) => void pending.delete(id as number),
    advance(ms) {
      now += ms;
      for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at > now) continue;
        pending.delete(id);
        t.fn();
      }
    },
    delays: () => [...pending.values()].map((t) => t.ms),
  };
  return timers;
}

it('reconnects with exponential backoff (full jitter, capped), reset by ready; 4429 backs off longer', async () => {
  const timers = manualTimers();
  const s = setup({
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    timers,
    // The top of the jitter's range, so each delay is the ceiling itself.
    random: () => 0.999_999,
  });
  live.push(s.connection);
  await s.connection.start();
  const reconnectDelays: number[] = [];
  for (let n = 1; n <= 4; n++) {
    await until(() => FakeSocket.instances.length === n, 2000, `socket ${n}`);
    FakeSocket.last.open(); // Opens, says hello, but never gets its ready.
    FakeSocket.last.drop(1006);
    expect(s.connection.state).to.equal('reconnecting');
    const delay = Math.max(...timers.delays());
    reconnectDelays.push(Math.round(delay));
    timers.advance(delay);
  }
  expect(reconnectDelays).to.deep.equal([500, 1000, 2000, 4000]);
  await until(() => FakeSocket.instances.length === 5, 2000, 'socket 5');
  FakeSocket.last.open();
  FakeSocket.last.receive({ type: 'ready', conversation: conversation() });
  expect(s.connection.state).to.equal('connected');
  FakeSocket.last.drop(1006);
  expect(Math.round(Math.max(...timers.delays()))).to.equal(500, 'reset by ready');
  timers.advance(500);
  await until(() => FakeSocket.instances.length === 6, 2000, 'socket 6');
  FakeSocket.last.open();
  FakeSocket.last.drop(4429);
  expect(Math.round(Math.max(...timers.delays()))).to.equal(16_000, 'rate-limited: further along');
});

it('support typing shows for 4 s after the frame, then goes', async () => {
  const timers = manualTimers();
  const server = new FakeChatServer();
  const s = await started(setup({ server, timers }));
  FakeSocket.last.receive({ type: 'typing', author: 'agent' });
  expect(s.connection.typing).to.equal(true);
  const changes = s.changes.count;
  timers.advance(3999);
  expect(s.connection.typing).to.equal(true);
  timers.advance(1);
  expect(s.connection.typing).to.equal(false);
  expect(s.changes.count).to.be.greaterThan(changes, 'the view is told to hide it');
  FakeSocket.last.receive({ type: 'typing', author: 'customer' });
  expect(s.connection.typing).to.equal(false, 'the customer’s own echo is not shown');
});
