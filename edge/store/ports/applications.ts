/**
 * Onboarding applications: tenants' data keys, customers' drafts, idempotent submissions and
 * the lifecycle. Every write is one atomic batch; a submission's application, outbox event,
 * audit row, draft deletion and idempotency completion are the same batch.
 */
import type {
  ApplicationDraftRecord,
  ApplicationFilter,
  ApplicationRecord,
  AuditEntry,
  IdempotencyClaim,
  IdempotencyRecord,
  OutboxEvent,
  StoredDataKey,
} from '../types.js';

export type SubmitOutcome = 'submitted' | 'claim-lost' | 'documents-unavailable';

export interface ApplicationStore {
  getDataKey(tenantId: string): Promise<StoredDataKey | undefined>;
  /** Stores the tenant's data key unless it has one already (the first writer wins). */
  addDataKey(key: StoredDataKey): Promise<void>;
  /** Replaces the sealed data key if it is still sealed under `fromKekId` (master-key rotation). */
  resealDataKey(key: StoredDataKey, fromKekId: string): Promise<void>;

  /** Saves the draft unless a later one is stored (last write by `updatedAt` wins). */
  saveApplicationDraft(draft: ApplicationDraftRecord): Promise<void>;
  getApplicationDraft(
    tenantId: string,
    customer: string,
  ): Promise<ApplicationDraftRecord | undefined>;

  /**
   * Claims an idempotency key for a request: takes it if unused, expired, or held by an
   * in-flight claim past its lease. Returns the key's row afterwards — `claim` equal to the
   * one asked with means this request holds it.
   */
  claimIdempotencyKey(claim: IdempotencyClaim): Promise<IdempotencyRecord>;
  /** Drops an in-flight claim this request holds (it failed before writing anything). */
  releaseIdempotencyKey(claim: IdempotencyClaim): Promise<void>;
  /**
   * Writes the application with its outbox event and audit row, attaches the uploads
   * `documents` (the customer's, unattached, unexpired), deletes the customer's draft and
   * completes the key with the response — all only while `claim` still holds the key and
   * every document can be attached, or nothing. Says which: `claim-lost` when the key is no
   * longer this claim's (the lease ran out and another request took over),
   * `documents-unavailable` when a document was attached, removed or expired meanwhile (the
   * claim still holds the key, in flight).
   */
  submitApplication(
    claim: IdempotencyClaim,
    application: ApplicationRecord,
    response: { status: number; json: string },
    /** Written with the application (`application.submitted`, and `application.screened`). */
    events: readonly OutboxEvent[],
    audit: AuditEntry,
    documents?: readonly string[],
  ): Promise<SubmitOutcome>;

  getApplication(tenantId: string, id: string): Promise<ApplicationRecord | undefined>;
  /** Newest first. */
  listApplications(
    tenantId: string,
    filter: ApplicationFilter,
    limit: number,
  ): Promise<{ items: ApplicationRecord[]; more: boolean }>;
  /**
   * Moves the application from `from` to `to` if its status is still `from`, with its outbox
   * event and audit row. Returns the row afterwards: `changeId` equal to the one given means
   * this change won.
   */
  changeApplicationStatus(
    change: {
      tenantId: string;
      id: string;
      from: string;
      to: string;
      changeId: string;
      at: number;
    },
    event: OutboxEvent,
    audit: AuditEntry,
  ): Promise<ApplicationRecord | undefined>;
  /** Deletes idempotency keys past their 24 h that no request holds; returns how many. */
  purgeExpiredIdempotencyKeys(now: number): Promise<number>;
  /**
   * Replaces the sealed screening result, only if it is still `before` (a reviewer's decision
   * on a hit: two reviewers at once cannot both write over the same result); false if not.
   */
  setApplicationScreening(
    tenantId: string,
    id: string,
    before: string,
    after: string,
    at: number,
    audit: AuditEntry,
  ): Promise<boolean>;
}
