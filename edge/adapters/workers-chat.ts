/**
 * The support chat on Workers: one Durable Object per conversation (`ChatRoomObject`), named
 * by tenant and conversation id, holding the conversation's room. Every message — from its
 * sockets, its SSE streams, the POST fallback and the agent API — is stored (D1, the same
 * store as everywhere) and delivered from this one object, so the order, the sequence
 * numbers and the replay after a reconnect behave exactly as on Node (`edge/chat/room.ts`).
 *
 * Sockets use the WebSocket hibernation API: the object may be evicted between messages while
 * its sockets stay open; each socket's session rides in its attachment, and pings are
 * answered by the runtime without waking the object. SSE streams keep the object in memory
 * while they are open (they are the fallback, not the common path).
 *
 * Time: the object runs on the Worker's clock (a test harness moves it), taken from every
 * call and kept in each socket's attachment for the messages that wake it.
 */
import { DurableObject, type HibernatableWebSocket } from 'cloudflare:workers';
import { CHAT_SUBPROTOCOL, CLOSE_CODES } from '../../contracts/chat-rules.js';
import { DataKeys } from '../auth/data-keys.js';
import { SecretBox } from '../auth/secret-box.js';
import { type ChangeResult, type ChatChange, runChange } from '../chat/changes.js';
import type { ChatRealtime, ChatRealtimeFactory } from '../chat/realtime.js';
import { roomKey } from '../chat/realtime.js';
import { ChatRoom, type RoomSocket } from '../chat/room.js';
import { ChatService, type ChatSession, type PostInput, type PostResult } from '../chat/service.js';
import { eventStream } from '../chat/sse.js';
import { problemResponse } from '../errors.js';
import { sqlStore } from '../store/sql-store.js';
import { type D1Database, D1Executor } from './d1-executor.js';

/** What the chat object needs of the Worker's bindings. */
export interface ChatEnv {
  DB: D1Database;
  GW_MASTER_KEY?: string;
  GW_MASTER_KEY_PREVIOUS?: string;
}

interface Attachment {
  session: ChatSession;
  /** Caught up (its replay sent): gets every new frame. */
  live: boolean;
  /** The Worker's clock offset when the socket opened (for messages after a hibernation). */
  offset: number;
}

/** The object's RPC surface, as the Worker calls it. */
export interface ChatRoomStub {
  fetch(request: Request): Promise<Response>;
  post(
    tenantId: string,
    conversationId: string,
    input: PostInput,
    now: number,
  ): Promise<PostResult | undefined>;
  change(
    tenantId: string,
    conversationId: string,
    change: ChatChange,
    now: number,
  ): Promise<ChangeResult>;
}

export interface ChatRoomNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): ChatRoomStub;
}

const SESSION_HEADER = 'x-gw-chat-session';
const NOW_HEADER = 'x-gw-now';

export class ChatRoomObject extends DurableObject<ChatEnv> {
  #offset: number | undefined;
  #service: ChatService | undefined;
  #room: ChatRoom | undefined;
  /** SSE streams: members in memory only (they keep the object awake). */
  readonly #streams = new Set<RoomSocket>();
  readonly #liveStreams = new Set<RoomSocket>();
  /** One wrapper per socket, so the room can tell its members apart. */
  readonly #wrappers = new WeakMap<HibernatableWebSocket, RoomSocket>();

  constructor(ctx: ConstructorParameters<typeof DurableObject<ChatEnv>>[0], env: ChatEnv) {
    super(ctx, env);
    // Heartbeats are answered by the runtime, without waking a hibernated object.
    const Pair = (
      globalThis as { WebSocketRequestResponsePair?: new (a: string, b: string) => unknown }
    ).WebSocketRequestResponsePair;
    if (Pair) ctx.setWebSocketAutoResponse(new Pair('{"type":"ping"}', '{"type":"pong"}'));
  }

  #now = () => Date.now() + (this.#offset ?? 0);

