/**
 * Every visible string of the support chat's panel (the launcher's few words are in
 * launcher-strings.ts, in the tiny entry). Each table is typed against `ChatStrings`, so a
 * missing key fails the type-check; English is bundled, the others load on first use.
 */
import { LazyStrings } from '../core/lazy-strings.js';
import { STATE_STRINGS, type StateStrings } from '../core/states.js';
import type { ConnectionState, Delivery } from './connection.js';

export interface ChatStrings extends StateStrings {
  heading: string;
  close: string;
  /** "We usually answer within 1 hour" — `duration` is already formatted by Intl. */
  responseTime: (duration: string) => string;
  outsideHours: string;
  hoursTitle: string;
  /** One day's window, e.g. "Monday: 09:00–17:00". */
  hoursLine: (day: string, open: string, close: string) => string;
  /** "Times in Asia/Kolkata". */
  hoursZone: (zone: string) => string;
  connection: Record<ConnectionState, string>;
  delivery: Record<Delivery, string>;
  retrySend: string;
  logLabel: string;
  you: string;
  support: string;
  /** What the live region says for a new incoming message. */
  newMessage: (author: string, text: string) => string;
  typing: string;
  composerLabel: string;
  send: string;
  charactersLeft: (left: number) => string;
  // Pre-chat form
  prechatIntro: string;
  name: string;
  email: string;
  startChat: string;
  errors: { nameRequired: string; nameInvalid: string; email: string };
  // Knowledge base and escalation
  suggestionsLabel: string;
  opensInNewTab: string;
  talkToPerson: string;
  escalating: string;
  /** "Escalated — a person will answer by 14:30" (`time` formatted by Intl). */
  escalated: (time: string) => string;
  escalatedNoTime: string;
  escalateFailed: string;
}

const en: ChatStrings = {
  ...STATE_STRINGS.en,
  loading: 'Loading the chat…',
  emptyTitle: 'Ask us anything…',
  emptyBody: 'Write your question below and we’ll get back to you here.',
  errorTitle: 'The chat could not be started',
  offlineBody: 'The chat will connect when you are back online.',
  heading: 'Support',
  close: 'Close chat',
  responseTime: (duration) => `We usually answer within ${duration}`,
  outsideHours:
    'We’re outside our support hours. Leave a message and we’ll answer when we’re back.',
  hoursTitle: 'Support hours',
  hoursLine: (day, open, close) => `${day}: ${open}–${close}`,
  hoursZone: (zone) => `Times in ${zone}`,
  connection: {
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Reconnecting…',
    offline: 'Offline — messages will be sent when you reconnect',
    closed: 'This conversation has ended',
  },
  delivery: {
    queued: 'Waiting to send',
    sending: 'Sending…',
    sent: 'Sent',
    failed: 'Not sent',
  },
  retrySend: 'Retry',
  logLabel: 'Messages',
  you: 'You',
  support: 'Support',
  newMessage: (author, text) => `${author}: ${text}`,
  typing: 'Support is typing…',
  composerLabel: 'Your message',
  send: 'Send',
  charactersLeft: (left) => `${left} characters left`,
  prechatIntro: 'Tell us who you are, so we can answer you.',
  name: 'Your name',
  email: 'Email',
  startChat: 'Start chat',
  errors: {
    nameRequired: 'Enter your name.',
    nameInvalid: 'Use at most 100 letters, without special characters.',
    email: 'Enter an email address like name@example.com.',
  },
  suggestionsLabel: 'Articles that may help',
  opensInNewTab: '(opens in a new tab)',
  talkToPerson: 'Talk to a person',
  escalating: 'Asking a person…',
  escalated: (time) => `Escalated — a person will answer by ${time}`,
  escalatedNoTime: 'Escalated — a person will answer soon',
  escalateFailed: 'A person could not be reached just now. Please try again.',
};

export const CHAT_STRINGS_EN = en;

export const CHAT_STRINGS = new LazyStrings<ChatStrings>(en, {
  hi: () => import('./strings/hi.js').then((m) => m.hi),
  ar: () => import('./strings/ar.js').then((m) => m.ar),
  fr: () => import('./strings/fr.js').then((m) => m.fr),
  es: () => import('./strings/es.js').then((m) => m.es),
});
