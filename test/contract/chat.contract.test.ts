// The support chat on both runtimes, written once: real WebSockets to the real Node server
// (rooms in the process) and to the real Worker in workerd (a Durable Object per
// conversation, hibernation API). A customer and an agent exchange messages while the
// customer's socket is cut at random: no message is lost, none shown twice, order kept. The
// upgrade refuses a foreign origin, another tenant's token, a token without the scope and an
// expired one. The SSE fallback replays and streams the same frames.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { WebSocket } from 'ws';
import {
  CHAT_SUBPROTOCOL,
  type ChatMessage,
  type ServerFrame,
  TOKEN_SUBPROTOCOL_PREFIX,
} from '../../contracts/chat.js';
import { OPERATOR_KEY, RUNTIMES, type RuntimeEdge, startRuntime } from './runtimes.js';

const ORIGIN = 'https://www.bank-a.example';
const EVIL = 'https://evil.example';

async function read<T>(res: Response, status: number, what = ''): Promise<T> {
  const text = await res.text();
  assert.equal(res.status, status, `${what} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A seeded PRNG (mulberry32), so a failing run can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Tenant {
  id: string;
  secretKey: string;
}

async function createTenant(edge: RuntimeEdge, slug: string): Promise<Tenant> {
  const created = await read<{ tenant: { id: string }; secretKey: string }>(
    await edge.call('POST', '/v1/tenants', {
      auth: OPERATOR_KEY,
      body: { slug, name: `Bank ${slug}` },
    }),
    201,
    'tenant',
  );
  await read(
    await edge.call('PUT', '/v1/origins', {
      auth: created.secretKey,
      body: { origins: [ORIGIN] },
    }),
    200,
    'origins',
  );
  return { id: created.tenant.id, secretKey: created.secretKey };
}

async function mint(
  edge: RuntimeEdge,
  tenant: Tenant,
  body: { scopes?: string[]; customer?: string; ttlSeconds?: number } = {},
): Promise<string> {
  const minted = await read<{ token: string }>(
    await edge.call('POST', '/v1/tokens', {
      auth: tenant.secretKey,
      body: { scopes: ['chat:write'], origin: ORIGIN, customer: 'cust-0001', ...body },
    }),
    201,
    'mint',
  );
  return minted.token;
}

/** Collects a socket's frames and its close code. */
function watch(socket: WebSocket) {
  const frames: ServerFrame[] = [];
  let closed: { code: number; reason: string } | undefined;
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as ServerFrame));
  socket.on('close', (code, reason) => {
    closed = { code, reason: String(reason) };
  });
  const until = async (done: () => boolean, what: string) => {
    for (let i = 0; i < 200 && !done(); i++) await sleep(25);
    assert.ok(
      done(),
      `waited for ${what}; frames ${JSON.stringify(frames)}, closed ${JSON.stringify(closed)}`,
    );
  };
  return { frames, closed: () => closed, until };
}

async function startConversation(edge: RuntimeEdge, token: string): Promise<string> {
  const started = await read<{ conversation: { id: string } }>(
    await edge.call('POST', '/v1/chat/conversations', {
      auth: token,
      headers: { origin: ORIGIN },
      body: {},
    }),
    201,
    'start',
  );
  return started.conversation.id;
}

/** How an upgrade ended: open, or refused with an HTTP status. */
function upgrade(socket: WebSocket): Promise<{ open: true } | { open: false; status: number }> {
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ open: true }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ open: false, status: res.statusCode ?? 0 });
      res.resume();
    });
    socket.once('error', reject);
  });
}

/**
 * A customer's chat client as the widget behaves: hello with the last sequence number held,
 * messages kept by sequence number, unacknowledged sends re-sent (same client id) after each
 * `ready`. Records every frame, so duplicates would show.
 */
class Customer {
  readonly received: ChatMessage[] = [];
  readonly bySeq = new Map<number, ChatMessage>();
  readonly unacked = new Map<string, string>();
  /** The same message again, other than the echo of our own re-sent one: must stay 0. */
  duplicates = 0;
  outOfOrder = 0;
  socket: WebSocket | undefined;
  ready = false;
  readonly #edge: RuntimeEdge;
  readonly #path: string;
  readonly #token: string;

  constructor(edge: RuntimeEdge, conversationId: string, token: string) {
    this.#edge = edge;
    this.#path = `/v1/chat/conversations/${conversationId}/socket`;
    this.#token = token;
  }

  get lastSeq(): number {
    let seq = 0;
    while (this.bySeq.has(seq + 1)) seq += 1;
    return seq;
  }

  async connect(): Promise<void> {
    const socket = this.#edge.socket(this.#path, {
      protocols: [CHAT_SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}${this.#token}`],
      origin: ORIGIN,
    });
    this.socket = socket;
    this.ready = false;
    const opened = await upgrade(socket);
    assert.equal(opened.open, true, `upgrade refused: ${JSON.stringify(opened)}`);
    assert.equal(socket.protocol, CHAT_SUBPROTOCOL);
    const ready = new Promise<void>((resolve) => {
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as ServerFrame;
        if (frame.type === 'message') this.#take(frame.message);
        if (frame.type === 'ready') {
          this.ready = true;
          resolve();
          // What was in flight when the socket dropped goes again, in order, same ids.
          for (const [clientId, text] of this.unacked)
            socket.send(JSON.stringify({ type: 'send', clientId, text }));
        }
      });
    });
    socket.send(JSON.stringify({ type: 'hello', after: this.lastSeq }));
    await ready;
  }

  #take(message: ChatMessage): void {
    if (this.bySeq.has(message.seq)) {
      // A re-sent message that had already been stored is answered with its stored copy
      // (the client drops it by sequence number); anything else arriving twice is a bug.
      if (message.author !== 'customer') this.duplicates += 1;
      return;
    }
    const last = this.received.at(-1);
    if (last && message.seq !== last.seq + 1) this.outOfOrder += 1;
    this.received.push(message);
    this.bySeq.set(message.seq, message);
    this.unacked.delete(message.clientId);
  }

  send(clientId: string, text: string): void {
    this.unacked.set(clientId, text);
    if (this.ready && this.socket?.readyState === this.socket?.OPEN)
      this.socket?.send(JSON.stringify({ type: 'send', clientId, text }));
  }

  cut(): void {
    this.ready = false;
    this.socket?.terminate();
  }

  close(): void {
    this.socket?.close();
  }
}

