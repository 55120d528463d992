/**
 * Webhooks through the tenant API (`webhooks:write`): register an endpoint (its signing secret
 * shown once), list and disable endpoints, read the delivery log, send a delivery again.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  createdWebhookEndpointSchema,
  createWebhookEndpointSchema,
  DELIVERY_STATUSES,
  MAX_WEBHOOK_ENDPOINTS,
  webhookAttemptSchema,
  webhookDeliverySchema,
  webhookEndpointSchema,
  webhookUrlSchema,
} from '../../contracts/webhooks.js';
import { newId, randomBase62 } from '../auth/credentials.js';
import { SecretBox } from '../auth/secret-box.js';
import type { EdgeConfig } from '../deps.js';
import { Problem } from '../errors.js';
import { actorOf, requireSecret, tenantOf } from '../middleware/authenticate/index.js';
import { defineModule } from '../module.js';
import { bearer, conflict, json, jsonBody, problems } from '../openapi.js';
import { router } from '../router.js';
import type { WebhookDelivery, WebhookEndpoint } from '../store/ports/webhooks.js';

const tags = ['Webhooks'];
const guard = requireSecret('webhooks:write');
const PAGE_LIMIT = 100;
const LOOPBACK_URL = /^http:\/\/127\.0\.0\.1:\d{1,5}\/[A-Za-z0-9._~%/-]*$/;

/** The URL as registered, or a 422 saying what an endpoint URL must be. */
function endpointUrl(url: string, config: EdgeConfig): string {
  if (config.allowLoopbackWebhooks && LOOPBACK_URL.test(url)) return url;
  const parsed = webhookUrlSchema.safeParse(url);
  if (!parsed.success)
    throw new Problem(422, 'validation-failed', 'The request does not match the schema.', {
      extensions: {
        errors: [
          {
            path: '/url',
            message: parsed.error.issues[0]?.message ?? 'not a valid endpoint URL',
            code: 'invalid_format',
          },
        ],
      },
    });
  return url;
}

const publicEndpoint = ({ tenantId: _tenant, ...endpoint }: WebhookEndpoint) => endpoint;
const publicDelivery = ({ tenantId: _tenant, ...delivery }: WebhookDelivery) => delivery;

