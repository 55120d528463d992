// Two edge instances on one database, raced: two Node processes on one SQLite file, and two
// workerd isolates on one D1. Concurrent publishes get distinct version numbers, concurrent
// key creations keep the caps, duplicate submissions under one Idempotency-Key make one
// application (whose tenant data key, made by whichever instance won, opens on both), and no
// write is lost (every success is stored and audited).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Log, LogLevel } from 'miniflare';
import { startWorkerEdge } from '../../scripts/worker-runtime.js';

const OPERATOR_KEY = 'op_race_operator_key_0123456789abcdefghijklmnop';
const SECRETS = {
  GW_OPERATOR_KEY: OPERATOR_KEY,
  GW_PREVIEW_SECRET: 'race-preview-secret-0123456789abcdefghij',
  GW_MASTER_KEY: '7c'.repeat(32),
  GW_PUBLIC_URL: 'https://edge.gridworks.test',
};

type Send = (
  method: string,
  path: string,
  auth: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Response>;

const sender =
  (fetcher: (url: string, init: RequestInit) => Promise<Response>, base: string): Send =>
  (method, path, auth, body, headers = {}) =>
    fetcher(`${base}${path}`, {
      method,
      headers: {
        ...headers,
        authorization: `Bearer ${auth}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  return JSON.parse(text) as T;
}

const SCOPE_SETS = [
  ['audit:read'],
  ['branding:write'],
  ['chat:agent'],
  ['domains:write'],
  ['origins:write'],
  ['quotes:write'],
  ['tokens:mint'],
  ['applications:read'],
  ['keys:write'],
  ['keys:write', 'audit:read'],
  ['keys:write', 'tokens:mint'],
  ['audit:read', 'tokens:mint'],
  ['audit:read', 'branding:write'],
  ['branding:write', 'tokens:mint'],
];

const SUBMISSION = {
  product: 'business-current',
  steps: {
    company: {
      legalName: 'Race Traders LLP',
      registrationNumbers: [{ scheme: 'uk-company-number', value: '01234567' }],
      incorporationDate: '2020-01-01',
      registeredAddress: {
        line1: '1 Race Street',
        city: 'Leeds',
        postalCode: 'LS1 1AA',
        country: 'GB',
      },
    },
    entityType: { entityType: 'llp' },
    people: {
      signatories: [
        { fullName: 'Rae Cer', role: 'Partner', email: 'rae@race.example', phone: '+447400123456' },
      ],
    },
    declarations: {
      politicallyExposed: false,
      sanctioned: false,
      // In the past on the real clocks these instances run on.
      consent: { accepted: true, text: 'I consent.', givenAt: '2026-01-01T00:00:00Z' },
    },
  },
};

/**
 * Where the customer's widget runs, and the headers that say so. A cross-origin page sends
 * `Origin`; Miniflare's isolate proxy refuses foreign `Origin`s, so there the page is the
 * edge's own (same-origin, recognised by `Sec-Fetch-Site`).
 */
interface WidgetPage {
  origin: string;
  headers: Record<string, string>;
}

/** The race, through two instances `a` and `b` (requests alternate between them). */
async function race(a: Send, b: Send, page: WidgetPage): Promise<void> {
  const created = await json<{ secretKey: string }>(
    await a('POST', '/v1/tenants', OPERATOR_KEY, { slug: 'race-bank', name: 'Race Bank' }),
    201,
  );
  const key = created.secretKey;
  const via = (i: number) => (i % 2 === 0 ? a : b);

  // Concurrent key creations: 14 distinct scope sets at once, 9 slots left under the cap of 10.
  const keys = await Promise.all(
    SCOPE_SETS.map((scopes, i) => via(i)('POST', '/v1/keys', key, { kind: 'secret', scopes })),
  );
  const statuses = keys.map((r) => r.status);
  for (const r of keys) await r.arrayBuffer();
  assert.equal(statuses.filter((s) => s === 201).length, 9, statuses.join(','));
  assert.equal(statuses.filter((s) => s === 409).length, SCOPE_SETS.length - 9);
  const listed = await json<{ items: { kind: string; revokedAt: number | null }[] }>(
    await b('GET', '/v1/keys', key),
    200,
  );
  assert.equal(listed.items.filter((k) => k.kind === 'secret' && k.revokedAt === null).length, 10);

  // Concurrent publishes of distinct drafts, each instance saving and publishing its own.
  const colours = ['#ffd400', '#0f8b8d', '#4f6ff0', '#b3261e', '#386a20', '#6750a4'];
  const published = await Promise.all(
    colours.map(async (primary, i) => {
      const send = via(i);
      const draft = await send('PUT', '/v1/branding/draft', key, {
        slug: 'race-bank',
        name: 'Race Bank',
        colors: { primary },
      });
      await json(draft, 200);
      const res = await send('POST', '/v1/branding/publish', key);
      return { status: res.status, body: (await res.json()) as { version?: number; id?: string } };
    }),
  );
  const fresh = published.filter((p) => p.status === 201).map((p) => p.body.version);
  assert.equal(new Set(fresh).size, fresh.length, `distinct versions: ${fresh.join(',')}`);
  const versions = await json<{ items: { id: string; version: number }[] }>(
    await a('GET', '/v1/branding/versions', key),
    200,
  );
  // Every successful publish is stored, numbered 1..n without a gap or a repeat.
  assert.deepEqual(
    versions.items.map((v) => v.version).sort((x, y) => x - y),
    Array.from({ length: versions.items.length }, (_, i) => i + 1),
  );
  for (const p of published.filter((x) => x.status === 201))
    assert.ok(
      versions.items.some((v) => v.id === p.body.id),
      `version ${p.body.version} kept`,
    );

  // Duplicate submissions under one key, through both instances at once: one application.
  const { origin } = page;
  await json(await a('PUT', '/v1/origins', key, { origins: [origin] }), 200);
  const { token } = await json<{ token: string }>(
    await b('POST', '/v1/tokens', key, {
      scopes: ['onboarding:write'],
      origin,
      customer: 'race-customer',
    }),
    201,
  );
  const submissions = await Promise.all(
    Array.from({ length: 40 }, async (_, i) => {
      const res = await via(i)('POST', '/v1/applications', token, SUBMISSION, {
        ...page.headers,
        'idempotency-key': 'race-submission',
      });
      const text = await res.text();
      assert.ok(text.startsWith('{'), `${res.status} ${text.slice(0, 200)}`);
      return { status: res.status, body: JSON.parse(text) as { id?: string } };
    }),
  );
  assert.ok(
    submissions.every((r) => r.status === 201 || r.status === 409),
    submissions.map((r) => r.status).join(','),
  );
  const ids = [...new Set(submissions.filter((r) => r.status === 201).map((r) => r.body.id))];
  assert.equal(ids.length, 1, ids.join(','));
  const applications = await json<{ items: { id: string }[] }>(
    await a('GET', '/v1/applications', key),
    200,
  );
  assert.deepEqual(
    applications.items.map((i) => i.id),
    ids,
  );
  for (const send of [a, b]) await json(await send('GET', `/v1/applications/${ids[0]}`, key), 200);

  // No lost update: every key creation and publish that succeeded is in the audit log.
  const audit = await json<{ items: { action: string }[] }>(
    await b('GET', '/v1/audit?limit=100', key),
    200,
  );
  assert.equal(audit.items.filter((r) => r.action === 'key.create').length, 9);
  assert.equal(
    audit.items.filter((r) => r.action === 'branding.publish').length,
    versions.items.length,
  );
}

function startNodeProcess(db: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'edge/adapters/node.ts'], {
    env: { ...process.env, ...SECRETS, NODE_ENV: 'production', PORT: '0', GW_DB: db },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`no start: ${buffer}`)), 30_000);
    child.stdout?.on('data', (chunk) => {
      buffer += chunk;
      const line = buffer.split('\n').find((l) => l.includes('"event":"edge-started"'));
      if (line) {
        clearTimeout(timer);
        resolve({ url: (JSON.parse(line) as { url: string }).url, child });
      }
    });
  });
}

describe('two instances on one database', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  test('two Node processes on one SQLite file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-race-'));
    const db = join(dir, 'gw.db');
    // One boots (and migrates) first; the other opens the migrated file.
    const first = await startNodeProcess(db);
    const second = await startNodeProcess(db);
    cleanups.push(async () => {
      for (const { child } of [first, second]) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.on('exit', resolve));
      }
      rmSync(dir, { recursive: true, force: true });
    });
    const origin = 'https://www.race-bank.example';
    await race(sender(fetch, first.url), sender(fetch, second.url), {
      origin,
      headers: { origin },
    });
  });

  test('two workerd isolates on one D1', async () => {
    const edge = await startWorkerEdge({
      vars: { ...SECRETS, GW_EXTRA_HOSTS: '127.0.0.1' },
      instances: 2,
      log: new Log(LogLevel.NONE),
      onLogLine: () => {},
    });
    cleanups.push(() => edge.close());
    interface Isolate {
      fetch(
        url: string,
        init: unknown,
      ): Promise<{
        status: number;
        headers: unknown;
        arrayBuffer(): Promise<ArrayBuffer>;
      }>;
    }
    const [a, b] = (await Promise.all(
      edge.workers.map((name) => edge.mf.getWorker(name)),
    )) as unknown as [Isolate, Isolate];
    const through =
      (worker: Isolate) =>
      async (url: string, init: RequestInit): Promise<Response> => {
        const res = await worker.fetch(url, init);
        return new Response(await res.arrayBuffer(), {
          status: res.status,
          headers: res.headers as unknown as Headers,
        });
      };
    await race(
      sender(through(a), 'https://edge.gridworks.test'),
      sender(through(b), 'https://edge.gridworks.test'),
      { origin: 'https://edge.gridworks.test', headers: { 'sec-fetch-site': 'same-origin' } },
    );
  });
});
