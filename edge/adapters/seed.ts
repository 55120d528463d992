/**
 * First-run seed: a demo tenant created through the edge's own API (so it is audited like any
 * other), allowed to embed on the edge's own origin, with a published theme. Its credentials go
 * to data/demo-credentials.json (mode 600); later boots reuse it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_BRAND, DEMO_SLUG } from '../demo/brand.js';
import { DEMO_CATALOG } from '../demo/catalog.js';
import { DEMO_PLANS } from '../demo/pricing.js';
import { DEMO_SANCTIONS_LIST } from '../demo/sanctions.js';
import { DEMO_ARTICLES, DEMO_SUPPORT } from '../demo/support.js';
import type { DemoSite, EdgeDeps } from '../deps.js';
import { DEMO_CSS, demoPageHtml } from './demo-page.js';
import type { NodeEdgeSettings } from './node-config.js';

export { DEMO_BRAND, DEMO_SLUG };

interface Seeded {
  slug: string;
  credentialsFile: string;
  created: boolean;
  /** The demo tenant's publishable key, when known (for the demo page). */
  publishableKey?: string;
}

export async function seedDemo(edge: { url: string }, settings: NodeEdgeSettings): Promise<Seeded> {
  const credentialsFile = join(settings.dataDir, 'demo-credentials.json');
  // Through the edge's own API only, so the same seed serves the Node and the Workers edge.
  const call = async (method: string, path: string, auth: string, body?: unknown) => {
    const res = await fetch(`${edge.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${auth}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`seeding ${method} ${path} failed with ${res.status}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  if (await tenantExists(call, settings.operatorKey, DEMO_SLUG)) {
    // Keys are shown once: without the file there is no way back to them, only new keys.
    if (!existsSync(credentialsFile))
      return {
        slug: DEMO_SLUG,
        credentialsFile: `${credentialsFile} (missing; create a new key with POST /v1/keys)`,
        created: false,
      };
    // Keep the operator key in the file current if it was regenerated.
    const saved = JSON.parse(readFileSync(credentialsFile, 'utf8')) as Record<string, unknown>;
    // A demo database from before the support chat gets its support set-up now.
    if (typeof saved.secretKey === 'string') {
      const settings = await fetch(`${edge.url}/v1/support/articles`, {
        headers: { authorization: `Bearer ${saved.secretKey}` },
      });
      const articles = settings.ok ? ((await settings.json()) as { items: unknown[] }).items : [];
      if (settings.ok && articles.length === 0) await seedSupport(call, saved.secretKey);
    }
    if (settings.operatorKeyGenerated && saved.operatorKey !== settings.operatorKey) {
      writeFileSync(
        credentialsFile,
        `${JSON.stringify({ ...saved, operatorKey: settings.operatorKey }, null, 2)}\n`,
        { mode: 0o600 },
      );
    }
    return {
      slug: DEMO_SLUG,
      credentialsFile,
      created: false,
      publishableKey: (
        JSON.parse(readFileSync(credentialsFile, 'utf8')) as { publishableKey?: string }
      ).publishableKey,
    };
  }
  const created = (await call('POST', '/v1/tenants', settings.operatorKey, {
    slug: DEMO_SLUG,
    name: 'Demo Bank',
  })) as {
    tenant: { id: string };
    secretKey: string;
    publishableKey: string;
  };
  const origins = [...new Set([new URL(settings.publicUrl).origin, new URL(edge.url).origin])];
  await call('PUT', '/v1/origins', created.secretKey, { origins });
  await call('PUT', '/v1/branding/draft', created.secretKey, DEMO_BRAND);
  await call('POST', '/v1/branding/publish', created.secretKey);
  await call('PUT', '/v1/catalog', created.secretKey, DEMO_CATALOG);
  await call('PUT', '/v1/pricing/plans', created.secretKey, DEMO_PLANS);
  // The fictional sanctions and PEP list: an applicant named on it is held for review.
  await call('PUT', '/v1/screening/list', created.secretKey, { entries: DEMO_SANCTIONS_LIST });
  await seedSupport(call, created.secretKey);
  const credentials = {
    note: 'Development credentials of the seeded demo tenant. Never use these in production.',
    edge: edge.url,
    tenantId: created.tenant.id,
    slug: DEMO_SLUG,
    secretKey: created.secretKey,
    publishableKey: created.publishableKey,
    allowedOrigins: origins,
    ...(settings.operatorKeyGenerated ? { operatorKey: settings.operatorKey } : {}),
  };
  writeFileSync(credentialsFile, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return {
    slug: DEMO_SLUG,
    credentialsFile,
    created: true,
    publishableKey: created.publishableKey,
  };
}

/** The demo's support tier, hours and articles (idempotent: PUTs of the same documents). */
async function seedSupport(call: Call, secretKey: string): Promise<void> {
  await call('PUT', '/v1/support/settings', secretKey, DEMO_SUPPORT);
  for (const { slug, ...article } of DEMO_ARTICLES)
    await call('PUT', `/v1/support/articles/${slug}`, secretKey, article);
}

type Call = (
  method: string,
  path: string,
  auth: string,
  body?: unknown,
) => Promise<Record<string, unknown>>;

/** Whether a tenant with `slug` exists, paging through the operator's tenant list. */
async function tenantExists(call: Call, operatorKey: string, slug: string): Promise<boolean> {
  let cursor: string | null = null;
  do {
    const page = (await call(
      'GET',
      `/v1/tenants?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      operatorKey,
    )) as { items: { slug: string }[]; nextCursor: string | null };
    if (page.items.some((t) => t.slug === slug)) return true;
    cursor = page.nextCursor;
  } while (cursor);
  return false;
}

/** What the demo page's widgets may do with the token the demo backend gives them. */
export const DEMO_TOKEN_SCOPES = [
  'config:read',
  'catalog:read',
  'pricing:read',
  'quotes:write',
  'onboarding:write',
  'chat:write',
];
/** The demo page's one customer: its onboarding draft is resumed across tabs and restarts. */
export const DEMO_CUSTOMER = 'demo-customer-0001';

/**
 * Development only: seeds the demo tenant (once) and serves its bank site at /demo, with the
 * bank's "backend" route /demo/token minting widget tokens through the edge's own API with
 * the demo secret key. Never called in production.
 */
export async function attachDemo(
  edge: { url: string; deps: EdgeDeps },
  settings: NodeEdgeSettings,
): Promise<Seeded> {
  const seeded = await seedDemo(edge, settings);
  if (!seeded.publishableKey) return seeded;
  const { secretKey } = JSON.parse(readFileSync(seeded.credentialsFile, 'utf8')) as {
    secretKey: string;
  };
  const site: DemoSite = {
    html: demoPageHtml({ publishableKey: seeded.publishableKey, bankName: 'Demo Bank' }),
    css: DEMO_CSS,
    credentialsFile: seeded.credentialsFile,
    mintToken: async (origin) => {
      const res = await fetch(`${edge.url}/v1/tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ scopes: DEMO_TOKEN_SCOPES, origin, customer: DEMO_CUSTOMER }),
      });
      if (res.status === 422) return undefined; // Not one of the demo tenant's origins.
      if (!res.ok) throw new Error(`demo backend: minting a token failed with ${res.status}`);
      const { token, expiresAt } = (await res.json()) as { token: string; expiresAt: number };
      return { token, expiresAt };
    },
    agent: (method, path, body) =>
      fetch(`${edge.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${secretKey}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body,
      }),
  };
  edge.deps.demo = () => site;
  return seeded;
}
