/**
 * The widgets' client for the edge. Reads go with the publishable key when there is one (it
 * rides in `?pk=`, so no CORS preflight); writes — and reads without a publishable key — go
 * with a widget token from the host's `fetchToken` callback (held in memory only, refreshed
 * before it expires). The publishable key is read-only: without `fetchToken` a client cannot
 * write. No cookies, no storage. Errors are typed so widgets can show the right state.
 */
import type { WidgetConfig } from '../../contracts/widget.js';

export type FetchToken = () => Promise<string>;

export interface ApiClientOptions {
  /** The edge's base URL, e.g. https://widgets.bank.example */
  baseUrl: string;
  publishableKey?: string;
  fetchToken?: FetchToken;
  fetch?: typeof fetch;
}

/** A failed request: `status` 0 means the network (offline); else the edge's problem type. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  /** A 422's field errors, as the edge names them (`path` is a JSON pointer into the body). */
  readonly errors: readonly FieldProblem[];
  constructor(status: number, type: string, message: string, errors: FieldProblem[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.type = type;
    this.errors = errors;
  }
  get offline(): boolean {
    return this.status === 0;
  }
}

/**
 * The ApiError for a failed answer: its problem+json `type` (last segment), `detail` and field
 * `errors`, or a generic message when the body is not problem+json.
 */
export function problemError(status: number, body: string): ApiError {
  let problem: { type?: string; detail?: string; errors?: unknown } = {};
  try {
    const parsed: unknown = body ? JSON.parse(body) : undefined;
    if (parsed && typeof parsed === 'object') problem = parsed;
  } catch {
    // Not a problem+json body: the generic message.
  }
  return new ApiError(
    status,
    problem.type?.split('/').pop() ?? 'http-error',
    problem.detail ?? `Request failed (${status}).`,
    Array.isArray(problem.errors) ? (problem.errors as FieldProblem[]) : [],
  );
}

export interface FieldProblem {
  path: string;
  code: string;
  message: string;
}

export interface RequestInit {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `Idempotency-Key` (credentials are the client's own). */
  headers?: Record<string, string>;
  /**
   * `token`: send the widget token even on a read — a customer's own data (their onboarding
   * draft) is never readable with the tenant's public key.
   */
  credential?: 'token';
}

// Refresh this long before `exp`, so a request never leaves with a token about to expire.
const REFRESH_MARGIN_S = 60;

function tokenExpiry(token: string): number {
  try {
    const payload = JSON.parse(
      atob(token.split('.')[1]?.replace(/-/g, '+').replace(/_/g, '/') ?? ''),
    ) as {
      exp?: number;
    };
    return typeof payload.exp === 'number' ? payload.exp : 0;
  } catch {
    return 0;
  }
}

export class ApiClient {
  readonly baseUrl: string;
  readonly #publishableKey: string | undefined;
  readonly #fetchToken: FetchToken | undefined;
  readonly #fetch: typeof fetch;
  #token: { value: string; exp: number } | undefined;
  #refreshing: Promise<string> | undefined;
  #config: Promise<WidgetConfig> | undefined;
  #theme: Promise<CSSStyleSheet | undefined> | undefined;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/$/, '');
    this.#publishableKey = options.publishableKey;
    this.#fetchToken = options.fetchToken;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** Whether this client talks to that edge with those credentials (so it can be reused). */
  isFor(options: ApiClientOptions): boolean {
    return (
      this.baseUrl === options.baseUrl.replace(/\/$/, '') &&
      this.#publishableKey === options.publishableKey &&
      this.#fetchToken === options.fetchToken &&
      (options.fetch === undefined || this.#fetch === options.fetch)
    );
  }

  get canAuthenticate(): boolean {
    return Boolean(this.#publishableKey || this.#fetchToken);
  }

  /** Whether this client can write (request a quote…): only with a widget token source. */
  get canWrite(): boolean {
    return Boolean(this.#fetchToken);
  }

  async #credential(method: string, tokenOnly = false): Promise<string | undefined> {
    if (this.#publishableKey && method === 'GET' && !tokenOnly) return this.#publishableKey;
    if (this.#fetchToken) {
      const now = Date.now() / 1000;
      if (this.#token && this.#token.exp - REFRESH_MARGIN_S > now) return this.#token.value;
      this.#refreshing ??= this.#fetchToken()
        .then((value) => {
          this.#token = { value, exp: tokenExpiry(value) };
          return value;
        })
        .finally(() => {
          this.#refreshing = undefined;
        });
      return this.#refreshing;
    }
    return this.#publishableKey;
  }

  async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await this.#send(path, init);
    // 204 No Content: nothing to parse (e.g. no onboarding draft yet).
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  async #send(path: string, init: RequestInit): Promise<Response> {
    if (globalThis.navigator?.onLine === false)
      throw new ApiError(0, 'offline', 'You are offline.');
    const method = init.method ?? 'GET';
    let credential: string | undefined;
    try {
      credential = await this.#credential(method, init.credential === 'token');
    } catch {
      throw new ApiError(401, 'token-unavailable', 'The page could not provide a widget token.');
    }
    const headers: Record<string, string> = { ...init.headers };
    let url = path.startsWith('http') ? path : `${this.baseUrl}${path}`;
    if (credential && method === 'GET' && credential === this.#publishableKey) {
      // The publishable key is public: on reads it rides in the URL, which keeps the request
      // "simple" for CORS — no preflight round trip before each URL.
      url += `${url.includes('?') ? '&' : '?'}pk=${encodeURIComponent(credential)}`;
    } else if (credential) {
      headers.authorization = `Bearer ${credential}`;
    }
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: init.signal,
        credentials: 'omit',
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ApiError(0, 'network', 'The service could not be reached.');
    }
    if (!response.ok) {
      const error = problemError(response.status, await response.text().catch(() => ''));
      // A token refused mid-life (revoked, rotated away) is fetched anew on the next call.
      if (response.status === 401) this.#token = undefined;
      throw error;
    }
    return response;
  }

  /**
   * The credential a write goes with (the widget token), for a widget that sends a request
   * itself (an upload with progress). Rejects with an ApiError when the page gives none.
   */
  async writeCredential(): Promise<string | undefined> {
    try {
      return await this.#credential('POST');
    } catch {
      throw new ApiError(401, 'token-unavailable', 'The page could not provide a widget token.');
    }
  }

  /** Forgets the widget token after the edge refused it (it is fetched anew on the next call). */
  dropToken(): void {
    this.#token = undefined;
  }

  /** The tenant's widget config, fetched once per client. */
  config(): Promise<WidgetConfig> {
    this.#config ??= this.request<WidgetConfig>('/v1/config').catch((error: unknown) => {
      this.#config = undefined;
      throw error;
    });
    return this.#config;
  }

  /**
   * The tenant's theme as one constructable stylesheet, shared by every widget using this
   * client (the theme controller adopts it and registers the config's font).
   */
  theme(): Promise<CSSStyleSheet | undefined> {
    // The stylesheet and the config are fetched side by side: the current theme's URL needs
    // no config, and the config says whether there is a theme (and its font).
    this.#theme ??= (async () => {
      const [response, config] = await Promise.all([
        this.#send('/v1/themes/current.css', {}).catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 404) return undefined; // No theme yet.
          throw error;
        }),
        this.config(),
      ]);
      if (!response || !config.theme) return undefined;
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(await response.text());
      return sheet;
    })().catch((error: unknown) => {
      this.#theme = undefined;
      throw error;
    });
    return this.#theme;
  }
}
