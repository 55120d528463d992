/** TokenStore on SQL: a token's state joins its minting key, so revoking the key ends it. */
import { sql } from 'kysely';
import type { TokenStore } from '../ports/tokens.js';
import { q } from '../query.js';
import type { AuditEntry, IssuedToken, TokenState } from '../types.js';
import { auditRow, batch, first, type SqlContext } from './shared.js';

export function sqlTokens({ x, now }: SqlContext): TokenStore {
  return {
    async recordToken(token: IssuedToken, audit: AuditEntry): Promise<void> {
      await batch(x, [
        q.insertInto('issued_tokens').values({
          tenant_id: token.tenantId,
          jti: token.jti,
          key_id: token.keyId,
          origin: token.origin,
          scopes: JSON.stringify(token.scopes),
          created_at: token.createdAt,
          expires_at: token.expiresAt,
          revoked_at: null,
        }),
        auditRow(audit, now()),
      ]);
    },

    async tokenState(tenantId: string, jti: string): Promise<TokenState> {
      const row = await first(
        x,
        q
          .selectFrom('issued_tokens')
          .leftJoin('api_keys', 'api_keys.id', 'issued_tokens.key_id')
          .select([
            'issued_tokens.revoked_at as revoked',
            'api_keys.revoked_at as keyRevoked',
            'api_keys.id as keyId',
          ])
          .where('issued_tokens.tenant_id', '=', tenantId)
          .where('issued_tokens.jti', '=', jti),
      );
      if (!row) return 'unknown';
      // A token outlives neither its own revocation nor its minting key's.
      return row.revoked !== null || row.keyId === null || row.keyRevoked !== null
        ? 'revoked'
        : 'active';
    },

    async revokeToken(tenantId: string, jti: string, at: number, audit: AuditEntry) {
      const token = q
        .selectFrom('issued_tokens')
        .select('revoked_at')
        .where('tenant_id', '=', tenantId)
        .where('jti', '=', jti);
      const [, , found] = await batch(x, [
        q
          .updateTable('issued_tokens')
          .set({ revoked_at: at })
          .where('tenant_id', '=', tenantId)
          .where('jti', '=', jti)
          .where('revoked_at', 'is', null),
        auditRow(audit, now(), sql<boolean>`exists ${token.where('revoked_at', '=', at)}`),
        token,
      ]);
      const row = found?.rows[0] as { revoked_at: number | null } | undefined;
      if (!row) return 'unknown';
      return row.revoked_at === at ? 'revoked' : 'already-revoked';
    },

    async revokeAllTokens(tenantId: string, at: number, audit: AuditEntry): Promise<number> {
      const [update] = await batch(x, [
        q
          .updateTable('issued_tokens')
          .set({ revoked_at: at })
          .where('tenant_id', '=', tenantId)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', at),
        auditRow(audit, now()),
      ]);
      return update?.changes ?? 0;
    },

    async purgeExpiredTokens(at: number): Promise<number> {
      const result = await x.run(
        q.deleteFrom('issued_tokens').where('expires_at', '<=', at).compile(),
      );
      return result.changes;
    },
  };
}
