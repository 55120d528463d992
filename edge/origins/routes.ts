/** The exact origins that may embed a tenant's widgets (and that tokens may be minted for). */
import { createRoute } from '@hono/zod-openapi';
import { originsSchema } from '../../contracts/admin.js';
import { sha256Hex } from '../auth/credentials.js';
import { actorOf, requireSecret, tenantOf } from '../middleware/authenticate/index.js';
import { defineModule } from '../module.js';
import { bearer, json, jsonBody, problems } from '../openapi.js';
import { router } from '../router.js';

const tags = ['Origins'];
const guard = requireSecret('origins:write');

const getOrigins = createRoute({
  method: 'get',
  path: '/',
  tags,
  security: bearer,
  middleware: [guard] as const,
  responses: { 200: json(originsSchema, 'The allowed origins'), ...problems },
});

const putOrigins = createRoute({
  method: 'put',
  path: '/',
  tags,
  security: bearer,
  middleware: [guard] as const,
  request: { body: jsonBody(originsSchema) },
  responses: { 200: json(originsSchema, 'The allowed origins, replaced'), ...problems },
});

const listHash = async (origins: string[]) => (await sha256Hex(origins.join('\n'))).slice(0, 16);

/** The tenant's allowed origins (`origins:write`). */
export const originsModule = defineModule({
  prefix: '/v1/origins',
  embeddable: false,
  cors: 'none',
  routes: () =>
    router()
      .openapi(getOrigins, async (c) =>
        c.json({ origins: await c.get('deps').store.getOrigins(tenantOf(c).id) }, 200),
      )
      .openapi(putOrigins, async (c) => {
        const tenant = tenantOf(c);
        const origins = [...new Set(c.req.valid('json').origins)].sort();
        const before = await c.get('deps').store.getOrigins(tenant.id);
        await c.get('deps').store.setOrigins(tenant.id, origins, {
          tenantId: tenant.id,
          actor: actorOf(c),
          action: 'origins.set',
          target: 'origins',
          beforeHash: await listHash(before),
          afterHash: await listHash(origins),
        });
        return c.json({ origins }, 200);
      }),
});
