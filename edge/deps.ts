/**
 * What the edge needs from its runtime, as small interfaces. `createApp(deps)` receives these;
 * only `edge/adapters/*` build them from a real runtime (Node, Workers).
 */
import type { Context } from 'hono';
import type { Store } from './store/store.js';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Structured logging: one JSON object per line. Never pass secrets, keys, tokens or PII. */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Whole seconds until the bucket has room again (0 when allowed). */
  retryAfterSeconds: number;
}

/** A rate limiter keyed by an opaque bucket name (per key, per token, per IP). */
export interface RateLimiter {
  hit(bucket: string, limitPerMinute: number): RateLimitDecision;
}

/** `fetch` as used for DNS-over-HTTPS look-ups (injected so tests can answer for DNS). */
export type DohFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface EdgeConfig {
  /** `iss` of widget tokens and the public base URL, e.g. https://edge.gridworks.example */
  publicUrl: string;
  /** SHA-256 (hex) of the operator key; the key itself never reaches the app. */
  operatorKeyHash: string;
  /** DNS-over-HTTPS JSON endpoint for domain checks (RFC 8484 JSON flavour). */
  dohUrl: string;
  /** How long a DNS-over-HTTPS look-up may take (default 3 s). */
  dohTimeoutMs?: number;
  /** Largest accepted request body in bytes (default 64 KiB). */
  maxBodyBytes?: number;
  /** Requests per minute per credential or IP (defaults in middleware/rate-limit.ts). */
  rateLimits?: Partial<RateLimits>;
  /** Secret used to sign preview URLs (32+ random bytes, hex). */
  previewSecret: string;
  /** Hostnames of the edge itself (besides publicUrl's); other hosts must be active custom domains. */
  extraHosts?: string[];
}

export interface RateLimits {
  perKey: number;
  perToken: number;
  perIp: number;
}

/** Static files the edge serves from npm packages (the API docs viewer), by name. */
export interface AssetSource {
  get(name: string): Promise<{ body: Uint8Array | string; type: string } | undefined>;
}

export interface EdgeDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  rateLimiter: RateLimiter;
  dohFetch: DohFetch;
  config: EdgeConfig;
  /** Static assets for /docs; without it /docs links to /openapi.json only. */
  assets?: AssetSource;
  /** The demo partner-bank page at /demo (development only). */
  demo?: () => { html: string; css: string } | undefined;
  /** The built widget kit (embed.js, gw-*.js, chunks/*), served at the edge's root. */
  widgetAssets?: AssetSource;
  /** The client's address for per-IP limits (runtime-specific; default "unknown"). */
  clientIp?: (c: Context) => string;
}
