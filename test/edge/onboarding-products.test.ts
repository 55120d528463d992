// The tenant's onboarding products: which optional steps a product's form shows and which
// documents it requires. Widgets read them with the publishable key; the tenant's backend
// replaces them with an applications:write secret key (bad input: 422, nothing changed;
// changes audited by hash); submissions are checked against them (productProblems).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_PRODUCTS,
  type OnboardingProducts,
  productProblems,
} from '../../contracts/onboarding-products.js';
import { sha256Hex } from '../../edge/auth/credentials.js';
import { onePagePdf } from './document-fixtures.js';
import { createTenant, createTestEdge, mintToken, ORIGIN } from './helpers.js';

const PRODUCTS: OnboardingProducts = {
  products: [
    {
      id: 'business-current',
      name: 'Business current account',
      steps: ['services', 'documents'],
      requiredDocuments: ['certificate-of-incorporation'],
    },
    { id: 'merchant-lite', name: 'Merchant lite', steps: [], requiredDocuments: [] },
  ],
};

async function setup() {
  const edge = await createTestEdge();
  const a = await createTenant(edge, 'bank-a', [ORIGIN]);
  const put = (body: unknown, auth = a.secretKey) =>
    edge.call('PUT', '/v1/onboarding/products', { auth, body });
  const get = (auth: string = a.publishableKey) =>
    edge.call('GET', '/v1/onboarding/products', { auth, headers: { origin: ORIGIN } });
  return { edge, a, put, get };
}

describe('onboarding products API', () => {
  test('the defaults until the tenant stores some, then what it stored, read with the publishable key', async () => {
    const { edge, put, get } = await setup();
    const before = await get();
    assert.equal(before.status, 200);
    assert.deepEqual(await before.json(), DEFAULT_PRODUCTS);
    const stored = await put(PRODUCTS);
    assert.equal(stored.status, 200);
    assert.deepEqual(await stored.json(), PRODUCTS);
    const after = await get();
    assert.equal(after.headers.get('access-control-allow-origin'), ORIGIN);
    assert.deepEqual(await after.json(), PRODUCTS);
    await edge.close();
  });

  test('a widget token with onboarding:write reads them; one without is refused', async () => {
    const { edge, a, get } = await setup();
    const writer = await mintToken(edge, a, { scopes: ['onboarding:write'], origin: ORIGIN });
    assert.equal((await get(writer.token)).status, 200);
    const other = await mintToken(edge, a, { scopes: ['catalog:read'], origin: ORIGIN });
    assert.equal((await get(other.token)).status, 403);
    await edge.close();
  });

  test('bad input is a 422 with a pointer, and changes nothing', async () => {
    const { edge, put, get } = await setup();
    await put(PRODUCTS);
    const bad: [unknown, string][] = [
      [
        { products: [{ ...PRODUCTS.products[1], steps: ['documents', 'documents'] }] },
        '/products/0/steps',
      ],
      [{ products: [{ ...PRODUCTS.products[1], steps: ['review'] }] }, '/products/0/steps/0'],
      [
        { products: [{ ...PRODUCTS.products[1], requiredDocuments: ['identity'] }] },
        '/products/0/requiredDocuments',
      ],
      [{ products: [PRODUCTS.products[1], PRODUCTS.products[1]] }, '/products/1/id'],
      [{ products: [{ ...PRODUCTS.products[1], id: 'Not An Id' }] }, '/products/0/id'],
      [{ products: [{ ...PRODUCTS.products[1], extra: 1 }] }, '/products/0'],
    ];
    for (const [body, path] of bad) {
      const res = await put(body);
      assert.equal(res.status, 422, JSON.stringify(body));
      const problem = (await res.json()) as { errors: { path: string }[] };
      assert.ok(
        problem.errors.some((e) => e.path === path),
        `${path} in ${JSON.stringify(problem.errors)}`,
      );
    }
    assert.deepEqual(await (await get()).json(), PRODUCTS);
    await edge.close();
  });

  test('writing needs a secret key with applications:write; changes are audited, a no-op is not', async () => {
    const { edge, a, put } = await setup();
    const narrow = await edge.call('POST', '/v1/keys', {
      auth: a.secretKey,
      body: { kind: 'secret', scopes: ['applications:read'] },
    });
    const { secret } = (await narrow.json()) as { secret: string };
    assert.equal((await put(PRODUCTS, secret)).status, 403);
    assert.equal((await put(PRODUCTS, a.publishableKey)).status, 403);
    await put(PRODUCTS);
    await put(PRODUCTS);
    const audit = (await (
      await edge.call('GET', '/v1/audit?limit=100', { auth: a.secretKey })
    ).json()) as { items: { action: string; afterHash: string; beforeHash: string | null }[] };
    const entries = audit.items.filter((e) => e.action === 'onboarding-products.update');
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.afterHash, await sha256Hex(JSON.stringify(PRODUCTS)));
    assert.equal(entries[0]?.beforeHash, null);
    await edge.close();
  });
});

