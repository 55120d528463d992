/**
 * Browser-test fixtures for widgets: an ApiClient whose fetch answers like the edge (the config
 * of `edge/demo/answers.ts`, the theme from a built preset in themes/dist, and whatever routes
 * a test adds), and `mount`, which renders a widget inside a context provider the way
 * <gw-provider> or the embed would.
 */
import { ContextProvider } from '@lit/context';
import { widgetConfig } from '../../edge/demo/answers.js';
import { ApiClient } from '../../widgets/core/api-client.js';
import { type GwContext, gwContext, type Mode } from '../../widgets/core/context.js';
import { directionOf } from '../../widgets/core/localize.js';

// The page's own fetch, taken before any test replaces it: built themes are real files.
const pageFetch = globalThis.fetch.bind(globalThis);

export const PRESETS = ['gridworks', 'sunbeam', 'nocturne', 'heritage'] as const;
export type Preset = (typeof PRESETS)[number];

export type Route = (request: {
  method: string;
  path: string;
  body: unknown;
}) => Response | Promise<Response>;

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

export const problem = (status: number, code: string, detail = 'failed') =>
  json(
    { type: `https://docs.gridworks.example/problems/${code}`, title: 'Error', status, detail },
    status,
  );

export interface FakeEdge {
  client: ApiClient;
  /** The fake itself, for code that builds its own client on the page's fetch. */
  fetch: typeof fetch;
  /** Every request the widget made, in order. */
  requests: { method: string; path: string; body: unknown }[];
  /** How each request in `requests` authenticated: `pk` (publishable key), `token` or `none`. */
  credentials: ('pk' | 'token' | 'none')[];
  /** Replace or add routes at any time ("GET /v1/catalog" → handler). */
  routes: Map<string, Route>;
}

/** A client talking to an in-page fake of the edge, themed with a built preset. */
/** A widget token as the fake edge hands it out (never verified here; expiry far ahead). */
export const FAKE_TOKEN = `eyJhbGciOiJFZERTQSJ9.${btoa(JSON.stringify({ exp: 4_102_444_800 })).replace(/=+$/, '')}.c2ln`;

export function fakeEdge(
  preset: Preset | null = 'gridworks',
  routes: Record<string, Route> = {},
  /** `tokens`: the page gives widget tokens too (as `<gw-provider fetchToken>` does). */
  options: { tokens?: boolean } = {},
): FakeEdge {
  const table = new Map<string, Route>(Object.entries(routes));
  const requests: FakeEdge['requests'] = [];
  const credentials: FakeEdge['credentials'] = [];
  if (!table.has('GET /v1/config')) {
    table.set('GET /v1/config', () =>
      json(
        widgetConfig(
          { id: 'ten_test', slug: preset ?? 'none', name: 'Test Bank' },
          preset
            ? {
                hash: '0000000000000000',
                stylesheet: `/themes/dist/${preset}.css`,
                mode: 'auto',
                font: null,
                source: 'published',
              }
            : null,
        ),
      ),
    );
  }
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), location.origin);
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    // The publishable key rides in `?pk=` on reads; tests match requests by path.
    requests.push({ method, path: url.pathname, body });
    const auth = new Headers(init?.headers).get('authorization');
    credentials.push(url.searchParams.has('pk') ? 'pk' : auth ? 'token' : 'none');
    if (url.pathname.startsWith('/themes/dist/')) return pageFetch(url);
    if (url.pathname === '/v1/themes/current.css' && !table.has('GET /v1/themes/current.css')) {
      return preset ? pageFetch(`/themes/dist/${preset}.css`) : problem(404, 'no-theme');
    }
    const route = table.get(`${method} ${url.pathname}`);
    return route
      ? route({ method, path: url.pathname + url.search, body })
      : problem(404, 'not-found');
  }) as typeof fetch;
  const client = new ApiClient({
    baseUrl: location.origin,
    publishableKey: 'pk_test_fixture',
    ...(options.tokens ? { fetchToken: async () => FAKE_TOKEN } : {}),
    fetch: fetchImpl,
  });
  return { client, fetch: fetchImpl, requests, credentials, routes: table };
}

/**
 * Renders `html` (a widget's markup) inside a provider of `edge`'s client, with the given
 * locale and mode, and waits for the first element to finish updating.
 */
export async function mount<T extends HTMLElement>(
  markup: string,
  edge: FakeEdge,
  options: { locale?: string; mode?: Mode } = {},
): Promise<{ el: T; container: HTMLElement }> {
  const container = document.createElement('div');
  const locale = options.locale ?? 'en';
  const value: GwContext = {
    client: edge.client,
    locale,
    dir: directionOf(locale),
    mode: options.mode ?? 'light',
  };
  new ContextProvider(container, { context: gwContext, initialValue: value });
  container.innerHTML = markup;
  document.body.append(container);
  const el = container.firstElementChild as T;
  await (el as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  return { el, container };
}

/** Waits until `predicate` holds (polling each frame), or fails after `timeoutMs`. */
export async function until(
  predicate: () => boolean,
  timeoutMs = 3000,
  what = 'condition',
): Promise<void> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => requestAnimationFrame(r));
  }
}

/** `#rrggbb` → the `rgb(r, g, b)` string getComputedStyle returns. */
export function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}
