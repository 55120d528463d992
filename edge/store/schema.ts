/**
 * The SQLite schema (also D1's), and its migrations run at boot on both runtimes. Times are
 * integer milliseconds; JSON is stored as TEXT.
 */
import { type CompiledQuery, type Kysely, sql } from 'kysely';

export interface Migration {
  name: string;
  /** The statements, compiled for SQLite (which D1 speaks). */
  // biome-ignore lint/suspicious/noExplicitAny: the schema builder is untyped before the tables exist
  statements: (db: Kysely<any>) => CompiledQuery[];
}

export interface Database {
  tenants: {
    id: string;
    slug: string;
    name: string;
    status: string;
    created_at: number;
    current_theme_version_id: string | null;
  };
  api_keys: {
    id: string;
    tenant_id: string;
    kind: string;
    prefix: string;
    last4: string;
    hash: string;
    scopes: string;
    created_at: number;
    revoked_at: number | null;
  };
  origins: { tenant_id: string; origin: string };
  branding_drafts: {
    tenant_id: string;
    brand_json: string;
    report_json: string;
    hash: string;
    css: string;
    updated_at: number;
  };
  theme_versions: {
    id: string;
    tenant_id: string;
    version: number;
    hash: string;
    brand_json: string;
    css: string;
    tokens_json: string;
    report_json: string;
    created_at: number;
  };
  audit_log: {
    id: number | undefined;
    tenant_id: string;
    actor: string;
    action: string;
    target: string;
    before_hash: string | null;
    after_hash: string | null;
    /** JSON object of non-secret facts (a token's origin and expiry), or null. */
    details: string | null;
    at: number;
  };
  /** Every widget token minted, until it expires: revocation and its minting key. */
  issued_tokens: {
    tenant_id: string;
    jti: string;
    key_id: string;
    origin: string;
    scopes: string;
    created_at: number;
    expires_at: number;
    revoked_at: number | null;
  };
  signing_keys: {
    kid: string;
    /** The private JWK sealed with AES-GCM (base64url of IV + ciphertext), or '' once wiped. */
    private_jwk: string;
    /** Id of the master key that sealed `private_jwk`; null for a legacy plaintext row. */
    kek_id: string | null;
    /** The sealing algorithm (`A256GCM`); null for a legacy plaintext row. */
    kek_alg: string | null;
    public_jwk: string;
    status: string;
    created_at: number;
    retire_after: number | null;
  };
  tenant_documents: {
    tenant_id: string;
    kind: string;
    json: string;
    updated_at: number;
  };
  quotes: {
    id: string;
    tenant_id: string;
    json: string;
    created_at: number;
    expires_at: number;
  };
  domains: {
    hostname: string;
    tenant_id: string;
    status: string;
    challenge: string;
    attempts: number;
    next_check_at: number | null;
    last_error: string | null;
    created_at: number;
    verified_at: number | null;
  };
  /** One data key per tenant, sealed by the master key: it encrypts the tenant's applications. */
  tenant_data_keys: {
    tenant_id: string;
    /** The raw AES-256 key sealed with AES-GCM (see auth/secret-box), bound to the tenant. */
    wrapped_key: string;
    kek_id: string;
    kek_alg: string;
    created_at: number;
  };
  /** A customer's unfinished application; `sealed` is the draft encrypted under the data key. */
  application_drafts: {
    tenant_id: string;
    customer: string;
    sealed: string;
    updated_at: number;
  };
  /** Only non-personal facts in clear; `sealed` holds the step data (encrypted). */
  applications: {
    id: string;
    tenant_id: string;
    customer: string;
    product: string;
    status: string;
    sealed: string;
    /** The screening result at submission, sealed like the steps (hits name people). */
    screening: string | null;
    signatory_count: number;
    contact_count: number;
    service_count: number;
    created_at: number;
    updated_at: number;
    /** Random id of the last status change: lets its audit and outbox rows see it won. */
    change_id: string;
  };
  /**
   * `Idempotency-Key`s of submissions, per tenant and customer: claimed (`in_flight`, with a
   * lease) before the application is written, completed (`done`, with the response) in the
   * same batch as the application.
   */
  idempotency_keys: {
    tenant_id: string;
    customer: string;
    idem_key: string;
    request_hash: string;
    /** Random id of the request holding the claim. */
    claim: string;
    state: string;
    status_code: number | null;
    response_json: string | null;
    application_id: string | null;
    created_at: number;
    /** An in-flight claim older than this may be taken over (its request crashed). */
    locked_until: number;
    /** When the key may be used again for another request (24 h after the claim). */
    expires_at: number;
  };
  /** Events for the tenant's webhooks, written with the change they report; delivered later. */
  outbox: {
    id: string;
    tenant_id: string;
    type: string;
    /** JSON without personal data: ids, statuses, times. */
    payload: string;
    created_at: number;
    /** Set once the event was copied to a delivery per active webhook endpoint of its tenant. */
    dispatched_at: number | null;
  };
  /** Endpoints a tenant registered; the signing secret is sealed by the master key. */
  webhook_endpoints: {
    id: string;
    tenant_id: string;
    url: string;
    description: string | null;
    secret: string;
    kek_id: string;
    kek_alg: string;
    status: string;
    created_at: number;
    disabled_at: number | null;
  };
  /** One event to one endpoint: pending until delivered or given up (failed). */
  webhook_deliveries: {
    id: string;
    tenant_id: string;
    endpoint_id: string;
    event_id: string;
    event_type: string;
    status: string;
    attempts: number;
    next_attempt_at: number | null;
    window_start: number;
    /** The instance holding the lease while it attempts the delivery. */
    claim: string | null;
    last_status: number | null;
    last_error: string | null;
    created_at: number;
    delivered_at: number | null;
  };
  /** The delivery log: every attempt with its answer. */
  webhook_attempts: {
    delivery_id: string;
    attempt: number;
    at: number;
    status: number | null;
    error: string | null;
    duration_ms: number;
  };
  /**
   * Documents customers uploaded for their applications: what they are, in clear; the bytes are
   * in the blob store (`uploads/<tenant>/<id>`), sealed under the tenant's data key.
   */
  application_uploads: {
    id: string;
    tenant_id: string;
    customer: string;
    kind: string;
    /** The file name the customer gave, sealed like the bytes (it may name a person), or null. */
    name: string | null;
    /** The type read from the bytes (`application/pdf`, `image/png`, `image/jpeg`). */
    type: string;
    size: number;
    sha256: string;
    /** `uploaded` (the customer's, unattached), `attached` (to `application_id`), `removing`. */
    state: string;
    application_id: string | null;
    created_at: number;
    /** An upload still unattached at this time is purged. */
    expires_at: number;
  };
  /** The blob store on SQL (the Node edge's): bytes by key, sealed by whoever put them. */
  blobs: {
    key: string;
    bytes: Uint8Array;
    created_at: number;
  };
  /** Support chats: who is talking, in clear; what the visitor told of themselves, sealed. */
  chat_conversations: {
    id: string;
    tenant_id: string;
    /** The token's `sub`, or `visitor:<id>` for an anonymous visitor. */
    customer: string;
    /** SHA-256 (hex) of an anonymous visitor's key; null for a known customer. */
    visitor_key_hash: string | null;
    /** The pre-chat form's name and email, sealed under the tenant's data key, or null. */
    profile: string | null;
    /** `open` or `closed` (for good). */
    status: string;
    /** The sequence number of the newest message; every message has `seq <= last_seq`. */
    last_seq: number;
    assignee: string | null;
    /** 0 or 1: whether a ticket was opened for it. */
    escalated: number;
    created_at: number;
    updated_at: number;
  };
  /** A conversation's messages, gap-free by `seq`; the text sealed under the data key. */
  chat_messages: {
    conversation_id: string;
    seq: number;
    /** The sender's id for it, unique in the conversation (a resend is the same message). */
    client_id: string;
    author: string;
    author_name: string | null;
    sealed: string;
    at: number;
  };
  /** One ticket per escalated conversation, due when the tenant's tier says. */
  chat_tickets: {
    id: string;
    tenant_id: string;
    conversation_id: string;
    priority: string;
    tier: string;
    /** `open` until its conversation closes, then `resolved`. */
    status: string;
    created_at: number;
    due_at: number;
  };
  /** The tenant's knowledge-base articles (public help text, so in clear). */
  kb_articles: {
    tenant_id: string;
    slug: string;
    title: string;
    body: string;
    /** JSON array of strings. */
    tags: string;
    url: string | null;
    updated_at: number;
  };
}

