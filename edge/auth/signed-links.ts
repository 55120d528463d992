/**
 * Signed, expiring links (branding previews): `<payload>.<signature>`, both base64url, the
 * signature the edge's HMAC (auth/hmac.ts) for the preview-link purpose over the payload.
 */
import { fromBase64Url, hmacSign, hmacVerify, toBase64Url } from './hmac.js';

const encoder = new TextEncoder();

export async function signLink(payload: Record<string, unknown>, secret: string): Promise<string> {
  const body = toBase64Url(encoder.encode(JSON.stringify(payload)));
  return `${body}.${await hmacSign(secret, 'previewLink', body)}`;
}

/** The payload when the signature is valid and `exp` (ms) is in the future, else undefined. */
export async function verifyLink(
  link: string,
  secret: string,
  now: number,
): Promise<Record<string, unknown> | undefined> {
  const [body, signature, extra] = link.split('.');
  if (!body || !signature || extra !== undefined || link.length > 1024) return undefined;
  if (!(await hmacVerify(secret, 'previewLink', body, signature))) return undefined;
  const bytes = fromBase64Url(body);
  if (!bytes) return undefined;
  try {
    const payload = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    return typeof payload.exp === 'number' && payload.exp > now ? payload : undefined;
  } catch {
    return undefined;
  }
}
