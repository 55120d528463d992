// The service catalog API: widgets read it (publishable key from an allowed origin, a widget
// token with catalog:read, or nothing on the tenant's custom domain); the tenant's backend
// replaces it with a branding:write secret key, validated with JSON Pointer errors, audited by
// hash, and never visible to or writable by another tenant.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Catalog, catalogSchema } from '../../contracts/catalog.js';
import { sha256Hex } from '../../edge/auth/credentials.js';
import { DEMO_CATALOG } from '../../edge/demo/catalog.js';
import {
  createTenant,
  createTestEdge,
  mintToken,
  ORIGIN,
  type TestEdge,
  type TestTenant,
} from './helpers.js';

const OTHER_ORIGIN = 'https://www.bank-b.example';

const small = (name = 'Payouts API'): Catalog => ({
  categories: [{ id: 'banking-as-a-service', name: 'Banking-as-a-Service' }],
  services: [
    {
      id: 'payouts-api',
      name,
      category: 'banking-as-a-service',
      summary: 'Bulk and instant payouts.',
      regions: ['IN', 'UK'],
      compliance: ['RBI', 'PCI-DSS'],
      tiers: [
        {
          id: 'growth',
          name: 'Growth',
          features: ['IMPS and NEFT payouts'],
          sla: { uptimePercent: 99.9, supportResponseMinutes: 240 },
          priceFrom: { amountMinor: 1_499_900, currency: 'INR', period: 'month' },
        },
      ],
    },
  ],
});

async function setup(): Promise<{ edge: TestEdge; a: TestTenant; b: TestTenant }> {
  const edge = await createTestEdge();
  const a = await createTenant(edge, 'bank-a', [ORIGIN]);
  const b = await createTenant(edge, 'bank-b', [OTHER_ORIGIN]);
  return { edge, a, b };
}

const put = (edge: TestEdge, auth: string, body: unknown) =>
  edge.call('PUT', '/v1/catalog', { auth, body });

async function body<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  return JSON.parse(text) as T;
}

interface ValidationProblem {
  type: string;
  errors: { path: string; message: string; code: string }[];
}

