/** The widget-token signing keys (shared by all tenants). */
import type { SigningKey } from '../types.js';

export type SealedKeyPatch = Pick<SigningKey, 'privateJwk' | 'kekId' | 'kekAlg'>;

export interface SigningKeyStore {
  listSigningKeys(): Promise<SigningKey[]>;
  /** Throws a unique violation when it would be a second active key. */
  addSigningKey(key: SigningKey): Promise<void>;
  /**
   * One step of rotation, atomically: every active key becomes `retiring` until `retireAfter`
   * with its private half wiped, and the staged key `nextKid` becomes active. False when
   * `nextKid` is not staged (nothing changes then).
   */
  rotateSigningKey(nextKid: string, retireAfter: number): Promise<boolean>;
  /** A retiring key whose time has come becomes `retired` (no-op otherwise). */
  retireSigningKey(kid: string, now: number): Promise<void>;
  /** Seals a key's private half anew, if it is still as `from` left it. */
  resealSigningKey(kid: string, from: string | null, sealed: SealedKeyPatch): Promise<void>;
}
