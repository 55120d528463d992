/**
 * Documents customers upload for their onboarding applications (not the tenant's catalog and
 * plan documents of `documents.ts`): what each is, here; the sealed bytes in the blob store.
 * An upload is the customer's until a submission attaches it (in the submission's batch, see
 * `ApplicationStore.submitApplication`); one never attached is purged after its 24 hours.
 * Removal marks the row first, then the bytes go, then the row: a removal cut short is
 * finished by the next purge, and a marked upload can no longer be attached.
 */
import type { UploadRecord, UploadRef } from '../types.js';

export interface UploadStore {
  /** Records an upload unless its customer already has `maxPending` unattached; false if so. */
  addUpload(upload: UploadRecord, maxPending: number): Promise<boolean>;
  /** The tenant's uploads among `ids`, whatever their state. */
  getUploads(tenantId: string, ids: readonly string[]): Promise<UploadRecord[]>;
  /** The documents attached to an application, oldest upload first. */
  listApplicationUploads(tenantId: string, applicationId: string): Promise<UploadRecord[]>;
  /** Marks the customer's unattached upload for removal; false when there is no such upload. */
  markUploadRemoved(tenantId: string, customer: string, id: string): Promise<boolean>;
  /**
   * Marks unattached uploads past their expiry for removal, and returns up to `limit` of the
   * uploads marked (now or by a removal cut short) for the caller to delete their bytes.
   */
  takeRemovedUploads(now: number, limit: number): Promise<UploadRef[]>;
  /** Deletes the rows of uploads marked for removal (once their bytes are gone). */
  deleteRemovedUploads(ids: readonly string[]): Promise<number>;
}
