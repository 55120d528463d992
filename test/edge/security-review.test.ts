// Regression tests for a bank's security review of the edge, one block per finding, each
// reproduced the way the reviewers did it against `createApp` (the real-server findings are in
// node-adapter.test.ts). Every one of these failed on the code before the fix.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SECRET_SCOPES } from '../../edge/auth/credentials.js';
import { SecretBox } from '../../edge/auth/secret-box.js';
import { KeyRing } from '../../edge/auth/widget-tokens.js';
import type { DemoSite, RateLimitDecision, RateLimiter } from '../../edge/deps.js';
import { MemoryRateLimiter } from '../../edge/middleware/rate-limit/index.js';
import { HSTS } from '../../edge/middleware/security-headers/index.js';
import {
  createTenant,
  createTestEdge,
  mintToken,
  OPERATOR_KEY,
  ORIGIN,
  SUNBEAM_BRAND,
  TEST_MASTER_KEY,
  type TestEdge,
  type TestTenant,
  tamperTail,
} from './helpers.js';

async function read<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  return JSON.parse(text) as T;
}

const createKey = (edge: TestEdge, auth: string, body: unknown) =>
  edge.call('POST', '/v1/keys', { auth, body });

async function secretKey(edge: TestEdge, auth: string, scopes: string[]) {
  return read<{ key: { id: string; scopes: string[] }; secret: string }>(
    await createKey(edge, auth, { kind: 'secret', scopes }),
    201,
  );
}

const getConfig = (edge: TestEdge, auth: string, ip = '192.0.2.1') =>
  edge.call('GET', '/v1/config', { auth, headers: { origin: ORIGIN, 'x-test-client-ip': ip } });

describe('scopes only narrow', () => {
  test('a keys:write-only key cannot create an all-scopes key, nor one with any scope it lacks', async () => {
    const edge = await createTestEdge();
    const tenant = await createTenant(edge, 'bank-a');
    const keysOnly = await secretKey(edge, tenant.secretKey, ['keys:write']);
    // The reviewers' request: an empty body used to mean "every scope".
    const empty = await read<{ errors: { path: string }[] }>(
      await createKey(edge, keysOnly.secret, {}),
      422,
    );
    assert.deepEqual(
      empty.errors.map((e) => e.path),
      ['/scopes'],
    );
    for (const scopes of [[...SECRET_SCOPES], ['tokens:mint'], ['keys:write', 'audit:read']]) {
      const res = await createKey(edge, keysOnly.secret, { kind: 'secret', scopes });
      const body = await read<{ type: string }>(res, 403);
      assert.match(body.type, /scope-escalation$/);
    }
    // Its own scopes, or fewer, it may give.
    assert.deepEqual((await secretKey(edge, keysOnly.secret, ['keys:write'])).key.scopes, [
      'keys:write',
    ]);
    const keys = await read<{ items: { scopes: string[]; revokedAt: number | null }[] }>(
      await edge.call('GET', '/v1/keys', { auth: tenant.secretKey }),
      200,
    );
    assert.ok(
      keys.items.every((k) => k.scopes.length <= 1 || k.scopes.length === SECRET_SCOPES.length),
    );
    assert.equal(keys.items.filter((k) => k.scopes.length === SECRET_SCOPES.length).length, 1);
    await edge.close();
  });

  test('a publishable key takes no scopes; a secret key needs them listed', async () => {
    const edge = await createTestEdge();
    const tenant = await createTenant(edge, 'bank-a');
    await read(await createKey(edge, tenant.secretKey, { kind: 'publishable' }), 201);
    await read(
      await createKey(edge, tenant.secretKey, { kind: 'publishable', scopes: ['keys:write'] }),
      422,
    );
    await read(await createKey(edge, tenant.secretKey, { kind: 'secret' }), 422);
    await edge.close();
  });

  test('a key may revoke only keys whose scopes are a subset of its own', async () => {
    const edge = await createTestEdge();
    const tenant = await createTenant(edge, 'bank-a');
    const keysOnly = await secretKey(edge, tenant.secretKey, ['keys:write']);
    const minter = await secretKey(edge, tenant.secretKey, ['keys:write', 'tokens:mint']);
    const keys = await read<{ items: { id: string; scopes: string[] }[] }>(
      await edge.call('GET', '/v1/keys', { auth: tenant.secretKey }),
      200,
    );
    const allScopes = keys.items.find((k) => k.scopes.length === SECRET_SCOPES.length);
    assert.ok(allScopes);
    for (const target of [allScopes.id, minter.key.id]) {
      const res = await edge.call('DELETE', `/v1/keys/${target}`, { auth: keysOnly.secret });
      assert.match((await read<{ type: string }>(res, 403)).type, /scope-escalation$/);
    }
    // Nothing was revoked: both keys still work.
    assert.equal((await edge.call('GET', '/v1/keys', { auth: tenant.secretKey })).status, 200);
    assert.equal((await edge.call('GET', '/v1/keys', { auth: minter.secret })).status, 200);
    // The broader key may revoke the narrower one.
    const narrower = await edge.call('DELETE', `/v1/keys/${keysOnly.key.id}`, {
      auth: minter.secret,
    });
    assert.equal(narrower.status, 204);
    assert.equal((await edge.call('GET', '/v1/keys', { auth: keysOnly.secret })).status, 401);
    await edge.close();
  });
});

