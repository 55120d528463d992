import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Catalog, CatalogService, CatalogTier } from '../../contracts/catalog.js';
import { GwElement } from '../core/gw-element.js';
import { LoadController } from '../core/load-controller.js';
import { loadingTemplate, stateTemplate } from '../core/states.js';
import { hostReset, stateStyles } from '../core/styles.js';
import { CompareSelection } from './compare.js';
import { comparisonTemplate } from './comparison.js';
import { GwFilterChangeEvent, GwServiceSelectEvent } from './events.js';
import { type CatalogFormat, catalogFormat, isolate } from './format.js';
import type { ServiceCatalogStrings } from './locales.js';
import { plansStyles } from './plans.styles.js';
import { RovingGridController } from './roving-grid.js';
import { CatalogSearch, type View } from './search.js';
import { serviceCatalogStyles } from './service-catalog.styles.js';
import { CATALOG_TABLES, CATALOG_TABLES_EN } from './strings/index.js';
import {
  cardTemplate,
  compareBarTemplate,
  type FilterName,
  filtersTemplate,
  HINT_ID,
  plansTemplate,
  skeletonTemplate,
} from './templates.js';

export { MAX_COMPARE } from './compare.js';

export const SEARCH_DEBOUNCE_MS = 200;
const SKELETON_CARDS = 6;

