/**
 * Tenant isolation, as a matrix generated from the app's own route table: every route × every
 * credential kind of one tenant (operator key, secret key, publishable key, widget token, none)
 * aimed at another tenant's resources, on the edge's host and on the victim's custom domain.
 * A route the fixture map below does not know fails the suite, so new routes get covered.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Catalog } from '../../contracts/catalog.js';
import type { OnboardingProducts } from '../../contracts/onboarding-products.js';
import type { IssuedQuote, PricingPlans, Selection } from '../../contracts/pricing-schemas.js';
import { onePagePdf, png, stream } from './document-fixtures.js';
import {
  createTenant,
  createTestEdge,
  mintToken,
  OPERATOR_KEY,
  SUNBEAM_BRAND,
  type TestEdge,
  type TestTenant,
} from './helpers.js';

type Kind = 'operator' | 'secret' | 'publishable' | 'token' | 'anonymous';
const KINDS: readonly Kind[] = ['operator', 'secret', 'publishable', 'token', 'anonymous'];

/**
 * Who a route serves: decides which credential kinds it must refuse. `widget` reads accept a
 * publishable key, a widget token, or nothing at all on the tenant's own domain;
 * `token-or-backend` (quotes) accepts a customer's widget token or a secret key (the bank's
 * backend), never the public publishable key and never nothing, even on the tenant's domain;
 * `customer` (onboarding drafts, uploads and submissions) accepts a customer's widget token only.
 */
type Guard = 'operator' | 'secret' | 'widget' | 'token-or-backend' | 'customer' | 'public';

interface World extends TestTenant {
  name: string;
  /** The word its catalog, products and articles carry (no other tenant's does). */
  word: string;
  brand: Record<string, unknown>;
  origins: string[];
  /** An active custom domain. */
  domain: string;
  /** A registered domain still waiting for its DNS check. */
  pendingDomain: string;
  /** TXT challenge values of both domains. */
  challenges: string[];
  secretKeyId: string;
  publishableKeyId: string;
  extraKeyId: string;
  extraKeySecret: string;
  versionId: string;
  hash: string;
  token: string;
  jti: string;
  previewLink: string;
  /** The catalog as stored (the PUT's answer), and its ETag. */
  catalog: Catalog;
  catalogEtag: string;
  /** The pricing plans as stored (the PUT's answer). */
  plans: PricingPlans;
  /** Its onboarding products (a name unique to the tenant). */
  products: OnboardingProducts;
  /** One quote the tenant's widget token had issued. */
  quote: IssuedQuote;
  /** The application its customer (the widget token's) submitted, and that customer's draft. */
  applicationId: string;
  legalName: string;
  draftName: string;
  /** The document submitted with the application (its bytes, file name, id), and one still waiting. */
  document: { id: string; name: string; sha256: string; text: string };
  pendingDocumentId: string;
  /** A webhook endpoint (registered before the submission), its secret, and the delivery of the submission's event to it. */
  webhookEndpointId: string;
  webhookSecret: string;
  deliveryId: string;
  /** Its support chat: settings in its own time zone, a help article at a slug every tenant has and one at a slug of its own. */
  timeZone: string;
  helpTitle: string;
  faqSlug: string;
  faqTitle: string;
  /** Its widget token's customer's open conversation (escalated, one message) and a closed one. */
  conversationId: string;
  closedConversationId: string;
  chatText: string;
  ticketId: string;
}

interface Req {
  path: string;
  body?: unknown;
  /** Extra request headers, on top of the credential's. */
  headers?: Record<string, string>;
}

/** A request aimed at the victim, and what a credential the route accepts gets for it. */
interface Attack extends Req {
  /** Statuses for an accepted credential of the attacker (on the edge's own host). */
  status: readonly number[];
  /** Statuses on the victim's custom domain, where they differ from `status`. */
  domainStatus?: readonly number[];
  /** Strings of the attacker's own that a 2xx answer must contain (it got its own data). */
  shows?: readonly string[];
  why?: string;
}

interface Own extends Req {
  status: readonly number[];
  /** Strings of the owner's that the answer must contain. */
  shows?: readonly string[];
}

interface Ctx {
  edge: TestEdge;
  tenants: readonly World[];
}

interface Fixture {
  guard: Guard;
  /**
   * The route acts on the caller's own tenant only and cannot be undone (revoke every token):
   * cross-tenant cells run for the credential kinds it refuses; that an accepted credential
   * leaves other tenants alone is tested where the route is (test/edge/tokens.test.ts).
   */
  callerOnly?: boolean;
  /** Requests by `attacker` naming `victim`'s ids (path params, bodies). */
  attacks: (victim: World, attacker: World) => Attack[];
  /** The owner reaching its own data; may first create what a destructive route consumes. */
  own: (ctx: Ctx, owner: World, kind: Kind) => Promise<Own>;
}

const same =
  (own: (owner: World) => Own) =>
  async (_ctx: Ctx, owner: World): Promise<Own> =>
    own(owner);

/** The brand each tenant publishes: distinct names and colours, so hashes differ. */
const brandOf = (slug: string, name: string, primary: string) => ({
  ...SUNBEAM_BRAND(slug),
  name,
  colors: { primary },
});

/** A tenant's catalog: names carry its own word, so no two tenants share one. */
const catalogOf = (word: string): Catalog => ({
  categories: [
    { id: 'accounts', name: `${word} Accounts` },
    { id: 'lending', name: `${word} Lending` },
  ],
  services: [
    {
      id: 'vault',
      name: `${word} Vault`,
      category: 'accounts',
      summary: `Safekeeping for ${word} customers.`,
      regions: ['IN'],
      compliance: ['RBI'],
      tiers: [
        {
          id: 'standard',
          name: 'Standard',
          features: ['Daily statements'],
          sla: { uptimePercent: 99.9, supportResponseMinutes: 60 },
          priceFrom: { amountMinor: 99_900, currency: 'INR', period: 'month' },
        },
      ],
    },
    {
      id: 'bridge-loan',
      name: `${word} Bridge Loan`,
      category: 'lending',
      summary: `Short-term credit for ${word} businesses.`,
      regions: ['IN', 'SG'],
      compliance: [],
      tiers: [
        {
          id: 'standard',
          name: 'Standard',
          features: ['Same-day decision'],
          sla: { uptimePercent: 99.5, supportResponseMinutes: 240 },
        },
      ],
    },
  ],
});

/** A tenant's plans: ids and names carry its slug and word, so no two tenants share one. */
const plansOf = (slug: string, word: string): PricingPlans => ({
  plans: [
    {
      id: `${slug}-starter`,
      name: `${word} Starter`,
      currency: 'INR',
      baseFee: 1_999_00,
      seats: { unitPrice: 199_00, included: 1, min: 1, max: 50, default: 5 },
      usage: [],
      annualDiscountBp: 1000,
      regions: [{ region: 'IN', taxes: [{ name: 'GST', rateBp: 1800 }] }],
    },
    {
      id: `${slug}-scale`,
      name: `${word} Scale`,
      currency: 'INR',
      baseFee: 9_999_00,
      seats: { unitPrice: 149_00, included: 10, min: 5, max: 500, default: 20 },
      usage: [
        {
          id: 'transfers',
          name: 'Transfers',
          unit: 'transfers',
          mode: 'graduated',
          per: 1,
          tiers: [
            { upTo: 1000, unitPrice: 0, flatFee: 0 },
            { upTo: null, unitPrice: 2_00, flatFee: 0 },
          ],
          min: 0,
          max: 100_000,
          default: 2000,
          step: 100,
        },
      ],
      annualDiscountBp: 1500,
      regions: [{ region: 'IN', taxes: [{ name: 'GST', rateBp: 1800 }] }],
    },
  ],
});

/** A selection every tenant's first plan can price. */
const SELECTION: Selection = { billing: 'monthly', region: 'IN', seats: 5, usage: {} };

/** The idempotency key every tenant's world submission used. */
const WORLD_KEY = 'world-submission';
const submissionOf = (legalName: string, documentId?: string) => ({
  product: 'business-current',
  steps: {
    ...(documentId ? { documents: { documents: [{ id: documentId, kind: 'identity' }] } } : {}),
    company: {
      legalName,
      registrationNumbers: [{ scheme: 'pan', value: 'AAAPL1234C' }],
      incorporationDate: '2020-01-01',
      registeredAddress: {
        line1: '1 Main Road',
        city: 'Pune',
        postalCode: '411001',
        country: 'IN',
      },
    },
    entityType: { entityType: 'llp' },
    people: {
      signatories: [
        {
          fullName: 'Test Signatory',
          role: 'Partner',
          email: 's@example.com',
          phone: '+911234567890',
        },
      ],
    },
    declarations: {
      politicallyExposed: false,
      sanctioned: false,
      consent: { accepted: true, text: 'I consent.', givenAt: '2026-11-21T11:00:00Z' },
    },
  },
});
let ownSubmissions = 0;

const planIdOf = (t: World) => t.plans.plans[0]?.id ?? '';
const catalogNamesOf = (t: World) => [
  ...t.catalog.categories.map((c) => c.name),
  ...t.catalog.services.map((s) => s.name),
];
const planNamesOf = (t: World) => t.plans.plans.map((p) => p.name);
const productsOf = (word: string): OnboardingProducts => ({
  products: [
    {
      id: 'business-current',
      name: `${word} Business Current`,
      steps: ['documents'],
      requiredDocuments: [],
    },
  ],
});
const editedProducts = (t: World): OnboardingProducts => ({
  products: t.products.products.map((p) => ({ ...p, name: `${p.name} Edited` })),
});

/** The tenant's catalog with its first service renamed: a real change, undone by a re-PUT. */
const editedCatalog = (t: World): Catalog => ({
  ...t.catalog,
  services: t.catalog.services.map((s, i) => (i === 0 ? { ...s, name: `${s.name} Edited` } : s)),
});
const editedPlans = (t: World): PricingPlans => ({
  plans: t.plans.plans.map((p, i) => (i === 0 ? { ...p, name: `${p.name} Edited` } : p)),
});

/**
 * The owner replaces a document with an edited copy, which its widgets then read while every
 * other tenant's stays as built; the request returned puts the original back.
 */
async function replacesOnlyItsOwn(
  ctx: Ctx,
  owner: World,
  path: string,
  edit: (t: World) => unknown,
  original: (t: World) => unknown,
): Promise<Own> {
  const read = (t: World) =>
    ctx.edge.call('GET', path, { auth: t.publishableKey, headers: { origin: t.origins[0] ?? '' } });
  await json(
    await ctx.edge.call('PUT', path, { auth: owner.secretKey, body: edit(owner) }),
    `${owner.slug} edits ${path}`,
    200,
  );
  assert.deepEqual(await json(await read(owner), `${owner.slug} reads ${path}`, 200), edit(owner));
  for (const other of ctx.tenants.filter((t) => t.id !== owner.id)) {
    assert.deepEqual(
      await json(await read(other), `${other.slug} reads ${path}`, 200),
      original(other),
      `${owner.slug}'s edit of ${path} reached ${other.slug}`,
    );
  }
  return { path, body: original(owner), status: [200], shows: [JSON.stringify(original(owner))] };
}

/** Swaps the signature of `signer`'s preview link onto `victim`'s payload. */
const forgedLink = (victim: World, signer: World) =>
  `${victim.previewLink.split('.')[0]}.${signer.previewLink.split('.')[1]}`;

