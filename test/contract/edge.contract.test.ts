// The behavioural contract of the edge, run against the real Node server and the real Worker in
// workerd (test/contract/runtimes.ts): keys and scopes, widget tokens and JWT attacks, the
// branding lifecycle with ETag/304, quotes, custom domains routed by hostname, problem+json
// shapes, CORS and framing, and rate limits. Written once; a runtime that differs fails it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { base64url, decodeJwt, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { DEMO_CATALOG } from '../../edge/demo/index.js';
import {
  type CallOptions,
  OPERATOR_KEY,
  RUNTIMES,
  type RuntimeEdge,
  startRuntime,
} from './runtimes.js';

const ORIGIN = 'https://www.bank-a.example';
const B_ORIGIN = 'https://www.bank-b.example';
const BRAND = (slug: string) => ({ slug, name: 'Sunbeam Bank', colors: { primary: '#ffd400' } });
const PLANS = {
  plans: [
    {
      id: 'growth',
      name: 'Growth',
      currency: 'INR',
      baseFee: 1_999_00,
      seats: { unitPrice: 199_00, included: 1, min: 1, max: 50, default: 5 },
      usage: [],
      annualDiscountBp: 1000,
      regions: [{ region: 'IN', taxes: [{ name: 'GST', rateBp: 1800 }] }],
    },
  ],
};
const SELECTION = { billing: 'monthly', region: 'IN', seats: 5, usage: {} };

interface Tenant {
  id: string;
  slug: string;
  secretKey: string;
  publishableKey: string;
}

