/**
 * Test fixtures for the edge: `createApp` on an in-memory SQLite database, a clock the test
 * moves, captured log lines and a fake DNS-over-HTTPS fetcher. Nothing listens on a port.
 */
import { createHash } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { nodeEd25519Signer } from '../../edge/adapters/node-ed25519.js';
import { SqliteExecutor } from '../../edge/adapters/sqlite-executor.js';
import { createApp } from '../../edge/app.js';
import { sha256Hex } from '../../edge/auth/credentials.js';
import type { Ed25519Signer } from '../../edge/auth/ed25519.js';
import { SecretBox } from '../../edge/auth/secret-box.js';
import type { DohFetch, EdgeConfig, EdgeDeps } from '../../edge/deps.js';
import { MemoryRateLimiter } from '../../edge/middleware/rate-limit/index.js';
import { ReadCache } from '../../edge/middleware/read-cache/index.js';
import { cachingStore } from '../../edge/store/caching-store.js';
import { migrate } from '../../edge/store/migrate.js';
import { sqlBlobs } from '../../edge/store/sql/blobs.js';
import { sqlStore } from '../../edge/store/sql-store.js';

export const OPERATOR_KEY = 'op_test_operator_key_0123456789abcdefghijklmnop';
export const PUBLIC_URL = 'https://edge.gridworks.test';
export const ORIGIN = 'https://www.bank-a.example';
/** The test edge's master key (32 bytes, hex): seals the private signing keys at rest. */
export const TEST_MASTER_KEY = '0f'.repeat(32);

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  event: string;
  fields: Record<string, unknown>;
}

export interface TestEdge {
  app: ReturnType<typeof createApp>;
  deps: EdgeDeps;
  clock: { now: () => number; advance: (ms: number) => void; set: (ms: number) => void };
  logs: LogLine[];
  /** Replace to answer DNS-over-HTTPS look-ups. */
  doh: { handler: DohFetch };
  sqlite: SQLite.Database;
  close: () => Promise<void>;
  /** `app.request` with a bearer credential and a JSON body (or bytes, sent as they are). */
  call: (
    method: string,
    path: string,
    options?: { auth?: string; body?: unknown; headers?: Record<string, string>; host?: string },
  ) => Promise<Response>;
}

export async function createTestEdge(
  overrides: Partial<EdgeConfig> = {},
  dbPath = ':memory:',
  /** Ed25519 signing as the Node edge does it (node:crypto) unless a test picks another. */
  options: { ed25519?: Ed25519Signer } = {},
): Promise<TestEdge> {
  let now = Date.UTC(2026, 10, 21, 12, 0, 0);
  const clock = {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    set: (ms: number) => {
      now = ms;
    },
  };
  const sqlite = new SQLite(dbPath);
  const executor = new SqliteExecutor(sqlite);
  await migrate(executor, clock.now);
  const logs: LogLine[] = [];
  const log =
    (level: LogLine['level']) =>
    (event: string, fields: Record<string, unknown> = {}) => {
      logs.push({ level, event, fields });
    };
  const doh = {
    handler: (async () => new Response('{"Status":3}', { status: 200 })) as DohFetch,
  };
  const readCache = new ReadCache(clock.now, (text) =>
    createHash('sha256').update(text).digest('hex'),
  );
  const deps: EdgeDeps = {
    // Tests run through the same caches as the Node edge, so their invalidation is tested too.
    store: cachingStore(sqlStore(executor, clock.now), clock.now, {
      onChange: () => readCache.invalidate(),
    }),
    blobs: sqlBlobs(executor, clock.now),
    readCache,
    clock,
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
    rateLimiter: new MemoryRateLimiter(clock.now),
    // The client address comes from a test header, so tests can play several clients.
    clientIp: (request) => request.headers.get('x-test-client-ip') ?? '192.0.2.1',
    dohFetch: (url, init) => doh.handler(url, init),
    ed25519: options.ed25519 ?? nodeEd25519Signer,
    // A stand-in for the built widget kit: the loader, one widget entry and one chunk.
    widgetAssets: {
      get: async (name) =>
        ['embed.js', 'gw-service-catalog.js', 'chunks/core-abcdef12.js'].includes(name)
          ? { body: `/* gridworks kit: ${name} */`, type: 'text/javascript; charset=utf-8' }
          : undefined,
    },
    config: {
      publicUrl: PUBLIC_URL,
      operatorKeyHash: await sha256Hex(OPERATOR_KEY),
      dohUrl: 'https://dns.test/dns-query',
      previewSecret: 'test-preview-secret-0123456789abcdef0123456789',
      masterKey: TEST_MASTER_KEY,
      ...overrides,
      // Suites send many refused credentials from one address on purpose; the failure limit
      // itself is tested with its own low setting (security-review.test.ts).
      rateLimits: { authFailuresPerIp: 100_000, ...overrides.rateLimits },
    },
  };
  const app = createApp(deps);
  const call: TestEdge['call'] = (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.auth) headers.authorization = `Bearer ${options.auth}`;
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (options.body instanceof Uint8Array) {
      // Bytes go as they are (a document upload), with whatever Content-Type the test gives.
      body = options.body as Uint8Array<ArrayBuffer>;
    } else if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const base = options.host ? `https://${options.host}` : PUBLIC_URL;
    return Promise.resolve(app.request(`${base}${path}`, { method, headers, body }));
  };
  return { app, deps, clock, logs, doh, sqlite, close: () => deps.store.close(), call };
}

