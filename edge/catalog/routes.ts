/**
 * The service catalog: widgets read it (widget token with `catalog:read`, a publishable key
 * from an allowed origin, or nothing on the tenant's custom domain); the tenant's backend
 * replaces it whole with a secret key holding `branding:write`, validated by `catalogSchema`.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { type Catalog, catalogSchema, EMPTY_CATALOG } from '../../contracts/catalog.js';
import { replaceTenantDocument } from '../audit/replace-document.js';
import { sha256Hex } from '../auth/credentials.js';
import {
  actorOf,
  requireSecret,
  requireWidget,
  tenantOf,
} from '../middleware/authenticate/index.js';
import { defineModule } from '../module.js';
import { bearer, json, jsonBody, problems } from '../openapi.js';
import { router } from '../router.js';

const tags = ['Catalog'];

const getCatalog = createRoute({
  method: 'get',
  path: '/',
  tags,
  security: bearer,
  middleware: [requireWidget('catalog:read', { publishable: true, onDomain: true })] as const,
  request: { headers: z.object({ 'if-none-match': z.string().max(200).optional() }) },
  responses: {
    200: json(catalogSchema, 'The tenant’s catalog (empty lists until one is stored)'),
    304: { description: 'Not modified (If-None-Match matched)' },
    ...problems,
  },
});

const putCatalog = createRoute({
  method: 'put',
  path: '/',
  tags,
  security: bearer,
  middleware: [requireSecret('branding:write')] as const,
  request: { body: jsonBody(catalogSchema) },
  responses: {
    200: json(catalogSchema, 'Stored; the catalog as widgets will now receive it'),
    ...problems,
  },
});

/** Strong validator of a stored document: the first 16 hex digits of its SHA-256. */
const etagOf = async (json: string) => `"${(await sha256Hex(json)).slice(0, 16)}"`;

/** The tenant's catalog: read by widgets on a bank's page, written by its backend. */
export const catalogModule = defineModule({
  prefix: '/v1/catalog',
  embeddable: true,
  cors: 'tenant',
  routes: () =>
    router()
      .openapi(getCatalog, async (c) => {
        const stored = await c.get('deps').store.getDocument(tenantOf(c).id, 'catalog');
        const body = stored?.json ?? JSON.stringify(EMPTY_CATALOG);
        const etag = await etagOf(body);
        // Per credential and origin (CORS), revalidated after a minute so edits show up soon.
        const headers = {
          ETag: etag,
          'Cache-Control': 'private, max-age=60, must-revalidate',
          Vary: 'Origin, Authorization',
        };
        const match = c.req.valid('header')['if-none-match'];
        if (match?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
          return c.body(null, 304, headers);
        }
        // Stored JSON was validated and re-serialised on PUT; it is served as stored.
        return c.json(JSON.parse(body) as Catalog, 200, headers);
      })
      .openapi(putCatalog, async (c) => {
        const tenant = tenantOf(c);
        const catalog = c.req.valid('json');
        const json = JSON.stringify(catalog);
        await replaceTenantDocument(c.get('deps').store, {
          tenantId: tenant.id,
          kind: 'catalog',
          json,
          actor: actorOf(c),
          action: 'catalog.update',
        });
        return c.json(catalog, 200, { ETag: await etagOf(json) });
      }),
});
