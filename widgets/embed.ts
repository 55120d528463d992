/**
 * The one-line embed:
 *
 *   <script type="module" src="https://widgets.bank.example/embed.js" data-publishable-key="pk_…"></script>
 *   <gw-service-catalog></gw-service-catalog>
 *
 * Provides the widget context to the whole page from the script's data attributes
 * (`data-publishable-key`, `data-api`, `data-locale`, `data-mode`, and `data-token-url`: a URL
 * of the bank's own backend that answers a POST with `{"token": "…"}`, for widgets that write),
 * then imports only the widgets present on the page — and any added later. Loading it twice
 * is harmless.
 *
 * It imports nothing statically, so it runs as soon as it arrives; with the first widget on the
 * page, that widget's files (its entry and everything the entry imports, from the build's
 * graph) and the page context (`embed-context.ts`) are all requested at once, as
 * `<link rel="modulepreload">`s, instead of one round of downloads per level of imports.
 */

/** Widget tags and their entry files, built next to this script. */
export const WIDGET_ENTRIES: Record<string, string> = {
  'gw-provider': './gw-provider.js',
  'gw-service-catalog': './gw-service-catalog.js',
  'gw-pricing-calculator': './gw-pricing-calculator.js',
  'gw-onboarding-form': './gw-onboarding-form.js',
  'gw-support-chat': './gw-support-chat.js',
};

/** The build's chunk graph as the loader needs it; paths are relative to this script. */
export interface KitGraph {
  /** The page context (`embed-context.ts`, built as an entry of its own), then what it imports. */
  context: string[];
  /** Per widget entry file, every file it imports statically, transitively (not on-demand ones). */
  entries: Record<string, string[]>;
}

// The build writes the graph in as JSON (vite.config.ts, `kitGraph()`). Unbuilt there is none,
// and modules load level by level as they are discovered.
const BUILT_GRAPH = '__GW_KIT_GRAPH__';
export const KIT_GRAPH: KitGraph = BUILT_GRAPH.startsWith('{')
  ? (JSON.parse(BUILT_GRAPH) as KitGraph)
  : { context: ['./embed-context.js'], entries: {} };

const LOADED = Symbol.for('gridworks-embed.loader');
/** `gwContext` of core/context.ts: a registered symbol, so the loader need not import it. */
const CONTEXT_KEY = Symbol.for('gridworks-embed.context');

type ContextCallback = (value: unknown, unsubscribe?: () => void) => void;

function ownScript(): HTMLScriptElement | undefined {
  const here = new URL(import.meta.url).href;
  return [...document.querySelectorAll<HTMLScriptElement>('script[src]')].find(
    (s) => new URL(s.src, document.baseURI).href === here,
  );
}

const preloaded = new Set<string>();

/**
 * Starts fetching module files without running them. Elements, not `import()`: a module runs
 * only once everything it imports has arrived, and in the order the kit needs.
 */
function preload(files: readonly string[]): void {
  for (const file of files) {
    const href = new URL(file, import.meta.url).href;
    if (preloaded.has(href)) continue;
    preloaded.add(href);
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    (document.head ?? document.documentElement).append(link);
  }
}

/**
 * The two reads the first themed paint waits for, sent with the widget's scripts instead of
 * after them. The URLs are the ones the edge client sends for a read with the publishable key
 * (`ApiClient`: the key rides in the query, so no CORS preflight), and the page context hands
 * these answers to it instead of asking again; a URL that ever differed would only be sent twice.
 */
function startReads(api: string, publishableKey: string): Map<string, Promise<Response>> {
  const base = api.replace(/\/$/, '');
  const reads = new Map<string, Promise<Response>>();
  for (const path of ['/v1/themes/current.css', '/v1/config']) {
    const url = `${base}${path}?pk=${encodeURIComponent(publishableKey)}`;
    const response = fetch(url, { credentials: 'omit' });
    // The client sends a failed read again and reports its own failure.
    response.catch(() => {});
    reads.set(url, response);
  }
  return reads;
}

function start(): void {
  const registry = globalThis as unknown as Record<symbol, boolean>;
  if (registry[LOADED]) return;
  registry[LOADED] = true;

  const data = ownScript()?.dataset ?? {};
  // Not an `import()` the bundler follows: it would pull its preload helper into this file as a
  // static import, a round trip of its own before the loader runs.
  const context = new URL(KIT_GRAPH.context[0] ?? './embed-context.js', import.meta.url).href;
  let provided: Promise<void> | undefined;
  let value: unknown;
  const waiting: ContextCallback[] = [];
  const api = data.api ?? new URL(import.meta.url).origin;
  // Fetched with the first widget's files, in the same round: a page without widgets pays for
  // this script alone.
  const provide = () => {
    if (provided) return provided;
    const early = data.publishableKey
      ? startReads(api || globalThis.location.origin, data.publishableKey)
      : undefined;
    preload(KIT_GRAPH.context);
    provided = (import(/* @vite-ignore */ context) as Promise<typeof import('./embed-context.js')>)
      .then(({ createPageContext }) => {
        value = createPageContext({
          api,
          publishableKey: data.publishableKey,
          locale: data.locale,
          mode: data.mode,
          tokenUrl: data.tokenUrl ? new URL(data.tokenUrl, document.baseURI).href : undefined,
          early,
        });
        for (const callback of waiting.splice(0)) callback(value, () => {});
      })
      .catch(() => {
        console.warn('GridWorks Embed: could not load the page context.');
      });
    return provided;
  };

  // The whole document provides the context (the @lit/context protocol, answered by hand: the
  // value never changes, so the loader needs no provider class), from now on: a widget defined
  // by another copy of the kit may ask before the page context has arrived, and is answered
  // when it has. A <gw-provider> inside answers its own descendants first.
  document.documentElement.addEventListener('context-request', (event) => {
    const request = event as Event & { context?: unknown; callback?: ContextCallback };
    if (request.context !== CONTEXT_KEY || typeof request.callback !== 'function') return;
    event.stopPropagation();
    if (value) request.callback(value, () => {});
    else {
      waiting.push(request.callback);
      void provide();
    }
  });

  const requested = new Set<string>();
  const load = (root: ParentNode) => {
    for (const [tag, file] of Object.entries(WIDGET_ENTRIES)) {
      if (requested.has(tag) || customElements.get(tag) || !root.querySelector(tag)) continue;
      requested.add(tag);
      // Widgets run only once the page context answers their context requests.
      const ready = provide();
      preload([file, ...(KIT_GRAPH.entries[file] ?? [])]);
      ready
        .then(() => import(/* @vite-ignore */ new URL(file, import.meta.url).href))
        .catch(() => {
          requested.delete(tag);
          console.warn(`GridWorks Embed: could not load <${tag}>.`);
        });
    }
  };
  load(document);
  new MutationObserver((records) => {
    if (records.some((r) => r.addedNodes.length > 0)) load(document);
  }).observe(document.documentElement, { childList: true, subtree: true });
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