async function json<T>(res: Response, what: string, status: number): Promise<T> {
  const text = await res.text();
  assert.equal(res.status, status, `${what}: ${text}`);
  return JSON.parse(text) as T;
}

/**
 * How to exercise each route: keyed `METHOD /hono/:path`. A new route must be added here (how
 * to fill its params and body, what an attacker and the owner get) or the matrix fails.
 */
const FIXTURES: Record<string, Fixture> = {
  // ---- public ------------------------------------------------------------------------------
  'GET /': {
    guard: 'public',
    attacks: () => [{ path: '/', status: [200] }],
    own: same(() => ({ path: '/', status: [200], shows: ['/openapi.json'] })),
  },
  'GET /healthz': {
    guard: 'public',
    attacks: () => [{ path: '/healthz', status: [200] }],
    own: same(() => ({ path: '/healthz', status: [200] })),
  },
  'GET /openapi.json': {
    guard: 'public',
    attacks: () => [{ path: '/openapi.json', status: [200] }],
    own: same(() => ({ path: '/openapi.json', status: [200], shows: ['/v1/config'] })),
  },
  'GET /.well-known/jwks.json': {
    guard: 'public',
    attacks: () => [{ path: '/.well-known/jwks.json', status: [200] }],
    own: same(() => ({ path: '/.well-known/jwks.json', status: [200], shows: ['"kid"'] })),
  },
  'GET /docs': {
    guard: 'public',
    attacks: () => [{ path: '/docs', status: [200] }],
    own: same(() => ({ path: '/docs', status: [200], shows: ['swagger-ui'] })),
  },
  'GET /docs/init.js': {
    guard: 'public',
    attacks: () => [{ path: '/docs/init.js', status: [200] }],
    own: same(() => ({ path: '/docs/init.js', status: [200], shows: ['/openapi.json'] })),
  },
  // The demo page exists only on `npm start`'s edge (not in tests): public either way.
  'GET /demo': {
    guard: 'public',
    attacks: () => [{ path: '/demo', status: [404] }],
    own: same(() => ({ path: '/demo', status: [404] })),
  },
  'GET /demo/bank.css': {
    guard: 'public',
    attacks: () => [{ path: '/demo/bank.css', status: [404] }],
    own: same(() => ({ path: '/demo/bank.css', status: [404] })),
  },
  'POST /demo/token': {
    guard: 'public',
    attacks: () => [{ path: '/demo/token', status: [404] }],
    own: same(() => ({ path: '/demo/token', status: [404] })),
  },
  'GET /demo/agent': {
    guard: 'public',
    attacks: () => [{ path: '/demo/agent', status: [404] }],
    own: same(() => ({ path: '/demo/agent', status: [404] })),
  },
  'GET /demo/agent.js': {
    guard: 'public',
    attacks: () => [{ path: '/demo/agent.js', status: [404] }],
    own: same(() => ({ path: '/demo/agent.js', status: [404] })),
  },
  'GET /demo/agent/api/*': {
    guard: 'public',
    attacks: () => [{ path: '/demo/agent/api/conversations', status: [404] }],
    own: same(() => ({ path: '/demo/agent/api/conversations', status: [404] })),
  },
  'POST /demo/agent/api/*': {
    guard: 'public',
    attacks: () => [{ path: '/demo/agent/api/conversations/x/close', status: [404] }],
    own: same(() => ({ path: '/demo/agent/api/conversations/x/close', status: [404] })),
  },
  // The widget kit's files are public and the same for every tenant.
  'GET /embed.js': {
    guard: 'public',
    attacks: () => [{ path: '/embed.js', status: [200] }],
    own: same(() => ({ path: '/embed.js', status: [200], shows: ['gridworks kit'] })),
  },
  'GET /:file{gw-[a-z-]+\\.js}': {
    guard: 'public',
    attacks: () => [{ path: '/gw-service-catalog.js', status: [200] }],
    own: same(() => ({
      path: '/gw-service-catalog.js',
      status: [200],
      shows: ['gridworks kit'],
    })),
  },
  'GET /chunks/:file': {
    guard: 'public',
    attacks: () => [{ path: '/chunks/core-abcdef12.js', status: [200] }],
    own: same(() => ({
      path: '/chunks/core-abcdef12.js',
      status: [200],
      shows: ['gridworks kit'],
    })),
  },
  'GET /docs/assets/:name': {
    guard: 'public',
    attacks: () => [{ path: '/docs/assets/swagger-ui.css', status: [200] }],
    own: same(() => ({ path: '/docs/assets/swagger-ui.css', status: [200], shows: ['.swagger'] })),
  },
  // Preview links are capabilities: the link is the credential, whatever else is presented.
  'GET /v1/branding/preview/:link': {
    guard: 'public',
    attacks: (victim, attacker) => [
      {
        path: `/v1/branding/preview/${forgedLink(victim, attacker)}`,
        status: [404],
        why: "the victim's link payload under the attacker's signature",
      },
      // The attacker's own link works on the edge's host, never on another bank's domain.
      { path: `/v1/branding/preview/${attacker.previewLink}`, status: [200], domainStatus: [404] },
    ],
    own: same((o) => ({
      path: `/v1/branding/preview/${o.previewLink}`,
      status: [200],
      shows: [o.hash, o.name],
    })),
  },
  'GET /v1/branding/preview/:link/theme.css': {
    guard: 'public',
    attacks: (victim, attacker) => [
      { path: `/v1/branding/preview/${forgedLink(victim, attacker)}/theme.css`, status: [404] },
      {
        path: `/v1/branding/preview/${attacker.previewLink}/theme.css`,
        status: [200],
        domainStatus: [404],
      },
    ],
    own: same((o) => ({
      path: `/v1/branding/preview/${o.previewLink}/theme.css`,
      status: [200],
      shows: [o.slug, '--gw-sys-'],
    })),
  },

  // ---- operator ----------------------------------------------------------------------------
  'POST /v1/tenants': {
    guard: 'operator',
    attacks: (victim) => [
      { path: '/v1/tenants', body: { slug: victim.slug, name: 'Takeover' }, status: [409] },
    ],
    own: async (ctx) => {
      const slug = `fresh-${ctx.edge.clock.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      return { path: '/v1/tenants', body: { slug, name: 'Fresh' }, status: [201], shows: [slug] };
    },
  },
  'GET /v1/tenants': {
    guard: 'operator',
    attacks: () => [{ path: '/v1/tenants', status: [200] }],
    own: same((o) => ({ path: '/v1/tenants?limit=100', status: [200], shows: [o.id, o.slug] })),
  },
  'POST /v1/tenants/:id/suspend': {
    guard: 'operator',
    attacks: (victim) => [{ path: `/v1/tenants/${victim.id}/suspend`, status: [200] }],
    own: async (ctx) => {
      const fresh = await createTenant(ctx.edge, `susp-${Math.random().toString(36).slice(2, 8)}`);
      return { path: `/v1/tenants/${fresh.id}/suspend`, status: [200], shows: ['suspended'] };
    },
  },
  'POST /v1/tenants/:id/resume': {
    guard: 'operator',
    attacks: (victim) => [{ path: `/v1/tenants/${victim.id}/resume`, status: [200] }],
    own: async (ctx) => {
      const fresh = await createTenant(ctx.edge, `res-${Math.random().toString(36).slice(2, 8)}`);
      const res = await ctx.edge.call('POST', `/v1/tenants/${fresh.id}/suspend`, {
        auth: OPERATOR_KEY,
      });
      assert.equal(res.status, 200);
      return { path: `/v1/tenants/${fresh.id}/resume`, status: [200], shows: ['"active"'] };
    },
  },
  'POST /v1/operator/signing-keys': {
    guard: 'operator',
    attacks: () => [{ path: '/v1/operator/signing-keys', status: [201] }],
    own: same(() => ({ path: '/v1/operator/signing-keys', status: [201], shows: ['staged'] })),
  },
  'POST /v1/operator/signing-keys/rotate': {
    guard: 'operator',
    attacks: () => [{ path: '/v1/operator/signing-keys/rotate', status: [200, 409] }],
    own: async (ctx) => {
      const res = await ctx.edge.call('POST', '/v1/operator/signing-keys', { auth: OPERATOR_KEY });
      assert.equal(res.status, 201);
      return { path: '/v1/operator/signing-keys/rotate', status: [200], shows: ['active'] };
    },
  },

  // ---- secret key --------------------------------------------------------------------------
  'POST /v1/keys': {
    guard: 'secret',
    // Nothing in the request can name the victim: the key lands in the caller's own tenant.
    attacks: () => [
      { path: '/v1/keys', body: { kind: 'secret', scopes: ['audit:read'] }, status: [201, 409] },
    ],
    own: same(() => ({
      path: '/v1/keys',
      body: { kind: 'secret', scopes: ['applications:read'] },
      status: [201],
      shows: ['applications:read'],
    })),
  },
  'GET /v1/keys': {
    guard: 'secret',
    attacks: () => [{ path: '/v1/keys', status: [200] }],
    own: same((o) => ({
      path: '/v1/keys',
      status: [200],
      shows: [o.secretKeyId, o.publishableKeyId, o.extraKeyId],
    })),
  },
  'DELETE /v1/keys/:id': {
    guard: 'secret',
    attacks: (victim) => [
      { path: `/v1/keys/${victim.extraKeyId}`, status: [404] },
      { path: `/v1/keys/${victim.publishableKeyId}`, status: [404] },
    ],
    own: async (ctx, owner) => {
      const res = await ctx.edge.call('POST', '/v1/keys', {
        auth: owner.secretKey,
        body: { kind: 'secret', scopes: ['chat:agent'] },
      });
      const { key } = await json<{ key: { id: string } }>(res, 'create key', 201);
      return { path: `/v1/keys/${key.id}`, status: [204] };
    },
  },
  'GET /v1/origins': {
    guard: 'secret',
    attacks: () => [{ path: '/v1/origins', status: [200] }],
    own: same((o) => ({ path: '/v1/origins', status: [200], shows: o.origins })),
  },
  'PUT /v1/origins': {
    guard: 'secret',
    // The caller's own list again (a no-op), so the attacker's world stays as built.
    attacks: (_victim, attacker) => [
      { path: '/v1/origins', body: { origins: attacker.origins }, status: [200] },
    ],
    own: same((o) => ({
      path: '/v1/origins',
      body: { origins: o.origins },
      status: [200],
      shows: o.origins,
    })),
  },
  'PUT /v1/branding/draft': {
    guard: 'secret',
    attacks: (victim) => [
      {
        path: '/v1/branding/draft',
        body: victim.brand,
        status: [422],
        why: "the victim's brand (its slug) saved with the attacker's key",
      },
    ],
    own: same((o) => ({
      path: '/v1/branding/draft',
      body: o.brand,
      status: [200],
      shows: ['"ok":true'],
    })),
  },
  'GET /v1/branding/draft': {
    guard: 'secret',
    attacks: () => [{ path: '/v1/branding/draft', status: [200] }],
    own: same((o) => ({ path: '/v1/branding/draft', status: [200], shows: [o.slug, o.name] })),
  },
  'POST /v1/branding/preview': {
    guard: 'secret',
    attacks: () => [{ path: '/v1/branding/preview', status: [201] }],
    own: same(() => ({ path: '/v1/branding/preview', status: [201], shows: ['expiresAt'] })),
  },
  'POST /v1/branding/publish': {
    guard: 'secret',
    // The attacker's draft is already its current version: 200, nothing changes.
    attacks: () => [{ path: '/v1/branding/publish', status: [200] }],
    own: same((o) => ({
      path: '/v1/branding/publish',
      status: [200],
      shows: [o.versionId, o.hash],
    })),
  },
  'GET /v1/branding/versions': {
    guard: 'secret',
    attacks: () => [{ path: '/v1/branding/versions', status: [200] }],
    own: same((o) => ({ path: '/v1/branding/versions', status: [200], shows: [o.versionId] })),
  },
  'POST /v1/branding/rollback': {
    guard: 'secret',
    attacks: (victim) => [
      { path: '/v1/branding/rollback', body: { versionId: victim.versionId }, status: [404] },
    ],
    own: same((o) => ({
      path: '/v1/branding/rollback',
      body: { versionId: o.versionId },
      status: [200],
      shows: [o.versionId, o.hash],
    })),
  },
  'GET /v1/audit': {
    guard: 'secret',
    attacks: () => [
      { path: '/v1/audit', status: [200] },
      { path: '/v1/audit?limit=100&cursor=999999', status: [200] },
    ],
    own: same((o) => ({ path: '/v1/audit?limit=100', status: [200], shows: [o.extraKeyId] })),
  },
  'POST /v1/tokens': {
    guard: 'secret',
    attacks: (victim) => [
      {
        path: '/v1/tokens',
        body: { scopes: ['config:read'], origin: victim.origins[0] },
        status: [422],
        why: "a token for the victim's origin",
      },
    ],
    own: same((o) => ({
      path: '/v1/tokens',
      body: { scopes: ['config:read'], origin: o.origins[0] },
      status: [201],
      shows: ['jti_'],
    })),
  },
  'DELETE /v1/tokens/:jti': {
    guard: 'secret',
    // Minted tokens are recorded per tenant: another tenant's jti is as unknown as a made-up
    // one (404), and the victim's token keeps working (checked by "data is intact" below).
    attacks: (victim) => [{ path: `/v1/tokens/${victim.jti}`, status: [404] }],
    own: async (ctx, owner) => {
      const { jti } = await mintToken(ctx.edge, owner, {
        scopes: ['config:read'],
        origin: owner.origins[0] ?? '',
      });
      return { path: `/v1/tokens/${jti}`, status: [204] };
    },
  },
  // Only the caller's own tenant's tokens: nothing in the request can name another.
  'POST /v1/tokens/revoke-all': {
    guard: 'secret',
    callerOnly: true,
    attacks: () => [{ path: '/v1/tokens/revoke-all', status: [200], shows: ['"revoked"'] }],
    own: same(() => ({ path: '/v1/tokens/revoke-all', status: [200], shows: ['"revoked"'] })),
  },
  // Nothing in the request names a tenant: the attacker changes its own catalog (and changes it
  // back, so its world stays as built); the victim's is checked unchanged afterwards.
  'PUT /v1/catalog': {
    guard: 'secret',
    attacks: (victim, attacker) => [
      {
        path: '/v1/catalog',
        body: editedCatalog(attacker),
        status: [200],
        shows: [`${attacker.catalog.services[0]?.name} Edited`],
        why: "the attacker's own catalog, edited",
      },
      {
        path: '/v1/catalog',
        body: attacker.catalog,
        status: [200],
        why: "the attacker's own catalog, restored",
      },
      {
        path: '/v1/catalog',
        body: { ...attacker.catalog, tenantId: victim.id },
        status: [422],
        why: "the victim's tenant id in the body",
      },
    ],
    own: (ctx, owner) =>
      replacesOnlyItsOwn(ctx, owner, '/v1/catalog', editedCatalog, (t) => t.catalog),
  },
  'PUT /v1/pricing/plans': {
    guard: 'secret',
    attacks: (victim, attacker) => [
      {
        path: '/v1/pricing/plans',
        body: editedPlans(attacker),
        status: [200],
        shows: [`${planNamesOf(attacker)[0]} Edited`],
        why: "the attacker's own plans, edited",
      },
      {
        path: '/v1/pricing/plans',
        body: attacker.plans,
        status: [200],
        why: "the attacker's own plans, restored",
      },
      {
        path: '/v1/pricing/plans',
        body: { ...attacker.plans, tenantId: victim.id },
        status: [422],
        why: "the victim's tenant id in the body",
      },
    ],
    own: (ctx, owner) =>
      replacesOnlyItsOwn(ctx, owner, '/v1/pricing/plans', editedPlans, (t) => t.plans),
  },

  'POST /v1/domains': {
    guard: 'secret',
    // An active hostname is a 409 whoever holds it, so the owner is never revealed. A pending
    // one may be claimed beside the victim's claim (its own challenge; the first to verify
    // wins), which leaves the victim's claim as it was (checked by "data is intact").
    attacks: (victim) => [
      { path: '/v1/domains', body: { hostname: victim.domain }, status: [409] },
      { path: '/v1/domains', body: { hostname: victim.domain.toUpperCase() }, status: [409] },
      {
        path: '/v1/domains',
        body: { hostname: victim.pendingDomain },
        status: [200, 201],
        why: "a claim of the attacker's own beside the victim's pending one",
      },
    ],
    own: async (_ctx, owner) => {
      const hostname = `shop-${Math.random().toString(36).slice(2, 8)}.${owner.slug}.example`;
      return { path: '/v1/domains', body: { hostname }, status: [201], shows: [hostname] };
    },
  },
  'GET /v1/domains': {
    guard: 'secret',
    attacks: () => [{ path: '/v1/domains', status: [200] }],
    own: same((o) => ({
      path: '/v1/domains',
      status: [200],
      shows: [o.domain, o.pendingDomain, ...o.challenges],
    })),
  },
  'POST /v1/domains/:hostname/verify': {
    guard: 'secret',
    attacks: (victim) => [
      { path: `/v1/domains/${victim.pendingDomain}/verify`, status: [404] },
      { path: `/v1/domains/${victim.domain}/verify`, status: [404] },
      { path: `/v1/domains/${victim.pendingDomain.toUpperCase()}./verify`, status: [404] },
    ],
    own: same((o) => ({
      path: `/v1/domains/${o.pendingDomain}/verify`,
      status: [200],
      shows: [o.pendingDomain],
    })),
  },
  'DELETE /v1/domains/:hostname': {
    guard: 'secret',
    attacks: (victim) => [
      { path: `/v1/domains/${victim.domain}`, status: [404] },
      { path: `/v1/domains/${victim.pendingDomain}`, status: [404] },
      { path: `/v1/domains/${victim.domain.toUpperCase()}`, status: [404] },
    ],
    own: async (ctx, owner) => {
      const hostname = `gone-${Math.random().toString(36).slice(2, 8)}.${owner.slug}.example`;
      const res = await ctx.edge.call('POST', '/v1/domains', {
        auth: owner.secretKey,
        body: { hostname },
      });
      await json(res, 'add domain', 201);
      return { path: `/v1/domains/${hostname}`, status: [204] };
    },
  },

  // ---- widget (publishable key, widget token, or nothing on the tenant's domain) ----------
  'GET /v1/config': {
    guard: 'widget',
    attacks: () => [{ path: '/v1/config', status: [200] }],
    own: same((o) => ({ path: '/v1/config', status: [200], shows: [o.id, o.slug, o.hash] })),
  },
  'GET /v1/themes/:file': {
    guard: 'widget',
    attacks: (victim) => [
      { path: `/v1/themes/${victim.hash}.css`, status: [404] },
      { path: '/v1/themes/current.css', status: [200] },
    ],
    own: same((o) => ({
      path: `/v1/themes/${o.hash}.css`,
      status: [200],
      shows: [o.slug, '--gw-sys-'],
    })),
  },
  // Nothing in the request names a tenant: the attacker's credential gets its own catalog.
  'GET /v1/catalog': {
    guard: 'widget',
    attacks: (victim, attacker) => [
      { path: '/v1/catalog', status: [200], shows: catalogNamesOf(attacker) },
      {
        path: '/v1/catalog',
        headers: { 'if-none-match': victim.catalogEtag },
        status: [200],
        shows: catalogNamesOf(attacker),
        why: "the victim's ETag is no match for the attacker's catalog",
      },
    ],
    own: same((o) => ({ path: '/v1/catalog', status: [200], shows: catalogNamesOf(o) })),
  },
  'GET /v1/pricing/plans': {
    guard: 'widget',
    attacks: (_victim, attacker) => [
      { path: '/v1/pricing/plans', status: [200], shows: planNamesOf(attacker) },
    ],
    own: same((o) => ({ path: '/v1/pricing/plans', status: [200], shows: planNamesOf(o) })),
  },
  'GET /v1/onboarding/products': {
    guard: 'widget',
    attacks: (_victim, attacker) => [
      {
        path: '/v1/onboarding/products',
        status: [200],
        shows: attacker.products.products.map((p) => p.name),
      },
    ],
    own: same((o) => ({
      path: '/v1/onboarding/products',
      status: [200],
      shows: o.products.products.map((p) => p.name),
    })),
  },
  'PUT /v1/onboarding/products': {
    guard: 'secret',
    attacks: (victim, attacker) => [
      {
        path: '/v1/onboarding/products',
        body: editedProducts(attacker),
        status: [200],
        shows: [`${attacker.products.products[0]?.name} Edited`],
        why: "the attacker's own products, edited",
      },
      {
        path: '/v1/onboarding/products',
        body: attacker.products,
        status: [200],
        why: "the attacker's own products, restored",
      },
      {
        path: '/v1/onboarding/products',
        body: { ...attacker.products, tenantId: victim.id },
        status: [422],
        why: "the victim's tenant id in the body",
      },
    ],
    own: (ctx, owner) =>
      replacesOnlyItsOwn(ctx, owner, '/v1/onboarding/products', editedProducts, (t) => t.products),
  },

  // ---- quotes: a customer's widget token or the bank's backend, never the public key -------
  'POST /v1/quotes': {
    guard: 'token-or-backend',
    attacks: (victim, attacker) => [
      {
        path: '/v1/quotes',
        body: { planId: planIdOf(victim), selection: SELECTION },
        status: [422],
        why: "the victim's plan id, priced with the attacker's credential",
      },
      {
        path: '/v1/quotes',
        body: { planId: planIdOf(attacker), selection: SELECTION, tenantId: victim.id },
        status: [422],
        why: "the victim's tenant id in the body",
      },
      // The attacker's own plan: a quote of the attacker's own, priced by its own plan.
      {
        path: '/v1/quotes',
        body: { planId: planIdOf(attacker), selection: SELECTION },
        status: [201],
        shows: [attacker.id, planNamesOf(attacker)[0] ?? ''],
      },
    ],
    own: same((o) => ({
      path: '/v1/quotes',
      body: { planId: planIdOf(o), selection: SELECTION },
      status: [201],
      shows: [o.id, planIdOf(o), planNamesOf(o)[0] ?? ''],
    })),
  },

  'GET /v1/quotes/:id': {
    guard: 'token-or-backend',
    attacks: (victim, attacker) => [
      { path: `/v1/quotes/${victim.quote.id}`, status: [404] },
      {
        path: `/v1/quotes/${attacker.quote.id}`,
        status: [200],
        shows: [attacker.quote.id, attacker.quote.signature],
      },
    ],
    own: same((o) => ({
      path: `/v1/quotes/${o.quote.id}`,
      status: [200],
      shows: [o.quote.id, o.quote.signature, planNamesOf(o)[0] ?? ''],
    })),
  },

  // ---- onboarding: a customer's widget token only; the draft is the customer's own ---------
  'PUT /v1/applications/draft': {
    guard: 'customer',
    attacks: (victim, attacker) => [
      {
        path: '/v1/applications/draft',
        body: { steps: { company: { legalName: attacker.draftName } }, tenantId: victim.id },
        status: [422],
        why: "the victim's tenant id in the body",
      },
      {
        path: '/v1/applications/draft',
        body: { steps: { company: { legalName: attacker.draftName } } },
        status: [200],
        shows: [attacker.draftName],
      },
    ],
    own: same((o) => ({
      path: '/v1/applications/draft',
      body: { steps: { company: { legalName: o.draftName } } },
      status: [200],
      shows: [o.draftName],
    })),
  },
  'GET /v1/applications/draft': {
    guard: 'customer',
    attacks: (_victim, attacker) => [
      { path: '/v1/applications/draft', status: [200], shows: [attacker.draftName] },
    ],
    own: same((o) => ({ path: '/v1/applications/draft', status: [200], shows: [o.draftName] })),
  },
  // The same Idempotency-Key as the victim's submission replays only the attacker's own.
  'POST /v1/applications': {
    guard: 'customer',
    attacks: (_victim, attacker) => [
      {
        path: '/v1/applications',
        body: submissionOf(attacker.legalName, attacker.document.id),
        headers: { 'idempotency-key': WORLD_KEY },
        status: [201],
        shows: [attacker.applicationId],
      },
    ],
    own: same((o) => ({
      path: '/v1/applications',
      body: submissionOf(o.legalName, o.document.id),
      headers: { 'idempotency-key': WORLD_KEY },
      status: [201],
      shows: [o.applicationId],
    })),
  },

  // Uploads are the caller's own: nothing in the request names anyone else's.
  'POST /v1/applications/documents': {
    guard: 'customer',
    attacks: () => [
      {
        path: '/v1/applications/documents?kind=other',
        body: png(),
        headers: { 'content-type': 'application/pdf' },
        status: [201],
        shows: ['"type":"image/png"'],
      },
    ],
    own: same(() => ({
      path: '/v1/applications/documents?kind=identity',
      body: png(),
      status: [201],
      shows: ['"kind":"identity"'],
    })),
  },
  'DELETE /v1/applications/documents/:id': {
    guard: 'customer',
    attacks: (victim) => [
      { path: `/v1/applications/documents/${victim.pendingDocumentId}`, status: [404] },
      {
        path: `/v1/applications/documents/${victim.document.id}`,
        status: [404],
        why: "the victim's submitted document",
      },
    ],
    // A fresh upload each time: removing one is not repeatable.
    own: async (ctx, owner) => {
      const res = await ctx.edge.call('POST', '/v1/applications/documents?kind=other', {
        auth: owner.token,
        body: png(),
        headers: { origin: owner.origins[0] ?? '' },
      });
      const { id } = await json<{ id: string }>(res, 'own upload', 201);
      return { path: `/v1/applications/documents/${id}`, status: [204] };
    },
  },

  // ---- applications: the bank's backend ---------------------------------------------------
  'GET /v1/applications': {
    guard: 'secret',
    attacks: (_victim, attacker) => [
      { path: '/v1/applications', status: [200], shows: [attacker.applicationId] },
      { path: '/v1/applications?status=submitted', status: [200], shows: [attacker.applicationId] },
    ],
    own: same((o) => ({ path: '/v1/applications', status: [200], shows: [o.applicationId] })),
  },
  'GET /v1/applications/export': {
    guard: 'secret',
    attacks: (_victim, attacker) => [
      {
        path: '/v1/applications/export?format=json',
        status: [200],
        shows: [attacker.applicationId, attacker.legalName],
      },
      {
        path: '/v1/applications/export?format=csv',
        status: [200],
        shows: [attacker.applicationId, attacker.legalName],
      },
    ],
    own: same((o) => ({
      path: '/v1/applications/export?format=csv',
      status: [200],
      shows: [o.applicationId, o.legalName],
    })),
  },
  'GET /v1/applications/:id': {
    guard: 'secret',
    attacks: (victim, attacker) => [
      { path: `/v1/applications/${victim.applicationId}`, status: [404] },
      {
        path: `/v1/applications/${attacker.applicationId}`,
        status: [200],
        shows: [attacker.applicationId, attacker.legalName],
      },
    ],
    own: same((o) => ({
      path: `/v1/applications/${o.applicationId}`,
      status: [200],
      shows: [o.applicationId, o.legalName],
    })),
  },
  'GET /v1/applications/:id/documents/:docId': {
    guard: 'secret',
    attacks: (victim, attacker) => [
      {
        path: `/v1/applications/${victim.applicationId}/documents/${victim.document.id}`,
        status: [404],
      },
      {
        path: `/v1/applications/${attacker.applicationId}/documents/${victim.document.id}`,
        status: [404],
        why: "the victim's document under the attacker's own application",
      },
      {
        path: `/v1/applications/${attacker.applicationId}/documents/${attacker.document.id}`,
        status: [200],
        shows: [attacker.document.text],
      },
    ],
    own: same((o) => ({
      path: `/v1/applications/${o.applicationId}/documents/${o.document.id}`,
      status: [200],
      shows: [o.document.text],
    })),
  },
  'POST /v1/applications/:id/status': {
    guard: 'secret',
    attacks: (victim) => [
      {
        path: `/v1/applications/${victim.applicationId}/status`,
        body: { status: 'in_review' },
        status: [404],
      },
    ],
    // A fresh application each time: a status change is not repeatable.
    own: async (ctx, owner) => {
      const res = await ctx.edge.call('POST', '/v1/applications', {
        auth: owner.token,
        body: submissionOf(owner.legalName),
        headers: { origin: owner.origins[0] ?? '', 'idempotency-key': `own-${++ownSubmissions}` },
      });
      const { id } = await json<{ id: string }>(res, 'own submission', 201);
      return {
        path: `/v1/applications/${id}/status`,
        body: { status: 'in_review' },
        status: [200],
        shows: [id, 'in_review'],
      };
    },
  },
  'POST /v1/webhooks/endpoints': {
    guard: 'secret',
    // Nothing in the request can name the victim: the endpoint is the caller's own.
    attacks: () => [
      {
        path: '/v1/webhooks/endpoints',
        body: { url: 'https://hooks.attacker-probe.example/gw' },
        status: [201, 409],
      },
    ],
    own: async (ctx, owner) => {
      await makeEndpointRoom(ctx, owner);
      const url = `https://hooks.${owner.slug}.example/own-${++ownEndpoints}`;
      return { path: '/v1/webhooks/endpoints', body: { url }, status: [201], shows: [url] };
    },
  },
  'GET /v1/webhooks/endpoints': {
    guard: 'secret',
    attacks: () => [{ path: '/v1/webhooks/endpoints', status: [200] }],
    own: same((o) => ({
      path: '/v1/webhooks/endpoints',
      status: [200],
      shows: [o.webhookEndpointId],
    })),
  },
  'DELETE /v1/webhooks/endpoints/:id': {
    guard: 'secret',
    attacks: (victim) => [
      { path: `/v1/webhooks/endpoints/${victim.webhookEndpointId}`, status: [404] },
    ],
    // A fresh endpoint each time: disabling one is not repeatable.
    own: async (ctx, owner) => {
      await makeEndpointRoom(ctx, owner);
      const res = await ctx.edge.call('POST', '/v1/webhooks/endpoints', {
        auth: owner.secretKey,
        body: { url: `https://hooks.${owner.slug}.example/own-${++ownEndpoints}` },
      });
      const { endpoint } = await json<{ endpoint: { id: string } }>(res, 'own endpoint', 201);
      return { path: `/v1/webhooks/endpoints/${endpoint.id}`, status: [204] };
    },
  },
  'GET /v1/webhooks/deliveries': {
    guard: 'secret',
    attacks: () => [{ path: '/v1/webhooks/deliveries', status: [200] }],
    own: same((o) => ({ path: '/v1/webhooks/deliveries', status: [200], shows: [o.deliveryId] })),
  },
  'GET /v1/webhooks/deliveries/:id/attempts': {
    guard: 'secret',
    attacks: (victim) => [
      { path: `/v1/webhooks/deliveries/${victim.deliveryId}/attempts`, status: [404] },
    ],
    own: same((o) => ({
      path: `/v1/webhooks/deliveries/${o.deliveryId}/attempts`,
      status: [200],
    })),
  },
  'POST /v1/webhooks/deliveries/:id/redeliver': {
    guard: 'secret',
    attacks: (victim) => [
      { path: `/v1/webhooks/deliveries/${victim.deliveryId}/redeliver`, status: [404] },
    ],
    own: same((o) => ({
      path: `/v1/webhooks/deliveries/${o.deliveryId}/redeliver`,
      status: [202],
    })),
  },
  'POST /v1/applications/:id/hits/:hitId': {
    guard: 'secret',
    // The world's applications were submitted before any list was loaded: no screening, so
    // even the owner's own is a 404 (the decision itself is tested in
    // test/edge/application-screening.test.ts); another tenant's id is a 404 like any other.
    attacks: (victim) => [
      {
        path: `/v1/applications/${victim.applicationId}/hits/hit_1`,
        body: { decision: 'cleared' },
        status: [404],
      },
    ],
    own: same((o) => ({
      path: `/v1/applications/${o.applicationId}/hits/hit_1`,
      body: { decision: 'cleared' },
      status: [404],
    })),
  },
  'PUT /v1/screening/list': {
    guard: 'secret',
    // Nothing in the request can name the victim: the list is the caller's own. The attacker's
    // own list again (a fictional one), so the attacker's world stays as built.
    attacks: () => [
      {
        path: '/v1/screening/list',
        body: { entries: [{ name: 'Fictional Probe', list: 'GW-PROBE', reference: 'P-1' }] },
        status: [200],
      },
    ],
    own: same(() => ({
      path: '/v1/screening/list',
      body: { entries: [{ name: 'Fictional Own', list: 'GW-OWN', reference: 'O-1' }] },
      status: [200],
      shows: ['GW-OWN'],
    })),
  },
  'GET /v1/screening/list': {
    guard: 'secret',
    attacks: () => [{ path: '/v1/screening/list', status: [200, 404] }],
    own: async (ctx, owner) => {
      await ctx.edge.call('PUT', '/v1/screening/list', {
        auth: owner.secretKey,
        body: { entries: [{ name: 'Fictional Own', list: 'GW-OWN', reference: 'O-1' }] },
      });
      return { path: '/v1/screening/list', status: [200], shows: ['GW-OWN'] };
    },
  },

  // ---- support chat: the customer's side (a widget token with chat:write) -----------------
  'GET /v1/chat/support': {
    guard: 'widget',
    // Nothing in the request names a tenant: the attacker's credential gets its own settings.
    attacks: (_victim, attacker) => [
      { path: '/v1/chat/support', status: [200], shows: [attacker.timeZone] },
    ],
    own: same((o) => ({ path: '/v1/chat/support', status: [200], shows: [o.timeZone] })),
  },
  'GET /v1/chat/articles/search': {
    guard: 'widget',
    attacks: (victim, attacker) => [
      {
        path: `/v1/chat/articles/search?q=${victim.word}`,
        status: [200],
        why: "the victim's own word: no hits from the victim's articles",
      },
      {
        path: '/v1/chat/articles/search?q=help',
        status: [200],
        shows: [attacker.helpTitle],
        why: 'a word every tenant has: only the attacker’s article',
      },
    ],
    own: same((o) => ({
      path: `/v1/chat/articles/search?q=${o.word}`,
      status: [200],
      shows: [o.helpTitle, o.faqTitle],
    })),
  },
  // The same customer reference in every tenant: each resumes only its own tenant's conversation.
  'POST /v1/chat/conversations': {
    guard: 'customer',
    attacks: (victim, attacker) => [
      { path: '/v1/chat/conversations', body: {}, status: [200], shows: [attacker.conversationId] },
      {
        path: '/v1/chat/conversations',
        body: { tenantId: victim.id },
        status: [422],
        why: "the victim's tenant id in the body",
      },
    ],
    own: same((o) => ({
      path: '/v1/chat/conversations',
      body: {},
      status: [200],
      shows: [o.conversationId],
    })),
  },
  'GET /v1/chat/conversations/current': {
    guard: 'customer',
    attacks: (_victim, attacker) => [
      { path: '/v1/chat/conversations/current', status: [200], shows: [attacker.conversationId] },
    ],
    own: same((o) => ({
      path: '/v1/chat/conversations/current',
      status: [200],
      shows: [o.conversationId],
    })),
  },
  'GET /v1/chat/conversations/:id/messages': {
    guard: 'customer',
    attacks: (victim, attacker) => [
      { path: `/v1/chat/conversations/${victim.conversationId}/messages`, status: [404] },
      { path: `/v1/chat/conversations/${victim.closedConversationId}/messages`, status: [404] },
      {
        path: `/v1/chat/conversations/${attacker.conversationId}/messages`,
        status: [200],
        shows: [attacker.chatText],
      },
    ],
    own: same((o) => ({
      path: `/v1/chat/conversations/${o.conversationId}/messages`,
      status: [200],
      shows: [o.chatText],
    })),
  },
  'POST /v1/chat/conversations/:id/messages': {
    guard: 'customer',
    attacks: (victim, attacker) => [
      {
        path: `/v1/chat/conversations/${victim.conversationId}/messages`,
        body: { clientId: 'probe-message-1', text: 'probe' },
        status: [404],
      },
      // A resend of the attacker's own message: its own, stored once.
      {
        path: `/v1/chat/conversations/${attacker.conversationId}/messages`,
        body: { clientId: WORLD_CHAT_CLIENT_ID, text: attacker.chatText },
        status: [200],
        shows: [attacker.chatText],
      },
    ],
    own: async (_ctx, owner) => {
      const text = `${owner.word} says hello ${++ownMessages}`;
      return {
        path: `/v1/chat/conversations/${owner.conversationId}/messages`,
        body: { clientId: `own-message-${ownMessages}`, text },
        status: [201],
        shows: [text],
      };
    },
  },
  // A closed conversation's stream replays it and ends (an open one would stay open).
  'GET /v1/chat/conversations/:id/events': {
    guard: 'customer',
    attacks: (victim, attacker) => [
      { path: `/v1/chat/conversations/${victim.conversationId}/events`, status: [404] },
      { path: `/v1/chat/conversations/${victim.closedConversationId}/events`, status: [404] },
      {
        path: `/v1/chat/conversations/${attacker.closedConversationId}/events`,
        status: [200],
        shows: ['conversation-closed', '4410'],
      },
    ],
    own: same((o) => ({
      path: `/v1/chat/conversations/${o.closedConversationId}/events`,
      status: [200],
      shows: [o.closedConversationId, '4410'],
    })),
  },
  // An upgrade request: authorised, this edge (in process) has no sockets to give (501).
  'GET /v1/chat/conversations/:id/socket': {
    guard: 'customer',
    attacks: (victim, attacker) => [
      {
        path: `/v1/chat/conversations/${victim.conversationId}/socket`,
        headers: UPGRADE,
        status: [404],
      },
      {
        path: `/v1/chat/conversations/${attacker.conversationId}/socket`,
        headers: UPGRADE,
        status: [501],
      },
    ],
    own: same((o) => ({
      path: `/v1/chat/conversations/${o.conversationId}/socket`,
      headers: UPGRADE,
      status: [501],
    })),
  },
  'POST /v1/chat/conversations/:id/escalate': {
    guard: 'customer',
    attacks: (victim, attacker) => [
      { path: `/v1/chat/conversations/${victim.conversationId}/escalate`, status: [404] },
      {
        path: `/v1/chat/conversations/${attacker.conversationId}/escalate`,
        status: [200],
        shows: [attacker.ticketId],
        why: "the attacker's own, already escalated: its ticket",
      },
    ],
    own: same((o) => ({
      path: `/v1/chat/conversations/${o.conversationId}/escalate`,
      status: [200],
      shows: [o.ticketId],
    })),
  },

  // ---- support chat: the bank's agents and set-up (a secret key with chat:agent) ----------
  'GET /v1/agent/conversations': {
    guard: 'secret',
    attacks: (_victim, attacker) => [
      { path: '/v1/agent/conversations', status: [200], shows: [attacker.conversationId] },
      {
        path: '/v1/agent/conversations?status=closed',
        status: [200],
        shows: [attacker.closedConversationId],
      },
    ],
    own: same((o) => ({
      path: '/v1/agent/conversations',
      status: [200],
      shows: [o.conversationId],
    })),
  },
  'GET /v1/agent/conversations/:id': {
    guard: 'secret',
    attacks: (victim, attacker) => [
      { path: `/v1/agent/conversations/${victim.conversationId}`, status: [404] },
      {
        path: `/v1/agent/conversations/${attacker.conversationId}`,
        status: [200],
        shows: [attacker.chatText, attacker.ticketId],
      },
    ],
    own: same((o) => ({
      path: `/v1/agent/conversations/${o.conversationId}`,
      status: [200],
      shows: [o.chatText, o.ticketId],
    })),
  },
  'POST /v1/agent/conversations/:id/messages': {
    guard: 'secret',
    attacks: (victim) => [
      {
        path: `/v1/agent/conversations/${victim.conversationId}/messages`,
        body: { clientId: 'probe-reply-1', text: 'probe' },
        status: [404],
      },
      {
        path: `/v1/agent/conversations/${victim.closedConversationId}/messages`,
        body: { clientId: 'probe-reply-2', text: 'probe' },
        status: [404],
      },
    ],
    own: async (_ctx, owner) => {
      const text = `Agent reply ${++ownMessages}`;
      return {
        path: `/v1/agent/conversations/${owner.conversationId}/messages`,
        body: { clientId: `own-reply-${ownMessages}`, text, agentName: 'Own Agent' },
        status: [201],
        shows: [text, 'Own Agent'],
      };
    },
  },
  'POST /v1/agent/conversations/:id/typing': {
    guard: 'secret',
    attacks: (victim) => [
      { path: `/v1/agent/conversations/${victim.conversationId}/typing`, status: [404] },
    ],
    own: same((o) => ({
      path: `/v1/agent/conversations/${o.conversationId}/typing`,
      status: [204],
    })),
  },
  'POST /v1/agent/conversations/:id/assign': {
    guard: 'secret',
    attacks: (victim) => [
      {
        path: `/v1/agent/conversations/${victim.conversationId}/assign`,
        body: { agent: 'Mallory' },
        status: [404],
      },
    ],
    own: same((o) => ({
      path: `/v1/agent/conversations/${o.conversationId}/assign`,
      body: { agent: 'Own Agent' },
      status: [200],
      shows: [o.conversationId, 'Own Agent'],
    })),
  },
  'POST /v1/agent/conversations/:id/close': {
    guard: 'secret',
    attacks: (victim) => [
      { path: `/v1/agent/conversations/${victim.conversationId}/close`, status: [404] },
      { path: `/v1/agent/conversations/${victim.closedConversationId}/close`, status: [404] },
    ],
    // A fresh conversation each time (another customer's): closing one is not repeatable.
    own: async (ctx, owner) => {
      const minted = await mintToken(ctx.edge, owner, {
        scopes: ['chat:write'],
        origin: owner.origins[0] ?? '',
        customer: `own-customer-${++ownConversations}`,
      });
      const res = await ctx.edge.call('POST', '/v1/chat/conversations', {
        auth: minted.token,
        headers: { origin: owner.origins[0] ?? '' },
        body: {},
      });
      const { conversation } = await json<{ conversation: { id: string } }>(res, 'own chat', 201);
      return {
        path: `/v1/agent/conversations/${conversation.id}/close`,
        status: [200],
        shows: [conversation.id, '"closed"'],
      };
    },
  },
  'GET /v1/agent/tickets': {
    guard: 'secret',
    attacks: (_victim, attacker) => [
      { path: '/v1/agent/tickets', status: [200], shows: [attacker.ticketId] },
    ],
    own: same((o) => ({ path: '/v1/agent/tickets', status: [200], shows: [o.ticketId] })),
  },
  'GET /v1/support/settings': {
    guard: 'secret',
    attacks: (_victim, attacker) => [
      { path: '/v1/support/settings', status: [200], shows: [attacker.timeZone] },
    ],
    own: same((o) => ({ path: '/v1/support/settings', status: [200], shows: [o.timeZone] })),
  },
  'PUT /v1/support/settings': {
    guard: 'secret',
    // The attacker's own settings again: nothing in the request can name the victim.
    attacks: (victim, attacker) => [
      {
        path: '/v1/support/settings',
        body: supportSettingsOf(attacker.timeZone),
        status: [200],
        shows: [attacker.timeZone],
      },
      {
        path: '/v1/support/settings',
        body: { ...supportSettingsOf(attacker.timeZone), tenantId: victim.id },
        status: [422],
        why: "the victim's tenant id in the body",
      },
    ],
    own: same((o) => ({
      path: '/v1/support/settings',
      body: supportSettingsOf(o.timeZone),
      status: [200],
      shows: [o.timeZone],
    })),
  },
  'GET /v1/support/articles': {
    guard: 'secret',
    attacks: (_victim, attacker) => [
      {
        path: '/v1/support/articles',
        status: [200],
        shows: [attacker.helpTitle, attacker.faqTitle],
      },
    ],
    own: same((o) => ({
      path: '/v1/support/articles',
      status: [200],
      shows: [o.helpTitle, o.faqTitle],
    })),
  },
  'GET /v1/support/articles/:slug': {
    guard: 'secret',
    attacks: (victim, attacker) => [
      { path: `/v1/support/articles/${victim.faqSlug}`, status: [404] },
      {
        path: `/v1/support/articles/${HELP_SLUG}`,
        status: [200],
        shows: [attacker.helpTitle],
        why: 'a slug every tenant has: the attacker’s own article',
      },
    ],
    own: same((o) => ({
      path: `/v1/support/articles/${o.faqSlug}`,
      status: [200],
      shows: [o.faqTitle],
    })),
  },
  'PUT /v1/support/articles/:slug': {
    guard: 'secret',
    // The attacker's own article again, at the slug every tenant has: its own, unchanged.
    attacks: (_victim, attacker) => [
      {
        path: `/v1/support/articles/${HELP_SLUG}`,
        body: helpArticleOf(attacker.word),
        status: [200],
        shows: [attacker.helpTitle],
      },
    ],
    own: same((o) => ({
      path: `/v1/support/articles/${HELP_SLUG}`,
      body: helpArticleOf(o.word),
      status: [200],
      shows: [o.helpTitle],
    })),
  },
  'DELETE /v1/support/articles/:slug': {
    guard: 'secret',
    attacks: (victim) => [{ path: `/v1/support/articles/${victim.faqSlug}`, status: [404] }],
    // A fresh article each time: deleting one is not repeatable.
    own: async (ctx, owner) => {
      const slug = `own-article-${++ownArticles}`;
      const res = await ctx.edge.call('PUT', `/v1/support/articles/${slug}`, {
        auth: owner.secretKey,
        body: { title: `${owner.word} own article`, body: 'To be deleted.' },
      });
      await json(res, 'own article', 200);
      return { path: `/v1/support/articles/${slug}`, status: [204] };
    },
  },
};

