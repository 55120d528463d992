/**
 * Pricing plans and quotes. Widgets read the tenant's plans and price selections in the
 * browser with `quote()`; `POST /v1/quotes` prices the same selection with the same function,
 * stores the result and signs it, so the figure a customer accepted can be proven later.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { type IssuedQuote, type PricingPlans, QuoteError, quote } from '../../contracts/pricing.js';
import {
  issuedQuoteSchema,
  pricingPlansSchema,
  quoteRequestSchema,
} from '../../contracts/pricing-schemas.js';
import { newId, sha256Hex } from '../auth/credentials.js';
import type { AppEnv } from '../context.js';
import { Problem } from '../errors.js';
import {
  actorOf,
  requireSecret,
  requireWidget,
  tenantOf,
} from '../middleware/authenticate/index.js';
import { rateLimited } from '../middleware/rate-limit/index.js';
import { defineModule } from '../module.js';
import { bearer, json, jsonBody, problems } from '../openapi.js';
import { router } from '../router.js';
import { signQuote } from './signature.js';

export const QUOTE_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/**
 * Quotes are stored writes: besides the app-wide limits, each customer (widget token) or bank
 * backend (secret key) may ask for this many per minute.
 */
export const QUOTE_WRITES_PER_MINUTE = 60;

const tags = ['Pricing'];
const readPlans = requireWidget('pricing:read', { publishable: true, onDomain: true });
const writePlans = requireSecret('branding:write');
// Quotes are writes: a customer's widget token or the bank's backend, never the public key.
const widgetQuotes = requireWidget('quotes:write', { publishable: false, onDomain: false });
const backendWrite = requireSecret('quotes:write');
const backendRead = requireSecret('applications:read');
const writeQuotes = createMiddleware<AppEnv>((c, next) =>
  c.get('caller').kind === 'secret' ? backendWrite(c, next) : widgetQuotes(c, next),
);
/** A quote is read by the widget that asked for it, or by the bank's backend. */
const readQuotes = createMiddleware<AppEnv>((c, next) =>
  c.get('caller').kind === 'secret' ? backendRead(c, next) : widgetQuotes(c, next),
);

const getPlans = createRoute({
  method: 'get',
  path: '/plans',
  tags,
  security: bearer,
  middleware: [readPlans] as const,
  responses: {
    200: json(pricingPlansSchema, 'The tenant’s plans (an empty list when none are set)'),
    ...problems,
  },
});

const putPlans = createRoute({
  method: 'put',
  path: '/plans',
  tags,
  security: bearer,
  middleware: [writePlans] as const,
  request: { body: jsonBody(pricingPlansSchema) },
  responses: { 200: json(pricingPlansSchema, 'The plans, replaced'), ...problems },
});

const postQuote = createRoute({
  method: 'post',
  path: '/',
  tags,
  security: bearer,
  middleware: [writeQuotes] as const,
  request: { body: jsonBody(quoteRequestSchema) },
  responses: {
    201: json(issuedQuoteSchema, 'The authoritative quote: stored, signed, valid for 30 days'),
    ...problems,
  },
});

const getQuote = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  security: bearer,
  middleware: [readQuotes] as const,
  request: { params: z.object({ id: z.string().regex(/^quo_[A-Za-z0-9]{1,40}$/) }) },
  responses: {
    200: json(issuedQuoteSchema, 'The quote as issued (check `expiresAt`)'),
    ...problems,
  },
});

async function loadPlans(c: Context<AppEnv>, tenantId: string): Promise<PricingPlans> {
  const stored = await c.get('deps').store.getDocument(tenantId, 'pricing-plans');
  // Stored documents passed this schema on the way in; parsing again keeps old rows honest.
  return stored ? pricingPlansSchema.parse(JSON.parse(stored.json)) : { plans: [] };
}

const documentHash = async (plans: PricingPlans | undefined) =>
  plans ? (await sha256Hex(JSON.stringify(plans))).slice(0, 16) : null;

