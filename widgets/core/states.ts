/**
 * The one template of the states every widget can be in besides "ready": loading (a skeleton
 * of the right size, inside `part="loading"`), and the messages — empty, error and offline, and
 * a widget's own such as the catalog's no-match — each `part="state <kind>-state"` with a
 * `state-title`, a `state-body` and, after a failure, a `retry-button`. Same markup, same part
 * names in every widget, so a bank styles `::part(state-title)` once for all of them.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Language } from './locale.js';

/** The strings every widget's table has for its states (typed into each widget's strings). */
export interface StateStrings {
  /** Announced while loading, e.g. "Loading services…". */
  loading: string;
  emptyTitle: string;
  emptyBody: string;
  errorTitle: string;
  errorBody: string;
  offlineTitle: string;
  offlineBody: string;
  retry: string;
}

/** The words every widget's states share, translated once: tables spread them in. */
export const STATE_STRINGS: Record<
  Language,
  Pick<StateStrings, 'errorBody' | 'offlineTitle' | 'retry'>
> = {
  en: {
    errorBody: 'Please try again in a moment.',
    offlineTitle: 'You’re offline',
    retry: 'Try again',
  },
  hi: {
    errorBody: 'कृपया थोड़ी देर बाद फिर से प्रयास करें।',
    offlineTitle: 'आप ऑफ़लाइन हैं',
    retry: 'फिर से प्रयास करें',
  },
  ar: {
    errorBody: 'يُرجى المحاولة مرة أخرى بعد قليل.',
    offlineTitle: 'أنت غير متصل بالإنترنت',
    retry: 'إعادة المحاولة',
  },
  fr: {
    errorBody: 'Veuillez réessayer dans un instant.',
    offlineTitle: 'Vous êtes hors ligne',
    retry: 'Réessayer',
  },
  es: {
    errorBody: 'Vuelve a intentarlo en unos momentos.',
    offlineTitle: 'Estás sin conexión',
    retry: 'Reintentar',
  },
};

export type StateKind = 'empty' | 'error' | 'offline' | (string & {});

export interface StateMessage {
  kind: StateKind;
  title: string;
  body: string;
  /** A button under the message: Retry, or a widget's own (e.g. "Clear filters"). */
  action?: TemplateResult | typeof nothing;
  /**
   * Whether the message announces itself (`alert` after a failure, `status` otherwise); off
   * when the widget has its own status line saying the same.
   */
  live?: boolean;
}

export function stateTemplate(message: StateMessage): TemplateResult {
  const { kind, title, body, action = nothing, live = true } = message;
  const failed = kind === 'error' || kind === 'offline';
  return html`<div
    class="state ${kind}"
    part="state ${kind}-state"
    role=${live ? (failed ? 'alert' : 'status') : nothing}
  >
    <p class="state-title" part="state-title">${title}</p>
    <p class="state-body" part="state-body">${body}</p>
    ${action}
  </div>`;
}

export function retryButton(label: string, retry: () => void): TemplateResult {
  return html`<button type="button" class="retry" part="retry-button" @click=${retry}>
    ${label}
  </button>`;
}

/**
 * The loading state: the widget's skeleton (`part="skeleton"` blocks the size of what they
 * stand for), busy, and announced unless the widget's own status line says "loading".
 */
export function loadingTemplate(
  label: string,
  skeleton: TemplateResult,
  live = true,
): TemplateResult {
  return html`<div class="loading" part="loading" aria-busy="true">
    ${live ? html`<p class="visually-hidden" role="status">${label}</p>` : nothing}
    ${skeleton}
  </div>`;
}
