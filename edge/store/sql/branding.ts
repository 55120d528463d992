/** BrandingStore on SQL: versions numbered by `INSERT … SELECT max + 1` inside one batch. */
import { sql } from 'kysely';
import type { BrandingStore } from '../ports/branding.js';
import { q } from '../query.js';
import type { AuditEntry, BrandingDraft, ThemeVersion, ThemeVersionSummary } from '../types.js';
import { all, auditRow, batch, first, type SqlContext, versionFrom } from './shared.js';

export function sqlBranding({ x, now }: SqlContext): BrandingStore {
  return {
    async saveDraft(draft: BrandingDraft, audit: AuditEntry): Promise<void> {
      const values = {
        tenant_id: draft.tenantId,
        brand_json: draft.brandJson,
        report_json: draft.reportJson,
        hash: draft.hash,
        css: draft.css,
        updated_at: draft.updatedAt,
      };
      await batch(x, [
        q
          .insertInto('branding_drafts')
          .values(values)
          .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values)),
        auditRow(audit, now()),
      ]);
    },

    async getDraft(tenantId: string): Promise<BrandingDraft | undefined> {
      const row = await first(
        x,
        q.selectFrom('branding_drafts').selectAll().where('tenant_id', '=', tenantId),
      );
      return (
        row && {
          tenantId: row.tenant_id,
          brandJson: row.brand_json,
          reportJson: row.report_json,
          hash: row.hash,
          css: row.css,
          updatedAt: row.updated_at,
        }
      );
    },

    async publishTheme(version, audit): Promise<ThemeVersion> {
      // The number is taken by the statement that inserts (two publishes cannot share one:
      // the (tenant, version) index refuses the loser), then read back in the same batch.
      const [, , , stored] = await batch(x, [
        q
          .insertInto('theme_versions')
          .columns([
            'id',
            'tenant_id',
            'version',
            'hash',
            'brand_json',
            'css',
            'tokens_json',
            'report_json',
            'created_at',
          ])
          .expression(
            q
              .selectFrom('theme_versions')
              .select((eb) => [
                eb.val(version.id).as('id'),
                eb.val(version.tenantId).as('tenant_id'),
                sql<number>`coalesce(max(version), 0) + 1`.as('version'),
                eb.val(version.hash).as('hash'),
                eb.val(version.brandJson).as('brand_json'),
                eb.val(version.css).as('css'),
                eb.val(version.tokensJson).as('tokens_json'),
                eb.val(version.reportJson).as('report_json'),
                eb.val(version.createdAt).as('created_at'),
              ])
              .where('tenant_id', '=', version.tenantId),
          ),
        q
          .updateTable('tenants')
          .set({ current_theme_version_id: version.id })
          .where('id', '=', version.tenantId),
        auditRow(audit, now()),
        q.selectFrom('theme_versions').select('version').where('id', '=', version.id),
      ]);
      const number = (stored?.rows[0] as { version: number } | undefined)?.version;
      if (number === undefined) throw new Error('the published version was not stored');
      return { ...version, version: number };
    },

    async listThemeVersions(tenantId: string): Promise<ThemeVersionSummary[]> {
      return all(
        x,
        q
          .selectFrom('theme_versions')
          .select(['id', 'tenant_id as tenantId', 'version', 'hash', 'created_at as createdAt'])
          .where('tenant_id', '=', tenantId)
          .orderBy('version', 'desc'),
      );
    },

    async getThemeVersion(tenantId: string, id: string): Promise<ThemeVersion | undefined> {
      const row = await first(
        x,
        q
          .selectFrom('theme_versions')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id),
      );
      return row && versionFrom(row);
    },

    async getThemeVersionByHash(tenantId: string, hash: string): Promise<ThemeVersion | undefined> {
      const row = await first(
        x,
        q
          .selectFrom('theme_versions')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('hash', '=', hash)
          .orderBy('version', 'desc'),
      );
      return row && versionFrom(row);
    },

    async getCurrentTheme(tenantId: string): Promise<ThemeVersion | undefined> {
      const row = await first(
        x,
        q
          .selectFrom('theme_versions')
          .innerJoin('tenants', 'tenants.current_theme_version_id', 'theme_versions.id')
          .selectAll('theme_versions')
          .where('tenants.id', '=', tenantId),
      );
      return row && versionFrom(row);
    },

    async setCurrentTheme(tenantId: string, versionId: string, audit: AuditEntry) {
      const version = q
        .selectFrom('theme_versions')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', versionId);
      const [, , found] = await batch(x, [
        q
          .updateTable('tenants')
          .set({ current_theme_version_id: versionId })
          .where('id', '=', tenantId)
          .where((eb) => eb.exists(version)),
        auditRow(audit, now(), sql<boolean>`exists ${version}`),
        version,
      ]);
      return (found?.rows.length ?? 0) > 0;
    },
  };
}