for (const runtime of RUNTIMES) {
  describe(`support chat on ${runtime}`, () => {
    let edge: RuntimeEdge;
    let tenant: Tenant;
    let other: Tenant;
    before(async () => {
      edge = await startRuntime(runtime, {
        rateLimits: { perClient: 100_000, perCredential: 100_000 },
      });
      tenant = await createTenant(edge, `chat-${runtime}`);
      other = await createTenant(edge, `chat-other-${runtime}`);
    });
    after(async () => {
      await edge?.close();
    });

    test('random disconnects during a two-way exchange: nothing lost, nothing twice, in order', async () => {
      const token = await mint(edge, tenant, { customer: `cust-${runtime}-cut` });
      const conversationId = await startConversation(edge, token);
      const customer = new Customer(edge, conversationId, token);
      await customer.connect();
      const rand = random(runtime === 'node' ? 11 : 23);
      const PER_SIDE = 30;
      let cuts = 0;
      const agentSends = (async () => {
        for (let i = 0; i < PER_SIDE; i++) {
          await sleep(rand() * 15);
          await read(
            await edge.call('POST', `/v1/agent/conversations/${conversationId}/messages`, {
              auth: tenant.secretKey,
              body: {
                clientId: `agent-${i.toString().padStart(4, '0')}`,
                text: `agent ${i}`,
                agentName: 'Asha',
              },
            }),
            201,
            'agent reply',
          );
        }
      })();
      const customerSends = (async () => {
        for (let i = 0; i < PER_SIDE; i++) {
          await sleep(rand() * 15);
          customer.send(`cust-${i.toString().padStart(4, '0')}`, `customer ${i}`);
          // About one send in five, the line drops and the client comes back.
          if (rand() < 0.2) {
            cuts += 1;
            customer.cut();
            await sleep(rand() * 20);
            await customer.connect();
          }
        }
      })();
      await Promise.all([agentSends, customerSends]);
      // Everything sent is acknowledged and delivered, however the cuts fell.
      for (
        let wait = 0;
        wait < 100 && (customer.unacked.size > 0 || customer.received.length < 2 * PER_SIDE);
        wait++
      ) {
        if (!customer.ready) await customer.connect();
        await sleep(50);
      }
      customer.close();
      assert.ok(cuts >= 3, `the line was cut ${cuts} times`);
      assert.equal(customer.unacked.size, 0, 'every customer message acknowledged');
      assert.equal(customer.duplicates, 0, 'no agent message delivered twice');
      assert.equal(customer.outOfOrder, 0, 'every socket got the messages in sequence order');
      const seqs = customer.received.map((m) => m.seq).sort((a, b) => a - b);
      assert.deepEqual(
        seqs,
        Array.from({ length: 2 * PER_SIDE }, (_, i) => i + 1),
      );
      // Across reconnects a frame may arrive again only through our own resend echo, never as
      // a second message: the server's store holds each client id once.
      const stored = await read<{ messages: ChatMessage[] }>(
        await edge.call('GET', `/v1/agent/conversations/${conversationId}`, {
          auth: tenant.secretKey,
        }),
        200,
      );
      assert.equal(stored.messages.length, 2 * PER_SIDE);
      assert.equal(new Set(stored.messages.map((m) => m.clientId)).size, 2 * PER_SIDE);
      assert.deepEqual(
        stored.messages.map((m) => m.seq),
        Array.from({ length: 2 * PER_SIDE }, (_, i) => i + 1),
      );
      // Each side's messages in the order that side sent them.
      const texts = (author: string) =>
        stored.messages.filter((m) => m.author === author).map((m) => m.text);
      assert.deepEqual(
        texts('agent'),
        Array.from({ length: PER_SIDE }, (_, i) => `agent ${i}`),
      );
      assert.deepEqual(
        texts('customer'),
        Array.from({ length: PER_SIDE }, (_, i) => `customer ${i}`),
      );
      // What the customer saw is exactly what is stored.
      assert.deepEqual(
        [...customer.received].sort((a, b) => a.seq - b.seq).map((m) => [m.seq, m.clientId]),
        stored.messages.map((m) => [m.seq, m.clientId]),
      );
    });

    test('the upgrade refuses a foreign origin, another tenant, a missing scope, an expired token', async () => {
      const token = await mint(edge, tenant, { customer: `cust-${runtime}-guard` });
      const conversationId = await startConversation(edge, token);
      const path = `/v1/chat/conversations/${conversationId}/socket`;
      const attempt = async (credential: string, origin = ORIGIN, protocols?: string[]) => {
        const socket = edge.socket(path, {
          protocols: protocols ?? [CHAT_SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}${credential}`],
          origin,
        });
        const result = await upgrade(socket);
        socket.terminate();
        return result;
      };
      assert.deepEqual(await attempt(token), { open: true });
      // Cross-site WebSocket hijacking: the page on another origin offers a stolen token.
      assert.deepEqual(await attempt(token, EVIL), { open: false, status: 403 });
      // Another tenant's token, for this tenant's conversation id.
      const foreign = await mint(edge, other, { customer: `cust-${runtime}-guard` });
      assert.deepEqual(await attempt(foreign), { open: false, status: 404 });
      // The same tenant's other customer.
      const stranger = await mint(edge, tenant, { customer: `cust-${runtime}-stranger` });
      assert.deepEqual(await attempt(stranger), { open: false, status: 404 });
      // A token without chat:write.
      const reader = await mint(edge, tenant, {
        scopes: ['config:read'],
        customer: `cust-${runtime}-guard`,
      });
      assert.deepEqual(await attempt(reader), { open: false, status: 403 });
      // No token, and no chat subprotocol.
      assert.deepEqual(await attempt('', ORIGIN, [CHAT_SUBPROTOCOL]), { open: false, status: 401 });
      assert.deepEqual(await attempt(token, ORIGIN, [`${TOKEN_SUBPROTOCOL_PREFIX}${token}`]), {
        open: false,
        status: 400,
      });
      // Expired: past its ten minutes.
      // (The Worker's clock keeps running from where the test set it, so a margin.)
      await edge.clock.advance(700_000);
      assert.deepEqual(await attempt(token), { open: false, status: 401 });
    });

    test('the SSE fallback replays after a sequence number, then streams live frames', async () => {
      const token = await mint(edge, tenant, { customer: `cust-${runtime}-sse` });
      const conversationId = await startConversation(edge, token);
      const base = `/v1/chat/conversations/${conversationId}`;
      for (const i of [1, 2, 3]) {
        await read(
          await edge.call('POST', `${base}/messages`, {
            auth: token,
            headers: { origin: ORIGIN },
            body: { clientId: `sse-msg-000${i}`, text: `before ${i}` },
          }),
          201,
        );
      }
      // A retry of the same client id stores nothing and answers 200 with the first.
      const retry = await read<{ message: ChatMessage }>(
        await edge.call('POST', `${base}/messages`, {
          auth: token,
          headers: { origin: ORIGIN },
          body: { clientId: 'sse-msg-0002', text: 'before 2' },
        }),
        200,
      );
      assert.equal(retry.message.seq, 2);
      const res = await edge.stream(`${base}/events?after=1`, {
        auth: token,
        headers: { origin: ORIGIN },
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const frames: ServerFrame[] = [];
      let buffer = '';
      const until = async (done: () => boolean) => {
        const decoder = new TextDecoder();
        while (!done()) {
          const { value, done: ended } = await reader.read();
          if (ended) break;
          buffer += decoder.decode(value, { stream: true });
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = event.split('\n').find((line) => line.startsWith('data: '));
            if (data) frames.push(JSON.parse(data.slice(6)) as ServerFrame);
            end = buffer.indexOf('\n\n');
          }
        }
      };
      await until(() => frames.some((f) => f.type === 'ready'));
      assert.deepEqual(
        frames
          .filter((f) => f.type === 'message')
          .map((f) => (f as { message: ChatMessage }).message.seq),
        [2, 3],
      );
      await read(
        await edge.call('POST', `/v1/agent/conversations/${conversationId}/messages`, {
          auth: tenant.secretKey,
          body: { clientId: 'sse-agent-0001', text: 'live over SSE' },
        }),
        201,
      );
      await until(() => frames.some((f) => f.type === 'message' && f.message.seq === 4));
      const live = frames.find((f) => f.type === 'message' && f.message.seq === 4) as {
        message: ChatMessage;
      };
      assert.equal(live.message.text, 'live over SSE');
      assert.equal(live.message.author, 'agent');
      await reader.cancel();
    });

    test('live rules: agent typing and close, a revoked token, bad and oversized frames, the per-socket limit', async () => {
      const minted = await read<{ token: string; jti: string }>(
        await edge.call('POST', '/v1/tokens', {
          auth: tenant.secretKey,
          body: { scopes: ['chat:write'], origin: ORIGIN, customer: `cust-${runtime}-rules` },
        }),
        201,
      );
      const conversationId = await startConversation(edge, minted.token);
      const path = `/v1/chat/conversations/${conversationId}/socket`;
      const open = async () => {
        const socket = edge.socket(path, {
          protocols: [CHAT_SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}${minted.token}`],
          origin: ORIGIN,
        });
        const watched = watch(socket);
        assert.deepEqual(await upgrade(socket), { open: true });
        socket.send(JSON.stringify({ type: 'hello', after: 0 }));
        await watched.until(() => watched.frames.some((f) => f.type === 'ready'), 'ready');
        return { socket, ...watched };
      };

      // Not JSON, then a frame over 16 KiB: each ends its socket.
      const garbage = await open();
      garbage.socket.send('not json');
      await garbage.until(() => garbage.closed() !== undefined, 'close after garbage');
      assert.equal(garbage.closed()?.code, 4400);
      const big = await open();
      big.socket.send(
        JSON.stringify({ type: 'send', clientId: 'big-frame-01', text: 'x'.repeat(17_000) }),
      );
      await big.until(() => big.closed() !== undefined, 'close after a big frame');
      assert.ok([4400, 1009].includes(big.closed()?.code ?? 0), `closed ${big.closed()?.code}`);

      // A message the protocol refuses fails alone; the socket stays.
      const live = await open();
      live.socket.send(
        JSON.stringify({ type: 'send', clientId: 'bidi-msg-01', text: 'pay \u202Eevil' }),
      );
      await live.until(() => live.frames.some((f) => f.type === 'error'), 'invalid-message');
      assert.deepEqual(
        live.frames.filter((f) => f.type === 'error').map((f) => [f.code, f.clientId]),
        [['invalid-message', 'bidi-msg-01']],
      );
      live.socket.send(JSON.stringify({ type: 'ping' }));
      await live.until(() => live.frames.some((f) => f.type === 'pong'), 'pong');

      // An agent typing shows on the customer's socket.
      assert.equal(
        (
          await edge.call('POST', `/v1/agent/conversations/${conversationId}/typing`, {
            auth: tenant.secretKey,
          })
        ).status,
        204,
      );
      await live.until(
        () => live.frames.some((f) => f.type === 'typing' && f.author === 'agent'),
        'agent typing',
      );

      // 30 messages a minute per socket: the 31st is refused with a delay, not stored.
      for (let i = 0; i < 31; i++)
        live.socket.send(
          JSON.stringify({
            type: 'send',
            clientId: `burst-${String(i).padStart(4, '0')}`,
            text: `burst ${i}`,
          }),
        );
      await live.until(
        () => live.frames.some((f) => f.type === 'error' && f.code === 'rate-limited'),
        'rate-limited',
      );
      await live.until(
        () => live.frames.filter((f) => f.type === 'message').length === 30,
        '30 stored',
      );
      const limited = live.frames.find((f) => f.type === 'error' && f.code === 'rate-limited') as {
        clientId?: string;
        retryAfterSeconds?: number;
      };
      assert.equal(limited.clientId, 'burst-0030');
      assert.ok((limited.retryAfterSeconds ?? 0) >= 1);

      // The agent closes: the customer gets the closing system message, the closed
      // conversation, and the socket ends with 4410 (do not come back).
      await read(
        await edge.call('POST', `/v1/agent/conversations/${conversationId}/close`, {
          auth: tenant.secretKey,
        }),
        200,
      );
      await live.until(() => live.closed() !== undefined, 'close after the agent closed');
      assert.equal(live.closed()?.code, 4410);
      const system = live.frames.find(
        (f) => f.type === 'message' && f.message.author === 'system',
      ) as {
        message: ChatMessage;
      };
      assert.equal(system.message.seq, 31);
      assert.equal(system.message.text, 'conversation-closed');
      const changed = live.frames.find((f) => f.type === 'conversation') as {
        conversation: { status: string };
      };
      assert.equal(changed.conversation.status, 'closed');
      // A new socket on the closed conversation gets its history, then 4410.
      const late = edge.socket(path, {
        protocols: [CHAT_SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}${minted.token}`],
        origin: ORIGIN,
      });
      const lateWatch = watch(late);
      assert.deepEqual(await upgrade(late), { open: true });
      late.send(JSON.stringify({ type: 'hello', after: 29 }));
      await lateWatch.until(() => lateWatch.closed() !== undefined, 'late close');
      assert.deepEqual(
        lateWatch.frames.filter((f) => f.type === 'message').map((f) => f.message.seq),
        [30, 31],
      );
      assert.equal(lateWatch.closed()?.code, 4410);

      // A token revoked while its socket is open: the next message ends the session (4401).
      const second = await read<{ token: string; jti: string }>(
        await edge.call('POST', '/v1/tokens', {
          auth: tenant.secretKey,
          body: { scopes: ['chat:write'], origin: ORIGIN, customer: `cust-${runtime}-revoked` },
        }),
        201,
      );
      const secondConversation = await startConversation(edge, second.token);
      const revoked = edge.socket(`/v1/chat/conversations/${secondConversation}/socket`, {
        protocols: [CHAT_SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}${second.token}`],
        origin: ORIGIN,
      });
      const revokedWatch = watch(revoked);
      assert.deepEqual(await upgrade(revoked), { open: true });
      revoked.send(JSON.stringify({ type: 'hello', after: 0 }));
      await revokedWatch.until(() => revokedWatch.frames.some((f) => f.type === 'ready'), 'ready');
      assert.equal(
        (await edge.call('DELETE', `/v1/tokens/${second.jti}`, { auth: tenant.secretKey })).status,
        204,
      );
      revoked.send(
        JSON.stringify({ type: 'send', clientId: 'after-revoke', text: 'still there?' }),
      );
      await revokedWatch.until(() => revokedWatch.closed() !== undefined, 'close after revocation');
      assert.equal(revokedWatch.closed()?.code, 4401);
      const stored = await read<{ messages: ChatMessage[] }>(
        await edge.call('GET', `/v1/agent/conversations/${secondConversation}`, {
          auth: tenant.secretKey,
        }),
        200,
      );
      assert.equal(stored.messages.length, 0, 'nothing stored after the revocation');
    });
  });
}
