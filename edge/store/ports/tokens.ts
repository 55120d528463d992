/** Minted widget tokens as recorded (never the token): revocation and its minting key. */
import type { AuditEntry, IssuedToken, TokenState } from '../types.js';

export interface TokenStore {
  /** Records a minted token with its audit row. */
  recordToken(token: IssuedToken, audit: AuditEntry): Promise<void>;
  /**
   * `active` while neither the token nor the key that minted it is revoked; `unknown` when it
   * was never recorded (or was purged after expiry).
   */
  tokenState(tenantId: string, jti: string): Promise<TokenState>;
  revokeToken(
    tenantId: string,
    jti: string,
    at: number,
    audit: AuditEntry,
  ): Promise<'revoked' | 'already-revoked' | 'unknown'>;
  /** Revokes every unexpired token of the tenant; returns how many. */
  revokeAllTokens(tenantId: string, at: number, audit: AuditEntry): Promise<number>;
  /** Deletes the records of tokens that expired before `now`; returns how many. */
  purgeExpiredTokens(now: number): Promise<number>;
}
