/**
 * Quote signatures: the edge's HMAC (auth/hmac.ts, quote purpose) over the quote's canonical
 * JSON, so the figure a customer accepted can be proven later. Pure; used by the quote routes.
 */
import type { IssuedQuote } from '../../contracts/pricing.js';
import { hmacSign, hmacVerify } from '../auth/hmac.js';

/** JSON with object keys sorted at every level: the bytes a quote signature covers. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export async function signQuote(
  unsigned: Omit<IssuedQuote, 'signature'>,
  secret: string,
): Promise<string> {
  return hmacSign(secret, 'quote', canonicalJson(unsigned));
}

/** Whether an issued quote is unchanged since the edge signed it (constant-time compare). */
export async function verifyQuoteSignature(issued: IssuedQuote, secret: string): Promise<boolean> {
  const { signature, ...unsigned } = issued;
  return hmacVerify(secret, 'quote', canonicalJson(unsigned), signature);
}
