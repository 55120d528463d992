// Keys and tokens are never stored or logged in plain text: after a busy session on a real
// database file, the file's bytes (with its WAL) and every log line hold no key, no token, not
// the operator key, not the master key and not the private `d` of any signing key, and no 401
// echoes the credential it refused.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { randomBase62, SECRET_SCOPES, sha256Hex } from '../../edge/auth/credentials.js';
import {
  createTenant,
  createTestEdge,
  mintToken,
  OPERATOR_KEY,
  ORIGIN,
  openSigningKey,
  TEST_MASTER_KEY,
  type TestEdge,
  tamperTail,
} from './helpers.js';

interface Secret {
  label: string;
  value: string;
  /** The part that is not a fixed prefix. */
  random: string;
}

const dir = mkdtempSync(join(tmpdir(), 'gw-secrets-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const keySecret = (label: string, value: string): Secret => ({
  label,
  value,
  random: value.replace(/^(sk|pk)_live_/, ''),
});

const tokenSecret = (label: string, token: string): Secret => ({
  label,
  value: token,
  // The signature is what makes a token; the claims alone are no credential.
  random: token.split('.')[2] ?? token,
});

/** Every form of `secret` that must not appear: whole, its random part, any 10 characters of it. */
function needles(secret: Secret): string[] {
  const { value, random } = secret;
  const forms = [
    value,
    random,
    Buffer.from(value).toString('base64'),
    Buffer.from(value).toString('hex'),
  ];
  for (let i = 0; i + 10 <= random.length; i += 1) forms.push(random.slice(i, i + 10));
  return forms;
}

/** The labels of the secrets found in `haystack`, whole or in part. */
function findLeaks(haystack: string, secrets: Secret[]): string[] {
  return secrets.flatMap((s) => {
    const found = needles(s).filter((n) => haystack.includes(n));
    if (found.length === 0) return [];
    return [`${s.label}: ${found.includes(s.value) ? 'whole' : `${found.length} fragment(s)`}`];
  });
}

/** Every file SQLite keeps for the database (main file, -wal, -shm, -journal), as latin1 text. */
function databaseBytes(file: string): { names: string[]; text: string } {
  const base = file.split('/').pop() ?? file;
  const names = readdirSync(dir).filter((n) => n.startsWith(base));
  const text = names.map((n) => readFileSync(join(dir, n)).toString('latin1')).join('\n');
  return { names, text };
}

const getConfig = (edge: TestEdge, auth: string, origin = ORIGIN) =>
  edge.call('GET', '/v1/config', { auth, headers: { origin } });

/** A 401 whose body and headers do not contain the credential it refused. */
async function expectSilent401(res: Response, credential: string): Promise<void> {
  const body = await res.text();
  assert.equal(res.status, 401, body);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const headers = JSON.stringify([...res.headers.entries()]);
  const random =
    credential
      .replace(/^(sk|pk)_live_/, '')
      .split('.')
      .pop() ?? credential;
  for (const text of [body, headers]) {
    assert.equal(text.includes(credential), false, 'a 401 echoes the credential');
    assert.equal(text.includes(random.slice(0, 10)), false, 'a 401 echoes part of the credential');
    assert.equal(text.includes(random.slice(-10)), false, 'a 401 echoes part of the credential');
  }
}

