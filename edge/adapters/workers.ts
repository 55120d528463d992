/**
 * The edge on Cloudflare Workers: the same `createApp` as on Node, with its deps built from the
 * Worker's bindings (wrangler.toml): D1 for the store (one batch per write), R2 for uploaded
 * documents, a Durable Object per rate-limit bucket and one per chat conversation, the static-assets binding for the widget
 * kit and the API docs viewer, a Cron Trigger for the periodic work. Secrets (`GW_OPERATOR_KEY`, `GW_PREVIEW_SECRET`,
 * `GW_MASTER_KEY`) are Worker secrets; the rest are vars. The one default export of the repo.
 *
 * The app is built once per isolate, on its first request: the operator key is hashed and the
 * D1 schema migrated (a no-op once done) before anything is served.
 */
import { DurableObject } from 'cloudflare:workers';
import { createApp } from '../app.js';
import { sha256Hex } from '../auth/credentials.js';
import type { AssetSource, DemoSite, EdgeDeps, RateLimitDecision, RateLimiter } from '../deps.js';
import { runMaintenance } from '../maintenance.js';
import { MemoryRateLimiter, parseRateLimits } from '../middleware/rate-limit/index.js';
import { migrate } from '../store/migrate.js';
import { sqlStore } from '../store/sql-store.js';
import { type D1Database, D1Executor } from './d1-executor.js';
import { DEMO_CSS, demoPageHtml } from './demo-page.js';
import { type R2Bucket, r2Blobs } from './r2-blobs.js';
import { type ChatRoomNamespace, durableChat } from './workers-chat.js';

// The Durable Object classes wrangler.toml binds are exported by the Worker's main module.
export { ChatRoomObject } from './workers-chat.js';

interface Fetcher {
  fetch(request: Request): Promise<Response>;
}

interface RateLimiterStub {
  hit(
    bucket: string,
    limitPerMinute: number,
    cost: number,
    now: number,
  ): Promise<RateLimitDecision>;
}

interface DurableObjectNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): RateLimiterStub;
}

export interface Env {
  DB: D1Database;
  /** Uploaded documents, sealed under their tenant's data key. */
  UPLOADS: R2Bucket;
  ASSETS: Fetcher;
  RATE_LIMITER: DurableObjectNamespace;
  /** One support-chat room per conversation (its sockets, its order). */
  CHAT_ROOM: ChatRoomNamespace;
  GW_OPERATOR_KEY?: string;
  GW_PREVIEW_SECRET?: string;
  GW_MASTER_KEY?: string;
  /** Comma-separated earlier master keys (rotation). */
  GW_MASTER_KEY_PREVIOUS?: string;
  GW_PUBLIC_URL?: string;
  GW_DOH_URL?: string;
  /** Comma-separated further hostnames of the edge itself. */
  GW_EXTRA_HOSTS?: string;
  /** Overrides of the default rate limits, JSON (`{"perClient": 600}`). */
  GW_RATE_LIMITS?: string;
  /**
   * Development only (set by `npm run dev:worker` after seeding, never in wrangler.toml):
   * JSON `{publishableKey, secretKey, credentialsFile}` of the demo tenant, for /demo.
   */
  GW_DEMO?: string;
  /**
   * Tests only (set by the local test harness, never in wrangler.toml): `enabled` lets
   * `PUT /__test/clock {now}` move this isolate's clock, as the Node tests inject theirs.
   */
  GW_TEST_CLOCK?: string;
  /**
   * Development and tests only (never in wrangler.toml): `enabled` lets webhook endpoints be
   * a local receiver on http://127.0.0.1.
   */
  GW_ALLOW_LOOPBACK_WEBHOOKS?: string;
}

/**
 * Rate-limit buckets live in Durable Objects, one per bucket: one count for every isolate. The
 * time comes from the caller's clock, so the whole edge runs on one clock.
 */
export class RateLimiterObject extends DurableObject<Env> {
  #now = 0;
  readonly #limiter = new MemoryRateLimiter(() => this.#now);

  async hit(
    bucket: string,
    limitPerMinute: number,
    cost: number,
    now: number,
  ): Promise<RateLimitDecision> {
    this.#now = now;
    return this.#limiter.hit(bucket, limitPerMinute, cost);
  }
}

class DurableRateLimiter implements RateLimiter {
  readonly #namespace: DurableObjectNamespace;
  readonly #now: () => number;

  constructor(namespace: DurableObjectNamespace, now: () => number) {
    this.#namespace = namespace;
    this.#now = now;
  }