describe('active secret keys are capped per tenant', () => {
  test('the eleventh active secret key is a clear 409; revoking one frees a slot', async () => {
    const edge = await createTestEdge();
    const tenant = await createTenant(edge, 'bank-a');
    // One key (the tenant's first) is active; 9 more in distinct scope sets reach the cap.
    const created: { key: { id: string } }[] = [];
    for (const scope of SECRET_SCOPES.slice(0, 9)) {
      created.push(await secretKey(edge, tenant.secretKey, [scope]));
    }
    const eleventh = await createKey(edge, tenant.secretKey, {
      kind: 'secret',
      scopes: ['keys:write', 'audit:read'],
    });
    const problem = await read<{ type: string; detail: string }>(eleventh, 409);
    assert.match(problem.type, /key-limit$/);
    assert.match(problem.detail, /At most 10 active secret keys per tenant/);
    // Publishable keys have their own allowance.
    await read(await createKey(edge, tenant.secretKey, { kind: 'publishable' }), 201);
    const first = created[0];
    assert.ok(first);
    const revoked = await edge.call('DELETE', `/v1/keys/${first.key.id}`, {
      auth: tenant.secretKey,
    });
    assert.equal(revoked.status, 204);
    await read(
      await createKey(edge, tenant.secretKey, {
        kind: 'secret',
        scopes: ['keys:write', 'audit:read'],
      }),
      201,
    );
    await edge.close();
  });

  test('two concurrent creations cannot both slip under the cap', async () => {
    const edge = await createTestEdge();
    const tenant = await createTenant(edge, 'bank-a');
    for (const scope of SECRET_SCOPES.slice(0, 8)) await secretKey(edge, tenant.secretKey, [scope]);
    const results = await Promise.all(
      [
        ['keys:write', 'audit:read'],
        ['keys:write', 'tokens:mint'],
        ['audit:read', 'tokens:mint'],
      ].map((scopes) => createKey(edge, tenant.secretKey, { kind: 'secret', scopes })),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409, 409]);
    await edge.close();
  });
});