/** The per-customer (or, for the bank's backend, per-key) quote limit, on top of the app-wide one. */
async function limitQuoteWrites(c: Context<AppEnv>): Promise<void> {
  const caller = c.get('caller');
  const bucket =
    caller.kind === 'token'
      ? `quotes:token:${caller.claims.jti}`
      : `quotes:key:${caller.kind === 'secret' ? caller.key.id : 'none'}`;
  const decision = await c.get('deps').rateLimiter.hit(bucket, QUOTE_WRITES_PER_MINUTE);
  if (!decision.allowed)
    throw rateLimited(decision, 'Too many quotes; retry after the given delay.');
}

/** The tenant's pricing plans: read by widgets on a bank's page, written by its backend. */
export const pricingModule = defineModule({
  prefix: '/v1/pricing',
  embeddable: true,
  cors: 'tenant',
  routes: () =>
    router()
      .openapi(getPlans, async (c) => {
        const plans = await loadPlans(c, tenantOf(c).id);
        c.header('Cache-Control', 'private, max-age=60');
        // Two tenants' widgets may share a page: the cached answer is per credential.
        c.header('Vary', 'Origin, Authorization');
        return c.json(plans, 200);
      })
      .openapi(putPlans, async (c) => {
        const tenant = tenantOf(c);
        const plans = c.req.valid('json');
        const before = await c.get('deps').store.getDocument(tenant.id, 'pricing-plans');
        await c.get('deps').store.setDocument(tenant.id, 'pricing-plans', JSON.stringify(plans), {
          tenantId: tenant.id,
          actor: actorOf(c),
          action: 'pricing.set',
          target: 'pricing-plans',
          beforeHash: before ? (await sha256Hex(before.json)).slice(0, 16) : null,
          afterHash: await documentHash(plans),
        });
        return c.json(plans, 200);
      }),
});

/** Quotes: requested by a customer's widget (token) or the bank's backend. */
export const quotesModule = defineModule({
  prefix: '/v1/quotes',
  embeddable: true,
  cors: 'tenant',
  routes: () =>
    router()
      .openapi(postQuote, async (c) => {
        const tenant = tenantOf(c);
        await limitQuoteWrites(c);
        const { planId, selection } = c.req.valid('json');
        const plan = (await loadPlans(c, tenant.id)).plans.find((p) => p.id === planId);
        if (!plan) throw new Problem(422, 'unknown-plan', 'The tenant has no plan with this id.');
        let priced: ReturnType<typeof quote>;
        try {
          priced = quote(plan, selection);
        } catch (error) {
          if (!(error instanceof QuoteError)) throw error;
          throw new Problem(422, 'invalid-selection', 'The plan cannot price this selection.', {
            extensions: {
              errors: error.issues.map((issue) => ({
                path: ['/selection', ...issue.path].join('/'),
                code: issue.code,
                message: issue.message,
              })),
            },
          });
        }
        const createdAt = c.get('deps').clock.now();
        const unsigned = {
          id: newId('quo'),
          tenantId: tenant.id,
          planId,
          selection,
          quote: priced,
          createdAt,
          expiresAt: createdAt + QUOTE_TTL_MS,
        };
        const issued: IssuedQuote = {
          ...unsigned,
          signature: await signQuote(unsigned, c.get('deps').config.previewSecret),
        };
        await c.get('deps').store.saveQuote({
          id: issued.id,
          tenantId: tenant.id,
          json: JSON.stringify(issued),
          createdAt,
          expiresAt: issued.expiresAt,
        });
        c.header('Location', `/v1/quotes/${issued.id}`);
        c.header('Cache-Control', 'no-store');
        return c.json(issued, 201);
      })
      .openapi(getQuote, async (c) => {
        const stored = await c.get('deps').store.getQuote(tenantOf(c).id, c.req.valid('param').id);
        if (!stored) throw new Problem(404, 'not-found', 'No quote with this id.');
        c.header('Cache-Control', 'private, no-store');
        return c.json(JSON.parse(stored.json) as IssuedQuote, 200);
      }),
});
