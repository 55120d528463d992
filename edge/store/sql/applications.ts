/**
 * ApplicationStore on SQL. No read-then-write anywhere: a submission holds its idempotency
 * key through a claim (an upsert that only takes a free, expired or abandoned key), and every
 * row of the completing batch is written only while that claim holds the key; a status change
 * is an UPDATE … WHERE status = the old one, its audit and outbox rows written only if the
 * row now carries this change's id.
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import type { ApplicationStore } from '../ports/applications.js';
import { q } from '../query.js';
import type {
  ApplicationRecord,
  AuditEntry,
  IdempotencyClaim,
  IdempotencyRecord,
} from '../types.js';
import {
  all,
  auditRow,
  batch,
  first,
  insertWhen,
  outboxRow,
  type Row,
  type SqlContext,
} from './shared.js';

const applicationFrom = (r: Row<'applications'>): ApplicationRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  customer: r.customer,
  product: r.product,
  status: r.status,
  sealed: r.sealed,
  screeningSealed: r.screening ?? null,
  counts: {
    signatories: Number(r.signatory_count),
    contacts: Number(r.contact_count),
    services: Number(r.service_count),
  },
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  changeId: r.change_id,
});

const exists = (query: { compile: () => unknown }): Expression<SqlBool> =>
  sql<SqlBool>`exists ${query}`;

/** The key's row, whoever holds it. */
const keyRow = (c: IdempotencyClaim) =>
  q
    .selectFrom('idempotency_keys')
    .where('tenant_id', '=', c.tenantId)
    .where('customer', '=', c.customer)
    .where('idem_key', '=', c.key);

