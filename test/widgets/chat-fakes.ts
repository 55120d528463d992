/**
 * Fakes for the support chat's tests: a WebSocket constructor whose sockets a test opens,
 * feeds frames to and closes, and a tiny chat "server" over it that stores messages, assigns
 * seqs and replays after `hello` like the edge does.
 */
import type { ChatMessage, Conversation } from '../../contracts/chat.js';

export class FakeSocket {
  static instances: FakeSocket[] = [];
  /** When set, the constructor throws (WebSockets blocked). */
  static blocked = false;
  readonly url: string;
  readonly protocols: string[];
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: ((e: Event) => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onclose: ((e: CloseEvent) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  /** Called with each frame the client sends. */
  onsend: ((frame: Record<string, unknown>) => void) | null = null;

  constructor(url: string, protocols: string[]) {
    if (FakeSocket.blocked) throw new DOMException('blocked', 'SecurityError');
    this.url = url;
    this.protocols = protocols;
    FakeSocket.instances.push(this);
  }

  static reset(): void {
    FakeSocket.instances = [];
    FakeSocket.blocked = false;
  }

  static get last(): FakeSocket {
    const socket = FakeSocket.instances.at(-1);
    if (!socket) throw new Error('no socket yet');
    return socket;
  }

  send(data: string): void {
    const frame = JSON.parse(data) as Record<string, unknown>;
    this.sent.push(frame);
    this.onsend?.(frame);
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  receive(frame: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(frame) }));
  }

  /** The server (or the network) closed it. */
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code }));
  }

  close(): void {
    this.readyState = 3;
  }

  framesOf(type: string): Record<string, unknown>[] {
    return this.sent.filter((f) => f.type === type);
  }
}

export const conversation = (over: Partial<Conversation> = {}): Conversation => ({
  id: 'cv_AAAAAAAAAAAAAAAAAAAAAA',
  status: 'open',
  lastSeq: 0,
  assignee: null,
  escalated: false,
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  ...over,
});

let agentIds = 0;
export const agentMessage = (seq: number, text: string, at = 1_700_000_000_000): ChatMessage => ({
  seq,
  clientId: `agent-${++agentIds}-xxxxxxxx`,
  author: 'agent',
  authorName: 'Priya',
  text,
  at,
});

/**
 * A chat server behind FakeSocket: every socket that opens is answered like the edge — `hello`
 * replays what is after it, then `ready`; `send` stores (once per client id) and echoes.
 */
export class FakeChatServer {
  messages: ChatMessage[] = [];
  /** False: sockets stay unopened (a network that is down). */
  accepting = true;
  /** False: `send` frames are swallowed (a socket that died without telling). */
  echo = true;

  attach(socket: FakeSocket): void {
    socket.onsend = (frame) => {
      if (frame.type === 'hello') {
        for (const m of this.messages)
          if (m.seq > Number(frame.after)) socket.receive({ type: 'message', message: m });
        socket.receive({
          type: 'ready',
          conversation: conversation({ lastSeq: this.messages.length }),
        });
      } else if (frame.type === 'send' && this.echo) {
        const existing = this.messages.find((m) => m.clientId === frame.clientId);
        const message =
          existing ?? this.#store(String(frame.clientId), 'customer', String(frame.text));
        socket.receive({ type: 'message', message });
      } else if (frame.type === 'ping') {
        socket.receive({ type: 'pong' });
      }
    };
    if (this.accepting) queueMicrotask(() => socket.open());
  }

  /** An agent writes: stored, and sent to the socket if one is open. */
  agentSays(text: string, socket?: FakeSocket): ChatMessage {
    const message = this.#store(`agent-${this.messages.length + 1}-xxxxxxxx`, 'agent', text);
    socket?.receive({ type: 'message', message });
    return message;
  }

  #store(clientId: string, author: ChatMessage['author'], text: string): ChatMessage {
    const message: ChatMessage = {
      seq: this.messages.length + 1,
      clientId,
      author,
      authorName: author === 'agent' ? 'Priya' : null,
      text,
      at: 1_700_000_000_000 + this.messages.length * 60_000,
    };
    this.messages.push(message);
    return message;
  }
}

/** A WebSocket constructor whose every socket is served by `server`. */
export function socketsServedBy(server: FakeChatServer): typeof WebSocket {
  return class extends FakeSocket {
    constructor(url: string, protocols: string[]) {
      super(url, protocols);
      server.attach(this);
    }
  } as unknown as typeof WebSocket;
}

/** A JWT-shaped token with these claims (never verified by the widget). */
export function tokenWith(claims: Record<string, unknown>): string {
  const part = btoa(JSON.stringify({ exp: 4_102_444_800, ...claims })).replace(/=+$/, '');
  return `eyJhbGciOiJFZERTQSJ9.${part.replace(/\+/g, '-').replace(/\//g, '_')}.c2ln`;
}
