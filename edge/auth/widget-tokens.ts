/**
 * Widget tokens: short-lived JWTs the edge signs with EdDSA (Ed25519) through jose, and the
 * key ring behind them. A new signing key is published in the JWKS before it signs; a retired
 * one keeps verifying until the last token it could have signed has expired.
 */
import {
  base64url,
  calculateJwkThumbprint,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
} from 'jose';
import type { Clock } from '../deps.js';
import type { SigningKey, Store } from '../store/store.js';
import { newId, sha256Hex } from './credentials.js';
import { type Ed25519Signer, type SignBytes, webCryptoSigner } from './ed25519.js';
import type { SecretBox } from './secret-box.js';

export const TOKEN_TYPE = 'gw-widget+jwt';
export const TOKEN_AUDIENCE = 'gridworks-widgets';
export const DEFAULT_TTL_SECONDS = 600;
export const MAX_TTL_SECONDS = 3600;
const ALGORITHM = 'EdDSA';
/**
 * How long a loaded key set is trusted. Other instances sharing the store (processes, Workers
 * isolates) stage and rotate keys too; without a refresh they would never see the new key.
 */
export const KEY_REFRESH_MS = 60_000;
/** Verified tokens remembered per process (oldest forgotten first). */
export const VERIFIED_CACHE_SIZE = 10_000;
/** An unknown `kid` reloads the key set at most this often (it may be a key staged elsewhere). */
const UNKNOWN_KID_RELOAD_MS = 1_000;

// The scope list is part of the API contract; re-exported for the token code and its tests.
import { WIDGET_SCOPES, type WidgetScope } from '../../contracts/tokens.js';

export { WIDGET_SCOPES, type WidgetScope };

export interface WidgetClaims {
  iss: string;
  aud: string;
  tid: string;
  sub: string;
  scp: WidgetScope[];
  org: string;
  jti: string;
  iat: number;
  nbf: number;
  exp: number;
}

/** Why a token was refused; never includes the token. */
export class TokenRejected extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
    this.name = 'TokenRejected';
  }
}

interface LoadedKey {
  record: SigningKey;
  /** Signs with the private half (active keys only). */
  sign: SignBytes | undefined;
  /** The token header this key signs under, already base64url-encoded. */
  encodedHeader: string;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

// Header parameters that would let a token choose its own verification key.
const FORBIDDEN_HEADERS = ['jku', 'jwk', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'crit'];

export class KeyRing {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #box: SecretBox;
  #keys: LoadedKey[] | undefined;
  #reloadAt = Number.POSITIVE_INFINITY;
  #loadedAt = Number.NEGATIVE_INFINITY;

  readonly #digest: (text: string) => string | Promise<string>;
  readonly #verifiedCacheSize: number;
  readonly #signer: Ed25519Signer;

  /**
   * Private halves are stored sealed by `box` (AES-GCM under the master key), never in clear.
   * `digest` (SHA-256 hex; the runtime's synchronous one where it has one) keys the cache of
   * verified tokens, so no token is held in memory as a key; the cache holds only tokens that
   * verified, at most `verifiedCacheSize` of them.
   */
  constructor(
    store: Store,
    clock: Clock,
    box: SecretBox,
    options: {
      digest?: (text: string) => string | Promise<string>;
      verifiedCacheSize?: number;
      /** Ed25519 signing (default WebCrypto; the Node adapter passes node:crypto's). */
      signer?: Ed25519Signer;
    } = {},
  ) {
    this.#signer = options.signer ?? webCryptoSigner;
    this.#store = store;
    this.#clock = clock;
    this.#box = box;
    this.#digest = options.digest ?? sha256Hex;
    this.#verifiedCacheSize = options.verifiedCacheSize ?? VERIFIED_CACHE_SIZE;
  }

  /** How many verified tokens are remembered now (bounded by `verifiedCacheSize`). */
  get verifiedCacheEntries(): number {
    return this.#verified.size;
  }

