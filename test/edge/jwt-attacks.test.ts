// Attacks on widget tokens, each against GET /v1/config from the token's own origin. A forged
// token changes one thing at a time and is signed with the edge's real key (read from its
// database), so each refusal is owed to the one check under test; a control proves the forger.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  base64url,
  calculateJwkThumbprint,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTHeaderParameters,
  type JWTPayload,
  jwtVerify,
  SignJWT,
  UnsecuredJWT,
} from 'jose';
import { PROBLEM_TYPE_BASE, type ProblemBody } from '../../edge/errors.js';
import {
  createTenant,
  createTestEdge,
  mintToken,
  OPERATOR_KEY,
  ORIGIN,
  openSigningKey,
  PUBLIC_URL,
  type TestEdge,
  tamperTail,
} from './helpers.js';

const TYP = 'gw-widget+jwt';
const AUD = 'gridworks-widgets';
const OTHER_ORIGIN = 'https://www.bank-b.example';

/** GET /v1/config with a bearer credential, from `origin` (`null`: no Origin header). */
const getConfig = (edge: TestEdge, token: string, origin: string | null = ORIGIN) =>
  edge.call('GET', '/v1/config', { auth: token, headers: origin === null ? {} : { origin } });

async function expectProblem(res: Response, status: number, code: string): Promise<ProblemBody> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = JSON.parse(text) as ProblemBody;
  assert.equal(body.status, status);
  assert.equal(body.type, `${PROBLEM_TYPE_BASE}${code}`);
  if (status === 401) assert.equal(res.headers.get('www-authenticate'), 'Bearer');
  return body;
}

const expect401 = (res: Response) => expectProblem(res, 401, 'unauthenticated');

/** The reasons the edge logged for refused tokens (never the token itself). */
const refusals = (edge: TestEdge) =>
  edge.logs.filter((l) => l.event === 'token-refused').map((l) => String(l.fields.reason));

async function setup() {
  const edge = await createTestEdge();
  const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
  const minted = await mintToken(edge, tenant, { scopes: ['config:read'], origin: ORIGIN });
  // The private key as an attacker holding the database and the master key would have it.
  const row = await openSigningKey(edge);
  const privateJwk = JSON.parse(row.privateJwk) as JWK;
  const signingKey = await importJWK(privateJwk, 'EdDSA');
  const { d: _d, ...publicJwk } = privateJwk;
  const claims = decodeJwt(minted.token) as JWTPayload & { tid: string; scp: string[] };

  /** A token as the edge would mint it, with `changes` applied, signed by `key`. */
  const forge = async (
    options: {
      claims?: Record<string, unknown>;
      header?: Partial<JWTHeaderParameters>;
      omit?: string[];
      key?: CryptoKey | Uint8Array;
    } = {},
  ) => {
    const payload: Record<string, unknown> = { ...claims, ...options.claims };
    const header: Record<string, unknown> = { alg: 'EdDSA', typ: TYP, kid: row.kid };
    Object.assign(header, options.header);
    for (const name of options.omit ?? []) {
      delete payload[name];
      delete header[name];
    }
    return new SignJWT(payload)
      .setProtectedHeader(header as JWTHeaderParameters)
      .sign(options.key ?? (signingKey as CryptoKey));
  };
  return { edge, tenant, minted, kid: row.kid, publicJwk, claims, forge };
}

/** Replaces the payload of a signed token, keeping its header and signature. */
function withPayload(token: string, change: (p: Record<string, unknown>) => void): string {
  const [header, , signature] = token.split('.');
  const payload = decodeJwt(token) as Record<string, unknown>;
  change(payload);
  return `${header}.${base64url.encode(JSON.stringify(payload))}.${signature}`;
}

const nowSeconds = (edge: TestEdge) => Math.floor(edge.clock.now() / 1000);

