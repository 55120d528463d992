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

/** Who did what, for the audit log. */
export interface AuditEntry {
  tenantId: string;
  /** Key id of the credential that made the change, or "operator". */
  actor: string;
  action: string;
  target: string;
  beforeHash: string | null;
  afterHash: string | null;
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
  /** The private JWK (JSON). */
  privateJwk: string;
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
  /** Inserts the key unless `maxActive` keys with the same kind and scope set are active. */
  createKey(key: NewApiKey, maxActive: number, audit: AuditEntry): Promise<'created' | 'limit'>;
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

  // Widget tokens
  revokeToken(jti: string, tenantId: string, expiresAt: number): Promise<void>;
  /** Revocations are per tenant: one tenant can never revoke another's token. */
  isTokenRevoked(jti: string, tenantId: string): Promise<boolean>;

  // Signing keys
  listSigningKeys(): Promise<SigningKey[]>;
  addSigningKey(key: SigningKey): Promise<void>;
  updateSigningKey(
    kid: string,
    patch: Partial<Pick<SigningKey, 'status' | 'retireAfter' | 'privateJwk'>>,
  ): Promise<void>;

  // Custom domains
  /**
   * Registers a hostname unless another claim holds it. An unverified claim (pending or failed)
   * created before `unverifiedExpireBefore` no longer holds it: it is dropped (audited for its
   * tenant), so nobody can squat a name they cannot verify.
   */
  createDomain(
    domain: Domain,
    audit: AuditEntry,
    unverifiedExpireBefore: number,
  ): Promise<'created' | 'taken'>;
  getDomain(hostname: string): Promise<Domain | undefined>;
  /** Pending domains whose next check is due, oldest first. */
  listDueDomains(now: number, limit: number): Promise<Domain[]>;
  listDomains(tenantId: string): Promise<Domain[]>;
  /** Updates the claim only if it is still this tenant's with this challenge; false otherwise. */
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
  getQuote(tenantId: string, id: string): Promise<StoredQuote | undefined>;

  close(): Promise<void>;
}
