/** The tenant's audit log, newest first, paged by cursor. */
import { createRoute } from '@hono/zod-openapi';
import { auditPageSchema, pageQuerySchema } from '../../contracts/admin.js';
import { requireSecret, tenantOf } from '../middleware/authenticate/index.js';
import { defineModule } from '../module.js';
import { bearer, json, problems } from '../openapi.js';
import { router } from '../router.js';

const listAudit = createRoute({
  method: 'get',
  path: '/',
  tags: ['Audit'],
  security: bearer,
  middleware: [requireSecret('audit:read')] as const,
  request: { query: pageQuerySchema },
  responses: { 200: json(auditPageSchema, 'A page of audit records, newest first'), ...problems },
});

/** The tenant's audit log (`audit:read`). */
export const auditModule = defineModule({
  prefix: '/v1/audit',
  embeddable: false,
  cors: 'none',
  routes: () =>
    router().openapi(listAudit, async (c) => {
      const { cursor, limit } = c.req.valid('query');
      if (cursor !== undefined && !/^\d{1,15}$/.test(cursor)) {
        return c.json({ items: [], nextCursor: null }, 200);
      }
      const page = await c.get('deps').store.listAudit(tenantOf(c).id, cursor ?? null, limit);
      return c.json(
        {
          items: page.items.map(({ tenantId: _tenant, ...record }) => record),
          nextCursor: page.nextCursor,
        },
        200,
      );
    }),
});