describe('widget tokens: the control', () => {
  test('a minted token is accepted from its origin, for its tenant', async () => {
    const { edge, tenant, minted } = await setup();
    const res = await getConfig(edge, minted.token);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { tenant: { id: string } };
    assert.equal(body.tenant.id, tenant.id);
  });

  test('a token forged with the real key and unchanged claims is accepted (the forger works)', async () => {
    const { edge, forge } = await setup();
    assert.equal((await getConfig(edge, await forge())).status, 200);
  });

  test('the minted token has the documented header and claims', async () => {
    const { edge, tenant, minted, kid } = await setup();
    assert.deepEqual(decodeProtectedHeader(minted.token), { alg: 'EdDSA', typ: TYP, kid });
    const claims = decodeJwt(minted.token);
    assert.equal(claims.iss, PUBLIC_URL);
    assert.equal(claims.aud, AUD);
    assert.equal(claims.tid, tenant.id);
    assert.deepEqual(claims.scp, ['config:read']);
    assert.equal(claims.org, ORIGIN);
    assert.equal(claims.jti, minted.jti);
    assert.equal(typeof claims.sub, 'string');
    assert.equal(claims.iat, nowSeconds(edge));
    assert.equal(claims.nbf, claims.iat);
  });
});

describe('widget tokens: forged signatures and algorithms', () => {
  test('alg none (unsigned) is refused, with and without a trailing signature', async () => {
    const { edge, claims } = await setup();
    const unsigned = new UnsecuredJWT(claims).encode();
    await expect401(await getConfig(edge, unsigned));
    const [, payload] = unsigned.split('.');
    const noneHeader = base64url.encode(JSON.stringify({ alg: 'none', typ: TYP }));
    await expect401(await getConfig(edge, `${noneHeader}.${payload}.c2lnbmF0dXJl`));
    assert.ok(refusals(edge).includes('algorithm not allowed'));
  });

  test('HS256 signed with the public key (raw bytes, JWK JSON or PEM) as the secret is refused', async () => {
    const { edge, forge, publicJwk, kid } = await setup();
    const jwks = (await (await edge.call('GET', '/.well-known/jwks.json')).json()) as {
      keys: JWK[];
    };
    const published = jwks.keys.find((k) => k.kid === kid);
    assert.ok(published?.x);
    const pem = await exportSPKI(
      (await importJWK(publicJwk, 'EdDSA', { extractable: true })) as CryptoKey,
    );
    const secrets = [
      base64url.decode(published.x),
      new TextEncoder().encode(published.x),
      new TextEncoder().encode(JSON.stringify(published)),
      new TextEncoder().encode(JSON.stringify(publicJwk)),
      new TextEncoder().encode(pem),
    ];
    for (const secret of secrets) {
      await expect401(
        await getConfig(edge, await forge({ header: { alg: 'HS256' }, key: secret })),
      );
    }
    assert.equal(refusals(edge).filter((r) => r === 'algorithm not allowed').length, 5);
  });

  test('an attacker-signed EdDSA token carrying the valid kid is refused', async () => {
    const { edge, forge } = await setup();
    const attacker = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    await expect401(await getConfig(edge, await forge({ key: attacker.privateKey })));
    assert.ok(refusals(edge).some((r) => r.startsWith('token refused')));
  });

  test('an unknown or missing kid is refused', async () => {
    const { edge, forge, kid } = await setup();
    await expect401(await getConfig(edge, await forge({ header: { kid: tamperTail(kid, 2) } })));
    await expect401(await getConfig(edge, await forge({ omit: ['kid'] })));
    assert.deepEqual(refusals(edge), ['unknown signing key', 'unknown signing key']);
  });

  test('an embedded jwk header (attacker key, attacker signature) is refused', async () => {
    const { edge, forge, kid } = await setup();
    const attacker = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const jwk = await exportJWK(attacker.publicKey);
    const attackerKid = await calculateJwkThumbprint(jwk);
    for (const headerKid of [attackerKid, kid]) {
      const token = await forge({ header: { jwk, kid: headerKid }, key: attacker.privateKey });
      await expect401(await getConfig(edge, token));
    }
    assert.deepEqual(refusals(edge), [
      'token names its own key material',
      'token names its own key material',
    ]);
  });

  test('jku and x5u headers pointing at an attacker are refused, never fetched', async () => {
    const { edge, forge } = await setup();
    const attacker = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const fetched: string[] = [];
    edge.doh.handler = async (url) => {
      fetched.push(url);
      return new Response('{}');
    };
    for (const header of [
      { jku: 'https://attacker.example/jwks.json' },
      { x5u: 'https://attacker.example/cert.pem' },
    ]) {
      await expect401(await getConfig(edge, await forge({ header, key: attacker.privateKey })));
    }
    assert.deepEqual(fetched, []);
    assert.deepEqual(refusals(edge), [
      'token names its own key material',
      'token names its own key material',
    ]);
  });

  test('key-naming headers are refused even on a token the real key signed', async () => {
    const { edge, forge, publicJwk } = await setup();
    for (const header of [
      { jku: 'https://attacker.example/jwks.json' },
      { x5u: 'https://attacker.example/cert.pem' },
      { jwk: publicJwk },
    ]) {
      await expect401(await getConfig(edge, await forge({ header })));
    }
    assert.equal(refusals(edge).length, 3);
  });
});