describe('failed authentication is rate-limited per client address', () => {
  const limits = { rateLimits: { authFailuresPerIp: 10 } };

  test('300 bad operator, secret and JWT credentials from one address: 401s, then 429 with Retry-After', async () => {
    const edge = await createTestEdge(limits);
    const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
    const bad = [
      'op_guess_0123456789abcdefghijklmnopqrstuvwxyz',
      `sk_live_${'x'.repeat(43)}`,
      'eyJhbGciOiJFZERTQSJ9.eyJ0aWQiOiJ4In0.c2lnbmF0dXJl',
    ];
    const statuses: number[] = [];
    let retryAfter = '';
    for (let i = 0; i < 300; i++) {
      const res = await edge.call('GET', '/v1/tenants', {
        auth: bad[i % bad.length],
        headers: { 'x-test-client-ip': '203.0.113.9' },
      });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after') ?? '';
    }
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401));
    assert.deepEqual(statuses.slice(10), Array(290).fill(429));
    assert.match(retryAfter, /^[1-9][0-9]*$/);
    // Past the limit, even a correct credential from that address is not verified.
    const good = await edge.call('GET', '/v1/keys', {
      auth: tenant.secretKey,
      headers: { 'x-test-client-ip': '203.0.113.9' },
    });
    assert.equal(good.status, 429);
    // Other addresses are unaffected, and the address recovers as its bucket refills.
    const other = await edge.call('GET', '/v1/keys', {
      auth: tenant.secretKey,
      headers: { 'x-test-client-ip': '198.51.100.7' },
    });
    assert.equal(other.status, 200);
    edge.clock.advance(Number(retryAfter) * 1000);
    const later = await edge.call('GET', '/v1/keys', {
      auth: tenant.secretKey,
      headers: { 'x-test-client-ip': '203.0.113.9' },
    });
    assert.equal(later.status, 200);
    await edge.close();
  });

  test('a bad publishable key in ?pk= counts as a failure too; successes never do', async () => {
    const edge = await createTestEdge(limits);
    const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
    for (let i = 0; i < 50; i++) {
      assert.equal((await getConfig(edge, tenant.publishableKey, '203.0.113.10')).status, 200);
    }
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await edge.call('GET', `/v1/config?pk=pk_live_${'y'.repeat(43)}`, {
        headers: { origin: ORIGIN, 'x-test-client-ip': '203.0.113.10' },
      });
      statuses.push(res.status);
    }
    assert.deepEqual(statuses, [...Array(10).fill(401), 429, 429]);
    await edge.close();
  });
});

describe('one client cannot starve a bank’s widgets', () => {
  test('publishable-key traffic is bucketed per (key, client address), with a ceiling per key', async () => {
    const edge = await createTestEdge({
      rateLimits: { perClient: 20, perCredential: 45 },
    });
    const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
    // The reviewers' flood: one client spends its bucket...
    for (let i = 0; i < 20; i++) {
      assert.equal((await getConfig(edge, tenant.publishableKey, '203.0.113.1')).status, 200);
    }
    const flooder = await getConfig(edge, tenant.publishableKey, '203.0.113.1');
    assert.equal(flooder.status, 429);
    assert.ok(Number(flooder.headers.get('retry-after')) >= 1);
    // ...and every other customer of the bank is still served.
    for (const ip of ['198.51.100.1', '198.51.100.2']) {
      for (let i = 0; i < 10; i++) {
        assert.equal((await getConfig(edge, tenant.publishableKey, ip)).status, 200, ip);
      }
    }
    // The backstop: a key's whole traffic over all clients has a ceiling.
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push((await getConfig(edge, tenant.publishableKey, `203.0.113.${50 + i}`)).status);
    }
    assert.ok(statuses.includes(429), statuses.join(','));
    await edge.close();
  });

  test('widget-token traffic is bucketed per (token, client address) the same way', async () => {
    const edge = await createTestEdge({ rateLimits: { perClient: 5 } });
    const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
    const { token } = await mintToken(edge, tenant, { scopes: ['config:read'], origin: ORIGIN });
    for (let i = 0; i < 5; i++)
      assert.equal((await getConfig(edge, token, '203.0.113.1')).status, 200);
    assert.equal((await getConfig(edge, token, '203.0.113.1')).status, 429);
    assert.equal((await getConfig(edge, token, '198.51.100.1')).status, 200);
    await edge.close();
  });

  test('the limiter is asynchronous: the edge waits for an out-of-process answer', async () => {
    const asked: string[] = [];
    const remote: RateLimiter = {
      hit: async (bucket: string): Promise<RateLimitDecision> => {
        asked.push(bucket);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return bucket.startsWith('key:') && bucket.includes(':ip:')
          ? { allowed: false, retryAfterSeconds: 7 }
          : { allowed: true, retryAfterSeconds: 0 };
      },
    };
    const edge = await createTestEdge();
    const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
    edge.deps.rateLimiter = remote;
    const res = await getConfig(edge, tenant.publishableKey);
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '7');
    assert.ok(
      asked.some((b) => b.includes(':ip:192.0.2.1')),
      asked.join(', '),
    );
    // The in-memory limiter keeps the same asynchronous contract.
    const memory = new MemoryRateLimiter(() => 0);
    const decision = memory.hit('bucket', 1);
    assert.ok(decision instanceof Promise);
    assert.deepEqual(await decision, { allowed: true, retryAfterSeconds: 0 });
    assert.equal((await memory.hit('bucket', 1, 0)).allowed, false);
    await edge.close();
  });
});

