// Rotation drills: the widget-token signing key (stage, rotate, retire with an overlap) and the
// tenant's secret keys (two active per scope set, revoke the old one, list without secrets).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  calculateJwkThumbprint,
  decodeJwt,
  decodeProtectedHeader,
  importJWK,
  type JWK,
  SignJWT,
} from 'jose';
import { SECRET_SCOPES } from '../../edge/auth/credentials.js';
import { KEY_REFRESH_MS, MAX_TTL_SECONDS } from '../../edge/auth/widget-tokens.js';
import { PROBLEM_TYPE_BASE, type ProblemBody } from '../../edge/errors.js';
import {
  createTenant,
  createTestEdge,
  mintToken,
  OPERATOR_KEY,
  ORIGIN,
  openSigningKey,
  type TestEdge,
  type TestTenant,
} from './helpers.js';

const getConfig = (edge: TestEdge, token: string) =>
  edge.call('GET', '/v1/config', { auth: token, headers: { origin: ORIGIN } });

const kidOf = (token: string) => decodeProtectedHeader(token).kid;

async function jwksKids(edge: TestEdge): Promise<string[]> {
  const res = await edge.call('GET', '/.well-known/jwks.json');
  assert.equal(res.status, 200);
  const { keys } = (await res.json()) as { keys: JWK[] };
  for (const key of keys) {
    assert.equal('d' in key, false);
    assert.equal(await calculateJwkThumbprint(key), key.kid);
  }
  return keys.map((k) => String(k.kid)).sort();
}

async function operator(edge: TestEdge, path: string) {
  const res = await edge.call('POST', path, { auth: OPERATOR_KEY });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const stage = (edge: TestEdge) => operator(edge, '/v1/operator/signing-keys');
const rotate = (edge: TestEdge) => operator(edge, '/v1/operator/signing-keys/rotate');

async function expectProblem(res: Response, status: number, code: string): Promise<ProblemBody> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = JSON.parse(text) as ProblemBody;
  assert.equal(body.type, `${PROBLEM_TYPE_BASE}${code}`);
  return body;
}

/** `kid`'s private JWK as stored, opened ('' once the key has been rotated out). */
async function storedPrivateJwk(edge: TestEdge, kid: string): Promise<string> {
  return (await openSigningKey(edge, kid)).privateJwk;
}

/**
 * A token with fresh times signed by `kid`'s private key (captured earlier), for the same
 * recorded jti as `like`: only the key and the times decide whether it is accepted.
 */
async function signWithKey(
  edge: TestEdge,
  kid: string,
  privateJwk: string,
  like: string,
): Promise<string> {
  const now = Math.floor(edge.clock.now() / 1000);
  const claims = { ...decodeJwt(like), iat: now, nbf: now };
  return new SignJWT({ ...claims, exp: now + 600 })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'gw-widget+jwt', kid })
    .sign(await importJWK(JSON.parse(privateJwk) as JWK, 'EdDSA'));
}

