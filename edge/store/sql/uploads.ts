/**
 * UploadStore on SQL. The cap on a customer's unattached uploads is checked by the insert
 * itself; removal is a conditional update to `removing` (only an unattached upload), so a
 * submission's attach (`WHERE state = 'uploaded'`) and a removal cannot both win.
 */
import { type SqlBool, sql } from 'kysely';
import type { UploadStore } from '../ports/uploads.js';
import { q } from '../query.js';
import type { UploadRecord } from '../types.js';
import { all, batch, insertWhen, type Row, type SqlContext } from './shared.js';

export const uploadRow = (u: UploadRecord): Row<'application_uploads'> => ({
  id: u.id,
  tenant_id: u.tenantId,
  customer: u.customer,
  kind: u.kind,
  name: u.nameSealed,
  type: u.type,
  size: u.size,
  sha256: u.sha256,
  state: u.state,
  application_id: u.applicationId,
  created_at: u.createdAt,
  expires_at: u.expiresAt,
});

const uploadFrom = (r: Row<'application_uploads'>): UploadRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  customer: r.customer,
  kind: r.kind,
  nameSealed: r.name,
  type: r.type,
  size: Number(r.size),
  sha256: r.sha256,
  state: r.state as UploadRecord['state'],
  applicationId: r.application_id,
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
});

/** D1 binds at most 100 parameters a statement: ids go in slices. */
const ID_SLICE = 90;
const slices = <T>(items: readonly T[]) =>
  Array.from({ length: Math.ceil(items.length / ID_SLICE) }, (_, i) =>
    items.slice(i * ID_SLICE, (i + 1) * ID_SLICE),
  );

export function sqlUploads({ x }: SqlContext): UploadStore {
  return {
    async addUpload(upload, maxPending) {
      const pending = q
        .selectFrom('application_uploads')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', upload.tenantId)
        .where('customer', '=', upload.customer)
        .where('state', '=', 'uploaded');
      const [inserted] = await batch(x, [
        insertWhen(
          'application_uploads',
          uploadRow(upload),
          sql<SqlBool>`(${pending}) < ${maxPending}`,
        ),
      ]);
      return (inserted?.changes ?? 0) > 0;
    },

    async getUploads(tenantId, ids) {
      const found: UploadRecord[] = [];
      for (const slice of slices(ids)) {
        const rows = await all(
          x,
          q
            .selectFrom('application_uploads')
            .selectAll()
            .where('tenant_id', '=', tenantId)
            .where('id', 'in', slice),
        );
        found.push(...rows.map(uploadFrom));
      }
      return found;
    },

    async listApplicationUploads(tenantId, applicationId) {
      const rows = await all(
        x,
        q
          .selectFrom('application_uploads')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('application_id', '=', applicationId)
          .where('state', '=', 'attached')
          .orderBy('created_at')
          .orderBy('id'),
      );
      return rows.map(uploadFrom);
    },

    async markUploadRemoved(tenantId, customer, id) {
      const result = await x.run(
        q
          .updateTable('application_uploads')
          .set({ state: 'removing' })
          .where('tenant_id', '=', tenantId)
          .where('customer', '=', customer)
          .where('id', '=', id)
          .where('state', '=', 'uploaded')
          .compile(),
      );
      return result.changes > 0;
    },

    async takeRemovedUploads(now, limit) {
      const [, taken] = await batch(x, [
        q
          .updateTable('application_uploads')
          .set({ state: 'removing' })
          .where('state', '=', 'uploaded')
          .where('expires_at', '<=', now),
        q
          .selectFrom('application_uploads')
          .select(['id', 'tenant_id', 'customer'])
          .where('state', '=', 'removing')
          .orderBy('expires_at')
          .limit(limit),
      ]);
      return (
        (taken?.rows ?? []) as Pick<Row<'application_uploads'>, 'id' | 'tenant_id' | 'customer'>[]
      ).map((r) => ({ id: r.id, tenantId: r.tenant_id, customer: r.customer }));
    },

    async deleteRemovedUploads(ids) {
      let deleted = 0;
      for (const slice of slices(ids)) {
        const result = await x.run(
          q
            .deleteFrom('application_uploads')
            .where('id', 'in', slice)
            .where('state', '=', 'removing')
            .compile(),
        );
        deleted += result.changes;
      }
      return deleted;
    },
  };
}