describe('GET /v1/catalog', () => {
  test('a publishable key from an allowed origin reads the stored catalog, with CORS', async () => {
    const { edge, a } = await setup();
    await body(await put(edge, a.secretKey, DEMO_CATALOG), 200);
    const res = await edge.call('GET', '/v1/catalog', {
      auth: a.publishableKey,
      headers: { origin: ORIGIN },
    });
    assert.deepEqual(await body<Catalog>(res, 200), DEMO_CATALOG);
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(res.headers.get('cache-control') ?? '', /private/);
    await edge.close();
  });

  test('an empty catalog until the tenant stores one (never the demo catalog)', async () => {
    const { edge, a } = await setup();
    const res = await edge.call('GET', '/v1/catalog', {
      auth: a.publishableKey,
      headers: { origin: ORIGIN },
    });
    assert.deepEqual(await body(res, 200), { categories: [], services: [] });
    await edge.close();
  });

  test('a publishable key without an allowed origin is refused', async () => {
    const { edge, a } = await setup();
    const variants: Record<string, string>[] = [
      {},
      { origin: OTHER_ORIGIN },
      { origin: `${ORIGIN}.evil.example` },
    ];
    for (const headers of variants) {
      const res = await edge.call('GET', '/v1/catalog', { auth: a.publishableKey, headers });
      const problem = await body<{ type: string }>(res, 403);
      assert.match(problem.type, /origin-not-allowed$/);
    }
    assert.equal((await edge.call('GET', '/v1/catalog')).status, 401);
    await edge.close();
  });

  test('a widget token needs catalog:read and its own origin', async () => {
    const { edge, a } = await setup();
    await body(await put(edge, a.secretKey, small()), 200);
    const scoped = await mintToken(edge, a, { scopes: ['catalog:read'], origin: ORIGIN });
    const ok = await edge.call('GET', '/v1/catalog', {
      auth: scoped.token,
      headers: { origin: ORIGIN },
    });
    assert.deepEqual(await body(ok, 200), small());

    const configOnly = await mintToken(edge, a, { scopes: ['config:read'], origin: ORIGIN });
    const lacking = await edge.call('GET', '/v1/catalog', {
      auth: configOnly.token,
      headers: { origin: ORIGIN },
    });
    const problem = await body<{ type: string; requiredScope: string }>(lacking, 403);
    assert.match(problem.type, /insufficient-scope$/);
    assert.equal(problem.requiredScope, 'catalog:read');

    const elsewhere = await edge.call('GET', '/v1/catalog', {
      auth: scoped.token,
      headers: { origin: 'https://attacker.example' },
    });
    assert.match((await body<{ type: string }>(elsewhere, 403)).type, /origin-mismatch$/);
    await edge.close();
  });

  test("on the tenant's active custom domain no credential is needed", async () => {
    const { edge, a, b } = await setup();
    await body(await put(edge, a.secretKey, small('Domain payouts')), 200);
    const host = 'widgets.bank-a.example';
    const created = await body<{ record: { name: string; value: string } }>(
      await edge.call('POST', '/v1/domains', { auth: a.secretKey, body: { hostname: host } }),
      201,
    );
    edge.doh.handler = async () =>
      Response.json({
        Status: 0,
        Answer: [
          {
            name: `${created.record.name}.`,
            type: 16,
            TTL: 300,
            data: `"${created.record.value}"`,
          },
        ],
      });
    const verified = await body<{ status: string }>(
      await edge.call('POST', `/v1/domains/${host}/verify`, { auth: a.secretKey }),
      200,
    );
    assert.equal(verified.status, 'active');

    const anonymous = await body<Catalog>(await edge.call('GET', '/v1/catalog', { host }), 200);
    assert.equal(anonymous.services[0]?.name, 'Domain payouts');
    // Another tenant's credential on this domain is treated as unknown.
    const foreign = await edge.call('GET', '/v1/catalog', {
      host,
      auth: b.publishableKey,
      headers: { origin: OTHER_ORIGIN },
    });
    assert.equal(foreign.status, 404);
    // An unverified hostname serves nobody.
    assert.equal(
      (await edge.call('GET', '/v1/catalog', { host: 'other.bank-a.example' })).status,
      404,
    );
    await edge.close();
  });

  test('ETag and If-None-Match: 304 until the catalog changes', async () => {
    const { edge, a } = await setup();
    await body(await put(edge, a.secretKey, small()), 200);
    const read = (headers: Record<string, string> = {}) =>
      edge.call('GET', '/v1/catalog', {
        auth: a.publishableKey,
        headers: { origin: ORIGIN, ...headers },
      });
    const first = await read();
    const etag = first.headers.get('etag') ?? '';
    assert.match(etag, /^"[0-9a-f]{16}"$/);
    assert.equal((await read({ 'if-none-match': etag })).status, 304);
    assert.equal((await read({ 'if-none-match': `W/${etag}` })).status, 304);
    await body(await put(edge, a.secretKey, small('Renamed')), 200);
    const changed = await read({ 'if-none-match': etag });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), etag);
    await edge.close();
  });
});

