/**
 * The one HMAC helper for everything the edge signs — preview links, quotes, and later webhook
 * signatures. Each purpose signs with its own key, derived from the one server secret as
 * HMAC-SHA-256(secret, label), so a signature made for one purpose never verifies for another.
 * Signatures are base64url; verification is constant-time (WebCrypto `verify`).
 */

export const SIGNING_PURPOSES = {
  previewLink: 'gridworks-embed/preview-link/v1',
  // Quotes signed before this helper used the same derivation: they still verify.
  quote: 'gridworks-embed/quote-signature/v1',
} as const;

export type SigningPurpose = keyof typeof SIGNING_PURPOSES;

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    return Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (c) =>
      c.charCodeAt(0),
    );
  } catch {
    return undefined;
  }
}

function keyFor(secret: string, purpose: SigningPurpose): Promise<CryptoKey> {
  const id = `${purpose}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = (async () => {
      const master = await crypto.subtle.importKey(
        'raw',
        encoder.encode(secret),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      );
      const derived = await crypto.subtle.sign(
        'HMAC',
        master,
        encoder.encode(SIGNING_PURPOSES[purpose]),
      );
      return crypto.subtle.importKey('raw', derived, { name: 'HMAC', hash: 'SHA-256' }, false, [
        'sign',
        'verify',
      ]);
    })();
    // One edge has one secret; a test suite may use a few in turn.
    if (keys.size >= 16) keys.clear();
    keys.set(id, key);
  }
  return key;
}

/** The base64url HMAC of `message` for `purpose`. */
export async function hmacSign(
  secret: string,
  purpose: SigningPurpose,
  message: string,
): Promise<string> {
  const mac = await crypto.subtle.sign(
    'HMAC',
    await keyFor(secret, purpose),
    encoder.encode(message),
  );
  return toBase64Url(new Uint8Array(mac));
}

/** 32 bytes in base64url: 42 full sextets, then one whose two low bits are zero. */
const CANONICAL_SIGNATURE = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/** Whether `signature` is the HMAC of `message` for `purpose` (constant-time). */
export async function hmacVerify(
  secret: string,
  purpose: SigningPurpose,
  message: string,
  signature: string,
): Promise<boolean> {
  // Only the canonical encoding: 43 characters whose last carries no stray low bits. Otherwise
  // several strings would decode to the same 32 bytes and a "changed" signature could verify.
  const bytes = CANONICAL_SIGNATURE.test(signature) ? fromBase64Url(signature) : undefined;
  if (!bytes) return false;
  return crypto.subtle.verify(
    'HMAC',
    await keyFor(secret, purpose),
    bytes,
    encoder.encode(message),
  );
}
