/**
 * Ed25519 through node:crypto: synchronous, no WebCrypto job hop. The same key and message give
 * the same signature as WebCrypto (Ed25519 is deterministic).
 */
import { createPrivateKey, type JsonWebKey, sign } from 'node:crypto';
import type { Ed25519Signer } from '../auth/ed25519.js';

export const nodeEd25519Signer: Ed25519Signer = {
  async importPrivateKey(jwk) {
    const key = createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 private key');
    return (data) => new Uint8Array(sign(null, data, key));
  },
};