describe('PUT /v1/catalog', () => {
  test('the demo catalog passes the schema and round-trips', async () => {
    assert.ok(catalogSchema.safeParse(DEMO_CATALOG).success);
    assert.equal(DEMO_CATALOG.categories.length, 4);
    assert.ok(DEMO_CATALOG.services.length >= 8);
    for (const service of DEMO_CATALOG.services) {
      assert.ok(service.tiers.length >= 2 && service.tiers.length <= 3, service.id);
    }
    const { edge, a } = await setup();
    assert.deepEqual(await body(await put(edge, a.secretKey, DEMO_CATALOG), 200), DEMO_CATALOG);
    await edge.close();
  });

  test('text is stored trimmed and NFC-normalised', async () => {
    const { edge, a } = await setup();
    const input = small('  Cafe\u0301 payouts ');
    const stored = await body<Catalog>(await put(edge, a.secretKey, input), 200);
    assert.equal(stored.services[0]?.name, 'Café payouts');
    const read = await body<Catalog>(
      await edge.call('GET', '/v1/catalog', {
        auth: a.publishableKey,
        headers: { origin: ORIGIN },
      }),
      200,
    );
    assert.equal(read.services[0]?.name, 'Café payouts');
    await edge.close();
  });

  test('invalid catalogs get 422 with a JSON Pointer for every problem', async () => {
    const { edge, a } = await setup();
    const bad = structuredClone(small()) as unknown as {
      categories: Record<string, unknown>[];
      services: Record<string, unknown>[];
    };
    const service = bad.services[0] as Record<string, unknown> & {
      tiers: Record<string, unknown>[];
    };
    (bad.categories[0] as Record<string, unknown>).name = 'AI\u0007 Suite';
    service.regions = ['IN', 'india'];
    service.compliance = ['pci dss'];
    service.summary = 'Payouts \u202Eexe.pdf';
    service.unexpected = true;
    const tier = service.tiers[0] as Record<string, unknown>;
    tier.sla = { uptimePercent: 120, supportResponseMinutes: 1.5 };
    tier.priceFrom = { amountMinor: 10.5, currency: 'rupees', period: 'month' };
    const res = await put(edge, a.secretKey, bad);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    const problem = await body<ValidationProblem>(res, 422);
    assert.match(problem.type, /validation-failed$/);
    const paths = problem.errors.map((e) => e.path).sort();
    assert.deepEqual(
      paths,
      [
        '/categories/0/name',
        '/services/0',
        '/services/0/compliance/0',
        '/services/0/regions/1',
        '/services/0/summary',
        '/services/0/tiers/0/priceFrom/amountMinor',
        '/services/0/tiers/0/priceFrom/currency',
        '/services/0/tiers/0/sla/supportResponseMinutes',
        '/services/0/tiers/0/sla/uptimePercent',
      ].sort(),
    );
    // Nothing was stored.
    const read = await body<Catalog>(
      await edge.call('GET', '/v1/catalog', {
        auth: a.publishableKey,
        headers: { origin: ORIGIN },
      }),
      200,
    );
    assert.deepEqual(read, { categories: [], services: [] });
    await edge.close();
  });

  test('references and uniqueness are checked across the catalog', async () => {
    const { edge, a } = await setup();
    const catalog = small();
    const service = catalog.services[0];
    assert.ok(service);
    const tier = service.tiers[0];
    assert.ok(tier);
    const broken = {
      categories: [...catalog.categories, ...catalog.categories],
      services: [
        { ...service, category: 'nowhere', regions: ['IN', 'IN'], tiers: [tier, tier] },
        service,
      ],
    };
    const problem = await body<ValidationProblem>(await put(edge, a.secretKey, broken), 422);
    assert.deepEqual(problem.errors.map((e) => e.path).sort(), [
      '/categories/1/id',
      '/services/0/category',
      '/services/0/regions/1',
      '/services/0/tiers/1/id',
      '/services/1/id',
    ]);
    await edge.close();
  });

  test('bounds: too many tiers, too-long text, unknown regions', async () => {
    const { edge, a } = await setup();
    const catalog = small();
    const service = catalog.services[0];
    const tier = service?.tiers[0];
    assert.ok(service && tier);
    const tiers = Array.from({ length: 6 }, (_, i) => ({ ...tier, id: `tier-${i}` }));
    const problem = await body<ValidationProblem>(
      await put(edge, a.secretKey, {
        ...catalog,
        services: [{ ...service, name: 'x'.repeat(81), regions: ['ZZ', 'QQ'], tiers }],
      }),
      422,
    );
    assert.deepEqual(problem.errors.map((e) => e.path).sort(), [
      '/services/0/name',
      '/services/0/regions/0',
      '/services/0/regions/1',
      '/services/0/tiers',
    ]);
    await edge.close();
  });

  test('needs a secret key with branding:write', async () => {
    const { edge, a } = await setup();
    const auditOnly = await body<{ secret: string }>(
      await edge.call('POST', '/v1/keys', {
        auth: a.secretKey,
        body: { kind: 'secret', scopes: ['audit:read'] },
      }),
      201,
    );
    const scoped = await put(edge, auditOnly.secret, small());
    const problem = await body<{ type: string; requiredScope: string }>(scoped, 403);
    assert.match(problem.type, /insufficient-scope$/);
    assert.equal(problem.requiredScope, 'branding:write');

    const token = await mintToken(edge, a, { scopes: ['catalog:read'], origin: ORIGIN });
    for (const auth of [a.publishableKey, token.token]) {
      const res = await edge.call('PUT', '/v1/catalog', {
        auth,
        body: small(),
        headers: { origin: ORIGIN },
      });
      assert.equal(res.status, 403);
    }
    assert.equal((await edge.call('PUT', '/v1/catalog', { body: small() })).status, 401);
    await edge.close();
  });

  test('every change is audited with the before and after hash; a no-op adds nothing', async () => {
    const { edge, a } = await setup();
    const audit = async () =>
      (
        await body<{
          items: {
            action: string;
            beforeHash: string | null;
            afterHash: string | null;
            actor: string;
          }[];
        }>(await edge.call('GET', '/v1/audit?limit=100', { auth: a.secretKey }), 200)
      ).items.filter((e) => e.action === 'catalog.update');

    const first = small();
    await body(await put(edge, a.secretKey, first), 200);
    const second = small('Payouts API v2');
    await body(await put(edge, a.secretKey, second), 200);
    await body(await put(edge, a.secretKey, second), 200);

    const entries = await audit();
    assert.equal(entries.length, 2);
    const h1 = await sha256Hex(JSON.stringify(first));
    const h2 = await sha256Hex(JSON.stringify(second));
    const byAfter = new Map(entries.map((e) => [e.afterHash, e]));
    assert.equal(byAfter.get(h1)?.beforeHash, null);
    assert.equal(byAfter.get(h2)?.beforeHash, h1);
    for (const entry of entries) assert.match(entry.actor, /^key_/);
    await edge.close();
  });
});