describe('tokens: audited, revocable per tenant, ended with their minting key', () => {
  async function audit(edge: TestEdge, tenant: TestTenant) {
    return read<{
      items: {
        actor: string;
        action: string;
        target: string;
        details: Record<string, unknown> | null;
      }[];
    }>(await edge.call('GET', '/v1/audit?limit=100', { auth: tenant.secretKey }), 200);
  }

  test('minting and revoking are audited with jti, key id, origin and expiry, never the token', async () => {
    const edge = await createTestEdge();
    const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
    const minter = await secretKey(edge, tenant.secretKey, ['tokens:mint']);
    const minted = await mintToken(
      edge,
      { ...tenant, secretKey: minter.secret },
      { scopes: ['config:read'], origin: ORIGIN },
    );
    assert.equal(
      (await edge.call('DELETE', `/v1/tokens/${minted.jti}`, { auth: tenant.secretKey })).status,
      204,
    );
    const log = await audit(edge, tenant);
    const mint = log.items.find((r) => r.action === 'token.mint');
    assert.deepEqual(mint && { actor: mint.actor, target: mint.target, details: mint.details }, {
      actor: minter.key.id,
      target: minted.jti,
      details: { origin: ORIGIN, scopes: ['config:read'], expiresAt: minted.expiresAt },
    });
    assert.ok(log.items.some((r) => r.action === 'token.revoke' && r.target === minted.jti));
    const raw = JSON.stringify(log);
    assert.ok(!raw.includes(minted.token.split('.')[2] ?? '-'), 'no token in the audit log');
    // A jti this tenant never minted is unknown (another tenant's included).
    const other = await createTenant(edge, 'bank-b', ['https://www.bank-b.example']);
    const foreign = await mintToken(edge, other, {
      scopes: ['config:read'],
      origin: 'https://www.bank-b.example',
    });
    const res = await edge.call('DELETE', `/v1/tokens/${foreign.jti}`, { auth: tenant.secretKey });
    assert.equal(res.status, 404);
    const still = await edge.call('GET', '/v1/config', {
      auth: foreign.token,
      headers: { origin: 'https://www.bank-b.example' },
    });
    assert.equal(still.status, 200);
    await edge.close();
  });

  test('a token minted by a key stops working the moment that key is revoked', async () => {
    const edge = await createTestEdge();
    const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
    const minter = await secretKey(edge, tenant.secretKey, ['tokens:mint']);
    const fromMinter = await mintToken(
      edge,
      { ...tenant, secretKey: minter.secret },
      { scopes: ['config:read'], origin: ORIGIN, ttlSeconds: 3600 },
    );
    const fromFirst = await mintToken(edge, tenant, { scopes: ['config:read'], origin: ORIGIN });
    assert.equal((await getConfig(edge, fromMinter.token)).status, 200);
    const revoked = await edge.call('DELETE', `/v1/keys/${minter.key.id}`, {
      auth: tenant.secretKey,
    });
    assert.equal(revoked.status, 204);
    assert.equal((await getConfig(edge, fromMinter.token)).status, 401);
    assert.ok(edge.logs.some((l) => l.fields.reason === 'token revoked'));
    assert.equal((await getConfig(edge, fromFirst.token)).status, 200, 'other keys’ tokens live');
    await edge.close();
  });

  test('"revoke every token" ends all of the tenant’s tokens and no other tenant’s', async () => {
    const edge = await createTestEdge();
    const a = await createTenant(edge, 'bank-a', [ORIGIN]);
    const b = await createTenant(edge, 'bank-b', ['https://www.bank-b.example']);
    const aTokens = [
      await mintToken(edge, a, { scopes: ['config:read'], origin: ORIGIN }),
      await mintToken(edge, a, { scopes: ['config:read'], origin: ORIGIN, ttlSeconds: 3600 }),
    ];
    const bToken = await mintToken(edge, b, {
      scopes: ['config:read'],
      origin: 'https://www.bank-b.example',
    });
    const res = await read<{ revoked: number }>(
      await edge.call('POST', '/v1/tokens/revoke-all', { auth: a.secretKey }),
      200,
    );
    assert.equal(res.revoked, 2);
    for (const t of aTokens) assert.equal((await getConfig(edge, t.token)).status, 401);
    const bConfig = await edge.call('GET', '/v1/config', {
      auth: bToken.token,
      headers: { origin: 'https://www.bank-b.example' },
    });
    assert.equal(bConfig.status, 200);
    // New tokens work again at once; the action is audited.
    const fresh = await mintToken(edge, a, { scopes: ['config:read'], origin: ORIGIN });
    assert.equal((await getConfig(edge, fresh.token)).status, 200);
    assert.ok((await audit(edge, a)).items.some((r) => r.action === 'token.revoke-all'));
    await edge.close();
  });

  test('a correctly signed token the edge has no record of is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-unrecorded-'));
    try {
      const file = join(dir, 'edge.db');
      const edge = await createTestEdge({}, file);
      const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
      const minted = await mintToken(edge, tenant, { scopes: ['config:read'], origin: ORIGIN });
      assert.equal((await getConfig(edge, minted.token)).status, 200);
      edge.sqlite.prepare('DELETE FROM issued_tokens WHERE jti = ?').run(minted.jti);
      await edge.close();
      // Another instance on the same database (no cache of the earlier answer).
      const other = await createTestEdge({}, file);
      assert.equal((await getConfig(other, minted.token)).status, 401);
      assert.ok(other.logs.some((l) => l.fields.reason === 'token unknown'));
      await other.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the verified-token cache', () => {
  test('is keyed by a digest, holds only tokens that verified, and is bounded', async () => {
    const edge = await createTestEdge();
    const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
    const digests: string[] = [];
    const ring = new KeyRing(edge.deps.store, edge.clock, new SecretBox(TEST_MASTER_KEY), {
      digest: (text) => {
        digests.push(text.slice(0, 8));
        return `d${digests.length}-${text.length}`;
      },
      verifiedCacheSize: 3,
    });
    const tokens = [];
    for (let i = 0; i < 5; i++) {
      const minted = await ring.mint(
        {
          tenantId: tenant.id,
          subject: `c${i}`,
          scopes: ['config:read'],
          origin: ORIGIN,
          ttlSeconds: 600,
        },
        'https://edge.gridworks.test',
      );
      tokens.push(minted.token);
    }
    for (const token of tokens) await ring.verify(token, 'https://edge.gridworks.test');
    assert.equal(ring.verifiedCacheEntries, 3, 'bounded');
    // Junk never gets in, however much of it arrives.
    for (let i = 0; i < 50; i++) {
      await assert.rejects(
        ring.verify(tamperTail(tokens[0] ?? '', 4), 'https://edge.gridworks.test'),
      );
    }
    assert.equal(ring.verifiedCacheEntries, 3);
    assert.equal(digests.length, 55, 'every presented token is digested before the look-up');
    await edge.close();
  });
});