let ownEndpoints = 0;
let ownMessages = 0;
let ownConversations = 0;
let ownArticles = 0;

/** A WebSocket upgrade as a browser asks for it (the token in Authorization here). */
const UPGRADE = {
  upgrade: 'websocket',
  connection: 'Upgrade',
  'sec-websocket-version': '13',
  'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
  'sec-websocket-protocol': 'gw-chat.v1',
};

/** The slug of the help article every tenant has (its own, with its own words). */
const HELP_SLUG = 'help-centre';
const helpArticleOf = (word: string) => ({
  title: `${word} Help Centre`,
  body: `How ${word} customers get help.`,
  tags: ['help'],
});
/** The client id of the message each tenant's world conversation holds. */
const WORLD_CHAT_CLIENT_ID = 'world-message-1';
const supportSettingsOf = (timeZone: string) => ({
  tier: 'enterprise',
  hours: { timeZone, days: { mon: { open: '09:00', close: '17:00' } } },
  visitors: true,
});

/** Disables the owner's endpoints beyond the world's own, so a new one fits under the cap. */
async function makeEndpointRoom(ctx: Ctx, owner: World): Promise<void> {
  const res = await ctx.edge.call('GET', '/v1/webhooks/endpoints', { auth: owner.secretKey });
  const { items } = await json<{ items: { id: string; status: string }[] }>(res, 'endpoints', 200);
  for (const endpoint of items) {
    if (endpoint.id === owner.webhookEndpointId || endpoint.status !== 'active') continue;
    await ctx.edge.call('DELETE', `/v1/webhooks/endpoints/${endpoint.id}`, {
      auth: owner.secretKey,
    });
  }
}

