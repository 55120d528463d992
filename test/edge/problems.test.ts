/**
 * Every failure is RFC 9457 `application/problem+json` with the request's id and never the
 * presented credential; theme stylesheets revalidate with ETags; embedding headers (CORS,
 * frame-ancestors, X-Frame-Options) follow the tenant's allowed origins.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EdgeConfig } from '../../edge/deps.js';
import {
  createTenant,
  createTestEdge,
  mintToken,
  OPERATOR_KEY,
  ORIGIN,
  SUNBEAM_BRAND,
  type TestEdge,
  type TestTenant,
  tamperTail,
} from './helpers.js';

const SECOND_ORIGIN = 'https://shop.bank-a.example';
const FOREIGN_ORIGIN = 'https://evil.example';
const JSON_POINTER = /^(?:\/(?:[^~/]|~[01])*)*$/;

interface ProblemError {
  path: string;
  message: string;
  code?: string;
  expected?: string;
  received?: string;
}

interface ProblemJson {
  type: string;
  title: string;
  status: number;
  detail?: string;
  requestId: string;
  errors?: ProblemError[];
  [extension: string]: unknown;
}

/**
 * Checks the problem+json shape of `res` and returns its body. Every credential in `secrets`
 * must appear neither in the body nor in any header.
 */
async function assertProblem(
  res: Response,
  status: number,
  options: { code?: string; secrets?: readonly string[] } = {},
): Promise<ProblemJson> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  const body = JSON.parse(text) as ProblemJson;
  assert.equal(typeof body.type, 'string');
  assert.equal(new URL(body.type).protocol, 'https:', `type is a URL: ${body.type}`);
  assert.equal(typeof body.title, 'string');
  assert.ok(body.title.length > 0);
  assert.equal(body.status, res.status);
  if (body.detail !== undefined) assert.equal(typeof body.detail, 'string');
  const requestId = res.headers.get('x-request-id');
  assert.ok(requestId, 'X-Request-Id header');
  assert.equal(body.requestId, requestId);
  if (options.code) assert.equal(body.type.split('/').at(-1), options.code, text);
  for (const secret of options.secrets ?? []) {
    assert.ok(!text.includes(secret), `the problem body echoes a credential: ${text}`);
    for (const [name, value] of res.headers) {
      assert.ok(!value.includes(secret), `header ${name} echoes a credential`);
    }
  }
  return body;
}

function assertPointers(body: ProblemJson): ProblemError[] {
  assert.ok(Array.isArray(body.errors) && body.errors.length > 0, 'errors[] is present');
  for (const error of body.errors) {
    assert.match(error.path, JSON_POINTER);
    assert.equal(typeof error.message, 'string');
  }
  return body.errors;
}

async function setup(
  overrides: Partial<EdgeConfig> = {},
): Promise<{ edge: TestEdge; tenant: TestTenant }> {
  const edge = await createTestEdge(overrides);
  const tenant = await createTenant(edge, 'sunbeam', [ORIGIN, SECOND_ORIGIN]);
  return { edge, tenant };
}

/** A tenant with a published theme; returns the version's hash. */
async function publish(edge: TestEdge, tenant: TestTenant): Promise<string> {
  const draft = await edge.call('PUT', '/v1/branding/draft', {
    auth: tenant.secretKey,
    body: SUNBEAM_BRAND(tenant.slug),
  });
  assert.equal(draft.status, 200, await draft.text());
  const res = await edge.call('POST', '/v1/branding/publish', { auth: tenant.secretKey });
  const body = (await res.json()) as { hash: string };
  assert.equal(res.status, 201);
  return body.hash;
}

