/** Custom-domain claims: per (hostname, tenant); at most one active claim per hostname. */
import type { AuditEntry, Domain } from '../types.js';

export type DomainPatch = Partial<
  Pick<Domain, 'status' | 'attempts' | 'nextCheckAt' | 'lastError' | 'verifiedAt'>
>;

export interface DomainStore {
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
    patch: DomainPatch,
    audit: AuditEntry,
  ): Promise<boolean>;
  deleteDomain(tenantId: string, hostname: string, audit: AuditEntry): Promise<boolean>;
}
