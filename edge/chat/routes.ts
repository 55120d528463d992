/**
 * The customer's side of the support chat, called by `<gw-support-chat>` with a widget token
 * holding `chat:write` from its own origin (support status and article search also take the
 * publishable key: they only read). A known customer (the token's `sub`) has one open
 * conversation at a time and resumes it; an anonymous visitor (a token minted without a
 * customer) gives a name and email and gets a visitor key, shown once, that resumes the
 * conversation from a later token.
 *
 * Live traffic goes through the conversation's room (`deps.chat`): the WebSocket at
 * `/conversations/{id}/socket`, or the fallback — SSE at `/events` plus POST `/messages`.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  articleHitSchema,
  CHAT_SUBPROTOCOL,
  chatMessageSchema,
  conversationIdParamSchema,
  conversationSchema,
  DEFAULT_SUPPORT_SETTINGS,
  isAnonymousSubject,
  isOpenAt,
  MESSAGES_PER_MINUTE,
  messagePageSchema,
  REPLAY_LIMIT,
  type SupportSettings,
  sendMessageSchema,
  startConversationSchema,
  startedConversationSchema,
  supportStatusSchema,
  TIER_PROMISES,
  ticketSchema,
  VISITOR_KEY_HEADER,
  VISITOR_KEY_PATTERN,
  VISITOR_SUBPROTOCOL_PREFIX,
} from '../../contracts/chat.js';
import { newId, randomBase62, sha256Hex } from '../auth/credentials.js';
import type { AppEnv } from '../context.js';
import { Problem } from '../errors.js';
import { requireWidget, tenantOf, tokenClaimsOf } from '../middleware/authenticate/index.js';
import {
  authFailureBucket,
  clientIpOf,
  rateLimited,
  rateLimitsOf,
} from '../middleware/rate-limit/index.js';
import { defineModule, type ModuleContext } from '../module.js';
import { bearer, conflict, json, jsonBody, problem, problems } from '../openapi.js';
import { router } from '../router.js';
import type { ConversationRecord } from '../store/ports/chat.js';
import type { Store } from '../store/store.js';
import { searchArticles } from './articles.js';
import { conversationView, ticketView } from './service.js';

const tags = ['Support chat'];

/** Conversations a token may start per minute (a known customer resumes instead). */
const STARTS_PER_MINUTE = 10;

const customerChat = requireWidget('chat:write', { publishable: false, onDomain: false });
const chatRead = requireWidget('chat:write', { publishable: true, onDomain: true });

const afterQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
});
const visitorHeader = z.object({
  [VISITOR_KEY_HEADER]: z.string().optional().meta({
    description: 'Anonymous chats: the visitor key the conversation was started with.',
  }),
});

/** The tenant's support settings, or the defaults until it sets some. */
export async function supportSettings(store: Store, tenantId: string): Promise<SupportSettings> {
  const stored = await store.getDocument(tenantId, 'chat-support');
  // Validated and re-serialised on PUT; read as stored.
  return stored ? (JSON.parse(stored.json) as SupportSettings) : DEFAULT_SUPPORT_SETTINGS;
}

/** The visitor key a request carries: its header, or (on a socket) its subprotocol. */
function visitorKeyOf(c: Context<AppEnv>): string | undefined {
  const header = c.req.header(VISITOR_KEY_HEADER);
  if (header) return header;
  return (c.req.header('sec-websocket-protocol') ?? '')
    .split(',')
    .map((p) => p.trim())
    .find((p) => p.startsWith(VISITOR_SUBPROTOCOL_PREFIX))
    ?.slice(VISITOR_SUBPROTOCOL_PREFIX.length);
}

/**
 * The conversation `id` if the caller may use it: the tenant's, and the token's customer's —
 * or, for a visitor's, the visitor key that started it. Anything else is the same 404, and a
 * wrong visitor key counts as a failed authentication (guessing is rate-limited).
 */
