/**
 * The heavy half of `<gw-support-chat>`, loaded with a dynamic `import()` only when the launcher
 * is first used (or, with a conversation under way, in idle time): the panel element, the
 * session and its connection, the strings. The panel is a `popover="manual"` region in the top
 * layer — above any host banner, whatever its z-index — labelled as a non-modal dialog by its
 * heading; it renders whatever `ChatView` its session holds.
 */
import { html, LitElement, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ChatMessage } from '../../contracts/chat.js';
import { MAX_MESSAGE_CHARS } from '../../contracts/chat-rules.js';
import { define } from '../core/define.js';
import { loadingTemplate, retryButton, stateTemplate } from '../core/states.js';
import { hostReset, stateStyles } from '../core/styles.js';
import { CHAT_STRINGS, CHAT_STRINGS_EN, type ChatStrings } from './locales.js';
import { styles } from './panel.styles.js';
import { PANEL_PARTS } from './panel-parts.js';
import { checkPrechat, type PrechatErrors, type PrechatValues, prechatForm } from './prechat.js';
import type { ChatSessionLike, ChatView } from './session.js';
import {
  escalationLine,
  messageList,
  outsideHours,
  suggestions,
  supportLine,
  systemText,
} from './templates.js';

export { ChatSession, staticSession } from './session.js';

/** The counter shows from here on: near the limit, not all the time. */
const COUNTER_FROM = MAX_MESSAGE_CHARS - 400;

export class GwSupportChatPanel extends LitElement {
  static override styles = [hostReset, stateStyles, styles];
  static override properties: PropertyDeclarations = {
    session: { attribute: false },
    locale: {},
  };

  declare session: ChatSessionLike | undefined;
  declare locale: string;
  /** Called when the customer closes the panel (the close button, Escape). */
  requestClose: () => void = () => {};

  #draft = '';
  #prechat: PrechatValues = { name: '', email: '' };
  #prechatErrors: PrechatErrors = {};
  #announcement = '';
  #unsubscribe: (() => void) | undefined;
  #subscribed: ChatSessionLike | undefined;

  constructor() {
    super();
    this.locale = 'en';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('exportparts', PANEL_PARTS.join(', '));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#subscribed = undefined;
  }

  protected override willUpdate(): void {
    if (this.session !== this.#subscribed) {
      this.#unsubscribe?.();
      this.#subscribed = this.session;
      this.#unsubscribe = this.session?.subscribe(() => this.requestUpdate());
    }
  }

