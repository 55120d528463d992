/**
 * The support chat, as the widget, the edge and the agent API speak it: the frames of the
 * WebSocket protocol (the same JSON travels over the SSE + POST fallback), the REST bodies,
 * the tenant's support settings, knowledge-base articles and tickets. Imports only zod and
 * the zod-free rules in `chat-rules.ts` (which the widget uses instead of this module).
 *
 * Ordering and loss: every message carries a client id (the sender's, for de-duplication) and
 * a server-assigned sequence number, gap-free per conversation. A client that reconnects says
 * `hello` with the last sequence number it holds, and the server replays everything after it
 * before anything new, so nothing is lost, nothing is shown twice, and order is the server's.
 */
import { z } from 'zod';
import {
  CLIENT_ID_PATTERN,
  CONVERSATION_ID_PATTERN,
  MAX_MESSAGE_CHARS,
  SUPPORT_TIERS,
  TICKET_PRIORITIES,
  TIME_OF_DAY_PATTERN,
  WEEKDAYS,
} from './chat-rules.js';
import { displayText, idSchema } from './primitives.js';
import { EMAIL_PATTERN, UNSAFE_TEXT } from './text-rules.js';

export * from './chat-rules.js';

/** A conversation id as a path parameter (`/conversations/{id}`). */
export const conversationIdParamSchema = z.object({
  id: z.string().regex(CONVERSATION_ID_PATTERN, 'a conversation id (cv_…)'),
});

export const clientIdSchema = z
  .string()
  .regex(CLIENT_ID_PATTERN, '8–64 letters, digits, "-" or "_" (a random id chosen by the sender)');

/**
 * A message's text: 1–4000 characters after trimming, NFC, line breaks allowed (a message may
 * have several lines), but no other control, bidi-override or separator characters.
 */
export const messageTextSchema = z
  .string()
  .trim()
  .normalize('NFC')
  .min(1, 'a message needs some text')
  .max(MAX_MESSAGE_CHARS, `at most ${MAX_MESSAGE_CHARS} characters`)
  .refine(
    (text) => !UNSAFE_TEXT.test(text.replace(/\r?\n/g, ' ')),
    'text without control, separator or bidi-override characters (line breaks are fine)',
  );

export const AUTHORS = ['customer', 'agent', 'system'] as const;
export type Author = (typeof AUTHORS)[number];

export const chatMessageSchema = z
  .object({
    seq: z.number().int().min(1).meta({ description: 'Gap-free per conversation, from 1.' }),
    clientId: z.string(),
    author: z.enum(AUTHORS),
    authorName: z.string().nullable().meta({ description: 'The agent’s display name.' }),
    text: z.string(),
    at: z.number().int().meta({ description: 'When the edge stored it (ms since the epoch).' }),
  })
  .meta({ id: 'ChatMessage' });
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const CONVERSATION_STATUSES = ['open', 'closed'] as const;

export const ticketSchema = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    priority: z.enum(TICKET_PRIORITIES),
    tier: z.enum(SUPPORT_TIERS),
    status: z.enum(['open', 'resolved']),
    createdAt: z.number().int(),
    dueAt: z.number().int().meta({ description: 'When the tier’s response time runs out.' }),
  })
  .meta({ id: 'ChatTicket' });
export type Ticket = z.infer<typeof ticketSchema>;