export function sqlApplications({ x }: SqlContext): ApplicationStore {
  return {
    async getDataKey(tenantId) {
      const row = await first(
        x,
        q.selectFrom('tenant_data_keys').selectAll().where('tenant_id', '=', tenantId),
      );
      return (
        row && {
          tenantId: row.tenant_id,
          wrappedKey: row.wrapped_key,
          kekId: row.kek_id,
          kekAlg: row.kek_alg,
          createdAt: Number(row.created_at),
        }
      );
    },

    async addDataKey(key) {
      await x.run(
        q
          .insertInto('tenant_data_keys')
          .values({
            tenant_id: key.tenantId,
            wrapped_key: key.wrappedKey,
            kek_id: key.kekId,
            kek_alg: key.kekAlg,
            created_at: key.createdAt,
          })
          .onConflict((oc) => oc.column('tenant_id').doNothing())
          .compile(),
      );
    },

    async resealDataKey(key, fromKekId) {
      await x.run(
        q
          .updateTable('tenant_data_keys')
          .set({ wrapped_key: key.wrappedKey, kek_id: key.kekId, kek_alg: key.kekAlg })
          .where('tenant_id', '=', key.tenantId)
          .where('kek_id', '=', fromKekId)
          .compile(),
      );
    },

    async saveApplicationDraft(draft) {
      const values = { sealed: draft.sealed, updated_at: draft.updatedAt };
      await x.run(
        q
          .insertInto('application_drafts')
          .values({ tenant_id: draft.tenantId, customer: draft.customer, ...values })
          .onConflict((oc) =>
            oc
              .columns(['tenant_id', 'customer'])
              .doUpdateSet(values)
              // Two instances' clocks may disagree: an older save never replaces a newer one.
              .where('application_drafts.updated_at', '<=', draft.updatedAt),
          )
          .compile(),
      );
    },

    async getApplicationDraft(tenantId, customer) {
      const row = await first(
        x,
        q
          .selectFrom('application_drafts')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('customer', '=', customer),
      );
      return (
        row && {
          tenantId: row.tenant_id,
          customer: row.customer,
          sealed: row.sealed,
          updatedAt: Number(row.updated_at),
        }
      );
    },

    async claimIdempotencyKey(c) {
      const taken = {
        request_hash: c.requestHash,
        claim: c.claim,
        state: 'in_flight',
        status_code: null,
        response_json: null,
        application_id: null,
        created_at: c.at,
        locked_until: c.at + c.leaseMs,
        expires_at: c.at + c.ttlMs,
      };
      const results = await batch(x, [
        q
          .insertInto('idempotency_keys')
          .values({ tenant_id: c.tenantId, customer: c.customer, idem_key: c.key, ...taken })
          .onConflict((oc) =>
            oc
              .columns(['tenant_id', 'customer', 'idem_key'])
              .doUpdateSet(taken)
              // Only a key past its 24 h, or a claim whose request never finished (it
              // crashed, or lost its connection to the database), is taken over.
              .where((eb) =>
                eb.or([
                  eb('idempotency_keys.expires_at', '<=', c.at),
                  eb.and([
                    eb('idempotency_keys.state', '=', 'in_flight'),
                    eb('idempotency_keys.locked_until', '<=', c.at),
                  ]),
                ]),
              ),
          ),
        keyRow(c).select(['claim', 'request_hash', 'state', 'status_code', 'response_json']),
      ]);
      const row = results[1]?.rows[0] as
        | Pick<
            Row<'idempotency_keys'>,
            'claim' | 'request_hash' | 'state' | 'status_code' | 'response_json'
          >
        | undefined;
      if (!row) throw new Error('idempotency key row missing after its claim');
      return {
        claim: row.claim,
        requestHash: row.request_hash,
        state: row.state as IdempotencyRecord['state'],
        statusCode: row.status_code === null ? null : Number(row.status_code),
        responseJson: row.response_json,
      };
    },

    async releaseIdempotencyKey(c) {
      await x.run(
        q
          .deleteFrom('idempotency_keys')
          .where('tenant_id', '=', c.tenantId)
          .where('customer', '=', c.customer)
          .where('idem_key', '=', c.key)
          .where('claim', '=', c.claim)
          .where('state', '=', 'in_flight')
          .compile(),
      );
    },

    async submitApplication(c, application, response, events, audit: AuditEntry, documents = []) {
      const held = exists(
        keyRow(c)
          .select('claim')
          .where('claim', '=', c.claim)
          .where('application_id', '=', application.id),
      );
      const at = application.createdAt;
      const attachable = q
        .selectFrom('application_uploads')
        .where('tenant_id', '=', application.tenantId)
        .where('customer', '=', application.customer)
        .where('id', 'in', documents.length > 0 ? [...documents] : [''])
        .where('state', '=', 'uploaded')
        .where('expires_at', '>', at);
      // Every document attachable, checked by the statement that completes the key: the rest
      // of the batch follows the key, so a document taken meanwhile writes nothing at all.
      const documentsReady = sql<SqlBool>`(${attachable.select((eb) =>
        eb.fn.countAll<number>().as('n'),
      )}) = ${documents.length}`;
      let complete = q
        .updateTable('idempotency_keys')
        .set({
          state: 'done',
          status_code: response.status,
          response_json: response.json,
          application_id: application.id,
        })
        .where('tenant_id', '=', c.tenantId)
        .where('customer', '=', c.customer)
        .where('idem_key', '=', c.key)
        .where('claim', '=', c.claim)
        .where('state', '=', 'in_flight');
      if (documents.length > 0) complete = complete.where(documentsReady);
      const results = await batch(x, [
        complete,
        insertWhen(
          'applications',
          {
            id: application.id,
            tenant_id: application.tenantId,
            customer: application.customer,
            product: application.product,
            status: application.status,
            sealed: application.sealed,
            screening: application.screeningSealed,
            signatory_count: application.counts.signatories,
            contact_count: application.counts.contacts,
            service_count: application.counts.services,
            created_at: application.createdAt,
            updated_at: application.updatedAt,
            change_id: application.changeId,
          },
          held,
        ),
        ...events.map((event) =>
          insertWhen('outbox', outboxRow(application.tenantId, event, at), held),
        ),
        auditRow(audit, at, held),
        q
          .deleteFrom('application_drafts')
          .where('tenant_id', '=', application.tenantId)
          .where('customer', '=', application.customer)
          .where(held),
        ...(documents.length > 0
          ? [
              q
                .updateTable('application_uploads')
                .set({ state: 'attached', application_id: application.id })
                .where('tenant_id', '=', application.tenantId)
                .where('customer', '=', application.customer)
                .where('id', 'in', [...documents])
                .where('state', '=', 'uploaded')
                .where(held),
            ]
          : []),
        keyRow(c).select(['claim', 'state']),
      ]);
      if ((results[0]?.changes ?? 0) > 0) return 'submitted';
      const row = results.at(-1)?.rows[0] as { claim: string; state: string } | undefined;
      return row?.claim === c.claim && row.state === 'in_flight'
        ? 'documents-unavailable'
        : 'claim-lost';
    },

    async getApplication(tenantId, id) {
      const row = await first(
        x,
        q
          .selectFrom('applications')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id),
      );
      return row && applicationFrom(row);
    },

    async listApplications(tenantId, filter, limit) {
      let query = q.selectFrom('applications').selectAll().where('tenant_id', '=', tenantId);
      if (filter.status !== undefined) query = query.where('status', '=', filter.status);
      if (filter.createdFrom !== undefined)
        query = query.where('created_at', '>=', filter.createdFrom);
      if (filter.createdTo !== undefined) query = query.where('created_at', '<', filter.createdTo);
      const after = filter.after;
      if (after)
        query = query.where((eb) =>
          eb.or([
            eb('created_at', '<', after.createdAt),
            eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
          ]),
        );
      const rows = await all(
        x,
        query
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(limit + 1),
      );
      return { items: rows.slice(0, limit).map(applicationFrom), more: rows.length > limit };
    },

    async changeApplicationStatus(change, event, audit) {
      const row = q
        .selectFrom('applications')
        .where('tenant_id', '=', change.tenantId)
        .where('id', '=', change.id);
      const won = exists(row.select('id').where('change_id', '=', change.changeId));
      const results = await batch(x, [
        q
          .updateTable('applications')
          .set({ status: change.to, updated_at: change.at, change_id: change.changeId })
          .where('tenant_id', '=', change.tenantId)
          .where('id', '=', change.id)
          .where('status', '=', change.from),
        insertWhen('outbox', outboxRow(change.tenantId, event, change.at), won),
        auditRow(audit, change.at, won),
        row.selectAll(),
      ]);
      const after = results[3]?.rows[0] as Row<'applications'> | undefined;
      return after && applicationFrom(after);
    },

    async setApplicationScreening(tenantId, id, before, after, at, audit) {
      const [updated] = await batch(x, [
        q
          .updateTable('applications')
          .set({ screening: after, updated_at: at })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .where('screening', '=', before),
        auditRow(
          audit,
          at,
          exists(
            q
              .selectFrom('applications')
              .select('id')
              .where('tenant_id', '=', tenantId)
              .where('id', '=', id)
              .where('screening', '=', after),
          ),
        ),
      ]);
      return (updated?.changes ?? 0) === 1;
    },

    async purgeExpiredIdempotencyKeys(now) {
      const result = await x.run(
        q.deleteFrom('idempotency_keys').where('expires_at', '<=', now).compile(),
      );
      return result.changes;
    },
  };
}
