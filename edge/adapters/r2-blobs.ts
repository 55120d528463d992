/**
 * The blob store on Workers: an R2 bucket (the `UPLOADS` binding in wrangler.toml). Objects are
 * stored as given — already sealed — so R2 never holds a plaintext document.
 */
import type { BlobStore } from '../store/ports/blobs.js';

/** The part of an R2 binding this store uses (structural, so no Workers type package). */
export interface R2Bucket {
  put(key: string, value: Uint8Array): Promise<unknown>;
  get(key: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer> } | null>;
  delete(keys: string | string[]): Promise<void>;
}

/** R2 deletes at most 1,000 keys a call. */
const DELETE_SLICE = 1000;

export function r2Blobs(bucket: R2Bucket): BlobStore {
  return {
    async put(key, bytes) {
      await bucket.put(key, bytes);
    },
    async get(key) {
      const object = await bucket.get(key);
      return object ? new Uint8Array(await object.arrayBuffer()) : undefined;
    },
    async delete(keys) {
      for (let i = 0; i < keys.length; i += DELETE_SLICE)
        await bucket.delete(keys.slice(i, i + DELETE_SLICE));
    },
  };
}
