// The in-process chat rooms (edge/chat/local-realtime.ts, room.ts) with fake sockets: many
// writers at once still give every member the messages in sequence order, once each; a
// replay and a live message never interleave; a silent socket is swept; an empty room is
// dropped; the upgrade hands a socket over only once the route accepted it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CLOSE_CODES, HEARTBEAT_MS, type ServerFrame } from '../../contracts/chat.js';
import { DataKeys } from '../../edge/auth/data-keys.js';
import { SecretBox } from '../../edge/auth/secret-box.js';
import {
  type LiveSocket,
  LocalChatRealtime,
  type SocketHandlers,
} from '../../edge/chat/local-realtime.js';
import { ChatService, type ChatSession } from '../../edge/chat/service.js';
import { createTenant, createTestEdge, ORIGIN, TEST_MASTER_KEY } from './helpers.js';

interface FakeSocket extends LiveSocket {
  frames: ServerFrame[];
  closed?: { code: number; reason: string };
  handlers: SocketHandlers;
}

async function world() {
  const edge = await createTestEdge();
  const tenant = await createTenant(edge, 'rooms-bank', [ORIGIN]);
  const service = new ChatService(
    edge.deps.store,
    new DataKeys(edge.deps.store, new SecretBox(TEST_MASTER_KEY), edge.clock),
    edge.clock.now,
  );
  let opened: ((socket: LiveSocket) => SocketHandlers) | undefined;
  const rooms = new LocalChatRealtime(service, (_c, open) => {
    opened = open;
    return new Response(null, { status: 204 });
  });
  const conversation = async (customer: string) => {
    const id = `cv_${customer.padEnd(20, 'x').slice(0, 20)}`;
    const now = edge.clock.now();
    await edge.deps.store.createConversation(
      {
        id,
        tenantId: tenant.id,
        customer,
        visitorKeyHash: null,
        profileSealed: null,
        status: 'open',
        lastSeq: 0,
        assignee: null,
        escalated: false,
        createdAt: now,
        updatedAt: now,
      },
      { id: `evt_${customer}`, type: 'conversation.created', payload: {} },
    );
    return id;
  };
  // A token the sessions can name (the room checks it is still active before each message).
  const minted = (await (
    await edge.call('POST', '/v1/tokens', {
      auth: tenant.secretKey,
      body: { scopes: ['chat:write'], origin: ORIGIN, customer: 'rooms-customer' },
    })
  ).json()) as { jti: string; expiresAt: number };
  const connect = async (conversationId: string): Promise<FakeSocket> => {
    const session: ChatSession = {
      tenantId: tenant.id,
      conversationId,
      jti: minted.jti,
      exp: minted.expiresAt,
    };
    await rooms.upgrade({} as never, session);
    const socket: FakeSocket = {
      frames: [],
      handlers: undefined as unknown as SocketHandlers,
      send(text) {
        this.frames.push(JSON.parse(text) as ServerFrame);
      },
      close(code, reason) {
        this.closed = { code, reason };
        this.handlers.closed();
      },
    };
    socket.handlers = (opened as (s: LiveSocket) => SocketHandlers)(socket);
    return socket;
  };
  return { edge, tenant, rooms, conversation, connect };
}

const seqs = (socket: FakeSocket) =>
  socket.frames.flatMap((f) => (f.type === 'message' ? [f.message.seq] : []));

/** Waits (up to 2 s) for what fire-and-forget socket handlers do. */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(done(), `waited for ${what}`);
}

const settle = async (rooms: LocalChatRealtime, tenantId: string, id: string) => {
  // A no-op change runs after everything queued before it.
  await rooms.change(tenantId, id, { kind: 'typing' });
};

