/**
 * `Idempotency-Key` on submissions, designed for D1 (no interactive transactions):
 *
 * 1. claim: one upsert takes the key for this request (`in_flight`, with the request's body
 *    hash and a random claim id) unless another request holds it; the batch reads the row back.
 * 2. complete: one batch marks the key `done` with the response, and writes the application,
 *    its outbox event, its audit row and deletes the draft — each only while this claim still
 *    holds the key, so a claim taken over can never write a second application.
 *
 * Another request with the key sees `done` (same body: the stored response replays for 24 h;
 * another body: 422) or `in_flight` (409). A request that crashes between the steps leaves an
 * in-flight claim; it blocks the key for `IN_FLIGHT_LEASE_MS` only, after which a retry takes
 * it over (nothing of the crashed request was written: the completion is all or nothing).
 */
import { IDEMPOTENCY_KEY_PATTERN } from '../../contracts/applications.js';
import { sha256Hex } from '../auth/credentials.js';
import { Problem } from '../errors.js';
import type { IdempotencyRecord } from '../store/types.js';

/** How long a completed key replays its first response. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * How long an unfinished claim blocks its key. A submission's work between claim and
 * completion is one encryption and one batch (milliseconds); 30 s covers a slow database.
 */
export const IN_FLIGHT_LEASE_MS = 30_000;

/** The `Idempotency-Key` header, or a 400 saying what it must be. */
export function idempotencyKeyOf(header: string | undefined): string {
  if (header === undefined)
    throw new Problem(
      400,
      'idempotency-key-required',
      'Send an Idempotency-Key header (1–255 visible ASCII characters, one per submission).',
    );
  if (!IDEMPOTENCY_KEY_PATTERN.test(header))
    throw new Problem(
      400,
      'invalid-idempotency-key',
      'The Idempotency-Key header must be 1–255 visible ASCII characters.',
    );
  return header;
}

/**
 * The request's fingerprint: SHA-256 of the parsed body as re-serialised (keys in schema
 * order), so the same submission hashes the same however its JSON was spaced or ordered.
 */
/**
 * The body's fingerprint for the key: SHA-256 of its JSON, synchronously where the runtime has
 * it (node:crypto, `deps.sha256`) — a profile of bench:onboarding put WebCrypto's digest at
 * about a tenth of the server's time — else with WebCrypto.
 */
export const requestHash = async (
  body: unknown,
  sha256?: (text: string) => string,
): Promise<string> => {
  const json = JSON.stringify(body);
  return sha256 ? sha256(json) : sha256Hex(json);
};

/**
 * Another request holds or held the key: its stored answer to replay, or the refusal (thrown)
 * when the body differs (422) or that request has not finished (409).
 */
export function refuseOrReplay(
  record: IdempotencyRecord,
  hash: string,
): { status: number; json: string } {
  if (record.requestHash !== hash)
    throw new Problem(
      422,
      'idempotency-key-reused',
      'This Idempotency-Key was used with a different request body; use a new key for a new submission.',
    );
  if (record.state === 'in_flight' || record.statusCode === null || record.responseJson === null)
    throw new Problem(
      409,
      'idempotency-key-in-flight',
      'A request with this Idempotency-Key is still being processed; retry shortly.',
      { headers: { 'Retry-After': '1' } },
    );
  return { status: record.statusCode, json: record.responseJson };
}
