/** DocumentStore on SQL: catalog and pricing-plan documents, and quotes. */
import type { DocumentStore } from '../ports/documents.js';
import { q } from '../query.js';
import type { AuditEntry, DocumentKind, StoredQuote } from '../types.js';
import { auditRow, batch, first, type SqlContext } from './shared.js';

export function sqlDocuments({ x, now }: SqlContext): DocumentStore {
  return {
    async getDocument(tenantId: string, kind: DocumentKind) {
      const row = await first(
        x,
        q
          .selectFrom('tenant_documents')
          .select(['json', 'updated_at'])
          .where('tenant_id', '=', tenantId)
          .where('kind', '=', kind),
      );
      return row && { json: row.json, updatedAt: row.updated_at };
    },

    async setDocument(tenantId: string, kind: DocumentKind, json: string, audit: AuditEntry) {
      const at = now();
      await batch(x, [
        q
          .insertInto('tenant_documents')
          .values({ tenant_id: tenantId, kind, json, updated_at: at })
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'kind']).doUpdateSet({ json, updated_at: at }),
          ),
        auditRow(audit, at),
      ]);
    },

    async saveQuote(quote: StoredQuote): Promise<void> {
      await x.run(
        q
          .insertInto('quotes')
          .values({
            id: quote.id,
            tenant_id: quote.tenantId,
            json: quote.json,
            created_at: quote.createdAt,
            expires_at: quote.expiresAt,
          })
          .compile(),
      );
    },

    async getQuote(tenantId: string, id: string): Promise<StoredQuote | undefined> {
      const row = await first(
        x,
        q
          .selectFrom('quotes')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .where('expires_at', '>', now()),
      );
      return (
        row && {
          id: row.id,
          tenantId: row.tenant_id,
          json: row.json,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
        }
      );
    },

    async purgeExpiredQuotes(at: number): Promise<number> {
      const result = await x.run(q.deleteFrom('quotes').where('expires_at', '<=', at).compile());
      return result.changes;
    },
  };
}
