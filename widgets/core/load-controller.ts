/**
 * The one loading/state controller of every widget: loads the widget's data through its edge
 * client with @lit/task (the AbortSignal reaches fetch), keeps the last good value through
 * failed reloads, follows the window's online/offline events and loads again when the
 * connection is back, aborts when the host leaves the page and resumes when it returns, fires
 * `gw-load`, and renders the loading, empty, error and offline states with the shared template.
 */
import { Task, TaskStatus } from '@lit/task';
import {
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { type ApiClient, ApiError } from './api-client.js';
import { emit, type GwLoadDetail } from './events.js';
import { loadingTemplate, retryButton, type StateStrings, stateTemplate } from './states.js';

export type LoadState = 'loading' | 'ready' | 'empty' | 'error' | 'offline';

export interface LoadOptions<T> {
  /** The client to load with; none (no provider, embed script or key) is an error. */
  client: () => ApiClient | undefined;
  load: (client: ApiClient, signal: AbortSignal) => Promise<T>;
  /** Whether a loaded value has nothing to show: the empty state. */
  isEmpty: (value: T) => boolean;
  /** False when the widget has its own status line: the states then do not announce. */
  announce?: boolean;
}

const isAbort = (error: unknown) => (error as Error | undefined)?.name === 'AbortError';

export class LoadController<T> implements ReactiveController {
  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #options: LoadOptions<T>;
  readonly #task: Task<readonly [ApiClient | undefined], T>;
  #value: T | undefined;
  #valueFrom: ApiClient | undefined;
  /** From the window's events; the client itself refuses to fetch when the browser says so. */
  online = globalThis.navigator?.onLine ?? true;

  constructor(host: ReactiveControllerHost & EventTarget, options: LoadOptions<T>) {
    this.#host = host;
    this.#options = options;
    this.#task = new Task(host, {
      args: () => [options.client()] as const,
      task: async ([client], { signal }) => {
        // Another edge or credential: the last value was another tenant's, or another view.
        if (client !== this.#valueFrom) this.#value = undefined;
        if (!client) throw new ApiError(401, 'no-credential', 'No provider, embed script or key.');
        const value = await options.load(client, signal);
        this.#valueFrom = client;
        return value;
      },
      onComplete: (value) => {
        this.#value = value;
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

  /** The last value that loaded, kept while a reload fails or the browser is offline. */
  get value(): T | undefined {
    return this.#value;
  }

  get state(): LoadState {
    const value = this.#value;
    if (value !== undefined) return this.#options.isEmpty(value) ? 'empty' : 'ready';
    const { status, error } = this.#task;
    const failed = status === TaskStatus.ERROR && !isAbort(error);
    // A request that never reached the edge (status 0) is offline too, whatever the browser says.
    if (!this.online || (failed && error instanceof ApiError && error.offline)) return 'offline';
    return failed ? 'error' : 'loading';
  }

  reload(): Promise<void> {
    return this.#task.run();
  }

  /**
   * The widget's view of its data: `ready` once it has loaded (and is not empty), `loading`'s
   * skeleton until then, and the shared state messages otherwise.
   */
  render(
    t: StateStrings,
    views: { loading: () => TemplateResult; ready: (value: T) => TemplateResult },
  ): TemplateResult {
    const state = this.state;
    const live = this.#options.announce ?? true;
    if (state === 'ready') return views.ready(this.#value as T);
    if (state === 'loading') return loadingTemplate(t.loading, views.loading(), live);
    return stateTemplate({
      kind: state,
      title: t[`${state}Title` as const],
      body: t[`${state}Body` as const],
      // Offline too: a request may have failed for want of a network the browser never missed.
      action: state === 'empty' ? nothing : retryButton(t.retry, () => void this.reload()),
      live,
    });
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
    if (online !== this.online) {
      this.online = online;
      this.#host.requestUpdate();
    }
    // Also after a failure the browser never noticed (the request found no network).
    if (online && this.#task.status === TaskStatus.ERROR) void this.reload();
  };
}