// ---- the world: three tenants with data on every resource --------------------------------

const SPECS = [
  {
    slug: 'aardvark',
    name: 'Aardvark Savings',
    primary: '#ffd400',
    word: 'Burrow',
    timeZone: 'Asia/Kolkata',
  },
  {
    slug: 'bison',
    name: 'Bison Mutual',
    primary: '#0057b8',
    word: 'Prairie',
    timeZone: 'America/Chicago',
  },
  {
    slug: 'coyote',
    name: 'Coyote Credit Union',
    primary: '#2e7d32',
    word: 'Canyon',
    timeZone: 'Europe/Berlin',
  },
] as const;

const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** Every route the app serves: Hono's table (minus middleware) and the OpenAPI document. */
async function discoverRoutes(edge: TestEdge): Promise<string[]> {
  const keys = new Set<string>();
  for (const r of edge.app.routes) {
    if (r.method !== 'ALL') keys.add(routeKey(r.method, r.path));
  }
  const res = await edge.call('GET', '/openapi.json');
  const doc = await json<{ paths: Record<string, Record<string, unknown>> }>(res, 'openapi', 200);
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const method of Object.keys(methods)) {
      keys.add(routeKey(method, path.replace(/\{([^}]+)\}/g, ':$1')));
    }
  }
  return [...keys].sort();
}

