/**
 * The chat as the panel sees it: one `ChatView` state object (what to show) and the actions on
 * it. `ChatSession` drives a real `ChatConnection` and the chat's REST calls (support hours,
 * knowledge-base search, escalation); `staticSession` holds a fixed view, so every state renders
 * without a server (stories, tests).
 */
import type { ArticleHit, Conversation, SupportStatus, Ticket } from '../../contracts/chat.js';
import { isAnonymousSubject } from '../../contracts/chat-rules.js';
import { type ApiClient, ApiError } from '../core/api-client.js';
import {
  ChatConnection,
  type ConnectionOptions,
  type ConnectionState,
  DETAILS_REQUIRED,
  tokenClaims,
  type ViewMessage,
} from './connection.js';

export type Phase = 'loading' | 'prechat' | 'chat' | 'error' | 'offline';

export type Escalation =
  | { state: 'none' }
  | { state: 'escalating' }
  | { state: 'escalated'; ticket: Ticket | undefined }
  | { state: 'failed' };

export interface ChatView {
  phase: Phase;
  connection: ConnectionState;
  messages: ViewMessage[];
  typing: boolean;
  unread: number;
  support: SupportStatus | undefined;
  conversation: Conversation | undefined;
  hits: ArticleHit[];
  escalation: Escalation;
  /** The problem type after a failed start (`phase: 'error'`). */
  error?: string;
}

export interface ChatActions {
  /** Opens the chat: resumes or starts the conversation (or asks for the pre-chat details). */
  begin(): void;
  startWith(details: { name: string; email: string }): Promise<void>;
  send(text: string): string;
  retry(clientId: string): void;
  typed(text: string): void;
  escalate(): Promise<void>;
  /** Tries again after a failed start. */
  reload(): void;
  set panelOpen(open: boolean);
}

export interface ChatSessionLike extends ChatActions {
  readonly view: ChatView;
  /** Called whenever `view` changed. */
  subscribe(listener: () => void): () => void;
}

export const EMPTY_VIEW: ChatView = {
  phase: 'loading',
  connection: 'connecting',
  messages: [],
  typing: false,
  unread: 0,
  support: undefined,
  conversation: undefined,
  hits: [],
  escalation: { state: 'none' },
};

/** A session frozen in one state, whose actions do nothing (stories render every state so). */
export function staticSession(view: Partial<ChatView>): ChatSessionLike {
  return {
    view: { ...EMPTY_VIEW, ...view },
    subscribe: () => () => {},
    begin() {},
    startWith: async () => {},
    send: () => '',
    retry() {},
    typed() {},
    escalate: async () => {},
    reload() {},
    set panelOpen(_open: boolean) {},
  };
}

const SEARCH_DEBOUNCE_MS = 300;
const SEARCH_MIN_CHARS = 3;

export interface SessionOptions
  extends Pick<ConnectionOptions, 'WebSocket' | 'fetch' | 'timers' | 'random' | 'heartbeatMs'> {
  client: ApiClient;
  storage?: Storage | undefined;
  onSent?: ConnectionOptions['onSent'];
  onReceived?: ConnectionOptions['onReceived'];
}

export class ChatSession implements ChatSessionLike {
  readonly #o: SessionOptions;
  readonly #connection: ChatConnection;
  readonly #listeners = new Set<() => void>();
  #phase: Phase = 'loading';
  #error: string | undefined;
  #support: SupportStatus | undefined;
  #hits: ArticleHit[] = [];
  #escalation: Escalation = { state: 'none' };
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #search: AbortController | undefined;
  #began = false;

