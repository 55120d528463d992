/**
 * Widget tokens: mint (secret key with tokens:mint), revoke one at once or all of the tenant's,
 * and the public JWKS. Every minted token is recorded and audited (jti, minting key, origin,
 * expiry — never the token); a token ends with its minting key's revocation.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { mintedTokenSchema, mintTokenSchema } from '../../contracts/tokens.js';
import { newId } from '../auth/credentials.js';
import { Problem } from '../errors.js';
import { actorOf, requireSecret, tenantOf } from '../middleware/authenticate/index.js';
import { defineModule } from '../module.js';
import { bearer, json, jsonBody, problems } from '../openapi.js';
import { router } from '../router.js';

const tags = ['Widget tokens'];
const guard = requireSecret('tokens:mint');

const mint = createRoute({
  method: 'post',
  path: '/',
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
  path: '/{jti}',
  tags,
  security: bearer,
  middleware: [guard] as const,
  request: { params: z.object({ jti: z.string().regex(/^jti_[A-Za-z0-9]{20}$/) }) },
  responses: { 204: { description: 'Revoked; refused from the next request on' }, ...problems },
});

const revokeAll = createRoute({
  method: 'post',
  path: '/revoke-all',
  tags,
  security: bearer,
  middleware: [guard] as const,
  responses: {
    200: json(
      z.object({ revoked: z.number().int() }).meta({ id: 'RevokedTokens' }),
      'Every unexpired token of the tenant is refused from the next request on',
    ),
    ...problems,
  },
});

const jwks = createRoute({
  method: 'get',
  path: '/jwks.json',
  tags,
  responses: {
    200: json(
      z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).meta({ id: 'Jwks' }),
      'Public keys that verify widget tokens',
    ),
  },
});

/** Widget tokens, minted and revoked by a bank's backend (`tokens:mint`). */
export const tokensModule = defineModule({
  prefix: '/v1/tokens',
  embeddable: false,
  cors: 'none',
  routes: ({ keyRing }) =>
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
            // `anon_…`: an anonymous visitor (contracts/chat-rules.ts ANONYMOUS_SUBJECT_PREFIX).
            subject: body.customer ?? newId('anon'),
            scopes: body.scopes,
            origin: body.origin,
            ttlSeconds: body.ttlSeconds,
          },
          c.get('deps').config.publicUrl,
        );
        const keyId = actorOf(c);
        // Recorded before it is handed out: a token the edge has no record of is refused.
        await c.get('deps').store.recordToken(
          {
            tenantId: tenant.id,
            jti: claims.jti,
            keyId,
            origin: claims.org,
            scopes: claims.scp,
            createdAt: claims.iat * 1000,
            expiresAt: claims.exp * 1000,
          },
          {
            tenantId: tenant.id,
            actor: keyId,
            action: 'token.mint',
            target: claims.jti,
            beforeHash: null,
            afterHash: null,
            details: { origin: claims.org, scopes: claims.scp, expiresAt: claims.exp },
          },
        );
        return c.json({ token, expiresAt: claims.exp, jti: claims.jti }, 201);
      })
      .openapi(revokeAll, async (c) => {
        const tenant = tenantOf(c);
        const revoked = await c
          .get('deps')
          .store.revokeAllTokens(tenant.id, c.get('deps').clock.now(), {
            tenantId: tenant.id,
            actor: actorOf(c),
            action: 'token.revoke-all',
            target: 'tokens',
            beforeHash: null,
            afterHash: null,
          });
        return c.json({ revoked }, 200);
      })
      .openapi(revoke, async (c) => {
        const tenant = tenantOf(c);
        const { jti } = c.req.valid('param');
        const result = await c
          .get('deps')
          .store.revokeToken(tenant.id, jti, c.get('deps').clock.now(), {
            tenantId: tenant.id,
            actor: actorOf(c),
            action: 'token.revoke',
            target: jti,
            beforeHash: null,
            afterHash: null,
          });
        // Another tenant's jti is as unknown as a made-up one.
        if (result === 'unknown') throw new Problem(404, 'not-found', 'No token with this id.');
        return c.body(null, 204);
      }),
});

/** The public keys that verify widget tokens, for anyone. */
export const jwksModule = defineModule({
  prefix: '/.well-known',
  embeddable: false,
  cors: 'none',
  routes: ({ keyRing }) =>
    router().openapi(jwks, async (c) => {
      c.header('Cache-Control', 'public, max-age=300');
      return c.json(await keyRing.jwks(), 200);
    }),
});