const idParam = (prefix: string) =>
  z.object({ id: z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9]{10,40}$`)) });

const createEndpoint = createRoute({
  method: 'post',
  path: '/endpoints',
  tags,
  security: bearer,
  middleware: [guard] as const,
  request: { body: jsonBody(createWebhookEndpointSchema) },
  responses: {
    201: json(createdWebhookEndpointSchema, 'The endpoint, with its signing secret shown once'),
    409: conflict,
    ...problems,
  },
});

const listEndpoints = createRoute({
  method: 'get',
  path: '/endpoints',
  tags,
  security: bearer,
  middleware: [guard] as const,
  responses: {
    200: json(z.object({ items: z.array(webhookEndpointSchema) }), 'Every endpoint of the tenant'),
    ...problems,
  },
});

const disableEndpoint = createRoute({
  method: 'delete',
  path: '/endpoints/{id}',
  tags,
  security: bearer,
  middleware: [guard] as const,
  request: { params: idParam('whe') },
  responses: {
    204: { description: 'Disabled; its pending deliveries end as failed' },
    ...problems,
  },
});

const listDeliveries = createRoute({
  method: 'get',
  path: '/deliveries',
  tags,
  security: bearer,
  middleware: [guard] as const,
  request: {
    query: z.object({
      status: z.enum(DELIVERY_STATUSES).optional(),
      cursor: z.string().max(100).optional(),
      limit: z.coerce.number().int().min(1).max(PAGE_LIMIT).default(50),
    }),
  },
  responses: {
    200: json(
      z
        .object({ items: z.array(webhookDeliverySchema), nextCursor: z.string().nullable() })
        .meta({ id: 'WebhookDeliveryPage' }),
      'Deliveries, newest first',
    ),
    ...problems,
  },
});

const listAttempts = createRoute({
  method: 'get',
  path: '/deliveries/{id}/attempts',
  tags,
  security: bearer,
  middleware: [guard] as const,
  request: { params: idParam('whd') },
  responses: {
    200: json(z.object({ items: z.array(webhookAttemptSchema) }), 'Every attempt, oldest first'),
    ...problems,
  },
});

const redeliver = createRoute({
  method: 'post',
  path: '/deliveries/{id}/redeliver',
  tags,
  security: bearer,
  middleware: [guard] as const,
  request: { params: idParam('whd') },
  responses: {
    202: json(z.object({ queued: z.literal(true) }), 'Queued; sent on the next round'),
    ...problems,
  },
});

// `<createdAt>.<id>`: the position after the last delivery of a page.
const encodeCursor = (d: WebhookDelivery) => `${d.createdAt}.${d.id}`;
function decodeCursor(cursor: string): { createdAt: number; id: string } {
  const match = /^(\d{1,15})\.(whd_[a-f0-9]{20})$/.exec(cursor);
  if (!match) throw new Problem(400, 'invalid-cursor', 'The cursor is not one this API gave.');
  return { createdAt: Number(match[1]), id: match[2] as string };
}

/** Webhook endpoints and deliveries (`webhooks:write`). */
export const webhooksModule = defineModule({
  prefix: '/v1/webhooks',
  embeddable: false,
  cors: 'none',
  routes: () =>
    router()
      .openapi(createEndpoint, async (c) => {
        const tenant = tenantOf(c);
        const deps = c.get('deps');
        const body = c.req.valid('json');
        const url = endpointUrl(body.url, deps.config);
        const id = newId('whe');
        const secret = `whsec_${randomBase62(43)}`;
        const box = new SecretBox(deps.config.masterKey, deps.config.previousMasterKeys);
        const sealed = await box.seal(secret, id);
        const endpoint: WebhookEndpoint = {
          id,
          tenantId: tenant.id,
          url,
          description: body.description ?? null,
          status: 'active',
          createdAt: deps.clock.now(),
        };
        const created = await deps.store.createWebhookEndpoint(
          endpoint,
          { ciphertext: sealed.ciphertext, kekId: sealed.kekId, alg: sealed.alg },
          MAX_WEBHOOK_ENDPOINTS,
          {
            tenantId: tenant.id,
            actor: actorOf(c),
            action: 'webhook.endpoint-created',
            target: id,
            beforeHash: null,
            afterHash: null,
            details: { url },
          },
        );
        if (!created)
          throw new Problem(
            409,
            'endpoint-limit',
            `At most ${MAX_WEBHOOK_ENDPOINTS} active endpoints per tenant; disable one first.`,
          );
        return c.json({ endpoint: publicEndpoint(endpoint), secret }, 201);
      })
      .openapi(listEndpoints, async (c) => {
        const items = await c.get('deps').store.listWebhookEndpoints(tenantOf(c).id);
        return c.json({ items: items.map(publicEndpoint) }, 200);
      })
      .openapi(disableEndpoint, async (c) => {
        const tenant = tenantOf(c);
        const { id } = c.req.valid('param');
        const deps = c.get('deps');
        const disabled = await deps.store.disableWebhookEndpoint(tenant.id, id, deps.clock.now(), {
          tenantId: tenant.id,
          actor: actorOf(c),
          action: 'webhook.endpoint-disabled',
          target: id,
          beforeHash: null,
          afterHash: null,
        });
        if (!disabled) throw new Problem(404, 'not-found', 'No active endpoint with this id.');
        return c.body(null, 204);
      })
      .openapi(listDeliveries, async (c) => {
        const { status, cursor, limit } = c.req.valid('query');
        const items = await c.get('deps').store.listWebhookDeliveries(tenantOf(c).id, {
          status,
          before: cursor === undefined ? undefined : decodeCursor(cursor),
          limit: limit + 1,
        });
        const page = items.slice(0, limit);
        const last = page.at(-1);
        return c.json(
          {
            items: page.map(publicDelivery),
            nextCursor: items.length > limit && last ? encodeCursor(last) : null,
          },
          200,
        );
      })
      .openapi(listAttempts, async (c) => {
        const { id } = c.req.valid('param');
        const items = await c.get('deps').store.listWebhookAttempts(tenantOf(c).id, id);
        if (!items) throw new Problem(404, 'not-found', 'No delivery with this id.');
        return c.json({ items }, 200);
      })
      .openapi(redeliver, async (c) => {
        const tenant = tenantOf(c);
        const { id } = c.req.valid('param');
        const deps = c.get('deps');
        const queued = await deps.store.redeliverWebhook(tenant.id, id, deps.clock.now(), {
          tenantId: tenant.id,
          actor: actorOf(c),
          action: 'webhook.redelivered',
          target: id,
          beforeHash: null,
          afterHash: null,
        });
        if (!queued)
          throw new Problem(404, 'not-found', 'No delivery with this id to an active endpoint.');
        return c.json({ queued: true as const }, 202);
      }),
});
