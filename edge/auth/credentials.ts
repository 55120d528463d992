/**
 * Secret and publishable keys: generated from 32 random bytes, shown once, stored only as a
 * SHA-256 hash plus their last four characters. SHA-256 is enough here because the keys are
 * random and long (no dictionary to guess from); lookups are by hash, so no comparison leaks.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

// The scope list is part of the API contract; re-exported here for the key code.
export { SECRET_SCOPES, type SecretScope } from '../../contracts/admin.js';

export const KEY_PREFIX = { secret: 'sk_live_', publishable: 'pk_live_' } as const;

// Random bytes are drawn in blocks: one getRandomValues call per request id was a measurable
// share of a cached request's time.
let pool = new Uint8Array(0);
let offset = 0;
function randomByte(): number {
  if (offset >= pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(4096));
    offset = 0;
  }
  return pool[offset++] as number;
}

export function randomBase62(length: number): string {
  // Rejection sampling keeps every character uniformly likely.
  let out = '';
  while (out.length < length) {
    const byte = randomByte();
    if (byte < 248) out += BASE62[byte % 62];
  }
  return out;
}

/** An id such as `ten_3fZ…`: a type prefix and 20 random base62 characters. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBase62(20)}`;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface GeneratedKey {
  /** The key itself: returned to the caller once, never stored or logged. */
  key: string;
  prefix: string;
  last4: string;
  hash: string;
}

export async function generateKey(kind: keyof typeof KEY_PREFIX): Promise<GeneratedKey> {
  const prefix = KEY_PREFIX[kind];
  // 43 base62 characters carry 256 bits.
  const key = `${prefix}${randomBase62(43)}`;
  return { key, prefix, last4: key.slice(-4), hash: await sha256Hex(key) };
}
