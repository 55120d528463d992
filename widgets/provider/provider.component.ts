import { ContextProvider } from '@lit/context';
import { css, html, LitElement, type PropertyDeclarations } from 'lit';
import { ApiClient, type FetchToken } from '../core/api-client.js';
import { type Direction, type GwContext, gwContext, type Mode } from '../core/context.js';
import { KIT_VERSION } from '../core/define.js';
import { directionOf, firstLocale } from '../core/locale.js';

/**
 * @tagname gw-provider
 * @summary Provides tenant config, theme, locale, direction and the edge client to every
 * GridWorks widget inside it.
 *
 * @slot - The widgets (and any other content).
 *
 * Set `fetchToken` to a function returning a fresh widget token from your backend; it is
 * called when a widget first needs one and again before it expires. Tokens stay in memory.
 */
export class GwProvider extends LitElement {
  static gwVersion = KIT_VERSION;
  static override styles = css`
    :host {
      display: contents;
    }
  `;
  static override properties: PropertyDeclarations = {
    publishableKey: { attribute: 'publishable-key' },
    api: {},
    locale: {},
    dir: { reflect: true },
    mode: {},
    fetchToken: { attribute: false },
  };

  /** The tenant's publishable key (`pk_…`); enough for read-only widgets. */
  declare publishableKey: string | undefined;
  /** The edge's base URL; defaults to this page's origin. */
  declare api: string | undefined;
  /** BCP 47 locale for every widget inside, e.g. `en-IN`, `ar`, `fr`. */
  declare locale: string | undefined;
  /**
   * `ltr` or `rtl` for every widget inside; by default the locale's direction (a page may
   * need to force it, e.g. for a right-to-left language the kit does not translate).
   */
  declare dir: string;
  /** `light`, `dark` or `auto` (follow the system). */
  declare mode: Mode | undefined;
  /** Returns a widget token from your backend. Called on demand and before expiry. */
  declare fetchToken: FetchToken | undefined;

  readonly #provider = new ContextProvider(this, { context: gwContext, initialValue: undefined });
  #client: ApiClient | undefined;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // A new client only when the credential or edge changes: it holds the cached config,
    // theme and token.
    if (
      !this.#client ||
      changed.has('api') ||
      changed.has('publishableKey') ||
      changed.has('fetchToken')
    ) {
      this.#client = new ApiClient({
        baseUrl: this.api ?? globalThis.location.origin,
        ...(this.publishableKey ? { publishableKey: this.publishableKey } : {}),
        ...(this.fetchToken ? { fetchToken: this.fetchToken } : {}),
      });
    }
    const locale = firstLocale(this.locale, document.documentElement.lang);
    const value: GwContext = {
      client: this.#client,
      locale,
      dir: isDirection(this.dir) ? this.dir : directionOf(locale),
      mode: this.mode ?? 'auto',
    };
    this.#provider.setValue(value);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

const isDirection = (value: string | undefined): value is Direction =>
  value === 'ltr' || value === 'rtl';
