/** Tenant-owned documents (catalog, pricing plans) and the quotes priced from the plans. */
import type { AuditEntry, DocumentKind, StoredQuote } from '../types.js';

export interface DocumentStore {
  getDocument(
    tenantId: string,
    kind: DocumentKind,
  ): Promise<{ json: string; updatedAt: number } | undefined>;
  setDocument(tenantId: string, kind: DocumentKind, json: string, audit: AuditEntry): Promise<void>;
  saveQuote(quote: StoredQuote): Promise<void>;
  /** An unexpired quote of the tenant. */
  getQuote(tenantId: string, id: string): Promise<StoredQuote | undefined>;
  /** Deletes quotes that expired before `now`; returns how many. */
  purgeExpiredQuotes(now: number): Promise<number>;
}
