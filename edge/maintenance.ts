/**
 * Background work, as plain functions of the deps: the Node adapter runs them on a timer, a
 * Workers deployment from a Cron Trigger. Each is safe to run on several instances at once.
 */
import { purgeUploads } from './applications/uploads.js';
import type { EdgeDeps } from './deps.js';
import { recheckDueDomains } from './domains/recheck.js';
import { drainWebhooks } from './webhooks/dispatch.js';

/**
 * Deletes expired quotes, the records of expired widget tokens, idempotency keys past their
 * 24 hours, and uploaded documents no submission attached within theirs.
 */
export async function purgeExpired(
  deps: EdgeDeps,
): Promise<{ quotes: number; tokens: number; idempotencyKeys: number; uploads: number }> {
  const now = deps.clock.now();
  const purged = {
    quotes: await deps.store.purgeExpiredQuotes(now),
    tokens: await deps.store.purgeExpiredTokens(now),
    idempotencyKeys: await deps.store.purgeExpiredIdempotencyKeys(now),
    uploads: await purgeUploads(deps),
  };
  if (Object.values(purged).some((n) => n > 0)) deps.logger.info('expired-purged', purged);
  return purged;
}

/** One round of everything periodic: domain re-checks, webhook deliveries, then the purge. */
export async function runMaintenance(deps: EdgeDeps): Promise<void> {
  await recheckDueDomains(deps);
  // Within the Cron Trigger's minute: a backlog drains now rather than 25 events a minute.
  await drainWebhooks(deps, { budgetMs: 20_000 });
  await purgeExpired(deps);
}
