/** Operator routes: create, list and suspend tenants; stage and rotate the token signing key. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  createdTenantSchema,
  createTenantSchema,
  pageQuerySchema,
  tenantListSchema,
  tenantSchema,
} from '../../contracts/admin.js';
import { generateKey, newId, SECRET_SCOPES } from '../auth/credentials.js';
import { Problem } from '../errors.js';
import { requireOperator } from '../middleware/authenticate/index.js';
import { defineModule } from '../module.js';
import { bearer, conflict, json, jsonBody, problems } from '../openapi.js';
import { router } from '../router.js';
import type { NewApiKey, Store, Tenant } from '../store/store.js';

const publicTenant = (t: Tenant) => ({
  id: t.id,
  slug: t.slug,
  name: t.name,
  status: t.status,
  createdAt: t.createdAt,
});

const tags = ['Operator'];

const createTenant = createRoute({
  method: 'post',
  path: '/',
  tags,
  security: bearer,
  middleware: [requireOperator()] as const,
  request: { body: jsonBody(createTenantSchema) },
  responses: {
    201: json(
      createdTenantSchema,
      'The tenant, its first secret key (all scopes) and its publishable key',
    ),
    409: conflict,
    ...problems,
  },
});

const listTenants = createRoute({
  method: 'get',
  path: '/',
  tags,
  security: bearer,
  middleware: [requireOperator()] as const,
  request: { query: pageQuerySchema },
  responses: { 200: json(tenantListSchema, 'A page of tenants'), ...problems },
});

const tenantIdParams = z.object({ id: z.string().max(64) });

const setStatus = (action: 'suspend' | 'resume') =>
  createRoute({
    method: 'post',
    path: `/{id}/${action}`,
    tags,
    security: bearer,
    middleware: [requireOperator()] as const,
    request: { params: tenantIdParams },
    responses: { 200: json(tenantSchema, `The tenant after ${action}`), ...problems },
  });

const signingKeys = z
  .object({
    active: z.string().optional(),
    staged: z.string().optional(),
    retiring: z.array(z.string()).optional(),
  })
  .meta({ id: 'SigningKeyChange' });

const stageKey = createRoute({
  method: 'post',
  path: '/',
  tags,
  security: bearer,
  middleware: [requireOperator()] as const,
  responses: {
    201: json(signingKeys, 'A new key, published in the JWKS, not yet signing'),
    ...problems,
  },
});

const rotateKey = createRoute({
  method: 'post',
  path: '/rotate',
  tags,
  security: bearer,
  middleware: [requireOperator()] as const,
  responses: {
    200: json(
      signingKeys,
      'The staged key now signs; the old one verifies until its tokens expire',
    ),
    409: conflict,
    ...problems,
  },
});

/** Suspends or resumes a tenant (audited); 404 for an unknown id. */
async function changeStatus(
  store: Store,
  id: string,
  action: 'suspend' | 'resume',
): Promise<Tenant> {
  const status = action === 'suspend' ? 'suspended' : 'active';
  const audit = {
    actor: 'operator',
    action: `tenant.${action}`,
    target: id,
    beforeHash: null,
    afterHash: null,
  };
  const tenant = (await store.setTenantStatus(id, status, audit))
    ? await store.getTenant(id)
    : undefined;
  if (!tenant) throw new Problem(404, 'not-found', 'No such tenant.');
  return tenant;
}

/** Tenants, for GridWorks operators (the operator key, on the edge's own hosts only). */
export const tenantsModule = defineModule({
  prefix: '/v1/tenants',
  embeddable: false,
  cors: 'none',
  routes: () =>
    router()
      .openapi(createTenant, async (c) => {
        const { store, clock } = c.get('deps');
        const body = c.req.valid('json');
        const now = clock.now();
        const tenant = {
          id: newId('ten'),
          slug: body.slug,
          name: body.name,
          status: 'active' as const,
          createdAt: now,
        };
        const secret = await generateKey('secret');
        const publishable = await generateKey('publishable');
        const keys: NewApiKey[] = [
          {
            id: newId('key'),
            tenantId: tenant.id,
            kind: 'secret',
            prefix: secret.prefix,
            last4: secret.last4,
            hash: secret.hash,
            scopes: [...SECRET_SCOPES],
            createdAt: now,
          },
          {
            id: newId('key'),
            tenantId: tenant.id,
            kind: 'publishable',
            prefix: publishable.prefix,
            last4: publishable.last4,
            hash: publishable.hash,
            scopes: [],
            createdAt: now,
          },
        ];
        try {
          await store.createTenant(tenant, keys, {
            actor: 'operator',
            action: 'tenant.create',
            target: tenant.id,
            beforeHash: null,
            afterHash: null,
          });
        } catch (error) {
          if (/UNIQUE/i.test(String((error as Error).message))) {
            throw new Problem(409, 'slug-taken', 'A tenant with this slug exists.');
          }
          throw error;
        }
        return c.json(
          {
            tenant: publicTenant({ ...tenant, currentThemeVersionId: null }),
            secretKey: secret.key,
            publishableKey: publishable.key,
          },
          201,
        );
      })
      .openapi(listTenants, async (c) => {
        const { cursor, limit } = c.req.valid('query');
        const page = await c.get('deps').store.listTenants(cursor ?? null, limit);
        return c.json({ items: page.items.map(publicTenant), nextCursor: page.nextCursor }, 200);
      })
      .openapi(setStatus('suspend'), async (c) =>
        c.json(
          publicTenant(await changeStatus(c.get('deps').store, c.req.valid('param').id, 'suspend')),
          200,
        ),
      )
      .openapi(setStatus('resume'), async (c) =>
        c.json(
          publicTenant(await changeStatus(c.get('deps').store, c.req.valid('param').id, 'resume')),
          200,
        ),
      ),
});

/** The widget-token signing keys: stage, then rotate (operator key). */
export const signingKeysModule = defineModule({
  prefix: '/v1/operator/signing-keys',
  embeddable: false,
  cors: 'none',
  routes: ({ keyRing }) =>
    router()
      .openapi(stageKey, async (c) => c.json({ staged: await keyRing.stage() }, 201))
      .openapi(rotateKey, async (c) => {
        try {
          const { active, retiring } = await keyRing.rotate();
          c.get('deps').logger.info('signing-key-rotated', { active, retiring });
          return c.json({ active, retiring }, 200);
        } catch {
          throw new Problem(
            409,
            'no-staged-key',
            'Stage a key (POST /v1/operator/signing-keys) before rotating.',
          );
        }
      }),
});