  get #t(): ChatStrings {
    return CHAT_STRINGS.get(this.locale, () => this.requestUpdate()) ?? CHAT_STRINGS_EN;
  }

  get #popover(): HTMLElement | null {
    return this.renderRoot.querySelector('[part~="panel"]');
  }

  /** Opens the panel in the top layer and moves focus in (the composer, else the first field). */
  async show(): Promise<void> {
    await this.updateComplete;
    const panel = this.#popover;
    if (panel && !panel.matches(':popover-open')) panel.showPopover();
    // Still loading: the close button holds focus until the composer (or the form) is there.
    this.#focusPending = true;
    this.focusInside();
  }

  #focusPending = false;

  focusInside(): void {
    const target =
      this.renderRoot.querySelector<HTMLElement>(
        '#composer, [part~="input"], [part~="retry-button"]',
      ) ?? this.renderRoot.querySelector<HTMLElement>('[part~="close-button"]');
    target?.focus();
    if (!target?.matches('[part~="close-button"]')) this.#focusPending = false;
  }

  hide(): void {
    this.#focusPending = false;
    const panel = this.#popover;
    if (panel?.matches(':popover-open')) panel.hidePopover();
  }

  /** A new message from support: said once by the polite live region (not the history). */
  announce(message: ChatMessage): void {
    const t = this.#t;
    this.#announcement = t.newMessage(
      message.authorName ?? t.support,
      message.author === 'system' ? systemText(message.text, t) : message.text,
    );
    this.requestUpdate();
  }

  override render(): TemplateResult {
    const t = this.#t;
    const view = this.session?.view;
    return html`<section popover="manual" part="panel" class="panel" role="dialog"
      aria-labelledby="title" @keydown=${this.#onKeydown}>
      <header part="header">
        <div class="titles">
          <h2 id="title" part="heading">${t.heading}</h2>
          ${view ? supportLine(view.support, t, this.locale) : nothing}
        </div>
        <button type="button" class="close" part="close-button" aria-label=${t.close}
          @click=${() => this.requestClose()}>
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2" fill="none" />
          </svg>
        </button>
      </header>
      ${view ? this.#body(view, t) : nothing}
      <p class="visually-hidden" aria-live="polite" part="announcer">${this.#announcement}</p>
    </section>`;
  }

  #body(view: ChatView, t: ChatStrings): TemplateResult {
    switch (view.phase) {
      case 'loading':
        return loadingTemplate(
          t.loading,
          html`<div class="skeletons">
            <div class="skeleton bubble" part="skeleton"></div>
            <div class="skeleton bubble own" part="skeleton"></div>
            <div class="skeleton composer-skeleton" part="skeleton"></div>
          </div>`,
        );
      case 'error':
      case 'offline':
        return stateTemplate({
          kind: view.phase,
          title: t[`${view.phase}Title` as const],
          body: t[`${view.phase}Body` as const],
          action: retryButton(t.retry, () => this.session?.reload()),
        });
      case 'prechat':
        return prechatForm({
          values: this.#prechat,
          errors: this.#prechatErrors,
          t,
          onInput: (field, value) => {
            this.#prechat = { ...this.#prechat, [field]: value };
            // An error clears as soon as the field is right; a new one waits for Start.
            if (this.#prechatErrors[field]) {
              const { [field]: _, ...rest } = this.#prechatErrors;
              const still = checkPrechat(this.#prechat, t)[field];
              this.#prechatErrors = still ? { ...rest, [field]: still } : rest;
            }
            this.requestUpdate();
          },
          onSubmit: () => void this.#startChat(t),
        });
      default:
        return this.#chat(view, t);
    }
  }

  async #startChat(t: ChatStrings): Promise<void> {
    this.#prechatErrors = checkPrechat(this.#prechat, t);
    this.requestUpdate();
    await this.updateComplete;
    const invalid = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) {
      invalid.focus();
      return;
    }
    await this.session?.startWith({
      name: this.#prechat.name.trim(),
      email: this.#prechat.email.trim(),
    });
    await this.updateComplete;
    this.focusInside();
  }

  #chat(view: ChatView, t: ChatStrings): TemplateResult {
    const closed = view.connection === 'closed';
    const left = MAX_MESSAGE_CHARS - this.#draft.length;
    return html`
      <p class="connection ${view.connection}" part="connection" role="status">
        <span class="dot" aria-hidden="true"></span>${t.connection[view.connection]}
      </p>
      ${outsideHours(view.support, t, this.locale)}
      ${escalationLine(view, t, this.locale)}
      <div class="log" part="log" role="log" aria-label=${t.logLabel} tabindex="0">
        ${
          view.messages.length
            ? messageList(view.messages, t, this.locale, (id) => this.session?.retry(id))
            : stateTemplate({ kind: 'empty', title: t.emptyTitle, body: t.emptyBody, live: false })
        }
      </div>
      ${view.typing ? html`<p class="typing" part="typing">${t.typing}</p>` : nothing}
      ${closed ? nothing : suggestions(view, t, () => void this.session?.escalate())}
      <form class="composer" part="composer" @submit=${this.#onSubmit}>
        <label for="composer" class="visually-hidden">${t.composerLabel}</label>
        <textarea id="composer" part="composer-input" rows="2"
          maxlength=${MAX_MESSAGE_CHARS}
          placeholder=${t.composerLabel}
          aria-describedby=${left <= MAX_MESSAGE_CHARS - COUNTER_FROM ? 'counter' : nothing}
          ?disabled=${closed}
          .value=${live(this.#draft)}
          @input=${this.#onInput}
          @keydown=${this.#onComposerKeydown}></textarea>
        <button type="submit" part="send-button" ?disabled=${closed || !this.#draft.trim()}>
          ${t.send}
        </button>
        ${
          this.#draft.length >= COUNTER_FROM
            ? html`<p id="counter" class="counter" part="counter">${t.charactersLeft(left)}</p>`
            : nothing
        }
      </form>`;
  }

  protected override updated(): void {
    if (this.#focusPending && this.#popover?.matches(':popover-open')) {
      const active = this.shadowRoot?.activeElement;
      if (!active || active.matches('[part~="close-button"]')) this.focusInside();
    }
    // The newest message in view, as in every chat (the log scrolls; the page does not).
    const log = this.renderRoot.querySelector('[part~="log"]');
    const count = this.session?.view.messages.length ?? 0;
    if (log && count !== this.#shownCount) {
      this.#shownCount = count;
      log.scrollTop = log.scrollHeight;
    }
  }

  #shownCount = 0;

  readonly #onInput = (event: Event): void => {
    this.#draft = (event.target as HTMLTextAreaElement).value;
    this.session?.typed(this.#draft);
    this.requestUpdate();
  };

  readonly #onComposerKeydown = (event: KeyboardEvent): void => {
    // Enter sends; Shift+Enter is a new line; an IME composing a word keeps its Enter.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    this.#send();
  };

  readonly #onSubmit = (event: Event): void => {
    event.preventDefault();
    this.#send();
  };

  #send(): void {
    const text = this.#draft.trim();
    if (!text || !this.session || this.session.view.connection === 'closed') return;
    this.session.send(text);
    this.#draft = '';
    this.requestUpdate();
  }

  readonly #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    this.requestClose();
  };
}

define('gw-support-chat-panel', GwSupportChatPanel);

declare global {
  interface HTMLElementTagNameMap {
    'gw-support-chat-panel': GwSupportChatPanel;
  }
}
