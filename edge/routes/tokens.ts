/** Widget tokens: mint (secret key with tokens:mint), revoke at once, and the public JWKS. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { newId } from '../auth/credentials.js';
import type { KeyRing } from '../auth/widget-tokens.js';
import { mintedTokenSchema, mintTokenSchema } from '../contracts/tokens.js';
import { Problem } from '../errors.js';
import { actorOf, requireSecret, tenantOf } from '../middleware/authenticate/index.js';
import { router } from '../router.js';
import { bearer, json, jsonBody, problems } from './openapi-helpers.js';

const tags = ['Widget tokens'];
const guard = requireSecret('tokens:mint');

const mint = createRoute({
  method: 'post',
  path: '/v1/tokens',
  tags,
  security: bearer,
  middleware: [guard] as const,
  request: { body: jsonBody(mintTokenSchema) },
  responses: {
    201: json(mintedTokenSchema, 'A signed widget token (10 minutes by default, 60 at most)'),
    ...problems,
  },
});

const revoke = createRoute({
  method: 'delete',
  path: '/v1/tokens/{jti}',
  tags,
  security: bearer,
  middleware: [guard] as const,
  request: { params: z.object({ jti: z.string().regex(/^jti_[A-Za-z0-9]{20}$/) }) },
  responses: { 204: { description: 'Revoked; refused from the next request on' }, ...problems },
});

const jwks = createRoute({
  method: 'get',
  path: '/.well-known/jwks.json',
  tags,
  responses: {
    200: json(
      z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).meta({ id: 'Jwks' }),
      'Public keys that verify widget tokens',
    ),
  },
});

export const tokenRoutes = (keyRing: KeyRing) =>
  router()
    .openapi(mint, async (c) => {
      const tenant = tenantOf(c);
      const body = c.req.valid('json');
      const allowed = await c.get('deps').store.getOrigins(tenant.id);
      if (!allowed.includes(body.origin)) {
        throw new Problem(
          422,
          'origin-not-allowed',
          'Tokens can only be minted for an allowed origin (PUT /v1/origins).',
        );
      }
      const { token, claims } = await keyRing.mint(
        {
          tenantId: tenant.id,
          subject: body.customer ?? newId('anon'),
          scopes: body.scopes,
          origin: body.origin,
          ttlSeconds: body.ttlSeconds,
        },
        c.get('deps').config.publicUrl,
      );
      return c.json({ token, expiresAt: claims.exp, jti: claims.jti }, 201);
    })
    .openapi(revoke, async (c) => {
      const tenant = tenantOf(c);
      const { jti } = c.req.valid('param');
      // Kept until the longest possible token lifetime has passed; the jti alone says nothing
      // about its expiry, and a foreign tenant's jti is harmless to record.
      const until = c.get('deps').clock.now() + 3600 * 1000;
      await c.get('deps').store.revokeToken(jti, tenant.id, until);
      c.get('deps').logger.info('token-revoked', {
        requestId: c.get('requestId'),
        tenantId: tenant.id,
        by: actorOf(c),
      });
      return c.body(null, 204);
    })
    .openapi(jwks, async (c) => {
      c.header('Cache-Control', 'public, max-age=300');
      return c.json(await keyRing.jwks(), 200);
    });
