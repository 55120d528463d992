/**
 * The Store on Kysely: the same SQL for SQLite (Node, better-sqlite3) and D1. Every write that
 * touches more than one row, audit row included, runs in one transaction.
 */
import { type Kysely, Migrator, type Transaction } from 'kysely';
import { type Database, migrationProvider } from './schema.js';
import type {
  ApiKey,
  AuditEntry,
  AuditRecord,
  BrandingDraft,
  DocumentKind,
  Domain,
  IssuedToken,
  KeyLimits,
  NewApiKey,
  Page,
  SigningKey,
  Store,
  StoredQuote,
  Tenant,
  TenantStatus,
  ThemeVersion,
  ThemeVersionSummary,
  TokenState,
} from './store.js';

type Db = Kysely<Database> | Transaction<Database>;
type Row<T extends keyof Database> = Database[T];

/** Runs the bundled migrations; throws with the failing migration's name. */
export async function migrate(db: Kysely<Database>): Promise<void> {
  const { error, results } = await new Migrator({
    db,
    provider: migrationProvider,
  }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${(error as Error).message}`);
  }
}

const tenantFrom = (r: Row<'tenants'>): Tenant => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  status: r.status as Tenant['status'],
  createdAt: r.created_at,
  currentThemeVersionId: r.current_theme_version_id,
});

const keyFrom = (r: Row<'api_keys'>): ApiKey => ({
  id: r.id,
  tenantId: r.tenant_id,
  kind: r.kind as ApiKey['kind'],
  prefix: r.prefix,
  last4: r.last4,
  scopes: JSON.parse(r.scopes) as string[],
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

const versionFrom = (r: Row<'theme_versions'>): ThemeVersion => ({
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

const domainRow = (d: Domain): Row<'domains'> => ({
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

const domainFrom = (r: Row<'domains'>): Domain => ({
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

export class KyselyStore implements Store {
  readonly #db: Kysely<Database>;
  readonly #now: () => number;

  constructor(db: Kysely<Database>, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  async #audit(db: Db, entry: AuditEntry): Promise<void> {
    await db
      .insertInto('audit_log')
      .values({
        id: undefined,
        tenant_id: entry.tenantId,
        actor: entry.actor,
        action: entry.action,
        target: entry.target,
        before_hash: entry.beforeHash,
        after_hash: entry.afterHash,
        details: entry.details ? JSON.stringify(entry.details) : null,
        at: this.#now(),
      })
      .execute();
  }

  async createTenant(
    tenant: Omit<Tenant, 'currentThemeVersionId'>,
    keys: NewApiKey[],
    audit: Omit<AuditEntry, 'tenantId'>,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .insertInto('tenants')
        .values({
          id: tenant.id,
          slug: tenant.slug,
          name: tenant.name,
          status: tenant.status,
          created_at: tenant.createdAt,
          current_theme_version_id: null,
        })
        .execute();
      for (const key of keys) await this.#insertKey(trx, key);
      await this.#audit(trx, { ...audit, tenantId: tenant.id });
    });
  }

  async getTenant(id: string): Promise<Tenant | undefined> {
    const row = await this.#db
      .selectFrom('tenants')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && tenantFrom(row);
  }

  async listTenants(cursor: string | null, limit: number): Promise<Page<Tenant>> {
    let query = this.#db
      .selectFrom('tenants')
      .selectAll()
      .orderBy('id')
      .limit(limit + 1);
    if (cursor) query = query.where('id', '>', cursor);
    const rows = (await query.execute()).map(tenantFrom);
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
  }

  async setTenantStatus(
    id: string,
    status: TenantStatus,
    audit: Omit<AuditEntry, 'tenantId'>,
  ): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('tenants')
        .set({ status })
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      await this.#audit(trx, { ...audit, tenantId: id });
      return true;
    });
  }

  async #insertKey(db: Db, key: NewApiKey): Promise<void> {
    await db
      .insertInto('api_keys')
      .values({
        id: key.id,
        tenant_id: key.tenantId,
        kind: key.kind,
        prefix: key.prefix,
        last4: key.last4,
        hash: key.hash,
        scopes: JSON.stringify([...key.scopes].sort()),
        created_at: key.createdAt,
        revoked_at: null,
      })
      .execute();
  }

  async findKeyByHash(hash: string): Promise<ApiKey | undefined> {
    const row = await this.#db
      .selectFrom('api_keys')
      .selectAll()
      .where('hash', '=', hash)
      .executeTakeFirst();
    return row && keyFrom(row);
  }

  async listKeys(tenantId: string): Promise<ApiKey[]> {
    const rows = await this.#db
      .selectFrom('api_keys')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(keyFrom);
  }

  async createKey(
    key: NewApiKey,
    limits: KeyLimits,
    audit: AuditEntry,
  ): Promise<'created' | 'scope-set-limit' | 'tenant-limit'> {
    const scopes = JSON.stringify([...key.scopes].sort());
    const active = (db: Db) =>
      db
        .selectFrom('api_keys')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('tenant_id', '=', key.tenantId)
        .where('kind', '=', key.kind)
        .where('revoked_at', 'is', null);
    return this.#db.transaction().execute(async (trx) => {
      // One conditional insert: the caps are checked by the statement that writes, so two
      // concurrent creations cannot both slip under them.
      const result = await trx
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
          trx
            .selectNoFrom((eb) => [
              eb.val(key.id).as('id'),
              eb.val(key.tenantId).as('tenant_id'),
              eb.val(key.kind).as('kind'),
              eb.val(key.prefix).as('prefix'),
              eb.val(key.last4).as('last4'),
              eb.val(key.hash).as('hash'),
              eb.val(scopes).as('scopes'),
              eb.val(key.createdAt).as('created_at'),
              eb.val(null).as('revoked_at'),
            ])
            .where(active(trx).where('scopes', '=', scopes), '<', limits.perScopeSet)
            .where(
              active(trx),
              '<',
              key.kind === 'secret' ? limits.secretPerTenant : Number.MAX_SAFE_INTEGER,
            ),
        )
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) {
        const { count } = await active(trx).where('scopes', '=', scopes).executeTakeFirstOrThrow();
        return Number(count) >= limits.perScopeSet ? 'scope-set-limit' : 'tenant-limit';
      }
      await this.#audit(trx, audit);
      return 'created';
    });
  }

  async revokeKey(
    tenantId: string,
    keyId: string,
    at: number,
    audit: AuditEntry,
  ): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('api_keys')
        .set({ revoked_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', keyId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      await this.#audit(trx, audit);
      return true;
    });
  }

  async getOrigins(tenantId: string): Promise<string[]> {
    const rows = await this.#db
      .selectFrom('origins')
      .select('origin')
      .where('tenant_id', '=', tenantId)
      .orderBy('origin')
      .execute();
    return rows.map((r) => r.origin);
  }

  async setOrigins(tenantId: string, origins: string[], audit: AuditEntry): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('origins').where('tenant_id', '=', tenantId).execute();
      if (origins.length > 0) {
        await trx
          .insertInto('origins')
          .values(origins.map((origin) => ({ tenant_id: tenantId, origin })))
          .execute();
      }
      await this.#audit(trx, audit);
    });
  }

  async isAllowedOriginAnywhere(origin: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('origins')
      .innerJoin('tenants', 'tenants.id', 'origins.tenant_id')
      .select('origins.origin')
      .where('origins.origin', '=', origin)
      .where('tenants.status', '=', 'active')
      .executeTakeFirst();
    return row !== undefined;
  }

  async saveDraft(draft: BrandingDraft, audit: AuditEntry): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const values = {
        tenant_id: draft.tenantId,
        brand_json: draft.brandJson,
        report_json: draft.reportJson,
        hash: draft.hash,
        css: draft.css,
        updated_at: draft.updatedAt,
      };
      await trx
        .insertInto('branding_drafts')
        .values(values)
        .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
        .execute();
      await this.#audit(trx, audit);
    });
  }

  async getDraft(tenantId: string): Promise<BrandingDraft | undefined> {
    const row = await this.#db
      .selectFrom('branding_drafts')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
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
  }

  async publishTheme(
    version: Omit<ThemeVersion, 'version'>,
    audit: AuditEntry,
  ): Promise<ThemeVersion> {
    return this.#db.transaction().execute(async (trx) => {
      const { last } = await trx
        .selectFrom('theme_versions')
        .select((eb) => eb.fn.max<number | null>('version').as('last'))
        .where('tenant_id', '=', version.tenantId)
        .executeTakeFirstOrThrow();
      const stored: ThemeVersion = { ...version, version: (last ?? 0) + 1 };
      await trx
        .insertInto('theme_versions')
        .values({
          id: stored.id,
          tenant_id: stored.tenantId,
          version: stored.version,
          hash: stored.hash,
          brand_json: stored.brandJson,
          css: stored.css,
          tokens_json: stored.tokensJson,
          report_json: stored.reportJson,
          created_at: stored.createdAt,
        })
        .execute();
      await trx
        .updateTable('tenants')
        .set({ current_theme_version_id: stored.id })
        .where('id', '=', stored.tenantId)
        .execute();
      await this.#audit(trx, audit);
      return stored;
    });
  }

  async listThemeVersions(tenantId: string): Promise<ThemeVersionSummary[]> {
    return this.#db
      .selectFrom('theme_versions')
      .select(['id', 'tenant_id as tenantId', 'version', 'hash', 'created_at as createdAt'])
      .where('tenant_id', '=', tenantId)
      .orderBy('version', 'desc')
      .execute();
  }

  async getThemeVersion(tenantId: string, id: string): Promise<ThemeVersion | undefined> {
    const row = await this.#db
      .selectFrom('theme_versions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && versionFrom(row);
  }

  async getThemeVersionByHash(tenantId: string, hash: string): Promise<ThemeVersion | undefined> {
    const row = await this.#db
      .selectFrom('theme_versions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('hash', '=', hash)
      .orderBy('version', 'desc')
      .executeTakeFirst();
    return row && versionFrom(row);
  }

  async getCurrentTheme(tenantId: string): Promise<ThemeVersion | undefined> {
    const row = await this.#db
      .selectFrom('theme_versions')
      .innerJoin('tenants', 'tenants.current_theme_version_id', 'theme_versions.id')
      .selectAll('theme_versions')
      .where('tenants.id', '=', tenantId)
      .executeTakeFirst();
    return row && versionFrom(row);
  }

  async setCurrentTheme(tenantId: string, versionId: string, audit: AuditEntry): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const exists = await trx
        .selectFrom('theme_versions')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', versionId)
        .executeTakeFirst();
      if (!exists) return false;
      await trx
        .updateTable('tenants')
        .set({ current_theme_version_id: versionId })
        .where('id', '=', tenantId)
        .execute();
      await this.#audit(trx, audit);
      return true;
    });
  }

  async listAudit(
    tenantId: string,
    cursor: string | null,
    limit: number,
  ): Promise<Page<AuditRecord>> {
    let query = this.#db
      .selectFrom('audit_log')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('id', 'desc')
      .limit(limit + 1);
    if (cursor) query = query.where('id', '<', Number(cursor));
    const rows = await query.execute();
    const items: AuditRecord[] = rows.slice(0, limit).map((r) => ({
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
    return { items, nextCursor: rows.length > limit ? String(items.at(-1)?.id) : null };
  }

  async recordToken(token: IssuedToken, audit: AuditEntry): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .insertInto('issued_tokens')
        .values({
          tenant_id: token.tenantId,
          jti: token.jti,
          key_id: token.keyId,
          origin: token.origin,
          scopes: JSON.stringify(token.scopes),
          created_at: token.createdAt,
          expires_at: token.expiresAt,
          revoked_at: null,
        })
        .execute();
      await this.#audit(trx, audit);
    });
  }

  async tokenState(tenantId: string, jti: string): Promise<TokenState> {
    const row = await this.#db
      .selectFrom('issued_tokens')
      .leftJoin('api_keys', 'api_keys.id', 'issued_tokens.key_id')
      .select(['issued_tokens.revoked_at as revoked', 'api_keys.revoked_at as keyRevoked'])
      .select('api_keys.id as keyId')
      .where('issued_tokens.tenant_id', '=', tenantId)
      .where('issued_tokens.jti', '=', jti)
      .executeTakeFirst();
    if (!row) return 'unknown';
    // A token outlives neither its own revocation nor its minting key's.
    return row.revoked !== null || row.keyId === null || row.keyRevoked !== null
      ? 'revoked'
      : 'active';
  }

  async revokeToken(
    tenantId: string,
    jti: string,
    at: number,
    audit: AuditEntry,
  ): Promise<'revoked' | 'already-revoked' | 'unknown'> {
    return this.#db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('issued_tokens')
        .set({ revoked_at: at })
        .where('tenant_id', '=', tenantId)
        .where('jti', '=', jti)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (result.numUpdatedRows > 0n) {
        await this.#audit(trx, audit);
        return 'revoked';
      }
      const exists = await trx
        .selectFrom('issued_tokens')
        .select('jti')
        .where('tenant_id', '=', tenantId)
        .where('jti', '=', jti)
        .executeTakeFirst();
      return exists ? 'already-revoked' : 'unknown';
    });
  }

  async revokeAllTokens(tenantId: string, at: number, audit: AuditEntry): Promise<number> {
    return this.#db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('issued_tokens')
        .set({ revoked_at: at })
        .where('tenant_id', '=', tenantId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', at)
        .executeTakeFirst();
      const count = Number(result.numUpdatedRows);
      await this.#audit(trx, { ...audit, details: { ...audit.details, count } });
      return count;
    });
  }

  async listSigningKeys(): Promise<SigningKey[]> {
    const rows = await this.#db
      .selectFrom('signing_keys')
      .selectAll()
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      kid: r.kid,
      privateJwk: r.private_jwk,
      kekId: r.kek_id,
      kekAlg: r.kek_alg,
      publicJwk: r.public_jwk,
      status: r.status as SigningKey['status'],
      createdAt: r.created_at,
      retireAfter: r.retire_after,
    }));
  }

  async addSigningKey(key: SigningKey): Promise<void> {
    await this.#db
      .insertInto('signing_keys')
      .values({
        kid: key.kid,
        private_jwk: key.privateJwk,
        kek_id: key.kekId,
        kek_alg: key.kekAlg,
        public_jwk: key.publicJwk,
        status: key.status,
        created_at: key.createdAt,
        retire_after: key.retireAfter,
      })
      .execute();
  }

  async updateSigningKey(
    kid: string,
    patch: Partial<Pick<SigningKey, 'status' | 'retireAfter' | 'privateJwk' | 'kekId' | 'kekAlg'>>,
  ): Promise<void> {
    await this.#db
      .updateTable('signing_keys')
      .set({
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.retireAfter !== undefined ? { retire_after: patch.retireAfter } : {}),
        ...(patch.privateJwk !== undefined ? { private_jwk: patch.privateJwk } : {}),
        ...(patch.kekId !== undefined ? { kek_id: patch.kekId } : {}),
        ...(patch.kekAlg !== undefined ? { kek_alg: patch.kekAlg } : {}),
      })
      .where('kid', '=', kid)
      .execute();
  }

  async createDomain(
    domain: Domain,
    audit: AuditEntry,
    unverifiedExpireBefore: number,
  ): Promise<'created' | 'exists' | 'taken'> {
    return this.#db.transaction().execute(async (trx) => {
      // Stale unverified claims (anyone's) stop counting, and are dropped, audited per tenant.
      const stale = await trx
        .selectFrom('domains')
        .select('tenant_id')
        .where('hostname', '=', domain.hostname)
        .where('status', '!=', 'active')
        .where('created_at', '<', unverifiedExpireBefore)
        .execute();
      if (stale.length > 0) {
        await trx
          .deleteFrom('domains')
          .where('hostname', '=', domain.hostname)
          .where('status', '!=', 'active')
          .where('created_at', '<', unverifiedExpireBefore)
          .execute();
        for (const { tenant_id } of stale) {
          await this.#audit(trx, {
            tenantId: tenant_id,
            actor: 'system',
            action: 'domain.expired',
            target: domain.hostname,
            beforeHash: null,
            afterHash: null,
          });
        }
      }
      // An active claim, by anyone, cannot be claimed again.
      const claims = await trx
        .selectFrom('domains')
        .select(['tenant_id', 'status'])
        .where('hostname', '=', domain.hostname)
        .execute();
      if (claims.some((c) => c.status === 'active')) return 'taken';
      const result = await trx
        .insertInto('domains')
        .values(domainRow(domain))
        .onConflict((oc) => oc.columns(['hostname', 'tenant_id']).doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return 'exists';
      await this.#audit(trx, audit);
      return 'created';
    });
  }

  async getActiveDomain(hostname: string): Promise<Domain | undefined> {
    const row = await this.#db
      .selectFrom('domains')
      .selectAll()
      .where('hostname', '=', hostname)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return row && domainFrom(row);
  }

  async getDomain(tenantId: string, hostname: string): Promise<Domain | undefined> {
    const row = await this.#db
      .selectFrom('domains')
      .selectAll()
      .where('hostname', '=', hostname)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    return row && domainFrom(row);
  }

  async listDueDomains(now: number, limit: number): Promise<Domain[]> {
    const rows = await this.#db
      .selectFrom('domains')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_check_at', '<=', now)
      .orderBy('next_check_at')
      .limit(limit)
      .execute();
    return rows.map(domainFrom);
  }

  async listDomains(tenantId: string): Promise<Domain[]> {
    const rows = await this.#db
      .selectFrom('domains')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('hostname')
      .execute();
    return rows.map(domainFrom);
  }

  async updateDomain(
    hostname: string,
    match: { tenantId: string; challenge: string },
    patch: Partial<
      Pick<Domain, 'status' | 'attempts' | 'nextCheckAt' | 'lastError' | 'verifiedAt'>
    >,
    audit: AuditEntry,
  ): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      let updated: bigint;
      try {
        const result = await trx
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
          .where('challenge', '=', match.challenge)
          .executeTakeFirst();
        updated = result.numUpdatedRows;
      } catch (error) {
        // The one-active-claim index: another tenant verified this hostname first.
        if (patch.status === 'active' && /UNIQUE/i.test(String((error as Error).message)))
          return false;
        throw error;
      }
      if (updated === 0n) return false;
      await this.#audit(trx, audit);
      if (patch.status === 'active') {
        // The first to verify owns the hostname: every other claim on it ends.
        const others = await trx
          .selectFrom('domains')
          .select('tenant_id')
          .where('hostname', '=', hostname)
          .where('tenant_id', '!=', match.tenantId)
          .execute();
        await trx
          .deleteFrom('domains')
          .where('hostname', '=', hostname)
          .where('tenant_id', '!=', match.tenantId)
          .execute();
        for (const { tenant_id } of others) {
          await this.#audit(trx, {
            tenantId: tenant_id,
            actor: 'system',
            action: 'domain.claim-ended',
            target: hostname,
            beforeHash: null,
            afterHash: null,
          });
        }
      }
      return true;
    });
  }

  async deleteDomain(tenantId: string, hostname: string, audit: AuditEntry): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const result = await trx
        .deleteFrom('domains')
        .where('tenant_id', '=', tenantId)
        .where('hostname', '=', hostname)
        .executeTakeFirst();
      if (result.numDeletedRows === 0n) return false;
      await this.#audit(trx, audit);
      return true;
    });
  }

  async getDocument(
    tenantId: string,
    kind: DocumentKind,
  ): Promise<{ json: string; updatedAt: number } | undefined> {
    const row = await this.#db
      .selectFrom('tenant_documents')
      .select(['json', 'updated_at'])
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return row && { json: row.json, updatedAt: row.updated_at };
  }

  async setDocument(
    tenantId: string,
    kind: DocumentKind,
    json: string,
    audit: AuditEntry,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      const values = { tenant_id: tenantId, kind, json, updated_at: this.#now() };
      await trx
        .insertInto('tenant_documents')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'kind']).doUpdateSet({ json, updated_at: values.updated_at }),
        )
        .execute();
      await this.#audit(trx, audit);
    });
  }

  async saveQuote(quote: StoredQuote): Promise<void> {
    await this.#db
      .insertInto('quotes')
      .values({
        id: quote.id,
        tenant_id: quote.tenantId,
        json: quote.json,
        created_at: quote.createdAt,
        expires_at: quote.expiresAt,
      })
      .execute();
  }

  async getQuote(tenantId: string, id: string): Promise<StoredQuote | undefined> {
    const row = await this.#db
      .selectFrom('quotes')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('expires_at', '>', this.#now())
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        tenantId: row.tenant_id,
        json: row.json,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      }
    );
  }

  async purgeExpired(now: number): Promise<{ quotes: number; tokens: number }> {
    return this.#db.transaction().execute(async (trx) => {
      const quotes = await trx
        .deleteFrom('quotes')
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      const tokens = await trx
        .deleteFrom('issued_tokens')
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      return { quotes: Number(quotes.numDeletedRows), tokens: Number(tokens.numDeletedRows) };
    });
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }
}
