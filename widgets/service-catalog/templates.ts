/**
 * The catalog's markup pieces as plain functions of data (no state): the filters, a service
 * card, the loading skeleton, a service's plans and the compare bar (the state messages are
 * the kit's shared ones, widgets/core/states.ts).
 * Tenant text carries `dir="auto"` (or Unicode isolates inside translated sentences), so an
 * English name in an Arabic page keeps its own direction.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { CatalogPrice, CatalogService, CatalogTier } from '../../contracts/catalog.js';
import { type CompareSelection, MAX_COMPARE } from './compare.js';
import { type CatalogFormat, isolate } from './format.js';
import type { Criteria, View } from './search.js';

/** Id of the element describing the keyboard model, referenced by every card. */
export const HINT_ID = 'keyboard-hint';
export const COMPARE_LIMIT_ID = 'compare-limit';

export type FilterName = 'category' | 'region' | 'compliance';

/** The lowest price among the tiers priced like the first priced one (same currency, period). */
export function lowestPrice(service: CatalogService): CatalogPrice | undefined {
  const priced = service.tiers.flatMap((t) => (t.priceFrom ? [t.priceFrom] : []));
  const first = priced[0];
  if (!first) return undefined;
  return priced
    .filter((p) => p.currency === first.currency && p.period === first.period)
    .reduce((low, p) => (p.amountMinor < low.amountMinor ? p : low), first);
}

export function filtersTemplate(
  fmt: CatalogFormat,
  view: View | undefined,
  query: string,
  on: {
    input: (e: Event) => void;
    submit: (e: Event) => void;
    filter: (n: FilterName, v: string) => void;
  },
): TemplateResult {
  const { t } = fmt;
  const collator = new Intl.Collator(fmt.locale);
  const facets = view?.facets;
  const options: Record<FilterName, { value: string; label: string }[]> = {
    category: (facets?.categories ?? []).map((c) => ({ value: c.id, label: c.name })),
    region: (facets?.regions ?? [])
      .map((code) => ({ value: code, label: fmt.region(code) }))
      .sort((a, b) => collator.compare(a.label, b.label)),
    compliance: (facets?.compliance ?? []).map((b) => ({ value: b, label: b })),
  };
  // `?selected` sets the first render (the select's value binding runs before its options
  // exist); `live()` keeps later renders right after the customer changed the select.
  const select = (name: FilterName, label: string, all: string) => {
    const current = view?.criteria[name as keyof Criteria] ?? '';
    return html`<div class="field" part="field">
      <label for="filter-${name}" part="label">${label}</label>
      <select
        id="filter-${name}"
        part="select ${name}-select"
        .value=${live(current)}
        @change=${(e: Event) => on.filter(name, (e.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${current === ''}>${all}</option>
        ${options[name].map(
          (o) =>
            html`<option value=${o.value} ?selected=${current === o.value}>${o.label}</option>`,
        )}
      </select>
    </div>`;
  };
  return html`<form
    class="filters"
    part="filters"
    role="search"
    aria-label=${t.filtersLabel}
    @submit=${on.submit}
  >
    <div class="field search" part="field">
      <label for="search" part="label">${t.searchLabel}</label>
      <input
        id="search"
        type="search"
        part="search-input"
        autocomplete="off"
        spellcheck="false"
        enterkeyhint="search"
        placeholder=${t.searchPlaceholder}
        .value=${query}
        @input=${on.input}
      />
    </div>
    ${select('category', t.categoryLabel, t.allCategories)}
    ${select('region', t.regionLabel, t.allRegions)}
    ${select('compliance', t.complianceLabel, t.allCompliance)}
  </form>`;
}

export function cardTemplate(
  service: CatalogService,
  categoryName: string,
  fmt: CatalogFormat,
  state: { selected: boolean; tabIndex: 0 | -1 },
  onSelect: (service: CatalogService) => void,
): TemplateResult {
  const { t } = fmt;
  const badges =
    service.compliance.length > 0
      ? html`<ul class="badges" part="badges" aria-label=${t.complianceHeading}>
          ${service.compliance.map((badge) => html`<li class="badge" part="badge">${badge}</li>`)}
        </ul>`
      : nothing;
  return html`<li class="cell">
    <article
      class="card ${state.selected ? 'selected' : ''}"
      part=${state.selected ? 'card card-selected' : 'card'}
    >
      <p class="eyebrow" part="card-category" dir="auto">${categoryName}</p>
      <h3 class="title" part="card-title">
        <button
          type="button"
          class="select"
          dir="auto"
          part="card-button"
          data-id=${service.id}
          tabindex=${state.tabIndex}
          aria-current=${state.selected ? 'true' : nothing}
          aria-describedby=${HINT_ID}
          @click=${() => onSelect(service)}
        >${service.name}</button>
      </h3>
      <p class="summary" part="card-summary" dir="auto">${service.summary}</p>
      <p class="regions" part="card-regions">
        <span class="label">${t.availableIn}</span>
        <span>${fmt.list(service.regions.map(fmt.region))}</span>
      </p>
      ${badges}
      <p class="price" part="card-price">${fmt.price(lowestPrice(service))}</p>
    </article>
  </li>`;
}

