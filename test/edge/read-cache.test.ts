// The read cache (middleware/read-cache): a widget's repeated config and theme reads are
// answered from memory — and every write that could change an answer is seen on the very next
// request, every limit still applies per request, and nothing answered is shared between
// requests that differ in anything the full chain looks at.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Store } from '../../edge/store/store.js';
import {
  createTenant,
  createTestEdge,
  mintToken,
  OPERATOR_KEY,
  ORIGIN,
  SUNBEAM_BRAND,
  type TestEdge,
  type TestTenant,
} from './helpers.js';

const OTHER_ORIGIN = 'https://www.other-bank.example';

/** Counts the store look-ups the full chain makes for a publishable key. */
function countKeyLookups(edge: TestEdge): () => number {
  const store = edge.deps.store as Store;
  const original = store.findKeyByHash.bind(store);
  let calls = 0;
  store.findKeyByHash = (hash) => {
    calls += 1;
    return original(hash);
  };
  return () => calls;
}

const read = (
  edge: TestEdge,
  path: string,
  credential: string,
  headers: Record<string, string> = { origin: ORIGIN },
) => edge.call('GET', path, { auth: credential, headers });

async function setUp(): Promise<{ edge: TestEdge; tenant: TestTenant }> {
  const edge = await createTestEdge();
  const tenant = await createTenant(edge, 'cached-bank', [ORIGIN]);
  return { edge, tenant };
}

async function publish(edge: TestEdge, tenant: TestTenant, brand: object): Promise<void> {
  const draft = await edge.call('PUT', '/v1/branding/draft', {
    auth: tenant.secretKey,
    body: brand,
  });
  assert.equal(draft.status, 200, await draft.clone().text());
  const published = await edge.call('POST', '/v1/branding/publish', { auth: tenant.secretKey });
  assert.equal(published.status, 201, await published.clone().text());
}

const headersOf = (res: Response) => {
  const all = Object.fromEntries(res.headers);
  delete all['x-request-id'];
  return all;
};