describe('chat rooms in the process', () => {
  test('many writers at once: every member gets every message once, in sequence order', async () => {
    const { edge, tenant, rooms, conversation, connect } = await world();
    const id = await conversation('many-writers');
    const a = await connect(id);
    const b = await connect(id);
    a.handlers.message(JSON.stringify({ type: 'hello', after: 0 }));
    b.handlers.message(JSON.stringify({ type: 'hello', after: 0 }));
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) {
      writes.push(
        rooms.post(tenant.id, id, {
          clientId: `agent-msg-${String(i).padStart(3, '0')}`,
          text: `agent ${i}`,
          author: 'agent',
          authorName: null,
        }),
      );
      a.handlers.message(
        JSON.stringify({
          type: 'send',
          clientId: `from-a-${String(i).padStart(3, '0')}`,
          text: `a ${i}`,
        }),
      );
      if (i < 10)
        b.handlers.message(
          JSON.stringify({
            type: 'send',
            clientId: `from-b-${String(i).padStart(3, '0')}`,
            text: `b ${i}`,
          }),
        );
    }
    await Promise.all(writes);
    await until(() => seqs(a).length === 50 && seqs(b).length === 50, 'all 50 messages');
    const expected = Array.from({ length: 50 }, (_, i) => i + 1);
    assert.deepEqual(seqs(a), expected);
    assert.deepEqual(seqs(b), expected);
    await edge.close();
  });

  test('a hello in the middle of writes replays up to the queue and joins without a gap', async () => {
    const { edge, tenant, rooms, conversation, connect } = await world();
    const id = await conversation('late-joiner');
    const writes: Promise<unknown>[] = [];
    let late: FakeSocket | undefined;
    for (let i = 0; i < 30; i++) {
      writes.push(
        rooms.post(tenant.id, id, {
          clientId: `msg-${String(i).padStart(5, '0')}`,
          text: `message ${i}`,
          author: 'agent',
          authorName: null,
        }),
      );
      if (i === 12) {
        late = await connect(id);
        late.handlers.message(JSON.stringify({ type: 'hello', after: 3 }));
      }
    }
    await Promise.all(writes);
    await settle(rooms, tenant.id, id);
    const socket = late as FakeSocket;
    // Messages 4..30 exactly once each, in order, whichever the replay or the live path gave.
    assert.deepEqual(
      seqs(socket),
      Array.from({ length: 27 }, (_, i) => i + 4),
    );
    const ready = socket.frames.findIndex((f) => f.type === 'ready');
    assert.ok(ready > 0, 'ready comes after the replay');
    await edge.close();
  });

  test('a socket silent for three heartbeats is closed; one that pings is kept; empty rooms go', async () => {
    const { edge, rooms, conversation, connect } = await world();
    const id = await conversation('heartbeats');
    const silent = await connect(id);
    const chatty = await connect(id);
    silent.handlers.message(JSON.stringify({ type: 'hello', after: 0 }));
    chatty.handlers.message(JSON.stringify({ type: 'hello', after: 0 }));
    assert.equal(rooms.stats.members, 2);
    for (let beat = 0; beat < 4; beat++) {
      edge.clock.advance(HEARTBEAT_MS);
      chatty.handlers.message(JSON.stringify({ type: 'ping' }));
      rooms.sweep();
    }
    assert.equal(silent.closed?.code, CLOSE_CODES.idle);
    assert.equal(chatty.closed, undefined);
    assert.ok(chatty.frames.some((f) => f.type === 'pong'));
    assert.deepEqual(rooms.stats, { rooms: 1, members: 1 });
    chatty.close(1000, 'bye');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(rooms.stats, { rooms: 0, members: 0 });
    await edge.close();
  });

  test('a retry of a stored client id echoes to its sender only, and stores nothing', async () => {
    const { edge, tenant, rooms, conversation, connect } = await world();
    const id = await conversation('retries');
    const a = await connect(id);
    const b = await connect(id);
    a.handlers.message(JSON.stringify({ type: 'hello', after: 0 }));
    b.handlers.message(JSON.stringify({ type: 'hello', after: 0 }));
    const send = JSON.stringify({ type: 'send', clientId: 'retry-me-01', text: 'hello?' });
    a.handlers.message(send);
    a.handlers.message(send);
    await until(() => seqs(a).length === 2, 'the message and its echo');
    await settle(rooms, tenant.id, id);
    assert.deepEqual(seqs(a), [1, 1]);
    assert.deepEqual(seqs(b), [1]);
    const stored = await edge.deps.store.listChatMessages(tenant.id, id, 0, 10);
    assert.equal(stored.length, 1);
    await edge.close();
  });
});
