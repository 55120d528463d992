/** The audit log: every change, written by the other ports in the same batch as the change. */
import type { AuditRecord, Page } from '../types.js';

export interface AuditStore {
  listAudit(tenantId: string, cursor: string | null, limit: number): Promise<Page<AuditRecord>>;
}