describe('problem+json: 400', () => {
  test('a bad query parameter is a 400 naming the parameter by JSON Pointer', async () => {
    const { edge } = await setup();
    for (const query of ['limit=abc', 'limit=0', 'limit=1000']) {
      const res = await edge.call('GET', `/v1/tenants?${query}`, { auth: OPERATOR_KEY });
      const body = await assertProblem(res, 400, { secrets: [OPERATOR_KEY] });
      assert.deepEqual(
        assertPointers(body).map((e) => e.path),
        ['/limit'],
      );
    }
    await edge.close();
  });

  test('a bad path parameter is a 400 naming the parameter', async () => {
    const { edge, tenant } = await setup();
    const revoke = await edge.call('DELETE', '/v1/tokens/not-a-jti', { auth: tenant.secretKey });
    const body = await assertProblem(revoke, 400, { secrets: [tenant.secretKey] });
    assert.deepEqual(
      assertPointers(body).map((e) => e.path),
      ['/jti'],
    );
    const theme = await edge.call('GET', '/v1/themes/..%2Fsecrets.css', {
      auth: tenant.publishableKey,
      headers: { origin: ORIGIN },
    });
    const themeBody = await assertProblem(theme, 400, { secrets: [tenant.publishableKey] });
    assert.deepEqual(
      assertPointers(themeBody).map((e) => e.path),
      ['/file'],
    );
    await edge.close();
  });

  test('malformed JSON is a 400', async () => {
    const { edge } = await setup();
    const res = await edge.call('POST', '/v1/tenants', {
      auth: OPERATOR_KEY,
      body: '{"slug": "half',
    });
    await assertProblem(res, 400, { secrets: [OPERATOR_KEY] });
    await edge.close();
  });
});

describe('problem+json: 401', () => {
  test('no credential is a 401 with WWW-Authenticate: Bearer', async () => {
    const { edge } = await setup();
    const res = await edge.call('GET', '/v1/keys');
    await assertProblem(res, 401, { code: 'unauthenticated' });
    assert.equal(res.headers.get('www-authenticate'), 'Bearer');
    await edge.close();
  });

  test('unknown, malformed, revoked and expired credentials are the same 401, never echoed', async () => {
    const { edge, tenant } = await setup();
    const unknownSecret = `sk_live_${'Z'.repeat(43)}`;
    const created = await edge.call('POST', '/v1/keys', {
      auth: tenant.secretKey,
      body: { kind: 'secret', scopes: ['audit:read'] },
    });
    const { key, secret: revoked } = (await created.json()) as {
      key: { id: string };
      secret: string;
    };
    assert.equal(
      (await edge.call('DELETE', `/v1/keys/${key.id}`, { auth: tenant.secretKey })).status,
      204,
    );
    const { token } = await mintToken(edge, tenant, {
      scopes: ['config:read'],
      origin: ORIGIN,
      ttlSeconds: 60,
    });
    edge.clock.advance(10 * 60 * 1000);
    const details = new Set<string>();
    for (const credential of [
      unknownSecret,
      revoked,
      token,
      'op_not_the_operator_key_0123456789',
      tamperTail(token, 4),
    ]) {
      const res = await edge.call('GET', '/v1/config', {
        auth: credential,
        headers: { origin: ORIGIN },
      });
      const body = await assertProblem(res, 401, {
        code: 'unauthenticated',
        secrets: [credential],
      });
      details.add(body.detail ?? '');
    }
    const malformed = await edge.call('GET', '/v1/keys', {
      headers: { authorization: `Basic ${btoa(`user:${tenant.secretKey}`)}` },
    });
    const body = await assertProblem(malformed, 401, { secrets: [tenant.secretKey] });
    details.add(body.detail ?? '');
    assert.equal(details.size, 1, 'a caller learns nothing about which part was wrong');
    await edge.close();
  });
});

describe('problem+json: 403', () => {
  test('a publishable key or the operator key on a secret-key route is a 403', async () => {
    const { edge, tenant } = await setup();
    for (const auth of [tenant.publishableKey, OPERATOR_KEY]) {
      const res = await edge.call('GET', '/v1/keys', { auth, headers: { origin: ORIGIN } });
      await assertProblem(res, 403, { secrets: [auth] });
    }
    await edge.close();
  });

  test('a secret key without the scope is a 403 naming the scope', async () => {
    const { edge, tenant } = await setup();
    const created = await edge.call('POST', '/v1/keys', {
      auth: tenant.secretKey,
      body: { kind: 'secret', scopes: ['audit:read'] },
    });
    const { secret } = (await created.json()) as { secret: string };
    const res = await edge.call('GET', '/v1/origins', { auth: secret });
    const body = await assertProblem(res, 403, { code: 'insufficient-scope', secrets: [secret] });
    assert.equal(body.requiredScope, 'origins:write');
    await edge.close();
  });

  test('a widget token used from another origin is a 403 that does not echo the token', async () => {
    const { edge, tenant } = await setup();
    const { token } = await mintToken(edge, tenant, { scopes: ['config:read'], origin: ORIGIN });
    const res = await edge.call('GET', '/v1/config', {
      auth: token,
      headers: { origin: SECOND_ORIGIN },
    });
    await assertProblem(res, 403, { code: 'origin-mismatch', secrets: [token] });
    await edge.close();
  });
});

