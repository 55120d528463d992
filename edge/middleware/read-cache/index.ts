/**
 * The read cache: what a widget asks for over and over — its config and its theme stylesheet —
 * answered from memory once the full chain has answered it once.
 *
 * Two halves. `answer()` is the front door, called before Hono routes anything: a request seen
 * before is answered there. `recorder()` is the app's first middleware: the first request goes
 * through everything (host routing, CORS, authentication, origin and scope checks, the route),
 * and when the route marks its answer cacheable, the whole decision is kept: status, body bytes, every header but the request id, and who the caller was. The same
 * request again — same method, host, path and query, `Authorization`, `Origin`,
 * `Sec-Fetch-Site` and `If-None-Match`, so nothing the chain looked at differs — is answered
 * from that entry with only what must happen per request: the failed-authentication and rate
 * limits for that caller, a request id, the log line. No store look-up, no JSON, no hashing of
 * the body.
 *
 * Exact within the process: every store write that could change an answer (keys, tokens,
 * tenants' status, origins, themes, documents, domains, signing keys) calls `invalidate()`,
 * which empties the cache and makes any answer still being computed from older data unfit to
 * keep. A widget token's entry ends when the token expires. Writes made by another process
 * reach this one through the store cache's time-to-live, plus this cache's own (5 s).
 *
 * Credentials as keys: a publishable key is public (it sits in the bank's page), so it is used
 * as it is; a widget token is digested first, so no usable token is held as a key in memory.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, Caller } from '../../context.js';
import type { EdgeDeps } from '../../deps.js';
import { Lru } from '../../store/lru.js';
import { authFailureBucket, bucketsFor, consume, rateLimitsOf } from '../rate-limit/index.js';
import { requestIdFrom } from '../request-id/index.js';

export const READ_CACHE_TTL_MS = 5_000;
export const READ_CACHE_ENTRIES = 10_000;

interface Entry {
  status: number;
  body: string | null;
  /** Every response header but X-Request-Id, lower-case names. */
  headers: Record<string, string>;
  caller: Caller;
  /** The route pattern, for the log line. */
  route: string;
  /** Not served from this time on (a token's expiry). */
  expiresAt: number;
}

/** What a route hands over when its answer may be replayed (see `cacheAnswer`). */
export interface CacheableAnswer {
  /** The body exactly as sent (a function when building it costs something the hit skips). */
  body: string | null | (() => string);
}

export class ReadCache {
  readonly #entries: Lru<string, Entry>;
  readonly #now: () => number;
  readonly #digest: (text: string) => string;
  /** The key the front door computed, for the recorder of the same request. */
  readonly #keys = new WeakMap<Request, string>();
  /**
   * The paths that have answers: every other GET (catalog, plans, the kit's files) passes the
   * front door without building a key, so without reading headers or digesting a token.
   */
  readonly #paths = new Set<string>();
  #generation = 0;

  /** `digest` is the runtime's synchronous SHA-256 (hex), for widget tokens in keys. */
  constructor(
    now: () => number,
    digest: (text: string) => string,
    options: { ttlMs?: number; maxEntries?: number } = {},
  ) {
    this.#now = now;
    this.#digest = digest;
    this.#entries = new Lru(
      options.maxEntries ?? READ_CACHE_ENTRIES,
      options.ttlMs ?? READ_CACHE_TTL_MS,
      now,
    );
  }

  /** Forgets every answer, and any answer being computed now. Called on every relevant write. */
  invalidate(): void {
    this.#generation += 1;
    this.#entries.clear();
    this.#paths.clear();
  }

  /** Answers held now. */
  get size(): number {
    return this.#entries.size;
  }

  /** Everything about a request that the chain's answer depends on, as one string. */
  #keyOf(request: Request): string {
    const known = this.#keys.get(request);
    if (known !== undefined) return known;
    const headers = request.headers;
    const authorization = headers.get('authorization') ?? '';
    // `Bearer pk_…` is public; anything else (a widget token) is digested.
    const credential =
      authorization === '' || authorization.startsWith('Bearer pk_')
        ? authorization
        : `#${this.#digest(authorization)}`;
    const key = [
      request.method,
      request.url,
      credential,
      headers.get('origin') ?? '',
      headers.get('sec-fetch-site') ?? '',
      headers.get('if-none-match') ?? '',
    ].join('\n');
    this.#keys.set(request, key);
    return key;
  }

  /**
   * The front door: the stored answer to this request, after the limits that apply to its
   * caller and with a fresh request id; undefined when there is none or a limit refuses (then
   * the full chain answers, and its 429 carries the CORS headers).
   */
  async answer(request: Request, env: unknown, deps: EdgeDeps): Promise<Response | undefined> {
    if (request.method !== 'GET' || !this.#paths.has(pathOf(request.url))) return undefined;
    const started = this.#now();
    const entry = this.#entries.get(this.#keyOf(request));
    if (!entry || entry.expiresAt <= started) return undefined;
    const ip = deps.clientIp?.(request, env) ?? 'unknown';
    const limits = rateLimitsOf(deps);
    // The same two checks as `authenticate` and `rateLimit`, in the same order.
    const room = await deps.rateLimiter.hit(authFailureBucket(ip), limits.authFailuresPerIp, 0);
    if (!room.allowed) return undefined;
    const decision = await consume(deps.rateLimiter, bucketsFor(entry.caller, ip, limits));
    if (!decision.allowed) return undefined;
    const id = requestIdFrom(request.headers.get('x-request-id'));
    const response = new Response(entry.body, {
      status: entry.status,
      headers: { ...entry.headers, 'x-request-id': id },
    });
    deps.logger.info('request', {
      requestId: id,
      method: 'GET',
      route: entry.route,
      status: entry.status,
      ms: this.#now() - started,
    });
    return response;
  }

  /** The app's first middleware: keeps the answers routes mark cacheable. */
  recorder(): MiddlewareHandler<AppEnv> {
    const cache = this;
    return async function recordReads(c, next) {
      if (c.req.method !== 'GET') return next();
      const generation = cache.#generation;
      await next();
      const cacheable = c.get('cacheable');
      const status = c.res.status;
      if (!cacheable || (status !== 200 && status !== 304)) return;
      // A write landed while this answer was computed: it may predate the write.
      if (generation !== cache.#generation) return;
      const caller = c.get('caller');
      const headers: Record<string, string> = {};
      c.res.headers.forEach((value, name) => {
        if (name !== 'x-request-id') headers[name] = value;
      });
      // Bounded like the entries: many content-hashed paths end up forgotten together.
      if (cache.#paths.size >= READ_CACHE_ENTRIES) cache.#paths.clear();
      cache.#paths.add(pathOf(c.req.raw.url));
      cache.#entries.set(cache.#keyOf(c.req.raw), {
        status,
        body: typeof cacheable.body === 'function' ? cacheable.body() : cacheable.body,
        headers,
        caller,
        route: c.req.routePath,
        expiresAt: caller.kind === 'token' ? caller.claims.exp * 1000 : Number.POSITIVE_INFINITY,
      });
    };
  }
}

/** The path of an absolute URL, without parsing the rest of it. */
function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const query = url.indexOf('?', start);
  return url.slice(start, query < 0 ? undefined : query);
}

/** Marks the route's answer as one the read cache may replay (GET widget reads only). */
export function cacheAnswer(c: Context<AppEnv>, answer: CacheableAnswer): void {
  c.set('cacheable', answer);
}
