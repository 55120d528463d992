/**
 * Where a widget's edge client, locale, direction and mode come from: the context of
 * `<gw-provider>` or the embed loader, or — for a widget used alone — its own `publishable-key`
 * and `api` attributes, through the same `edgeClient` factory the provider and the loader use.
 * The element's own `locale` and `mode` win over the context's. After every update the result
 * is mirrored onto the host: `lang` and `dir` (screen readers, logical-property layout) and
 * `data-gw-mode` for the theme's other mode (none for `auto`, which follows the system).
 */
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiClient } from './api-client.js';
import {
  type Direction,
  edgeClient,
  type GwContext,
  gwContext,
  isMode,
  type Mode,
} from './context.js';
import { directionOf, firstLocale } from './locale.js';

/** The attributes a widget is pointed at an edge and a locale with. */
export interface EdgeClientHost extends ReactiveControllerHost, HTMLElement {
  publishableKey?: string | undefined;
  api?: string | undefined;
  locale?: string | undefined;
  mode?: Mode | undefined;
}

export class EdgeClientController implements ReactiveController {
  readonly #host: EdgeClientHost;
  #context: GwContext | undefined;
  #own: ApiClient | undefined;

  constructor(host: EdgeClientHost) {
    this.#host = host;
    new ContextConsumer(host, {
      context: gwContext,
      subscribe: true,
      callback: (value) => {
        this.#context = value;
        host.requestUpdate();
      },
    });
    host.addController(this);
  }

  /** The client this widget talks to the edge with, or undefined when it has no credential. */
  get client(): ApiClient | undefined {
    const { api, publishableKey } = this.#host;
    const context = this.#context;
    // Its own key (or, outside any provider, its own edge) makes the widget its own client.
    if (!publishableKey && (context || !api)) return context?.client;
    this.#own = edgeClient({ api: api ?? context?.client.baseUrl, publishableKey }, this.#own);
    return this.#own;
  }

  /** The element's own locale, else its context's, else the page's, resolved. */
  get locale(): string {
    return firstLocale(this.#host.locale, this.#context?.locale, document.documentElement.lang);
  }

  /** The context's direction (a provider may force one), unless the element sets its locale. */
  get dir(): Direction {
    return this.#host.locale?.trim() || !this.#context
      ? directionOf(this.locale)
      : this.#context.dir;
  }

  get mode(): Mode {
    const own = this.#host.mode;
    return isMode(own) ? own : (this.#context?.mode ?? 'auto');
  }

  hostUpdated(): void {
    const host = this.#host;
    const mode = this.mode;
    host.setAttribute('dir', this.dir);
    host.setAttribute('lang', this.locale);
    if (mode === 'auto') host.removeAttribute('data-gw-mode');
    else host.setAttribute('data-gw-mode', mode);
  }
}
