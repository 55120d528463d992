/**
 * The support chat's connection to the edge, as a plain class (no Lit, no DOM beyond the
 * window's online/offline events): starts or resumes a conversation, holds its messages in
 * server order, keeps an outbox that survives a reload, and talks the chat protocol
 * (contracts/chat.ts) over a WebSocket — or, where sockets are blocked, over Server-Sent Events
 * read with `fetch` (EventSource cannot send `Authorization`) plus a POST per message.
 *
 * Loss and duplicates: every message has the sender's client id and the server's gap-free
 * sequence number. The connection says `hello` with the last sequence number it holds; the
 * server replays everything after it, then `ready`. A message is shown once (de-duplicated by
 * client id and by seq), in seq order; a gap asks for the replay again. Messages in flight when
 * the socket dropped go again after `ready` with the same client id (the server de-duplicates),
 * in order, then the queued ones.
 */
import type { Author, ChatMessage, Conversation, ServerFrame } from '../../contracts/chat.js';
import {
  CHAT_SUBPROTOCOL,
  CLOSE_CODES,
  HEARTBEAT_MS,
  TOKEN_SUBPROTOCOL_PREFIX,
  VISITOR_KEY_HEADER,
  VISITOR_SUBPROTOCOL_PREFIX,
} from '../../contracts/chat-rules.js';
import { type ApiClient, ApiError } from '../core/api-client.js';
import { readEventStream } from './event-stream.js';
import { type HeldMessage, type Outgoing, readStored, type Stored, writeStored } from './store.js';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';
/** An own message's delivery: `queued` waits for a connection, `sending` waits for its seq. */
export type Delivery = 'queued' | 'sending' | 'sent' | 'failed';

/** A message as the view shows it: the server's, or an own one still on its way. */
export interface ViewMessage {
  clientId: string;
  seq: number | undefined;
  author: Author;
  authorName: string | null;
  text: string;
  at: number;
  /** Own messages only. */
  delivery?: Delivery;
}

/** The timers the connection runs on (tests pass their own). */
export interface Timers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (id: unknown) => void;
  now: () => number;
}

export interface ConnectionOptions {
  /** The edge client: its base URL and the widget token (the host's `fetchToken`). */
  client: ApiClient;
  /** Where the conversation is kept across reloads (sessionStorage). */
  storage?: Storage | undefined;
  WebSocket?: typeof WebSocket | undefined;
  /** For the SSE fallback's stream (the JSON requests go through `client`). */
  fetch?: typeof fetch;
  timers?: Timers;
  /** 0 ≤ random() < 1, for the backoff's jitter (tests pass 0: reconnect at once). */
  random?: () => number;
  heartbeatMs?: number;
  backoff?: { baseMs: number; capMs: number };
  /** Anything the view shows changed. */
  onChange?: () => void;
  /** The edge confirmed an own message (its seq). */
  onSent?: (message: ChatMessage) => void;
  /** A new message from support (not the replayed history of the first connection). */
  onReceived?: (message: ChatMessage) => void;
}

/** POST /v1/chat/conversations refused for want of a name and email. */
export const DETAILS_REQUIRED = 'customer-details-required';
const TYPING_SHOWN_MS = 4000;
const TYPING_SENT_EVERY_MS = 3000;
/** Sockets that fail before opening, in a row, before the SSE fallback takes over. */
const SOCKET_FAILURES_BEFORE_FALLBACK = 3;

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id as number),
  now: () => Date.now(),
};

/** A random 22-character base64url id (128 bits from crypto). */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The widget token's claims, read (never verified: that is the edge's job). */
export function tokenClaims(token: string): { sub?: string; tid?: string } {
  try {
    const part = token.split('.')[1] ?? '';
    const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const text = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const claims: unknown = JSON.parse(text);
    return claims && typeof claims === 'object' ? claims : {};
  } catch {
    return {};
  }
}

/** The sessionStorage key of a conversation: per edge and tenant (the token's `tid`). */
export const storageKeyOf = (api: string, tenant: string) => `gw-chat:${api}:${tenant}`;

