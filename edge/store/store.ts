/**
 * The edge's storage, as whole operations ("publish a theme version", "revoke a key"), never
 * "begin/commit" for callers. Split into ports per aggregate (ports/*.ts); each write is one
 * atomic batch of statements inside the implementation (sql/*.ts), audit row included, so the
 * same store runs on SQLite (Node) and D1 (Workers).
 */
import type { ApplicationStore } from './ports/applications.js';
import type { AuditStore } from './ports/audit.js';
import type { BrandingStore } from './ports/branding.js';
import type { ChatStore } from './ports/chat.js';
import type { DocumentStore } from './ports/documents.js';
import type { DomainStore } from './ports/domains.js';
import type { SigningKeyStore } from './ports/signing-keys.js';
import type { TenantStore } from './ports/tenants.js';
import type { TokenStore } from './ports/tokens.js';
import type { UploadStore } from './ports/uploads.js';
import type { WebhookStore } from './ports/webhooks.js';

export type * from './types.js';
export type {
  ApplicationStore,
  AuditStore,
  BrandingStore,
  ChatStore,
  DocumentStore,
  DomainStore,
  SigningKeyStore,
  TenantStore,
  TokenStore,
  UploadStore,
  WebhookStore,
};

export interface Store
  extends TenantStore,
    SigningKeyStore,
    BrandingStore,
    DocumentStore,
    TokenStore,
    DomainStore,
    AuditStore,
    ApplicationStore,
    UploadStore,
    WebhookStore,
    ChatStore {
  close(): Promise<void>;
}
