/** What the store holds: the records its ports take and give (ports/*.ts). */

export type TenantStatus = 'active' | 'suspended';

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  createdAt: number;
  /** Id of the published theme version in use, if any. */
  currentThemeVersionId: string | null;
}

export type KeyKind = 'secret' | 'publishable';

export interface ApiKey {
  id: string;
  tenantId: string;
  kind: KeyKind;
  /** `sk_live_` / `pk_live_`: what is shown in lists, with `last4`. */
  prefix: string;
  last4: string;
  scopes: string[];
  createdAt: number;
  revokedAt: number | null;
}

/** A key as stored: its SHA-256 hash, never the key itself. */
export interface NewApiKey extends Omit<ApiKey, 'revokedAt'> {
  hash: string;
}

/** Caps on active keys, checked atomically with the insert. */
export interface KeyLimits {
  perScopeSet: number;
  secretPerTenant: number;
}

/** Who did what, for the audit log. */
export interface AuditEntry {
  tenantId: string;
  /** Key id of the credential that made the change, or "operator". */
  actor: string;
  action: string;
  target: string;
  beforeHash: string | null;
  afterHash: string | null;
  /** Non-secret facts about the change (a token's origin and expiry); never a credential. */
  details?: Record<string, unknown> | null;
}

export interface AuditRecord extends AuditEntry {
  id: number;
  at: number;
}

export interface BrandingDraft {
  tenantId: string;
  brandJson: string;
  reportJson: string;
  hash: string;
  /** The compiled draft stylesheet, for signed preview links. */
  css: string;
  updatedAt: number;
}

export interface ThemeVersion {
  id: string;
  tenantId: string;
  version: number;
  hash: string;
  brandJson: string;
  css: string;
  tokensJson: string;
  reportJson: string;
  createdAt: number;
}

export type ThemeVersionSummary = Omit<
  ThemeVersion,
  'css' | 'tokensJson' | 'brandJson' | 'reportJson'
>;

export type DomainStatus = 'pending' | 'active' | 'failed';

export interface Domain {
  hostname: string;
  tenantId: string;
  status: DomainStatus;
  challenge: string;
  attempts: number;
  nextCheckAt: number | null;
  lastError: string | null;
  createdAt: number;
  verifiedAt: number | null;
}

export type SigningKeyStatus = 'next' | 'active' | 'retiring' | 'retired';

export interface SigningKey {
  kid: string;
  /**
   * The private JWK sealed under a master key (see auth/secret-box), '' once wiped; a legacy
   * row (`kekId` null) holds it in plain text until the key ring seals it.
   */
  privateJwk: string;
  /** The master key that sealed `privateJwk`, and how (`A256GCM`). */
  kekId: string | null;
  kekAlg: string | null;
  publicJwk: string;
  status: SigningKeyStatus;
  createdAt: number;
  /** When a retiring key may retire: the expiry of the last token it signed. */
  retireAfter: number | null;
}

/** Tenant-owned documents, each validated by its zod contract before it is stored. */
export type DocumentKind =
  | 'catalog'
  | 'pricing-plans'
  | 'screening-list'
  | 'onboarding-products'
  | 'chat-support';

export interface StoredQuote {
  id: string;
  tenantId: string;
  /** The signed quote as JSON. */
  json: string;
  createdAt: number;
  expiresAt: number;
}

/** A minted widget token as recorded (never the token itself). */
export interface IssuedToken {
  tenantId: string;
  jti: string;
  /** The secret key that minted it: revoking the key ends the token. */
  keyId: string;
  origin: string;
  scopes: string[];
  createdAt: number;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export type TokenState = 'active' | 'revoked' | 'unknown';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A tenant's data key, sealed by a master key (see auth/data-keys). */
export interface StoredDataKey {
  tenantId: string;
  wrappedKey: string;
  kekId: string;
  kekAlg: string;
  createdAt: number;
}

/** A customer's draft application; `sealed` is the draft JSON encrypted under the data key. */
export interface ApplicationDraftRecord {
  tenantId: string;
  customer: string;
  sealed: string;
  updatedAt: number;
}

/** An application as stored: personal data only inside `sealed`. */
export interface ApplicationRecord {
  id: string;
  tenantId: string;
  customer: string;
  product: string;
  status: string;
  sealed: string;
  /** The screening result at submission (hits name people: sealed like the steps), if any list was screened. */
  screeningSealed: string | null;
  counts: { signatories: number; contacts: number; services: number };
  createdAt: number;
  updatedAt: number;
  changeId: string;
}

/** Who asks to submit under an `Idempotency-Key`, and with which request (by hash). */
export interface IdempotencyClaim {
  tenantId: string;
  customer: string;
  key: string;
  requestHash: string;
  /** Random id of this request: the claim is its while the row holds it. */
  claim: string;
  at: number;
  /** How long an in-flight claim blocks others before it may be taken over. */
  leaseMs: number;
  /** How long a completed key replays its response. */
  ttlMs: number;
}

/** A key's row as the claim left it: ours, or someone else's (in flight or done). */
export interface IdempotencyRecord {
  claim: string;
  requestHash: string;
  state: 'in_flight' | 'done';
  statusCode: number | null;
  responseJson: string | null;
}

/** An event for the tenant's webhooks, written in the same batch as what it reports. */
export interface OutboxEvent {
  id: string;
  type: string;
  payload: Record<string, unknown>;
}

export interface ApplicationFilter {
  status?: string;
  createdFrom?: number;
  createdTo?: number;
  /** Continue after this (the last item of the previous page). */
  after?: { createdAt: number; id: string };
}

/** Where an upload is in its life: the customer's, part of an application, or being deleted. */
export type UploadState = 'uploaded' | 'attached' | 'removing';

/** A document a customer uploaded; its bytes are in the blob store, sealed. */
export interface UploadRecord {
  id: string;
  tenantId: string;
  customer: string;
  kind: string;
  /** The file name, sealed under the tenant's data key, or null when none was given. */
  nameSealed: string | null;
  type: string;
  size: number;
  sha256: string;
  state: UploadState;
  applicationId: string | null;
  createdAt: number;
  expiresAt: number;
}

/** What removing an upload needs: where its bytes are. */
export type UploadRef = Pick<UploadRecord, 'id' | 'tenantId' | 'customer'>;
