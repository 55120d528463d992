/**
 * Replacing one of a tenant's whole JSON documents (its catalog, its onboarding products) the
 * audited way: the audit row carries the SHA-256 of what was there and of what is now, and
 * storing the same document again changes nothing and adds no audit entry.
 */
import { sha256Hex } from '../auth/credentials.js';
import type { Store } from '../store/store.js';
import type { DocumentKind } from '../store/types.js';

export async function replaceTenantDocument(
  store: Store,
  change: { tenantId: string; kind: DocumentKind; json: string; actor: string; action: string },
): Promise<void> {
  const { tenantId, kind, json } = change;
  const before = await store.getDocument(tenantId, kind);
  const [beforeHash, afterHash] = await Promise.all([
    before ? sha256Hex(before.json) : null,
    sha256Hex(json),
  ]);
  if (beforeHash === afterHash) return;
  await store.setDocument(tenantId, kind, json, {
    tenantId,
    actor: change.actor,
    action: change.action,
    target: kind,
    beforeHash,
    afterHash,
  });
}
