/**
 * Signed, expiring links (branding previews): `<payload>.<signature>`, both base64url, the
 * signature an HMAC-SHA-256 over the payload with a server secret. Verification is
 * constant-time (WebCrypto `verify`).
 */

const encoder = new TextEncoder();

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
}

export async function signLink(payload: Record<string, unknown>, secret: string): Promise<string> {
  const body = toBase64Url(encoder.encode(JSON.stringify(payload)));
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(body));
  return `${body}.${toBase64Url(new Uint8Array(signature))}`;
}

/** The payload when the signature is valid and `exp` (ms) is in the future, else undefined. */
export async function verifyLink(
  link: string,
  secret: string,
  now: number,
): Promise<Record<string, unknown> | undefined> {
  const [body, signature, extra] = link.split('.');
  if (!body || !signature || extra !== undefined || link.length > 1024) return undefined;
  const signatureBytes = fromBase64Url(signature);
  if (!signatureBytes) return undefined;
  const ok = await crypto.subtle.verify(
    'HMAC',
    await hmacKey(secret),
    signatureBytes,
    encoder.encode(body),
  );
  if (!ok) return undefined;
  const bytes = fromBase64Url(body);
  if (!bytes) return undefined;
  try {
    const payload = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    return typeof payload.exp === 'number' && payload.exp > now ? payload : undefined;
  } catch {
    return undefined;
  }
}