describe('widget tokens: header and claim checks', () => {
  test('a missing typ or a plain JWT typ is refused', async () => {
    const { edge, forge } = await setup();
    await expect401(await getConfig(edge, await forge({ omit: ['typ'] })));
    await expect401(await getConfig(edge, await forge({ header: { typ: 'JWT' } })));
    assert.deepEqual(refusals(edge), ['wrong token type', 'wrong token type']);
  });

  test('a wrong audience is refused', async () => {
    const { edge, forge } = await setup();
    await expect401(await getConfig(edge, await forge({ claims: { aud: 'gridworks-admin' } })));
    await expect401(await getConfig(edge, await forge({ omit: ['aud'] })));
    assert.equal(refusals(edge).length, 2);
  });

  test('a wrong issuer is refused', async () => {
    const { edge, forge } = await setup();
    await expect401(
      await getConfig(edge, await forge({ claims: { iss: 'https://edge.attacker.example' } })),
    );
    await expect401(await getConfig(edge, await forge({ omit: ['iss'] })));
    assert.equal(refusals(edge).length, 2);
  });

  test('a token is accepted until its exp and refused one second past it', async () => {
    const { edge, minted } = await setup();
    edge.clock.advance(599_000);
    assert.equal((await getConfig(edge, minted.token)).status, 200);
    edge.clock.set(minted.expiresAt * 1000 + 1000);
    await expect401(await getConfig(edge, minted.token));
    assert.deepEqual(refusals(edge), ['token refused (ERR_JWT_EXPIRED)']);
  });

  test('a token whose nbf is in the future is refused', async () => {
    const { edge, forge } = await setup();
    const nbf = nowSeconds(edge) + 60;
    await expect401(await getConfig(edge, await forge({ claims: { nbf } })));
    edge.clock.advance(60_000);
    assert.equal((await getConfig(edge, await forge({ claims: { nbf } }))).status, 200);
  });

  test('a token issued in the future, or older than the 60 minute cap, is refused', async () => {
    const { edge, forge } = await setup();
    const now = nowSeconds(edge);
    await expect401(
      await getConfig(edge, await forge({ claims: { iat: now + 120, nbf: now, exp: now + 600 } })),
    );
    await expect401(
      await getConfig(edge, await forge({ claims: { iat: now - 3601, nbf: now, exp: now + 60 } })),
    );
  });

  test('a token living longer than 60 minutes (exp - iat > 3600) is refused', async () => {
    const { edge, forge } = await setup();
    const now = nowSeconds(edge);
    await expect401(await getConfig(edge, await forge({ claims: { exp: now + 3601 } })));
    assert.deepEqual(refusals(edge), ['token claims are malformed']);
    assert.equal((await getConfig(edge, await forge({ claims: { exp: now + 3600 } }))).status, 200);
  });

  test('missing or malformed claims are refused', async () => {
    const { edge, forge } = await setup();
    for (const name of ['tid', 'sub', 'scp', 'org', 'jti', 'iat', 'nbf', 'exp']) {
      await expect401(await getConfig(edge, await forge({ omit: [name] })));
    }
    await expect401(await getConfig(edge, await forge({ claims: { scp: 'config:read' } })));
    await expect401(
      await getConfig(edge, await forge({ claims: { scp: ['config:read', 'admin:all'] } })),
    );
    await expect401(await getConfig(edge, await forge({ claims: { tid: 42 } })));
    assert.equal(refusals(edge).length, 11);
  });

  test('a tampered payload (tid or scp changed after signing) is refused', async () => {
    const { edge, minted } = await setup();
    const other = await createTenant(edge, 'bank-b', [ORIGIN]);
    const scoped = await mintToken(edge, other, { scopes: ['catalog:read'], origin: ORIGIN });
    await expect401(
      await getConfig(
        edge,
        withPayload(minted.token, (p) => {
          p.tid = other.id;
        }),
      ),
    );
    await expect401(
      await getConfig(
        edge,
        withPayload(scoped.token, (p) => {
          p.scp = ['catalog:read', 'config:read'];
        }),
      ),
    );
    assert.equal(refusals(edge).length, 2);
  });

  test('a credential that is not a token at all is refused', async () => {
    const { edge, minted } = await setup();
    const [header, payload] = minted.token.split('.');
    for (const bad of [`${header}.${payload}`, `${minted.token}x`, `${header}.${payload}.AAAA`]) {
      await expect401(await getConfig(edge, bad));
    }
  });
});

