/**
 * The blob store in the SQL database: one row per key. The Node edge's default, so a single
 * SQLite file (and its backup) holds everything; a Worker uses R2 instead (D1 rows are capped
 * at 2 MB).
 */
import type { SqlExecutor } from '../executor.js';
import type { BlobStore } from '../ports/blobs.js';
import { q } from '../query.js';
import { first } from './shared.js';

/** D1 binds at most 100 parameters a statement. */
const KEY_SLICE = 90;

export function sqlBlobs(x: SqlExecutor, now: () => number): BlobStore {
  return {
    async put(key, bytes) {
      await x.run(
        q
          .insertInto('blobs')
          .values({ key, bytes, created_at: now() })
          .onConflict((oc) => oc.column('key').doUpdateSet({ bytes, created_at: now() }))
          .compile(),
      );
    },

    async get(key) {
      const row = await first(x, q.selectFrom('blobs').select('bytes').where('key', '=', key));
      if (!row) return undefined;
      const bytes = row.bytes as Uint8Array | ArrayBuffer | number[];
      return bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    },

    async delete(keys) {
      for (let i = 0; i < keys.length; i += KEY_SLICE) {
        await x.run(
          q
            .deleteFrom('blobs')
            .where('key', 'in', keys.slice(i, i + KEY_SLICE))
            .compile(),
        );
      }
    },
  };
}