/** Docs assets, so /docs/assets/* has something to serve; the edge reads deps per request. */
function withAssets(edge: TestEdge): void {
  edge.deps.assets = {
    get: async (name) =>
      name.endsWith('.css')
        ? { body: '.swagger-ui{}', type: 'text/css; charset=utf-8' }
        : { body: '/* swagger */', type: 'text/javascript; charset=utf-8' },
  };
}

/** Builds the three tenants through the API. */
async function buildWorld(): Promise<Ctx> {
  const edge = await createTestEdge();
  withAssets(edge);
  // The DNS answers the TXT challenge of every domain marked for verification.
  const txt = new Map<string, string>();
  edge.doh.handler = async (url) => {
    const name = new URL(url).searchParams.get('name') ?? '';
    const value = txt.get(name);
    return Response.json(
      value === undefined
        ? { Status: 3 }
        : { Status: 0, Answer: [{ name: `${name}.`, type: 16, TTL: 300, data: `"${value}"` }] },
    );
  };
  const tenants: World[] = [];
  for (const spec of SPECS) {
    const origins = [`https://app.${spec.slug}.example`, `https://www.${spec.slug}.example`];
    const base = await createTenant(edge, spec.slug, origins);
    const auth = base.secretKey;
    const brand = brandOf(spec.slug, spec.name, spec.primary);
    await json(await edge.call('PUT', '/v1/branding/draft', { auth, body: brand }), 'draft', 200);
    const published = await json<{ id: string; hash: string }>(
      await edge.call('POST', '/v1/branding/publish', { auth }),
      'publish',
      201,
    );
    const extra = await json<{ key: { id: string }; secret: string }>(
      await edge.call('POST', '/v1/keys', {
        auth,
        body: { kind: 'secret', scopes: ['audit:read'] },
      }),
      'extra key',
      201,
    );
    const listed = await json<{ items: { id: string; kind: string }[] }>(
      await edge.call('GET', '/v1/keys', { auth }),
      'keys',
      200,
    );
    const keyId = (kind: string) =>
      listed.items.find((k) => k.kind === kind && k.id !== extra.key.id)?.id ?? '';
    // The token carries every scope a widget route of the matrix needs, for a customer
    // reference every tenant uses (each tenant's customer-1 is its own).
    const minted = await mintToken(edge, base, {
      scopes: [
        'config:read',
        'catalog:read',
        'pricing:read',
        'quotes:write',
        'onboarding:write',
        'chat:write',
      ],
      origin: origins[0] ?? '',
      customer: 'customer-1',
    });
    const catalogRes = await edge.call('PUT', '/v1/catalog', {
      auth,
      body: catalogOf(spec.word),
    });
    const catalogEtag = catalogRes.headers.get('etag') ?? '';
    const catalog = await json<Catalog>(catalogRes, 'catalog', 200);
    assert.match(catalogEtag, /^"[0-9a-f]{16}"$/);
    const plans = await json<PricingPlans>(
      await edge.call('PUT', '/v1/pricing/plans', { auth, body: plansOf(spec.slug, spec.word) }),
      'plans',
      200,
    );
    const products = await json<OnboardingProducts>(
      await edge.call('PUT', '/v1/onboarding/products', { auth, body: productsOf(spec.word) }),
      'onboarding products',
      200,
    );
    const issued = await json<IssuedQuote>(
      await edge.call('POST', '/v1/quotes', {
        auth: minted.token,
        headers: { origin: origins[0] ?? '' },
        body: { planId: plans.plans[0]?.id, selection: SELECTION },
      }),
      'quote',
      201,
    );
    const preview = await json<{ url: string }>(
      await edge.call('POST', '/v1/branding/preview', { auth }),
      'preview',
      201,
    );
    const hook = await json<{ endpoint: { id: string }; secret: string }>(
      await edge.call('POST', '/v1/webhooks/endpoints', {
        auth,
        body: { url: `https://hooks.${spec.slug}.example/gridworks` },
      }),
      'webhook endpoint',
      201,
    );
    const legalName = `${spec.word} Trading LLP`;
    const draftName = `${spec.word} Draft Holdings`;
    const widget = { auth: minted.token, headers: { origin: origins[0] ?? '' } };
    // The tenant's own document: a PDF whose text and name carry its word.
    const documentText = `${spec.word} Certificate of Incorporation`;
    const documentName = `${spec.word} certificate.pdf`;
    const document = await json<{ id: string; sha256: string }>(
      await edge.call('POST', '/v1/applications/documents?kind=identity', {
        ...widget,
        headers: { ...widget.headers, 'x-file-name': encodeURIComponent(documentName) },
        body: onePagePdf('', [stream('', `(${documentText}) Tj`)]),
      }),
      'document',
      201,
    );
    const waiting = await json<{ id: string }>(
      await edge.call('POST', '/v1/applications/documents?kind=proof-of-address', {
        ...widget,
        body: onePagePdf('', [stream('', `(${spec.word} utility bill) Tj`)]),
      }),
      'pending document',
      201,
    );
    const submitted = await json<{ id: string }>(
      await edge.call('POST', '/v1/applications', {
        ...widget,
        headers: { ...widget.headers, 'idempotency-key': WORLD_KEY },
        body: submissionOf(legalName, document.id),
      }),
      'submission',
      201,
    );
    await json(
      await edge.call('PUT', '/v1/applications/draft', {
        ...widget,
        body: { steps: { company: { legalName: draftName } } },
      }),
      'application draft',
      200,
    );
    // The submission's event becomes a delivery to the endpoint (not sent: no network here).
    await edge.deps.store.dispatchOutbox(edge.clock.now());
    const deliveries = await json<{ items: { id: string }[] }>(
      await edge.call('GET', '/v1/webhooks/deliveries', { auth }),
      'webhook deliveries',
      200,
    );
    // Support chat: settings, two articles, the customer's closed conversation and its open,
    // escalated one with one message.
    await json(
      await edge.call('PUT', '/v1/support/settings', {
        auth,
        body: supportSettingsOf(spec.timeZone),
      }),
      'support settings',
      200,
    );
    await json(
      await edge.call('PUT', `/v1/support/articles/${HELP_SLUG}`, {
        auth,
        body: helpArticleOf(spec.word),
      }),
      'help article',
      200,
    );
    const faqSlug = `${spec.slug}-faq`;
    const faqTitle = `${spec.word} Questions Answered`;
    await json(
      await edge.call('PUT', `/v1/support/articles/${faqSlug}`, {
        auth,
        body: { title: faqTitle, body: 'Answers to what customers ask most.' },
      }),
      'faq article',
      200,
    );
    const startChat = async (what: string) =>
      (
        await json<{ conversation: { id: string } }>(
          await edge.call('POST', '/v1/chat/conversations', { ...widget, body: {} }),
          what,
          201,
        )
      ).conversation.id;
    const closedConversationId = await startChat('first chat');
    await json(
      await edge.call('POST', `/v1/agent/conversations/${closedConversationId}/close`, { auth }),
      'close first chat',
      200,
    );
    const conversationId = await startChat('open chat');
    const chatText = `${spec.word} card stuck in the machine`;
    await json(
      await edge.call('POST', `/v1/chat/conversations/${conversationId}/messages`, {
        ...widget,
        body: { clientId: WORLD_CHAT_CLIENT_ID, text: chatText },
      }),
      'chat message',
      201,
    );
    const { ticket } = await json<{ ticket: { id: string } }>(
      await edge.call('POST', `/v1/chat/conversations/${conversationId}/escalate`, widget),
      'escalate chat',
      201,
    );
    const domain = `widgets.${spec.slug}.example`;
    const pendingDomain = `pending.${spec.slug}.example`;
    const active = await addDomain(edge, base, domain);
    txt.set(active.name, active.value);
    const verified = await json<{ status: string }>(
      await edge.call('POST', `/v1/domains/${domain}/verify`, { auth }),
      'verify domain',
      200,
    );
    assert.equal(verified.status, 'active');
    const pending = await addDomain(edge, base, pendingDomain);
    tenants.push({
      ...base,
      name: spec.name,
      brand,
      origins,
      domain,
      pendingDomain,
      challenges: [active.value, pending.value],
      secretKeyId: keyId('secret'),
      publishableKeyId: keyId('publishable'),
      extraKeyId: extra.key.id,
      extraKeySecret: extra.secret,
      versionId: published.id,
      hash: published.hash,
      token: minted.token,
      jti: minted.jti,
      previewLink: preview.url.split('/v1/branding/preview/')[1] ?? '',
      catalog,
      catalogEtag,
      plans,
      products,
      quote: issued,
      applicationId: submitted.id,
      legalName,
      draftName,
      document: {
        id: document.id,
        name: documentName,
        sha256: document.sha256,
        text: documentText,
      },
      pendingDocumentId: waiting.id,
      webhookEndpointId: hook.endpoint.id,
      webhookSecret: hook.secret,
      deliveryId: deliveries.items[0]?.id ?? '',
      word: spec.word,
      timeZone: spec.timeZone,
      helpTitle: helpArticleOf(spec.word).title,
      faqSlug,
      faqTitle,
      conversationId,
      closedConversationId,
      chatText,
      ticketId: ticket.id,
    });
  }
  return { edge, tenants };
}