describe('problem+json: 404', () => {
  test('an unknown route is a 404, with or without a credential', async () => {
    const { edge, tenant } = await setup();
    await assertProblem(await edge.call('GET', '/v1/nothing-here'), 404, { code: 'not-found' });
    await assertProblem(
      await edge.call('POST', '/v1/nothing-here', { auth: tenant.secretKey, body: {} }),
      404,
      { secrets: [tenant.secretKey] },
    );
    await edge.close();
  });

  test('an unknown resource is a 404', async () => {
    const { edge, tenant } = await setup();
    const auth = tenant.secretKey;
    await assertProblem(
      await edge.call('DELETE', '/v1/keys/key_00000000000000000000', { auth }),
      404,
      { secrets: [auth] },
    );
    await assertProblem(
      await edge.call('POST', '/v1/branding/rollback', {
        auth,
        body: { versionId: 'thv_00000000000000000000' },
      }),
      404,
      { secrets: [auth] },
    );
    await assertProblem(
      await edge.call('GET', '/v1/themes/0123456789abcdef.css', {
        auth: tenant.publishableKey,
        headers: { origin: ORIGIN },
      }),
      404,
      { secrets: [tenant.publishableKey] },
    );
    await edge.close();
  });
});

describe('problem+json: 409', () => {
  test('a taken slug is a 409', async () => {
    const { edge, tenant } = await setup();
    const res = await edge.call('POST', '/v1/tenants', {
      auth: OPERATOR_KEY,
      body: { slug: tenant.slug, name: 'Again' },
    });
    await assertProblem(res, 409, { code: 'slug-taken', secrets: [OPERATOR_KEY] });
    await edge.close();
  });

  test('a third active key with the same scopes is a 409', async () => {
    const { edge, tenant } = await setup();
    const body = { kind: 'secret', scopes: ['tokens:mint', 'audit:read'] };
    for (let i = 0; i < 2; i++) {
      const res = await edge.call('POST', '/v1/keys', { auth: tenant.secretKey, body });
      assert.equal(res.status, 201);
    }
    const third = await edge.call('POST', '/v1/keys', {
      auth: tenant.secretKey,
      body: { ...body, scopes: ['audit:read', 'tokens:mint'] },
    });
    await assertProblem(third, 409, { code: 'key-limit', secrets: [tenant.secretKey] });
    await edge.close();
  });
});

describe('problem+json: 413', () => {
  test('a body over the limit is a 413; one under it is served', async () => {
    const { edge, tenant } = await setup({ maxBodyBytes: 1024 });
    const big = JSON.stringify({ origins: [`https://${'a'.repeat(2048)}.example`] });
    assert.ok(big.length > 2048);
    const variants: Record<string, string>[] = [{}, { 'content-length': String(big.length) }];
    for (const headers of variants) {
      const res = await edge.call('PUT', '/v1/origins', {
        auth: tenant.secretKey,
        body: big,
        headers,
      });
      await assertProblem(res, 413, { code: 'payload-too-large', secrets: [tenant.secretKey] });
    }
    const small = await edge.call('PUT', '/v1/origins', {
      auth: tenant.secretKey,
      body: { origins: [ORIGIN] },
    });
    assert.equal(small.status, 200);
    await edge.close();
  });
});

