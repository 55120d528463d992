/**
 * Bytes by key: uploaded documents, sealed by their owner before they get here (the store
 * never sees plaintext). Asynchronous and outside the SQL batches: R2 on Workers, a table of
 * the SQLite database on Node. Keys are `<area>/<tenant>/<id>`.
 */
export interface BlobStore {
  /** Stores (or replaces) the bytes under `key`. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | undefined>;
  /** Deletes what is stored under each key; a key with nothing under it is no error. */
  delete(keys: readonly string[]): Promise<void>;
}