async function addDomain(
  edge: TestEdge,
  tenant: TestTenant,
  hostname: string,
): Promise<{ name: string; value: string }> {
  const res = await edge.call('POST', '/v1/domains', {
    auth: tenant.secretKey,
    body: { hostname },
  });
  const { record } = await json<{ record: { name: string; value: string } }>(
    res,
    `add domain ${hostname}`,
    201,
  );
  return record;
}

/** Everything of a tenant's that another tenant must never see. */
function secretsOf(t: World): Map<string, string> {
  return new Map<string, string>([
    ['tenant id', t.id],
    ['slug', t.slug],
    ['name', t.name],
    ['secret key', t.secretKey],
    ['publishable key', t.publishableKey],
    ['extra key', t.extraKeySecret],
    ['secret key id', t.secretKeyId],
    ['publishable key id', t.publishableKeyId],
    ['extra key id', t.extraKeyId],
    ['theme version id', t.versionId],
    ['theme hash', t.hash],
    ['widget token', t.token],
    ['jti', t.jti],
    ['preview link', t.previewLink],
    ['custom domain', t.domain],
    ['pending domain', t.pendingDomain],
    ...t.challenges.map((c, i): [string, string] => [`domain challenge ${i}`, c]),
    ...t.origins.map((o, i): [string, string] => [`origin ${i}`, o]),
    ...catalogNamesOf(t).map((n, i): [string, string] => [`catalog name ${i}`, n]),
    ['catalog etag', t.catalogEtag],
    ...planNamesOf(t).map((n, i): [string, string] => [`plan name ${i}`, n]),
    ...t.products.products.map((p, i): [string, string] => [`product name ${i}`, p.name]),
    ['quote id', t.quote.id],
    ['quote signature', t.quote.signature],
    ['application id', t.applicationId],
    ['application legal name', t.legalName],
    ['application draft', t.draftName],
    ['document id', t.document.id],
    ['document name', t.document.name],
    ['document sha256', t.document.sha256],
    ['document text', t.document.text],
    ['pending document id', t.pendingDocumentId],
    ['webhook endpoint id', t.webhookEndpointId],
    ['webhook secret', t.webhookSecret],
    ['webhook delivery id', t.deliveryId],
    ['help article', t.helpTitle],
    ['faq article', t.faqTitle],
    ['conversation id', t.conversationId],
    ['closed conversation id', t.closedConversationId],
    ['chat message', t.chatText],
    ['ticket id', t.ticketId],
  ]);
}