describe('problem+json: 415', () => {
  test('a text/plain body is a 415 unsupported-media-type', async () => {
    const { edge, tenant } = await setup();
    const res = await edge.call('PUT', '/v1/origins', {
      auth: tenant.secretKey,
      body: 'hello',
      headers: { 'content-type': 'text/plain', 'content-length': '5' },
    });
    await assertProblem(res, 415, { code: 'unsupported-media-type', secrets: [tenant.secretKey] });
    await edge.close();
  });

  /** How a body without a known length arrives: chunked (HTTP/1.1) or as HTTP/2 frames. */
  const UNSIZED: Record<string, Record<string, string>> = {
    'chunked (Transfer-Encoding, no Content-Length)': {
      'content-type': 'text/plain',
      'transfer-encoding': 'chunked',
    },
    'HTTP/2 style (neither Content-Length nor Transfer-Encoding)': { 'content-type': 'text/plain' },
  };

  for (const [how, headers] of Object.entries(UNSIZED)) {
    test(`a text/plain body sent ${how} is the same 415 unsupported-media-type`, async () => {
      const { edge, tenant } = await setup();
      const res = await edge.call('PUT', '/v1/origins', {
        auth: tenant.secretKey,
        body: 'hello',
        headers,
      });
      await assertProblem(res, 415, {
        code: 'unsupported-media-type',
        secrets: [tenant.secretKey],
      });
      await edge.close();
    });

    test(`a text/plain body sent ${how} to a route that takes no body is a 415 too`, async () => {
      const { edge, tenant } = await setup();
      await publish(edge, tenant);
      const res = await edge.call('POST', '/v1/branding/preview', {
        auth: tenant.secretKey,
        body: 'hello',
        headers,
      });
      await assertProblem(res, 415, { code: 'unsupported-media-type' });
      await edge.close();
    });
  }
});

describe('problem+json: 422', () => {
  test('a body failing its schema is a 422 whose errors carry JSON Pointer paths', async () => {
    const { edge, tenant } = await setup();
    const created = await edge.call('POST', '/v1/tenants', {
      auth: OPERATOR_KEY,
      body: { slug: 'Not A Slug', name: '', extra: true },
    });
    const paths = assertPointers(await assertProblem(created, 422, { secrets: [OPERATOR_KEY] }))
      .map((e) => e.path)
      .sort();
    assert.ok(paths.includes('/slug') && paths.includes('/name'), paths.join());
    const minted = await edge.call('POST', '/v1/tokens', {
      auth: tenant.secretKey,
      body: { scopes: ['config:read', 'admin:everything'], origin: ORIGIN },
    });
    const mintErrors = assertPointers(
      await assertProblem(minted, 422, { secrets: [tenant.secretKey] }),
    );
    assert.deepEqual(
      mintErrors.map((e) => e.path),
      ['/scopes/1'],
    );
    await edge.close();
  });

  test("an invalid brand is a 422 with the theme engine's path, expected and received", async () => {
    const { edge, tenant } = await setup();
    const res = await edge.call('PUT', '/v1/branding/draft', {
      auth: tenant.secretKey,
      body: { ...SUNBEAM_BRAND(tenant.slug), colors: { primary: 'red; } body { x: y' } },
    });
    const body = await assertProblem(res, 422, {
      code: 'invalid-brand',
      secrets: [tenant.secretKey],
    });
    const errors = assertPointers(body);
    const primary = errors.find((e) => e.path === '/colors/primary');
    assert.ok(primary, JSON.stringify(errors));
    assert.equal(typeof primary.expected, 'string');
    assert.ok((primary.expected ?? '').length > 0);
    assert.equal(typeof primary.received, 'string');
    await edge.close();
  });
});

