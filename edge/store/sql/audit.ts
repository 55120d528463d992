/** AuditStore on SQL: the log read newest first, by cursor. */
import type { AuditStore } from '../ports/audit.js';
import { q } from '../query.js';
import type { AuditRecord } from '../types.js';
import { all, type SqlContext } from './shared.js';

export function sqlAudit({ x }: SqlContext): AuditStore {
  return {
    async listAudit(tenantId: string, cursor: string | null, limit: number) {
      let query = q
        .selectFrom('audit_log')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('id', 'desc')
        .limit(limit + 1);
      if (cursor) query = query.where('id', '<', Number(cursor));
      const found = await all(x, query);
      const items: AuditRecord[] = found.slice(0, limit).map((r) => ({
        id: Number(r.id),
        tenantId: r.tenant_id,
        actor: r.actor,
        action: r.action,
        target: r.target,
        beforeHash: r.before_hash,
        afterHash: r.after_hash,
        details: r.details === null ? null : (JSON.parse(r.details) as Record<string, unknown>),
        at: r.at,
      }));
      return { items, nextCursor: found.length > limit ? String(items.at(-1)?.id) : null };
    },
  };
}
