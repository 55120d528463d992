/**
 * Loads the catalog for its host: `GET /v1/catalog` through the host's edge client with
 * @lit/task (the AbortSignal reaches fetch), keeps the last good catalog through failed
 * reloads, follows the window's online/offline events and retries when the connection is
 * back, aborts when the host leaves the page and resumes when it returns. Fires `gw-load`.
 */
import { Task, TaskStatus } from '@lit/task';
import type { ReactiveController, ReactiveElement } from 'lit';
import type { Catalog } from '../../contracts/catalog.js';
import { type ApiClient, ApiError } from '../core/api-client.js';
import { emit, type GwLoadDetail } from '../core/events.js';

export type LoadState = 'loading' | 'ready' | 'error' | 'offline';

const isAbort = (error: unknown) => (error as Error | undefined)?.name === 'AbortError';

export class CatalogLoader implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #task: Task<readonly [ApiClient | undefined], Catalog>;
  #catalog: Catalog | undefined;
  /** From the window's events; the client itself refuses to fetch when the browser says so. */
  online = globalThis.navigator?.onLine ?? true;

  constructor(host: ReactiveElement, client: () => ApiClient | undefined) {
    this.#host = host;
    this.#task = new Task(host, {
      args: () => [client()] as const,
      task: async ([api], { signal }) => {
        if (!api) throw new ApiError(401, 'no-credential', 'No provider, embed script or key.');
        return api.request<Catalog>('/v1/catalog', { signal });
      },
      onComplete: (catalog) => {
        this.#catalog = catalog;
        emit<GwLoadDetail>(host, 'gw-load', { ok: true });
      },
      onError: (error) => {
        if (isAbort(error)) return;
        const type = error instanceof ApiError ? error.type : 'unknown';
        emit<GwLoadDetail>(host, 'gw-load', { ok: false, error: type });
      },
    });
    host.addController(this);
  }

  /** The last catalog that loaded, kept while a reload fails or the browser is offline. */
  get catalog(): Catalog | undefined {
    return this.#catalog;
  }

  /** What to show when there is no catalog yet. */
  get state(): LoadState {
    if (this.#catalog) return 'ready';
    const { status, error } = this.#task;
    const failed = status === TaskStatus.ERROR && !isAbort(error);
    if (!this.online || (failed && error instanceof ApiError && error.type === 'offline'))
      return 'offline';
    // INITIAL means the task never ran: there is no client to run it with.
    return failed || status === TaskStatus.INITIAL ? 'error' : 'loading';
  }

  reload(): Promise<void> {
    return this.#task.run();
  }

  hostConnected(): void {
    this.online = globalThis.navigator?.onLine ?? true;
    globalThis.addEventListener('online', this.#onConnectivity);
    globalThis.addEventListener('offline', this.#onConnectivity);
    // A load cut short by leaving the page starts again on return.
    if (this.#task.status === TaskStatus.ERROR && isAbort(this.#task.error)) void this.reload();
  }

  hostDisconnected(): void {
    globalThis.removeEventListener('online', this.#onConnectivity);
    globalThis.removeEventListener('offline', this.#onConnectivity);
    this.#task.abort();
  }

  readonly #onConnectivity = (event: Event): void => {
    const online = event.type === 'online';
    if (online === this.online) return;
    this.online = online;
    this.#host.requestUpdate();
    if (online && (!this.#catalog || this.#task.status === TaskStatus.ERROR)) void this.reload();
  };
}
