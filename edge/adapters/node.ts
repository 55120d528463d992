/**
 * The edge on Node: @hono/node-server, SQLite through better-sqlite3 (WAL) with Kysely-built SQL,
 * migrations at boot, a seeded demo tenant on first run, JSON logs, graceful shutdown.
 *
 *   npm start            # PORT, HOST, GW_DB, GW_OPERATOR_KEY, GW_PUBLIC_URL, GW_DOH_URL, GW_PREVIEW_SECRET
 */

import { createHash } from 'node:crypto';
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, Server } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Http2Bindings, type HttpBindings, serve } from '@hono/node-server';
import SQLite from 'better-sqlite3';
import { HEARTBEAT_MS } from '../../contracts/chat-rules.js';
import { createApp } from '../app.js';
import { sha256Hex } from '../auth/credentials.js';
import { LocalChatRealtime } from '../chat/local-realtime.js';
import type { AssetSource, EdgeDeps, Logger } from '../deps.js';
import { runMaintenance } from '../maintenance.js';
import { MemoryRateLimiter } from '../middleware/rate-limit/index.js';
import { ReadCache } from '../middleware/read-cache/index.js';
import { cachingStore } from '../store/caching-store.js';
import { migrate } from '../store/migrate.js';
import { sqlBlobs } from '../store/sql/blobs.js';
import { sqlStore } from '../store/sql-store.js';
import { drainWebhooks } from '../webhooks/dispatch.js';
import { nodeChatSockets } from './node-chat-sockets.js';
import { ConfigError, ensureDataDir, loadSettings, type NodeEdgeSettings } from './node-config.js';
import { nodeEd25519Signer } from './node-ed25519.js';
import { webhookFetch } from './node-webhook-fetch.js';
import { attachDemo } from './seed.js';
import { SqliteExecutor } from './sqlite-executor.js';

/** How often the Node edge sends due webhook deliveries. */
export const WEBHOOK_INTERVAL_MS = 2_000;

/** Pending log output of every logger in this process, written out if the process exits. */
const unflushed = new Set<() => void>();
process.once('exit', () => {
  for (const flush of unflushed) flush();
});

/**
 * One JSON object per line on stdout (errors on stderr). Info lines — one per request — are
 * gathered and written once per turn of the event loop, so a busy edge makes one write call
 * per turn instead of one per request; a warning or an error first writes what is pending, so
 * lines keep their order, and whatever is pending is written when the process exits.
 */
export function jsonLogger(write: (text: string, level: string) => void = defaultWrite): Logger {
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending === '') return;
    const text = pending;
    pending = '';
    write(text, 'info');
  };
  unflushed.add(flush);
  const line = (level: string, event: string, fields: Record<string, unknown>) =>
    `${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`;
  return {
    info: (event, fields = {}) => {
      pending += line('info', event, fields);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    warn: (event, fields = {}) => {
      flush();
      write(line('warn', event, fields), 'warn');
    },
    error: (event, fields = {}) => {
      flush();
      write(line('error', event, fields), 'error');
    },
  };
}

function defaultWrite(text: string, level: string): void {
  (level === 'error' ? process.stderr : process.stdout).write(text);
}

const require = createRequire(import.meta.url);

/** Serves the API reference viewer from the swagger-ui-dist package. */
function swaggerAssets(): AssetSource {
  const root = dirname(require.resolve('swagger-ui-dist/package.json'));
  const types: Record<string, string> = {
    '.css': 'text/css; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
  };
  return {
    async get(name) {
      const ext = name.slice(name.lastIndexOf('.'));
      return {
        body: await readFile(join(root, name)),
        type: types[ext] ?? 'application/octet-stream',
      };
    },
  };
}