  /** Creates the first signing key when there is none. Idempotent. */
  async ensureActiveKey(): Promise<void> {
    // One creation at a time in this process; the database's one-active-key index settles a
    // race with another instance (the loser's insert fails and it uses the winner's key).
    this.#ensuring ??= (async () => {
      const keys = await this.#store.listSigningKeys();
      if (!keys.some((k) => k.status === 'active')) {
        try {
          await this.#store.addSigningKey(
            await createSigningKey('active', this.#clock.now(), this.#box),
          );
        } catch (error) {
          const again = await this.#store.listSigningKeys();
          if (!again.some((k) => k.status === 'active')) throw error;
        }
      }
      this.#keys = undefined;
    })().finally(() => {
      this.#ensuring = undefined;
    });
    return this.#ensuring;
  }

  #ensuring: Promise<void> | undefined;

  async #load(): Promise<LoadedKey[]> {
    if (this.#keys) return this.#keys;
    const now = this.#clock.now();
    const loaded: LoadedKey[] = [];
    for (const record of await this.#store.listSigningKeys()) {
      if (
        record.status === 'retiring' &&
        record.retireAfter !== null &&
        record.retireAfter <= now
      ) {
        await this.#store.retireSigningKey(record.kid, now);
        continue;
      }
      if (record.status === 'retired') continue;
      const publicJwk = JSON.parse(record.publicJwk) as JWK;
      const privateJwk = await this.#privateHalf(record);
      loaded.push({
        record,
        publicJwk,
        publicKey: (await importJWK(publicJwk, ALGORITHM)) as CryptoKey,
        sign:
          record.status === 'active' && privateJwk
            ? await this.#signer.importPrivateKey(JSON.parse(privateJwk) as JWK)
            : undefined,
        encodedHeader: encodeJson({ alg: ALGORITHM, typ: TOKEN_TYPE, kid: record.kid }),
      });
    }
    this.#keys = loaded;
    this.#loadedAt = now;
    // Reload when the earliest retiring key is due, so it stops verifying on time.
    const due = loaded
      .map((k) => k.record.retireAfter)
      .filter((t): t is number => t !== null)
      .sort((a, b) => a - b)[0];
    if (due !== undefined) this.#reloadAt = due;
    return loaded;
  }

  /**
   * The private JWK of a key that still has one, opened from storage. A row left in plain
   * text by an older version, or sealed under a previous master key, is sealed again under
   * the current one on the way (so rotating the master key needs no migration step).
   */
  async #privateHalf(record: SigningKey): Promise<string | undefined> {
    if (record.privateJwk === '') return undefined;
    const current = await this.#box.currentKekId();
    const plaintext =
      record.kekId === null
        ? record.privateJwk
        : await this.#box.open(
            { ciphertext: record.privateJwk, kekId: record.kekId, alg: record.kekAlg as 'A256GCM' },
            record.kid,
          );
    if (record.kekId !== current) {
      const sealed = await this.#box.seal(plaintext, record.kid);
      await this.#store.resealSigningKey(record.kid, record.kekId, {
        privateJwk: sealed.ciphertext,
        kekId: sealed.kekId,
        kekAlg: sealed.alg,
      });
    }
    return plaintext;
  }

  async #current(): Promise<LoadedKey[]> {
    const now = this.#clock.now();
    if (now >= this.#reloadAt || now - this.#loadedAt >= KEY_REFRESH_MS) {
      this.#keys = undefined;
      this.#reloadAt = Number.POSITIVE_INFINITY;
    }
    return this.#load();
  }

  /** The public keys that verify tokens now (`next`, `active` and `retiring`). */
  async jwks(): Promise<{ keys: JWK[] }> {
    const keys = await this.#current();
    return {
      keys: keys.map((k) => ({ ...k.publicJwk, kid: k.record.kid, alg: ALGORITHM, use: 'sig' })),
    };
  }

  /**
   * Rotation, in two steps so verifiers can fetch the new key first: `stage` publishes a new key
   * (status `next`); `rotate` makes it the signing key and sets the old one `retiring` until
   * every token it signed has expired.
   */
  async stage(): Promise<string> {
    const existing = (await this.#store.listSigningKeys()).find((k) => k.status === 'next');
    if (existing) return existing.kid;
    const key = await createSigningKey('next', this.#clock.now(), this.#box);
    await this.#store.addSigningKey(key);
    this.#keys = undefined;
    return key.kid;
  }

  async rotate(): Promise<{ active: string; retiring: string[] }> {
    const keys = await this.#store.listSigningKeys();
    const next = keys.find((k) => k.status === 'next');
    if (!next) throw new Error('no staged key: stage one first');
    // Instances that have not reloaded yet may sign with the old key for KEY_REFRESH_MS more.
    const retireAfter = this.#clock.now() + MAX_TTL_SECONDS * 1000 + KEY_REFRESH_MS;
    const retiring = keys.filter((k) => k.status === 'active').map((k) => k.kid);
    // One atomic step: the old key retires (its private half wiped: it never signs again) as
    // the staged one starts signing.
    if (!(await this.#store.rotateSigningKey(next.kid, retireAfter)))
      throw new Error('the staged key was rotated meanwhile');
    this.#keys = undefined;
    return { active: next.kid, retiring };
  }

  async mint(
    input: {
      tenantId: string;
      subject: string;
      scopes: WidgetScope[];
      origin: string;
      ttlSeconds: number;
    },
    issuer: string,
  ): Promise<{ token: string; claims: WidgetClaims }> {
    let signer = (await this.#current()).find((k) => k.record.status === 'active');
    if (!signer) {
      await this.ensureActiveKey();
      signer = (await this.#current()).find((k) => k.record.status === 'active');
    }
    if (!signer?.sign) throw new Error('no active signing key');
    const now = Math.floor(this.#clock.now() / 1000);
    const claims: WidgetClaims = {
      iss: issuer,
      aud: TOKEN_AUDIENCE,
      tid: input.tenantId,
      sub: input.subject,
      scp: [...input.scopes].sort(),
      org: input.origin,
      jti: newId('jti'),
      iat: now,
      nbf: now,
      exp: now + input.ttlSeconds,
    };
    // JWS compact serialisation (RFC 7515 §7.1), exactly as jose's SignJWT writes it: the
    // header and claims as JSON in this order, base64url, signed over `header.payload`.
    const signingInput = `${signer.encodedHeader}.${encodeJson(claims)}`;
    const signature = await signer.sign(textEncoder.encode(signingInput));
    return { token: `${signingInput}.${base64url.encode(signature)}`, claims };
  }

  // A widget reuses its token for many requests: a token verified once is remembered (until
  // it expires, and only while its key still verifies) instead of checking Ed25519 again.
  // Keyed by the token's digest; only tokens that verified get in, at most VERIFIED_CACHE_SIZE.
  readonly #verified = new Map<string, { claims: WidgetClaims; kid: string; issuer: string }>();

  /** Verifies signature, algorithm, `typ`, `kid`, `iss`, `aud`, times and claim shapes. */
  async verify(token: string, issuer: string): Promise<WidgetClaims> {
    const digest = await this.#digest(token);
    const hit = this.#verified.get(digest);
    if (hit && hit.issuer === issuer) {
      const now = this.#clock.now() / 1000;
      const keys = await this.#current();
      if (
        hit.claims.exp > now &&
        hit.claims.nbf <= now &&
        keys.some((k) => k.record.kid === hit.kid)
      ) {
        return hit.claims;
      }
      this.#verified.delete(digest);
    }
    const claims = await this.#verifyFully(token, issuer);
    if (this.#verified.size >= this.#verifiedCacheSize)
      this.#verified.delete(this.#verified.keys().next().value as string);
    this.#verified.set(digest, { claims, kid: decodeProtectedHeader(token).kid as string, issuer });
    return claims;
  }

  async #verifyFully(token: string, issuer: string): Promise<WidgetClaims> {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw new TokenRejected('malformed token');
    }
    if (header.alg !== ALGORITHM) throw new TokenRejected('algorithm not allowed');
    if (header.typ !== TOKEN_TYPE) throw new TokenRejected('wrong token type');
    if (FORBIDDEN_HEADERS.some((name) => name in header)) {
      throw new TokenRejected('token names its own key material');
    }
    let key = (await this.#current()).find((k) => k.record.kid === header.kid);
    if (!key && typeof header.kid === 'string') {
      if (this.#clock.now() - this.#loadedAt >= UNKNOWN_KID_RELOAD_MS) this.#keys = undefined;
      key = (await this.#current()).find((k) => k.record.kid === header.kid);
    }
    if (!key) throw new TokenRejected('unknown signing key');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key.publicKey, {
        algorithms: [ALGORITHM],
        typ: TOKEN_TYPE,
        issuer,
        audience: TOKEN_AUDIENCE,
        currentDate: new Date(this.#clock.now()),
        clockTolerance: 0,
        maxTokenAge: MAX_TTL_SECONDS,
        requiredClaims: ['tid', 'sub', 'scp', 'org', 'jti', 'iat', 'nbf', 'exp'],
      }));
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'invalid';
      throw new TokenRejected(`token refused (${code})`);
    }
    const claims = payload as unknown as WidgetClaims;
    const scopesOk =
      Array.isArray(claims.scp) &&
      claims.scp.every((s) => (WIDGET_SCOPES as readonly string[]).includes(s));
    if (
      !scopesOk ||
      typeof claims.tid !== 'string' ||
      typeof claims.sub !== 'string' ||
      typeof claims.org !== 'string' ||
      typeof claims.jti !== 'string' ||
      claims.exp - claims.iat > MAX_TTL_SECONDS
    ) {
      throw new TokenRejected('token claims are malformed');
    }
    return claims;
  }
}

const textEncoder = new TextEncoder();
const encodeJson = (value: unknown) => base64url.encode(JSON.stringify(value));

async function createSigningKey(
  status: SigningKey['status'],
  now: number,
  box: SecretBox,
): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, {
    crv: 'Ed25519',
    extractable: true,
  });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const sealed = await box.seal(JSON.stringify(await exportJWK(privateKey)), kid);
  return {
    kid,
    privateJwk: sealed.ciphertext,
    kekId: sealed.kekId,
    kekAlg: sealed.alg,
    publicJwk: JSON.stringify(publicJwk),
    status,
    createdAt: now,
    retireAfter: null,
  };
}