  #tick(now: number): void {
    this.#offset = now - Date.now();
  }

  #socket(ws: HibernatableWebSocket): RoomSocket {
    let socket = this.#wrappers.get(ws);
    if (!socket) {
      const attachment = ws.deserializeAttachment() as Attachment;
      socket = {
        session: attachment.session,
        send: (text) => ws.send(text),
        close: (code, reason) => ws.close(code, reason),
      };
      this.#wrappers.set(ws, socket);
    }
    return socket;
  }

  #roomFor(tenantId: string, conversationId: string): ChatRoom {
    if (this.#room) return this.#room;
    const store = sqlStore(new D1Executor(this.env.DB), this.#now);
    const masterKey = this.env.GW_MASTER_KEY;
    if (!masterKey) throw new Error('GW_MASTER_KEY is not set');
    const previous = (this.env.GW_MASTER_KEY_PREVIOUS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    const dataKeys = new DataKeys(store, new SecretBox(masterKey, previous), { now: this.#now });
    this.#service = new ChatService(store, dataKeys, this.#now);
    this.#room = new ChatRoom(tenantId, conversationId, this.#service, {
      live: () => [
        ...this.#liveStreams,
        ...this.ctx
          .getWebSockets()
          .filter((ws) => (ws.deserializeAttachment() as Attachment | null)?.live)
          .map((ws) => this.#socket(ws)),
      ],
      markLive: (socket) => {
        if (this.#streams.has(socket)) {
          this.#liveStreams.add(socket);
          return;
        }
        for (const ws of this.ctx.getWebSockets()) {
          if (this.#wrappers.get(ws) === socket)
            ws.serializeAttachment({ ...(ws.deserializeAttachment() as Attachment), live: true });
        }
      },
    });
    return this.#room;
  }

  /** A WebSocket upgrade (`/socket`) or an SSE stream (`/events`), authorised by the Worker. */
  async fetch(request: Request): Promise<Response> {
    const session = JSON.parse(request.headers.get(SESSION_HEADER) ?? 'null') as ChatSession | null;
    const now = Number(request.headers.get(NOW_HEADER));
    if (!session || !Number.isFinite(now)) return new Response('bad room request', { status: 400 });
    this.#tick(now);
    const room = this.#roomFor(session.tenantId, session.conversationId);
    const url = new URL(request.url);
    if (url.pathname.endsWith('/events')) {
      const after = Number(url.searchParams.get('after') ?? '0');
      return eventStream(room, session, Number.isSafeInteger(after) ? after : 0, {
        joined: (socket) => this.#streams.add(socket),
        left: (socket) => {
          this.#streams.delete(socket);
          this.#liveStreams.delete(socket);
        },
      });
    }
    const Pair = (
      globalThis as unknown as { WebSocketPair: new () => Record<0 | 1, HibernatableWebSocket> }
    ).WebSocketPair;
    const pair = new Pair();
    const server = pair[1];
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({
      session,
      live: false,
      offset: this.#offset ?? 0,
    } satisfies Attachment);
    return new Response(null, {
      status: 101,
      headers: { 'Sec-WebSocket-Protocol': CHAT_SUBPROTOCOL },
      webSocket: pair[0],
    } as ResponseInit);
  }

  async webSocketMessage(ws: HibernatableWebSocket, message: string | ArrayBuffer): Promise<void> {
    const attachment = ws.deserializeAttachment() as Attachment;
    if (this.#offset === undefined) this.#offset = attachment.offset;
    if (typeof message !== 'string') {
      ws.close(CLOSE_CODES.badFrame, 'text frames only');
      return;
    }
    const room = this.#roomFor(attachment.session.tenantId, attachment.session.conversationId);
    await room.receive(this.#socket(ws), message);
  }

  async webSocketClose(ws: HibernatableWebSocket, code: number): Promise<void> {
    // Complete the closing handshake (the client started it).
    try {
      ws.close(code === 1005 ? 1000 : code, 'closed');
    } catch {
      // Already closed.
    }
  }

  async webSocketError(ws: HibernatableWebSocket): Promise<void> {
    try {
      ws.close(1011, 'error');
    } catch {
      // Already closed.
    }
  }

  async post(
    tenantId: string,
    conversationId: string,
    input: PostInput,
    now: number,
  ): Promise<PostResult | undefined> {
    this.#tick(now);
    return this.#roomFor(tenantId, conversationId).post(input);
  }

  async change(
    tenantId: string,
    conversationId: string,
    change: ChatChange,
    now: number,
  ): Promise<ChangeResult> {
    this.#tick(now);
    const room = this.#roomFor(tenantId, conversationId);
    const service = this.#service as ChatService;
    return room.apply(() => runChange(service, tenantId, conversationId, change));
  }
}

/** The Worker's side: every conversation's traffic goes to its object. */
export function durableChat(namespace: ChatRoomNamespace, now: () => number): ChatRealtimeFactory {
  const stub = (tenantId: string, conversationId: string) =>
    namespace.get(namespace.idFromName(roomKey(tenantId, conversationId)));
  const forward = async (
    request: Request,
    session: ChatSession,
    path: string,
    after?: number,
  ): Promise<Response> => {
    const url = new URL(`https://chat-room.invalid/${path}`);
    if (after !== undefined) url.searchParams.set('after', String(after));
    const headers = new Headers(request.headers);
    headers.set(SESSION_HEADER, JSON.stringify(session));
    headers.set(NOW_HEADER, String(now()));
    return stub(session.tenantId, session.conversationId).fetch(
      new Request(url, { method: 'GET', headers }),
    );
  };
  return (): ChatRealtime => ({
    async upgrade(c, session) {
      const answer = await forward(c.req.raw, session, 'socket');
      const webSocket = (answer as Response & { webSocket?: unknown }).webSocket;
      if (answer.status !== 101 || !webSocket)
        return problemResponse(c, 503, 'unavailable', 'The conversation could not be opened.');
      // A fresh response: the app's middleware adds its headers to it.
      return new Response(null, {
        status: 101,
        headers: { 'Sec-WebSocket-Protocol': CHAT_SUBPROTOCOL },
        webSocket,
      } as ResponseInit);
    },
    async events(c, session, after) {
      const answer = await forward(c.req.raw, session, 'events', after);
      return new Response(answer.body, { status: answer.status, headers: answer.headers });
    },
    post: (tenantId, conversationId, input) =>
      stub(tenantId, conversationId).post(tenantId, conversationId, input, now()),
    change: (tenantId, conversationId, change) =>
      stub(tenantId, conversationId).change(tenantId, conversationId, change, now()),
  });
}
