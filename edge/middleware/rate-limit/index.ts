import { createMiddleware } from 'hono/factory';
import type { AppEnv, Caller } from '../../context.js';
import type { RateLimitDecision, RateLimiter, RateLimits } from '../../deps.js';
import { Problem } from '../../errors.js';

export const DEFAULT_RATE_LIMITS: RateLimits = { perKey: 6000, perToken: 600, perIp: 1200 };

function bucketFor(caller: Caller, ip: string, limits: RateLimits): [string, number] {
  switch (caller.kind) {
    case 'secret':
    case 'publishable':
      return [`key:${caller.key.id}`, limits.perKey];
    case 'token':
      return [`token:${caller.claims.jti}`, limits.perToken];
    case 'operator':
      return ['operator', limits.perKey];
    default:
      return [`ip:${ip}`, limits.perIp];
  }
}

/**
 * Limits requests per credential (key or token) and, for anonymous callers, per client IP;
 * 429 with `Retry-After` when a bucket is empty. The limiter itself is injected.
 */
export const rateLimit = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const limits = { ...DEFAULT_RATE_LIMITS, ...c.get('deps').config.rateLimits };
    const ip = c.get('deps').clientIp?.(c) ?? 'unknown';
    const [bucket, limit] = bucketFor(c.get('caller'), ip, limits);
    const decision = c.get('deps').rateLimiter.hit(bucket, limit);
    if (!decision.allowed) {
      throw new Problem(429, 'rate-limited', 'Too many requests; retry after the given delay.', {
        headers: { 'Retry-After': String(decision.retryAfterSeconds) },
        extensions: { retryAfterSeconds: decision.retryAfterSeconds },
      });
    }
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

  hit(bucket: string, limitPerMinute: number): RateLimitDecision {
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
      state.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - state.tokens) / perMs / 1000)),
    };
  }
}
