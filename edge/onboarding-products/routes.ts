/**
 * The tenant's onboarding products (contracts/onboarding-products.ts): which optional steps each
 * product's form shows and which documents it requires. Widgets read them (a publishable key or
 * a widget token with `onboarding:write`); the tenant's backend replaces them whole with a
 * secret key holding `applications:write`. Until it does, the defaults apply: one product,
 * `business-account`, with every step.
 */
import { createRoute } from '@hono/zod-openapi';
import {
  DEFAULT_PRODUCTS,
  type OnboardingProducts,
  onboardingProductsSchema,
} from '../../contracts/onboarding-products.js';
import { replaceTenantDocument } from '../audit/replace-document.js';
import {
  actorOf,
  requireSecret,
  requireWidget,
  tenantOf,
} from '../middleware/authenticate/index.js';
import { defineModule } from '../module.js';
import { bearer, json, jsonBody, problems } from '../openapi.js';
import { router } from '../router.js';
import type { Store } from '../store/store.js';

const tags = ['Onboarding products'];

const getProducts = createRoute({
  method: 'get',
  path: '/',
  tags,
  security: bearer,
  middleware: [requireWidget('onboarding:write', { publishable: true, onDomain: true })] as const,
  responses: {
    200: json(onboardingProductsSchema, 'The tenant’s products (the defaults until it sets some)'),
    ...problems,
  },
});

const putProducts = createRoute({
  method: 'put',
  path: '/',
  tags,
  security: bearer,
  middleware: [requireSecret('applications:write')] as const,
  request: { body: jsonBody(onboardingProductsSchema) },
  responses: {
    200: json(onboardingProductsSchema, 'Stored; what forms and submissions now follow'),
    ...problems,
  },
});

/** The products a tenant stored, or undefined when it never stored any (the defaults apply). */
export async function storedProducts(
  store: Store,
  tenantId: string,
): Promise<OnboardingProducts | undefined> {
  const stored = await store.getDocument(tenantId, 'onboarding-products');
  // Validated and re-serialised on PUT; read as stored.
  return stored ? (JSON.parse(stored.json) as OnboardingProducts) : undefined;
}

export const onboardingProductsModule = defineModule({
  prefix: '/v1/onboarding/products',
  embeddable: true,
  cors: 'tenant',
  routes: () =>
    router()
      .openapi(getProducts, async (c) => {
        const products = await storedProducts(c.get('deps').store, tenantOf(c).id);
        c.header('Cache-Control', 'private, max-age=60, must-revalidate');
        c.header('Vary', 'Origin, Authorization');
        return c.json(products ?? DEFAULT_PRODUCTS, 200);
      })
      .openapi(putProducts, async (c) => {
        const tenant = tenantOf(c);
        const products = c.req.valid('json');
        const json = JSON.stringify(products);
        await replaceTenantDocument(c.get('deps').store, {
          tenantId: tenant.id,
          kind: 'onboarding-products',
          json,
          actor: actorOf(c),
          action: 'onboarding-products.update',
        });
        return c.json(products, 200);
      }),
});
