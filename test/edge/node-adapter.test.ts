// The Node adapter for real: configuration checks at boot, the seeded demo tenant, and a
// graceful SIGTERM (stop accepting, finish the request in flight, close the database).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { startNodeEdge } from '../../edge/adapters/node.js';
import { loadSettings } from '../../edge/adapters/node-config.js';
import { attachDemo, seedDemo } from '../../edge/adapters/seed.js';
import { SecretBox } from '../../edge/auth/secret-box.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gw-node-'));
  dirs.push(dir);
  return dir;
}
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe('configuration', () => {
  const base = () => ({ GW_DB: join(tempDir(), 'gw.db') });

  test('defaults work in development and generate the operator key once', () => {
    const env = base();
    const first = loadSettings(env);
    assert.equal(first.port, 8787);
    assert.equal(first.publicUrl, 'http://127.0.0.1:8787');
    assert.ok(first.operatorKey.length >= 32);
    assert.equal(loadSettings(env).operatorKey, first.operatorKey, 'reused on the next boot');
  });

  for (const [name, env, message] of [
    ['PORT not a number', { PORT: 'eighty' }, /PORT must be a whole number/],
    ['PORT out of range', { PORT: '70000' }, /PORT must be a whole number/],
    [
      'production without operator key',
      { NODE_ENV: 'production', GW_PREVIEW_SECRET: 'x'.repeat(40) },
      /GW_OPERATOR_KEY is required in production/,
    ],
    [
      'production without preview secret',
      { NODE_ENV: 'production', GW_OPERATOR_KEY: 'k'.repeat(40) },
      /GW_PREVIEW_SECRET is required in production/,
    ],
    ['short operator key', { GW_OPERATOR_KEY: 'short' }, /at least 32 characters/],
    [
      'public URL with a path',
      { GW_PUBLIC_URL: 'https://edge.example/api' },
      /GW_PUBLIC_URL must be an http\(s\) origin/,
    ],
    [
      'plain-http DoH resolver',
      { GW_DOH_URL: 'http://dns.example/dns-query' },
      /GW_DOH_URL must be an https URL/,
    ],
  ] as const) {
    test(`${name} fails at boot with one clear line`, () => {
      assert.throws(() => loadSettings({ ...base(), ...env }), message);
    });
  }

  test('the real process prints one line and exits 1 on misconfiguration', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'edge/adapters/node.ts'], {
      env: { ...process.env, PORT: 'nope', GW_DB: join(tempDir(), 'gw.db') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    assert.equal(code, 1);
    assert.match(
      stderr.trim(),
      /^gridworks edge: configuration error: PORT must be a whole number/,
    );
    assert.equal(stderr.trim().split('\n').length, 1);
  });
});

