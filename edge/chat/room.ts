/**
 * One conversation's live room, runtime-free: the protocol of `contracts/chat.ts` spoken to
 * each connected socket (or SSE stream), and the one order every message takes.
 *
 * Every write and every replay runs through the room's serial queue: a message is stored
 * (getting the next sequence number) and broadcast before the next one is stored, and a
 * socket's replay (`hello`) runs between two of them. So a socket sees every message exactly
 * once and in sequence order: the replay gives it everything up to the queue's position, and
 * it joins the live sockets (which get each new message) in the same step.
 *
 * On Node the room lives in the process (`local-realtime.ts`); on Workers in the
 * conversation's Durable Object, whose sockets survive hibernation (`members` is then read
 * from the runtime's own socket list).
 */
import {
  CLOSE_CODES,
  type ClientFrame,
  clientFrameSchema,
  MAX_FRAME_BYTES,
  MESSAGES_PER_MINUTE,
  REPLAY_LIMIT,
  type ServerFrame,
} from '../../contracts/chat.js';
import type { ChatService, ChatSession, PostInput, PostResult } from './service.js';

/** A connected client, as the room sees it: a socket or an SSE stream. */
export interface RoomSocket {
  readonly session: ChatSession;
  send(text: string): void;
  close(code: number, reason: string): void;
}

/** The room's connected clients; `live` ones have caught up and get every new frame. */
export interface RoomMembers {
  live(): Iterable<RoomSocket>;
  markLive(socket: RoomSocket): void;
}

/** A Set of members, for a room whose sockets live in this process. */
export class MemberSet implements RoomMembers {
  readonly #live = new Set<RoomSocket>();
  live(): Iterable<RoomSocket> {
    return this.#live;
  }
  markLive(socket: RoomSocket): void {
    this.#live.add(socket);
  }
  remove(socket: RoomSocket): void {
    this.#live.delete(socket);
  }
  get size(): number {
    return this.#live.size;
  }
}

const encoder = new TextEncoder();
const frame = (value: ServerFrame) => JSON.stringify(value);

/** A per-connection token bucket: MESSAGES_PER_MINUTE, refilled continuously. */
class Bucket {
  #tokens = MESSAGES_PER_MINUTE;
  #at: number;
  constructor(now: number) {
    this.#at = now;
  }
  take(now: number): number {
    this.#tokens = Math.min(
      MESSAGES_PER_MINUTE,
      this.#tokens + ((now - this.#at) / 60_000) * MESSAGES_PER_MINUTE,
    );
    this.#at = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.#tokens) / MESSAGES_PER_MINUTE) * 60);
  }
}

export class ChatRoom {
  readonly tenantId: string;
  readonly conversationId: string;
  readonly #service: ChatService;
  readonly #members: RoomMembers;
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;
  readonly #buckets = new WeakMap<RoomSocket, Bucket>();

  constructor(
    tenantId: string,
    conversationId: string,
    service: ChatService,
    members: RoomMembers,
  ) {
    this.tenantId = tenantId;
    this.conversationId = conversationId;
    this.#service = service;
    this.#members = members;
  }

  /** Whether nothing is queued (a room without members or work may be dropped). */
  get idle(): boolean {
    return this.#pending === 0;
  }

