/**
 * The plan comparison: one column per ticked plan, rows for price, SLA, regions and
 * compliance, then one row per feature any of them has. Rendered inside a modal `<dialog>`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CatalogService, CatalogTier } from '../../contracts/catalog.js';
import type { CompareItem } from './compare.js';
import { type CatalogFormat, isolate } from './format.js';

export function comparisonTemplate(
  items: readonly CompareItem[],
  fmt: CatalogFormat,
  onChoose: (service: CatalogService, tier: CatalogTier) => void,
): TemplateResult {
  const { t } = fmt;
  const features = [...new Set(items.flatMap((i) => i.tier.features))];
  const row = (label: string, cell: (item: CompareItem) => unknown, tenantText = false) =>
    html`<tr>
      <th scope="row" part="comparison-row-header" dir=${tenantText ? 'auto' : nothing}>
        ${label}
      </th>
      ${items.map((item) => html`<td part="comparison-cell">${cell(item)}</td>`)}
    </tr>`;
  const mark = (included: boolean) =>
    html`<span aria-hidden="true" class=${included ? 'yes' : 'no'}>${included ? '✓' : '—'}</span
      ><span class="visually-hidden">${included ? t.included : t.notIncluded}</span>`;
  const heads = items.map(
    ({ service, tier }, i) =>
      html`<th scope="col" id="compare-col-${i}" part="comparison-header">
        <span class="col-service" dir="auto">${service.name}</span>
        <span class="col-tier" dir="auto">${tier.name}</span>
      </th>`,
  );
  const choose = items.map(
    ({ service, tier }, i) =>
      html`<td part="comparison-cell">
        <button
          type="button"
          class="button"
          part="choose-button"
          aria-describedby="compare-col-${i}"
          @click=${() => onChoose(service, tier)}
        >
          ${t.choosePlan(isolate(tier.name))}
        </button>
      </td>`,
  );
  return html`<table class="comparison" part="comparison">
    <caption class="visually-hidden">${t.compareTitle}</caption>
    <thead>
      <tr><td class="corner"></td>${heads}</tr>
    </thead>
    <tbody>
      ${row(t.price, ({ tier }) => fmt.price(tier.priceFrom))}
      ${row(t.uptime, ({ tier }) => fmt.uptime(tier.sla))}
      ${row(t.supportResponse, ({ tier }) => fmt.response(tier.sla))}
      ${row(t.regions, ({ service }) => fmt.list(service.regions.map(fmt.region)))}
      ${row(t.complianceHeading, ({ service }) => fmt.list(service.compliance))}
    </tbody>
    <tbody>
      <tr>
        <th scope="rowgroup" colspan=${items.length + 1} class="group" part="comparison-group">
          ${t.features}
        </th>
      </tr>
      ${features.map((f) => row(f, ({ tier }) => mark(tier.features.includes(f)), true))}
    </tbody>
    <tfoot>
      <tr><td class="corner"></td>${choose}</tr>
    </tfoot>
  </table>`;
}