describe('the read cache', () => {
  for (const path of ['/v1/config', '/v1/themes/current.css']) {
    test(`${path}: the second identical read is answered from memory, byte for byte`, async () => {
      const { edge, tenant } = await setUp();
      try {
        const lookups = countKeyLookups(edge);
        const first = await read(edge, path, tenant.publishableKey);
        const firstBody = await first.text();
        assert.equal(first.status, 200);
        assert.equal(lookups(), 1);
        const second = await read(edge, path, tenant.publishableKey);
        assert.equal(second.status, 200);
        assert.equal(await second.text(), firstBody);
        assert.deepEqual(headersOf(second), headersOf(first));
        assert.equal(lookups(), 1, 'the second read made no store look-up');
        // A request id of its own, and a log line of its own with the route pattern.
        assert.match(second.headers.get('x-request-id') ?? '', /^req_/);
        assert.notEqual(second.headers.get('x-request-id'), first.headers.get('x-request-id'));
        const lines = edge.logs.filter((l) => l.event === 'request' && l.fields.method === 'GET');
        assert.equal(lines.length, 2);
        assert.equal(lines[1]?.fields.route, lines[0]?.fields.route);
        // A well-formed incoming request id is kept on a replayed answer too.
        const tagged = await read(edge, path, tenant.publishableKey, {
          origin: ORIGIN,
          'x-request-id': 'bank-trace-0001',
        });
        assert.equal(tagged.headers.get('x-request-id'), 'bank-trace-0001');
      } finally {
        await edge.close();
      }
    });
  }

  test('nothing the chain looks at is shared: origin, credential, host, If-None-Match', async () => {
    const { edge, tenant } = await setUp();
    try {
      const other = await createTenant(edge, 'other-bank', [OTHER_ORIGIN]);
      assert.equal((await read(edge, '/v1/config', tenant.publishableKey)).status, 200);
      // Same key, an origin the tenant does not allow.
      const foreign = await read(edge, '/v1/config', tenant.publishableKey, {
        origin: OTHER_ORIGIN,
      });
      assert.equal(foreign.status, 403);
      // Another tenant's key from its own origin gets its own tenant.
      const theirs = await read(edge, '/v1/config', other.publishableKey, {
        origin: OTHER_ORIGIN,
      });
      assert.equal(
        ((await theirs.json()) as { tenant: { slug: string } }).tenant.slug,
        'other-bank',
      );
      // No credential at all, on the edge's own host.
      assert.equal(
        (await edge.call('GET', '/v1/config', { headers: { origin: ORIGIN } })).status,
        401,
      );
      // A host that is no tenant's domain.
      const unknownHost = await edge.call('GET', '/v1/config', {
        auth: tenant.publishableKey,
        headers: { origin: ORIGIN },
        host: 'www.unknown-bank.example',
      });
      assert.equal(unknownHost.status, 404);
      // A 200 and a 304 for the same stylesheet are different answers.
      const css = await read(edge, '/v1/themes/current.css', tenant.publishableKey);
      const etag = css.headers.get('etag') ?? '';
      const conditional = { origin: ORIGIN, 'if-none-match': etag };
      assert.equal(
        (await read(edge, '/v1/themes/current.css', tenant.publishableKey, conditional)).status,
        304,
      );
      assert.equal(
        (await read(edge, '/v1/themes/current.css', tenant.publishableKey, conditional)).status,
        304,
      );
      assert.equal((await read(edge, '/v1/themes/current.css', tenant.publishableKey)).status, 200);
    } finally {
      await edge.close();
    }
  });

  test('a revoked publishable key is refused on the very next read', async () => {
    const { edge, tenant } = await setUp();
    try {
      assert.equal((await read(edge, '/v1/config', tenant.publishableKey)).status, 200);
      assert.equal((await read(edge, '/v1/config', tenant.publishableKey)).status, 200);
      const keys = (await (
        await edge.call('GET', '/v1/keys', { auth: tenant.secretKey })
      ).json()) as {
        items: { id: string; kind: string }[];
      };
      const pk = keys.items.find((k) => k.kind === 'publishable');
      assert.ok(pk);
      const revoked = await edge.call('DELETE', `/v1/keys/${pk.id}`, { auth: tenant.secretKey });
      assert.equal(revoked.status, 204);
      assert.equal((await read(edge, '/v1/config', tenant.publishableKey)).status, 401);
    } finally {
      await edge.close();
    }
  });

  test('an origin taken off the list is refused on the very next read', async () => {
    const { edge, tenant } = await setUp();
    try {
      assert.equal((await read(edge, '/v1/themes/current.css', tenant.publishableKey)).status, 200);
      const put = await edge.call('PUT', '/v1/origins', {
        auth: tenant.secretKey,
        body: { origins: [OTHER_ORIGIN] },
      });
      assert.equal(put.status, 200);
      assert.equal((await read(edge, '/v1/themes/current.css', tenant.publishableKey)).status, 403);
    } finally {
      await edge.close();
    }
  });

  test('a suspended tenant is refused on the very next read', async () => {
    const { edge, tenant } = await setUp();
    try {
      assert.equal((await read(edge, '/v1/config', tenant.publishableKey)).status, 200);
      const suspended = await edge.call('POST', `/v1/tenants/${tenant.id}/suspend`, {
        auth: OPERATOR_KEY,
      });
      assert.equal(suspended.status, 200);
      assert.equal((await read(edge, '/v1/config', tenant.publishableKey)).status, 403);
    } finally {
      await edge.close();
    }
  });

  test('publish and rollback change current.css and config on the very next read', async () => {
    const { edge, tenant } = await setUp();
    try {
      const before = await read(edge, '/v1/themes/current.css', tenant.publishableKey);
      const defaultCss = await before.text();
      const beforeConfig = (await (
        await read(edge, '/v1/config', tenant.publishableKey)
      ).json()) as {
        theme: { hash: string; source: string };
      };
      assert.equal(beforeConfig.theme.source, 'default');
      await publish(edge, tenant, SUNBEAM_BRAND('cached-bank'));
      const after = await read(edge, '/v1/themes/current.css', tenant.publishableKey);
      assert.notEqual(await after.text(), defaultCss);
      assert.notEqual(after.headers.get('etag'), before.headers.get('etag'));
      const afterConfig = (await (
        await read(edge, '/v1/config', tenant.publishableKey)
      ).json()) as {
        theme: { hash: string; source: string };
      };
      assert.equal(afterConfig.theme.source, 'published');
      assert.notEqual(afterConfig.theme.hash, beforeConfig.theme.hash);

      await publish(edge, tenant, {
        ...SUNBEAM_BRAND('cached-bank'),
        colors: { primary: '#0b5fff' },
      });
      const second = (await (await read(edge, '/v1/config', tenant.publishableKey)).json()) as {
        theme: { hash: string };
      };
      const versions = (await (
        await edge.call('GET', '/v1/branding/versions', { auth: tenant.secretKey })
      ).json()) as { items: { id: string; hash: string }[] };
      const first = versions.items.find((v) => v.hash === afterConfig.theme.hash);
      assert.ok(first);
      const rolled = await edge.call('POST', '/v1/branding/rollback', {
        auth: tenant.secretKey,
        body: { versionId: first.id },
      });
      assert.equal(rolled.status, 200, await rolled.clone().text());
      const now = (await (await read(edge, '/v1/config', tenant.publishableKey)).json()) as {
        theme: { hash: string };
      };
      assert.notEqual(now.theme.hash, second.theme.hash);
      assert.equal(now.theme.hash, afterConfig.theme.hash);
    } finally {
      await edge.close();
    }
  });

  test('a widget token: refused once revoked, and once expired, though its answer was cached', async () => {
    const { edge, tenant } = await setUp();
    try {
      const minted = await mintToken(edge, tenant, {
        scopes: ['config:read'],
        origin: ORIGIN,
        ttlSeconds: 120,
      });
      assert.equal((await read(edge, '/v1/config', minted.token)).status, 200);
      assert.equal((await read(edge, '/v1/config', minted.token)).status, 200);
      edge.clock.advance(121_000);
      assert.equal((await read(edge, '/v1/config', minted.token)).status, 401);

      const other = await mintToken(edge, tenant, { scopes: ['config:read'], origin: ORIGIN });
      assert.equal((await read(edge, '/v1/config', other.token)).status, 200);
      assert.equal((await read(edge, '/v1/config', other.token)).status, 200);
      const revoked = await edge.call('DELETE', `/v1/tokens/${other.jti}`, {
        auth: tenant.secretKey,
      });
      assert.equal(revoked.status, 204);
      assert.equal((await read(edge, '/v1/config', other.token)).status, 401);
    } finally {
      await edge.close();
    }
  });

  test('rate limits apply to every replayed answer, and the 429 carries CORS headers', async () => {
    const edge = await createTestEdge({ rateLimits: { perClient: 3 } });
    try {
      const tenant = await createTenant(edge, 'limited-bank', [ORIGIN]);
      for (let i = 0; i < 3; i++)
        assert.equal((await read(edge, '/v1/config', tenant.publishableKey)).status, 200);
      const refused = await read(edge, '/v1/config', tenant.publishableKey);
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.equal(refused.headers.get('access-control-allow-origin'), ORIGIN);
      // Another client address has its own bucket.
      const elsewhere = await read(edge, '/v1/config', tenant.publishableKey, {
        origin: ORIGIN,
        'x-test-client-ip': '198.51.100.7',
      });
      assert.equal(elsewhere.status, 200);
    } finally {
      await edge.close();
    }
  });

  test('an address past its failed-authentication limit is refused even a cached answer', async () => {
    const edge = await createTestEdge({ rateLimits: { authFailuresPerIp: 3 } });
    try {
      const tenant = await createTenant(edge, 'guessed-bank', [ORIGIN]);
      assert.equal((await read(edge, '/v1/config', tenant.publishableKey)).status, 200);
      for (let i = 0; i < 3; i++)
        assert.equal(
          (await read(edge, '/v1/config', `pk_live_guess${i}xxxxxxxxxxxxxxxx`)).status,
          401,
        );
      assert.equal((await read(edge, '/v1/config', tenant.publishableKey)).status, 429);
    } finally {
      await edge.close();
    }
  });

  test('an answer computed while a write lands is not kept', async () => {
    const { edge, tenant } = await setUp();
    try {
      const store = edge.deps.store as Store;
      const original = store.getCurrentTheme.bind(store);
      let release: () => void = () => {};
      const gate = new Promise<void>((done) => {
        release = done;
      });
      store.getCurrentTheme = async (tenantId) => {
        await gate;
        return original(tenantId);
      };
      const pending = read(edge, '/v1/config', tenant.publishableKey);
      // While that read waits on the store, a write happens.
      await new Promise((done) => setTimeout(done, 10));
      edge.deps.readCache?.invalidate();
      release();
      assert.equal((await pending).status, 200);
      assert.equal(edge.deps.readCache?.size, 0);
      store.getCurrentTheme = original;
      assert.equal((await read(edge, '/v1/config', tenant.publishableKey)).status, 200);
      assert.equal(edge.deps.readCache?.size, 1);
    } finally {
      await edge.close();
    }
  });
});