interface Sent {
  method: string;
  path: string;
  auth?: string;
  body?: unknown;
  headers: Record<string, string>;
  host?: string;
}

/**
 * Names of `owner`'s values found in an answer, ignoring those the request itself carried. On
 * the owner's own domain its origins are public (every anonymous answer's `frame-ancestors`
 * lists them), so headers are only searched for the rest there.
 */
function leaked(owner: World, sent: Sent, res: Response, text: string): string[] {
  const carried = JSON.stringify(sent);
  const onOwnDomain = sent.host === owner.domain;
  const headers = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
  return [...secretsOf(owner)]
    .filter(([label, value]) => {
      if (value === '' || carried.includes(value)) return false;
      if (text.includes(value)) return true;
      return !(onOwnDomain && label.startsWith('origin ')) && headers.includes(value);
    })
    .map(([label]) => label);
}

function credential(kind: Kind, t: World): { auth?: string; headers: Record<string, string> } {
  switch (kind) {
    case 'operator':
      return { auth: OPERATOR_KEY, headers: {} };
    case 'secret':
      return { auth: t.secretKey, headers: {} };
    // Widget credentials come from their own allowed origin, so only the target is wrong.
    case 'publishable':
      return { auth: t.publishableKey, headers: { origin: t.origins[0] ?? '' } };
    case 'token':
      return { auth: t.token, headers: { origin: t.origins[0] ?? '' } };
    case 'anonymous':
      return { headers: {} };
  }
}

const ACCEPTS: Record<Guard, readonly Kind[]> = {
  operator: ['operator'],
  secret: ['secret'],
  widget: ['publishable', 'token'],
  'token-or-backend': ['token', 'secret'],
  customer: ['token'],
  public: KINDS,
};

type Host = 'edge' | 'victim-domain';

/** What a cross-tenant call must get; undefined where the cell is not a cross-tenant call. */
function expected(
  guard: Guard,
  kind: Kind,
  host: Host,
  attack: Attack,
): readonly number[] | undefined {
  // The operator key is not any tenant's: operator routes reaching every tenant is its job,
  // on the edge's own hosts only. A tenant's custom domain has no operator API at all.
  if (guard === 'operator' && host === 'victim-domain') return [404];
  if (guard === 'operator' && kind === 'operator') return undefined;
  // Nothing at all on the victim's own domain is the victim's public face (its widgets' reads);
  // writes and backend reads still need a credential there (401 below).
  if (guard === 'widget' && kind === 'anonymous' && host === 'victim-domain') return undefined;
  if (ACCEPTS[guard].includes(kind)) {
    if (guard === 'public')
      return host === 'victim-domain' ? (attack.domainStatus ?? attack.status) : attack.status;
    // Another tenant's credential on the victim's custom domain is treated as unknown.
    return host === 'victim-domain' && kind !== 'operator' ? [404] : attack.status;
  }
  if (kind === 'anonymous') return [401];
  return host === 'victim-domain' ? [403, 404] : [403];
}

async function send(ctx: Ctx, sent: Sent): Promise<{ res: Response; text: string }> {
  const res = await ctx.edge.call(sent.method, sent.path, {
    ...(sent.auth ? { auth: sent.auth } : {}),
    ...(sent.body !== undefined ? { body: sent.body } : {}),
    headers: sent.headers,
    ...(sent.host ? { host: sent.host } : {}),
  });
  return { res, text: await res.text() };
}

const PAIRS = [0, 1, 2].flatMap((v) =>
  [0, 1, 2].filter((a) => a !== v).map((a) => ({ victim: v, attacker: a })),
);
const HOSTS: readonly Host[] = ['edge', 'victim-domain'];

// The world is built once through the API, then every route gets its own copy of the database,
// so what one route's calls change never leaks into another route's cells.
const WORLD = await buildWorld();
const ROUTES = await discoverRoutes(WORLD.edge);
const IMAGE = WORLD.edge.sqlite.serialize();
await WORLD.edge.close();
const DB_DIR = mkdtempSync(join(tmpdir(), 'gw-isolation-'));
let copies = 0;

async function copyOfWorld(): Promise<Ctx> {
  const path = join(DB_DIR, `world-${copies++}.sqlite`);
  writeFileSync(path, IMAGE);
  const edge = await createTestEdge({}, path);
  withAssets(edge);
  return { edge, tenants: WORLD.tenants };
}

const cells = { run: 0, notApplicable: 0 };

describe('tenant isolation matrix', () => {
  after(() => rmSync(DB_DIR, { recursive: true, force: true }));

  test('every route the app serves has a fixture, and every fixture a route', () => {
    const missing = ROUTES.filter((r) => !(r in FIXTURES));
    const stale = Object.keys(FIXTURES).filter((r) => !ROUTES.includes(r));
    assert.deepEqual(
      { missing, stale },
      { missing: [], stale: [] },
      'add a fixture to FIXTURES in test/edge/isolation.test.ts for each missing route',
    );
  });

  for (const route of ROUTES) {
    const [method = 'GET'] = route.split(' ');
    describe(route, () => {
      const fixture = FIXTURES[route];
      let ctx: Ctx;
      before(async () => {
        ctx = await copyOfWorld();
      });
      after(async () => {
        await ctx.edge.close();
      });

      if (!fixture) {
        test('has a fixture in the matrix', () => {
          assert.fail(`no isolation fixture for ${route}: add one to FIXTURES`);
        });
        return;
      }

      for (const kind of KINDS) {
        test(`another tenant's ${kind} credential cannot reach a tenant's data`, async () => {
          const failures: string[] = [];
          for (const { victim: v, attacker: a } of PAIRS) {
            const victim = ctx.tenants[v] as World;
            const attacker = ctx.tenants[a] as World;
            for (const host of HOSTS) {
              for (const attack of fixture.attacks(victim, attacker)) {
                const want =
                  fixture.callerOnly && ACCEPTS[fixture.guard].includes(kind)
                    ? undefined
                    : expected(fixture.guard, kind, host, attack);
                if (!want) {
                  cells.notApplicable++;
                  continue;
                }
                cells.run++;
                const cred = credential(kind, attacker);
                const sent: Sent = {
                  method,
                  path: attack.path,
                  ...(cred.auth ? { auth: cred.auth } : {}),
                  ...(attack.body !== undefined ? { body: attack.body } : {}),
                  headers: { ...cred.headers, ...attack.headers },
                  ...(host === 'victim-domain' ? { host: victim.domain } : {}),
                };
                const { res, text } = await send(ctx, sent);
                const cell = `${attacker.slug} ${kind} → ${victim.slug}: ${method} ${attack.path}${host === 'victim-domain' ? ` on ${victim.domain}` : ''}${attack.why ? ` (${attack.why})` : ''}`;
                if (!want.includes(res.status)) {
                  failures.push(
                    `${cell}: expected ${want.join('/')}, got ${res.status} ${text.slice(0, 200)}`,
                  );
                } else if (res.status < 300) {
                  const lacks = (attack.shows ?? []).filter((s) => !text.includes(s));
                  if (lacks.length > 0) failures.push(`${cell}: answer lacks ${lacks.join(', ')}`);
                }
                const leaks = leaked(victim, sent, res, text);
                if (leaks.length > 0) failures.push(`${cell}: answer holds ${leaks.join(', ')}`);
                if (
                  res.status >= 400 &&
                  !res.headers.get('content-type')?.startsWith('application/problem+json')
                ) {
                  failures.push(`${cell}: ${res.status} is not problem+json`);
                }
              }
            }
          }
          assert.deepEqual(failures, []);
        });
      }

      test("every tenant's data is intact after the cross-tenant calls", async () => {
        for (const t of ctx.tenants) await assertIntact(ctx, t);
      });

      for (const kind of ACCEPTS[fixture.guard]) {
        const hosts: readonly Host[] = fixture.guard === 'operator' ? ['edge'] : HOSTS;
        for (const host of hosts) {
          const where = host === 'edge' ? 'the edge host' : 'its own domain';
          test(`positive control: the owner's ${kind} credential reaches its data on ${where}`, async () => {
            const owner = ctx.tenants[0] as World;
            const others = ctx.tenants.slice(1);
            const own = await fixture.own(ctx, owner, kind);
            const cred = credential(kind, owner);
            const sent: Sent = {
              method,
              path: own.path,
              ...(cred.auth ? { auth: cred.auth } : {}),
              ...(own.body !== undefined ? { body: own.body } : {}),
              headers: { ...cred.headers, ...own.headers },
              ...(host === 'victim-domain' ? { host: owner.domain } : {}),
            };
            const { res, text } = await send(ctx, sent);
            assert.ok(
              own.status.includes(res.status),
              `${route}: got ${res.status} ${text.slice(0, 300)}`,
            );
            for (const s of own.shows ?? []) assert.ok(text.includes(s), `answer lacks ${s}`);
            if (fixture.guard !== 'operator') {
              for (const other of others) assert.deepEqual(leaked(other, sent, res, text), []);
            }
          });
        }
      }
      if (fixture.guard === 'widget') {
        test("positive control: nothing at all reaches a tenant's widget data on its own domain", async () => {
          const owner = ctx.tenants[0] as World;
          const own = await fixture.own(ctx, owner, 'anonymous');
          const { res, text } = await send(ctx, {
            method,
            path: own.path,
            headers: { origin: owner.origins[0] ?? '', ...own.headers },
            host: owner.domain,
          });
          assert.ok(
            own.status.includes(res.status),
            `${route}: got ${res.status} ${text.slice(0, 300)}`,
          );
          for (const s of own.shows ?? []) assert.ok(text.includes(s), `answer lacks ${s}`);
        });
      }
      if (fixture.guard === 'token-or-backend') {
        test('negative control: nothing at all is refused even on the tenant’s own domain', async () => {
          const owner = ctx.tenants[0] as World;
          const own = await fixture.own(ctx, owner, 'anonymous');
          const sent: Sent = {
            method,
            path: own.path,
            ...(own.body !== undefined ? { body: own.body } : {}),
            headers: { origin: owner.origins[0] ?? '', ...own.headers },
            host: owner.domain,
          };
          const { res, text } = await send(ctx, sent);
          assert.equal(res.status, 401, `${route}: ${text.slice(0, 300)}`);
          assert.deepEqual(leaked(owner, sent, res, text), []);
        });
      }
    });
  }

  test('the matrix ran cross-tenant cells for every route', () => {
    assert.ok(cells.run >= ROUTES.length * PAIRS.length, `only ${cells.run} cells ran`);
  });
});