describe('tenants and hosts', () => {
  async function withDomain(edge: TestEdge, tenant: TestTenant, hostname: string) {
    const claim = await read<{ record: { name: string; value: string } }>(
      await edge.call('POST', '/v1/domains', { auth: tenant.secretKey, body: { hostname } }),
      201,
    );
    const previous = edge.doh.handler;
    edge.doh.handler = async () =>
      Response.json({
        Status: 0,
        Answer: [
          { name: `${claim.record.name}.`, type: 16, TTL: 60, data: `"${claim.record.value}"` },
        ],
      });
    await read(
      await edge.call('POST', `/v1/domains/${hostname}/verify`, { auth: tenant.secretKey }),
      200,
    );
    edge.doh.handler = previous;
  }

  async function previewLink(edge: TestEdge, tenant: TestTenant): Promise<string> {
    await read(
      await edge.call('PUT', '/v1/branding/draft', {
        auth: tenant.secretKey,
        body: SUNBEAM_BRAND(tenant.slug),
      }),
      200,
    );
    const { url } = await read<{ url: string }>(
      await edge.call('POST', '/v1/branding/preview', { auth: tenant.secretKey }),
      201,
    );
    return new URL(url).pathname;
  }

  test('a preview link shows only on the edge’s hosts and its own tenant’s domains, never once suspended', async () => {
    const edge = await createTestEdge();
    const a = await createTenant(edge, 'bank-a', [ORIGIN]);
    const b = await createTenant(edge, 'bank-b');
    await withDomain(edge, a, 'widgets.bank-a.example');
    await withDomain(edge, b, 'widgets.bank-b.example');
    const link = await previewLink(edge, a);
    assert.equal((await edge.call('GET', link)).status, 200, 'the edge’s own host');
    assert.equal((await edge.call('GET', link, { host: 'widgets.bank-a.example' })).status, 200);
    for (const path of [link, `${link}/theme.css`]) {
      assert.equal((await edge.call('GET', path, { host: 'widgets.bank-b.example' })).status, 404);
    }
    await read(await edge.call('POST', `/v1/tenants/${a.id}/suspend`, { auth: OPERATOR_KEY }), 200);
    assert.equal((await edge.call('GET', link)).status, 404);
    assert.equal((await edge.call('GET', `${link}/theme.css`)).status, 404);
    await edge.close();
  });

  test('the operator API answers on the edge’s own hosts only', async () => {
    const edge = await createTestEdge();
    const a = await createTenant(edge, 'bank-a', [ORIGIN]);
    await withDomain(edge, a, 'widgets.bank-a.example');
    for (const [method, path] of [
      ['GET', '/v1/tenants'],
      ['POST', '/v1/tenants'],
      ['POST', `/v1/tenants/${a.id}/suspend`],
      ['POST', '/v1/operator/signing-keys'],
    ] as const) {
      const res = await edge.call(method, path, {
        auth: OPERATOR_KEY,
        host: 'widgets.bank-a.example',
        ...(method === 'POST' && path === '/v1/tenants' ? { body: { slug: 'x', name: 'X' } } : {}),
      });
      assert.equal(res.status, 404, `${method} ${path}`);
    }
    assert.equal((await edge.call('GET', '/v1/tenants', { auth: OPERATOR_KEY })).status, 200);
    const tenant = await edge.call('GET', '/v1/config', { host: 'widgets.bank-a.example' });
    assert.equal(tenant.status, 200, 'the tenant itself was not suspended');
    await edge.close();
  });
});