/** Serves the Vite build of the widget kit (dist/widgets); names are checked by the route. */
function widgetFiles(root: string): AssetSource {
  return {
    async get(name) {
      if (name.includes('..') || name.startsWith('/')) return undefined;
      try {
        return { body: await readFile(join(root, name)), type: 'text/javascript; charset=utf-8' };
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * @hono/node-server gives every request but GET and HEAD a body stream, even a bare
 * `DELETE` that carries none. In HTTP/1.1 a request has a body only when it says so with
 * `Content-Length` or `Transfer-Encoding` (RFC 9112 §6), so without either the app gets a
 * request without a body, as it would on any other runtime.
 */
export function withHttpFraming(
  request: Request,
  incoming: Pick<IncomingMessage | Http2ServerRequest, 'method' | 'headers' | 'httpVersionMajor'>,
): Request {
  const { method, headers } = incoming;
  // HTTP/2 frames bodies itself: there a body may come without Content-Length.
  if (method === 'GET' || method === 'HEAD' || incoming.httpVersionMajor !== 1) return request;
  if (headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined)
    return request;
  return new Request(request.url, { method, headers: request.headers, signal: request.signal });
}

/**
 * The database and its WAL hold every tenant's data: readable by the edge's user only. A
 * missing database file is created empty with mode 0600 before SQLite opens it.
 */
function restrictToOwner(file: string, create = true): void {
  if (!existsSync(file)) {
    if (!create) return;
    closeSync(openSync(file, 'a', 0o600));
  }
  chmodSync(file, 0o600);
}

export interface RunningEdge {
  url: string;
  server: Server;
  deps: EdgeDeps;
  /** Stop accepting, finish in-flight requests, close the database. */
  close: () => Promise<void>;
}

export async function startNodeEdge(
  settings: NodeEdgeSettings,
  logger: Logger = jsonLogger(),
  /** For tests: a clock of their own (the edge's time, as everywhere, is injected). */
  options: { clock?: { now: () => number } } = {},
): Promise<RunningEdge> {
  ensureDataDir(dirname(settings.dbPath));
  restrictToOwner(settings.dbPath);
  const sqlite = new SQLite(settings.dbPath);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit is on the disk before it is acknowledged, power cut included. A customer's
  // widget forgets its copy of an application once the edge answers 201, so an answered write
  // must outlive the machine, not only the process. (better-sqlite3 builds WAL with NORMAL,
  // which survives a process crash but may lose the last commits on a power cut.) Group
  // commit (sqlite-executor.ts) keeps the cost to one sync per group of writes.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const executor = new SqliteExecutor(sqlite);
  await migrate(executor);
  // SQLite gives the WAL and shared-memory files the database file's mode; made sure here.
  for (const suffix of ['-wal', '-shm']) restrictToOwner(`${settings.dbPath}${suffix}`, false);
  const clock = options.clock ?? { now: () => Date.now() };
  const listenHost = new URL(settings.publicUrl).hostname;
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const readCache = new ReadCache(clock.now, sha256);
  const sockets = nodeChatSockets();
  let rooms: LocalChatRealtime | undefined;
  const deps: EdgeDeps = {
    // One process owns this database file: its in-memory caches are exact (writes invalidate).
    store: cachingStore(sqlStore(executor, clock.now), clock.now, {
      onChange: () => readCache.invalidate(),
    }),
    // Uploaded documents (sealed) in the same file: one database to back up.
    blobs: sqlBlobs(executor, clock.now),
    readCache,
    clock,
    logger,
    rateLimiter: new MemoryRateLimiter(clock.now),
    dohFetch: (url, init) => fetch(url, init),
    webhookFetch: webhookFetch(!settings.production),
    config: {
      publicUrl: settings.publicUrl,
      operatorKeyHash: await sha256Hex(settings.operatorKey),
      dohUrl: settings.dohUrl,
      previewSecret: settings.previewSecret,
      masterKey: settings.masterKey,
      previousMasterKeys: settings.previousMasterKeys,
      rateLimits: settings.rateLimits,
      extraHosts: [...new Set(['127.0.0.1', 'localhost', settings.host, listenHost])],
      // A local receiver (http://127.0.0.1:…) may take webhooks in development, never in production.
      allowLoopbackWebhooks: !settings.production,
    },
    assets: swaggerAssets(),
    widgetAssets: widgetFiles(
      join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'widgets'),
    ),
    // In-process requests (the boot check below) have no socket.
    clientIp: (_request, env) =>
      (env as Partial<HttpBindings> | undefined)?.incoming?.socket.remoteAddress ?? 'unknown',
    sha256,
    ed25519: nodeEd25519Signer,
    // One process: every conversation's room is in it, its sockets from `ws`.
    chat: (service) => {
      rooms = new LocalChatRealtime(service, sockets.accept);
      return rooms;
    },
  };
  const app = createApp(deps);
  // Loading the key ring opens the sealed signing keys: a wrong master key fails the boot.
  const keys = await app.request(new URL('/.well-known/jwks.json', settings.publicUrl));
  if (keys.status !== 200) {
    await deps.store.close();
    throw new ConfigError(
      'the stored signing keys do not open with GW_MASTER_KEY (after a rotation, give the old key in GW_MASTER_KEY_PREVIOUS)',
    );
  }
  const fetchHandler = (request: Request, env: HttpBindings | Http2Bindings) =>
    app.fetch(withHttpFraming(request, env.incoming), env);
  const server = await new Promise<Server>((resolveServer) => {
    const s = serve({ fetch: fetchHandler, port: settings.port, hostname: settings.host }, () =>
      resolveServer(s as Server),
    );
  });
  sockets.attach(server, (request, env) => app.fetch(request, env));
  // Sockets that stopped sending heartbeats (a phone that went into a tunnel) are closed.
  const sweepTimer = setInterval(() => rooms?.sweep(), HEARTBEAT_MS);
  sweepTimer.unref();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const url = `http://${settings.host === '0.0.0.0' ? '127.0.0.1' : settings.host}:${port}`;
  // Asked for any free port (PORT=0): the public URL, unless given, is the one just bound.
  if (settings.port === 0 && new URL(deps.config.publicUrl).port === '0')
    deps.config.publicUrl = url;
  // Pending custom domains are re-checked on their backoff schedule; expired quotes and token
  // records are purged (a Workers deployment runs the same from a Cron Trigger).
  let maintaining = false;
  const maintenanceTimer = setInterval(() => {
    if (maintaining) return;
    maintaining = true;
    runMaintenance(deps)
      .catch((error: unknown) =>
        logger.error('maintenance-failed', { name: (error as Error).name }),
      )
      .finally(() => {
        maintaining = false;
      });
  }, settings.recheckIntervalMs ?? 60_000);
  maintenanceTimer.unref();
  // Webhooks go out within seconds of their event, not on the minute of the maintenance round.
  let dispatching = false;
  const webhookTimer = setInterval(() => {
    if (dispatching) return;
    dispatching = true;
    // A backlog drains round after round (within the tick), not 25 events a tick.
    drainWebhooks(deps, { budgetMs: 10_000 })
      .catch((error: unknown) => logger.error('webhooks-failed', { name: (error as Error).name }))
      .finally(() => {
        dispatching = false;
      });
  }, settings.webhookIntervalMs ?? WEBHOOK_INTERVAL_MS);
  webhookTimer.unref();
  let closing: Promise<void> | undefined;
  const close = () => {
    clearInterval(maintenanceTimer);
    clearInterval(webhookTimer);
    clearInterval(sweepTimer);
    closing ??= (async () => {
      sockets.closeAll();
      await new Promise<void>((done) => {
        server.close(() => done());
        // Idle keep-alive sockets would hold close() open; busy ones finish their request first.
        server.closeIdleConnections();
      });
      await deps.store.close();
    })();
    return closing;
  };
  return { url, server, deps, close };
}

/** A misconfiguration stops the process with one line on stderr and exit code 1. */
function configurationError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`gridworks edge: configuration error: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

async function main(): Promise<void> {
  let settings: NodeEdgeSettings;
  try {
    settings = loadSettings(process.env);
  } catch (error) {
    configurationError(error);
  }
  const logger = jsonLogger();
  const edge = await startNodeEdge(settings, logger).catch(configurationError);
  const lines = [`GridWorks Embed edge listening on ${edge.url}`];
  // Production gets no demo tenant, no credentials file and no demo routes.
  if (!settings.production) {
    const seeded = await attachDemo(edge, settings);
    lines.push(
      `  Start page: ${edge.url}/   Demo bank page: ${edge.url}/demo`,
      `  API reference: ${edge.url}/docs   OpenAPI: ${edge.url}/openapi.json`,
      `  Demo tenant "${seeded.slug}": credentials in ${seeded.credentialsFile}${seeded.created ? ' (created now)' : ''}`,
    );
  } else {
    lines.push(`  API reference: ${edge.url}/docs   OpenAPI: ${edge.url}/openapi.json`);
  }
  logger.info('edge-started', { url: edge.url, database: settings.dbPath });
  if (settings.operatorKeyGenerated)
    lines.push(
      `  Operator key (development): in ${join(settings.dataDir, '.operator-key')} and the credentials file`,
    );
  process.stderr.write(`${lines.join('\n')}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('edge-stopping', { signal });
    const force = setTimeout(() => {
      logger.error('edge-stop-timeout', { afterMs: 10_000 });
      process.exit(1);
    }, 10_000);
    force.unref();
    edge.close().then(
      () => {
        logger.info('edge-stopped', {});
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('edge-stop-failed', { name: (error as Error).name });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  await main();
}
