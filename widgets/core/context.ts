/**
 * What `<gw-provider>` (or the embed loader) gives every widget inside it, through
 * @lit/context, and the one place it is built. The key is a registered symbol, so two copies of
 * the kit on one page share it.
 */
import { createContext } from '@lit/context';
import { ApiClient, type FetchToken } from './api-client.js';
import { directionOf, firstLocale } from './locale.js';

export type Mode = 'light' | 'dark' | 'auto';
export type Direction = 'ltr' | 'rtl';

export interface GwContext {
  client: ApiClient;
  /** BCP 47 tag, e.g. `en-IN` (numbers group in lakhs and crores) or `ar`. */
  locale: string;
  dir: Direction;
  mode: Mode;
}

export const gwContext = createContext<GwContext | undefined>(
  Symbol.for('gridworks-embed.context'),
);

/** Where and how to reach the edge, as a page states it (attributes, data attributes). */
export interface EdgeOptions {
  /** The edge's base URL; this page's origin when unset or empty. */
  api?: string | undefined;
  publishableKey?: string | undefined;
  fetchToken?: FetchToken | undefined;
  /** How requests are sent; the embed loader's answers the reads it started early. */
  fetch?: typeof fetch | undefined;
}

export interface GwContextOptions extends EdgeOptions {
  locale?: string | undefined;
  /** `ltr` or `rtl` forces a direction; anything else follows the locale. */
  dir?: string | undefined;
  /** `light`, `dark` or `auto`; anything else is `auto`. */
  mode?: string | undefined;
}

export const isMode = (value: unknown): value is Mode =>
  value === 'light' || value === 'dark' || value === 'auto';

/**
 * The client for these options: `previous` itself when it already talks to that edge with the
 * same credentials, since it holds the cached config, theme and widget token.
 */
export function edgeClient(options: EdgeOptions, previous?: ApiClient): ApiClient {
  const wanted = {
    baseUrl: options.api || globalThis.location.origin,
    ...(options.publishableKey ? { publishableKey: options.publishableKey } : {}),
    ...(options.fetchToken ? { fetchToken: options.fetchToken } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  return previous?.isFor(wanted) ? previous : new ApiClient(wanted);
}

/** The context `<gw-provider>` and the embed loader provide, from what the page says. */
export function createGwContext(options: GwContextOptions, previous?: GwContext): GwContext {
  const locale = firstLocale(options.locale, document.documentElement.lang);
  return {
    client: edgeClient(options, previous?.client),
    locale,
    dir: options.dir === 'ltr' || options.dir === 'rtl' ? options.dir : directionOf(locale),
    mode: isMode(options.mode) ? options.mode : 'auto',
  };
}