/**
 * Loads `GET /v1/catalog` with the credential of `<gw-provider>`, the embed script or its own
 * `publishable-key`. Cards form one tab stop: arrow keys move in reading order (mirrored in
 * right-to-left locales), Up/Down move between rows, Home/End jump to the first/last card, and
 * Enter or Space selects. Tick two or three plans to compare them side by side in a modal
 * dialog (the top layer, above any host z-index). State lives in the element: set `query`,
 * `category`, `region`, `compliance` and `selected` as properties or attributes.
 *
 * @tagname gw-service-catalog
 * @summary A searchable, filterable grid of the tenant's services with plan comparison.
 *
 * @event gw-service-select - The customer selected a service, or chose one of its plans.
 *   `detail: { serviceId, tierId?, service }`.
 * @event gw-filter-change - The customer changed the search (debounced) or a filter.
 *   `detail: { query, category, region, compliance, count }`.
 * @event gw-compare-change - The customer ticked or unticked a plan to compare.
 *   `detail: { tiers: { serviceId, tierId }[] }`.
 * @event gw-load - The catalog loaded (`detail.ok`) or failed (`detail.error`: the problem type).
 *
 * @csspart base - The wrapper of everything.
 * @csspart filters - The search form.
 * @csspart field - A label with its control.
 * @csspart label - A control's label.
 * @csspart search-input - The search box.
 * @csspart select - Every filter select.
 * @csspart category-select - The category filter.
 * @csspart region-select - The region filter.
 * @csspart compliance-select - The compliance filter.
 * @csspart status-bar - The line with the results count.
 * @csspart count - The results count, a polite live region.
 * @csspart clear-button - Clears the search and filters.
 * @csspart offline-banner - Shown above loaded services while offline.
 * @csspart grid - The list of cards.
 * @csspart loading - The placeholder shown while loading (busy), holding the skeletons.
 * @csspart skeleton-grid - The list of placeholder cards while loading (also `grid`).
 * @csspart skeleton - A placeholder card, the size of a real one.
 * @csspart card - A service card.
 * @csspart card-selected - The selected service's card (also `card`).
 * @csspart card-category - The card's category line.
 * @csspart card-title - The card's heading.
 * @csspart card-button - The service name: the button that selects the card.
 * @csspart card-summary - The card's summary (three lines at most).
 * @csspart card-regions - Where the service is available.
 * @csspart badges - The list of compliance badges.
 * @csspart badge - A compliance badge.
 * @csspart card-price - The service's lowest "from" price.
 * @csspart state - Every state message: empty, no-match, error and offline (the kit's shared states).
 * @csspart empty-state - The message for a catalog without services (also `state`).
 * @csspart no-match-state - The message when nothing matches (also `state`).
 * @csspart error-state - The message when loading failed (also `state`).
 * @csspart offline-state - The message when offline without data (also `state`).
 * @csspart state-title - A state message's title.
 * @csspart state-body - A state message's text.
 * @csspart retry-button - Loads the catalog again, after an error or while offline.
 * @csspart detail - The selected service's plans.
 * @csspart detail-title - Their heading.
 * @csspart detail-summary - The service's full summary.
 * @csspart detail-facts - The service's regions and compliance.
 * @csspart tiers - The list of plans.
 * @csspart tier - A plan.
 * @csspart tier-name - A plan's name.
 * @csspart tier-price - A plan's "from" price.
 * @csspart tier-sla - A plan's uptime and support response.
 * @csspart tier-features - A plan's features.
 * @csspart compare-toggle - The label around a compare checkbox.
 * @csspart compare-checkbox - Ticks a plan to compare.
 * @csspart choose-button - Chooses a plan (in the plans and in the comparison).
 * @csspart compare-bar - What is ticked to compare, with its buttons.
 * @csspart compare-status - How many plans are ticked.
 * @csspart compare-button - Opens the comparison.
 * @csspart compare-clear - Unticks every plan.
 * @csspart dialog - The comparison `<dialog>`, in the top layer; style `::part(dialog)::backdrop` too.
 * @csspart dialog-header - The dialog's title bar.
 * @csspart dialog-title - The dialog's heading.
 * @csspart dialog-close - Closes the dialog.
 * @csspart dialog-body - The dialog's scrolling content.
 * @csspart comparison - The comparison table.
 * @csspart comparison-header - A compared plan's column heading.
 * @csspart comparison-row-header - A row's heading (price, uptime, a feature…).
 * @csspart comparison-cell - A value.
 * @csspart comparison-group - The heading of the features rows.
 *
 * @cssproperty --gw-service-catalog-background - Widget background.
 * @cssproperty --gw-service-catalog-card-background - Card background.
 * @cssproperty --gw-service-catalog-card-border - Card border colour.
 * @cssproperty --gw-service-catalog-card-radius - Card corner radius.
 * @cssproperty --gw-service-catalog-card-shadow - Card shadow.
 * @cssproperty --gw-service-catalog-card-padding - Card padding.
 * @cssproperty --gw-service-catalog-card-min-width - Narrowest card; sets the column count.
 * @cssproperty --gw-service-catalog-card-min-height - Card (and skeleton) height.
 * @cssproperty --gw-service-catalog-grid-gap - Space between cards.
 * @cssproperty --gw-service-catalog-heading-color - Service and plan names.
 * @cssproperty --gw-service-catalog-text-color - Secondary text.
 * @cssproperty --gw-service-catalog-badge-background - Compliance badge background.
 * @cssproperty --gw-service-catalog-badge-color - Compliance badge text.
 * @cssproperty --gw-service-catalog-selected-border - Outline of the selected card.
 */
export class GwServiceCatalog extends GwElement {
  static override styles = [hostReset, stateStyles, serviceCatalogStyles, plansStyles];

  static override properties: PropertyDeclarations = {
    ...GwElement.properties,
    query: {},
    category: {},
    region: {},
    compliance: {},
    selected: {},
  };

  /** The search text. */
  declare query: string;
  /** A category id to show only, or '' for all. */
  declare category: string;
  /** A region code (e.g. `IN`) the services must be available in, or '' for all. */
  declare region: string;
  /** A compliance badge (e.g. `PCI-DSS`) the services must hold, or '' for any. */
  declare compliance: string;
  /** The id of the selected service, whose plans are shown; '' for none. */
  declare selected: string;

