/**
 * Ed25519 signing as a port: the one operation widget-token minting needs from the runtime.
 * WebCrypto everywhere by default (Workers); the Node adapter passes `node:crypto`'s
 * synchronous `sign`, which skips WebCrypto's job hop to the thread pool. Ed25519 is
 * deterministic, so both produce the very same bytes for the same key and message.
 */
import type { JWK } from 'jose';

/** Signs `data` with one private key. */
export type SignBytes = (data: Uint8Array) => Uint8Array | Promise<Uint8Array>;

export interface Ed25519Signer {
  /** Imports a private key (an OKP/Ed25519 JWK with `d`) once; the result signs many times. */
  importPrivateKey(jwk: JWK): Promise<SignBytes>;
}

/** The portable signer: WebCrypto's Ed25519. */
export const webCryptoSigner: Ed25519Signer = {
  async importPrivateKey(jwk) {
    const key = await crypto.subtle.importKey('jwk', jwk, { name: 'Ed25519' }, false, ['sign']);
    return async (data) =>
      new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key, data as BufferSource));
  },
};