describe('headers', () => {
  test('Strict-Transport-Security when the public URL is https, never on plain http', async () => {
    const https = await createTestEdge();
    for (const path of ['/healthz', '/v1/config', '/docs']) {
      assert.equal((await https.call('GET', path)).headers.get('strict-transport-security'), HSTS);
    }
    await https.close();
    const http = await createTestEdge({ publicUrl: 'http://127.0.0.1:8787' });
    const res = await http.app.request('http://127.0.0.1:8787/healthz');
    assert.equal(res.headers.get('strict-transport-security'), null);
    await http.close();
  });
});

describe('credential redaction anywhere in an echoed value', () => {
  test('a key glued to other text is not echoed by brand errors or request ids', async () => {
    const edge = await createTestEdge();
    const tenant = await createTenant(edge, 'bank-a');
    const glued = `x_${tenant.secretKey}`;
    const res = await edge.call('PUT', '/v1/branding/draft', {
      auth: tenant.secretKey,
      body: { ...SUNBEAM_BRAND('bank-a'), name: glued, colors: { primary: glued } },
    });
    const text = await res.text();
    assert.equal(res.status, 422);
    assert.ok(!text.includes(tenant.secretKey.slice(8, 20)), text);
    assert.match(text, /\[redacted\]/);
    const echoed = await edge.call('GET', '/healthz', {
      headers: { 'x-request-id': `x_${tenant.publishableKey}`.slice(0, 64) },
    });
    assert.ok(
      !(echoed.headers.get('x-request-id') ?? '').includes(tenant.publishableKey.slice(8, 20)),
    );
    await edge.close();
  });
});