  readonly #loader = new LoadController<Catalog>(this, {
    client: () => this.client,
    load: (client, signal) => client.request<Catalog>('/v1/catalog', { signal }),
    isEmpty: (catalog) => catalog.services.length === 0,
    // The results count above is the live region: it says loading, failed or offline.
    announce: false,
  });
  readonly #compare = new CompareSelection(this);
  readonly #search = new CatalogSearch();
  readonly #grid = new RovingGridController(this, {
    items: () => [...this.renderRoot.querySelectorAll<HTMLElement>('.grid .select')],
    idOf: (item) => item.dataset.id ?? '',
    direction: () => this.resolvedDir,
  });
  #debounce: ReturnType<typeof setTimeout> | undefined;
  #announcement = '';
  #shown = 0;

  constructor() {
    super();
    this.query = '';
    this.category = '';
    this.region = '';
    this.compliance = '';
    this.selected = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#debounce);
  }

  /** Loads the catalog again (what the Retry button does). */
  reload(): Promise<void> {
    return this.#loader.reload();
  }

  #table: ServiceCatalogStrings | undefined;

  get #format(): CatalogFormat {
    const locale = this.resolvedLocale;
    return catalogFormat(locale, this.#table ?? CATALOG_TABLES_EN);
  }

  protected override render() {
    // Another language's table is fetched on first use: the loading state the first time, the
    // table shown so far while switching (no flash of a skeleton).
    this.#table =
      CATALOG_TABLES.get(this.resolvedLocale, () => this.requestUpdate()) ?? this.#table;
    if (!this.#table)
      return loadingTemplate(CATALOG_TABLES_EN.loading, skeletonTemplate(SKELETON_CARDS), true);
    const fmt = this.#format;
    const { t } = fmt;
    const catalog = this.#loader.value;
    const view = catalog && this.#search.view(catalog, this, fmt.locale, fmt.region);
    this.#shown = view?.shown.length ?? 0;
    const selected = catalog?.services.find((s) => s.id === this.selected);
    const compared = this.#compare.items(catalog);
    return html`<div class="catalog" part="base">
      ${filtersTemplate(fmt, view, this.query, {
        input: this.#onSearchInput,
        submit: this.#onSubmit,
        filter: this.#onFilter,
      })}
      <div class="status-bar" part="status-bar">
        <p class="count" part="count" role="status">${this.#status(fmt, view)}</p>
        <button
          type="button"
          class="text-button"
          part="clear-button"
          ?hidden=${!view?.filtering}
          @click=${this.#clearFilters}
        >
          ${t.clearFilters}
        </button>
      </div>
      ${
        view && !this.#loader.online
          ? html`<p class="banner" part="offline-banner">${t.offlineStale}</p>`
          : nothing
      }
      <div class="results" aria-busy=${view ? 'false' : 'true'}>${this.#results(fmt, view)}</div>
      ${selected ? plansTemplate(selected, fmt, this.#compare, this.#choose) : nothing}
      ${compareBarTemplate(fmt, this.#compare, this.#openComparison)}
      <dialog part="dialog" aria-labelledby="compare-title" @close=${this.#onDialogClose}>
        <div class="dialog-header" part="dialog-header">
          <h2 id="compare-title" class="dialog-title" part="dialog-title">${t.compareTitle}</h2>
          <button
            type="button"
            class="button secondary"
            part="dialog-close"
            @click=${() => this.#dialog?.close()}
          >
            ${t.close}
          </button>
        </div>
        <div class="dialog-body" part="dialog-body">
          ${compared.length >= 2 ? comparisonTemplate(compared, fmt, this.#choose) : nothing}
        </div>
      </dialog>
      <p id=${HINT_ID} class="visually-hidden">${t.keyboardHint}</p>
      <p class="visually-hidden" role="status">${this.#announcement}</p>
    </div>`;
  }

  #status(fmt: CatalogFormat, view: View | undefined): string {
    const { t } = fmt;
    if (!view) {
      const state = this.#loader.state;
      return state === 'offline' ? t.offlineTitle : state === 'error' ? t.errorTitle : t.loading;
    }
    const total = view.catalog.services.length;
    return view.filtering
      ? t.countFiltered(fmt.number(view.shown.length), total, fmt.number(total))
      : t.count(total, fmt.number(total));
  }

  #results(fmt: CatalogFormat, view: View | undefined): TemplateResult {
    const { t } = fmt;
    return this.#loader.render(t, {
      loading: () => skeletonTemplate(SKELETON_CARDS),
      ready: () => (view ? this.#cards(fmt, view) : skeletonTemplate(SKELETON_CARDS)),
    });
  }

  #cards(fmt: CatalogFormat, view: View): TemplateResult {
    const { t } = fmt;
    if (view.shown.length === 0) {
      const clear = html`<button
        type="button"
        class="button"
        part="clear-button"
        @click=${this.#clearFilters}
      >
        ${t.clearFilters}
      </button>`;
      return stateTemplate({
        kind: 'no-match',
        title: t.noMatchTitle,
        body: t.noMatchBody,
        action: clear,
        live: false,
      });
    }
    const ids = view.shown.map((s) => s.id);
    const names = new Map(view.catalog.categories.map((c) => [c.id, c.name]));
    const card = (s: CatalogService) =>
      cardTemplate(
        s,
        names.get(s.category) ?? '',
        fmt,
        { selected: s.id === this.selected, tabIndex: this.#grid.tabIndexOf(s.id, ids) },
        this.#select,
      );
    return html`<ul
      class="grid"
      part="grid"
      role="list"
      aria-label=${t.servicesLabel}
      @keydown=${this.#grid.onKeyDown}
      @focusin=${this.#grid.onFocusIn}
    >
      ${repeat(view.shown, (s) => s.id, card)}
    </ul>`;
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  get #searchInput(): HTMLInputElement | null {
    return this.renderRoot.querySelector('#search');
  }

  readonly #onSubmit = (event: Event): void => {
    event.preventDefault();
    this.#applySearch(this.#searchInput?.value ?? '');
  };

  readonly #onSearchInput = (event: Event): void => {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => this.#applySearch(value), SEARCH_DEBOUNCE_MS);
  };

  #applySearch(value: string): void {
    clearTimeout(this.#debounce);
    if (value === this.query) return;
    this.query = value;
    this.#changed();
  }

  readonly #onFilter = (name: FilterName, value: string): void => {
    this[name] = value;
    this.#changed();
  };

  readonly #clearFilters = (): void => {
    clearTimeout(this.#debounce);
    const input = this.#searchInput;
    if (input) input.value = '';
    Object.assign(this, { query: '', category: '', region: '', compliance: '' });
    this.#changed();
    input?.focus();
  };

  /** Fires gw-filter-change once the new results are rendered (user actions only). */
  #changed(): void {
    void this.updateComplete.then(() => {
      const { query, category, region, compliance } = this;
      const detail = { query, category, region, compliance, count: this.#shown };
      this.#emit(new GwFilterChangeEvent(detail));
    });
  }

  readonly #select = (service: CatalogService): void => {
    this.selected = service.id;
    // Cleared first, so selecting the same service twice is announced twice.
    this.#announcement = '';
    void this.updateComplete.then(() => {
      this.#announcement = this.#format.t.selectedAnnouncement(isolate(service.name));
      this.requestUpdate();
    });
    this.#emit(new GwServiceSelectEvent({ serviceId: service.id, service }));
  };

  readonly #choose = (service: CatalogService, tier: CatalogTier): void => {
    this.selected = service.id;
    this.#dialog?.close();
    this.#emit(new GwServiceSelectEvent({ serviceId: service.id, tierId: tier.id, service }));
  };

  // Events are documented in the header; dispatching through here keeps the manifest to those.
  #emit(event: Event): void {
    this.dispatchEvent(event);
  }

  /** Focus goes back to the Compare button, wherever the dialog was closed from. */
  readonly #onDialogClose = (): void => {
    const active = this.shadowRoot?.activeElement;
    if (active && !this.#dialog?.contains(active)) return;
    this.renderRoot.querySelector<HTMLElement>('[part~="compare-button"]')?.focus();
  };

  readonly #openComparison = async (): Promise<void> => {
    await this.updateComplete;
    this.#dialog?.showModal();
  };
}
