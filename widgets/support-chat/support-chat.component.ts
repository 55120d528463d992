import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { emit, type GwLoadDetail } from '../core/events.js';
import { GwElement } from '../core/gw-element.js';
import { hostReset } from '../core/styles.js';
import type { ConnectionOptions } from './connection.js';
import {
  GwChatCloseEvent,
  GwChatOpenEvent,
  GwMessageReceivedEvent,
  GwMessageSentEvent,
} from './events.js';
import { launcherLabel, unreadText } from './launcher-strings.js';
import type { ChatSessionLike } from './session.js';
import { styles } from './support-chat.styles.js';

type PanelModule = typeof import('./panel.js');
type Panel = InstanceType<PanelModule['GwSupportChatPanel']>;

/**
 * @tagname gw-support-chat
 * @summary Live chat with the bank's support: a launcher button with an unread badge, and a
 * panel — opened in the top layer, above anything on the page — with the conversation, a
 * composer, knowledge-base suggestions and "Talk to a person".
 *
 * The launcher is all that loads with the page; the panel, the connection and the strings come
 * with a dynamic `import()` on first use (or in idle time when this tab has a conversation
 * under way, so the badge counts after a reload). Messages travel over a WebSocket (an SSE
 * stream plus POSTs where sockets are blocked), keep their order, are never shown twice, and
 * wait in an outbox while the connection is down. The chat writes, so it needs widget tokens
 * scoped `chat:write` (`<gw-provider>`'s `fetchToken`, or the embed's `data-token-url`): the
 * token's `sub` is the customer; an anonymous one (`anon_…`) is asked for a name and an email first.
 *
 * @event {GwChatOpenEvent} gw-chat-open - The panel opened. `detail`: null.
 * @event {GwChatCloseEvent} gw-chat-close - The panel closed. `detail`: null.
 * @event {GwMessageSentEvent} gw-message-sent - The edge stored a message the customer wrote.
 *   `detail`: `{ clientId, seq }`.
 * @event {GwMessageReceivedEvent} gw-message-received - A new message from support arrived.
 *   `detail`: `{ message }`.
 * @event gw-load - The chat started (`detail.ok`) or failed to (`detail.error`: the problem type).
 *
 * @csspart launcher - The round button that opens and closes the panel.
 * @csspart badge - The unread count on the launcher.
 * @csspart panel - The chat panel (a popover in the top layer, role dialog).
 * @csspart header - The panel's top: heading, response time and close button.
 * @csspart heading - The panel's title.
 * @csspart response-time - "We usually answer within 1 hour".
 * @csspart connection - The connection state, in words (connected, reconnecting, offline…).
 * @csspart close-button - Closes the panel.
 * @csspart outside-hours - The notice shown outside support hours, with the hours.
 * @csspart hours - The list of support hours in it.
 * @csspart escalated - "Escalated — a person will answer by …".
 * @csspart escalate-error - Shown when escalating failed.
 * @csspart log - The message list (role log).
 * @csspart day-separator - The date between two days' messages.
 * @csspart message - One message (with one of the three below).
 * @csspart message-customer - A message the customer wrote (also `message`).
 * @csspart message-agent - A message from a support agent (also `message`).
 * @csspart message-system - A notice from the system, e.g. an agent joined (also `message`).
 * @csspart message-author - A message's author.
 * @csspart message-text - A message's text.
 * @csspart message-time - A message's time.
 * @csspart delivery - An own message's delivery state (with one of the four below).
 * @csspart delivery-queued - "Waiting to send": written while disconnected (also `delivery`).
 * @csspart delivery-sending - "Sending…": on its way, not yet confirmed (also `delivery`).
 * @csspart delivery-sent - "Sent": stored by the edge (also `delivery`).
 * @csspart delivery-failed - "Not sent": refused; Retry is beside it (also `delivery`).
 * @csspart retry-send-button - Sends a failed message again.
 * @csspart typing - "Support is typing…".
 * @csspart suggestions - Knowledge-base articles and "Talk to a person".
 * @csspart suggestion - One article.
 * @csspart suggestion-link - An article's link (opens in a new tab).
 * @csspart escalate-button - "Talk to a person".
 * @csspart composer - The message form.
 * @csspart composer-input - The message text area.
 * @csspart counter - Characters left, near the limit.
 * @csspart send-button - Sends the message.
 * @csspart prechat - The name-and-email form shown before a chat without a known customer.
 * @csspart field - A pre-chat field: label, input and error.
 * @csspart label - A pre-chat field's label.
 * @csspart input - A pre-chat input.
 * @csspart field-error - A pre-chat field's error.
 * @csspart button - "Start chat".
 * @csspart loading - The placeholder shown while the chat starts (busy), holding the skeletons.
 * @csspart skeleton - A placeholder block, the size of what it stands for.
 * @csspart state - Every state message: empty, error and offline (the kit's shared states).
 * @csspart empty-state - "Ask us anything…", before the first message (also `state`).
 * @csspart error-state - The message when the chat could not start (also `state`).
 * @csspart offline-state - The message when offline before the chat started (also `state`).
 * @csspart state-title - A state message's title.
 * @csspart state-body - A state message's text.
 * @csspart retry-button - Starts the chat again, after an error or while offline.
 *
 * @cssproperty --gw-support-chat-background - The panel's background.
 * @cssproperty --gw-support-chat-customer-bubble-background - The customer's messages.
 * @cssproperty --gw-support-chat-customer-bubble-color - Their text.
 * @cssproperty --gw-support-chat-agent-bubble-background - Support's messages.
 * @cssproperty --gw-support-chat-agent-bubble-color - Their text.
 * @cssproperty --gw-support-chat-bubble-radius - Messages' corner radius.
 * @cssproperty --gw-support-chat-composer-border - Borders of the composer, fields and panel.
 * @cssproperty --gw-support-chat-launcher-background - The launcher button.
 * @cssproperty --gw-support-chat-launcher-color - Its icon.
 */