  /** Runs `task` after every task queued before it; a failure does not stop the queue. */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    this.#pending += 1;
    const run = this.#tail.then(task, task);
    this.#tail = run.then(
      () => {
        this.#pending -= 1;
      },
      () => {
        this.#pending -= 1;
      },
    );
    return run;
  }

  #broadcast(text: string, except?: RoomSocket, lapsed?: ReadonlySet<RoomSocket>): void {
    for (const socket of this.#members.live()) {
      if (socket === except || lapsed?.has(socket)) continue;
      try {
        socket.send(text);
      } catch {
        // A socket closing under us: its close handler removes it.
      }
    }
  }

  /**
   * Ends the live members whose token has expired or been revoked since they connected, and
   * returns them, so the frame about to go out does not reach them. Checked before every
   * stored frame is broadcast: a client that only listens sends nothing to be checked on.
   */
  async #dropLapsed(checked?: RoomSocket): Promise<Set<RoomSocket>> {
    const members = [...this.#members.live()].filter((socket) => socket !== checked);
    // Asked at once (on Workers each is a D1 read); the sender was checked just before.
    const holds = await Promise.all(members.map((s) => this.#service.sessionHolds(s.session)));
    const lapsed = new Set(members.filter((_, i) => !holds[i]));
    for (const socket of lapsed) {
      try {
        socket.close(CLOSE_CODES.unauthenticated, 'token expired or revoked');
      } catch {
        // Already closing (a runtime may still list it): it is skipped all the same.
      }
    }
    return lapsed;
  }

  /** One frame from a client. Never throws: a bad frame is answered, or ends the socket. */
  async receive(socket: RoomSocket, data: string | ArrayBuffer): Promise<void> {
    const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
    // A frame's size in bytes (the transport caps it too; this is the rule on every runtime).
    if (text.length > MAX_FRAME_BYTES || encoder.encode(text).length > MAX_FRAME_BYTES) {
      socket.send(
        frame({ type: 'error', code: 'bad-frame', detail: 'Frames are at most 16 KiB.' }),
      );
      socket.close(CLOSE_CODES.badFrame, 'frame too large');
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      socket.send(
        frame({ type: 'error', code: 'bad-frame', detail: 'A frame is one JSON object.' }),
      );
      socket.close(CLOSE_CODES.badFrame, 'not JSON');
      return;
    }
    const result = clientFrameSchema.safeParse(parsed);
    if (!result.success) {
      const clientId = (parsed as { clientId?: unknown } | null)?.clientId;
      if ((parsed as { type?: unknown } | null)?.type === 'send' && typeof clientId === 'string') {
        // A message the protocol cannot take (empty, too long, unsafe characters): that
        // message fails, the connection stays.
        socket.send(
          frame({
            type: 'error',
            code: 'invalid-message',
            detail: result.error.issues[0]?.message ?? 'invalid message',
            clientId: clientId.slice(0, 64),
          }),
        );
        return;
      }
      socket.send(
        frame({ type: 'error', code: 'bad-frame', detail: 'Not a frame of gw-chat.v1.' }),
      );
      socket.close(CLOSE_CODES.badFrame, 'unknown frame');
      return;
    }
    await this.#handle(socket, result.data);
  }

  async #handle(socket: RoomSocket, message: ClientFrame): Promise<void> {
    switch (message.type) {
      case 'ping':
        socket.send(frame({ type: 'pong' }));
        return;
      case 'hello':
        await this.hello(socket, message.after);
        return;
      case 'typing':
        this.#broadcast(frame({ type: 'typing', author: 'customer' }), socket);
        return;
      case 'send': {
        let bucket = this.#buckets.get(socket);
        if (!bucket) {
          bucket = new Bucket(this.#service.now());
          this.#buckets.set(socket, bucket);
        }
        const wait = bucket.take(this.#service.now());
        if (wait > 0) {
          socket.send(
            frame({
              type: 'error',
              code: 'rate-limited',
              detail: `At most ${MESSAGES_PER_MINUTE} messages a minute.`,
              clientId: message.clientId,
              retryAfterSeconds: wait,
            }),
          );
          return;
        }
        // An expired or revoked token ends the session before its message is stored.
        if (!(await this.#service.sessionHolds(socket.session))) {
          socket.close(CLOSE_CODES.unauthenticated, 'token expired or revoked');
          return;
        }
        const result = await this.post(
          { clientId: message.clientId, text: message.text, author: 'customer', authorName: null },
          socket,
        );
        if (!result) {
          socket.send(
            frame({
              type: 'error',
              code: 'conversation-closed',
              detail: 'This conversation has ended.',
              clientId: message.clientId,
            }),
          );
          socket.close(CLOSE_CODES.conversationClosed, 'conversation closed');
        }
        return;
      }
    }
  }

  /**
   * Replays every message after `after` to `socket`, then `ready`, and makes it live — in one
   * step of the queue, so no message is missed or doubled between the replay and the first
   * live one. A closed conversation is replayed, then the socket is told and closed.
   */
  hello(socket: RoomSocket, after: number): Promise<void> {
    return this.#serial(async () => {
      let seq = after;
      let replayed = 0;
      for (;;) {
        const page = await this.#service.replay(
          this.tenantId,
          this.conversationId,
          seq,
          REPLAY_LIMIT,
        );
        for (const message of page) socket.send(frame({ type: 'message', message }));
        replayed += page.length;
        seq = page.at(-1)?.seq ?? seq;
        if (page.length < REPLAY_LIMIT) break;
      }
      const conversation = await this.#service.conversation(this.tenantId, this.conversationId);
      if (!conversation) {
        socket.close(CLOSE_CODES.conversationClosed, 'no such conversation');
        return;
      }
      socket.send(frame({ type: 'ready', conversation, meta: { replayed } }));
      if (conversation.status === 'closed') {
        socket.close(CLOSE_CODES.conversationClosed, 'conversation closed');
        return;
      }
      this.#members.markLive(socket);
    });
  }

  /**
   * Stores a message and delivers it to every live socket, in the room's order. A retry (a
   * client id already stored) is delivered to its sender only. Undefined when the
   * conversation is closed or unknown.
   */
  post(input: PostInput, sender?: RoomSocket): Promise<PostResult | undefined> {
    return this.#serial(async () => {
      const result = await this.#service.post(this.tenantId, this.conversationId, input);
      if (!result) return undefined;
      const text = frame({ type: 'message', message: result.message });
      if (result.created) {
        this.#broadcast(text, undefined, await this.#dropLapsed(sender));
        // A sender that has not said hello yet is not live, but still gets its echo.
        if (sender && ![...this.#members.live()].includes(sender)) sender.send(text);
      } else sender?.send(text);
      return result;
    });
  }

  /**
   * Runs a change of the conversation (assign, escalate, close) in the room's order and
   * broadcasts the frames it returns; a `conversation` frame saying closed then ends every
   * live socket.
   */
  apply<T>(change: () => Promise<{ frames: ServerFrame[]; result: T }>): Promise<T> {
    return this.#serial(async () => {
      const { frames, result } = await change();
      const lapsed = frames.length > 0 ? await this.#dropLapsed() : new Set<RoomSocket>();
      for (const value of frames) this.#broadcast(frame(value), undefined, lapsed);
      if (frames.some((f) => f.type === 'conversation' && f.conversation.status === 'closed')) {
        for (const socket of [...this.#members.live()])
          if (!lapsed.has(socket))
            socket.close(CLOSE_CODES.conversationClosed, 'conversation closed');
      }
      return result;
    });
  }
}
