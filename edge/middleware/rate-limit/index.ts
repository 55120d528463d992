import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Caller } from '../../context.js';
import type { EdgeDeps, RateLimitDecision, RateLimiter, RateLimits } from '../../deps.js';
import { Problem } from '../../errors.js';

/**
 * Requests per minute. Secret keys belong to one backend, so they are limited per key. Widget
 * tokens and publishable keys are used by many browsers at once: they are limited per
 * (credential, client address), so one client cannot starve a bank's other customers, with a
 * high per-credential ceiling as a backstop. Failed authentications have their own bucket per
 * address, checked before any verification.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  perKey: 6000,
  perClient: 600,
  perCredential: 60_000,
  perIp: 1200,
  // Generous enough for an office of customers behind one NAT whose tokens expire together.
  authFailuresPerIp: 60,
};

/**
 * Rate limits from configuration text (`GW_RATE_LIMITS`): a JSON object of some of the limits
 * above as positive whole numbers. Throws naming what is wrong.
 */
export function parseRateLimits(text: string | undefined): Partial<RateLimits> {
  if (text === undefined || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('GW_RATE_LIMITS must be a JSON object such as {"perClient": 600}');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Error('GW_RATE_LIMITS must be a JSON object such as {"perClient": 600}');
  const limits: Partial<RateLimits> = {};
  for (const [name, limit] of Object.entries(value)) {
    if (!(name in DEFAULT_RATE_LIMITS))
      throw new Error(
        `GW_RATE_LIMITS: unknown limit ${JSON.stringify(name)} (known: ${Object.keys(DEFAULT_RATE_LIMITS).join(', ')})`,
      );
    if (!Number.isSafeInteger(limit) || (limit as number) < 1)
      throw new Error(`GW_RATE_LIMITS: ${name} must be a whole number of requests per minute`);
    limits[name as keyof RateLimits] = limit as number;
  }
  return limits;
}

export function rateLimitsOf(deps: EdgeDeps): RateLimits {
  return { ...DEFAULT_RATE_LIMITS, ...deps.config.rateLimits };
}

/** The client's address as the runtime reports it ("unknown" when it cannot). */
export function clientIpOf(c: Context<AppEnv>): string {
  return c.get('deps').clientIp?.(c.req.raw, c.env) ?? 'unknown';
}

/** The 429 answer for a refused decision, with `Retry-After`. */
export function rateLimited(decision: RateLimitDecision, detail?: string): Problem {
  return new Problem(
    429,
    'rate-limited',
    detail ?? 'Too many requests; retry after the given delay.',
    {
      headers: { 'Retry-After': String(decision.retryAfterSeconds) },
      extensions: { retryAfterSeconds: decision.retryAfterSeconds },
    },
  );
}

/** The bucket counting failed authentications from one client address. */
export const authFailureBucket = (ip: string) => `auth-failures:ip:${ip}`;

/** The buckets a request draws from: [bucket, limit] pairs, all of which must have room. */
export function bucketsFor(caller: Caller, ip: string, limits: RateLimits): [string, number][] {
  switch (caller.kind) {
    case 'secret':
      return [[`key:${caller.key.id}`, limits.perKey]];
    case 'publishable':
      return [
        [`key:${caller.key.id}:ip:${ip}`, limits.perClient],
        [`key:${caller.key.id}`, limits.perCredential],
      ];
    case 'token':
      return [
        [`token:${caller.claims.jti}:ip:${ip}`, limits.perClient],
        [`token:${caller.claims.jti}`, limits.perCredential],
      ];
    case 'operator':
      return [['operator', limits.perKey]];
    default:
      return [[`ip:${ip}`, limits.perIp]];
  }
}

/** Takes one request from every bucket; the first refusal wins. */
export async function consume(
  limiter: RateLimiter,
  buckets: [string, number][],
): Promise<RateLimitDecision> {
  for (const [bucket, limit] of buckets) {
    const decision = await limiter.hit(bucket, limit);
    if (!decision.allowed) return decision;
  }
  return { allowed: true, retryAfterSeconds: 0 };
}

/**
 * Limits requests per credential (see `DEFAULT_RATE_LIMITS`) and, for anonymous callers, per
 * client IP; 429 with `Retry-After` when a bucket is empty. The limiter itself is injected.
 */
export const rateLimit = () =>
  createMiddleware<AppEnv>(async function rateLimit(c, next) {
    const deps = c.get('deps');
    const buckets = bucketsFor(c.get('caller'), clientIpOf(c), rateLimitsOf(deps));
    const decision = await consume(deps.rateLimiter, buckets);
    if (!decision.allowed) throw rateLimited(decision);
    await next();
  });

/** An in-memory token bucket per key: the default limiter on a single Node process. */
export class MemoryRateLimiter implements RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #now: () => number;
  readonly #maxBuckets: number;

  constructor(now: () => number, maxBuckets = 100_000) {
    this.#now = now;
    this.#maxBuckets = maxBuckets;
  }

  async hit(bucket: string, limitPerMinute: number, cost = 1): Promise<RateLimitDecision> {
    const now = this.#now();
    const perMs = limitPerMinute / 60_000;
    const state = this.#buckets.get(bucket) ?? { tokens: limitPerMinute, at: now };
    // A clock that steps back (NTP) must not drain the bucket.
    state.tokens = Math.min(limitPerMinute, state.tokens + Math.max(0, now - state.at) * perMs);
    state.at = now;
    if (!this.#buckets.has(bucket)) {
      // Bounded memory: forget the oldest bucket (Map keeps insertion order).
      if (this.#buckets.size >= this.#maxBuckets) {
        const oldest = this.#buckets.keys().next().value;
        if (oldest !== undefined) this.#buckets.delete(oldest);
      }
      this.#buckets.set(bucket, state);
    }
    if (state.tokens >= 1) {
      state.tokens -= cost;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - state.tokens) / perMs / 1000)),
    };
  }
}