describe('problem+json: 429', () => {
  const limits = { rateLimits: { perKey: 3, perClient: 3, perIp: 3 } };

  async function exhaust(
    edge: TestEdge,
    path: string,
    options: { auth?: string; headers?: Record<string, string> },
  ): Promise<Response> {
    for (let i = 0; i < 3; i++) {
      const res = await edge.call('GET', path, options);
      assert.ok(res.status < 400, `request ${i + 1} of 3 is within the limit (${res.status})`);
    }
    return edge.call('GET', path, options);
  }

  async function assertRateLimited(res: Response, secrets: string[]): Promise<number> {
    const retryAfter = res.headers.get('retry-after') ?? '';
    const body = await assertProblem(res, 429, { code: 'rate-limited', secrets });
    assert.match(retryAfter, /^[1-9][0-9]*$/, 'Retry-After is a positive integer of seconds');
    assert.equal(body.retryAfterSeconds, Number(retryAfter));
    return Number(retryAfter);
  }

  test('a key over its limit gets 429 with Retry-After, and is served again after it', async () => {
    const { edge, tenant } = await setup(limits);
    // Setting the origins spent one of the key's requests; a minute refills the bucket.
    edge.clock.advance(60_000);
    const auth = tenant.secretKey;
    const seconds = await assertRateLimited(await exhaust(edge, '/v1/keys', { auth }), [auth]);
    edge.clock.advance(seconds * 1000);
    assert.equal((await edge.call('GET', '/v1/keys', { auth })).status, 200);
    await edge.close();
  });

  test('a widget token over its limit gets 429 with Retry-After', async () => {
    const { edge, tenant } = await setup(limits);
    edge.clock.advance(60_000);
    const { token } = await mintToken(edge, tenant, { scopes: ['config:read'], origin: ORIGIN });
    const res = await exhaust(edge, '/v1/config', { auth: token, headers: { origin: ORIGIN } });
    await assertRateLimited(res, [token]);
    await edge.close();
  });

  test('an anonymous client over its per-IP limit gets 429 with Retry-After', async () => {
    const { edge } = await setup(limits);
    await assertRateLimited(await exhaust(edge, '/.well-known/jwks.json', {}), []);
    await edge.close();
  });

  test('a rate-limited widget request from an allowed origin keeps its CORS headers, so the widget can read Retry-After', async () => {
    const { edge, tenant } = await setup(limits);
    const res = await exhaust(edge, '/v1/config', {
      auth: tenant.publishableKey,
      headers: { origin: ORIGIN },
    });
    await assertRateLimited(res.clone(), [tenant.publishableKey]);
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /Retry-After/i);
    await edge.close();
  });
});

describe('problem+json: credentials and logs', () => {
  test('no error body, header or log line holds the presented credential', async () => {
    const { edge, tenant } = await setup();
    const { token } = await mintToken(edge, tenant, { scopes: ['config:read'], origin: ORIGIN });
    const credentials = [OPERATOR_KEY, tenant.secretKey, tenant.publishableKey, token];
    const failing: [string, string, unknown][] = [
      ['GET', '/v1/nothing-here', undefined],
      ['GET', '/v1/tenants?limit=zero', undefined],
      ['POST', '/v1/tenants', { slug: '' }],
      ['GET', '/v1/keys', undefined],
      ['GET', '/v1/config', undefined],
      ['GET', '/v1/themes/current.css', undefined],
      ['DELETE', '/v1/keys/key_00000000000000000000', undefined],
      ['POST', '/v1/tokens', { scopes: [], origin: FOREIGN_ORIGIN }],
      ['PUT', '/v1/branding/draft', { slug: 'x', colors: { primary: 'nope' } }],
    ];
    let failures = 0;
    for (const auth of credentials) {
      for (const [method, path, body] of failing) {
        const res = await edge.call(method, path, {
          auth,
          body,
          headers: { origin: FOREIGN_ORIGIN },
        });
        if (res.status < 400) continue;
        failures++;
        await assertProblem(res, res.status, { secrets: credentials });
      }
    }
    assert.ok(failures >= credentials.length * (failing.length - 2), `${failures} failures`);
    const logs = JSON.stringify(edge.logs);
    for (const credential of credentials) assert.ok(!logs.includes(credential));
    await edge.close();
  });

  test('a presented credential pasted into a brand field is not echoed by the 422', async () => {
    const { edge, tenant } = await setup();
    const auth = tenant.secretKey;
    // `sk_live_` and 12 random characters: even a prefix of the key narrows it down.
    const fragment = auth.slice(0, 20);
    const brand = SUNBEAM_BRAND(tenant.slug);
    const echoed: string[] = [];
    for (const [where, body] of [
      ['colors.primary', { ...brand, colors: { primary: auth } }],
      ['name', { ...brand, name: auth }],
      ['slug', { ...brand, slug: auth }],
      ['an unknown key', { ...brand, [auth]: true }],
    ] as const) {
      const res = await edge.call('PUT', '/v1/branding/draft', { auth, body });
      const text = await res.clone().text();
      await assertProblem(res, 422);
      if (text.includes(fragment)) echoed.push(where);
    }
    assert.deepEqual(echoed, [], 'the 422 echoes the key pasted into these fields');
    assert.ok(!JSON.stringify(edge.logs).includes(fragment));
    await edge.close();
  });

  test('a well-formed X-Request-Id from the client is the problem’s requestId', async () => {
    const { edge } = await setup();
    const res = await edge.call('GET', '/v1/keys', {
      headers: { 'x-request-id': 'client-trace-0001' },
    });
    const body = await assertProblem(res, 401);
    assert.equal(body.requestId, 'client-trace-0001');
    await edge.close();
  });
});

