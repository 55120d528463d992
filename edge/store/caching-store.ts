/**
 * An in-memory cache in front of a Store, for the reads every widget request makes (key by
 * hash, tenant, origins, current theme, token states, active domains, documents). Every write through
 * this store invalidates what it changes, so within one process a revoked key or token fails
 * on the very next request; the TTL bounds how stale another process's writes can look.
 * Theme versions are immutable and cached by hash.
 */
import { Lru } from './lru.js';
import type {
  ApiKey,
  AuditEntry,
  BrandingDraft,
  DocumentKind,
  Domain,
  KeyLimits,
  NewApiKey,
  Store,
  Tenant,
  TenantStatus,
  ThemeVersion,
  TokenState,
} from './store.js';

const MISSING = Symbol('missing');
type Cached<T> = T | typeof MISSING;

export interface CachingOptions {
  /** How long a cached read may be served without asking the store (default 30 s). */
  ttlMs?: number;
  /** Entries per cache (default 10,000). */
  maxEntries?: number;
}

/** Wraps `store`; reads that are not cached, and all writes, go straight through. */
export function cachingStore(store: Store, now: () => number, options: CachingOptions = {}): Store {
  const ttl = options.ttlMs ?? 30_000;
  const max = options.maxEntries ?? 10_000;
  const lru = <K, V>() => new Lru<K, V>(max, ttl, now);
  const keys = lru<string, Cached<ApiKey>>();
  const tenants = lru<string, Cached<Tenant>>();
  const origins = lru<string, string[]>();
  const anywhere = lru<string, boolean>();
  const currentTheme = lru<string, Cached<ThemeVersion>>();
  const byHash = new Lru<string, Cached<ThemeVersion>>(max, Number.POSITIVE_INFINITY, now);
  const tokens = lru<string, TokenState>();
  const domains = lru<string, Cached<Domain>>();
  const documents = lru<string, Cached<{ json: string; updatedAt: number }>>();

  async function read<K, V>(cache: Lru<K, Cached<V>>, key: K, load: () => Promise<V | undefined>) {
    const hit = cache.get(key);
    if (hit !== undefined) return hit === MISSING ? undefined : hit;
    const value = await load();
    cache.set(key, value === undefined ? MISSING : value);
    return value;
  }

  // A revoked key also ends the tokens it minted.
  const forgetKeys = () => {
    keys.clear();
    tokens.clear();
  };

  return {
    ...bindAll(store),
    findKeyByHash: (hash) => read(keys, hash, () => store.findKeyByHash(hash)),
    getTenant: (id) => read(tenants, id, () => store.getTenant(id)),
    getOrigins: async (tenantId) => {
      const hit = origins.get(tenantId);
      if (hit) return hit;
      const value = await store.getOrigins(tenantId);
      origins.set(tenantId, value);
      return value;
    },
    isAllowedOriginAnywhere: async (origin) => {
      const hit = anywhere.get(origin);
      if (hit !== undefined) return hit;
      const value = await store.isAllowedOriginAnywhere(origin);
      anywhere.set(origin, value);
      return value;
    },
    getCurrentTheme: (tenantId) =>
      read(currentTheme, tenantId, () => store.getCurrentTheme(tenantId)),
    getThemeVersionByHash: (tenantId, hash) =>
      read(byHash, `${tenantId}:${hash}`, () => store.getThemeVersionByHash(tenantId, hash)),
    tokenState: async (tenantId, jti) => {
      const key = `${tenantId}:${jti}`;
      const hit = tokens.get(key);
      if (hit !== undefined) return hit;
      const value = await store.tokenState(tenantId, jti);
      // An unknown jti may be recorded a moment later by another instance: not remembered.
      if (value !== 'unknown') tokens.set(key, value);
      return value;
    },
    getActiveDomain: (hostname) => read(domains, hostname, () => store.getActiveDomain(hostname)),
    getDocument: (tenantId, kind) =>
      read(documents, `${tenantId}:${kind}`, () => store.getDocument(tenantId, kind)),

    // Writes: through, then forget what they change.
    setTenantStatus: async (
      id: string,
      status: TenantStatus,
      audit: Omit<AuditEntry, 'tenantId'>,
    ) => {
      const changed = await store.setTenantStatus(id, status, audit);
      tenants.delete(id);
      anywhere.clear();
      return changed;
    },
    createKey: (key: NewApiKey, limits: KeyLimits, audit: AuditEntry) =>
      store.createKey(key, limits, audit).finally(forgetKeys),
    revokeKey: (tenantId, keyId, at, audit) =>
      store.revokeKey(tenantId, keyId, at, audit).finally(forgetKeys),
    setOrigins: async (tenantId, list, audit) => {
      await store.setOrigins(tenantId, list, audit);
      origins.delete(tenantId);
      anywhere.clear();
    },
    saveDraft: (draft: BrandingDraft, audit: AuditEntry) => store.saveDraft(draft, audit),
    publishTheme: async (version, audit) => {
      const stored = await store.publishTheme(version, audit);
      currentTheme.delete(version.tenantId);
      tenants.delete(version.tenantId);
      return stored;
    },
    setCurrentTheme: async (tenantId, versionId, audit) => {
      const changed = await store.setCurrentTheme(tenantId, versionId, audit);
      currentTheme.delete(tenantId);
      tenants.delete(tenantId);
      return changed;
    },
    revokeToken: async (tenantId, jti, at, audit) => {
      const result = await store.revokeToken(tenantId, jti, at, audit);
      tokens.delete(`${tenantId}:${jti}`);
      return result;
    },
    revokeAllTokens: async (tenantId, at, audit) => {
      const count = await store.revokeAllTokens(tenantId, at, audit);
      tokens.clear();
      return count;
    },
    createDomain: (domain, audit, before) =>
      store.createDomain(domain, audit, before).finally(() => domains.delete(domain.hostname)),
    updateDomain: (hostname, match, patch, audit) =>
      store.updateDomain(hostname, match, patch, audit).finally(() => domains.delete(hostname)),
    deleteDomain: (tenantId, hostname, audit) =>
      store.deleteDomain(tenantId, hostname, audit).finally(() => domains.delete(hostname)),
    setDocument: async (tenantId: string, kind: DocumentKind, json: string, audit: AuditEntry) => {
      await store.setDocument(tenantId, kind, json, audit);
      documents.delete(`${tenantId}:${kind}`);
    },
  };
}

/** Every method of the store, bound, so the wrapper can spread the ones it does not cache. */
function bindAll(store: Store): Store {
  const bound: Record<string, unknown> = {};
  let proto: object | null = store;
  while (proto && proto !== Object.prototype) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value = (store as unknown as Record<string, unknown>)[name];
      if (name !== 'constructor' && typeof value === 'function' && !(name in bound)) {
        bound[name] = (value as (...args: unknown[]) => unknown).bind(store);
      }
    }
    proto = Object.getPrototypeOf(proto);
  }
  return bound as unknown as Store;
}
