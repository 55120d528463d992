/**
 * Secrets at rest (the private halves of token signing keys): sealed with AES-256-GCM through
 * WebCrypto under a master key (key-encryption key) from configuration. Each sealed value
 * names the master key that sealed it and the algorithm, so the master key can be rotated:
 * give the new one as current and the old ones as previous; values sealed under an old key
 * still open and are sealed again under the current one.
 *
 * The ciphertext is bound to its row (additional data), so a sealed value copied onto another
 * row does not open there.
 */

export const SEAL_ALGORITHM = 'A256GCM';
const IV_BYTES = 12;
const encoder = new TextEncoder();

export interface Sealed {
  /** base64url of IV followed by ciphertext and tag. */
  ciphertext: string;
  /** Id of the master key that sealed it. */
  kekId: string;
  alg: typeof SEAL_ALGORITHM;
}

/** Refused configuration or a value that does not open; never includes key material. */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export const toBase64Url = (bytes: Uint8Array) => {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
};

export const fromBase64Url = (text: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0));

/**
 * The 32 bytes of a master key written as 64 hex digits or 43 base64url characters; throws a
 * `SecretBoxError` naming what is wrong (never the value).
 */
export function parseMasterKey(text: string, name = 'master key'): Uint8Array<ArrayBuffer> {
  const value = text.trim();
  let bytes: Uint8Array<ArrayBuffer> | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(value)) {
    bytes = Uint8Array.from(value.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
  } else if (/^[A-Za-z0-9_-]{43}=?$/.test(value)) {
    bytes = fromBase64Url(value.replace(/=$/, ''));
  }
  if (bytes?.length !== 32)
    throw new SecretBoxError(
      `${name} must be 32 random bytes, written as 64 hex digits or 43 base64url characters`,
    );
  return bytes;
}

interface Kek {
  id: string;
  key: CryptoKey;
}

async function importKek(raw: Uint8Array<ArrayBuffer>): Promise<Kek> {
  // The id is a digest of the key: it names the key without revealing it.
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new Uint8Array([...encoder.encode('gw-kek:'), ...raw])),
  );
  const id = `kek_${Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('')}`;
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  return { id, key };
}

export class SecretBox {
  readonly #keys: Promise<Kek[]>;

  /** `current` seals; `previous` (older master keys) only open. Throws on a malformed key. */
  constructor(current: string, previous: readonly string[] = []) {
    const raws = [
      parseMasterKey(current),
      ...previous.map((k, i) => parseMasterKey(k, `previous master key ${i + 1}`)),
    ];
    this.#keys = Promise.all(raws.map(importKek));
    // Surfaced by the first seal or open; an unhandled rejection must not crash the process.
    this.#keys.catch(() => {});
  }

  /** Id of the master key new values are sealed under. */
  async currentKekId(): Promise<string> {
    return ((await this.#keys)[0] as Kek).id;
  }

  async seal(plaintext: string, boundTo: string): Promise<Sealed> {
    const kek = (await this.#keys)[0] as Kek;
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const ciphertext = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: encoder.encode(boundTo) },
        kek.key,
        encoder.encode(plaintext),
      ),
    );
    const out = new Uint8Array(IV_BYTES + ciphertext.length);
    out.set(iv);
    out.set(ciphertext, IV_BYTES);
    return { ciphertext: toBase64Url(out), kekId: kek.id, alg: SEAL_ALGORITHM };
  }

  async open(sealed: Sealed, boundTo: string): Promise<string> {
    if (sealed.alg !== SEAL_ALGORITHM)
      throw new SecretBoxError(`unknown sealing algorithm ${JSON.stringify(sealed.alg)}`);
    const kek = (await this.#keys).find((k) => k.id === sealed.kekId);
    if (!kek)
      throw new SecretBoxError(
        `sealed under master key ${sealed.kekId}, which is neither the current nor a previous one`,
      );
    const bytes = fromBase64Url(sealed.ciphertext);
    try {
      const plaintext = await crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: bytes.slice(0, IV_BYTES),
          additionalData: encoder.encode(boundTo),
        },
        kek.key,
        bytes.slice(IV_BYTES),
      );
      return new TextDecoder().decode(plaintext);
    } catch {
      throw new SecretBoxError('a sealed secret failed to open (altered, or another row’s)');
    }
  }
}
