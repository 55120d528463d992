/**
 * DomainStore on SQL. Claims are keyed (hostname, tenant); a unique index on the active claim
 * per hostname settles a verification race between tenants: the loser's batch fails whole.
 */
import { sql } from 'kysely';
import { isUniqueViolation } from '../executor.js';
import type { DomainPatch, DomainStore } from '../ports/domains.js';
import { q } from '../query.js';
import type { AuditEntry, Domain } from '../types.js';
import { all, auditRow, batch, domainFrom, domainRow, first, type SqlContext } from './shared.js';

/** Audit rows written for other tenants' claims by the system (expired, ended). */
const systemAudit = (
  action: string,
  at: number,
  claims: ReturnType<typeof q.selectFrom<'domains'>>,
) =>
  q
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
      claims.select((eb) => [
        'tenant_id',
        eb.val('system').as('actor'),
        eb.val(action).as('action'),
        'hostname',
        eb.val(null).as('before_hash'),
        eb.val(null).as('after_hash'),
        eb.val(null).as('details'),
        eb.val(at).as('at'),
      ]),
    );

export function sqlDomains({ x, now }: SqlContext): DomainStore {
  const claim = (hostname: string, tenantId: string) =>
    q
      .selectFrom('domains')
      .select('hostname')
      .where('hostname', '=', hostname)
      .where('tenant_id', '=', tenantId);

  return {
    async createDomain(domain: Domain, audit: AuditEntry, unverifiedExpireBefore: number) {
      const at = now();
      const stale = () =>
        q
          .selectFrom('domains')
          .where('hostname', '=', domain.hostname)
          .where('status', '!=', 'active')
          .where('created_at', '<', unverifiedExpireBefore);
      const active = q
        .selectFrom('domains')
        .select('hostname')
        .where('hostname', '=', domain.hostname)
        .where('status', '=', 'active');
      const row = domainRow(domain);
      const ours = claim(domain.hostname, domain.tenantId).where(
        'challenge',
        '=',
        domain.challenge,
      );
      const results = await batch(x, [
        // Stale unverified claims (anyone's) stop counting: audited for their tenants, dropped.
        systemAudit('domain.expired', at, stale()),
        q
          .deleteFrom('domains')
          .where('hostname', '=', domain.hostname)
          .where('status', '!=', 'active')
          .where('created_at', '<', unverifiedExpireBefore),
        // A claim beside others' pending ones, never beside an active one.
        q
          .insertInto('domains')
          .columns([
            'hostname',
            'tenant_id',
            'status',
            'challenge',
            'attempts',
            'next_check_at',
            'last_error',
            'created_at',
            'verified_at',
          ])
          .expression(
            q
              .selectNoFrom((eb) => [
                eb.val(row.hostname).as('hostname'),
                eb.val(row.tenant_id).as('tenant_id'),
                eb.val(row.status).as('status'),
                eb.val(row.challenge).as('challenge'),
                eb.val(row.attempts).as('attempts'),
                eb.val(row.next_check_at).as('next_check_at'),
                eb.val(row.last_error).as('last_error'),
                eb.val(row.created_at).as('created_at'),
                eb.val(row.verified_at).as('verified_at'),
              ])
              .where((eb) => eb.not(eb.exists(active))),
          )
          .onConflict((oc) => oc.columns(['hostname', 'tenant_id']).doNothing()),
        auditRow(audit, at, sql<boolean>`exists ${ours}`),
        q
          .selectFrom('domains')
          .select(['tenant_id', 'status', 'challenge'])
          .where('hostname', '=', domain.hostname),
      ]);
      const claims = (results[4]?.rows ?? []) as {
        tenant_id: string;
        status: string;
        challenge: string;
      }[];
      if (claims.some((c) => c.tenant_id === domain.tenantId && c.challenge === domain.challenge))
        return 'created';
      return claims.some((c) => c.status === 'active') ? 'taken' : 'exists';
    },

    async getActiveDomain(hostname: string): Promise<Domain | undefined> {
      const found = await first(
        x,
        q
          .selectFrom('domains')
          .selectAll()
          .where('hostname', '=', hostname)
          .where('status', '=', 'active'),
      );
      return found && domainFrom(found);
    },

    async getDomain(tenantId: string, hostname: string): Promise<Domain | undefined> {
      const found = await first(
        x,
        q
          .selectFrom('domains')
          .selectAll()
          .where('hostname', '=', hostname)
          .where('tenant_id', '=', tenantId),
      );
      return found && domainFrom(found);
    },

    async listDueDomains(at: number, limit: number): Promise<Domain[]> {
      const found = await all(
        x,
        q
          .selectFrom('domains')
          .selectAll()
          .where('status', '=', 'pending')
          .where('next_check_at', '<=', at)
          .orderBy('next_check_at')
          .limit(limit),
      );
      return found.map(domainFrom);
    },

    async listDomains(tenantId: string): Promise<Domain[]> {
      const found = await all(
        x,
        q.selectFrom('domains').selectAll().where('tenant_id', '=', tenantId).orderBy('hostname'),
      );
      return found.map(domainFrom);
    },

    async updateDomain(
      hostname: string,
      match: { tenantId: string; challenge: string },
      patch: DomainPatch,
      audit: AuditEntry,
    ): Promise<boolean> {
      const at = now();
      const ours = claim(hostname, match.tenantId).where('challenge', '=', match.challenge);
      const activeOurs = claim(hostname, match.tenantId)
        .where('challenge', '=', match.challenge)
        .where('status', '=', 'active');
      const others = () =>
        q
          .selectFrom('domains')
          .where('hostname', '=', hostname)
          .where('tenant_id', '!=', match.tenantId)
          .where((eb) => eb.exists(activeOurs));
      const statements = [
        q
          .updateTable('domains')
          .set({
            ...(patch.status !== undefined ? { status: patch.status } : {}),
            ...(patch.attempts !== undefined ? { attempts: patch.attempts } : {}),
            ...(patch.nextCheckAt !== undefined ? { next_check_at: patch.nextCheckAt } : {}),
            ...(patch.lastError !== undefined ? { last_error: patch.lastError } : {}),
            ...(patch.verifiedAt !== undefined ? { verified_at: patch.verifiedAt } : {}),
          })
          .where('hostname', '=', hostname)
          .where('tenant_id', '=', match.tenantId)
          .where('challenge', '=', match.challenge),
        auditRow(audit, at, sql<boolean>`exists ${ours}`),
        // The first to verify owns the hostname: every other claim on it ends, audited.
        ...(patch.status === 'active'
          ? [
              systemAudit('domain.claim-ended', at, others()),
              q
                .deleteFrom('domains')
                .where('hostname', '=', hostname)
                .where('tenant_id', '!=', match.tenantId)
                .where((eb) => eb.exists(activeOurs)),
            ]
          : []),
        ours,
      ];
      try {
        const results = await batch(x, statements);
        return (results.at(-1)?.rows.length ?? 0) > 0;
      } catch (error) {
        // The one-active-claim index: another tenant verified this hostname first.
        if (patch.status === 'active' && isUniqueViolation(error)) return false;
        throw error;
      }
    },

    async deleteDomain(tenantId: string, hostname: string, audit: AuditEntry): Promise<boolean> {
      const mine = claim(hostname, tenantId);
      const [found] = await batch(x, [
        mine,
        auditRow(audit, now(), sql<boolean>`exists ${mine}`),
        q.deleteFrom('domains').where('hostname', '=', hostname).where('tenant_id', '=', tenantId),
      ]);
      return (found?.rows.length ?? 0) > 0;
    },
  };
}