async function ownConversation(c: Context<AppEnv>, id: string): Promise<ConversationRecord> {
  const claims = tokenClaimsOf(c);
  const deps = c.get('deps');
  const record = await deps.store.getConversation(tenantOf(c).id, id);
  const notFound = new Problem(404, 'not-found', 'No such conversation.');
  if (!record) throw notFound;
  if (record.visitorKeyHash === null) {
    if (record.customer !== claims.sub) throw notFound;
    return record;
  }
  const key = visitorKeyOf(c);
  if (key && VISITOR_KEY_PATTERN.test(key) && (await sha256Hex(key)) === record.visitorKeyHash)
    return record;
  await deps.rateLimiter.hit(
    authFailureBucket(clientIpOf(c)),
    rateLimitsOf(deps).authFailuresPerIp,
  );
  throw notFound;
}

async function limit(c: Context<AppEnv>, bucket: string, perMinute: number, detail: string) {
  const decision = await c.get('deps').rateLimiter.hit(bucket, perMinute);
  if (!decision.allowed) throw rateLimited(decision, detail);
}

const getSupport = createRoute({
  method: 'get',
  path: '/support',
  tags,
  security: bearer,
  middleware: [chatRead] as const,
  responses: {
    200: json(supportStatusSchema, 'The support tier, its hours and whether someone is there now'),
    ...problems,
  },
});

const searchRoute = createRoute({
  method: 'get',
  path: '/articles/search',
  tags,
  security: bearer,
  middleware: [chatRead] as const,
  request: { query: z.object({ q: z.string().max(200) }) },
  responses: {
    200: json(z.object({ hits: z.array(articleHitSchema) }), 'Up to five matching articles'),
    ...problems,
  },
});

const startRoute = createRoute({
  method: 'post',
  path: '/conversations',
  tags,
  security: bearer,
  middleware: [customerChat] as const,
  request: { body: jsonBody(startConversationSchema) },
  responses: {
    200: json(startedConversationSchema, 'The customer’s open conversation, resumed'),
    201: json(startedConversationSchema, 'A new conversation'),
    ...problems,
  },
});

const currentRoute = createRoute({
  method: 'get',
  path: '/conversations/current',
  tags,
  security: bearer,
  middleware: [customerChat] as const,
  responses: {
    200: json(z.object({ conversation: conversationSchema }), 'The customer’s open conversation'),
    204: { description: 'The customer has no open conversation' },
    ...problems,
  },
});

const messagesRoute = createRoute({
  method: 'get',
  path: '/conversations/{id}/messages',
  tags,
  security: bearer,
  middleware: [customerChat] as const,
  request: { params: conversationIdParamSchema, query: afterQuery, headers: visitorHeader },
  responses: {
    200: json(messagePageSchema, `Up to ${REPLAY_LIMIT} messages after \`after\`, oldest first`),
    ...problems,
  },
});

const postRoute = createRoute({
  method: 'post',
  path: '/conversations/{id}/messages',
  tags,
  security: bearer,
  middleware: [customerChat] as const,
  request: {
    params: conversationIdParamSchema,
    headers: visitorHeader,
    body: jsonBody(sendMessageSchema),
  },
  responses: {
    200: json(z.object({ message: chatMessageSchema }), 'Already stored (a retry): as it was'),
    201: json(z.object({ message: chatMessageSchema }), 'Stored and delivered'),
    409: conflict,
    ...problems,
  },
});

