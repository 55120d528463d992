/**
 * Secret-key routes: create scoped keys, list, revoke. Scopes only narrow: a key creates and
 * revokes only keys whose scopes are a subset of its own. At most two active keys per scope
 * set (rotation with an overlap) and `MAX_ACTIVE_SECRET_KEYS` secret keys per tenant.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { apiKeySchema, createdKeySchema, createKeySchema } from '../../contracts/admin.js';
import { generateKey, newId } from '../auth/credentials.js';
import type { AppEnv } from '../context.js';
import { Problem } from '../errors.js';
import { actorOf, requireSecret, tenantOf } from '../middleware/authenticate/index.js';
import { defineModule } from '../module.js';
import { bearer, conflict, json, jsonBody, problems } from '../openapi.js';
import { router } from '../router.js';
import type { ApiKey } from '../store/store.js';

/** Two active keys per scope set, so a key can be rotated with an overlap. */
export const MAX_ACTIVE_KEYS_PER_SCOPE_SET = 2;
/** Active secret keys per tenant, whatever their scopes. */
export const MAX_ACTIVE_SECRET_KEYS = 10;

const isSubset = (scopes: readonly string[], of: readonly string[]) =>
  scopes.every((scope) => of.includes(scope));

/** The calling secret key's scopes (the guard let only secret keys in). */
function callerScopes(c: Context<AppEnv>): string[] {
  const caller = c.get('caller');
  return caller.kind === 'secret' ? caller.key.scopes : [];
}

const broaderThanCaller = (scopes: readonly string[]) =>
  new Problem(
    403,
    'scope-escalation',
    'A key can only create or revoke keys whose scopes are a subset of its own.',
    { extensions: { scopes: [...scopes] } },
  );

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
  path: '/',
  tags,
  security: bearer,
  middleware: [guard] as const,
  request: { body: jsonBody(createKeySchema) },
  responses: { 201: json(createdKeySchema, 'The key, shown once'), 409: conflict, ...problems },
});

const listKeys = createRoute({
  method: 'get',
  path: '/',
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
  path: '/{id}',
  tags,
  security: bearer,
  middleware: [guard] as const,
  request: { params: z.object({ id: z.string().max(64) }) },
  responses: { 204: { description: 'Revoked; it fails on the very next request' }, ...problems },
});

/** Secret keys (`keys:write`): the admin API, called from a bank's servers. */
export const keysModule = defineModule({
  prefix: '/v1/keys',
  embeddable: false,
  cors: 'none',
  routes: () =>
    router()
      .openapi(createKey, async (c) => {
        const tenant = tenantOf(c);
        const body = c.req.valid('json');
        const scopes = [...new Set(body.scopes ?? [])].sort();
        if (!isSubset(scopes, callerScopes(c))) throw broaderThanCaller(scopes);
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
        const limits = {
          perScopeSet: MAX_ACTIVE_KEYS_PER_SCOPE_SET,
          secretPerTenant: MAX_ACTIVE_SECRET_KEYS,
        };
        const result = await c.get('deps').store.createKey(key, limits, {
          tenantId: tenant.id,
          actor: actorOf(c),
          action: 'key.create',
          target: key.id,
          beforeHash: null,
          afterHash: null,
        });
        if (result === 'scope-set-limit') {
          throw new Problem(
            409,
            'key-limit',
            `At most ${MAX_ACTIVE_KEYS_PER_SCOPE_SET} active keys per scope set; revoke one first.`,
          );
        }
        if (result === 'tenant-limit') {
          throw new Problem(
            409,
            'key-limit',
            `At most ${MAX_ACTIVE_SECRET_KEYS} active secret keys per tenant; revoke one first.`,
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
        const { store, clock } = c.get('deps');
        const target = (await store.listKeys(tenant.id)).find((k) => k.id === id);
        if (!target || target.revokedAt !== null)
          throw new Problem(404, 'not-found', 'No active key with this id.');
        if (!isSubset(target.scopes, callerScopes(c))) throw broaderThanCaller(target.scopes);
        // Scopes never change, so the check above still holds when the revocation runs.
        const revoked = await store.revokeKey(tenant.id, id, clock.now(), {
          tenantId: tenant.id,
          actor: actorOf(c),
          action: 'key.revoke',
          target: id,
          beforeHash: null,
          afterHash: null,
        });
        if (!revoked) throw new Problem(404, 'not-found', 'No active key with this id.');
        return c.body(null, 204);
      }),
});
