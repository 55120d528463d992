/**
 * What the customer's routes share (drafts, submissions, document uploads): the guard — a
 * widget token with `onboarding:write`, from its own origin — the customer it acts for, and
 * one write limit per token.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { requireWidget, tokenClaimsOf } from '../middleware/authenticate/index.js';
import { rateLimited } from '../middleware/rate-limit/index.js';

/** Draft saves (debounced by the widget), uploads and submissions per customer token per minute. */
export const APPLICATION_WRITES_PER_MINUTE = 120;

export const customerWrite = requireWidget('onboarding:write', {
  publishable: false,
  onDomain: false,
});

/** The customer a widget token acts for (its `sub`); the routes here take tokens only. */
export function customerOf(c: Context<AppEnv>): string {
  return tokenClaimsOf(c).sub;
}

export async function limitWrites(c: Context<AppEnv>): Promise<void> {
  const caller = c.get('caller');
  const jti = caller.kind === 'token' ? caller.claims.jti : 'none';
  const decision = await c
    .get('deps')
    .rateLimiter.hit(`applications:token:${jti}`, APPLICATION_WRITES_PER_MINUTE);
  if (!decision.allowed)
    throw rateLimited(
      decision,
      'Too many saves, uploads or submissions; retry after the given delay.',
    );
}
