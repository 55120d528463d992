/**
 * Save and resume for `<gw-onboarding-form>`. Every change is written at once to
 * `sessionStorage` (the offline fallback: a reload, a crash of the tab's page or a lost
 * connection keeps it, in this tab) and, debounced, to the edge as the customer's draft
 * (`PUT /v1/applications/draft`, which a new tab or another device resumes from). A save that
 * fails for want of a network is retried when the browser is back online; the newest copy wins
 * on resume.
 *
 * The local copy holds the form as typed, invalid fields too; the edge's holds only the fields
 * that pass their rules (model.ts `toDraft`). The copy is removed once the application is in.
 */
import type { Draft } from '../../contracts/applications.js';
import { type ApiClient, ApiError } from '../core/api-client.js';
import type { FormState, FormStep } from './model.js';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'offline' | 'failed';

export interface LocalCopy {
  state: FormState;
  step: FormStep;
  /** Epoch ms of the change this copy holds. */
  savedAt: number;
  /** The `Idempotency-Key` of a submission that was sent, kept so a retry replays it. */
  idempotencyKey?: string;
}

export interface DraftSaverOptions {
  client: () => ApiClient | undefined;
  /** The sessionStorage key: per edge, tenant credential and product. */
  storageKey: () => string;
  onStatus: (status: SaveStatus) => void;
  debounceMs?: number;
  now?: () => number;
}

const storage = (): Storage | undefined => {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined; // Storage blocked by the page's or the browser's policy.
  }
};

export class DraftSaver {
  readonly #options: DraftSaverOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: Draft | undefined;
  #inFlight: Promise<void> | undefined;

  constructor(options: DraftSaverOptions) {
    this.#options = options;
  }

  get #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  /** The local copy of this form, if this tab has one. */
  readLocal(): LocalCopy | undefined {
    try {
      const text = storage()?.getItem(this.#options.storageKey());
      if (!text) return undefined;
      const copy = JSON.parse(text) as LocalCopy;
      return copy && typeof copy.savedAt === 'number' && copy.state ? copy : undefined;
    } catch {
      return undefined; // A copy we cannot read is no copy: the edge's draft, or a fresh form.
    }
  }

  writeLocal(copy: Omit<LocalCopy, 'savedAt'> & { savedAt?: number }): void {
    try {
      storage()?.setItem(
        this.#options.storageKey(),
        JSON.stringify({ ...copy, savedAt: copy.savedAt ?? this.#now }),
      );
    } catch {
      // Quota or policy: the edge's draft still has the valid fields.
    }
  }

  clearLocal(): void {
    try {
      storage()?.removeItem(this.#options.storageKey());
    } catch {
      // Nothing to clear.
    }
  }

  /** The customer's draft on the edge, or undefined when there is none (204). */
  async readRemote(signal?: AbortSignal): Promise<(Draft & { updatedAt: number }) | undefined> {
    const client = this.#options.client();
    if (!client?.canWrite) return undefined;
    try {
      return await client.request<(Draft & { updatedAt: number }) | undefined>(
        '/v1/applications/draft',
        { signal, credential: 'token' },
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined; // An older edge.
      throw error;
    }
  }

  /** Queues `draft` for the edge (debounced); the local copy is the caller's, written at once. */
  schedule(draft: Draft): void {
    this.#pending = draft;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), this.#options.debounceMs ?? 800);
  }

  /** Sends what is queued now (leaving the page, going back online, before submitting). */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#inFlight; // One save at a time, in order.
    const draft = this.#pending;
    const client = this.#options.client();
    if (!draft || !client?.canWrite) return;
    this.#pending = undefined;
    this.#options.onStatus('saving');
    this.#inFlight = client
      .request('/v1/applications/draft', { method: 'PUT', body: draft })
      .then(
        () => this.#options.onStatus('saved'),
        (error: unknown) => {
          // Keep it for the next try unless a newer draft has been queued meanwhile.
          this.#pending ??= draft;
          const offline = error instanceof ApiError && error.offline;
          this.#options.onStatus(offline ? 'offline' : 'failed');
        },
      )
      .finally(() => {
        this.#inFlight = undefined;
      });
    await this.#inFlight;
  }

  get hasPending(): boolean {
    return this.#pending !== undefined;
  }

  /** Stops the timer (the element left the page); what is queued stays for `flush`. */
  pause(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
