/** A small LRU map with an optional time-to-live, for the edge's in-memory caches. */
export class Lru<K, V> {
  readonly #max: number;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #map = new Map<K, { value: V; at: number }>();

  constructor(max: number, ttlMs: number, now: () => number) {
    this.#max = max;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  get(key: K): V | undefined {
    const entry = this.#map.get(key);
    if (!entry) return undefined;
    if (this.#now() - entry.at > this.#ttlMs) {
      this.#map.delete(key);
      return undefined;
    }
    // Re-insert to mark as most recently used.
    this.#map.delete(key);
    this.#map.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, { value, at: this.#now() });
    if (this.#map.size > this.#max) {
      const oldest = this.#map.keys().next().value as K;
      this.#map.delete(oldest);
    }
  }

  /** Entries held now (expired ones included until they are next looked at). */
  get size(): number {
    return this.#map.size;
  }

  delete(key: K): void {
    this.#map.delete(key);
  }

  clear(): void {
    this.#map.clear();
  }
}