describe('secrets at rest', () => {
  test('no key, token or operator key in the database file, its WAL or the logs', async () => {
    const file = join(dir, 'edge.db');
    const edge = await createTestEdge({}, file);
    // The Node adapter runs SQLite in WAL mode; recently written pages live in the -wal file.
    edge.sqlite.pragma('journal_mode = WAL');
    const secrets: Secret[] = [
      { label: 'operator key', value: OPERATOR_KEY, random: OPERATOR_KEY.slice('op_test_'.length) },
    ];

    const a = await createTenant(edge, 'bank-a', [ORIGIN]);
    const b = await createTenant(edge, 'bank-b', ['https://www.bank-b.example']);
    secrets.push(
      keySecret('tenant A secret key', a.secretKey),
      keySecret('tenant A publishable key', a.publishableKey),
      keySecret('tenant B secret key', b.secretKey),
      keySecret('tenant B publishable key', b.publishableKey),
    );

    // More keys: a second secret, a narrower one, a second publishable; one of them revoked.
    const created: { key: { id: string }; secret: string }[] = [];
    for (const body of [
      { kind: 'secret', scopes: [...SECRET_SCOPES] },
      { kind: 'secret', scopes: ['tokens:mint'] },
      { kind: 'publishable' },
    ]) {
      const res = await edge.call('POST', '/v1/keys', { auth: a.secretKey, body });
      assert.equal(res.status, 201);
      const key = (await res.json()) as { key: { id: string }; secret: string };
      created.push(key);
      secrets.push(keySecret(`created ${body.kind} key ${created.length}`, key.secret));
    }
    const [, minter, extraPk] = created;
    assert.ok(minter && extraPk);
    assert.equal(
      (await edge.call('DELETE', `/v1/keys/${extraPk.key.id}`, { auth: a.secretKey })).status,
      204,
    );

    // Tokens: minted, used, revoked, used after revocation and after expiry.
    const tokens = [
      await mintToken(edge, a, { scopes: ['config:read'], origin: ORIGIN, customer: 'cust-1' }),
      await mintToken(
        edge,
        { ...a, secretKey: minter.secret },
        { scopes: ['config:read', 'catalog:read'], origin: ORIGIN, ttlSeconds: 3600 },
      ),
      await mintToken(edge, b, { scopes: ['config:read'], origin: 'https://www.bank-b.example' }),
    ];
    for (const [i, t] of tokens.entries())
      secrets.push(tokenSecret(`widget token ${i + 1}`, t.token));
    const [t1, t2] = tokens;
    assert.ok(t1 && t2);
    assert.equal((await getConfig(edge, t1.token)).status, 200);
    assert.equal((await getConfig(edge, t2.token)).status, 200);
    assert.equal((await getConfig(edge, a.publishableKey)).status, 200);
    assert.equal(
      (await edge.call('DELETE', `/v1/tokens/${t1.jti}`, { auth: a.secretKey })).status,
      204,
    );
    await expectSilent401(await getConfig(edge, t1.token), t1.token);
    await expectSilent401(await getConfig(edge, extraPk.secret), extraPk.secret);

    // Failing requests with credentials the edge has never seen, or no longer accepts.
    const unknownSecret = `sk_live_${randomBase62(43)}`;
    const unknownPublishable = `pk_live_${randomBase62(43)}`;
    const wrongOperator = `op_live_${randomBase62(43)}`;
    const [h, p] = t2.token.split('.');
    const forgedToken = `${h}.${p}.${randomBase62(86)}`;
    secrets.push(
      keySecret('unknown secret key', unknownSecret),
      keySecret('unknown publishable key', unknownPublishable),
      { label: 'wrong operator key', value: wrongOperator, random: wrongOperator.slice(8) },
      tokenSecret('forged token', forgedToken),
    );
    for (const bad of [unknownSecret, unknownPublishable, wrongOperator, forgedToken]) {
      await expectSilent401(await getConfig(edge, bad), bad);
      await expectSilent401(
        await edge.call('POST', '/v1/tokens', {
          auth: bad,
          body: { scopes: ['config:read'], origin: ORIGIN },
        }),
        bad,
      );
      await expectSilent401(await edge.call('GET', '/v1/tenants', { auth: bad }), bad);
    }
    // A key in a query string or a body the edge rejects is not kept either.
    const res = await edge.call('GET', `/v1/keys?key=${encodeURIComponent(unknownSecret)}`, {
      auth: unknownSecret,
    });
    await expectSilent401(res, unknownSecret);
    const badBody = await edge.call('POST', '/v1/keys', {
      auth: a.secretKey,
      body: { kind: 'secret', scopes: [unknownPublishable] },
    });
    assert.equal(badBody.status, 422);
    edge.clock.advance(3601_000);
    await expectSilent401(await getConfig(edge, t2.token), t2.token);

    // A staged next key too: every signing key that still has a private half is sealed.
    assert.equal(
      (await edge.call('POST', '/v1/operator/signing-keys', { auth: OPERATOR_KEY })).status,
      201,
    );
    const kids = edge.sqlite
      .prepare("SELECT kid FROM signing_keys WHERE private_jwk != ''")
      .all() as {
      kid: string;
    }[];
    assert.equal(kids.length, 2, 'an active and a staged signing key');
    for (const { kid } of kids) {
      const { d } = JSON.parse((await openSigningKey(edge, kid)).privateJwk) as { d: string };
      secrets.push({ label: `signing key ${kid} private d`, value: d, random: d });
    }
    secrets.push({ label: 'master key', value: TEST_MASTER_KEY, random: TEST_MASTER_KEY });

    // The database did record the session (the search below looks at the right bytes).
    const { names, text: live } = databaseBytes(file);
    assert.ok(
      names.some((n) => n.endsWith('-wal')),
      `WAL file present: ${names.join(', ')}`,
    );
    assert.ok(live.includes(await sha256Hex(a.secretKey)), 'the key hash is stored');
    assert.ok(live.includes(a.secretKey.slice(-4)));
    assert.ok(live.includes(t1.jti), 'the revoked jti is stored');

    const logs = JSON.stringify(edge.logs);
    assert.ok(edge.logs.some((l) => l.event === 'token-refused'));
    assert.ok(edge.logs.filter((l) => l.event === 'request').length > 20);

    assert.deepEqual(findLeaks(live, secrets), [], 'secrets in the live database files');
    assert.deepEqual(findLeaks(logs, secrets), [], 'secrets in the log lines');

    // And once SQLite has checkpointed the WAL into the main file and closed.
    await edge.close();
    const { text: closed } = databaseBytes(file);
    assert.ok(closed.includes(await sha256Hex(b.secretKey)));
    assert.deepEqual(findLeaks(closed, secrets), [], 'secrets in the closed database file');
  });

  test('401 bodies never echo the credential, whatever its shape', async () => {
    const edge = await createTestEdge();
    const tenant = await createTenant(edge, 'bank-a', [ORIGIN]);
    const token = await mintToken(edge, tenant, { scopes: ['config:read'], origin: ORIGIN });
    const revoke = await edge.call('DELETE', `/v1/tokens/${token.jti}`, { auth: tenant.secretKey });
    assert.equal(revoke.status, 204);
    const credentials = [
      token.token, // revoked
      tamperTail(token.token, 4), // bad signature
      `sk_live_${randomBase62(43)}`,
      `pk_live_${randomBase62(43)}`,
      `sk_live_${randomBase62(10)}`, // too short to be a key
      `op_${randomBase62(40)}`,
      `eyJ${randomBase62(40)}`, // token-shaped but not a token
    ];
    for (const credential of credentials) {
      await expectSilent401(await getConfig(edge, credential), credential);
      await expectSilent401(await edge.call('GET', '/v1/keys', { auth: credential }), credential);
    }
    const malformed = `Bearer ${tenant.secretKey} extra`;
    const res = await edge.call('GET', '/v1/keys', { headers: { authorization: malformed } });
    await expectSilent401(res, tenant.secretKey);
  });
});
