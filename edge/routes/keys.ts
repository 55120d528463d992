/** Secret-key routes: create scoped keys (at most two active per scope set), list, revoke. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { generateKey, newId, SECRET_SCOPES } from '../auth/credentials.js';
import { apiKeySchema, createdKeySchema, createKeySchema } from '../contracts/admin.js';
import { Problem } from '../errors.js';
import { actorOf, requireSecret, tenantOf } from '../middleware/authenticate/index.js';
import { router } from '../router.js';
import type { ApiKey } from '../store/store.js';
import { bearer, conflict, json, jsonBody, problems } from './openapi-helpers.js';

/** Two active keys per scope set, so a key can be rotated with an overlap. */
export const MAX_ACTIVE_KEYS_PER_SCOPE_SET = 2;

const publicKey = (k: ApiKey) => ({
  id: k.id,
  kind: k.kind,
  prefix: k.prefix,
  last4: k.last4,
  scopes: k.scopes,
  createdAt: k.createdAt,
  revokedAt: k.revokedAt,
});

const tags = ['Keys'];
const guard = requireSecret('keys:write');

const createKey = createRoute({
  method: 'post',
  path: '/v1/keys',
  tags,
  security: bearer,
  middleware: [guard] as const,
  request: { body: jsonBody(createKeySchema) },
  responses: { 201: json(createdKeySchema, 'The key, shown once'), 409: conflict, ...problems },
});

const listKeys = createRoute({
  method: 'get',
  path: '/v1/keys',
  tags,
  security: bearer,
  middleware: [guard] as const,
  responses: {
    200: json(z.object({ items: z.array(apiKeySchema) }), 'Every key of the tenant'),
    ...problems,
  },
});

const revokeKey = createRoute({
  method: 'delete',
  path: '/v1/keys/{id}',
  tags,
  security: bearer,
  middleware: [guard] as const,
  request: { params: z.object({ id: z.string().max(64) }) },
  responses: { 204: { description: 'Revoked; it fails on the very next request' }, ...problems },
});

export const keyRoutes = () =>
  router()
    .openapi(createKey, async (c) => {
      const tenant = tenantOf(c);
      const body = c.req.valid('json');
      const scopes =
        body.kind === 'publishable' ? [] : [...new Set(body.scopes ?? SECRET_SCOPES)].sort();
      const generated = await generateKey(body.kind);
      const key = {
        id: newId('key'),
        tenantId: tenant.id,
        kind: body.kind,
        prefix: generated.prefix,
        last4: generated.last4,
        hash: generated.hash,
        scopes,
        createdAt: c.get('deps').clock.now(),
      };
      const result = await c.get('deps').store.createKey(key, MAX_ACTIVE_KEYS_PER_SCOPE_SET, {
        tenantId: tenant.id,
        actor: actorOf(c),
        action: 'key.create',
        target: key.id,
        beforeHash: null,
        afterHash: null,
      });
      if (result === 'limit') {
        throw new Problem(
          409,
          'key-limit',
          `At most ${MAX_ACTIVE_KEYS_PER_SCOPE_SET} active keys per scope set; revoke one first.`,
        );
      }
      return c.json({ key: publicKey({ ...key, revokedAt: null }), secret: generated.key }, 201);
    })
    .openapi(listKeys, async (c) => {
      const keys = await c.get('deps').store.listKeys(tenantOf(c).id);
      return c.json({ items: keys.map(publicKey) }, 200);
    })
    .openapi(revokeKey, async (c) => {
      const tenant = tenantOf(c);
      const { id } = c.req.valid('param');
      const revoked = await c
        .get('deps')
        .store.revokeKey(tenant.id, id, c.get('deps').clock.now(), {
          tenantId: tenant.id,
          actor: actorOf(c),
          action: 'key.revoke',
          target: id,
          beforeHash: null,
          afterHash: null,
        });
      if (!revoked) throw new Problem(404, 'not-found', 'No active key with this id.');
      return c.body(null, 204);
    });
