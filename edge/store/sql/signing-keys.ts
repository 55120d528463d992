/** SigningKeyStore on SQL. Rotation is one batch, in the order the one-active index needs. */
import type { SigningKeyStore } from '../ports/signing-keys.js';
import { q } from '../query.js';
import type { SigningKey } from '../types.js';
import { all, batch, type SqlContext } from './shared.js';

export function sqlSigningKeys({ x }: SqlContext): SigningKeyStore {
  return {
    async listSigningKeys(): Promise<SigningKey[]> {
      const found = await all(x, q.selectFrom('signing_keys').selectAll().orderBy('created_at'));
      return found.map((r) => ({
        kid: r.kid,
        privateJwk: r.private_jwk,
        kekId: r.kek_id,
        kekAlg: r.kek_alg,
        publicJwk: r.public_jwk,
        status: r.status as SigningKey['status'],
        createdAt: r.created_at,
        retireAfter: r.retire_after,
      }));
    },

    async addSigningKey(key: SigningKey): Promise<void> {
      await x.run(
        q
          .insertInto('signing_keys')
          .values({
            kid: key.kid,
            private_jwk: key.privateJwk,
            kek_id: key.kekId,
            kek_alg: key.kekAlg,
            public_jwk: key.publicJwk,
            status: key.status,
            created_at: key.createdAt,
            retire_after: key.retireAfter,
          })
          .compile(),
      );
    },

    async rotateSigningKey(nextKid: string, retireAfter: number): Promise<boolean> {
      const staged = q
        .selectFrom('signing_keys')
        .select('kid')
        .where('kid', '=', nextKid)
        .where('status', '=', 'next');
      // Only when the staged key exists; the old key steps aside before the new one steps up.
      const [, , promoted] = await batch(x, [
        q
          .updateTable('signing_keys')
          .set({
            status: 'retiring',
            retire_after: retireAfter,
            private_jwk: '',
            kek_id: null,
            kek_alg: null,
          })
          .where('status', '=', 'active')
          .where((eb) => eb.exists(staged)),
        q
          .updateTable('signing_keys')
          .set({ status: 'active' })
          .where('kid', '=', nextKid)
          .where('status', '=', 'next'),
        q
          .selectFrom('signing_keys')
          .select('kid')
          .where('kid', '=', nextKid)
          .where('status', '=', 'active'),
      ]);
      return (promoted?.rows.length ?? 0) > 0;
    },

    async retireSigningKey(kid: string, now: number): Promise<void> {
      await x.run(
        q
          .updateTable('signing_keys')
          .set({ status: 'retired' })
          .where('kid', '=', kid)
          .where('status', '=', 'retiring')
          .where('retire_after', '<=', now)
          .compile(),
      );
    },

    async resealSigningKey(kid, from, sealed): Promise<void> {
      await x.run(
        q
          .updateTable('signing_keys')
          .set({ private_jwk: sealed.privateJwk, kek_id: sealed.kekId, kek_alg: sealed.kekAlg })
          .where('kid', '=', kid)
          .where('kek_id', from === null ? 'is' : '=', from)
          .where('private_jwk', '!=', '')
          .compile(),
      );
    },
  };
}