/**
 * A signing key's private JWK as stored, opened with the test master key ('' once wiped):
 * what an attacker holding the database and the master key would have. `kid` defaults to the
 * active key.
 */
export async function openSigningKey(
  edge: TestEdge,
  kid?: string,
): Promise<{ kid: string; privateJwk: string }> {
  const row = edge.sqlite
    .prepare(
      kid
        ? 'SELECT kid, private_jwk, kek_id, kek_alg FROM signing_keys WHERE kid = ?'
        : "SELECT kid, private_jwk, kek_id, kek_alg FROM signing_keys WHERE status = 'active'",
    )
    .get(...(kid ? [kid] : [])) as
    | { kid: string; private_jwk: string; kek_id: string | null; kek_alg: string | null }
    | undefined;
  if (!row) throw new Error(`no signing key ${kid ?? '(active)'}`);
  if (row.private_jwk === '') return { kid: row.kid, privateJwk: '' };
  const box = new SecretBox(TEST_MASTER_KEY);
  const privateJwk = await box.open(
    { ciphertext: row.private_jwk, kekId: row.kek_id ?? '', alg: 'A256GCM' },
    row.kid,
  );
  return { kid: row.kid, privateJwk };
}

export interface TestTenant {
  id: string;
  slug: string;
  secretKey: string;
  publishableKey: string;
}

/** Creates a tenant through the operator API, with `ORIGIN`-style allowed origins. */
export async function createTenant(
  edge: TestEdge,
  slug: string,
  origins: string[] = [],
): Promise<TestTenant> {
  const res = await edge.call('POST', '/v1/tenants', {
    auth: OPERATOR_KEY,
    body: { slug, name: `Bank ${slug}` },
  });
  if (res.status !== 201)
    throw new Error(`create tenant ${slug}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as {
    tenant: { id: string };
    secretKey: string;
    publishableKey: string;
  };
  const tenant = {
    id: body.tenant.id,
    slug,
    secretKey: body.secretKey,
    publishableKey: body.publishableKey,
  };
  if (origins.length > 0) {
    const put = await edge.call('PUT', '/v1/origins', {
      auth: tenant.secretKey,
      body: { origins },
    });
    if (put.status !== 200) throw new Error(`set origins: ${put.status} ${await put.text()}`);
  }
  return tenant;
}

/** Mints a widget token for a tenant. */
export async function mintToken(
  edge: TestEdge,
  tenant: TestTenant,
  body: { scopes: string[]; origin: string; customer?: string; ttlSeconds?: number },
): Promise<{ token: string; jti: string; expiresAt: number }> {
  const res = await edge.call('POST', '/v1/tokens', { auth: tenant.secretKey, body });
  if (res.status !== 201) throw new Error(`mint: ${res.status} ${await res.text()}`);
  return (await res.json()) as { token: string; jti: string; expiresAt: number };
}

export const SUNBEAM_BRAND = (slug: string) => ({
  slug,
  name: 'Sunbeam Bank',
  colors: { primary: '#ffd400' },
  mode: 'light',
});

/**
 * `text` with its last `count` characters replaced by a run that is certainly different, for
 * tampering with signatures, tokens and key ids (a fixed "AA…" suffix equals the original now
 * and then, which made a test fail once in about a thousand runs).
 */
export function tamperTail(text: string, count: number): string {
  const tail = text.slice(-count);
  return `${text.slice(0, -count)}${(tail.startsWith('A') ? 'B' : 'A').repeat(count)}`;
}
