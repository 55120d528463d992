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
 */
import { createGwContext, type GwContext, gwContext } from './core/context.js';

/** Widget tags and their entry files, built next to this script. */
export const WIDGET_ENTRIES: Record<string, string> = {
  'gw-provider': './gw-provider.js',
  'gw-service-catalog': './gw-service-catalog.js',
  'gw-pricing-calculator': './gw-pricing-calculator.js',
  'gw-onboarding-form': './gw-onboarding-form.js',
};

const LOADED = Symbol.for('gridworks-embed.loader');

async function fetchToken(url: URL): Promise<string> {
  const response = await fetch(url, { method: 'POST', credentials: 'same-origin' });
  const body = response.ok ? ((await response.json()) as { token?: unknown }) : {};
  if (typeof body.token !== 'string') throw new Error(`no widget token (${response.status})`);
  return body.token;
}

function ownScript(): HTMLScriptElement | undefined {
  const here = new URL(import.meta.url).href;
  return [...document.querySelectorAll<HTMLScriptElement>('script[src]')].find(
    (s) => new URL(s.src, document.baseURI).href === here,
  );
}

function start(): void {
  const registry = globalThis as unknown as Record<symbol, boolean>;
  if (registry[LOADED]) return;
  registry[LOADED] = true;

  const data = ownScript()?.dataset ?? {};
  const tokenUrl = data.tokenUrl;
  const value = createGwContext({
    api: data.api ?? new URL(import.meta.url).origin,
    publishableKey: data.publishableKey,
    locale: data.locale,
    mode: data.mode,
    // The bank's backend knows its customer by its own session (cookies on its own origin).
    ...(tokenUrl ? { fetchToken: () => fetchToken(new URL(tokenUrl, document.baseURI)) } : {}),
  });
  // The whole document provides the context (the @lit/context protocol, answered by hand: the
  // value never changes, so the loader needs no provider class). A <gw-provider> inside
  // answers its own descendants first.
  document.documentElement.addEventListener('context-request', (event) => {
    const request = event as Event & {
      context?: unknown;
      callback?: (value: GwContext, unsubscribe?: () => void) => void;
    };
    if (request.context !== gwContext || typeof request.callback !== 'function') return;
    event.stopPropagation();
    request.callback(value, () => {});
  });
  // Theme and config start loading now, alongside the widgets' own code.
  value.client.theme().catch(() => {
    // Each widget reports load failures itself.
  });

  const requested = new Set<string>();
  const load = (root: ParentNode) => {
    for (const [tag, file] of Object.entries(WIDGET_ENTRIES)) {
      if (requested.has(tag) || customElements.get(tag) || !root.querySelector(tag)) continue;
      requested.add(tag);
      import(/* @vite-ignore */ new URL(file, import.meta.url).href).catch(() => {
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
