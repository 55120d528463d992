/**
 * The kit's widgets' one, shallow base class: the four attributes every widget takes and the
 * two controllers every widget runs — the edge client (context, or its own client when used
 * alone, mirrored onto the host as `lang`, `dir`, `data-gw-mode`) and the theme. The loading
 * and state controller is each widget's own `LoadController`, for its own data.
 */
import { LitElement, type PropertyDeclarations } from 'lit';
import type { ApiClient } from './api-client.js';
import type { Direction, Mode } from './context.js';
import { KIT_VERSION } from './define.js';
import { EdgeClientController } from './edge-client.js';
import { ThemeController } from './theme.js';

/**
 * @event gw-theme-applied - The tenant's theme stylesheet was adopted into the widget's shadow
 *   root (the first paint in the tenant's colours follows). `detail`: null.
 */
export class GwElement extends LitElement {
  static gwVersion = KIT_VERSION;

  static override properties: PropertyDeclarations = {
    publishableKey: { attribute: 'publishable-key' },
    api: {},
    locale: {},
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

  protected readonly edge = new EdgeClientController(this);
  protected readonly theme = new ThemeController(this, () => this.client);

  /** The client this widget talks to the edge with, or undefined when it has no credential. */
  get client(): ApiClient | undefined {
    return this.edge.client;
  }

  /** The locale in use: the element's own, else its provider's, else the page's, resolved. */
  get resolvedLocale(): string {
    return this.edge.locale;
  }

  get resolvedDir(): Direction {
    return this.edge.dir;
  }

  get resolvedMode(): Mode {
    return this.edge.mode;
  }
}