/** A valid submission for `product`, with the given optional steps. */
const submission = (product: string, extra: Record<string, unknown> = {}) => ({
  product,
  steps: {
    company: {
      legalName: 'Zephyrine Textiles Private Limited',
      registrationNumbers: [{ scheme: 'cin', value: 'U17110MH2019PTC123456' }],
      incorporationDate: '2019-04-01',
      registeredAddress: {
        line1: '42 Marigold Lane',
        city: 'Pune',
        postalCode: '411001',
        country: 'IN',
      },
    },
    entityType: { entityType: 'private-limited' },
    people: {
      signatories: [
        {
          fullName: 'Aurelio Q',
          role: 'Director',
          email: 'a@zephyrine.example',
          phone: '+919812345678',
        },
      ],
    },
    declarations: {
      politicallyExposed: false,
      sanctioned: false,
      consent: { accepted: true, text: 'I agree.', givenAt: '2026-11-21T11:59:00Z' },
    },
    ...extra,
  },
});

describe('submissions follow their product', () => {
  test('unknown product, a step switched off, a missing step or document: 422 with pointers, nothing written, the key free', async () => {
    const { edge, a, put } = await setup();
    await put(PRODUCTS);
    const { token } = await mintToken(edge, a, {
      scopes: ['onboarding:write'],
      origin: ORIGIN,
      customer: 'cust-products',
    });
    const submit = (body: unknown, key: string) =>
      edge.call('POST', '/v1/applications', {
        auth: token,
        body,
        headers: { origin: ORIGIN, 'idempotency-key': key },
      });
    const refused = async (body: unknown, key: string, paths: string[]) => {
      const res = await submit(body, key);
      assert.equal(res.status, 422);
      const problem = (await res.json()) as { type: string; errors: { path: string }[] };
      assert.equal(problem.type, 'https://docs.gridworks.example/problems/product-mismatch');
      assert.deepEqual(
        problem.errors.map((e) => e.path),
        paths,
      );
    };
    await refused(submission('no-such-product'), 'k1', ['/product']);
    await refused(submission('merchant-lite', { services: { services: ['payroll'] } }), 'k2', [
      '/steps/services',
    ]);
    await refused(submission('business-current'), 'k3', ['/steps/services', '/steps/documents']);
    const services = { services: { services: ['payroll'] } };
    await refused(submission('business-current', services), 'k4', ['/steps/documents']);
    const list = async () =>
      (
        (await (await edge.call('GET', '/v1/applications', { auth: a.secretKey })).json()) as {
          items: unknown[];
        }
      ).items.length;
    assert.equal(await list(), 0, 'nothing was written');
    // With its certificate the same key goes through: the refusal freed it.
    const uploaded = await edge.call(
      'POST',
      '/v1/applications/documents?kind=certificate-of-incorporation',
      {
        auth: token,
        body: onePagePdf(),
        headers: { origin: ORIGIN, 'content-type': 'application/octet-stream' },
      },
    );
    assert.equal(uploaded.status, 201, await uploaded.clone().text());
    const { id } = (await uploaded.json()) as { id: string };
    const ok = await submit(
      submission('business-current', {
        ...services,
        documents: { documents: [{ id, kind: 'certificate-of-incorporation' }] },
      }),
      'k4',
    );
    assert.equal(ok.status, 201, await ok.clone().text());
    assert.equal((await submit(submission('merchant-lite'), 'k5')).status, 201);
    assert.equal(await list(), 2);
    await edge.close();
  });
});

describe('productProblems: a submission against its product', () => {
  const docs = (...kinds: string[]) => ({ documents: kinds.map((kind) => ({ kind })) });
  test('a tenant with no products takes any product and any steps', () => {
    assert.deepEqual(productProblems(undefined, { product: 'anything', steps: {} }), []);
  });
  test('an unknown product', () => {
    assert.deepEqual(
      productProblems(PRODUCTS, { product: 'nope', steps: {} }).map((p) => p.path),
      ['/product'],
    );
  });
  test('a step that is on must be there; one that is off must not', () => {
    assert.deepEqual(
      productProblems(PRODUCTS, {
        product: 'business-current',
        steps: { documents: docs('certificate-of-incorporation') },
      }).map((p) => p.path),
      ['/steps/services'],
    );
    assert.deepEqual(
      productProblems(PRODUCTS, {
        product: 'merchant-lite',
        steps: { services: {}, documents: docs('other') },
      }).map((p) => p.path),
      ['/steps/services', '/steps/documents'],
    );
  });
  test('required documents', () => {
    const steps = { services: {}, documents: docs('identity') };
    const problems = productProblems(PRODUCTS, { product: 'business-current', steps });
    assert.equal(problems.length, 1);
    assert.match(problems[0]?.message ?? '', /certificate-of-incorporation/);
    assert.deepEqual(
      productProblems(PRODUCTS, {
        product: 'business-current',
        steps: { services: {}, documents: docs('identity', 'certificate-of-incorporation') },
      }),
      [],
    );
  });
});