describe('a tenant without a published theme', () => {
  test('gets the kit’s default theme (200, ETag, 304), never a 404, until it publishes', async () => {
    const edge = await createTestEdge();
    const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
    const config = await read<{ theme: { hash: string; stylesheet: string; source: string } }>(
      await getConfig(edge, tenant.publishableKey),
      200,
    );
    assert.equal(config.theme.source, 'default');
    const current = await edge.call('GET', '/v1/themes/current.css', {
      auth: tenant.publishableKey,
      headers: { origin: ORIGIN },
    });
    assert.equal(current.status, 200);
    assert.match(await current.text(), /--gw-sys-color-primary/);
    assert.equal(current.headers.get('etag'), `"${config.theme.hash}"`);
    const byHash = await edge.call('GET', new URL(config.theme.stylesheet).pathname, {
      auth: tenant.publishableKey,
      headers: { origin: ORIGIN },
    });
    assert.equal(byHash.status, 200);
    const cached = await edge.call('GET', '/v1/themes/current.css', {
      auth: tenant.publishableKey,
      headers: { origin: ORIGIN, 'if-none-match': `"${config.theme.hash}"` },
    });
    assert.equal(cached.status, 304);
    // Publishing replaces it.
    await read(
      await edge.call('PUT', '/v1/branding/draft', {
        auth: tenant.secretKey,
        body: SUNBEAM_BRAND('bank-a'),
      }),
      200,
    );
    await read(await edge.call('POST', '/v1/branding/publish', { auth: tenant.secretKey }), 201);
    const after = await read<{ theme: { hash: string; source: string } }>(
      await getConfig(edge, tenant.publishableKey),
      200,
    );
    assert.equal(after.theme.source, 'published');
    assert.notEqual(after.theme.hash, config.theme.hash);
    await edge.close();
  });
});

describe('the start page', () => {
  test('in development it leads to the demo page, the API reference and the credentials file', async () => {
    const edge = await createTestEdge();
    const bare = await (await edge.call('GET', '/')).text();
    assert.ok(!bare.includes('/demo'), 'no demo link where there is no demo');
    const demo: DemoSite = {
      html: '<!doctype html><title>demo</title>',
      css: '',
      credentialsFile: '/srv/gw/data/demo-credentials.json',
      mintToken: async () => undefined,
      agent: async () => new Response(null, { status: 404 }),
    };
    edge.deps.demo = () => demo;
    const page = await (await edge.call('GET', '/')).text();
    for (const part of ['href="/demo"', 'href="/docs"', '/srv/gw/data/demo-credentials.json']) {
      assert.ok(page.includes(part), part);
    }
    await edge.close();
  });
});