  constructor(options: SessionOptions) {
    this.#o = options;
    this.#connection = new ChatConnection({
      ...options,
      storage: options.storage,
      onChange: () => this.#changed(),
    });
  }

  get view(): ChatView {
    const c = this.#connection;
    const conversation = c.conversation;
    const escalation: Escalation =
      this.#escalation.state === 'none' && conversation?.escalated
        ? { state: 'escalated', ticket: undefined }
        : this.#escalation;
    return {
      phase: this.#phase,
      connection: c.state,
      messages: c.messages,
      typing: c.typing,
      unread: c.unread,
      support: this.#support,
      conversation,
      hits: this.#hits,
      escalation,
      ...(this.#error ? { error: this.#error } : {}),
    };
  }

  /** The connection, for the launcher's unread badge and for tests. */
  get connection(): ChatConnection {
    return this.#connection;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  set panelOpen(open: boolean) {
    this.#connection.panelOpen = open;
  }

  /** Resumes a stored conversation in the background (the badge counts after a reload). */
  async resume(): Promise<boolean> {
    if (!(await this.#connection.resumable().catch(() => false))) return false;
    this.begin();
    return true;
  }

  begin(): void {
    if (this.#began) return;
    this.#began = true;
    void this.#loadSupport();
    void this.#begin();
  }

  async #begin(): Promise<void> {
    this.#phase = 'loading';
    this.#error = undefined;
    this.#changed();
    try {
      if (!(await this.#connection.resumable())) {
        // A token naming no customer (an `anon_…` subject): ask who they are first (the edge
        // would answer 422 customer-details-required).
        const token = await this.#o.client.writeCredential();
        if (isAnonymousSubject(tokenClaims(token ?? '').sub)) {
          this.#phase = 'prechat';
          this.#changed();
          return;
        }
      }
      await this.#connection.start();
      this.#phase = 'chat';
    } catch (error) {
      this.#failed(error);
    }
    this.#changed();
  }

  async startWith(details: { name: string; email: string }): Promise<void> {
    this.#phase = 'loading';
    this.#changed();
    try {
      await this.#connection.start(details);
      this.#phase = 'chat';
    } catch (error) {
      this.#failed(error);
    }
    this.#changed();
  }

  /** Tries again after a failed start. */
  reload(): void {
    this.#began = false;
    this.begin();
  }

  #failed(error: unknown): void {
    const type = error instanceof ApiError ? error.type : 'unknown';
    if (type === DETAILS_REQUIRED) {
      this.#phase = 'prechat';
      return;
    }
    this.#phase = error instanceof ApiError && error.offline ? 'offline' : 'error';
    this.#error = type;
  }

  send(text: string): string {
    this.#hits = [];
    return this.#connection.send(text);
  }

  retry(clientId: string): void {
    this.#connection.retry(clientId);
  }

  /** The composer changed: typing frames, and knowledge-base suggestions (debounced). */
  typed(text: string): void {
    this.#connection.typed();
    clearTimeout(this.#searchTimer);
    const query = text.trim();
    if (query.length < SEARCH_MIN_CHARS) {
      if (this.#hits.length) {
        this.#hits = [];
        this.#changed();
      }
      return;
    }
    this.#searchTimer = setTimeout(() => void this.#searchFor(query), SEARCH_DEBOUNCE_MS);
  }

  async #searchFor(query: string): Promise<void> {
    this.#search?.abort();
    const controller = new AbortController();
    this.#search = controller;
    try {
      const { hits } = await this.#o.client.request<{ hits: ArticleHit[] }>(
        `/v1/chat/articles/search?q=${encodeURIComponent(query)}`,
        { signal: controller.signal, credential: 'token', headers: this.#connection.headers },
      );
      if (this.#search !== controller) return;
      this.#hits = hits.slice(0, 5);
      this.#changed();
    } catch {
      // Suggestions are a help, not the chat: a failed search shows none.
    }
  }

  async escalate(): Promise<void> {
    const id = this.#connection.conversationId;
    if (!id) return;
    this.#escalation = { state: 'escalating' };
    this.#changed();
    try {
      const { ticket } = await this.#o.client.request<{ ticket: Ticket }>(
        `/v1/chat/conversations/${id}/escalate`,
        { method: 'POST', body: {}, credential: 'token', headers: this.#connection.headers },
      );
      this.#escalation = { state: 'escalated', ticket };
    } catch {
      this.#escalation = { state: 'failed' };
    }
    this.#changed();
  }

  async #loadSupport(): Promise<void> {
    try {
      this.#support = await this.#o.client.request<SupportStatus>('/v1/chat/support', {
        credential: 'token',
      });
      this.#changed();
    } catch {
      // Without the hours the chat still works; the promise line is left out.
    }
  }

  stop(): void {
    clearTimeout(this.#searchTimer);
    this.#search?.abort();
    this.#connection.stop();
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}
