/**
 * Theme adoption for a widget: the tenant's stylesheet — one constructable stylesheet per edge
 * client, shared by every widget using it — goes first in the widget's shadow root, the theme's
 * font is registered on the document (fonts declared inside shadow roots are ignored by
 * browsers), and the widget fires `gw-theme-applied` once per stylesheet it adopts.
 */
import type { ReactiveController, ReactiveElement } from 'lit';
import type { ApiClient } from './api-client.js';
import { emit } from './events.js';

export class ThemeController implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #client: () => ApiClient | undefined;
  /** The client whose theme is adopted (or on its way): asked once, not on every update. */
  #from: ApiClient | undefined;
  #adopted: CSSStyleSheet | undefined;

  constructor(host: ReactiveElement, client: () => ApiClient | undefined) {
    this.#host = host;
    this.#client = client;
    host.addController(this);
  }

  hostUpdated(): void {
    const client = this.#client();
    if (!client?.canAuthenticate || client === this.#from) return;
    this.#from = client;
    void this.#adopt(client);
  }

  async #adopt(client: ApiClient): Promise<void> {
    const root = this.#host.renderRoot;
    let sheet: CSSStyleSheet | undefined;
    try {
      sheet = await client.theme();
      registerFont((await client.config()).theme?.font ?? null);
    } catch {
      // The widget renders with its built-in fallbacks (its data load reports the failure);
      // the next update asks again.
      if (this.#from === client) this.#from = undefined;
      return;
    }
    if (this.#from !== client || !sheet || sheet === this.#adopted) return;
    if (!(root instanceof ShadowRoot)) return;
    const others = root.adoptedStyleSheets.filter((s) => s !== this.#adopted);
    this.#adopted = sheet;
    root.adoptedStyleSheets = [sheet, ...others];
    emit(this.#host, 'gw-theme-applied', null);
  }
}

const registeredFonts = new Set<string>();

function registerFont(font: { family: string; source: string } | null): void {
  if (!font || registeredFonts.has(font.family) || typeof FontFace === 'undefined') return;
  registeredFonts.add(font.family);
  // The source is an https URL the edge validated and re-serialised; the family is grammar-checked.
  const face = new FontFace(font.family, `url("${font.source}")`, { display: 'swap' });
  document.fonts.add(face);
  face.load().catch(() => {
    // The fallback stack in the theme takes over.
  });
}
