// The Node adapter for real: configuration checks at boot, the seeded demo tenant, and a
// graceful SIGTERM (stop accepting, finish the request in flight, close the database).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { startNodeEdge } from '../../edge/adapters/node.js';
import { loadSettings } from '../../edge/adapters/node-config.js';
import { seedDemo } from '../../edge/adapters/seed.js';

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
