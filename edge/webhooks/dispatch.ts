/**
 * The webhook loop, one round: copy new outbox events to deliveries, claim the due ones, send
 * each (signed with its endpoint's secret), log the attempt and schedule a retry with backoff
 * or give up after 24 h. Safe on several instances at once: a delivery is leased to one claim,
 * and an attempt is recorded only while its claim holds. At least once: a crash after sending
 * and before recording means the lease runs out and the event is sent again — receivers
 * deduplicate by `GridWorks-Event-Id`.
 */
import { newId } from '../auth/credentials.js';
import { SecretBox } from '../auth/secret-box.js';
import type { EdgeDeps } from '../deps.js';
import type { DueDelivery } from '../store/ports/webhooks.js';
import { nextAttemptAt } from './backoff.js';
import { DELIVERY_TIMEOUT_MS, deliverWebhook } from './deliver.js';

/** Deliveries attempted per round (several rounds run as the timer or cron fires). */
export const DELIVERIES_PER_ROUND = 25;
/** How long a claimed delivery is held: the timeout and some margin. */
export const LEASE_MS = DELIVERY_TIMEOUT_MS + 20_000;
/** Attempts sent at the same time within a round. */
const PARALLEL = 5;

export interface WebhookRound {
  attempted: number;
  delivered: number;
}

export async function dispatchWebhooks(
  deps: EdgeDeps,
  options: { random?: () => number } = {},
): Promise<WebhookRound> {
  const { store, clock } = deps;
  await store.dispatchOutbox(clock.now());
  const claim = newId('claim');
  const due = await store.claimDueDeliveries(clock.now(), LEASE_MS, DELIVERIES_PER_ROUND, claim);
  if (due.length === 0) return { attempted: 0, delivered: 0 };
  const box = new SecretBox(deps.config.masterKey, deps.config.previousMasterKeys);
  let delivered = 0;
  const queue = [...due];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (await attempt(deps, box, next, claim, options.random)) delivered += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, due.length) }, worker));
  return { attempted: due.length, delivered };
}

/**
 * Rounds one after another while each comes back full (a backlog: after a burst of
 * submissions, or an endpoint that was down), until the backlog is gone, `budgetMs` of the
 * clock has passed or `maxRounds` ran. One round every timer tick would cap delivery at 25
 * events per tick — 12.5/s on Node, 25 a minute on the Workers cron — far below what the
 * edge accepts.
 */
export async function drainWebhooks(
  deps: EdgeDeps,
  options: { budgetMs: number; maxRounds?: number; random?: () => number },
): Promise<WebhookRound> {
  const started = deps.clock.now();
  const total: WebhookRound = { attempted: 0, delivered: 0 };
  for (let round = 0; round < (options.maxRounds ?? 1_000); round++) {
    const done = await dispatchWebhooks(deps, { random: options.random });
    total.attempted += done.attempted;
    total.delivered += done.delivered;
    if (done.attempted < DELIVERIES_PER_ROUND) break;
    if (deps.clock.now() - started >= options.budgetMs) break;
  }
  return total;
}

async function attempt(
  deps: EdgeDeps,
  box: SecretBox,
  delivery: DueDelivery,
  claim: string,
  random?: () => number,
): Promise<boolean> {
  const { store, clock, logger } = deps;
  const secret = await box.open(
    {
      ciphertext: delivery.secret.ciphertext,
      kekId: delivery.secret.kekId,
      alg: delivery.secret.alg as 'A256GCM',
    },
    delivery.endpointId,
  );
  const result = await deliverWebhook(
    delivery.url,
    {
      id: delivery.eventId,
      type: delivery.eventType,
      created: Math.floor(delivery.eventCreatedAt / 1000),
      data: JSON.parse(delivery.eventPayload) as unknown,
    },
    [secret],
    { fetch: deps.webhookFetch ?? ((url, init) => fetch(url, init)), now: () => clock.now() },
  );
  const number = delivery.attempts + 1;
  const at = clock.now();
  await store.recordDeliveryAttempt({
    deliveryId: delivery.id,
    claim,
    attempt: number,
    at,
    ok: result.ok,
    status: result.status,
    error: result.error,
    durationMs: result.durationMs,
    nextAttemptAt: result.ok ? undefined : nextAttemptAt(number, delivery.windowStart, at, random),
  });
  if (!result.ok)
    logger.warn('webhook-failed', {
      delivery: delivery.id,
      attempt: number,
      status: result.status,
      error: result.error,
    });
  return result.ok;
}