/**
 * The tenant's theme, keys, token, origins, draft, domains, catalog, plans and quote are as
 * `buildWorld` left them.
 */
async function assertIntact(ctx: Ctx, t: World): Promise<void> {
  const { edge } = ctx;
  const origin = t.origins[0] ?? '';
  const config = await json<{ tenant: { id: string }; theme: { hash: string } | null }>(
    await edge.call('GET', '/v1/config', { auth: t.publishableKey, headers: { origin } }),
    `${t.slug} config by publishable key`,
    200,
  );
  assert.equal(config.tenant.id, t.id);
  assert.equal(config.theme?.hash, t.hash, `${t.slug}: current theme changed`);
  await json(
    await edge.call('GET', '/v1/config', { auth: t.token, headers: { origin } }),
    `${t.slug}: widget token still accepted`,
    200,
  );
  const keys = await json<{ items: { id: string; revokedAt: number | null }[] }>(
    await edge.call('GET', '/v1/keys', { auth: t.secretKey }),
    `${t.slug} keys`,
    200,
  );
  for (const id of [t.extraKeyId, t.publishableKeyId, t.secretKeyId]) {
    assert.equal(
      keys.items.find((k) => k.id === id)?.revokedAt,
      null,
      `${t.slug}: key ${id} revoked`,
    );
  }
  const origins = await json<{ origins: string[] }>(
    await edge.call('GET', '/v1/origins', { auth: t.secretKey }),
    `${t.slug} origins`,
    200,
  );
  assert.deepEqual(origins.origins, t.origins);
  const draft = await json<{ brand: { slug: string; name: string } }>(
    await edge.call('GET', '/v1/branding/draft', { auth: t.secretKey }),
    `${t.slug} draft`,
    200,
  );
  assert.deepEqual([draft.brand.slug, draft.brand.name], [t.slug, t.name]);
  const versions = await json<{ items: { id: string }[] }>(
    await edge.call('GET', '/v1/branding/versions', { auth: t.secretKey }),
    `${t.slug} versions`,
    200,
  );
  assert.deepEqual(
    versions.items.map((v) => v.id),
    [t.versionId],
  );
  const onDomain = await json<{ tenant: { id: string } }>(
    await edge.call('GET', '/v1/config', { host: t.domain, headers: { origin } }),
    `${t.slug} config on its domain`,
    200,
  );
  assert.equal(onDomain.tenant.id, t.id);
  const application = await json<{ status: string; steps: { company: { legalName: string } } }>(
    await edge.call('GET', `/v1/applications/${t.applicationId}`, { auth: t.secretKey }),
    `${t.slug} application`,
    200,
  );
  assert.deepEqual(
    [application.status, application.steps.company.legalName],
    ['submitted', t.legalName],
    `${t.slug}: application changed`,
  );
  assert.deepEqual(
    (application as unknown as { documents: { id: string; sha256: string }[] }).documents.map(
      (d) => [d.id, d.sha256],
    ),
    [[t.document.id, t.document.sha256]],
    `${t.slug}: the application's documents changed`,
  );
  const download = await edge.call(
    'GET',
    `/v1/applications/${t.applicationId}/documents/${t.document.id}`,
    { auth: t.secretKey },
  );
  assert.equal(download.status, 200, `${t.slug}: document download`);
  const got = createHash('sha256')
    .update(new Uint8Array(await download.arrayBuffer()))
    .digest('hex');
  assert.equal(got, t.document.sha256, `${t.slug}: document bytes changed`);
  const pending = ctx.edge.sqlite
    .prepare('SELECT state, tenant_id FROM application_uploads WHERE id = ?')
    .get(t.pendingDocumentId) as { state: string; tenant_id: string } | undefined;
  assert.deepEqual(pending, { state: 'uploaded', tenant_id: t.id }, `${t.slug}: pending upload`);
  const domains = await json<{
    items: { hostname: string; status: string; attempts: number; record: { value: string } }[];
  }>(await edge.call('GET', '/v1/domains', { auth: t.secretKey }), `${t.slug} domains`, 200);
  // Its own two claims as built (a claim it made on another tenant's pending name aside).
  assert.deepEqual(
    domains.items
      .filter((d) => d.hostname === t.domain || d.hostname === t.pendingDomain)
      .map((d) => [d.hostname, d.status, d.attempts, d.record.value])
      .sort(),
    [
      [t.domain, 'active', 0, t.challenges[0]],
      [t.pendingDomain, 'pending', 0, t.challenges[1]],
    ].sort(),
  );
  const catalogRes = await edge.call('GET', '/v1/catalog', {
    auth: t.publishableKey,
    headers: { origin },
  });
  const catalogEtag = catalogRes.headers.get('etag');
  assert.deepEqual(
    await json(catalogRes, `${t.slug} catalog`, 200),
    t.catalog,
    `${t.slug}: catalog changed`,
  );
  assert.equal(catalogEtag, t.catalogEtag, `${t.slug}: catalog ETag changed`);
  assert.deepEqual(
    await json(
      await edge.call('GET', '/v1/pricing/plans', { auth: t.token, headers: { origin } }),
      `${t.slug} plans`,
      200,
    ),
    t.plans,
    `${t.slug}: plans changed`,
  );
  assert.deepEqual(
    await json(
      await edge.call('GET', '/v1/onboarding/products', {
        auth: t.publishableKey,
        headers: { origin },
      }),
      `${t.slug} onboarding products`,
      200,
    ),
    t.products,
    `${t.slug}: onboarding products changed`,
  );
  assert.deepEqual(
    await json(
      await edge.call('GET', `/v1/quotes/${t.quote.id}`, { auth: t.secretKey }),
      `${t.slug} quote`,
      200,
    ),
    t.quote,
    `${t.slug}: quote changed`,
  );
  // Straight from the database: every quote filed under the tenant is its own, priced by one of
  // its own plans (attackers' quotes land in their own tenants, never here).
  const rows = ctx.edge.sqlite
    .prepare('SELECT id, json FROM quotes WHERE tenant_id = ?')
    .all(t.id) as { id: string; json: string }[];
  assert.ok(
    rows.some((r) => r.id === t.quote.id),
    `${t.slug}: quote row missing`,
  );
  const planIds = t.plans.plans.map((p) => p.id);
  for (const row of rows) {
    const stored = JSON.parse(row.json) as IssuedQuote;
    assert.equal(stored.tenantId, t.id, `${t.slug}: quote ${row.id} names another tenant`);
    assert.ok(planIds.includes(stored.planId), `${t.slug}: quote ${row.id} prices a foreign plan`);
  }
  // Its support chat: the open conversation as built (one message, unassigned, its ticket
  // open), the closed one still closed, its articles and its settings.
  const chat = await json<{
    conversation: { status: string; assignee: string | null; lastSeq: number; escalated: boolean };
    messages: { text: string }[];
    ticket: { id: string; status: string } | null;
  }>(
    await edge.call('GET', `/v1/agent/conversations/${t.conversationId}`, { auth: t.secretKey }),
    `${t.slug} conversation`,
    200,
  );
  assert.deepEqual(
    [
      chat.conversation.status,
      chat.conversation.assignee,
      chat.conversation.lastSeq,
      chat.conversation.escalated,
      chat.messages.map((m) => m.text),
      chat.ticket?.id,
      chat.ticket?.status,
    ],
    ['open', null, 1, true, [t.chatText], t.ticketId, 'open'],
    `${t.slug}: conversation changed`,
  );
  const closedChat = await json<{ conversation: { status: string; lastSeq: number } }>(
    await edge.call('GET', `/v1/agent/conversations/${t.closedConversationId}`, {
      auth: t.secretKey,
    }),
    `${t.slug} closed conversation`,
    200,
  );
  assert.deepEqual(
    [closedChat.conversation.status, closedChat.conversation.lastSeq],
    ['closed', 1],
    `${t.slug}: closed conversation changed`,
  );
  const articles = await json<{ items: { slug: string; title: string; body: string }[] }>(
    await edge.call('GET', '/v1/support/articles', { auth: t.secretKey }),
    `${t.slug} articles`,
    200,
  );
  const help = helpArticleOf(t.word);
  assert.deepEqual(
    articles.items
      .filter((a) => a.slug === HELP_SLUG || a.slug === t.faqSlug)
      .map((a) => [a.slug, a.title]),
    [
      [t.faqSlug, t.faqTitle],
      [HELP_SLUG, help.title],
    ].sort(),
    `${t.slug}: articles changed`,
  );
  assert.equal(articles.items.find((a) => a.slug === HELP_SLUG)?.body, help.body);
  assert.deepEqual(
    await json(
      await edge.call('GET', '/v1/support/settings', { auth: t.secretKey }),
      `${t.slug} support settings`,
      200,
    ),
    supportSettingsOf(t.timeZone),
    `${t.slug}: support settings changed`,
  );
}