const eventsRoute = createRoute({
  method: 'get',
  path: '/conversations/{id}/events',
  tags,
  security: bearer,
  middleware: [customerChat] as const,
  request: { params: conversationIdParamSchema, query: afterQuery, headers: visitorHeader },
  responses: {
    200: {
      description:
        'Server-sent events: each `data:` is one frame of gw-chat.v1 (the replay after `after`, `ready`, then live frames)',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    ...problems,
  },
});

const socketRoute = createRoute({
  method: 'get',
  path: '/conversations/{id}/socket',
  tags,
  security: bearer,
  middleware: [customerChat] as const,
  request: { params: conversationIdParamSchema },
  responses: {
    101: {
      description: `WebSocket (subprotocol ${CHAT_SUBPROTOCOL}; the token as the subprotocol gw-token.<jwt>)`,
    },
    426: problem('Not a WebSocket upgrade'),
    ...problems,
  },
});

const escalateRoute = createRoute({
  method: 'post',
  path: '/conversations/{id}/escalate',
  tags,
  security: bearer,
  middleware: [customerChat] as const,
  request: { params: conversationIdParamSchema, headers: visitorHeader },
  responses: {
    200: json(z.object({ ticket: ticketSchema }), 'Already escalated: the ticket'),
    201: json(z.object({ ticket: ticketSchema }), 'A person will answer by `dueAt`'),
    409: conflict,
    ...problems,
  },
});

export const chatModule = defineModule({
  prefix: '/v1/chat',
  embeddable: true,
  cors: 'tenant',
  routes: ({ chat, dataKeys }: ModuleContext) =>
    router()
      .openapi(getSupport, async (c) => {
        const settings = await supportSettings(c.get('deps').store, tenantOf(c).id);
        c.header('Cache-Control', 'private, max-age=60, must-revalidate');
        c.header('Vary', 'Origin, Authorization');
        return c.json(
          {
            tier: settings.tier,
            hours: settings.hours,
            open: isOpenAt(settings.hours, c.get('deps').clock.now()),
            responseMinutes: TIER_PROMISES[settings.tier].responseMinutes,
            visitors: settings.visitors,
          },
          200,
        );
      })
      .openapi(searchRoute, async (c) => {
        const articles = await c.get('deps').store.listArticles(tenantOf(c).id);
        c.header('Cache-Control', 'private, max-age=60');
        c.header('Vary', 'Origin, Authorization');
        return c.json({ hits: searchArticles(articles, c.req.valid('query').q) }, 200);
      })
      .openapi(startRoute, async (c) => {
        const claims = tokenClaimsOf(c);
        const tenant = tenantOf(c);
        const { store, clock } = c.get('deps');
        const profile = c.req.valid('json');
        if (!isAnonymousSubject(claims.sub)) {
          const open = await store.findOpenConversation(tenant.id, claims.sub);
          // (A visitor's conversation is never a known customer's: mint refuses `visitor:` refs.)
          if (open && open.visitorKeyHash === null)
            return c.json({ conversation: conversationView(open) }, 200);
        } else {
          const settings = await supportSettings(store, tenant.id);
          if (!settings.visitors)
            throw new Problem(
              403,
              'visitors-not-allowed',
              'This bank takes chats from signed-in customers only.',
            );
          const missing = (['name', 'email'] as const).filter((field) => !profile[field]);
          if (missing.length > 0)
            throw new Problem(
              422,
              'customer-details-required',
              'Tell us your name and email first.',
              {
                extensions: {
                  errors: missing.map((field) => ({
                    path: `/${field}`,
                    code: 'required',
                    message: `${field} is required`,
                  })),
                },
              },
            );
        }
        await limit(
          c,
          `chat:start:${claims.jti}`,
          STARTS_PER_MINUTE,
          'Too many new conversations.',
        );
        const now = clock.now();
        const id = newId('cv');
        const visitorKey = isAnonymousSubject(claims.sub) ? `vk_${randomBase62(43)}` : undefined;
        const record: ConversationRecord = {
          id,
          tenantId: tenant.id,
          customer: visitorKey ? `visitor:${id}` : claims.sub,
          visitorKeyHash: visitorKey ? await sha256Hex(visitorKey) : null,
          profileSealed:
            profile.name || profile.email
              ? await dataKeys.seal(tenant.id, JSON.stringify(profile), `chat-profile:${id}`)
              : null,
          status: 'open',
          lastSeq: 0,
          assignee: null,
          escalated: false,
          createdAt: now,
          updatedAt: now,
        };
        await store.createConversation(record, {
          id: newId('evt'),
          type: 'conversation.created',
          // The bank's own reference for a known customer (not PII); nothing for a visitor.
          payload: { conversationId: id, customer: visitorKey ? null : claims.sub, at: now },
        });
        return c.json(
          { conversation: conversationView(record), ...(visitorKey ? { visitorKey } : {}) },
          201,
        );
      })
      .openapi(currentRoute, async (c) => {
        const claims = tokenClaimsOf(c);
        if (isAnonymousSubject(claims.sub)) return c.body(null, 204);
        const open = await c.get('deps').store.findOpenConversation(tenantOf(c).id, claims.sub);
        if (!open) return c.body(null, 204);
        return c.json({ conversation: conversationView(open) }, 200);
      })
      .openapi(messagesRoute, async (c) => {
        const record = await ownConversation(c, c.req.valid('param').id);
        const messages = await chat.service.replay(
          record.tenantId,
          record.id,
          c.req.valid('query').after,
          REPLAY_LIMIT,
        );
        c.header('Cache-Control', 'no-store');
        return c.json({ messages, conversation: conversationView(record) }, 200);
      })
      .openapi(postRoute, async (c) => {
        const record = await ownConversation(c, c.req.valid('param').id);
        const claims = tokenClaimsOf(c);
        await limit(c, `chat:send:${claims.jti}`, MESSAGES_PER_MINUTE, 'Too many messages.');
        const { clientId, text } = c.req.valid('json');
        const result = await chat.realtime.post(record.tenantId, record.id, {
          clientId,
          text,
          author: 'customer',
          authorName: null,
        });
        if (!result) throw new Problem(409, 'conversation-closed', 'This conversation has ended.');
        return c.json({ message: result.message }, result.created ? 201 : 200);
      })
      .openapi(eventsRoute, async (c) => {
        const record = await ownConversation(c, c.req.valid('param').id);
        const claims = tokenClaimsOf(c);
        return chat.realtime.events(
          c,
          {
            tenantId: record.tenantId,
            conversationId: record.id,
            jti: claims.jti,
            exp: claims.exp,
          },
          c.req.valid('query').after,
        ) as never;
      })
      .openapi(socketRoute, async (c) => {
        if (c.req.header('upgrade')?.toLowerCase() !== 'websocket')
          throw new Problem(426, 'upgrade-required', 'This route is a WebSocket.', {
            headers: { Upgrade: 'websocket' },
          });
        const offered = (c.req.header('sec-websocket-protocol') ?? '')
          .split(',')
          .map((p) => p.trim());
        if (!offered.includes(CHAT_SUBPROTOCOL))
          throw new Problem(
            400,
            'subprotocol-required',
            `Offer the subprotocol ${CHAT_SUBPROTOCOL}.`,
          );
        const record = await ownConversation(c, c.req.valid('param').id);
        const claims = tokenClaimsOf(c);
        return chat.realtime.upgrade(c, {
          tenantId: record.tenantId,
          conversationId: record.id,
          jti: claims.jti,
          exp: claims.exp,
        }) as never;
      })
      .openapi(escalateRoute, async (c) => {
        const record = await ownConversation(c, c.req.valid('param').id);
        // Before the existing ticket: a closed conversation's is resolved, and promises nothing.
        if (record.status !== 'open')
          throw new Problem(409, 'conversation-closed', 'This conversation has ended.');
        const { store, clock } = c.get('deps');
        const existing = await store.getTicket(record.tenantId, record.id);
        if (existing) return c.json({ ticket: ticketView(existing) }, 200);
        const settings = await supportSettings(store, record.tenantId);
        const promise = TIER_PROMISES[settings.tier];
        const now = clock.now();
        const result = await chat.realtime.change(record.tenantId, record.id, {
          kind: 'escalate',
          ticket: {
            id: newId('tkt'),
            tenantId: record.tenantId,
            conversationId: record.id,
            priority: promise.priority,
            tier: settings.tier,
            status: 'open',
            createdAt: now,
            dueAt: now + promise.responseMinutes * 60_000,
          },
        });
        if (!result.ok || !result.ticket)
          throw new Problem(409, 'conversation-closed', 'This conversation has ended.');
        return c.json({ ticket: ticketView(result.ticket) }, 201);
      }),
});