/**
 * The migrations, in order: each is a list of statements, run as one atomic batch together
 * with the row that records it (see migrate.ts), so a migration applies whole or not at all
 * on SQLite and on D1 alike.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    name: '0001_initial',
    statements: (db) => [
      db.schema
        .createTable('tenants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('current_theme_version_id', 'text')
        .compile(),
      db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('last4', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('revoked_at', 'integer')
        .compile(),
      db.schema.createIndex('api_keys_tenant').on('api_keys').column('tenant_id').compile(),
      db.schema
        .createTable('origins')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('origin', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('origins_pk', ['tenant_id', 'origin'])
        .compile(),
      db.schema
        .createTable('branding_drafts')
        .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
        .addColumn('brand_json', 'text', (c) => c.notNull())
        .addColumn('report_json', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('css', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .compile(),
      db.schema
        .createTable('theme_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('brand_json', 'text', (c) => c.notNull())
        .addColumn('css', 'text', (c) => c.notNull())
        .addColumn('tokens_json', 'text', (c) => c.notNull())
        .addColumn('report_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addUniqueConstraint('theme_versions_number', ['tenant_id', 'version'])
        .compile(),
      db.schema
        .createIndex('theme_versions_hash')
        .on('theme_versions')
        .columns(['tenant_id', 'hash'])
        .compile(),
      db.schema
        .createTable('audit_log')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('before_hash', 'text')
        .addColumn('after_hash', 'text')
        .addColumn('at', 'integer', (c) => c.notNull())
        .compile(),
      db.schema.createIndex('audit_tenant').on('audit_log').columns(['tenant_id', 'id']).compile(),
      db.schema
        .createTable('revoked_tokens')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('jti', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('revoked_tokens_pk', ['tenant_id', 'jti'])
        .compile(),
      db.schema
        .createTable('signing_keys')
        .addColumn('kid', 'text', (c) => c.primaryKey())
        .addColumn('private_jwk', 'text', (c) => c.notNull())
        .addColumn('public_jwk', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('retire_after', 'integer')
        .compile(),
      db.schema
        .createTable('domains')
        .addColumn('hostname', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('challenge', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_check_at', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('verified_at', 'integer')
        .compile(),
      db.schema.createIndex('domains_tenant').on('domains').column('tenant_id').compile(),
    ],
  },
  {
    name: '0002_one_active_signing_key',
    statements: (db) => [
      // At most one signing key signs at a time, even when two instances race to create it.
      db.schema
        .createIndex('signing_keys_one_active')
        .on('signing_keys')
        .column('status')
        .unique()
        .where(sql.ref('status'), '=', 'active')
        .compile(),
    ],
  },
  {
    name: '0003_catalog_pricing_quotes',
    statements: (db) => [
      // Tenant-owned JSON documents validated by their zod contracts (catalog, pricing plans).
      db.schema
        .createTable('tenant_documents')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('json', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('tenant_documents_pk', ['tenant_id', 'kind'])
        .compile(),
      db.schema
        .createTable('quotes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'integer', (c) => c.notNull())
        .compile(),
      db.schema.createIndex('quotes_tenant').on('quotes').columns(['tenant_id', 'id']).compile(),
    ],
  },
  {
    name: '0004_security_review',
    statements: (db) => [
      // Private signing keys are sealed with a master key: which one, and how, sits beside it.
      // Plaintext rows left by older versions are sealed by the key ring on first load.
      db.schema.alterTable('signing_keys').addColumn('kek_id', 'text').compile(),
      db.schema.alterTable('signing_keys').addColumn('kek_alg', 'text').compile(),
      db.schema.alterTable('audit_log').addColumn('details', 'text').compile(),
      // Every minted token is recorded (never the token itself): revocation by jti, by tenant,
      // and refusal once the key that minted it is revoked. Replaces revoked_tokens.
      db.schema
        .createTable('issued_tokens')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('jti', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'integer', (c) => c.notNull())
        .addColumn('revoked_at', 'integer')
        .addPrimaryKeyConstraint('issued_tokens_pk', ['tenant_id', 'jti'])
        .compile(),
      db.schema
        .createIndex('issued_tokens_expiry')
        .on('issued_tokens')
        .column('expires_at')
        .compile(),
      db.schema.dropTable('revoked_tokens').compile(),
      // Several tenants may hold pending claims on one hostname, each with its own challenge;
      // at most one claim per hostname is active (the first to verify).
      db.schema
        .createTable('domain_claims')
        .addColumn('hostname', 'text', (c) => c.notNull())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('challenge', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_check_at', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('verified_at', 'integer')
        .addPrimaryKeyConstraint('domain_claims_pk', ['hostname', 'tenant_id'])
        .compile(),
      sql`INSERT INTO domain_claims SELECT hostname, tenant_id, status, challenge, attempts, next_check_at, last_error, created_at, verified_at FROM domains`.compile(
        db,
      ),
      db.schema.dropTable('domains').compile(),
      db.schema.alterTable('domain_claims').renameTo('domains').compile(),
      db.schema.createIndex('domains_tenant').on('domains').column('tenant_id').compile(),
      db.schema
        .createIndex('domains_one_active')
        .on('domains')
        .column('hostname')
        .unique()
        .where(sql.ref('status'), '=', 'active')
        .compile(),
      db.schema
        .createIndex('domains_due')
        .on('domains')
        .columns(['status', 'next_check_at'])
        .compile(),
      db.schema.createIndex('quotes_expiry').on('quotes').column('expires_at').compile(),
    ],
  },
  {
    name: '0005_applications',
    statements: (db) => [
      db.schema
        .createTable('tenant_data_keys')
        .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
        .addColumn('wrapped_key', 'text', (c) => c.notNull())
        .addColumn('kek_id', 'text', (c) => c.notNull())
        .addColumn('kek_alg', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .compile(),
      db.schema
        .createTable('application_drafts')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('customer', 'text', (c) => c.notNull())
        .addColumn('sealed', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('application_drafts_pk', ['tenant_id', 'customer'])
        .compile(),
      db.schema
        .createTable('applications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('customer', 'text', (c) => c.notNull())
        .addColumn('product', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('sealed', 'text', (c) => c.notNull())
        .addColumn('signatory_count', 'integer', (c) => c.notNull())
        .addColumn('contact_count', 'integer', (c) => c.notNull())
        .addColumn('service_count', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .addColumn('change_id', 'text', (c) => c.notNull())
        .compile(),
      // Lists are newest first, by tenant, optionally by status.
      db.schema
        .createIndex('applications_tenant_created')
        .on('applications')
        .columns(['tenant_id', 'created_at', 'id'])
        .compile(),
      db.schema
        .createIndex('applications_tenant_status')
        .on('applications')
        .columns(['tenant_id', 'status', 'created_at', 'id'])
        .compile(),
      db.schema
        .createTable('idempotency_keys')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('customer', 'text', (c) => c.notNull())
        .addColumn('idem_key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('claim', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('response_json', 'text')
        .addColumn('application_id', 'text')
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('locked_until', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['tenant_id', 'customer', 'idem_key'])
        .compile(),
      db.schema
        .createIndex('idempotency_keys_expiry')
        .on('idempotency_keys')
        .column('expires_at')
        .compile(),
      // Webhook dispatch picks the events not yet copied to deliveries: this partial index
      // holds exactly those.
      db.schema
        .createTable('outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        // Set once the event was copied to a delivery per active webhook endpoint.
        .addColumn('dispatched_at', 'integer')
        .compile(),
      db.schema
        .createIndex('outbox_undispatched')
        .on('outbox')
        .column('created_at')
        .where(sql.ref('dispatched_at'), 'is', null)
        .compile(),
      db.schema
        .createIndex('outbox_tenant')
        .on('outbox')
        .columns(['tenant_id', 'created_at'])
        .compile(),
    ],
  },
  {
    name: '0006_webhooks',
    statements: (db) => [
      db.schema
        .createTable('webhook_endpoints')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('kek_id', 'text', (c) => c.notNull())
        .addColumn('kek_alg', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('disabled_at', 'integer')
        .compile(),
      db.schema
        .createIndex('webhook_endpoints_tenant')
        .on('webhook_endpoints')
        .columns(['tenant_id', 'status'])
        .compile(),
      db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('endpoint_id', 'text', (c) => c.notNull().references('webhook_endpoints.id'))
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'integer')
        .addColumn('window_start', 'integer', (c) => c.notNull())
        .addColumn('claim', 'text')
        .addColumn('last_status', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('delivered_at', 'integer')
        .addUniqueConstraint('webhook_deliveries_once', ['endpoint_id', 'event_id'])
        .compile(),
      db.schema
        .createIndex('webhook_deliveries_due')
        .on('webhook_deliveries')
        .columns(['status', 'next_attempt_at'])
        .compile(),
      db.schema
        .createIndex('webhook_deliveries_tenant')
        .on('webhook_deliveries')
        .columns(['tenant_id', 'created_at', 'id'])
        .compile(),
      db.schema
        .createIndex('webhook_deliveries_claim')
        .on('webhook_deliveries')
        .column('claim')
        .compile(),
      db.schema
        .createTable('webhook_attempts')
        .addColumn('delivery_id', 'text', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('at', 'integer', (c) => c.notNull())
        .addColumn('status', 'integer')
        .addColumn('error', 'text')
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('webhook_attempts_pk', ['delivery_id', 'attempt'])
        .compile(),
    ],
  },
  {
    name: '0007_application_screening',
    statements: (db) => [
      // Each submission is screened against the tenant's sanctions and PEP list; the result
      // (the hits and the reviewer's decision on each) is sealed under the tenant's data key.
      db.schema.alterTable('applications').addColumn('screening', 'text').compile(),
    ],
  },
  {
    name: '0008_application_uploads',
    statements: (db) => [
      // Customers upload documents before they submit; a submission attaches them in its batch.
      db.schema
        .createTable('application_uploads')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('customer', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('application_id', 'text')
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'integer', (c) => c.notNull())
        .compile(),
      // A customer's unattached uploads (the cap), an application's documents, the purge.
      db.schema
        .createIndex('application_uploads_customer')
        .on('application_uploads')
        .columns(['tenant_id', 'customer', 'state'])
        .compile(),
      db.schema
        .createIndex('application_uploads_application')
        .on('application_uploads')
        .columns(['tenant_id', 'application_id'])
        .compile(),
      db.schema
        .createIndex('application_uploads_expiry')
        .on('application_uploads')
        .columns(['state', 'expires_at'])
        .compile(),
      // Used on Node; a Worker keeps its blobs in R2 and leaves this table empty.
      db.schema
        .createTable('blobs')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('bytes', 'blob', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .compile(),
    ],
  },
  {
    name: '0009_support_chat',
    statements: (db) => [
      db.schema
        .createTable('chat_conversations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('customer', 'text', (c) => c.notNull())
        .addColumn('visitor_key_hash', 'text')
        .addColumn('profile', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('last_seq', 'integer', (c) => c.notNull())
        .addColumn('assignee', 'text')
        .addColumn('escalated', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .compile(),
      // A known customer resumes their open conversation.
      db.schema
        .createIndex('chat_conversations_customer')
        .on('chat_conversations')
        .columns(['tenant_id', 'customer', 'status'])
        .compile(),
      // The agents' list: open (or closed) ones, most recently active first, by keyset.
      db.schema
        .createIndex('chat_conversations_activity')
        .on('chat_conversations')
        .columns(['tenant_id', 'status', 'updated_at', 'id'])
        .compile(),
      // The primary key gives the sequence numbers their uniqueness and replay its order; the
      // client id makes a resend the message already stored.
      db.schema
        .createTable('chat_messages')
        .addColumn('conversation_id', 'text', (c) =>
          c.notNull().references('chat_conversations.id'),
        )
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('author_name', 'text')
        .addColumn('sealed', 'text', (c) => c.notNull())
        .addColumn('at', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('chat_messages_pk', ['conversation_id', 'seq'])
        .addUniqueConstraint('chat_messages_client_id', ['conversation_id', 'client_id'])
        .compile(),
      // One ticket per conversation: a second escalation finds the first.
      db.schema
        .createTable('chat_tickets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('conversation_id', 'text', (c) =>
          c.notNull().unique().references('chat_conversations.id'),
        )
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('tier', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'integer', (c) => c.notNull())
        .addColumn('due_at', 'integer', (c) => c.notNull())
        .compile(),
      db.schema
        .createIndex('chat_tickets_due')
        .on('chat_tickets')
        .columns(['tenant_id', 'status', 'due_at'])
        .compile(),
      db.schema
        .createTable('kb_articles')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('updated_at', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('kb_articles_pk', ['tenant_id', 'slug'])
        .compile(),
    ],
  },
];
