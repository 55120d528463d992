/**
 * The whole Store on SQL, from one executor: the ports' SQL implementations side by side. The
 * same code runs on better-sqlite3 (Node) and D1 (Workers); only the executor differs.
 */
import type { SqlExecutor } from './executor.js';
import { sqlApplications } from './sql/applications.js';
import { sqlAudit } from './sql/audit.js';
import { sqlBranding } from './sql/branding.js';
import { sqlChat } from './sql/chat.js';
import { sqlDocuments } from './sql/documents.js';
import { sqlDomains } from './sql/domains.js';
import { sqlSigningKeys } from './sql/signing-keys.js';
import { sqlTenants } from './sql/tenants.js';
import { sqlTokens } from './sql/tokens.js';
import { sqlUploads } from './sql/uploads.js';
import { sqlWebhooks } from './sql/webhooks.js';
import type { Store } from './store.js';

export function sqlStore(executor: SqlExecutor, now: () => number): Store {
  const context = { x: executor, now };
  return {
    ...sqlTenants(context),
    ...sqlSigningKeys(context),
    ...sqlBranding(context),
    ...sqlDocuments(context),
    ...sqlTokens(context),
    ...sqlDomains(context),
    ...sqlAudit(context),
    ...sqlApplications(context),
    ...sqlUploads(context),
    ...sqlWebhooks(context),
    ...sqlChat(context),
    close: () => executor.close(),
  };
}