  hit(bucket: string, limitPerMinute: number, cost = 1): Promise<RateLimitDecision> {
    return this.#namespace
      .get(this.#namespace.idFromName(bucket))
      .hit(bucket, limitPerMinute, cost, this.#now());
  }
}

/** The isolate's clock; only a test harness (GW_TEST_CLOCK) may set it. */
let clockOffset = 0;
const clock = { now: () => Date.now() + clockOffset };

async function testClock(request: Request): Promise<Response> {
  const body = (await request.json().catch(() => ({}))) as { now?: unknown };
  if (typeof body.now !== 'number' || !Number.isFinite(body.now))
    return new Response('{"error":"now must be a number"}', { status: 400 });
  clockOffset = body.now - Date.now();
  return new Response(JSON.stringify({ now: clock.now() }), {
    headers: { 'Content-Type': 'application/json' },
  });
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Files of the static-assets binding under `prefix` (the kit at the root, docs in docs/). */
function assetsUnder(assets: Fetcher, prefix: string): AssetSource {
  return {
    async get(name) {
      if (name.includes('..')) return undefined;
      const response = await assets.fetch(new Request(`https://assets.invalid/${prefix}${name}`));
      if (!response.ok) return undefined;
      const ext = name.slice(name.lastIndexOf('.'));
      return { body: await response.text(), type: TYPES[ext] ?? 'application/octet-stream' };
    },
  };
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

function required(env: Env, name: keyof Env): string {
  const value = env[name];
  if (typeof value !== 'string' || value === '')
    throw new Error(
      `${name} is not set (a Worker secret or var, see README "Deploy to Cloudflare")`,
    );
  return value;
}

async function buildEdge(env: Env) {
  const executor = new D1Executor(env.DB);
  await migrate(executor, clock.now);
  const publicUrl = required(env, 'GW_PUBLIC_URL').replace(/\/$/, '');
  const demo = env.GW_DEMO ? (JSON.parse(env.GW_DEMO) as Record<string, string>) : undefined;
  const deps: EdgeDeps = {
    store: sqlStore(executor, clock.now),
    blobs: r2Blobs(env.UPLOADS),
    clock,
    logger: {
      info: (event, fields = {}) =>
        console.log(JSON.stringify({ level: 'info', event, ...fields })),
      warn: (event, fields = {}) =>
        console.warn(JSON.stringify({ level: 'warn', event, ...fields })),
      error: (event, fields = {}) =>
        console.error(JSON.stringify({ level: 'error', event, ...fields })),
    },
    rateLimiter: new DurableRateLimiter(env.RATE_LIMITER, clock.now),
    dohFetch: (url, init) => fetch(url, init),
    config: {
      publicUrl,
      operatorKeyHash: await sha256Hex(required(env, 'GW_OPERATOR_KEY')),
      dohUrl: env.GW_DOH_URL ?? 'https://cloudflare-dns.com/dns-query',
      previewSecret: required(env, 'GW_PREVIEW_SECRET'),
      masterKey: required(env, 'GW_MASTER_KEY'),
      previousMasterKeys: list(env.GW_MASTER_KEY_PREVIOUS),
      extraHosts: list(env.GW_EXTRA_HOSTS),
      allowLoopbackWebhooks: env.GW_ALLOW_LOOPBACK_WEBHOOKS === 'enabled',
      rateLimits: parseRateLimits(env.GW_RATE_LIMITS),
    },
    assets: assetsUnder(env.ASSETS, 'docs/'),
    widgetAssets: assetsUnder(env.ASSETS, ''),
    clientIp: (request) => request.headers.get('cf-connecting-ip') ?? 'unknown',
    chat: durableChat(env.CHAT_ROOM, clock.now),
  };
  const app = createApp(deps);
  if (demo?.publishableKey && demo.secretKey) {
    const site: DemoSite = {
      html: demoPageHtml({ publishableKey: demo.publishableKey, bankName: 'Demo Bank' }),
      css: DEMO_CSS,
      credentialsFile: demo.credentialsFile ?? '(see npm run dev:worker)',
      // The demo bank's backend, in process: the same POST /v1/tokens a bank's server makes.
      mintToken: async (origin) => {
        const res = await app.request(`${publicUrl}/v1/tokens`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${demo.secretKey}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            scopes: [
              'config:read',
              'catalog:read',
              'pricing:read',
              'quotes:write',
              'onboarding:write',
              'chat:write',
            ],
            origin,
            customer: 'demo-customer-0001',
          }),
        });
        if (res.status === 422) return undefined;
        if (!res.ok) throw new Error(`demo backend: minting a token failed with ${res.status}`);
        const { token, expiresAt } = (await res.json()) as { token: string; expiresAt: number };
        return { token, expiresAt };
      },
      agent: async (method, path, body) =>
        app.request(`${publicUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${demo.secretKey}`,
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          body,
        }),
    };
    deps.demo = () => site;
  }
  return { app, deps };
}

let edge: ReturnType<typeof buildEdge> | undefined;

/** The isolate's edge, built on first use; a failed build is retried on the next request. */
function edgeOf(env: Env): ReturnType<typeof buildEdge> {
  edge ??= buildEdge(env).catch((error: unknown) => {
    edge = undefined;
    throw error;
  });
  return edge;
}

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    if (env.GW_TEST_CLOCK === 'enabled' && new URL(request.url).pathname === '/__test/clock')
      return testClock(request);
    let built: Awaited<ReturnType<typeof buildEdge>>;
    try {
      built = await edgeOf(env);
    } catch (error) {
      console.error(
        JSON.stringify({
          level: 'error',
          event: 'edge-misconfigured',
          message: String((error as Error).message),
        }),
      );
      return new Response(
        JSON.stringify({
          type: 'https://docs.gridworks.example/problems/misconfigured',
          title: 'Service unavailable',
          status: 503,
          detail: 'The edge is not configured; see its logs.',
        }),
        { status: 503, headers: { 'Content-Type': 'application/problem+json' } },
      );
    }
    return built.app.fetch(request, env, ctx as never);
  },

  /**
   * The Cron Trigger: domain re-checks, webhooks, the purge of expired quotes, token records
   * and unattached uploads.
   */
  async scheduled(_event: unknown, env: Env, ctx: ExecutionContext): Promise<void> {
    const { deps } = await edgeOf(env);
    ctx.waitUntil(runMaintenance(deps));
  },
};