describe('boot and seed', () => {
  test('migrates, serves, seeds the demo tenant once and its credentials work', async () => {
    const dir = tempDir();
    const settings = loadSettings({ GW_DB: join(dir, 'gw.db'), PORT: '0' });
    const edge = await startNodeEdge(settings, quiet);
    try {
      const seeded = await seedDemo(edge, { ...settings, publicUrl: edge.url });
      assert.equal(seeded.created, true);
      const credentials = JSON.parse(readFileSync(seeded.credentialsFile, 'utf8')) as Record<
        string,
        string
      >;
      assert.match(credentials.secretKey ?? '', /^sk_live_/);
      const config = await fetch(`${edge.url}/v1/config`, {
        headers: { authorization: `Bearer ${credentials.publishableKey}`, origin: edge.url },
      });
      assert.equal(config.status, 200);
      const body = (await config.json()) as { theme: { stylesheet: string } | null };
      assert.ok(body.theme, 'the demo theme is published');
      const again = await seedDemo(edge, { ...settings, publicUrl: edge.url });
      assert.equal(again.created, false);
      assert.equal((await edge.deps.store.listTenants(null, 10)).items.length, 1);
      assert.equal((await fetch(`${edge.url}/healthz`)).status, 200);
    } finally {
      await edge.close();
    }
  });
});

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}: ${buffer}`)),
      30_000,
    );
    child.stdout?.on('data', (chunk) => {
      buffer += chunk;
      const line = buffer.split('\n').find((l) => pattern.test(l));
      if (line) {
        clearTimeout(timer);
        resolve(line);
      }
    });
  });
}

describe('graceful shutdown', () => {
  test('SIGTERM stops accepting, finishes the request in flight, closes the database and exits 0', async () => {
    const dir = tempDir();
    const db = join(dir, 'gw.db');
    const child = spawn(process.execPath, ['--import', 'tsx', 'edge/adapters/node.ts'], {
      env: { ...process.env, PORT: '0', GW_DB: db, NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = JSON.parse(await waitForLine(child, /"event":"edge-started"/)) as {
      url: string;
    };
    const url = new URL(started.url);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));

    // A request whose body is still arriving when the signal comes.
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: '/v1/tenants',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': '40' },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.write('{"slug":"late-bank",');
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => req.end('"name":"Late Bank" }'.padEnd(19, ' ')), 300);
      }, 100);
    });
    assert.equal(await inFlight, 401, 'the in-flight request got its answer (no credential: 401)');
    await new Promise((r) => setTimeout(r, 100));
    await assert.rejects(fetch(`${started.url}/healthz`), 'new connections are refused');
    assert.equal(await exited, 0);
    assert.equal(existsSync(`${db}-wal`), false, 'the database was closed (WAL checkpointed away)');
  });
});

/** A JSON call to the running edge over real HTTP. */
async function http(
  url: string,
  method: string,
  path: string,
  auth?: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${url}${path}`, {
    method,
    headers: {
      ...(auth ? { authorization: `Bearer ${auth}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A request through node:http exactly as curl sends a bodiless DELETE: no Content-Length. */
function bareDelete(url: string, path: string, auth: string): Promise<number> {
  const target = new URL(path, url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'DELETE',
        headers: { authorization: `Bearer ${auth}` },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the key and token lifecycle over real HTTP', () => {
  test('a bodiless DELETE revokes keys and tokens (no 415), as curl and fetch send it', async () => {
    const dir = tempDir();
    const settings = loadSettings({ GW_DB: join(dir, 'gw.db'), PORT: '0' });
    const edge = await startNodeEdge(settings, quiet);
    try {
      const created = await http(edge.url, 'POST', '/v1/tenants', settings.operatorKey, {
        slug: 'http-bank',
        name: 'HTTP Bank',
      });
      assert.equal(created.status, 201);
      const tenant = (await created.json()) as { secretKey: string };
      const origin = 'https://www.http-bank.example';
      assert.equal(
        (await http(edge.url, 'PUT', '/v1/origins', tenant.secretKey, { origins: [origin] }))
          .status,
        200,
      );
      const keys: { key: { id: string }; secret: string }[] = [];
      for (const scopes of [['audit:read'], ['keys:write']]) {
        const res = await http(edge.url, 'POST', '/v1/keys', tenant.secretKey, {
          kind: 'secret',
          scopes,
        });
        assert.equal(res.status, 201);
        keys.push((await res.json()) as { key: { id: string }; secret: string });
      }
      const [viaFetch, viaCurl] = keys;
      assert.ok(viaFetch && viaCurl);
      // fetch with no body (undici sends no Content-Length on DELETE) and a bare node:http one.
      const revoked = await http(
        edge.url,
        'DELETE',
        `/v1/keys/${viaFetch.key.id}`,
        tenant.secretKey,
      );
      assert.equal(revoked.status, 204, await revoked.text());
      assert.equal(await bareDelete(edge.url, `/v1/keys/${viaCurl.key.id}`, tenant.secretKey), 204);
      assert.equal((await http(edge.url, 'GET', '/v1/audit', viaFetch.secret)).status, 401);

      const tokens: { jti: string; token: string }[] = [];
      for (let i = 0; i < 2; i++) {
        const res = await http(edge.url, 'POST', '/v1/tokens', tenant.secretKey, {
          scopes: ['config:read'],
          origin,
        });
        assert.equal(res.status, 201);
        tokens.push((await res.json()) as { jti: string; token: string });
      }
      const [t1, t2] = tokens;
      assert.ok(t1 && t2);
      const use = (token: string) =>
        fetch(`${edge.url}/v1/config`, { headers: { authorization: `Bearer ${token}`, origin } });
      assert.equal((await use(t1.token)).status, 200);
      assert.equal(
        (await http(edge.url, 'DELETE', `/v1/tokens/${t1.jti}`, tenant.secretKey)).status,
        204,
      );
      assert.equal(await bareDelete(edge.url, `/v1/tokens/${t2.jti}`, tenant.secretKey), 204);
      assert.equal((await use(t1.token)).status, 401);
      assert.equal((await use(t2.token)).status, 401);
      // A body that is there is still checked: text on a DELETE is a 415.
      const text = await fetch(`${edge.url}/v1/keys/${viaFetch.key.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${tenant.secretKey}`, 'content-type': 'text/plain' },
        body: 'revoke it',
      });
      assert.equal(text.status, 415);
    } finally {
      await edge.close();
    }
  });
});

describe('secrets on disk', () => {
  test('the data folder is 0700; the database, its WAL and the dev secrets are 0600', async () => {
    const dir = join(tempDir(), 'data');
    const settings = loadSettings({ GW_DB: join(dir, 'gw.db'), PORT: '0' });
    const edge = await startNodeEdge(settings, quiet);
    try {
      await attachDemo(edge, { ...settings, publicUrl: edge.url });
      const mode = (file: string) => statSync(file).mode & 0o777;
      assert.equal(mode(dir), 0o700);
      for (const name of [
        'gw.db',
        'gw.db-wal',
        'gw.db-shm',
        '.operator-key',
        '.preview-secret',
        '.master-key',
        'demo-credentials.json',
      ]) {
        assert.equal(mode(join(dir, name)).toString(8), '600', name);
      }
    } finally {
      await edge.close();
    }
  });

  test('a master key is generated once in development and required in production', () => {
    const env = { GW_DB: join(tempDir(), 'gw.db') };
    const first = loadSettings(env);
    assert.match(first.masterKey, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(loadSettings(env).masterKey, first.masterKey);
    const production = {
      ...env,
      NODE_ENV: 'production',
      GW_OPERATOR_KEY: 'k'.repeat(40),
      GW_PREVIEW_SECRET: 's'.repeat(40),
    };
    assert.throws(() => loadSettings(production), /GW_MASTER_KEY is required in production/);
    assert.throws(
      () => loadSettings({ ...production, GW_MASTER_KEY: 'too-short' }),
      /GW_MASTER_KEY must be 32 random bytes/,
    );
    assert.equal(
      loadSettings({ ...production, GW_MASTER_KEY: 'ab'.repeat(32) }).masterKey,
      'ab'.repeat(32),
    );
  });

  test('signing keys left in plain text by an older version are sealed on first load, and re-sealed when the master key rotates', async () => {
    const dir = tempDir();
    const file = join(dir, 'gw.db');
    const oldKey = '11'.repeat(32);
    const newKey = '22'.repeat(32);
    const origin = 'https://www.seal-bank.example';
    const operatorKey = loadSettings({ GW_DB: file }).operatorKey;
    const boot = (env: Record<string, string>) =>
      startNodeEdge(loadSettings({ GW_DB: file, PORT: '0', ...env }), quiet);
    const row = () => {
      const db = new SQLite(file);
      const found = db.prepare('SELECT kid, private_jwk, kek_id FROM signing_keys').get() as {
        kid: string;
        private_jwk: string;
        kek_id: string | null;
      };
      db.close();
      return found;
    };
    let edge = await boot({ GW_MASTER_KEY: oldKey });
    const tenant = (await (
      await http(edge.url, 'POST', '/v1/tenants', operatorKey, { slug: 'seal', name: 'Seal' })
    ).json()) as { secretKey: string };
    await http(edge.url, 'PUT', '/v1/origins', tenant.secretKey, { origins: [origin] });
    const mint = async () =>
      (
        await http(edge.url, 'POST', '/v1/tokens', tenant.secretKey, {
          scopes: ['config:read'],
          origin,
        })
      ).status;
    assert.equal(await mint(), 201);
    await edge.close();
    const sealed = row();
    assert.match(sealed.kek_id ?? '', /^kek_[0-9a-f]{16}$/);
    assert.ok(!sealed.private_jwk.includes('"d"'), 'sealed: no JWK in clear');

    // A row as the version before sealing wrote it: the private JWK in clear, no master key id.
    const plaintext = await new SecretBox(oldKey).open(
      { ciphertext: sealed.private_jwk, kekId: sealed.kek_id ?? '', alg: 'A256GCM' },
      sealed.kid,
    );
    const legacy = new SQLite(file);
    legacy
      .prepare('UPDATE signing_keys SET private_jwk = ?, kek_id = NULL, kek_alg = NULL')
      .run(plaintext);
    legacy.close();
    edge = await boot({ GW_MASTER_KEY: oldKey });
    assert.equal(await mint(), 201, 'the legacy key still signs');
    await edge.close();
    const resealed = row();
    assert.equal(resealed.kek_id, sealed.kek_id);
    assert.ok(!resealed.private_jwk.includes('"d"'), 'sealed on first load');

    // Rotate the master key: the old one is given as previous; the row is sealed anew.
    edge = await boot({ GW_MASTER_KEY: newKey, GW_MASTER_KEY_PREVIOUS: oldKey });
    assert.equal(await mint(), 201);
    await edge.close();
    assert.notEqual(row().kek_id, sealed.kek_id);
    // The old master key alone can no longer open it: the boot fails with a clear reason.
    await assert.rejects(boot({ GW_MASTER_KEY: oldKey }), /do not open with GW_MASTER_KEY/);
    edge = await boot({ GW_MASTER_KEY: newKey });
    assert.equal(await mint(), 201);
    await edge.close();
  });
});

describe('a production boot', () => {
  test('seeds nothing, writes no credentials file and serves no demo routes', async () => {
    const dir = tempDir();
    const db = join(dir, 'gw.db');
    const child = spawn(process.execPath, ['--import', 'tsx', 'edge/adapters/node.ts'], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: '0',
        GW_DB: db,
        GW_OPERATOR_KEY: `op_${'p'.repeat(40)}`,
        GW_PREVIEW_SECRET: 's'.repeat(40),
        GW_MASTER_KEY: 'cd'.repeat(32),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const started = JSON.parse(await waitForLine(child, /"event":"edge-started"/)) as {
        url: string;
      };
      for (const [method, path] of [
        ['GET', '/demo'],
        ['GET', '/demo/bank.css'],
        ['POST', '/demo/token'],
      ] as const) {
        assert.equal((await fetch(`${started.url}${path}`, { method })).status, 404, path);
      }
      const tenants = await http(started.url, 'GET', '/v1/tenants', `op_${'p'.repeat(40)}`);
      assert.deepEqual(((await tenants.json()) as { items: unknown[] }).items, []);
      assert.equal(existsSync(join(dir, 'demo-credentials.json')), false);
      assert.equal(existsSync(join(dir, '.operator-key')), false);
      assert.equal(existsSync(join(dir, '.master-key')), false);
      const start = await (await fetch(`${started.url}/`)).text();
      assert.ok(!start.includes('/demo'), 'the start page does not point at a demo');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.on('exit', resolve));
    }
  });
});