export const conversationSchema = z
  .object({
    id: z.string(),
    status: z.enum(CONVERSATION_STATUSES),
    lastSeq: z.number().int().min(0),
    assignee: z.string().nullable(),
    escalated: z.boolean(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .meta({ id: 'ChatConversation' });
export type Conversation = z.infer<typeof conversationSchema>;

/** Frames the client sends. */
export const clientFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('hello'),
    after: z.number().int().min(0).meta({ description: 'The last sequence number held.' }),
  }),
  z.strictObject({ type: z.literal('send'), clientId: clientIdSchema, text: messageTextSchema }),
  z.strictObject({ type: z.literal('typing') }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

export const CHAT_ERROR_CODES = [
  'bad-frame',
  'invalid-message',
  'rate-limited',
  'conversation-closed',
  'unavailable',
] as const;

/** Frames the server sends. */
export const serverFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), message: chatMessageSchema }),
  z.object({
    type: z.literal('ready'),
    conversation: conversationSchema,
    meta: z.object({ replayed: z.number().int() }).optional(),
  }),
  z.object({ type: z.literal('typing'), author: z.enum(AUTHORS) }),
  z.object({ type: z.literal('conversation'), conversation: conversationSchema }),
  z.object({
    type: z.literal('error'),
    code: z.enum(CHAT_ERROR_CODES),
    detail: z.string(),
    clientId: z.string().optional(),
    retryAfterSeconds: z.number().int().optional(),
  }),
  z.object({ type: z.literal('pong') }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

/** POST /v1/chat/conversations: a name and email when the token names no customer. */
export const startConversationSchema = z
  .strictObject({
    name: displayText(100).optional(),
    email: z.string().max(254).regex(EMAIL_PATTERN, 'an email address').optional(),
  })
  .meta({ id: 'StartConversation' });

export const startedConversationSchema = z
  .object({
    conversation: conversationSchema,
    visitorKey: z.string().optional().meta({
      description:
        'Anonymous chats only (a token without a customer): the key that resumes this conversation, shown once.',
    }),
  })
  .meta({ id: 'StartedConversation' });

export const sendMessageSchema = z
  .strictObject({ clientId: clientIdSchema, text: messageTextSchema })
  .meta({ id: 'SendChatMessage' });

export const agentMessageSchema = z
  .strictObject({
    clientId: clientIdSchema,
    text: messageTextSchema,
    agentName: displayText(80).optional(),
  })
  .meta({ id: 'AgentChatMessage' });

export const messagePageSchema = z
  .object({ messages: z.array(chatMessageSchema), conversation: conversationSchema })
  .meta({ id: 'ChatMessagePage' });

export const assignSchema = z
  .strictObject({ agent: displayText(80).nullable() })
  .meta({ id: 'AssignConversation' });

const timeOfDay = z.string().regex(TIME_OF_DAY_PATTERN, 'a time HH:MM');

export const openingHoursSchema = z.strictObject({
  timeZone: z.string().refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as Asia/Kolkata'),
  days: z.partialRecord(z.enum(WEEKDAYS), z.strictObject({ open: timeOfDay, close: timeOfDay })),
});

/** The tenant's support settings (PUT /v1/chat/support). */
export const supportSettingsSchema = z
  .strictObject({
    tier: z.enum(SUPPORT_TIERS),
    hours: openingHoursSchema,
    /** Whether anonymous visitors (tokens without a customer) may start a chat. */
    visitors: z.boolean().default(true),
  })
  .meta({ id: 'SupportSettings' });
export type SupportSettings = z.infer<typeof supportSettingsSchema>;

/** What the widget reads (GET /v1/chat/support): the promise and whether someone is there. */
export const supportStatusSchema = z
  .object({
    tier: z.enum(SUPPORT_TIERS),
    hours: openingHoursSchema,
    open: z.boolean(),
    responseMinutes: z.number().int(),
    visitors: z.boolean(),
  })
  .meta({ id: 'SupportStatus' });
export type SupportStatus = z.infer<typeof supportStatusSchema>;

/** Until a tenant sets its own: community support, weekdays 09:00–17:00 UTC. */
export const DEFAULT_SUPPORT_SETTINGS: SupportSettings = {
  tier: 'community',
  hours: {
    timeZone: 'UTC',
    days: Object.fromEntries(
      (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => [
        d,
        { open: '09:00', close: '17:00' },
      ]),
    ),
  },
  visitors: true,
};

/** A knowledge-base article (PUT /v1/chat/articles/{slug}). */
export const articleInputSchema = z
  .strictObject({
    title: displayText(160),
    body: z
      .string()
      .trim()
      .normalize('NFC')
      .min(1)
      .max(20_000)
      .refine(
        (text) => !UNSAFE_TEXT.test(text.replace(/\r?\n/g, ' ')),
        'plain text (line breaks are fine)',
      ),
    tags: z.array(displayText(40)).max(20).default([]),
    url: z
      .url({ protocol: /^https$/ })
      .max(2048)
      .optional()
      .meta({ description: 'Where the full article lives on the bank’s site.' }),
  })
  .meta({ id: 'ArticleInput' });

export const articleSchema = z
  .object({
    slug: idSchema,
    title: z.string(),
    body: z.string(),
    tags: z.array(z.string()),
    url: z.string().nullable(),
    updatedAt: z.number().int(),
  })
  .meta({ id: 'Article' });
export type Article = z.infer<typeof articleSchema>;

/** A search hit: the article without its body, with a snippet around the match. */
export const articleHitSchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    snippet: z.string(),
    url: z.string().nullable(),
  })
  .meta({ id: 'ArticleHit' });
export type ArticleHit = z.infer<typeof articleHitSchema>;

/** Most articles a tenant may keep. */
export const MAX_ARTICLES = 500;
