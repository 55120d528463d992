/**
 * The embed loader's context for the whole page, built from its script's data attributes. Kept
 * out of `embed.ts` so the loader itself imports nothing: it is fetched by the loader in the
 * same round as the widgets' files, not in a round of its own before them.
 */
import { createGwContext, type GwContext } from './core/context.js';

/** What the loader read from its `<script>` tag. */
export interface EmbedOptions {
  api: string;
  publishableKey?: string | undefined;
  locale?: string | undefined;
  mode?: string | undefined;
  /** The bank's backend URL that answers a POST with `{"token": "…"}`, absolute. */
  tokenUrl?: string | undefined;
  /** Reads the loader started before this module arrived, by URL (see `startReads`). */
  early?: Map<string, Promise<Response>> | undefined;
}

/** A fetch that answers each early GET once with its response, and sends everything else. */
function withEarlyReads(early: Map<string, Promise<Response>>): typeof fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : undefined;
    const answer = url && (init?.method ?? 'GET') === 'GET' ? early.get(url) : undefined;
    if (!answer || !url) return fetch(input, init);
    early.delete(url);
    // A read that failed early is simply sent again.
    return answer.catch(() => fetch(input, init));
  };
}

async function fetchToken(url: string): Promise<string> {
  const response = await fetch(url, { method: 'POST', credentials: 'same-origin' });
  const body = response.ok ? ((await response.json()) as { token?: unknown }) : {};
  if (typeof body.token !== 'string') throw new Error(`no widget token (${response.status})`);
  return body.token;
}

/**
 * The context the loader gives every widget on the page (it answers their context requests
 * itself, from the moment it runs), with theme and config loading.
 */
export function createPageContext(options: EmbedOptions): GwContext {
  const { tokenUrl } = options;
  const value = createGwContext({
    api: options.api,
    publishableKey: options.publishableKey,
    locale: options.locale,
    mode: options.mode,
    // The bank's backend knows its customer by its own session (cookies on its own origin).
    ...(tokenUrl ? { fetchToken: () => fetchToken(tokenUrl) } : {}),
    ...(options.early?.size ? { fetch: withEarlyReads(options.early) } : {}),
  });
  // Theme and config (already on their way when the loader started them) become the sheet.
  value.client.theme().catch(() => {
    // Each widget reports load failures itself.
  });
  return value;
}
