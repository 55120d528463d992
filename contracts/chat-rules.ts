/**
 * The chat protocol's limits and plain rules, without zod, for code that must not bundle it
 * (the support-chat widget): the same numbers and patterns `chat.ts` builds its schemas from.
 * `test/contracts/chat.test.ts` fails if the two disagree.
 */

/** The WebSocket subprotocol of this protocol version; the server answers with it. */
export const CHAT_SUBPROTOCOL = 'gw-chat.v1';
/**
 * Browsers cannot set `Authorization` on a WebSocket: the widget token travels as a second
 * subprotocol, `gw-token.<jwt>` (a JWT's characters are all valid there), never in the URL.
 */
export const TOKEN_SUBPROTOCOL_PREFIX = 'gw-token.';
/** A visitor's conversation key (anonymous chats) travels the same way: `gw-visitor.<key>`. */
export const VISITOR_SUBPROTOCOL_PREFIX = 'gw-visitor.';
/** The header that carries the visitor key on HTTP requests. */
export const VISITOR_KEY_HEADER = 'x-gw-visitor-key';

/**
 * A token minted without a `customer` names an anonymous visitor: its `sub` is `anon_…`
 * (edge/tokens). Such a visitor gives a name and email before chatting.
 */
export const ANONYMOUS_SUBJECT_PREFIX = 'anon_';
export const isAnonymousSubject = (sub: string | undefined): boolean =>
  sub === undefined || sub === '' || sub.startsWith(ANONYMOUS_SUBJECT_PREFIX);

/** Largest frame either side may send, in bytes (UTF-8). Bigger frames close the socket. */
export const MAX_FRAME_BYTES = 16 * 1024;
/** Longest message text, in UTF-16 code units (well inside a frame). */
export const MAX_MESSAGE_CHARS = 4000;
/** Messages one connection may send per minute before it is told to slow down. */
export const MESSAGES_PER_MINUTE = 30;
/** How often the client pings; the server drops a socket silent for three times as long. */
export const HEARTBEAT_MS = 25_000;
/** Most messages one replay (or one page of the messages API) returns. */
export const REPLAY_LIMIT = 200;

/** A client-chosen message id, for de-duplication: 8–64 URL-safe characters. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
/** A conversation id as the edge makes them. */
export const CONVERSATION_ID_PATTERN = /^cv_[A-Za-z0-9]{20}$/;
/** A visitor key as the edge makes them (43 random base62 characters: 256 bits). */
export const VISITOR_KEY_PATTERN = /^vk_[A-Za-z0-9]{43}$/;

/**
 * What the edge's own (system) messages say: a code, which the widget words in the customer's
 * language. A code it does not know it shows as it is.
 */
export const SYSTEM_MESSAGES = { conversationClosed: 'conversation-closed' } as const;

/** WebSocket close codes the edge uses (4000–4999 are the application's). */
export const CLOSE_CODES = {
  /** The token expired or was revoked while the socket was open: fetch a new one, reconnect. */
  unauthenticated: 4401,
  /** The conversation was closed by an agent: do not reconnect. */
  conversationClosed: 4410,
  /** A frame over MAX_FRAME_BYTES or not JSON of the protocol. */
  badFrame: 4400,
  /** No frame for three heartbeats. */
  idle: 4408,
  /** Too many messages: reconnect after a while. */
  rateLimited: 4429,
} as const;

/** Support tiers a tenant may be on, lowest first. */
export const SUPPORT_TIERS = ['community', 'enterprise', 'premium'] as const;
export type SupportTier = (typeof SUPPORT_TIERS)[number];

/** Ticket priorities, from an escalation's tier. */
export const TICKET_PRIORITIES = ['low', 'normal', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** What each tier promises: the ticket's priority and how soon a person answers. */
export const TIER_PROMISES: Record<
  SupportTier,
  { priority: TicketPriority; responseMinutes: number }
> = {
  community: { priority: 'low', responseMinutes: 24 * 60 },
  enterprise: { priority: 'normal', responseMinutes: 4 * 60 },
  premium: { priority: 'urgent', responseMinutes: 60 },
};

/** Days of the week as `Intl` and `Date#getUTCDay` number them (0 = Sunday). */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `HH:MM`, 00:00–24:00. */
export const TIME_OF_DAY_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Minutes since midnight of an `HH:MM` time. */
export function minutesOf(time: string): number {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
}

export interface OpeningHours {
  /** An IANA time zone, e.g. `Asia/Kolkata`. */
  timeZone: string;
  /** Open windows per weekday; a day left out is closed. */
  days: Partial<Record<Weekday, { open: string; close: string }>>;
}

/**
 * Whether support is staffed at `at` (ms since the epoch) under `hours`, in their time zone.
 * A window whose close is before its open runs past midnight into the next day.
 */
export function isOpenAt(hours: OpeningHours, at: number): boolean {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: hours.timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = get('weekday').toLowerCase().slice(0, 3) as Weekday;
  const minute = Number(get('hour')) * 60 + Number(get('minute'));
  const today = hours.days[day];
  if (today) {
    const open = minutesOf(today.open);
    const close = minutesOf(today.close);
    if (open <= close ? minute >= open && minute < close : minute >= open) return true;
  }
  const yesterday = hours.days[WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7] as Weekday];
  if (yesterday) {
    const open = minutesOf(yesterday.open);
    const close = minutesOf(yesterday.close);
    if (close < open && minute < close) return true;
  }
  return false;
}
