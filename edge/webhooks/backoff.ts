/**
 * When a failed webhook delivery is tried again: exponential backoff from 30 s, doubling,
 * at most 1 h between attempts, with ±20% jitter so a bank's endpoint coming back is not hit
 * by every queued event in the same second. Attempts go on for 24 h after the event was
 * created — the last one at the end of that window — and then the delivery is given up; it
 * stays in the delivery log, where the tenant can send it again by hand.
 */

export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_INTERVAL_MS = 60 * 60_000;
export const GIVE_UP_AFTER_MS = 24 * 60 * 60_000;
const JITTER = 0.2;

/**
 * The time of the next attempt after `attempts` failed ones (1 after the first failure), or
 * `undefined` when the 24 h window is over. `random` is in [0, 1) (injected for tests).
 */
export function nextAttemptAt(
  attempts: number,
  createdAt: number,
  now: number,
  random: () => number = Math.random,
): number | undefined {
  if (!Number.isInteger(attempts) || attempts < 1) throw new Error('attempts must be 1 or more');
  const base = Math.min(MAX_RETRY_INTERVAL_MS, FIRST_RETRY_MS * 2 ** Math.min(attempts - 1, 20));
  const jittered = Math.round(base * (1 - JITTER + 2 * JITTER * random()));
  const deadline = createdAt + GIVE_UP_AFTER_MS;
  if (now >= deadline) return undefined;
  return Math.min(now + jittered, deadline);
}
