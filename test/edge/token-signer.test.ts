// The Ed25519 signer port: node:crypto (the Node adapter's) and WebCrypto (Workers') sign the
// same bytes, a minted widget token is byte-for-byte what jose's SignJWT writes, and any JOSE
// verifier accepts it against the public JWKS.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createLocalJWKSet,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  jwtVerify,
  SignJWT,
} from 'jose';
import { nodeEd25519Signer } from '../../edge/adapters/node-ed25519.js';
import { type Ed25519Signer, webCryptoSigner } from '../../edge/auth/ed25519.js';
import { TOKEN_AUDIENCE, TOKEN_TYPE } from '../../edge/auth/widget-tokens.js';
import {
  createTenant,
  createTestEdge,
  mintToken,
  ORIGIN,
  openSigningKey,
  PUBLIC_URL,
} from './helpers.js';

async function ed25519Pair(): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', {
    crv: 'Ed25519',
    extractable: true,
  });
  return { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
}

describe('the Ed25519 signer port', () => {
  test('node:crypto and WebCrypto give the same signature for the same key and message', async () => {
    const { privateJwk } = await ed25519Pair();
    const message = new TextEncoder().encode('header.payload — the same bytes on both runtimes');
    const viaNode = await (await nodeEd25519Signer.importPrivateKey(privateJwk))(message);
    const viaWebCrypto = await (await webCryptoSigner.importPrivateKey(privateJwk))(message);
    assert.equal(viaNode.length, 64);
    assert.deepEqual(Buffer.from(viaNode), Buffer.from(viaWebCrypto));
  });

  test('node:crypto signs synchronously (no promise, no job hop)', async () => {
    const { privateJwk } = await ed25519Pair();
    const sign = await nodeEd25519Signer.importPrivateKey(privateJwk);
    assert.ok(sign(new Uint8Array([1, 2, 3])) instanceof Uint8Array);
  });

  test('a key that is not Ed25519 is refused at import', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const p256 = await exportJWK(privateKey);
    await assert.rejects(nodeEd25519Signer.importPrivateKey(p256));
    await assert.rejects(webCryptoSigner.importPrivateKey(p256));
  });
});

describe('minted widget tokens', () => {
  for (const [name, signer] of [
    ['node:crypto', nodeEd25519Signer],
    ['WebCrypto', webCryptoSigner],
  ] as const) {
    test(`signed with ${name}: byte-for-byte jose's SignJWT, verified by jose against the JWKS`, async () => {
      // Counts signatures, so the test fails if the edge ignored the port it was given.
      let signatures = 0;
      const counted: Ed25519Signer = {
        async importPrivateKey(jwk) {
          const sign = await signer.importPrivateKey(jwk);
          return (data) => {
            signatures += 1;
            return sign(data);
          };
        },
      };
      const edge = await createTestEdge({}, ':memory:', { ed25519: counted });
      try {
        const tenant = await createTenant(edge, 'signer-bank', [ORIGIN]);
        const { token } = await mintToken(edge, tenant, {
          scopes: ['config:read', 'catalog:read'],
          origin: ORIGIN,
          customer: 'cus_signer',
        });
        const [encodedHeader, encodedPayload] = token.split('.') as [string, string, string];
        const header = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString('utf8'));
        const claims = JSON.parse(Buffer.from(encodedPayload, 'base64url').toString('utf8'));
        assert.deepEqual(Object.keys(header), ['alg', 'typ', 'kid']);
        assert.equal(header.typ, TOKEN_TYPE);

        // The same header and claims through jose, with the stored private key.
        const stored = await openSigningKey(edge, header.kid);
        const privateKey = await importJWK(JSON.parse(stored.privateJwk) as JWK, 'EdDSA');
        const byJose = await new SignJWT(claims)
          .setProtectedHeader({ alg: 'EdDSA', typ: TOKEN_TYPE, kid: header.kid })
          .sign(privateKey);
        assert.equal(token, byJose);
        assert.equal(signatures, 1);

        const jwks = (await (await edge.call('GET', '/.well-known/jwks.json')).json()) as {
          keys: JWK[];
        };
        const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks), {
          issuer: PUBLIC_URL,
          audience: TOKEN_AUDIENCE,
          typ: TOKEN_TYPE,
          algorithms: ['EdDSA'],
          currentDate: new Date(edge.clock.now()),
        });
        assert.equal(protectedHeader.kid, decodeProtectedHeader(token).kid);
        assert.deepEqual(payload.scp, ['catalog:read', 'config:read']);
        assert.equal(payload.sub, 'cus_signer');

        // And the edge itself accepts it.
        const config = await edge.call('GET', '/v1/config', {
          auth: token,
          headers: { origin: ORIGIN },
        });
        assert.equal(config.status, 200);
      } finally {
        await edge.close();
      }
    });
  }
});
