/**
 * Templates of the calculator's choices (plan, billing period, region), its usage tier
 * schedule, and its loading skeleton. Pure: data and callbacks in, templates out.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Billing, Plan, Selection } from '../../contracts/pricing.js';
import { formatMoney, formatNumber, formatPercent } from '../core/localize.js';
import type { PricingStrings } from './locales.js';

export function renderPlans(
  plans: Plan[],
  current: Plan,
  t: PricingStrings,
  locale: string,
  pick: (plan: Plan) => void,
): TemplateResult {
  return html`<fieldset part="plans" class="plans">
    <legend part="legend">${t.plan}</legend>
    ${plans.map(
      (p) => html`<label
        part="plan-option${p.id === current.id ? ' plan-option-selected' : ''}"
        class="plan-option"
      >
        <input
          part="plan-radio"
          type="radio"
          name="plan"
          .checked=${p.id === current.id}
          @change=${() => pick(p)}
        />
        <span part="plan-name" class="plan-name">${p.name}</span>
        ${
          p.description
            ? html`<span part="plan-description" class="plan-description">${p.description}</span>`
            : nothing
        }
        <span part="plan-price" class="plan-price">
          ${t.baseFee(formatMoney(p.baseFee, p.currency, locale))}
        </span>
      </label>`,
    )}
  </fieldset>`;
}

export function renderBilling(
  plan: Plan,
  selection: Selection,
  t: PricingStrings,
  locale: string,
  choose: (billing: Billing) => void,
): TemplateResult {
  const saving =
    plan.annualDiscountBp > 0
      ? t.annualSaving(formatPercent(plan.annualDiscountBp / 10_000, locale))
      : undefined;
  const option = (billing: Billing, label: string, extra?: string) => html`<label
    part="billing-option${selection.billing === billing ? ' billing-option-selected' : ''}"
    class="choice"
  >
    <input
      type="radio"
      name="billing"
      .checked=${selection.billing === billing}
      @change=${() => choose(billing)}
    />
    <span>${label}</span>
    ${extra ? html`<span part="saving" class="saving">${extra}</span>` : nothing}
  </label>`;
  return html`<fieldset part="billing" class="billing">
    <legend part="legend">${t.billing}</legend>
    ${option('monthly', t.monthly)} ${option('annual', t.annual, saving)}
  </fieldset>`;
}

export function renderRegion(
  plan: Plan,
  selection: Selection,
  t: PricingStrings,
  locale: string,
  choose: (region: string) => void,
): TemplateResult {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([locale, 'en'], { type: 'region' });
  } catch {
    names = undefined;
  }
  return html`<div part="region-field" class="region-field">
    <label part="region-label" for="region">${t.region}</label>
    <select
      part="region"
      id="region"
      @change=${(e: Event) => choose((e.target as HTMLSelectElement).value)}
    >
      ${plan.regions.map(
        (r) => html`<option value=${r.region} ?selected=${r.region === selection.region}>
          ${names?.of(r.region) ?? r.region}
        </option>`,
      )}
    </select>
  </div>`;
}

/** "Tiered: … — up to 10,000: ₹0.00 · over 10,000: ₹25.00 per 1,000" */
export function describeUsage(
  usage: Plan['usage'][number],
  currency: Plan['currency'],
  t: PricingStrings,
  locale: string,
): string {
  const count = (n: number) => formatNumber(n, locale);
  const money = (minor: number) => formatMoney(minor, currency, locale);
  let floor = 0;
  const tiers = usage.tiers.map((tier) => {
    const range =
      usage.tiers.length === 1
        ? t.tierAny
        : tier.upTo === null
          ? t.tierOver(count(floor))
          : t.tierUpTo(count(tier.upTo));
    floor = tier.upTo ?? floor;
    const unit =
      usage.per > 1 ? t.perUnits(money(tier.unitPrice), count(usage.per)) : money(tier.unitPrice);
    const flat = tier.flatFee > 0 ? ` ${t.flatFee(money(tier.flatFee))}` : '';
    return `${range}: ${unit}${flat}`;
  });
  return `${t.tiered[usage.mode]} — ${tiers.join(' · ')}`;
}

/** Placeholders laid out like the calculator, so nothing jumps when the plans arrive. */
export function renderSkeleton(): TemplateResult {
  const block = (kind: string) => html`<div part="skeleton" class="skeleton ${kind}"></div>`;
  return html`<div part="base" class="calculator">
    ${block('heading-block')}
    <div class="plans">${block('plan-block')}${block('plan-block')}</div>
    ${block('row-block')} ${block('field-block')} ${block('field-block')} ${block('field-block')}
    ${block('summary-block')} ${block('button-block')}
  </div>`;
}
