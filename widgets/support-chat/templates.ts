/**
 * The panel's pieces as templates of a `ChatView`: the message log with its day separators and
 * delivery states, the support promise and hours, the escalation line and the suggestions.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { SupportStatus } from '../../contracts/chat.js';
import { SYSTEM_MESSAGES } from '../../contracts/chat-rules.js';
import type { ViewMessage } from './connection.js';
import {
  dayKey,
  formatDay,
  formatDuration,
  formatTime,
  WEEK_FROM_MONDAY,
  weekdayName,
} from './format.js';
import type { ChatStrings } from './locales.js';
import type { ChatView } from './session.js';

export function messageList(
  messages: ViewMessage[],
  t: ChatStrings,
  locale: string,
  retry: (clientId: string) => void,
): TemplateResult[] {
  const out: TemplateResult[] = [];
  let day = '';
  for (const m of messages) {
    const key = dayKey(m.at);
    if (key !== day) {
      day = key;
      out.push(html`<p class="day" part="day-separator">${formatDay(m.at, locale)}</p>`);
    }
    out.push(message(m, t, locale, retry));
  }
  return out;
}

function message(
  m: ViewMessage,
  t: ChatStrings,
  locale: string,
  retry: (clientId: string) => void,
): TemplateResult {
  const own = m.author === 'customer';
  const author = own ? t.you : (m.authorName ?? t.support);
  const text = m.author === 'system' ? systemText(m.text, t) : m.text;
  return html`<div class="message ${m.author} ${m.delivery ?? ''}" part="message message-${m.author}"
    data-client-id=${m.clientId} data-seq=${m.seq ?? nothing}>
    <p class="author" part="message-author">${author}</p>
    <p class="text" part="message-text">${text}</p>
    <p class="meta">
      <span part="message-time">${formatTime(m.at, locale)}</span>
      ${m.delivery ? html` · <span part="delivery delivery-${m.delivery}">${t.delivery[m.delivery]}</span>` : nothing}
      ${
        m.delivery === 'failed'
          ? html`<button type="button" part="retry-send-button" class="link"
              @click=${() => retry(m.clientId)}>${t.retrySend}</button>`
          : nothing
      }
    </p>
  </div>`;
}

export function supportLine(
  support: SupportStatus | undefined,
  t: ChatStrings,
  locale: string,
): TemplateResult | typeof nothing {
  if (!support) return nothing;
  return html`<p class="promise" part="response-time">
    ${t.responseTime(formatDuration(support.responseMinutes, locale))}
  </p>`;
}

/** When nobody is there: the notice and the week's hours (messages can still be left). */
export function outsideHours(
  support: SupportStatus | undefined,
  t: ChatStrings,
  locale: string,
): TemplateResult | typeof nothing {
  if (!support || support.open) return nothing;
  const days = WEEK_FROM_MONDAY.filter((d) => support.hours.days[d]);
  return html`<div class="notice" part="outside-hours" role="note">
    <p>${t.outsideHours}</p>
    <p class="hours-title" id="hours-title">${t.hoursTitle}</p>
    <ul part="hours" aria-labelledby="hours-title">
      ${days.map((d) => {
        const w = support.hours.days[d];
        return w ? html`<li>${t.hoursLine(weekdayName(d, locale), w.open, w.close)}</li>` : nothing;
      })}
    </ul>
    <p class="zone">${t.hoursZone(support.hours.timeZone)}</p>
  </div>`;
}

export function escalationLine(
  view: ChatView,
  t: ChatStrings,
  locale: string,
): TemplateResult | typeof nothing {
  const e = view.escalation;
  if (e.state === 'escalated') {
    const text = e.ticket ? t.escalated(formatTime(e.ticket.dueAt, locale)) : t.escalatedNoTime;
    return html`<p class="notice" part="escalated" role="status">${text}</p>`;
  }
  if (e.state === 'failed')
    return html`<p class="notice error" part="escalate-error" role="alert">${t.escalateFailed}</p>`;
  return nothing;
}

export function suggestions(
  view: ChatView,
  t: ChatStrings,
  escalate: () => void,
): TemplateResult | typeof nothing {
  const closed = view.connection === 'closed';
  const canEscalate =
    !closed && (view.escalation.state === 'none' || view.escalation.state === 'failed');
  const escalating = view.escalation.state === 'escalating';
  if (!view.hits.length && !canEscalate && !escalating) return nothing;
  return html`<div class="suggestions" part="suggestions">
    ${
      view.hits.length
        ? html`<p class="suggestions-title" id="suggestions-title">${t.suggestionsLabel}</p>
          <ul aria-labelledby="suggestions-title">
            ${view.hits.map(
              (hit) => html`<li part="suggestion">
                ${
                  hit.url
                    ? html`<a href=${hit.url} target="_blank" rel="noopener noreferrer"
                        part="suggestion-link">${hit.title}<span class="visually-hidden"> ${t.opensInNewTab}</span></a>`
                    : html`<span class="title">${hit.title}</span>`
                }
                <span class="snippet">${hit.snippet}</span>
              </li>`,
            )}
          </ul>`
        : nothing
    }
    ${
      canEscalate || escalating
        ? html`<button type="button" class="secondary" part="escalate-button"
            ?disabled=${escalating} @click=${escalate}>
            ${escalating ? t.escalating : t.talkToPerson}
          </button>`
        : nothing
    }
  </div>`;
}

/** The edge's system messages are codes (contracts/chat-rules.ts), worded here. */
export function systemText(code: string, t: ChatStrings): string {
  return code === SYSTEM_MESSAGES.conversationClosed ? t.connection.closed : code;
}
