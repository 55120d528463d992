/**
 * The one base class of the kit's widgets (kept shallow: shared behaviour is context plus this).
 * It finds its edge client — from `<gw-provider>` or the embed loader through context, or from
 * its own `publishable-key` / `api` attributes when used alone — adopts the tenant's theme
 * stylesheet into its shadow root, and mirrors locale, direction and mode onto the host.
 */
import { ContextConsumer } from '@lit/context';
import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ApiClient } from './api-client.js';
import { type Direction, type GwContext, gwContext, type Mode } from './context.js';
import { KIT_VERSION } from './define.js';
import { emit } from './events.js';
import { directionOf, firstLocale } from './locale.js';

/**
 * @event gw-theme-applied - The tenant's theme stylesheet was adopted into the widget's shadow
 *   root (the first paint in the tenant's colours follows). `detail`: null.
 */
export class GwElement extends LitElement {
  static gwVersion = KIT_VERSION;

  static override properties: PropertyDeclarations = {
    publishableKey: { attribute: 'publishable-key' },
    api: {},
    locale: { reflect: false },
    mode: {},
  };

  /** A publishable key, for a widget used without `<gw-provider>` or the embed script. */
  declare publishableKey: string | undefined;
  /** The edge's base URL (defaults to the provider's, else this page's origin). */
  declare api: string | undefined;
  /** BCP 47 locale; overrides the provider's. */
  declare locale: string | undefined;
  /** `light`, `dark` or `auto`; overrides the provider's. */
  declare mode: Mode | undefined;

  protected context: GwContext | undefined;
  #ownClient: ApiClient | undefined;
  #ownClientKey = '';
  #adopted: CSSStyleSheet | undefined;

  constructor() {
    super();
    new ContextConsumer(this, {
      context: gwContext,
      subscribe: true,
      callback: (value) => {
        this.context = value;
        this.requestUpdate();
      },
    });
  }

  /** The client this widget talks to the edge with, or undefined when it has no credential. */
  get client(): ApiClient | undefined {
    if (this.publishableKey || (!this.context && this.api)) {
      const key = `${this.api ?? ''}|${this.publishableKey ?? ''}`;
      if (!this.#ownClient || this.#ownClientKey !== key) {
        this.#ownClientKey = key;
        this.#ownClient = new ApiClient({
          baseUrl: this.api ?? this.context?.client.baseUrl ?? globalThis.location.origin,
          ...(this.publishableKey ? { publishableKey: this.publishableKey } : {}),
        });
      }
      return this.#ownClient;
    }
    return this.context?.client;
  }

  /** The locale in use: the element's own, else its provider's, else the page's, resolved. */
  get resolvedLocale(): string {
    return firstLocale(this.locale, this.context?.locale, document.documentElement.lang);
  }

  get resolvedDir(): Direction {
    return this.locale?.trim() || !this.context
      ? directionOf(this.resolvedLocale)
      : this.context.dir;
  }

  get resolvedMode(): Mode {
    return this.mode ?? this.context?.mode ?? 'auto';
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.setAttribute('dir', this.resolvedDir);
    this.setAttribute('lang', this.resolvedLocale);
    const mode = this.resolvedMode;
    if (mode === 'auto') this.removeAttribute('data-gw-mode');
    else this.setAttribute('data-gw-mode', mode);
    void this.#adoptTheme();
  }

  /** Puts the tenant's theme first in the shadow root's sheets, once per stylesheet. */
  async #adoptTheme(): Promise<void> {
    const client = this.client;
    const root = this.renderRoot;
    if (!client?.canAuthenticate || !(root instanceof ShadowRoot)) return;
    let sheet: CSSStyleSheet | undefined;
    try {
      sheet = await client.theme();
    } catch {
      return; // The widget renders with its built-in fallbacks; its data load reports errors.
    }
    if (!sheet || sheet === this.#adopted) return;
    const others = root.adoptedStyleSheets.filter((s) => s !== this.#adopted);
    this.#adopted = sheet;
    root.adoptedStyleSheets = [sheet, ...others];
    emit(this, 'gw-theme-applied', null);
  }
}