describe('theme stylesheets: ETag, 304 and caching', () => {
  async function fetchCss(
    edge: TestEdge,
    tenant: TestTenant,
    path: string,
  ): Promise<{ etag: string; cacheControl: string }> {
    const auth = tenant.publishableKey;
    const first = await edge.call('GET', path, { auth, headers: { origin: ORIGIN } });
    assert.equal(first.status, 200);
    assert.match(first.headers.get('content-type') ?? '', /^text\/css\b/);
    assert.equal(first.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(first.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(await first.text(), /--gw-sys-/);
    const etag = first.headers.get('etag') ?? '';
    assert.match(etag, /^"[^"]+"$/);
    for (const match of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const again = await edge.call('GET', path, {
        auth,
        headers: { origin: ORIGIN, 'if-none-match': match },
      });
      assert.equal(again.status, 304, `If-None-Match: ${match}`);
      assert.equal(await again.text(), '');
      assert.equal(again.headers.get('etag'), etag);
      assert.equal(again.headers.get('access-control-allow-origin'), ORIGIN);
    }
    const changed = await edge.call('GET', path, {
      auth,
      headers: { origin: ORIGIN, 'if-none-match': '"0000000000000000"' },
    });
    assert.equal(changed.status, 200);
    return { etag, cacheControl: first.headers.get('cache-control') ?? '' };
  }

  test('the hash URL revalidates to 304 and is cached immutably', async () => {
    const { edge, tenant } = await setup();
    const hash = await publish(edge, tenant);
    const { etag, cacheControl } = await fetchCss(edge, tenant, `/v1/themes/${hash}.css`);
    assert.equal(etag, `"${hash}"`);
    assert.match(cacheControl, /\bimmutable\b/);
    assert.match(cacheControl, /\bmax-age=\d{7,}\b/);
    await edge.close();
  });

  test('current.css revalidates to 304 and is cached only briefly', async () => {
    const { edge, tenant } = await setup();
    const hash = await publish(edge, tenant);
    const { etag, cacheControl } = await fetchCss(edge, tenant, '/v1/themes/current.css');
    assert.equal(etag, `"${hash}"`);
    assert.doesNotMatch(cacheControl, /immutable/);
    const maxAge = Number(/\bmax-age=(\d+)/.exec(cacheControl)?.[1]);
    assert.ok(maxAge > 0 && maxAge <= 300, `short max-age: ${cacheControl}`);
    await edge.close();
  });
});

describe('embedding headers', () => {
  test('an allowed origin gets Access-Control-Allow-Origin equal to it, never *', async () => {
    const { edge, tenant } = await setup();
    for (const origin of [ORIGIN, SECOND_ORIGIN]) {
      const res = await edge.call('GET', '/v1/config', {
        auth: tenant.publishableKey,
        headers: { origin },
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), origin);
      assert.match(res.headers.get('vary') ?? '', /\bOrigin\b/);
    }
    await edge.close();
  });

  test('a foreign origin gets no Access-Control-Allow-Origin', async () => {
    const { edge, tenant } = await setup();
    const hash = await publish(edge, tenant);
    const { token } = await mintToken(edge, tenant, { scopes: ['config:read'], origin: ORIGIN });
    for (const [path, auth] of [
      ['/v1/config', tenant.publishableKey],
      [`/v1/themes/${hash}.css`, tenant.publishableKey],
      ['/v1/config', token],
    ] as const) {
      const res = await edge.call('GET', path, { auth, headers: { origin: FOREIGN_ORIGIN } });
      assert.equal(res.status, 403, path);
      assert.equal(res.headers.get('access-control-allow-origin'), null, path);
    }
    await edge.close();
  });

  test('/v1/config sends frame-ancestors with the tenant’s origins and no X-Frame-Options', async () => {
    const { edge, tenant } = await setup();
    const res = await edge.call('GET', '/v1/config', {
      auth: tenant.publishableKey,
      headers: { origin: ORIGIN },
    });
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy') ?? '';
    const ancestors = /frame-ancestors ([^;]*)/.exec(csp)?.[1]?.trim().split(/\s+/) ?? [];
    assert.deepEqual(ancestors.sort(), [ORIGIN, SECOND_ORIGIN].sort());
    assert.equal(res.headers.get('x-frame-options'), null);
    await edge.close();
  });

  test('admin routes send X-Frame-Options: DENY', async () => {
    const { edge, tenant } = await setup();
    for (const [path, auth] of [
      ['/v1/keys', tenant.secretKey],
      ['/v1/origins', tenant.secretKey],
      ['/v1/tenants', OPERATOR_KEY],
      ['/v1/keys', tenant.publishableKey],
    ] as const) {
      const res = await edge.call('GET', path, { auth });
      assert.equal(res.headers.get('x-frame-options'), 'DENY', `${path} (${res.status})`);
      assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    }
    await edge.close();
  });

  test('admin routes send X-Frame-Options: DENY on 401 and 429 answers too', async () => {
    const { edge, tenant } = await setup({ rateLimits: { perKey: 1, perClient: 1, perIp: 1 } });
    const unauthenticated = await edge.call('GET', '/v1/keys');
    assert.equal(unauthenticated.status, 401);
    assert.equal(unauthenticated.headers.get('x-frame-options'), 'DENY', '401');
    await edge.call('GET', '/v1/keys', { auth: tenant.secretKey });
    const limited = await edge.call('GET', '/v1/keys', { auth: tenant.secretKey });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('x-frame-options'), 'DENY', '429');
    await edge.close();
  });

  test('a preflight from an allowed origin gets the CORS headers', async () => {
    const { edge } = await setup();
    for (const path of ['/v1/config', '/v1/themes/current.css']) {
      const res = await edge.call('OPTIONS', path, {
        headers: {
          origin: ORIGIN,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization, if-none-match',
        },
      });
      assert.ok(res.status === 204 || res.status === 200, `${path}: ${res.status}`);
      assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
      assert.match(res.headers.get('access-control-allow-methods') ?? '', /\bGET\b/);
      const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
      assert.ok(allowed.includes('authorization') && allowed.includes('if-none-match'), allowed);
    }
    await edge.close();
  });

  test('a preflight from an unknown origin gets no CORS headers', async () => {
    const { edge } = await setup();
    const res = await edge.call('OPTIONS', '/v1/config', {
      headers: {
        origin: FOREIGN_ORIGIN,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    assert.equal(res.headers.get('access-control-allow-methods'), null);
    assert.equal(res.headers.get('access-control-allow-headers'), null);
    await edge.close();
  });
});

describe('validation errors never echo unknown keys', () => {
  test('a credential pasted as a JSON property name does not come back in the 422', async () => {
    const edge = await createTestEdge();
    try {
      const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
      const res = await edge.call('POST', '/v1/tokens', {
        auth: tenant.secretKey,
        body: { scopes: ['config:read'], origin: ORIGIN, [tenant.secretKey]: true },
      });
      assert.equal(res.status, 422);
      const text = await res.text();
      assert.ok(!text.includes(tenant.secretKey.slice(8, 24)), text);
      assert.match(text, /1 unknown key; only documented keys are accepted/);
    } finally {
      await edge.close();
    }
  });
});
