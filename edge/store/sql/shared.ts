/** What the SQL implementations of the ports share: the audit statement and row mappers. */
import type { Compilable, Expression, SqlBool } from 'kysely';
import type { SqlExecutor } from '../executor.js';
import { q } from '../query.js';
import type { Database } from '../schema.js';
import type { ApiKey, AuditEntry, Domain, OutboxEvent, Tenant, ThemeVersion } from '../types.js';

export type Row<T extends keyof Database> = Database[T];

/** What every port implementation is built from. */
export interface SqlContext {
  x: SqlExecutor;
  now: () => number;
}

/**
 * The audit row of a change, for the same batch as the change. With `when`, it is written only
 * if the condition holds once the change has run (the change happened, not just was asked).
 */
export function auditRow(entry: AuditEntry, at: number, when?: Expression<SqlBool>) {
  const values = {
    tenant_id: entry.tenantId,
    actor: entry.actor,
    action: entry.action,
    target: entry.target,
    before_hash: entry.beforeHash,
    after_hash: entry.afterHash,
    details: entry.details ? JSON.stringify(entry.details) : null,
    at,
  };
  if (!when) return q.insertInto('audit_log').values({ id: undefined, ...values });
  return q
    .insertInto('audit_log')
    .columns([
      'tenant_id',
      'actor',
      'action',
      'target',
      'before_hash',
      'after_hash',
      'details',
      'at',
    ])
    .expression(
      q
        .selectNoFrom((eb) => [
          eb.val(values.tenant_id).as('tenant_id'),
          eb.val(values.actor).as('actor'),
          eb.val(values.action).as('action'),
          eb.val(values.target).as('target'),
          eb.val(values.before_hash).as('before_hash'),
          eb.val(values.after_hash).as('after_hash'),
          eb.val(values.details).as('details'),
          eb.val(values.at).as('at'),
        ])
        .where(when),
    );
}

/**
 * `INSERT INTO table (…) SELECT <values> WHERE <when>`: a row written only if the condition
 * holds when its turn in the batch comes (an earlier statement of the batch took effect).
 */
export function insertWhen<T extends keyof Database>(
  table: T,
  values: Database[T],
  when: Expression<SqlBool>,
) {
  const row = values as Record<string, unknown>;
  const names = Object.keys(row);
  return q
    .insertInto(table)
    .columns(names as never)
    .expression(
      q.selectNoFrom((eb) => names.map((name) => eb.val(row[name]).as(name))).where(when) as never,
    );
}

/** An event for the tenant's webhooks, for the batch of the change it reports. */
export const outboxRow = (tenantId: string, event: OutboxEvent, at: number): Row<'outbox'> => ({
  id: event.id,
  tenant_id: tenantId,
  type: event.type,
  payload: JSON.stringify(event.payload),
  created_at: at,
  dispatched_at: null,
});

export const tenantFrom = (r: Row<'tenants'>): Tenant => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  status: r.status as Tenant['status'],
  createdAt: r.created_at,
  currentThemeVersionId: r.current_theme_version_id,
});

export const keyFrom = (r: Row<'api_keys'>): ApiKey => ({
  id: r.id,
  tenantId: r.tenant_id,
  kind: r.kind as ApiKey['kind'],
  prefix: r.prefix,
  last4: r.last4,
  scopes: JSON.parse(r.scopes) as string[],
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

export const versionFrom = (r: Row<'theme_versions'>): ThemeVersion => ({
  id: r.id,
  tenantId: r.tenant_id,
  version: r.version,
  hash: r.hash,
  brandJson: r.brand_json,
  css: r.css,
  tokensJson: r.tokens_json,
  reportJson: r.report_json,
  createdAt: r.created_at,
});

export const domainRow = (d: Domain): Row<'domains'> => ({
  hostname: d.hostname,
  tenant_id: d.tenantId,
  status: d.status,
  challenge: d.challenge,
  attempts: d.attempts,
  next_check_at: d.nextCheckAt,
  last_error: d.lastError,
  created_at: d.createdAt,
  verified_at: d.verifiedAt,
});

export const domainFrom = (r: Row<'domains'>): Domain => ({
  hostname: r.hostname,
  tenantId: r.tenant_id,
  status: r.status as Domain['status'],
  challenge: r.challenge,
  attempts: r.attempts,
  nextCheckAt: r.next_check_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  verifiedAt: r.verified_at,
});

/** The rows of a read, run on its own, typed by the builder. */
export async function all<O>(x: SqlExecutor, query: Compilable<O>): Promise<O[]> {
  return (await x.run<O>(query.compile())).rows;
}

/** The first row of a read, if any. */
export async function first<O>(x: SqlExecutor, query: Compilable<O>): Promise<O | undefined> {
  return (await all(x, query))[0];
}

/** Runs builders as one atomic batch; returns each one's rows, typed loosely. */
export async function batch(x: SqlExecutor, queries: Compilable<unknown>[]) {
  return x.batch(queries.map((query) => query.compile()));
}
