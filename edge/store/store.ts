/**
 * The edge's storage, as whole operations ("publish a theme version", "revoke a key"), never
 * "begin/commit" for callers: D1 has no interactive transactions, so each multi-statement
 * write is one atomic unit inside the implementation, audit row included.
 */

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
export type DocumentKind = 'catalog' | 'pricing-plans';

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

export interface Store {
  // Tenants (operator)
  createTenant(
    tenant: Omit<Tenant, 'currentThemeVersionId'>,
    keys: NewApiKey[],
    audit: Omit<AuditEntry, 'tenantId'>,
  ): Promise<void>;
  getTenant(id: string): Promise<Tenant | undefined>;
  listTenants(cursor: string | null, limit: number): Promise<Page<Tenant>>;
  setTenantStatus(
    id: string,
    status: TenantStatus,
    audit: Omit<AuditEntry, 'tenantId'>,
  ): Promise<boolean>;

  // Keys
  findKeyByHash(hash: string): Promise<ApiKey | undefined>;
  listKeys(tenantId: string): Promise<ApiKey[]>;
  /**
   * Inserts the key unless `limits.perScopeSet` keys of the same kind and scope set, or (for a
   * secret key) `limits.secretPerTenant` secret keys of the tenant, are active.
   */
  createKey(
    key: NewApiKey,
    limits: KeyLimits,
    audit: AuditEntry,
  ): Promise<'created' | 'scope-set-limit' | 'tenant-limit'>;
  revokeKey(tenantId: string, keyId: string, at: number, audit: AuditEntry): Promise<boolean>;

  // Allowed origins
  getOrigins(tenantId: string): Promise<string[]>;
  setOrigins(tenantId: string, origins: string[], audit: AuditEntry): Promise<void>;
  /** Whether any active tenant allows this origin (for credential-less CORS preflights). */
  isAllowedOriginAnywhere(origin: string): Promise<boolean>;

  // Branding
  saveDraft(draft: BrandingDraft, audit: AuditEntry): Promise<void>;
  getDraft(tenantId: string): Promise<BrandingDraft | undefined>;
  /** Stores an immutable version (numbered after the last) and makes it current. */
  publishTheme(version: Omit<ThemeVersion, 'version'>, audit: AuditEntry): Promise<ThemeVersion>;
  listThemeVersions(tenantId: string): Promise<ThemeVersionSummary[]>;
  getThemeVersion(tenantId: string, id: string): Promise<ThemeVersion | undefined>;
  getThemeVersionByHash(tenantId: string, hash: string): Promise<ThemeVersion | undefined>;
  getCurrentTheme(tenantId: string): Promise<ThemeVersion | undefined>;
  setCurrentTheme(tenantId: string, versionId: string, audit: AuditEntry): Promise<boolean>;

  // Audit
  listAudit(tenantId: string, cursor: string | null, limit: number): Promise<Page<AuditRecord>>;

  // Widget tokens (always per tenant: one tenant can never see or revoke another's)
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

  // Signing keys
  listSigningKeys(): Promise<SigningKey[]>;
  addSigningKey(key: SigningKey): Promise<void>;
  updateSigningKey(
    kid: string,
    patch: Partial<Pick<SigningKey, 'status' | 'retireAfter' | 'privateJwk' | 'kekId' | 'kekAlg'>>,
  ): Promise<void>;

  // Custom domains: claims per (hostname, tenant); at most one active claim per hostname
  /**
   * Claims a hostname for a tenant. Several tenants may hold pending claims on one hostname,
   * each with its own challenge; `taken` when any claim on it is active, `exists` when this
   * tenant already claims it. Unverified claims created before `unverifiedExpireBefore` are
   * dropped first (audited for their tenants).
   */
  createDomain(
    domain: Domain,
    audit: AuditEntry,
    unverifiedExpireBefore: number,
  ): Promise<'created' | 'exists' | 'taken'>;
  /** The active claim on a hostname: what routes a request to a tenant. */
  getActiveDomain(hostname: string): Promise<Domain | undefined>;
  /** The tenant's own claim on a hostname, in any state. */
  getDomain(tenantId: string, hostname: string): Promise<Domain | undefined>;
  /** Pending claims whose next check is due, oldest first. */
  listDueDomains(now: number, limit: number): Promise<Domain[]>;
  listDomains(tenantId: string): Promise<Domain[]>;
  /**
   * Updates the claim only if it is still this tenant's with this challenge; false otherwise
   * (also when activating it loses to another tenant's claim already active). Activating a
   * claim ends every other tenant's claim on the hostname, audited for each.
   */
  updateDomain(
    hostname: string,
    match: { tenantId: string; challenge: string },
    patch: Partial<
      Pick<Domain, 'status' | 'attempts' | 'nextCheckAt' | 'lastError' | 'verifiedAt'>
    >,
    audit: AuditEntry,
  ): Promise<boolean>;
  deleteDomain(tenantId: string, hostname: string, audit: AuditEntry): Promise<boolean>;

  // Catalog, pricing plans and quotes
  getDocument(
    tenantId: string,
    kind: DocumentKind,
  ): Promise<{ json: string; updatedAt: number } | undefined>;
  setDocument(tenantId: string, kind: DocumentKind, json: string, audit: AuditEntry): Promise<void>;
  saveQuote(quote: StoredQuote): Promise<void>;
  /** An unexpired quote of the tenant. */
  getQuote(tenantId: string, id: string): Promise<StoredQuote | undefined>;

  /** Deletes quotes and token records that expired before `now`; returns how many of each. */
  purgeExpired(now: number): Promise<{ quotes: number; tokens: number }>;

  close(): Promise<void>;
}