/** Placeholder cards with the real cards' size, so nothing moves when the data arrives. */
export function skeletonTemplate(count: number): TemplateResult {
  const card = html`<li class="cell">
    <div class="card skeleton-card" part="skeleton">
      <span class="skeleton bar short"></span>
      <span class="skeleton bar title"></span>
      <span class="skeleton bar"></span>
      <span class="skeleton bar"></span>
      <span class="skeleton bar short"></span>
      <span class="skeleton bar badges"></span>
    </div>
  </li>`;
  return html`<ul class="grid" part="grid skeleton-grid" aria-hidden="true">
    ${Array.from({ length: count }, () => card)}
  </ul>`;
}

export function plansTemplate(
  service: CatalogService,
  fmt: CatalogFormat,
  compare: CompareSelection,
  onChoose: (service: CatalogService, tier: CatalogTier) => void,
): TemplateResult {
  const { t } = fmt;
  const tier = (plan: CatalogTier) => {
    const checked = compare.has(service, plan);
    const disabled = compare.full && !checked;
    return html`<li class="tier" part="tier">
      <h4 class="tier-name" part="tier-name" dir="auto">${plan.name}</h4>
      <p class="tier-price" part="tier-price">${fmt.price(plan.priceFrom)}</p>
      <dl class="sla" part="tier-sla">
        <div><dt>${t.uptime}</dt><dd>${fmt.uptime(plan.sla)}</dd></div>
        <div><dt>${t.supportResponse}</dt><dd>${fmt.response(plan.sla)}</dd></div>
      </dl>
      <ul class="features" part="tier-features">
        ${plan.features.map((feature) => html`<li dir="auto">${feature}</li>`)}
      </ul>
      <div class="tier-actions">
        <label class="compare-toggle" part="compare-toggle">
          <input
            type="checkbox"
            part="compare-checkbox"
            aria-label=${t.compareLabel(isolate(plan.name), isolate(service.name))}
            aria-describedby=${disabled ? COMPARE_LIMIT_ID : nothing}
            .checked=${live(checked)}
            ?disabled=${disabled}
            @change=${(e: Event) =>
              compare.toggle(service, plan, (e.target as HTMLInputElement).checked)}
          />
          <span>${t.compare}</span>
        </label>
        <button
          type="button"
          class="button"
          part="choose-button"
          @click=${() => onChoose(service, plan)}
        >
          ${t.choosePlan(isolate(plan.name))}
        </button>
      </div>
    </li>`;
  };
  return html`<section class="detail" part="detail" aria-labelledby="detail-title">
    <h3 id="detail-title" class="detail-title" part="detail-title">
      ${t.plansFor(isolate(service.name))}
    </h3>
    <p class="detail-summary" part="detail-summary" dir="auto">${service.summary}</p>
    <dl class="facts" part="detail-facts">
      <div><dt>${t.regions}</dt><dd>${fmt.list(service.regions.map(fmt.region))}</dd></div>
      ${
        service.compliance.length > 0
          ? html`<div><dt>${t.complianceHeading}</dt><dd>${fmt.list(service.compliance)}</dd></div>`
          : nothing
      }
    </dl>
    <ul class="tiers" part="tiers">
      ${repeat(service.tiers, (plan) => `${service.id}/${plan.id}`, tier)}
    </ul>
  </section>`;
}

export function compareBarTemplate(
  fmt: CatalogFormat,
  compare: CompareSelection,
  open: () => void,
): TemplateResult | typeof nothing {
  const { t } = fmt;
  const n = compare.size;
  if (n === 0) return nothing;
  return html`<div class="compare-bar" part="compare-bar">
    <p class="compare-status" part="compare-status">
      ${t.compareSelected(n, fmt.number(n))}
      ${n < 2 ? html`<span class="hint">${t.compareNeedMore}</span>` : nothing}
      <span id=${COMPARE_LIMIT_ID} class="hint" ?hidden=${n < MAX_COMPARE}>
        ${t.compareLimit(fmt.number(MAX_COMPARE))}
      </span>
    </p>
    <button
      type="button"
      class="button"
      part="compare-button"
      ?disabled=${n < 2}
      @click=${open}
    >
      ${t.compareOpen}
    </button>
    <button type="button" class="button secondary" part="compare-clear" @click=${compare.clear}>
      ${t.compareClear}
    </button>
  </div>`;
}