async function read<T>(res: Response, status: number, what = ''): Promise<T> {
  const text = await res.text();
  assert.equal(res.status, status, `${what} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function problem(
  res: Response,
  status: number,
  code: string,
): Promise<Record<string, unknown>> {
  const body = await read<Record<string, unknown>>(res, status, code);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(body.status, status);
  assert.equal(body.type, `https://docs.gridworks.example/problems/${code}`);
  return body;
}

for (const runtime of RUNTIMES) {
  describe(`the edge on ${runtime}`, () => {
    let edge: RuntimeEdge;
    let slugs = 0;
    const call = (method: string, path: string, options?: CallOptions) =>
      edge.call(method, path, options);

    async function tenant(origins: string[] = [ORIGIN]): Promise<Tenant> {
      const slug = `bank-${++slugs}`;
      const created = await read<{
        tenant: { id: string };
        secretKey: string;
        publishableKey: string;
      }>(
        await call('POST', '/v1/tenants', {
          auth: OPERATOR_KEY,
          body: { slug, name: `Bank ${slug}` },
        }),
        201,
        'create tenant',
      );
      await read(
        await call('PUT', '/v1/origins', { auth: created.secretKey, body: { origins } }),
        200,
      );
      return {
        id: created.tenant.id,
        slug,
        secretKey: created.secretKey,
        publishableKey: created.publishableKey,
      };
    }

    async function mint(t: Tenant, body: Record<string, unknown> = {}) {
      return read<{ token: string; jti: string; expiresAt: number }>(
        await call('POST', '/v1/tokens', {
          auth: t.secretKey,
          body: {
            scopes: ['config:read', 'pricing:read', 'quotes:write'],
            origin: ORIGIN,
            ...body,
          },
        }),
        201,
        'mint',
      );
    }

    /**
     * A body over the limit, as its Content-Length announces it: the edge answers 413 before
     * reading a byte of it (sent raw, as fetch cannot announce a body it does not send).
     */
    const oversized = (auth: string) =>
      edge.raw(
        `PUT /v1/catalog HTTP/1.1\r\nHost: edge.gridworks.test\r\nAuthorization: Bearer ${auth}\r\nContent-Type: application/json\r\nContent-Length: 70000\r\nConnection: close\r\n\r\n`,
      );

    const config = (auth: string, origin = ORIGIN, extra: CallOptions = {}) =>
      call('GET', '/v1/config', { auth, headers: { origin }, ...extra });

    before(async () => {
      edge = await startRuntime(runtime);
    });
    after(async () => {
      await edge?.close();
    });

    test('keys: scopes only narrow, a bodiless DELETE revokes, the tenant cap holds', async () => {
      const t = await tenant();
      await problem(
        await call('POST', '/v1/keys', { auth: t.secretKey, body: {} }),
        422,
        'validation-failed',
      );
      const narrow = await read<{ key: { id: string }; secret: string }>(
        await call('POST', '/v1/keys', {
          auth: t.secretKey,
          body: { kind: 'secret', scopes: ['keys:write'] },
        }),
        201,
      );
      await problem(
        await call('POST', '/v1/keys', {
          auth: narrow.secret,
          body: { kind: 'secret', scopes: ['keys:write', 'tokens:mint'] },
        }),
        403,
        'scope-escalation',
      );
      assert.equal(
        (await call('DELETE', `/v1/keys/${narrow.key.id}`, { auth: t.secretKey })).status,
        204,
      );
      await problem(await call('GET', '/v1/keys', { auth: narrow.secret }), 401, 'unauthenticated');
      const scopes = [
        'audit:read',
        'branding:write',
        'chat:agent',
        'domains:write',
        'origins:write',
        'quotes:write',
        'tokens:mint',
        'applications:read',
        'keys:write',
      ];
      for (const scope of scopes)
        await read(
          await call('POST', '/v1/keys', {
            auth: t.secretKey,
            body: { kind: 'secret', scopes: [scope] },
          }),
          201,
          scope,
        );
      const eleventh = await call('POST', '/v1/keys', {
        auth: t.secretKey,
        body: { kind: 'secret', scopes: ['keys:write', 'audit:read'] },
      });
      assert.match(
        String((await problem(eleventh, 409, 'key-limit')).detail),
        /10 active secret keys/,
      );
    });

    test('widget tokens: from their origin only; revoked one by one, all at once, and with their key', async () => {
      const t = await tenant();
      const token = await mint(t);
      assert.equal((await config(token.token)).status, 200);
      await problem(await config(token.token, B_ORIGIN), 403, 'origin-mismatch');
      assert.equal(
        (await call('DELETE', `/v1/tokens/${token.jti}`, { auth: t.secretKey })).status,
        204,
      );
      await problem(await config(token.token), 401, 'unauthenticated');
      await problem(
        await call('DELETE', '/v1/tokens/jti_AAAAAAAAAAAAAAAAAAAA', { auth: t.secretKey }),
        404,
        'not-found',
      );

      const [a, b] = [await mint(t), await mint(t)];
      assert.deepEqual(
        await read(await call('POST', '/v1/tokens/revoke-all', { auth: t.secretKey }), 200),
        { revoked: 2 },
      );
      for (const x of [a, b]) await problem(await config(x.token), 401, 'unauthenticated');

      const minter = await read<{ key: { id: string }; secret: string }>(
        await call('POST', '/v1/keys', {
          auth: t.secretKey,
          body: { kind: 'secret', scopes: ['tokens:mint'] },
        }),
        201,
      );
      const byMinter = await mint({ ...t, secretKey: minter.secret });
      assert.equal((await config(byMinter.token)).status, 200);
      assert.equal(
        (await call('DELETE', `/v1/keys/${minter.key.id}`, { auth: t.secretKey })).status,
        204,
      );
      await problem(await config(byMinter.token), 401, 'unauthenticated');

      const audit = await read<{ items: { action: string; target: string }[] }>(
        await call('GET', '/v1/audit?limit=100', { auth: t.secretKey }),
        200,
      );
      assert.ok(audit.items.some((r) => r.action === 'token.mint' && r.target === a.jti));
      assert.ok(audit.items.some((r) => r.action === 'token.revoke-all'));
    });

    test('widget tokens: expiry on the edge clock, and the classic forgeries refused', async () => {
      const t = await tenant();
      const token = await mint(t, { ttlSeconds: 60 });
      const [header, payload, signature] = token.token.split('.');
      const claims = decodeJwt(token.token);
      const forged = [
        new UnsecuredJWT(claims).encode(),
        `${header}.${base64url.encode(JSON.stringify({ ...claims, scp: ['config:read', 'catalog:read'] }))}.${signature}`,
        `${base64url.encode(JSON.stringify({ alg: 'EdDSA', typ: 'JWT', kid: JSON.parse(Buffer.from(header ?? '', 'base64url').toString()).kid }))}.${payload}.${signature}`,
        await new SignJWT(claims)
          .setProtectedHeader({
            alg: 'EdDSA',
            typ: 'gw-widget+jwt',
            kid: JSON.parse(Buffer.from(header ?? '', 'base64url').toString()).kid,
          })
          .sign((await generateKeyPair('EdDSA')).privateKey),
      ];
      for (const bad of forged) await problem(await config(bad), 401, 'unauthenticated');
      assert.equal((await config(token.token)).status, 200);
      await edge.clock.set(token.expiresAt * 1000 + 1000);
      await problem(await config(token.token), 401, 'unauthenticated');
      assert.ok(edge.logs().some((l) => l.event === 'token-refused'));
    });

    test('branding: 422 with JSON paths, preview link, numbered versions, rollback, ETag and 304', async () => {
      const t = await tenant();
      // Before the first publish: the kit's default theme, never a 404.
      const fresh = await read<{ theme: { hash: string; source: string } }>(
        await config(t.publishableKey),
        200,
      );
      assert.equal(fresh.theme.source, 'default');
      const defaultCss = await call('GET', '/v1/themes/current.css', {
        auth: t.publishableKey,
        headers: { origin: ORIGIN },
      });
      assert.equal(defaultCss.status, 200);
      assert.equal(defaultCss.headers.get('etag'), `"${fresh.theme.hash}"`);
      await defaultCss.text();

      const bad = await problem(
        await call('PUT', '/v1/branding/draft', {
          auth: t.secretKey,
          body: { ...BRAND(t.slug), colors: { primary: 'red; }' } },
        }),
        422,
        'invalid-brand',
      );
      assert.deepEqual(
        (bad.errors as { path: string }[]).map((e) => e.path),
        ['/colors/primary'],
      );
      const versions: { id: string; version: number; hash: string }[] = [];
      for (const primary of ['#ffd400', '#0f8b8d']) {
        await read(
          await call('PUT', '/v1/branding/draft', {
            auth: t.secretKey,
            body: { ...BRAND(t.slug), colors: { primary } },
          }),
          200,
        );
        versions.push(
          await read(await call('POST', '/v1/branding/publish', { auth: t.secretKey }), 201),
        );
      }
      assert.deepEqual(
        versions.map((v) => v.version),
        [1, 2],
      );
      const preview = await read<{ url: string }>(
        await call('POST', '/v1/branding/preview', { auth: t.secretKey }),
        201,
      );
      const page = await call('GET', new URL(preview.url).pathname);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Sunbeam Bank/);

      const byHash = await call('GET', `/v1/themes/${versions[0]?.hash}.css`, {
        auth: t.publishableKey,
        headers: { origin: ORIGIN },
      });
      assert.equal(byHash.status, 200);
      assert.match(byHash.headers.get('cache-control') ?? '', /immutable/);
      assert.match(await byHash.text(), /--gw-sys-color-primary/);
      const current = (etag: string) =>
        call('GET', '/v1/themes/current.css', {
          auth: t.publishableKey,
          headers: { origin: ORIGIN, 'if-none-match': etag },
        });
      const notModified = await current(`"${versions[1]?.hash}"`);
      assert.equal(notModified.status, 304);
      assert.equal(notModified.headers.get('etag'), `"${versions[1]?.hash}"`);
      await read(
        await call('POST', '/v1/branding/rollback', {
          auth: t.secretKey,
          body: { versionId: versions[0]?.id },
        }),
        200,
      );
      const rolledBack = await current(`"${versions[1]?.hash}"`);
      assert.equal(rolledBack.status, 200);
      assert.equal(rolledBack.headers.get('etag'), `"${versions[0]?.hash}"`);
      await rolledBack.text();
    });

    test('quotes: a customer token or the backend writes, the public key never; expired ones purged', async () => {
      const t = await tenant();
      await read(await call('PUT', '/v1/pricing/plans', { auth: t.secretKey, body: PLANS }), 200);
      await problem(
        await call('POST', '/v1/quotes', {
          auth: t.publishableKey,
          headers: { origin: ORIGIN },
          body: { planId: 'growth', selection: SELECTION },
        }),
        403,
        'forbidden',
      );
      const token = await mint(t);
      const issued = await read<{ id: string; expiresAt: number; quote: { total: number } }>(
        await call('POST', '/v1/quotes', {
          auth: token.token,
          headers: { origin: ORIGIN },
          body: { planId: 'growth', selection: SELECTION },
        }),
        201,
      );
      assert.ok(issued.quote.total > 0);
      const backend = await read<{ id: string }>(
        await call('GET', `/v1/quotes/${issued.id}`, { auth: t.secretKey }),
        200,
      );
      assert.equal(backend.id, issued.id);
      await edge.clock.set(issued.expiresAt);
      await problem(
        await call('GET', `/v1/quotes/${issued.id}`, { auth: t.secretKey }),
        404,
        'not-found',
      );
      await edge.maintenance();
      const purged = () =>
        edge.logs().some((l) => l.event === 'expired-purged' && Number(l.quotes) >= 1);
      // workerd's log lines come over its stdout, a moment after the cron handler returns.
      for (let i = 0; i < 100 && !purged(); i += 1)
        await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(purged());
    });

    test('catalog: stored as PUT (parsed, normalised), read by widgets with an ETag, audited', async () => {
      const t = await tenant();
      const empty = await read<{ services: unknown[] }>(
        await call('GET', '/v1/catalog', { auth: t.publishableKey, headers: { origin: ORIGIN } }),
        200,
      );
      assert.deepEqual(empty.services, []);
      const stored = await read<{ services: { name: string }[] }>(
        await call('PUT', '/v1/catalog', { auth: t.secretKey, body: DEMO_CATALOG }),
        200,
      );
      assert.equal(stored.services.length, DEMO_CATALOG.services.length);
      const first = await call('GET', '/v1/catalog', {
        auth: t.publishableKey,
        headers: { origin: ORIGIN },
      });
      const etag = first.headers.get('etag') ?? '';
      assert.match(etag, /^"[0-9a-f]{16}"$/);
      assert.deepEqual(await first.json(), stored);
      const again = await call('GET', '/v1/catalog', {
        auth: t.publishableKey,
        headers: { origin: ORIGIN, 'if-none-match': etag },
      });
      assert.equal(again.status, 304);
      await problem(
        await call('PUT', '/v1/catalog', {
          auth: t.secretKey,
          body: { categories: [], services: [], extra: 1 },
        }),
        422,
        'validation-failed',
      );
      const audit = await read<{ items: { action: string }[] }>(
        await call('GET', '/v1/audit?limit=100', { auth: t.secretKey }),
        200,
      );
      assert.equal(audit.items.filter((r) => r.action === 'catalog.update').length, 1);
    });

    test('custom domains: verified over DNS-over-HTTPS, routed by hostname, nothing else routes', async () => {
      const a = await tenant();
      const b = await tenant([B_ORIGIN]);
      const host = `widgets.${a.slug}.example`;
      const claimA = await read<{ record: { name: string; value: string } }>(
        await call('POST', '/v1/domains', { auth: a.secretKey, body: { hostname: host } }),
        201,
      );
      // B's claim sits beside A's (its own challenge); only A's TXT record is in the DNS.
      const claimB = await read<{ record: { value: string } }>(
        await call('POST', '/v1/domains', { auth: b.secretKey, body: { hostname: host } }),
        201,
      );
      assert.notEqual(claimB.record.value, claimA.record.value);
      edge.doh.handler = (url) =>
        Response.json({
          Status: 0,
          Answer: [
            {
              name: `${url.searchParams.get('name')}.`,
              type: 16,
              TTL: 60,
              data: `"${claimA.record.value}"`,
            },
          ],
        });
      await problem(await call('GET', '/v1/config', { host }), 404, 'unknown-host');
      const verified = await read<{ status: string }>(
        await call('POST', `/v1/domains/${host}/verify`, { auth: a.secretKey }),
        200,
      );
      assert.equal(verified.status, 'active');
      const routed = await read<{ tenant: { id: string } }>(
        await call('GET', '/v1/config', { host }),
        200,
      );
      assert.equal(routed.tenant.id, a.id);
      await problem(
        await call('POST', `/v1/domains/${host}/verify`, { auth: b.secretKey }),
        404,
        'not-found',
      );
      await problem(
        await call('GET', '/v1/tenants', { auth: OPERATOR_KEY, host }),
        404,
        'not-found',
      );
      await problem(await call('GET', '/v1/keys', { auth: b.secretKey, host }), 404, 'not-found');
      await problem(
        await call('GET', '/v1/config', { host: 'widgets.nobody.example' }),
        404,
        'unknown-host',
      );
    });

    test('problem+json for 400, 401, 403, 404, 409, 413, 415 and 422, never echoing a credential', async () => {
      const t = await tenant();
      await problem(
        await call('GET', '/v1/audit?limit=0', { auth: t.secretKey }),
        400,
        'validation-failed',
      );
      await problem(
        await call('GET', '/v1/keys', { auth: `sk_live_${'x'.repeat(43)}` }),
        401,
        'unauthenticated',
      );
      await problem(await call('GET', '/v1/tenants', { auth: t.secretKey }), 403, 'forbidden');
      await problem(await call('GET', '/v1/nothing-here'), 404, 'not-found');
      await problem(
        await call('POST', '/v1/tenants', {
          auth: OPERATOR_KEY,
          body: { slug: t.slug, name: 'Again' },
        }),
        409,
        'slug-taken',
      );
      await problem(await oversized(t.secretKey), 413, 'payload-too-large');
      await problem(
        await call('PUT', '/v1/origins', {
          auth: t.secretKey,
          body: 'origins',
          headers: { 'content-type': 'text/plain' },
        }),
        415,
        'unsupported-media-type',
      );
      const pasted = await call('POST', '/v1/tokens', {
        auth: t.secretKey,
        body: { scopes: ['config:read'], origin: ORIGIN, [t.secretKey]: true },
      });
      const text = JSON.stringify(await problem(pasted, 422, 'validation-failed'));
      assert.ok(!text.includes(t.secretKey.slice(8, 24)));
    });

    test('signing keys: staged keys are published first; after rotation old tokens verify until they expire', async () => {
      const t = await tenant();
      const before = await mint(t, { ttlSeconds: 3600 });
      const kid = (token: string) =>
        (
          JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as {
            kid: string;
          }
        ).kid;
      const jwks = async () =>
        (
          await read<{ keys: { kid: string }[] }>(await call('GET', '/.well-known/jwks.json'), 200)
        ).keys
          .map((k) => k.kid)
          .sort();
      const staged = await read<{ staged: string }>(
        await call('POST', '/v1/operator/signing-keys', { auth: OPERATOR_KEY }),
        201,
      );
      assert.deepEqual(await jwks(), [kid(before.token), staged.staged].sort());
      const rotated = await read<{ active: string; retiring: string[] }>(
        await call('POST', '/v1/operator/signing-keys/rotate', { auth: OPERATOR_KEY }),
        200,
      );
      assert.deepEqual(rotated, { active: staged.staged, retiring: [kid(before.token)] });
      const after = await mint(t);
      assert.equal(kid(after.token), staged.staged);
      assert.equal((await config(before.token)).status, 200, 'the old key still verifies');
      assert.equal((await config(after.token)).status, 200);
      // Past the longest token lifetime plus the key refresh window, the old key retires.
      await edge.clock.advance(3600_000 + 61_000 + 1_000);
      assert.deepEqual(await jwks(), [staged.staged]);
      await problem(await config(before.token), 401, 'unauthenticated');
      await problem(
        await call('POST', '/v1/operator/signing-keys/rotate', { auth: OPERATOR_KEY }),
        409,
        'no-staged-key',
      );
    });

    test('tenant isolation: one tenant’s credentials reach nothing of another’s', async () => {
      const a = await tenant();
      const b = await tenant([B_ORIGIN]);
      // A's resources: a key, a token, a published version, a quote, a domain claim.
      const key = await read<{ key: { id: string } }>(
        await call('POST', '/v1/keys', {
          auth: a.secretKey,
          body: { kind: 'secret', scopes: ['audit:read'] },
        }),
        201,
      );
      const token = await mint(a);
      await read(
        await call('PUT', '/v1/branding/draft', { auth: a.secretKey, body: BRAND(a.slug) }),
        200,
      );
      const version = await read<{ id: string; hash: string }>(
        await call('POST', '/v1/branding/publish', { auth: a.secretKey }),
        201,
      );
      await read(await call('PUT', '/v1/pricing/plans', { auth: a.secretKey, body: PLANS }), 200);
      const quote = await read<{ id: string }>(
        await call('POST', '/v1/quotes', {
          auth: token.token,
          headers: { origin: ORIGIN },
          body: { planId: 'growth', selection: SELECTION },
        }),
        201,
      );
      const host = `pending.${a.slug}.example`;
      await read(
        await call('POST', '/v1/domains', { auth: a.secretKey, body: { hostname: host } }),
        201,
      );
      const bToken = await read<{ token: string }>(
        await call('POST', '/v1/tokens', {
          auth: b.secretKey,
          body: { scopes: ['config:read', 'quotes:write'], origin: B_ORIGIN },
        }),
        201,
      );
      const asB = { auth: b.secretKey };
      const cells: [string, string, CallOptions, number[]][] = [
        ['DELETE', `/v1/keys/${key.key.id}`, asB, [404]],
        ['DELETE', `/v1/tokens/${token.jti}`, asB, [404]],
        ['POST', '/v1/branding/rollback', { ...asB, body: { versionId: version.id } }, [404]],
        ['GET', `/v1/quotes/${quote.id}`, asB, [404]],
        [
          'GET',
          `/v1/quotes/${quote.id}`,
          { auth: bToken.token, headers: { origin: B_ORIGIN } },
          [404],
        ],
        ['POST', `/v1/domains/${host}/verify`, asB, [404]],
        ['DELETE', `/v1/domains/${host}`, asB, [404]],
        [
          'GET',
          `/v1/themes/${version.hash}.css`,
          { auth: b.publishableKey, headers: { origin: B_ORIGIN } },
          [404],
        ],
        ['GET', '/v1/config', { auth: a.publishableKey, headers: { origin: B_ORIGIN } }, [403]],
        ['GET', '/v1/config', { auth: token.token, headers: { origin: B_ORIGIN } }, [403]],
        [
          'POST',
          '/v1/tokens',
          { ...asB, body: { scopes: ['config:read'], origin: ORIGIN } },
          [422],
        ],
      ];
      for (const [method, path, options, statuses] of cells) {
        const res = await call(method, path, options);
        const text = await res.text();
        assert.ok(statuses.includes(res.status), `${method} ${path}: ${res.status} ${text}`);
        for (const secret of [a.id, a.secretKey, token.token, version.id, quote.id]) {
          if (!path.includes(secret)) assert.ok(!text.includes(secret), `${method} ${path} leaks`);
        }
      }
      // Nothing of A's changed.
      assert.equal((await config(token.token)).status, 200);
      assert.equal((await call('GET', '/v1/keys', { auth: a.secretKey })).status, 200);
      const domains = await read<{ items: { hostname: string }[] }>(
        await call('GET', '/v1/domains', { auth: a.secretKey }),
        200,
      );
      assert.deepEqual(
        domains.items.map((d) => d.hostname),
        [host],
      );
      const current = await read<{ theme: { hash: string } }>(await config(a.publishableKey), 200);
      assert.equal(current.theme.hash, version.hash);
    });

    test('headers: CORS for allowed origins only, framing rules, nosniff and HSTS everywhere', async () => {
      const t = await tenant();
      const allowed = await config(t.publishableKey);
      assert.equal(allowed.headers.get('access-control-allow-origin'), ORIGIN);
      assert.equal(allowed.headers.get('content-security-policy'), `frame-ancestors ${ORIGIN}`);
      assert.equal(allowed.headers.get('x-frame-options'), null);
      await allowed.text();
      const foreign = await config(t.publishableKey, 'https://evil.example');
      assert.equal(foreign.status, 403);
      assert.equal(foreign.headers.get('access-control-allow-origin'), null);
      await foreign.text();
      const preflight = await call('OPTIONS', '/v1/config', {
        headers: {
          origin: ORIGIN,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
      assert.equal(preflight.headers.get('access-control-allow-origin'), ORIGIN);
      const admin = await call('GET', '/v1/keys', { auth: t.secretKey });
      assert.equal(admin.headers.get('x-frame-options'), 'DENY');
      for (const res of [allowed, admin]) {
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(res.headers.get('strict-transport-security'), 'max-age=31536000');
      }
      await admin.text();
      const kit = await call('GET', '/embed.js');
      assert.equal(kit.status, 200);
      assert.equal(kit.headers.get('access-control-allow-origin'), '*');
      assert.match(kit.headers.get('content-type') ?? '', /javascript/);
      await kit.text();
    });
  });

  describe(`rate limits on ${runtime}`, () => {
    let edge: RuntimeEdge;
    before(async () => {
      edge = await startRuntime(runtime, { rateLimits: { perClient: 5, authFailuresPerIp: 4 } });
    });
    after(async () => {
      await edge?.close();
    });

    test('per (publishable key, client) buckets with Retry-After, and failed logins per address', async () => {
      const created = await read<{ secretKey: string; publishableKey: string }>(
        await edge.call('POST', '/v1/tenants', {
          auth: OPERATOR_KEY,
          body: { slug: 'limited', name: 'Limited' },
        }),
        201,
      );
      await read(
        await edge.call('PUT', '/v1/origins', {
          auth: created.secretKey,
          body: { origins: [ORIGIN] },
        }),
        200,
      );
      const get = (ip: string) =>
        edge.call('GET', '/v1/config', {
          auth: created.publishableKey,
          headers: { origin: ORIGIN },
          ip,
        });
      for (let i = 0; i < 5; i++) await read(await get('203.0.113.1'), 200);
      const limited = await get('203.0.113.1');
      const body = await problem(limited, 429, 'rate-limited');
      assert.equal(limited.headers.get('retry-after'), String(body.retryAfterSeconds));
      assert.equal(limited.headers.get('access-control-allow-origin'), ORIGIN);
      await read(await get('198.51.100.2'), 200, 'another client');
      await edge.clock.advance(60_000);
      await read(await get('203.0.113.1'), 200, 'refilled');

      for (let i = 0; i < 4; i++)
        await problem(
          await edge.call('GET', '/v1/keys', {
            auth: `sk_live_${'z'.repeat(43)}`,
            ip: '203.0.113.7',
          }),
          401,
          'unauthenticated',
        );
      await problem(
        await edge.call('GET', '/v1/keys', { auth: created.secretKey, ip: '203.0.113.7' }),
        429,
        'rate-limited',
      );
      await read(
        await edge.call('GET', '/v1/keys', { auth: created.secretKey, ip: '203.0.113.8' }),
        200,
      );
    });
  });
}
