/**
 * Webhook signatures, Stripe-style: the `GridWorks-Signature` header is
 * `t=<unix seconds>,v1=<hex HMAC-SHA-256 of "<t>.<raw body>" under the endpoint's secret>`.
 * While an endpoint's secret is being rolled, the header carries one `v1=` per secret, and a
 * receiver accepts the event if any of them verifies with the secret it holds.
 *
 * This file has no imports and uses only WebCrypto, so a bank's backend can use the same
 * verifier on Node ≥ 20, Deno, Bun or Workers (`verifyWebhookSignature`).
 */

export const SIGNATURE_HEADER = 'GridWorks-Signature';
/** How old a signed event may be when it arrives before a receiver refuses it (replays). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const encoder = new TextEncoder();

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
  let hex = '';
  for (const byte of mac) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** Compares two strings in time that depends only on their length. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/** The header value for `body` sent at `timestampSeconds`, signed with each of `secrets`. */
export async function signWebhook(
  body: string,
  secrets: readonly string[],
  timestampSeconds: number,
): Promise<string> {
  if (secrets.length === 0) throw new Error('signWebhook needs at least one secret');
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0)
    throw new Error('signWebhook needs a whole number of seconds since the epoch');
  const signatures = await Promise.all(
    secrets.map((secret) => hmacHex(secret, `${timestampSeconds}.${body}`)),
  );
  return [`t=${timestampSeconds}`, ...signatures.map((s) => `v1=${s}`)].join(',');
}

export type WebhookVerification =
  | { ok: true; timestampSeconds: number }
  | { ok: false; reason: 'malformed-header' | 'too-old' | 'from-the-future' | 'no-match' };

/**
 * Checks a received webhook: `rawBody` exactly as received (before any JSON parsing), the
 * `GridWorks-Signature` header, the endpoint's secret, and the receiver's clock. Refuses
 * events older than `toleranceSeconds` (default 5 minutes) or more than that in the future.
 */
export async function verifyWebhookSignature(
  rawBody: string,
  header: string | null | undefined,
  secret: string,
  options: { nowSeconds?: number; toleranceSeconds?: number } = {},
): Promise<WebhookVerification> {
  if (typeof header !== 'string' || header.length > 4096) {
    return { ok: false, reason: 'malformed-header' };
  }
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const [name, value, ...rest] = part.trim().split('=');
    if (rest.length > 0 || value === undefined) return { ok: false, reason: 'malformed-header' };
    if (name === 't') {
      if (!/^\d{1,12}$/.test(value) || timestamp !== undefined)
        return { ok: false, reason: 'malformed-header' };
      timestamp = Number(value);
    } else if (name === 'v1') {
      if (!/^[0-9a-f]{64}$/.test(value)) return { ok: false, reason: 'malformed-header' };
      candidates.push(value);
    }
    // Other schemes (a later v2) are ignored, as Stripe's receivers do.
  }
  if (timestamp === undefined || candidates.length === 0) {
    return { ok: false, reason: 'malformed-header' };
  }
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (now - timestamp > tolerance) return { ok: false, reason: 'too-old' };
  if (timestamp - now > tolerance) return { ok: false, reason: 'from-the-future' };
  const expected = await hmacHex(secret, `${timestamp}.${rawBody}`);
  let matched = false;
  // Every candidate is compared, so the time taken says nothing about which one matched.
  for (const candidate of candidates) if (sameText(candidate, expected)) matched = true;
  return matched ? { ok: true, timestampSeconds: timestamp } : { ok: false, reason: 'no-match' };
}