describe('widget tokens: scope, origin and tenant', () => {
  test('a catalog:read token cannot read the config (403 insufficient-scope)', async () => {
    const { edge, tenant } = await setup();
    const catalog = await mintToken(edge, tenant, { scopes: ['catalog:read'], origin: ORIGIN });
    const body = await expectProblem(
      await getConfig(edge, catalog.token),
      403,
      'insufficient-scope',
    );
    assert.equal(body.requiredScope, 'config:read');
  });

  test('minting a scope outside the widget scopes is a 422, and grants nothing', async () => {
    const { edge, tenant } = await setup();
    for (const scopes of [['admin:all'], ['config:read', 'keys:write'], []]) {
      const res = await edge.call('POST', '/v1/tokens', {
        auth: tenant.secretKey,
        body: { scopes, origin: ORIGIN },
      });
      await expectProblem(res, 422, 'validation-failed');
    }
  });

  test('only a secret key with tokens:mint can mint, and only for an allowed origin', async () => {
    const { edge, tenant, minted } = await setup();
    const created = await edge.call('POST', '/v1/keys', {
      auth: tenant.secretKey,
      body: { kind: 'secret', scopes: ['branding:write'] },
    });
    const { secret } = (await created.json()) as { secret: string };
    const body = { scopes: ['config:read'], origin: ORIGIN };
    await expectProblem(
      await edge.call('POST', '/v1/tokens', { auth: secret, body }),
      403,
      'insufficient-scope',
    );
    await expectProblem(
      await edge.call('POST', '/v1/tokens', { auth: tenant.publishableKey, body }),
      403,
      'forbidden',
    );
    await expectProblem(
      await edge.call('POST', '/v1/tokens', { auth: minted.token, body }),
      403,
      'forbidden',
    );
    await expectProblem(
      await edge.call('POST', '/v1/tokens', {
        auth: tenant.secretKey,
        body: { ...body, origin: OTHER_ORIGIN },
      }),
      422,
      'origin-not-allowed',
    );
  });

  test('a widget token opens no admin route', async () => {
    const { edge, minted } = await setup();
    for (const [method, path] of [
      ['GET', '/v1/keys'],
      ['GET', '/v1/origins'],
      ['DELETE', `/v1/tokens/${minted.jti}`],
      ['POST', '/v1/operator/signing-keys'],
    ] as const) {
      const res = await edge.call(method, path, {
        auth: minted.token,
        headers: { origin: ORIGIN },
      });
      assert.equal(res.status, 403, `${method} ${path}`);
    }
    assert.equal((await getConfig(edge, minted.token)).status, 200);
  });

  test('a token used from another origin, or with no Origin, is refused (403 origin-mismatch)', async () => {
    const { edge, minted } = await setup();
    await expectProblem(await getConfig(edge, minted.token, OTHER_ORIGIN), 403, 'origin-mismatch');
    await expectProblem(
      await getConfig(edge, minted.token, 'https://www.bank-a.example.attacker.test'),
      403,
      'origin-mismatch',
    );
    await expectProblem(await getConfig(edge, minted.token, null), 403, 'origin-mismatch');
  });

  test("tenant A's token presented from tenant B's origin is refused", async () => {
    const { edge, minted } = await setup();
    await createTenant(edge, 'bank-b', [OTHER_ORIGIN]);
    await expectProblem(await getConfig(edge, minted.token, OTHER_ORIGIN), 403, 'origin-mismatch');
  });

  test('a revoked jti is refused from the very next request; other tokens keep working', async () => {
    const { edge, tenant, minted } = await setup();
    const sibling = await mintToken(edge, tenant, { scopes: ['config:read'], origin: ORIGIN });
    assert.equal((await getConfig(edge, minted.token)).status, 200);
    const del = await edge.call('DELETE', `/v1/tokens/${minted.jti}`, { auth: tenant.secretKey });
    assert.equal(del.status, 204);
    await expect401(await getConfig(edge, minted.token));
    assert.deepEqual(refusals(edge), ['token revoked']);
    assert.equal((await getConfig(edge, sibling.token)).status, 200);
    // Still refused near the end of its life, after a later revocation pruned expired entries.
    edge.clock.advance(590_000);
    await edge.call('DELETE', `/v1/tokens/${sibling.jti}`, { auth: tenant.secretKey });
    await expect401(await getConfig(edge, minted.token));
  });

  test("tenant B revoking tenant A's jti does not revoke A's token", async () => {
    const { edge, minted } = await setup();
    const other = await createTenant(edge, 'bank-b', [OTHER_ORIGIN]);
    const del = await edge.call('DELETE', `/v1/tokens/${minted.jti}`, { auth: other.secretKey });
    assert.ok(del.status === 204 || del.status === 404, `status ${del.status}`);
    const res = await getConfig(edge, minted.token);
    assert.equal(res.status, 200);
    assert.deepEqual(refusals(edge), []);
  });

  test("a suspended tenant's token is refused (403 tenant-suspended)", async () => {
    const { edge, tenant, minted } = await setup();
    const res = await edge.call('POST', `/v1/tenants/${tenant.id}/suspend`, { auth: OPERATOR_KEY });
    assert.equal(res.status, 200);
    await expectProblem(await getConfig(edge, minted.token), 403, 'tenant-suspended');
    await expectProblem(
      await edge.call('POST', '/v1/tokens', {
        auth: tenant.secretKey,
        body: { scopes: ['config:read'], origin: ORIGIN },
      }),
      403,
      'tenant-suspended',
    );
  });
});

