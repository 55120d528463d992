import { ContextProvider } from '@lit/context';
import { css, html, LitElement, type PropertyDeclarations } from 'lit';
import type { FetchToken } from '../core/api-client.js';
import { createGwContext, gwContext, type Mode } from '../core/context.js';
import { KIT_VERSION } from '../core/define.js';

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

  protected override willUpdate(): void {
    // The same client while the credential and edge stay: it holds the cached config, theme
    // and token.
    this.#provider.setValue(createGwContext(this, this.#provider.value));
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