describe('signing-key rotation drill', () => {
  test('stage, rotate with an overlap, retire once no token of the old key can be alive', async () => {
    const edge = await createTestEdge();
    const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
    const t1 = await mintToken(edge, tenant, { scopes: ['config:read'], origin: ORIGIN });
    const oldKid = kidOf(t1.token);
    assert.ok(oldKid);
    assert.deepEqual(await jwksKids(edge), [oldKid]);

    // Stage: published before it signs; staging twice gives the same key.
    const staged = await stage(edge);
    assert.equal(staged.status, 201);
    const newKid = String(staged.body.staged);
    assert.notEqual(newKid, oldKid);
    assert.deepEqual(await jwksKids(edge), [newKid, oldKid].sort());
    assert.equal((await stage(edge)).body.staged, newKid);
    const beforeRotation = await mintToken(edge, tenant, {
      scopes: ['config:read'],
      origin: ORIGIN,
      ttlSeconds: MAX_TTL_SECONDS,
    });
    assert.equal(kidOf(beforeRotation.token), oldKid);

    // Rotate: the new key signs, tokens of the old one still verify.
    const oldPrivate = await storedPrivateJwk(edge, oldKid);
    const rotatedAt = edge.clock.now();
    const rotated = await rotate(edge);
    assert.equal(
      await storedPrivateJwk(edge, oldKid),
      '',
      'a retiring key never signs again: its private half is wiped',
    );
    assert.equal(rotated.status, 200);
    assert.deepEqual(rotated.body, { active: newKid, retiring: [oldKid] });
    assert.ok(edge.logs.some((l) => l.event === 'signing-key-rotated'));
    const t2 = await mintToken(edge, tenant, { scopes: ['config:read'], origin: ORIGIN });
    assert.equal(kidOf(t2.token), newKid);
    assert.equal((await getConfig(edge, t1.token)).status, 200);
    assert.equal((await getConfig(edge, t2.token)).status, 200);
    assert.deepEqual(await jwksKids(edge), [newKid, oldKid].sort());

    // The longest-lived token of the old key keeps working to its last second.
    const retireAt = rotatedAt + MAX_TTL_SECONDS * 1000 + KEY_REFRESH_MS;
    assert.ok(retireAt >= beforeRotation.expiresAt * 1000);
    assert.ok(retireAt < (t1.expiresAt + MAX_TTL_SECONDS) * 1000);
    edge.clock.set(beforeRotation.expiresAt * 1000 - 1000);
    assert.equal((await getConfig(edge, beforeRotation.token)).status, 200);
    edge.clock.set(retireAt - 1000);
    assert.deepEqual(await jwksKids(edge), [newKid, oldKid].sort());
    assert.equal(
      (await getConfig(edge, await signWithKey(edge, oldKid, oldPrivate, t1.token))).status,
      200,
      'the old key still verifies during the overlap',
    );

    // A second past the overlap (so before T1's expiry plus the longest lifetime): the old key
    // is gone from the JWKS, and a fresh token it signs is refused.
    edge.clock.set(retireAt + 1000);
    assert.deepEqual(await jwksKids(edge), [newKid]);
    const late = await signWithKey(edge, oldKid, oldPrivate, t1.token);
    await expectProblem(await getConfig(edge, late), 401, 'unauthenticated');
    assert.ok(edge.logs.some((l) => l.fields.reason === 'unknown signing key'));
    await expectProblem(await getConfig(edge, t1.token), 401, 'unauthenticated');
    const t3 = await mintToken(edge, tenant, { scopes: ['config:read'], origin: ORIGIN });
    assert.equal(kidOf(t3.token), newKid);
    assert.equal((await getConfig(edge, t3.token)).status, 200);
    const row = edge.sqlite.prepare('SELECT status FROM signing_keys WHERE kid = ?').get(oldKid);
    assert.deepEqual(row, { status: 'retired' });
    edge.clock.set((t1.expiresAt + MAX_TTL_SECONDS) * 1000 + 1000);
    assert.deepEqual(await jwksKids(edge), [newKid]);
  });

  test('rotating with nothing staged is a 409 and changes nothing', async () => {
    const edge = await createTestEdge();
    const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
    const t1 = await mintToken(edge, tenant, { scopes: ['config:read'], origin: ORIGIN });
    const res = await edge.call('POST', '/v1/operator/signing-keys/rotate', { auth: OPERATOR_KEY });
    await expectProblem(res, 409, 'no-staged-key');
    const t2 = await mintToken(edge, tenant, { scopes: ['config:read'], origin: ORIGIN });
    assert.equal(kidOf(t2.token), kidOf(t1.token));
  });

  test('only the operator stages and rotates', async () => {
    const edge = await createTestEdge();
    const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
    for (const path of ['/v1/operator/signing-keys', '/v1/operator/signing-keys/rotate']) {
      await expectProblem(await edge.call('POST', path), 401, 'unauthenticated');
      await expectProblem(
        await edge.call('POST', path, { auth: tenant.secretKey }),
        403,
        'forbidden',
      );
    }
    assert.deepEqual(await jwksKids(edge), []);
  });

  describe('two edge instances on one database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-rotation-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    test('a key staged and rotated on one instance is honoured by the other', async () => {
      const file = join(dir, 'edge.db');
      const a = await createTestEdge({}, file);
      const b = await createTestEdge({}, file);
      try {
        const tenant = await createTenant(a, 'bank-a', [ORIGIN]);
        const t1 = await mintToken(a, tenant, { scopes: ['config:read'], origin: ORIGIN });
        assert.equal((await getConfig(b, t1.token)).status, 200);
        const oldKid = kidOf(t1.token);

        assert.equal((await stage(a)).status, 201);
        assert.equal((await rotate(a)).status, 200);
        const t2 = await mintToken(a, tenant, { scopes: ['config:read'], origin: ORIGIN });
        a.clock.advance(1000);
        b.clock.advance(1000);
        // B verifies the new key at once, and the old one through the overlap.
        assert.equal((await getConfig(b, t2.token)).status, 200);
        assert.equal((await getConfig(b, t1.token)).status, 200);
        // After one refresh interval B signs with the new key too.
        a.clock.advance(KEY_REFRESH_MS);
        b.clock.advance(KEY_REFRESH_MS);
        const fromB = await mintToken(b, tenant, { scopes: ['config:read'], origin: ORIGIN });
        assert.equal(kidOf(fromB.token), kidOf(t2.token));
        assert.notEqual(kidOf(fromB.token), oldKid);
        assert.deepEqual(await jwksKids(b), await jwksKids(a));
        assert.equal((await getConfig(a, fromB.token)).status, 200);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
});

interface ListedKey {
  id: string;
  kind: string;
  prefix: string;
  last4: string;
  scopes: string[];
  revokedAt: number | null;
}

async function listKeys(
  edge: TestEdge,
  auth: string,
): Promise<{ items: ListedKey[]; raw: string }> {
  const res = await edge.call('GET', '/v1/keys', { auth });
  assert.equal(res.status, 200);
  const raw = await res.text();
  return { items: (JSON.parse(raw) as { items: ListedKey[] }).items, raw };
}

/** Creates a secret key; by default with every scope (what a tenant's first key holds). */
async function createSecret(edge: TestEdge, auth: string, scopes: string[] = [...SECRET_SCOPES]) {
  return edge.call('POST', '/v1/keys', { auth, body: { kind: 'secret', scopes } });
}

async function firstSecretKeyId(edge: TestEdge, tenant: TestTenant): Promise<string> {
  const { items } = await listKeys(edge, tenant.secretKey);
  const first = items.find(
    (k) => k.kind === 'secret' && k.last4 === tenant.secretKey.slice(-4) && k.revokedAt === null,
  );
  assert.ok(first);
  return first.id;
}

describe('secret-key rotation', () => {
  test('a second key with the same scopes, not a third; revoking the first frees a slot', async () => {
    const edge = await createTestEdge();
    const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
    const firstId = await firstSecretKeyId(edge, tenant);

    const second = await createSecret(edge, tenant.secretKey);
    assert.equal(second.status, 201);
    const created = (await second.json()) as { key: ListedKey; secret: string };
    const secondKey = created.secret;
    assert.match(secondKey, /^sk_live_[0-9A-Za-z]{43}$/);
    assert.notEqual(secondKey, tenant.secretKey);
    const { items: before } = await listKeys(edge, tenant.secretKey);
    assert.deepEqual(created.key.scopes, before.find((k) => k.id === firstId)?.scopes);

    await expectProblem(await createSecret(edge, secondKey), 409, 'key-limit');
    // Listing the same scopes in another order is the same scope set.
    const reordered = [...created.key.scopes].reverse();
    await expectProblem(await createSecret(edge, secondKey, reordered), 409, 'key-limit');
    // Another scope set has its own two slots.
    assert.equal((await createSecret(edge, secondKey, ['tokens:mint'])).status, 201);

    const revoked = await edge.call('DELETE', `/v1/keys/${firstId}`, { auth: secondKey });
    assert.equal(revoked.status, 204);
    await expectProblem(
      await edge.call('GET', '/v1/keys', { auth: tenant.secretKey }),
      401,
      'unauthenticated',
    );
    await expectProblem(
      await edge.call('POST', '/v1/tokens', {
        auth: tenant.secretKey,
        body: { scopes: ['config:read'], origin: ORIGIN },
      }),
      401,
      'unauthenticated',
    );
    const minted = await mintToken(
      edge,
      { ...tenant, secretKey: secondKey },
      { scopes: ['config:read'], origin: ORIGIN },
    );
    assert.equal((await getConfig(edge, minted.token)).status, 200);
    const { items: after } = await listKeys(edge, secondKey);
    assert.equal(after.find((k) => k.id === firstId)?.revokedAt, edge.clock.now());
    assert.equal((await createSecret(edge, secondKey)).status, 201);
    await expectProblem(
      await edge.call('DELETE', `/v1/keys/${firstId}`, { auth: secondKey }),
      404,
      'not-found',
    );
  });

  test('the list shows prefix and last four only, never a key', async () => {
    const edge = await createTestEdge();
    const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
    const res = await createSecret(edge, tenant.secretKey, ['tokens:mint']);
    const { secret } = (await res.json()) as { secret: string };
    const { items, raw } = await listKeys(edge, tenant.secretKey);
    assert.equal(items.length, 3);
    for (const key of [tenant.secretKey, tenant.publishableKey, secret]) {
      const random = key.slice('sk_live_'.length);
      assert.equal(raw.includes(random.slice(0, 12)), false, 'a key fragment is listed');
      assert.equal(raw.includes(random.slice(-8)), false, 'a key fragment is listed');
      const listed = items.find((k) => k.last4 === key.slice(-4));
      assert.ok(listed);
      assert.equal(listed.prefix, key.slice(0, 8));
      assert.deepEqual(Object.keys(listed).sort(), [
        'createdAt',
        'id',
        'kind',
        'last4',
        'prefix',
        'revokedAt',
        'scopes',
      ]);
    }
  });

  test("a tenant cannot revoke another tenant's key", async () => {
    const edge = await createTestEdge();
    const a = await createTenant(edge, 'bank-a', [ORIGIN]);
    const b = await createTenant(edge, 'bank-b');
    const aKeyId = await firstSecretKeyId(edge, a);
    await expectProblem(
      await edge.call('DELETE', `/v1/keys/${aKeyId}`, { auth: b.secretKey }),
      404,
      'not-found',
    );
    assert.equal((await edge.call('GET', '/v1/keys', { auth: a.secretKey })).status, 200);
  });

  test('a revoked publishable key stops opening widget data at once', async () => {
    const edge = await createTestEdge();
    const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
    assert.equal((await getConfig(edge, tenant.publishableKey)).status, 200);
    const { items } = await listKeys(edge, tenant.secretKey);
    const pk = items.find((k) => k.kind === 'publishable');
    assert.ok(pk);
    const res = await edge.call('DELETE', `/v1/keys/${pk.id}`, { auth: tenant.secretKey });
    assert.equal(res.status, 204);
    await expectProblem(await getConfig(edge, tenant.publishableKey), 401, 'unauthenticated');
  });
});
