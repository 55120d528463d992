/** TenantStore on SQL: tenants, keys and origins, each write one atomic batch. */
import { sql } from 'kysely';
import type { TenantStore } from '../ports/tenants.js';
import { q } from '../query.js';
import type {
  ApiKey,
  AuditEntry,
  KeyLimits,
  NewApiKey,
  Page,
  Tenant,
  TenantStatus,
} from '../types.js';
import { all, auditRow, batch, first, keyFrom, type SqlContext, tenantFrom } from './shared.js';

const keyRow = (key: NewApiKey) => ({
  id: key.id,
  tenant_id: key.tenantId,
  kind: key.kind,
  prefix: key.prefix,
  last4: key.last4,
  hash: key.hash,
  scopes: JSON.stringify([...key.scopes].sort()),
  created_at: key.createdAt,
  revoked_at: null,
});

/** Active keys of a tenant and kind (optionally of one scope set), counted. */
const activeKeys = (tenantId: string, kind: string, scopes?: string) => {
  let query = q
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('tenant_id', '=', tenantId)
    .where('kind', '=', kind)
    .where('revoked_at', 'is', null);
  if (scopes !== undefined) query = query.where('scopes', '=', scopes);
  return query;
};

export function sqlTenants({ x, now }: SqlContext): TenantStore {
  return {
    async createTenant(tenant, keys, audit) {
      await batch(x, [
        q.insertInto('tenants').values({
          id: tenant.id,
          slug: tenant.slug,
          name: tenant.name,
          status: tenant.status,
          created_at: tenant.createdAt,
          current_theme_version_id: null,
        }),
        ...keys.map((key) => q.insertInto('api_keys').values(keyRow(key))),
        auditRow({ ...audit, tenantId: tenant.id }, now()),
      ]);
    },

    async getTenant(id: string): Promise<Tenant | undefined> {
      const row = await first(x, q.selectFrom('tenants').selectAll().where('id', '=', id));
      return row && tenantFrom(row);
    },

    async listTenants(cursor: string | null, limit: number): Promise<Page<Tenant>> {
      let query = q
        .selectFrom('tenants')
        .selectAll()
        .orderBy('id')
        .limit(limit + 1);
      if (cursor) query = query.where('id', '>', cursor);
      const found = (await all(x, query)).map(tenantFrom);
      const items = found.slice(0, limit);
      return { items, nextCursor: found.length > limit ? (items.at(-1)?.id ?? null) : null };
    },

    async setTenantStatus(id: string, status: TenantStatus, audit: Omit<AuditEntry, 'tenantId'>) {
      const exists = q.selectFrom('tenants').select('id').where('id', '=', id);
      const [, , found] = await batch(x, [
        q.updateTable('tenants').set({ status }).where('id', '=', id),
        auditRow({ ...audit, tenantId: id }, now(), sql<boolean>`exists ${exists}`),
        exists,
      ]);
      return (found?.rows.length ?? 0) > 0;
    },

    async findKeyByHash(hash: string): Promise<ApiKey | undefined> {
      const row = await first(x, q.selectFrom('api_keys').selectAll().where('hash', '=', hash));
      return row && keyFrom(row);
    },

    async listKeys(tenantId: string): Promise<ApiKey[]> {
      const found = await all(
        x,
        q
          .selectFrom('api_keys')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .orderBy('created_at')
          .orderBy('id'),
      );
      return found.map(keyFrom);
    },

    async createKey(key: NewApiKey, limits: KeyLimits, audit: AuditEntry) {
      const row = keyRow(key);
      const tenantCap = key.kind === 'secret' ? limits.secretPerTenant : Number.MAX_SAFE_INTEGER;
      // The caps are checked by the statement that inserts; the audit row follows only if the
      // key is there; the counts read back say which cap refused it otherwise.
      const inserted = q.selectFrom('api_keys').select('id').where('id', '=', key.id);
      const [, , found, sameSet] = await batch(x, [
        q
          .insertInto('api_keys')
          .columns([
            'id',
            'tenant_id',
            'kind',
            'prefix',
            'last4',
            'hash',
            'scopes',
            'created_at',
            'revoked_at',
          ])
          .expression(
            q
              .selectNoFrom((eb) => [
                eb.val(row.id).as('id'),
                eb.val(row.tenant_id).as('tenant_id'),
                eb.val(row.kind).as('kind'),
                eb.val(row.prefix).as('prefix'),
                eb.val(row.last4).as('last4'),
                eb.val(row.hash).as('hash'),
                eb.val(row.scopes).as('scopes'),
                eb.val(row.created_at).as('created_at'),
                eb.val(null).as('revoked_at'),
              ])
              .where(activeKeys(key.tenantId, key.kind, row.scopes), '<', limits.perScopeSet)
              .where(activeKeys(key.tenantId, key.kind), '<', tenantCap),
          ),
        auditRow(audit, now(), sql<boolean>`exists ${inserted}`),
        inserted,
        activeKeys(key.tenantId, key.kind, row.scopes),
      ]);
      if ((found?.rows.length ?? 0) > 0) return 'created';
      const count = Number((sameSet?.rows[0] as { count: number } | undefined)?.count ?? 0);
      return count >= limits.perScopeSet ? 'scope-set-limit' : 'tenant-limit';
    },

    async revokeKey(tenantId: string, keyId: string, at: number, audit: AuditEntry) {
      const revokedNow = q
        .selectFrom('api_keys')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', keyId)
        .where('revoked_at', '=', at);
      const [update] = await batch(x, [
        q
          .updateTable('api_keys')
          .set({ revoked_at: at })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', keyId)
          .where('revoked_at', 'is', null),
        // Audited when this revocation took effect (its time is on the row), not an earlier one.
        auditRow(audit, now(), sql<boolean>`exists ${revokedNow}`),
      ]);
      return (update?.changes ?? 0) > 0;
    },

    async getOrigins(tenantId: string): Promise<string[]> {
      const found = await all(
        x,
        q
          .selectFrom('origins')
          .select('origin')
          .where('tenant_id', '=', tenantId)
          .orderBy('origin'),
      );
      return found.map((r) => r.origin);
    },

    async setOrigins(tenantId: string, origins: string[], audit: AuditEntry) {
      await batch(x, [
        q.deleteFrom('origins').where('tenant_id', '=', tenantId),
        ...(origins.length > 0
          ? [
              q
                .insertInto('origins')
                .values(origins.map((origin) => ({ tenant_id: tenantId, origin }))),
            ]
          : []),
        auditRow(audit, now()),
      ]);
    },

    async isAllowedOriginAnywhere(origin: string): Promise<boolean> {
      const row = await first(
        x,
        q
          .selectFrom('origins')
          .innerJoin('tenants', 'tenants.id', 'origins.tenant_id')
          .select('origins.origin')
          .where('origins.origin', '=', origin)
          .where('tenants.status', '=', 'active'),
      );
      return row !== undefined;
    },
  };
}
