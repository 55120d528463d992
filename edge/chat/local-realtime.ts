/**
 * Chat rooms in this process, for a single-process edge (Node): a map of conversation rooms,
 * made on first use and dropped when they have no members and no work. The WebSocket itself
 * comes from the runtime's adapter (`AcceptSocket`), so this file stays runtime-free.
 */
import type { Context } from 'hono';
import { HEARTBEAT_MS } from '../../contracts/chat.js';
import { CLOSE_CODES } from '../../contracts/chat-rules.js';
import type { AppEnv } from '../context.js';
import { type ChangeResult, type ChatChange, runChange } from './changes.js';
import type { ChatRealtime } from './realtime.js';
import { roomKey } from './realtime.js';
import { ChatRoom, MemberSet, type RoomSocket } from './room.js';
import type { ChatService, ChatSession, PostInput, PostResult } from './service.js';
import { eventStream } from './sse.js';

/** A socket as the adapter hands it over. */
export interface LiveSocket {
  send(text: string): void;
  close(code: number, reason: string): void;
}

/** What the room does with the socket's events. */
export interface SocketHandlers {
  message(data: string | ArrayBuffer): void;
  closed(): void;
}

/**
 * Completes a WebSocket upgrade for the request in `c` (the adapter's part): returns the
 * answer the route gives, and calls `open` once the socket is open.
 */
export type AcceptSocket = (
  c: Context<AppEnv>,
  open: (socket: LiveSocket) => SocketHandlers,
) => Response;

interface Room {
  room: ChatRoom;
  members: MemberSet;
  /** Every member, live or still replaying, with when it was last heard from. */
  heard: Map<RoomSocket, number>;
}

export class LocalChatRealtime implements ChatRealtime {
  readonly #service: ChatService;
  readonly #accept: AcceptSocket;
  readonly #rooms = new Map<string, Room>();

  constructor(service: ChatService, accept: AcceptSocket) {
    this.#service = service;
    this.#accept = accept;
  }

  #room(tenantId: string, conversationId: string): Room {
    const key = roomKey(tenantId, conversationId);
    let room = this.#rooms.get(key);
    if (!room) {
      const members = new MemberSet();
      room = {
        room: new ChatRoom(tenantId, conversationId, this.#service, members),
        members,
        heard: new Map(),
      };
      this.#rooms.set(key, room);
    }
    return room;
  }

  #leave(tenantId: string, conversationId: string, socket: RoomSocket): void {
    const key = roomKey(tenantId, conversationId);
    const room = this.#rooms.get(key);
    if (!room) return;
    room.members.remove(socket);
    room.heard.delete(socket);
    this.#release(key, room);
  }

  /** Drops a room nobody is in once its queue is empty (a later message makes a new one). */
  #release(key: string, room: Room): void {
    if (room.heard.size > 0) return;
    if (room.room.idle) {
      if (this.#rooms.get(key) === room) this.#rooms.delete(key);
      return;
    }
    // Work still queued: look again once it has run.
    setTimeout(() => this.#release(key, room), 50);
  }

  /** How many rooms and members are in memory (for tests and the benchmark). */
  get stats(): { rooms: number; members: number } {
    let members = 0;
    for (const room of this.#rooms.values()) members += room.heard.size;
    return { rooms: this.#rooms.size, members };
  }

  async upgrade(c: Context<AppEnv>, session: ChatSession): Promise<Response> {
    return this.#accept(c, (live) => {
      const entry = this.#room(session.tenantId, session.conversationId);
      const socket: RoomSocket = {
        session,
        send: (text) => live.send(text),
        close: (code, reason) => live.close(code, reason),
      };
      entry.heard.set(socket, this.#service.now());
      return {
        message: (data) => {
          entry.heard.set(socket, this.#service.now());
          void entry.room.receive(socket, data);
        },
        closed: () => this.#leave(session.tenantId, session.conversationId, socket),
      };
    });
  }

  async events(_c: Context<AppEnv>, session: ChatSession, after: number): Promise<Response> {
    const entry = this.#room(session.tenantId, session.conversationId);
    return eventStream(entry.room, session, after, {
      // A stream is never silent for long (it writes a heartbeat): it is not swept.
      joined: (socket) => entry.heard.set(socket, Number.POSITIVE_INFINITY),
      left: (socket) => this.#leave(session.tenantId, session.conversationId, socket),
    });
  }

  post(
    tenantId: string,
    conversationId: string,
    input: PostInput,
  ): Promise<PostResult | undefined> {
    const entry = this.#room(tenantId, conversationId);
    const result = entry.room.post(input);
    void result.finally(() => this.#release(roomKey(tenantId, conversationId), entry));
    return result;
  }

  change(tenantId: string, conversationId: string, change: ChatChange): Promise<ChangeResult> {
    const entry = this.#room(tenantId, conversationId);
    const result = entry.room.apply(() =>
      runChange(this.#service, tenantId, conversationId, change),
    );
    void result.finally(() => this.#release(roomKey(tenantId, conversationId), entry));
    return result;
  }

  /** Closes sockets silent for three heartbeats (the client pings every one). */
  sweep(now = this.#service.now()): void {
    for (const { heard } of this.#rooms.values()) {
      for (const [socket, at] of heard) {
        if (now - at > 3 * HEARTBEAT_MS) socket.close(CLOSE_CODES.idle, 'no heartbeat');
      }
    }
  }
}
