/** Tenants, their keys and allowed origins: the credentials aggregate. */
import type {
  ApiKey,
  AuditEntry,
  KeyLimits,
  NewApiKey,
  Page,
  Tenant,
  TenantStatus,
} from '../types.js';

export interface TenantStore {
  /** Creates the tenant with its first keys; throws a unique violation for a taken slug. */
  createTenant(
    tenant: Omit<Tenant, 'currentThemeVersionId'>,
    keys: NewApiKey[],
    audit: Omit<AuditEntry, 'tenantId'>,
  ): Promise<void>;
  getTenant(id: string): Promise<Tenant | undefined>;
  listTenants(cursor: string | null, limit: number): Promise<Page<Tenant>>;
  /** False for an unknown tenant. */
  setTenantStatus(
    id: string,
    status: TenantStatus,
    audit: Omit<AuditEntry, 'tenantId'>,
  ): Promise<boolean>;

  findKeyByHash(hash: string): Promise<ApiKey | undefined>;
  listKeys(tenantId: string): Promise<ApiKey[]>;
  /**
   * Inserts the key unless `limits.perScopeSet` keys of the same kind and scope set, or (for a
   * secret key) `limits.secretPerTenant` secret keys of the tenant, are active — checked by the
   * statement that inserts, so concurrent creations cannot both slip under a cap.
   */
  createKey(
    key: NewApiKey,
    limits: KeyLimits,
    audit: AuditEntry,
  ): Promise<'created' | 'scope-set-limit' | 'tenant-limit'>;
  /** False when no active key of the tenant has this id. */
  revokeKey(tenantId: string, keyId: string, at: number, audit: AuditEntry): Promise<boolean>;

  getOrigins(tenantId: string): Promise<string[]>;
  setOrigins(tenantId: string, origins: string[], audit: AuditEntry): Promise<void>;
  /** Whether any active tenant allows this origin (for credential-less CORS preflights). */
  isAllowedOriginAnywhere(origin: string): Promise<boolean>;
}
