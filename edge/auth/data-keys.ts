/**
 * Personal data at rest (applications, their drafts, uploaded documents): AES-256-GCM through
 * WebCrypto under a per-tenant data key. The data key is 32 random bytes made the first time a
 * tenant needs it, stored only sealed by the master key (SecretBox, bound to the tenant), so
 * rotating the master key re-seals one small row per tenant (when the key is next opened)
 * instead of every application.
 *
 * Each ciphertext is bound (additional data) to what it belongs to — `application:<tenant>:<id>`,
 * `draft:<tenant>:<customer>`, a document's `upload:<tenant>:<customer>:<id>` — so a sealed
 * value copied onto another row, or another tenant's, does not open.
 */
import type { Clock } from '../deps.js';
import type { ApplicationStore } from '../store/ports/applications.js';
import { fromBase64Url, SEAL_ALGORITHM, type SecretBox, toBase64Url } from './secret-box.js';

const IV_BYTES = 12;
/** The version tag in front of every ciphertext, so the format can change later. */
const FORMAT = 'g1.';
const encoder = new TextEncoder();
const FORMAT_BYTES = encoder.encode(FORMAT);

type DataKeyStore = Pick<ApplicationStore, 'getDataKey' | 'addDataKey' | 'resealDataKey'>;

/** The additional data binding a data key to its tenant. */
const keyBinding = (tenantId: string) => `data-key:${tenantId}`;

/** A sealed value that fails to open (altered, moved, or under an unknown key). */
export class DataKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataKeyError';
  }
}

export class DataKeys {
  readonly #store: DataKeyStore;
  readonly #box: SecretBox;
  readonly #clock: Clock;
  // Opened keys stay in memory: one database read and one unwrap per tenant per process.
  readonly #keys = new Map<string, Promise<CryptoKey>>();

  constructor(store: DataKeyStore, box: SecretBox, clock: Clock) {
    this.#store = store;
    this.#box = box;
    this.#clock = clock;
  }

  #key(tenantId: string): Promise<CryptoKey> {
    let key = this.#keys.get(tenantId);
    if (!key) {
      key = this.#load(tenantId);
      this.#keys.set(tenantId, key);
      // A failed load (the database was away) is tried again by the next request.
      key.catch(() => this.#keys.delete(tenantId));
    }
    return key;
  }

  async #load(tenantId: string): Promise<CryptoKey> {
    let stored = await this.#store.getDataKey(tenantId);
    if (!stored) {
      const raw = crypto.getRandomValues(new Uint8Array(32));
      const sealed = await this.#box.seal(toBase64Url(raw), keyBinding(tenantId));
      await this.#store.addDataKey({
        tenantId,
        wrappedKey: sealed.ciphertext,
        kekId: sealed.kekId,
        kekAlg: sealed.alg,
        createdAt: this.#clock.now(),
      });
      // Another instance may have made the tenant's key first: everyone uses the stored one.
      stored = await this.#store.getDataKey(tenantId);
      if (!stored) throw new DataKeyError('the tenant’s data key was not stored');
    }
    if (stored.kekAlg !== SEAL_ALGORITHM)
      throw new DataKeyError(`unknown data-key sealing ${JSON.stringify(stored.kekAlg)}`);
    const encoded = await this.#box.open(
      { ciphertext: stored.wrappedKey, kekId: stored.kekId, alg: SEAL_ALGORITHM },
      keyBinding(tenantId),
    );
    // Sealed under a previous master key: sealed again under the current one, so the old
    // master key can be dropped once every tenant's key has been used (or re-sealed) since.
    const current = await this.#box.currentKekId();
    if (stored.kekId !== current) {
      const resealed = await this.#box.seal(encoded, keyBinding(tenantId));
      await this.#store.resealDataKey(
        { ...stored, wrappedKey: resealed.ciphertext, kekId: resealed.kekId, kekAlg: resealed.alg },
        stored.kekId,
      );
    }
    const raw = fromBase64Url(encoded);
    return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  }

  async #encrypt(tenantId: string, plaintext: Uint8Array, boundTo: string): Promise<Uint8Array> {
    const key = await this.#key(tenantId);
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const ciphertext = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: encoder.encode(boundTo) },
        key,
        plaintext as Uint8Array<ArrayBuffer>,
      ),
    );
    const out = new Uint8Array(IV_BYTES + ciphertext.length);
    out.set(iv);
    out.set(ciphertext, IV_BYTES);
    return out;
  }

  async #decrypt(tenantId: string, bytes: Uint8Array, boundTo: string): Promise<Uint8Array> {
    const key = await this.#key(tenantId);
    try {
      return new Uint8Array(
        await crypto.subtle.decrypt(
          {
            name: 'AES-GCM',
            iv: bytes.slice(0, IV_BYTES),
            additionalData: encoder.encode(boundTo),
          },
          key,
          bytes.slice(IV_BYTES),
        ),
      );
    } catch {
      throw new DataKeyError('sealed personal data failed to open (altered, or another row’s)');
    }
  }

  /** `plaintext` encrypted under the tenant's data key, bound to `boundTo`. */
  async seal(tenantId: string, plaintext: string, boundTo: string): Promise<string> {
    return FORMAT + toBase64Url(await this.#encrypt(tenantId, encoder.encode(plaintext), boundTo));
  }

  async open(tenantId: string, sealed: string, boundTo: string): Promise<string> {
    if (!sealed.startsWith(FORMAT)) throw new DataKeyError('not a sealed value of this format');
    const bytes = fromBase64Url(sealed.slice(FORMAT.length));
    return new TextDecoder().decode(await this.#decrypt(tenantId, bytes, boundTo));
  }

  /** Bytes (an uploaded document) sealed like `seal`, as bytes: the format tag, IV, ciphertext. */
  async sealBytes(tenantId: string, plaintext: Uint8Array, boundTo: string): Promise<Uint8Array> {
    const sealed = await this.#encrypt(tenantId, plaintext, boundTo);
    const out = new Uint8Array(FORMAT_BYTES.length + sealed.length);
    out.set(FORMAT_BYTES);
    out.set(sealed, FORMAT_BYTES.length);
    return out;
  }

  async openBytes(tenantId: string, sealed: Uint8Array, boundTo: string): Promise<Uint8Array> {
    if (!FORMAT_BYTES.every((b, i) => sealed[i] === b))
      throw new DataKeyError('not a sealed value of this format');
    return this.#decrypt(tenantId, sealed.subarray(FORMAT_BYTES.length), boundTo);
  }
}
