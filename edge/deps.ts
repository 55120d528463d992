/**
 * What the edge needs from its runtime, as small interfaces. `createApp(deps)` receives these;
 * only `edge/adapters/*` build them from a real runtime (Node, Workers).
 */
import type { Ed25519Signer } from './auth/ed25519.js';
import type { ChatRealtimeFactory } from './chat/realtime.js';
import type { ReadCache } from './middleware/read-cache/index.js';
import type { BlobStore } from './store/ports/blobs.js';
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

/**
 * A rate limiter keyed by an opaque bucket name (per key, per token, per IP). Asynchronous, so
 * it can live outside the process (a Durable Object, KV) as well as in memory.
 */
export interface RateLimiter {
  /**
   * Takes `cost` requests (default 1) from the bucket, which refills at `limitPerMinute`.
   * A cost of 0 only asks whether the bucket has room.
   */
  hit(bucket: string, limitPerMinute: number, cost?: number): Promise<RateLimitDecision>;
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
  /** Requests per minute per credential or IP (defaults in middleware/rate-limit). */
  rateLimits?: Partial<RateLimits>;
  /** Secret used to sign preview URLs (32+ random bytes, hex). */
  previewSecret: string;
  /**
   * Master key (32 random bytes as 64 hex digits or 43 base64url characters) that seals the
   * private signing keys at rest with AES-GCM.
   */
  masterKey: string;
  /** Earlier master keys, still able to open what they sealed (rotation). */
  previousMasterKeys?: string[];
  /**
   * Development and tests only: webhook endpoints may be `http://127.0.0.1:<port>/…` (a local
   * receiver). Never set in production, where endpoints are https on public host names.
   */
  allowLoopbackWebhooks?: boolean;
  /** Hostnames of the edge itself (besides publicUrl's); other hosts must be active custom domains. */
  extraHosts?: string[];
}

/** Requests per minute (defaults and rationale in middleware/rate-limit). */
export interface RateLimits {
  /** Per secret key (and for the operator key). */
  perKey: number;
  /** Per (publishable key or widget token, client address). */
  perClient: number;
  /** Per publishable key or widget token over all clients: the backstop ceiling. */
  perCredential: number;
  /** Per client address, for requests without a credential. */
  perIp: number;
  /** Failed authentications per client address; past it, credentials are refused unverified. */
  authFailuresPerIp: number;
}

/** Static files the edge serves from npm packages (the API docs viewer), by name. */
export interface AssetSource {
  get(name: string): Promise<{ body: Uint8Array | string; type: string } | undefined>;
}

/** The demo bank's site and backend, wired by the Node adapter in development. */
export interface DemoSite {
  html: string;
  css: string;
  /** Where the demo tenant's credentials were written, for the edge's start page. */
  credentialsFile: string;
  /**
   * The demo bank's backend: mints a widget token for its page on `origin` with its secret
   * key, as a bank's own server would; undefined when the origin is not the bank's.
   */
  mintToken: (origin: string) => Promise<{ token: string; expiresAt: number } | undefined>;
  /** The demo bank's support tool: calls the agent API (`/v1/agent/…`) with its secret key. */
  agent: (method: string, path: string, body?: string) => Promise<Response>;
}

export interface EdgeDeps {
  store: Store;
  /**
   * Uploaded documents' bytes, sealed before they get here: a table of the SQLite database on
   * Node (`sqlBlobs`), an R2 bucket on Workers.
   */
  blobs: BlobStore;
  clock: Clock;
  logger: Logger;
  rateLimiter: RateLimiter;
  dohFetch: DohFetch;
  config: EdgeConfig;
  /** `fetch` for webhook deliveries (injected so tests can watch; default the global one). */
  webhookFetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Static assets for /docs; without it /docs links to /openapi.json only. */
  assets?: AssetSource;
  /** The demo partner-bank site at /demo (development only; never in production). */
  demo?: () => DemoSite | undefined;
  /** The built widget kit (embed.js, gw-*.js, chunks/*), served at the edge's root. */
  widgetAssets?: AssetSource;
  /**
   * The client's address for per-IP limits, from the request and the runtime's bindings
   * (runtime-specific; default "unknown").
   */
  clientIp?: (request: Request, env: unknown) => string;
  /**
   * SHA-256 as lowercase hex, synchronously, where the runtime has it (node:crypto); without
   * it the edge uses WebCrypto's asynchronous digest. Hashes every presented credential.
   */
  sha256?: (text: string) => string;
  /**
   * Ed25519 signing for widget tokens where the runtime has a faster one than WebCrypto
   * (node:crypto, synchronous); without it the edge signs with WebCrypto.
   */
  ed25519?: Ed25519Signer;
  /**
   * Replays widget reads (config, theme CSS) from memory; only where every store write goes
   * through `invalidate()` (the Node adapter's caching store). Without it, every read runs
   * the full chain.
   */
  readCache?: ReadCache;
  /**
   * The support chat's rooms: in the process with WebSockets from the Node adapter, or one
   * Durable Object per conversation on Workers. Without it, rooms live in memory and the
   * WebSocket route answers 501 (the SSE fallback still works): for apps built in tests.
   */
  chat?: ChatRealtimeFactory;
}