export class ChatConnection {
  readonly #o: ConnectionOptions;
  readonly #timers: Timers;
  readonly #random: () => number;
  readonly #heartbeatMs: number;
  #state: ConnectionState = 'connecting';
  #stored: Stored | undefined;
  #key = '';
  #held: HeldMessage[] = [];
  #outbox: Outgoing[] = [];
  #conversation: Conversation | undefined;
  #typingUntil = 0;
  #typingTimer: unknown;
  #lastTypingSent = -Infinity;
  #socket: WebSocket | undefined;
  #stream: AbortController | undefined;
  #fallback = false;
  #failuresBeforeOpen = 0;
  #attempt = 0;
  #reconnectTimer: unknown;
  #heartbeatTimer: unknown;
  #lastFrameAt = 0;
  /** Until the first `ready`, incoming messages are history: neither announced nor unread. */
  #live = false;
  #awaitingReplay = false;
  #panelOpen = false;
  #stopped = false;

  constructor(options: ConnectionOptions) {
    this.#o = options;
    this.#timers = options.timers ?? defaultTimers;
    this.#random = options.random ?? Math.random;
    this.#heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  }

  get state(): ConnectionState {
    return this.#state;
  }
  get conversation(): Conversation | undefined {
    return this.#conversation;
  }
  /** Whether the transport is the SSE + POST fallback. */
  get usingFallback(): boolean {
    return this.#fallback;
  }
  get typing(): boolean {
    return this.#typingUntil > this.#timers.now();
  }
  /** Incoming agent and system messages received while the panel was closed. */
  get unread(): number {
    return this.#stored?.unread ?? 0;
  }
  /** The last sequence number held (every message up to it is here). */
  get lastSeq(): number {
    return this.#held.at(-1)?.seq ?? 0;
  }

  /** Every message, in order: the server's by seq, then own ones on their way. */
  get messages(): ViewMessage[] {
    const held: ViewMessage[] = this.#held.map((m) => ({
      ...m,
      ...(m.author === 'customer' ? { delivery: 'sent' as const } : {}),
    }));
    const now = this.#timers.now();
    return held.concat(
      this.#outbox.map((m) => ({
        clientId: m.clientId,
        seq: undefined,
        author: 'customer' as const,
        authorName: null,
        text: m.text,
        at: m.at || now,
        delivery: m.delivery,
      })),
    );
  }

  /** The panel is open: incoming messages are read; opening resets the count. */
  set panelOpen(open: boolean) {
    this.#panelOpen = open;
    if (open && this.#stored && this.#stored.unread > 0) {
      this.#stored.unread = 0;
      this.#persist();
      this.#changed();
    }
  }

  /** Whether a conversation is kept for this edge and tenant (resumes without a POST). */
  async resumable(): Promise<boolean> {
    return Boolean(await this.#load());
  }

  /**
   * Starts (or resumes) the conversation and connects. `details` for a token without a
   * customer; rejects with an ApiError (`customer-details-required` when they are missing).
   */
  async start(details?: { name: string; email: string }): Promise<void> {
    this.#stopped = false;
    const stored = await this.#load();
    if (!stored) {
      const started = await this.#o.client.request<{
        conversation: Conversation;
        visitorKey?: string;
      }>('/v1/chat/conversations', { method: 'POST', body: details ?? {}, credential: 'token' });
      this.#conversation = started.conversation;
      this.#stored = {
        conversationId: started.conversation.id,
        ...(started.visitorKey ? { visitorKey: started.visitorKey } : {}),
        messages: [],
        outbox: [],
        unread: 0,
      };
      this.#held = [];
      this.#persist();
    }
    globalThis.addEventListener?.('online', this.#onOnline);
    globalThis.addEventListener?.('offline', this.#onOffline);
    if (globalThis.navigator?.onLine === false) this.#setState('offline');
    else this.#connect();
  }

  /** Stops everything (the widget left the page); the conversation stays stored. */
  stop(): void {
    this.#stopped = true;
    globalThis.removeEventListener?.('online', this.#onOnline);
    globalThis.removeEventListener?.('offline', this.#onOffline);
    this.#teardown();
    this.#timers.clearTimeout(this.#reconnectTimer);
    this.#timers.clearTimeout(this.#typingTimer);
  }

  /** Headers every request about this conversation carries (the visitor key, if any). */
  get headers(): Record<string, string> {
    const key = this.#stored?.visitorKey;
    return key ? { [VISITOR_KEY_HEADER]: key } : {};
  }
  get conversationId(): string | undefined {
    return this.#stored?.conversationId;
  }

  /** Sends a message (queued while disconnected); returns its client id. */
  send(text: string): string {
    const clientId = newClientId();
    const connected = this.#state === 'connected';
    this.#outbox.push({
      clientId,
      text,
      at: this.#timers.now(),
      delivery: connected ? 'sending' : 'queued',
    });
    this.#persist();
    if (connected) this.#transmit(clientId);
    this.#changed();
    return clientId;
  }

  /** Sends a failed message again, with the same client id. */
  retry(clientId: string): void {
    const message = this.#outbox.find((m) => m.clientId === clientId);
    if (message?.delivery !== 'failed') return;
    message.delivery = this.#state === 'connected' ? 'sending' : 'queued';
    this.#persist();
    if (message.delivery === 'sending') this.#transmit(clientId);
    this.#changed();
  }

  /** The customer is typing: tells support, at most every 3 s (the socket only). */
  typed(): void {
    const now = this.#timers.now();
    if (this.#state !== 'connected' || !this.#socket) return;
    if (now - this.#lastTypingSent < TYPING_SENT_EVERY_MS) return;
    this.#lastTypingSent = now;
    this.#frame({ type: 'typing' });
  }

  async #load(): Promise<Stored | undefined> {
    if (this.#stored) return this.#stored;
    const token = await this.#o.client.writeCredential();
    const tenant = tokenClaims(token ?? '').tid ?? '';
    this.#key = storageKeyOf(this.#o.client.baseUrl, tenant);
    const stored = readStored(this.#o.storage, this.#key);
    if (stored) {
      this.#stored = stored;
      // Resumed: the history is what was stored; whatever the replay brings is new to us.
      this.#live = true;
      this.#held = stored.messages;
      // What was in flight at the reload is sent again (same client id) after `ready`.
      this.#outbox = stored.outbox.map((m) => ({
        ...m,
        delivery: m.delivery === 'failed' ? 'failed' : 'queued',
      }));
    }
    return stored;
  }

  #persist(): void {
    if (!this.#stored) return;
    this.#stored.messages = this.#held;
    this.#stored.outbox = this.#outbox;
    writeStored(this.#o.storage, this.#key, this.#stored);
  }

  #changed(): void {
    this.#o.onChange?.();
  }

  #setState(state: ConnectionState): void {
    if (this.#state === state) return;
    this.#state = state;
    if (state !== 'connected') {
      // In flight when the connection went: they go again after the next `ready`.
      for (const m of this.#outbox) if (m.delivery === 'sending') m.delivery = 'queued';
    }
    this.#changed();
  }

  async #connect(): Promise<void> {
    if (this.#stopped || this.#state === 'closed') return;
    this.#teardown();
    const id = this.#stored?.conversationId;
    if (!id) return;
    let token: string;
    try {
      token = (await this.#o.client.writeCredential()) ?? '';
    } catch {
      this.#scheduleReconnect();
      return;
    }
    if (this.#stopped) return;
    if (this.#fallback || !this.#o.WebSocket) {
      this.#fallback = true;
      void this.#openStream(id, token);
      return;
    }
    const url = `${this.#o.client.baseUrl.replace(/^http/, 'ws')}/v1/chat/conversations/${id}/socket`;
    const protocols = [CHAT_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + token];
    if (this.#stored?.visitorKey)
      protocols.push(VISITOR_SUBPROTOCOL_PREFIX + this.#stored.visitorKey);
    let socket: WebSocket;
    try {
      socket = new this.#o.WebSocket(url, protocols);
    } catch {
      // Blocked (a CSP without ws:, a proxy): the SSE fallback from now on.
      this.#fallback = true;
      void this.#openStream(id, token);
      return;
    }
    this.#socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.#failuresBeforeOpen = 0;
      this.#lastFrameAt = this.#timers.now();
      this.#frame({ type: 'hello', after: this.lastSeq });
      this.#heartbeat();
    };
    socket.onmessage = (event) => {
      if (socket !== this.#socket) return;
      this.#lastFrameAt = this.#timers.now();
      try {
        this.#onFrame(JSON.parse(String(event.data)) as ServerFrame);
      } catch {
        // Not a frame of the protocol: ignored (the server never sends one).
      }
    };
    socket.onclose = (event) => {
      if (socket !== this.#socket) return;
      this.#socket = undefined;
      this.#timers.clearTimeout(this.#heartbeatTimer);
      if (!opened && ++this.#failuresBeforeOpen >= SOCKET_FAILURES_BEFORE_FALLBACK) {
        this.#fallback = true;
      }
      this.#onClosed(event.code);
    };
    socket.onerror = () => {
      // A close event follows; it decides what happens next.
    };
  }

  #onClosed(code: number): void {
    if (this.#stopped || this.#state === 'closed') return;
    if (code === CLOSE_CODES.conversationClosed) {
      this.#setState('closed');
      return;
    }
    if (code === CLOSE_CODES.unauthenticated) {
      // The token expired or was revoked: a fresh one from the host, then at once again.
      this.#o.client.dropToken();
      this.#setState('reconnecting');
      void this.#connect();
      return;
    }
    // Told to slow down: start the backoff further along.
    if (code === CLOSE_CODES.rateLimited) this.#attempt = Math.max(this.#attempt, 5);
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#stopped || this.#state === 'closed') return;
    this.#timers.clearTimeout(this.#reconnectTimer);
    if (globalThis.navigator?.onLine === false) {
      this.#setState('offline');
      return;
    }
    this.#setState('reconnecting');
    const { baseMs, capMs } = this.#o.backoff ?? { baseMs: 500, capMs: 30_000 };
    // Full jitter: anywhere between 0 and the exponential ceiling, so clients do not stampede.
    const delay = this.#random() * Math.min(capMs, baseMs * 2 ** this.#attempt);
    this.#attempt++;
    this.#reconnectTimer = this.#timers.setTimeout(() => void this.#connect(), delay);
  }

  #heartbeat(): void {
    this.#timers.clearTimeout(this.#heartbeatTimer);
    this.#heartbeatTimer = this.#timers.setTimeout(() => {
      const socket = this.#socket;
      if (!socket) return;
      if (this.#timers.now() - this.#lastFrameAt >= 2 * this.#heartbeatMs) {
        // Silent for two heartbeats: a dead socket the browser has not noticed.
        this.#socket = undefined;
        socket.close();
        this.#scheduleReconnect();
        return;
      }
      this.#frame({ type: 'ping' });
      this.#heartbeat();
    }, this.#heartbeatMs);
  }

  #teardown(): void {
    this.#timers.clearTimeout(this.#heartbeatTimer);
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket && socket.readyState <= 1) socket.close();
    this.#stream?.abort();
    this.#stream = undefined;
  }

  #frame(frame: object): void {
    if (this.#socket?.readyState === 1) this.#socket.send(JSON.stringify(frame));
  }

  #onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'message':
        this.#onMessage(frame.message);
        break;
      case 'ready':
        this.#onReady(frame.conversation);
        break;
      case 'typing':
        if (frame.author !== 'customer') this.#showTyping();
        break;
      case 'conversation':
        this.#conversation = frame.conversation;
        if (frame.conversation.status === 'closed') {
          this.#setState('closed');
          this.#teardown();
        }
        this.#changed();
        break;
      case 'error':
        this.#onError(frame);
        break;
      default:
        break;
    }
  }

  #onReady(conversation: Conversation): void {
    this.#conversation = conversation;
    this.#awaitingReplay = false;
    this.#attempt = 0;
    this.#live = true;
    if (conversation.status === 'closed') {
      this.#setState('closed');
      this.#teardown();
      return;
    }
    this.#setState('connected');
    // In flight first, then the queued ones: both in the order they were written.
    // A copy: a confirmation may come back at once and take its message out of the outbox.
    for (const m of [...this.#outbox]) {
      if (m.delivery === 'queued') {
        m.delivery = 'sending';
        this.#transmit(m.clientId);
      }
    }
    this.#persist();
    this.#changed();
  }

  #onError(frame: Extract<ServerFrame, { type: 'error' }>): void {
    if (frame.code === 'conversation-closed') {
      this.#setState('closed');
      this.#teardown();
      return;
    }
    if (frame.code === 'unavailable') {
      this.#teardown();
      this.#scheduleReconnect();
      return;
    }
    const message = frame.clientId
      ? this.#outbox.find((m) => m.clientId === frame.clientId)
      : undefined;
    if (message) {
      message.delivery = 'failed';
      this.#persist();
      this.#changed();
    }
  }

  #onMessage(message: ChatMessage): void {
    const last = this.lastSeq;
    if (message.seq <= last) return; // Already held: replayed twice, or sent back to us.
    if (message.seq > last + 1) {
      // A gap: something was missed. Ask for the replay from what we hold (once).
      if (!this.#awaitingReplay) {
        this.#awaitingReplay = true;
        this.#frame({ type: 'hello', after: last });
      }
      return;
    }
    this.#held = [...this.#held, message];
    const own = this.#outbox.findIndex((m) => m.clientId === message.clientId);
    if (own >= 0) this.#outbox.splice(own, 1);
    if (message.author !== 'customer') {
      this.#typingUntil = 0;
      if (this.#live && this.#stored && !this.#panelOpen) this.#stored.unread++;
      if (this.#live) this.#o.onReceived?.(message);
    } else if (own >= 0) {
      this.#o.onSent?.(message);
    }
    this.#persist();
    this.#changed();
  }

  #showTyping(): void {
    this.#typingUntil = this.#timers.now() + TYPING_SHOWN_MS;
    this.#timers.clearTimeout(this.#typingTimer);
    this.#typingTimer = this.#timers.setTimeout(() => this.#changed(), TYPING_SHOWN_MS);
    this.#changed();
  }

  #transmit(clientId: string): void {
    const message = this.#outbox.find((m) => m.clientId === clientId);
    if (!message) return;
    if (!this.#fallback) {
      this.#frame({ type: 'send', clientId, text: message.text });
      return;
    }
    const id = this.#stored?.conversationId;
    void this.#o.client
      .request<{ message: ChatMessage }>(`/v1/chat/conversations/${id}/messages`, {
        method: 'POST',
        body: { clientId, text: message.text },
        headers: this.headers,
        credential: 'token',
      })
      .then(({ message: stored }) => this.#onMessage(stored))
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 422) {
          message.delivery = 'failed';
        } else if (message.delivery === 'sending') {
          // Not delivered for want of a network: it goes again once the stream is back.
          message.delivery = 'queued';
          this.#teardown();
          this.#scheduleReconnect();
        }
        this.#persist();
        this.#changed();
      });
  }

  async #openStream(id: string, token: string): Promise<void> {
    const controller = new AbortController();
    this.#stream = controller;
    const fetchImpl = this.#o.fetch ?? globalThis.fetch.bind(globalThis);
    const after = this.lastSeq;
    try {
      const response = await fetchImpl(
        `${this.#o.client.baseUrl}/v1/chat/conversations/${id}/events?after=${after}`,
        {
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'text/event-stream',
            ...this.headers,
          },
          signal: controller.signal,
          credentials: 'omit',
        },
      );
      if (response.status === 401) this.#o.client.dropToken();
      if (response.status === 410) {
        this.#setState('closed');
        return;
      }
      if (!response.ok || !response.body) throw new Error(`stream ${response.status}`);
      await readEventStream(response.body, (data) => {
        try {
          this.#onFrame(JSON.parse(data) as ServerFrame);
        } catch {
          // Not a frame: ignored.
        }
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError' || this.#stream !== controller) return;
    }
    if (this.#stream !== controller) return;
    this.#stream = undefined;
    this.#scheduleReconnect();
  }

  readonly #onOnline = (): void => {
    if (this.#state === 'closed' || this.#state === 'connected') return;
    this.#attempt = 0;
    this.#timers.clearTimeout(this.#reconnectTimer);
    this.#setState('reconnecting');
    void this.#connect();
  };

  readonly #onOffline = (): void => {
    if (this.#state === 'closed') return;
    this.#teardown();
    this.#timers.clearTimeout(this.#reconnectTimer);
    this.#setState('offline');
  };
}