export class GwSupportChat extends GwElement {
  static override styles = [hostReset, styles];
  static override properties: PropertyDeclarations = {
    open: { type: Boolean, reflect: true },
    session: { attribute: false },
    connectionOptions: { attribute: false },
  };

  /** Whether the panel is open. */
  declare open: boolean;
  /**
   * @private A session to show instead of the real one (stories and tests render every
   * state from a fixed `ChatView` this way).
   */
  declare session: ChatSessionLike | undefined;
  /** @private Transport overrides for tests (a fake WebSocket constructor, fetch, timers). */
  declare connectionOptions: Partial<ConnectionOptions> | undefined;

  #module: PanelModule | undefined;
  #loading: Promise<PanelModule> | undefined;
  #own: (ChatSessionLike & { stop(): void }) | undefined;
  #unsubscribe: (() => void) | undefined;
  #wasOpen = false;
  #idleChecked = false;
  #phase = '';

  constructor() {
    super();
    this.open = false;
  }

  /** Loads the panel now (the launcher does on first use). */
  load(): Promise<PanelModule> {
    this.#loading ??= import('./panel.js').then((module) => {
      this.#module = module;
      this.requestUpdate();
      return module;
    });
    return this.#loading;
  }

  get #session(): ChatSessionLike | undefined {
    if (this.session) return this.session;
    const client = this.client;
    if (!this.#own && this.#module && client) {
      this.#own = new this.#module.ChatSession({
        client,
        storage: globalThis.sessionStorage,
        WebSocket: globalThis.WebSocket,
        ...this.connectionOptions,
        onSent: (m) =>
          this.dispatchEvent(new GwMessageSentEvent({ clientId: m.clientId, seq: m.seq })),
        onReceived: (message) => {
          if (this.open) this.#panel?.announce(message);
          this.dispatchEvent(new GwMessageReceivedEvent({ message }));
        },
      });
    }
    return this.#own;
  }

  get #panel(): Panel | null {
    return this.renderRoot.querySelector('gw-support-chat-panel');
  }

  get #unread(): number {
    if (this.session) return this.session.view.unread;
    return this.#module ? (this.#session?.view.unread ?? 0) : 0;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#own?.stop();
    this.#own = undefined;
  }

  protected override render() {
    const unread = this.#unread;
    const locale = this.resolvedLocale;
    const session = this.#module ? this.#session : undefined;
    return html`<button type="button" class="launcher" part="launcher"
        aria-label=${launcherLabel(locale, unread)} aria-expanded=${this.open ? 'true' : 'false'}
        @click=${() => {
          this.open = !this.open;
        }}>
        <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
          <path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" />
        </svg>
        ${unread > 0 ? html`<span class="badge" part="badge" aria-hidden="true">${unread}</span>` : nothing}
      </button>
      <span class="visually-hidden" role="status">${unread > 0 ? unreadText(locale, unread) : ''}</span>
      ${
        session
          ? html`<gw-support-chat-panel .session=${session} .locale=${locale}
              .requestClose=${() => {
                this.open = false;
              }}></gw-support-chat-panel>`
          : nothing
      }`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const session = this.#module ? this.#session : undefined;
    if (session && !this.#unsubscribe) {
      this.#unsubscribe = session.subscribe(() => {
        this.#onSession();
        this.requestUpdate();
      });
      this.#onSession();
    }
    if (this.open !== this.#wasOpen) void this.#toggle(this.open);
    else if (!this.#idleChecked && this.client) this.#resumeWhenIdle();
  }

  #onSession(): void {
    const view = this.#session?.view;
    if (!view) return;
    if (view.phase === this.#phase) return;
    this.#phase = view.phase;
    if (view.phase === 'chat' || view.phase === 'prechat')
      emit<GwLoadDetail>(this, 'gw-load', { ok: true });
    if (view.phase === 'error' || view.phase === 'offline')
      emit<GwLoadDetail>(this, 'gw-load', { ok: false, error: view.error ?? view.phase });
  }

  async #toggle(open: boolean): Promise<void> {
    this.#wasOpen = open;
    if (open) {
      await this.load();
      await this.updateComplete;
      const session = this.#session;
      if (!this.open) return;
      if (!session) {
        // No edge client yet (the provider's context comes later): the next update tries again.
        this.#wasOpen = false;
        return;
      }
      session.panelOpen = true;
      session.begin();
      await this.#panel?.show();
      this.dispatchEvent(new GwChatOpenEvent());
    } else {
      const panel = this.#panel;
      if (!panel) return;
      const focusWasInside = this.shadowRoot?.activeElement === panel;
      panel.hide();
      if (this.#session) this.#session.panelOpen = false;
      // Back where the customer was before opening: the launcher (unless the page closed the
      // panel while the customer was elsewhere).
      if (focusWasInside) this.renderRoot.querySelector<HTMLElement>('[part~="launcher"]')?.focus();
      this.dispatchEvent(new GwChatCloseEvent());
    }
  }

  /** A conversation under way in this tab: resume it in idle time, so the badge counts. */
  #resumeWhenIdle(): void {
    this.#idleChecked = true;
    const prefix = `gw-chat:${this.client?.baseUrl}:`;
    let ongoing = false;
    try {
      for (let i = 0; i < sessionStorage.length; i++)
        if (sessionStorage.key(i)?.startsWith(prefix)) ongoing = true;
    } catch {
      return; // Storage refused: nothing to resume.
    }
    if (!ongoing || this.session) return;
    const idle = globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 200));
    idle(() => {
      void this.load().then(async () => {
        await this.updateComplete;
        const own = this.#session as { resume?: () => Promise<boolean> } | undefined;
        await own?.resume?.();
      });
    });
  }
}