describe('widget tokens: lifetime', () => {
  test('the default lifetime is 600 s', async () => {
    const { edge, minted } = await setup();
    const claims = decodeJwt(minted.token);
    assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 600);
    assert.equal(minted.expiresAt, nowSeconds(edge) + 600);
    assert.equal(claims.exp, minted.expiresAt);
  });

  test('ttlSeconds up to 3600 is honoured; 3601, under 60 or fractional is a 422', async () => {
    const { edge, tenant } = await setup();
    const hour = await mintToken(edge, tenant, {
      scopes: ['config:read'],
      origin: ORIGIN,
      ttlSeconds: 3600,
    });
    const claims = decodeJwt(hour.token);
    assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 3600);
    edge.clock.advance(3599_000);
    assert.equal((await getConfig(edge, hour.token)).status, 200);
    for (const ttlSeconds of [3601, 86_400, 59, 0, -1, 600.5]) {
      const res = await edge.call('POST', '/v1/tokens', {
        auth: tenant.secretKey,
        body: { scopes: ['config:read'], origin: ORIGIN, ttlSeconds },
      });
      await expectProblem(res, 422, 'validation-failed');
    }
  });
});

describe('widget tokens: JWKS', () => {
  test('lists the signing key by RFC 7638 thumbprint, public parts only', async () => {
    const { edge, minted, kid } = await setup();
    const res = await edge.call('GET', '/.well-known/jwks.json');
    assert.equal(res.status, 200);
    const { keys } = (await res.json()) as { keys: JWK[] };
    assert.equal(keys.length, 1);
    const [key] = keys;
    assert.ok(key);
    assert.equal(key.kid, kid);
    assert.equal(decodeProtectedHeader(minted.token).kid, kid);
    assert.equal(await calculateJwkThumbprint(key), kid);
    assert.equal(key.kty, 'OKP');
    assert.equal(key.crv, 'Ed25519');
    assert.equal(key.alg, 'EdDSA');
    assert.equal(key.use, 'sig');
    for (const privatePart of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) {
      assert.equal(privatePart in key, false, `${privatePart} is published`);
    }
  });

  test('a third party verifies a minted token with the published JWKS alone', async () => {
    const { edge, minted, tenant } = await setup();
    const jwks = (await (await edge.call('GET', '/.well-known/jwks.json')).json()) as {
      keys: JWK[];
    };
    const { payload, protectedHeader } = await jwtVerify(minted.token, createLocalJWKSet(jwks), {
      algorithms: ['EdDSA'],
      typ: TYP,
      issuer: PUBLIC_URL,
      audience: AUD,
      currentDate: new Date(edge.clock.now()),
    });
    assert.equal(payload.tid, tenant.id);
    assert.equal(protectedHeader.typ, TYP);
  });
});
