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
  /**
   * Called after every write that changes what a read could answer (keys, tokens, tenants'
   * status, origins, themes, documents, domains, signing keys): the read cache listens here.
   */
  onChange?: () => void;
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
  const changed = options.onChange ?? (() => {});
  // Runs `write`, then `forget` and the change listener, whether the write succeeded or not
  // (a failed batch may still have raced with one that did not).
  const through = <T>(write: Promise<T>, forget: () => void = () => {}): Promise<T> =>
    write.finally(() => {
      forget();
      changed();
    });

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
    // Everything not named below goes straight through, chat included: its reads are live
    // state (a conversation's messages and status) that a cache would only make stale, and
    // no cached read or read-cache answer is made from chat rows, so its writes tell no one.
    // A chat answer marked cacheable one day (articles, say) must wrap its writes in `through`.
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
    setTenantStatus: (id: string, status: TenantStatus, audit: Omit<AuditEntry, 'tenantId'>) =>
      through(store.setTenantStatus(id, status, audit), () => {
        tenants.delete(id);
        anywhere.clear();
      }),
    createKey: (key: NewApiKey, limits: KeyLimits, audit: AuditEntry) =>
      through(store.createKey(key, limits, audit), forgetKeys),
    revokeKey: (tenantId, keyId, at, audit) =>
      through(store.revokeKey(tenantId, keyId, at, audit), forgetKeys),
    setOrigins: (tenantId, list, audit) =>
      through(store.setOrigins(tenantId, list, audit), () => {
        origins.delete(tenantId);
        anywhere.clear();
      }),
    saveDraft: (draft: BrandingDraft, audit: AuditEntry) => store.saveDraft(draft, audit),
    publishTheme: (version, audit) =>
      through(store.publishTheme(version, audit), () => {
        currentTheme.delete(version.tenantId);
        tenants.delete(version.tenantId);
      }),
    setCurrentTheme: (tenantId, versionId, audit) =>
      through(store.setCurrentTheme(tenantId, versionId, audit), () => {
        currentTheme.delete(tenantId);
        tenants.delete(tenantId);
      }),
    revokeToken: (tenantId, jti, at, audit) =>
      through(store.revokeToken(tenantId, jti, at, audit), () =>
        tokens.delete(`${tenantId}:${jti}`),
      ),
    revokeAllTokens: (tenantId, at, audit) =>
      through(store.revokeAllTokens(tenantId, at, audit), () => tokens.clear()),
    createDomain: (domain, audit, before) =>
      through(store.createDomain(domain, audit, before), () => domains.delete(domain.hostname)),
    updateDomain: (hostname, match, patch, audit) =>
      through(store.updateDomain(hostname, match, patch, audit), () => domains.delete(hostname)),
    deleteDomain: (tenantId, hostname, audit) =>
      through(store.deleteDomain(tenantId, hostname, audit), () => domains.delete(hostname)),
    setDocument: (tenantId: string, kind: DocumentKind, json: string, audit: AuditEntry) =>
      through(store.setDocument(tenantId, kind, json, audit), () =>
        documents.delete(`${tenantId}:${kind}`),
      ),
    // Signing keys are cached by the key ring, not here; the read cache still hears of them.
    addSigningKey: (key) => through(store.addSigningKey(key)),
    rotateSigningKey: (nextKid, retireAfter) =>
      through(store.rotateSigningKey(nextKid, retireAfter)),
    retireSigningKey: (kid, at) => through(store.retireSigningKey(kid, at)),
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
