/**
 * The bank's support agents, through the bank's own tools, with a secret key holding
 * `chat:agent`: open conversations, one conversation's messages, a reply (delivered live to
 * the customer, in the conversation's order), assignment, closing, and the tickets about to
 * breach their tier's response time. The tenant always comes from the key.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  agentMessageSchema,
  assignSchema,
  CONVERSATION_ID_PATTERN,
  CONVERSATION_STATUSES,
  chatMessageSchema,
  conversationIdParamSchema,
  conversationSchema,
  REPLAY_LIMIT,
  ticketSchema,
} from '../../contracts/chat.js';
import { decodeCursor, encodeCursor } from '../applications/cursor.js';
import type { AppEnv } from '../context.js';
import { Problem } from '../errors.js';
import { actorOf, requireSecret, tenantOf } from '../middleware/authenticate/index.js';
import { defineModule, type ModuleContext } from '../module.js';
import { bearer, conflict, json, jsonBody, problems } from '../openapi.js';
import { router } from '../router.js';
import { conversationView, ticketView } from './service.js';

const tags = ['Support chat: agents'];
const agent = requireSecret('chat:agent');

const listRoute = createRoute({
  method: 'get',
  path: '/conversations',
  tags,
  security: bearer,
  middleware: [agent] as const,
  request: {
    query: z.object({
      status: z.enum(CONVERSATION_STATUSES).default('open'),
      limit: z.coerce.number().int().min(1).max(100).default(50),
      cursor: z.string().max(200).optional(),
    }),
  },
  responses: {
    200: json(
      z.object({ items: z.array(conversationSchema), nextCursor: z.string().nullable() }),
      'Conversations, most recently active first',
    ),
    ...problems,
  },
});

const readRoute = createRoute({
  method: 'get',
  path: '/conversations/{id}',
  tags,
  security: bearer,
  middleware: [agent] as const,
  request: {
    params: conversationIdParamSchema,
    query: z.object({ after: z.coerce.number().int().min(0).default(0) }),
  },
  responses: {
    200: json(
      z.object({
        conversation: conversationSchema,
        messages: z.array(chatMessageSchema),
        ticket: ticketSchema.nullable(),
        visitor: z
          .object({ name: z.string().nullable(), email: z.string().nullable() })
          .nullable()
          .meta({
            description: 'An anonymous visitor’s pre-chat details; null for a known customer.',
          }),
      }),
      `The conversation, up to ${REPLAY_LIMIT} messages after \`after\`, its ticket and who the visitor said they are`,
    ),
    ...problems,
  },
});

const replyRoute = createRoute({
  method: 'post',
  path: '/conversations/{id}/messages',
  tags,
  security: bearer,
  middleware: [agent] as const,
  request: { params: conversationIdParamSchema, body: jsonBody(agentMessageSchema) },
  responses: {
    200: json(z.object({ message: chatMessageSchema }), 'Already stored (a retry): as it was'),
    201: json(z.object({ message: chatMessageSchema }), 'Stored and delivered to the customer'),
    409: conflict,
    ...problems,
  },
});

const typingRoute = createRoute({
  method: 'post',
  path: '/conversations/{id}/typing',
  tags,
  security: bearer,
  middleware: [agent] as const,
  request: { params: conversationIdParamSchema },
  responses: {
    204: { description: 'The customer sees that an agent is typing (for a few seconds)' },
    409: conflict,
    ...problems,
  },
});

const assignRoute = createRoute({
  method: 'post',
  path: '/conversations/{id}/assign',
  tags,
  security: bearer,
  middleware: [agent] as const,
  request: { params: conversationIdParamSchema, body: jsonBody(assignSchema) },
  responses: {
    200: json(z.object({ conversation: conversationSchema }), 'Assigned (or unassigned)'),
    409: conflict,
    ...problems,
  },
});

const closeRoute = createRoute({
  method: 'post',
  path: '/conversations/{id}/close',
  tags,
  security: bearer,
  middleware: [agent] as const,
  request: { params: conversationIdParamSchema },
  responses: {
    200: json(z.object({ conversation: conversationSchema }), 'Closed; its ticket resolved'),
    409: conflict,
    ...problems,
  },
});

const ticketsRoute = createRoute({
  method: 'get',
  path: '/tickets',
  tags,
  security: bearer,
  middleware: [agent] as const,
  request: {
    query: z.object({
      dueWithinMinutes: z.coerce
        .number()
        .int()
        .min(0)
        .max(7 * 24 * 60)
        .optional()
        .meta({ description: 'Only tickets due within this many minutes (or overdue).' }),
      limit: z.coerce.number().int().min(1).max(200).default(100),
    }),
  },
  responses: {
    200: json(z.object({ items: z.array(ticketSchema) }), 'Open tickets, soonest due first'),
    ...problems,
  },
});

export const agentModule = defineModule({
  prefix: '/v1/agent',
  embeddable: false,
  cors: 'none',
  routes: ({ chat, dataKeys }: ModuleContext) =>
    router()
      .openapi(listRoute, async (c) => {
        const { status, limit, cursor } = c.req.valid('query');
        // The cursor's time is the last conversation's activity (the list's order).
        const before = cursor ? decodeCursor(cursor, CONVERSATION_ID_PATTERN) : undefined;
        const items = await c.get('deps').store.listConversations(tenantOf(c).id, {
          status,
          limit: limit + 1,
          ...(before ? { before: { updatedAt: before.createdAt, id: before.id } } : {}),
        });
        const page = items.slice(0, limit);
        const last = page.at(-1);
        return c.json(
          {
            items: page.map(conversationView),
            nextCursor:
              items.length > limit && last
                ? encodeCursor({ createdAt: last.updatedAt, id: last.id })
                : null,
          },
          200,
        );
      })
      .openapi(readRoute, async (c) => {
        const tenantId = tenantOf(c).id;
        const { id } = c.req.valid('param');
        const { store } = c.get('deps');
        const record = await store.getConversation(tenantId, id);
        if (!record) throw new Problem(404, 'not-found', 'No such conversation.');
        const [messages, ticket] = await Promise.all([
          chat.service.replay(tenantId, id, c.req.valid('query').after, REPLAY_LIMIT),
          store.getTicket(tenantId, id),
        ]);
        // A visitor's name and email were sealed when the conversation started.
        const profile = record.profileSealed
          ? (JSON.parse(
              await dataKeys.open(tenantId, record.profileSealed, `chat-profile:${id}`),
            ) as { name?: string; email?: string })
          : undefined;
        return c.json(
          {
            conversation: conversationView(record),
            messages,
            ticket: ticket ? ticketView(ticket) : null,
            visitor: profile ? { name: profile.name ?? null, email: profile.email ?? null } : null,
          },
          200,
        );
      })
      .openapi(replyRoute, async (c) => {
        const tenantId = tenantOf(c).id;
        const { id } = c.req.valid('param');
        const { clientId, text, agentName } = c.req.valid('json');
        const result = await chat.realtime.post(tenantId, id, {
          clientId,
          text,
          author: 'agent',
          authorName: agentName ?? null,
        });
        // Nothing stored: not the tenant's (404), or ended (409). Asked only then, so a reply
        // costs no read of its own.
        if (!result) {
          if (!(await c.get('deps').store.getConversation(tenantId, id)))
            throw new Problem(404, 'not-found', 'No such conversation.');
          throw new Problem(409, 'conversation-closed', 'This conversation has ended.');
        }
        return c.json({ message: result.message }, result.created ? 201 : 200);
      })
      .openapi(typingRoute, async (c) => {
        const tenantId = tenantOf(c).id;
        const { id } = c.req.valid('param');
        if (!(await c.get('deps').store.getConversation(tenantId, id)))
          throw new Problem(404, 'not-found', 'No such conversation.');
        const result = await chat.realtime.change(tenantId, id, { kind: 'typing' });
        if (!result.ok)
          throw new Problem(409, 'conversation-closed', 'This conversation has ended.');
        return c.body(null, 204);
      })
      .openapi(assignRoute, async (c) => {
        const tenantId = tenantOf(c).id;
        const { id } = c.req.valid('param');
        const { agent: assignee } = c.req.valid('json');
        const result = await chat.realtime.change(tenantId, id, {
          kind: 'assign',
          assignee,
          audit: {
            tenantId,
            actor: actorOf(c),
            action: 'chat.assign',
            target: id,
            beforeHash: null,
            afterHash: null,
            details: { assigned: assignee !== null },
          },
        });
        return conversationAnswer(c, tenantId, id, result.ok);
      })
      .openapi(closeRoute, async (c) => {
        const tenantId = tenantOf(c).id;
        const { id } = c.req.valid('param');
        const result = await chat.realtime.change(tenantId, id, {
          kind: 'close',
          audit: {
            tenantId,
            actor: actorOf(c),
            action: 'chat.close',
            target: id,
            beforeHash: null,
            afterHash: null,
          },
        });
        return conversationAnswer(c, tenantId, id, result.ok);
      })
      .openapi(ticketsRoute, async (c) => {
        const { dueWithinMinutes, limit } = c.req.valid('query');
        const now = c.get('deps').clock.now();
        const items = await c.get('deps').store.listTickets(tenantOf(c).id, {
          limit,
          ...(dueWithinMinutes !== undefined ? { dueBefore: now + dueWithinMinutes * 60_000 } : {}),
        });
        return c.json({ items: items.map(ticketView) }, 200);
      }),
});

/** The conversation after a change: 404 if it is not the tenant's, 409 if it was not open. */
async function conversationAnswer(c: Context<AppEnv>, tenantId: string, id: string, ok: boolean) {
  const record = await c.get('deps').store.getConversation(tenantId, id);
  if (!record) throw new Problem(404, 'not-found', 'No such conversation.');
  if (!ok) throw new Problem(409, 'conversation-closed', 'This conversation has already ended.');
  return c.json({ conversation: conversationView(record) }, 200);
}