describe('tenant isolation', () => {
  test('B cannot read or write A’s catalog', async () => {
    const { edge, a, b } = await setup();
    await body(await put(edge, a.secretKey, small('Bank A payouts')), 200);

    // B's secret key writes B's catalog, never A's (the tenant comes from the key).
    await body(await put(edge, b.secretKey, small('Bank B payouts')), 200);
    const readAs = async (t: TestTenant, origin: string) =>
      body<Catalog>(
        await edge.call('GET', '/v1/catalog', { auth: t.publishableKey, headers: { origin } }),
        200,
      );
    assert.equal((await readAs(a, ORIGIN)).services[0]?.name, 'Bank A payouts');
    assert.equal((await readAs(b, OTHER_ORIGIN)).services[0]?.name, 'Bank B payouts');

    // B's publishable key from A's origin: refused, and nothing of A's is in the answer.
    const cross = await edge.call('GET', '/v1/catalog', {
      auth: b.publishableKey,
      headers: { origin: ORIGIN },
    });
    const text = await cross.text();
    assert.equal(cross.status, 403);
    assert.ok(!text.includes('Bank A'), text);
    assert.equal(cross.headers.get('access-control-allow-origin'), null);

    // A token B minted cannot name A's origin, and B's token reads only B.
    const minted = await edge.call('POST', '/v1/tokens', {
      auth: b.secretKey,
      body: { scopes: ['catalog:read'], origin: ORIGIN },
    });
    assert.equal(minted.status, 422);
    const bToken = await mintToken(edge, b, { scopes: ['catalog:read'], origin: OTHER_ORIGIN });
    const viaToken = await body<Catalog>(
      await edge.call('GET', '/v1/catalog', {
        auth: bToken.token,
        headers: { origin: OTHER_ORIGIN },
      }),
      200,
    );
    assert.equal(viaToken.services[0]?.name, 'Bank B payouts');

    // A's audit log holds only A's change.
    const audit = await body<{ items: { action: string; actor: string }[] }>(
      await edge.call('GET', '/v1/audit?limit=100', { auth: a.secretKey }),
      200,
    );
    assert.equal(audit.items.filter((e) => e.action === 'catalog.update').length, 1);
    await edge.close();
  });

  test('the OpenAPI document describes both operations', async () => {
    const { edge } = await setup();
    const doc = await body<{ paths: Record<string, Record<string, unknown>> }>(
      await edge.call('GET', '/openapi.json'),
      200,
    );
    assert.deepEqual(Object.keys(doc.paths['/v1/catalog'] ?? {}).sort(), ['get', 'put']);
    await edge.close();
  });
});
