/** The quote as a definition list: line items, subtotal, discount, tax lines and the total. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Quote, QuoteLine } from '../../contracts/pricing.js';
import { formatMoney, formatNumber, formatPercent } from '../core/localize.js';
import type { PricingStrings } from './locales.js';

const percent = (bp: number, locale: string) => formatPercent(bp / 10_000, locale);

function lineLabel(line: QuoteLine, t: PricingStrings, locale: string): string {
  const count = formatNumber(line.quantity, locale);
  if (line.kind === 'base') return t.baseLine;
  if (line.kind === 'seats') return t.seatsLine(count);
  return t.usageLine(line.name, t.quantityValue(count, line.unit));
}

const row = (part: string, label: string, amount: string, id?: string) => html`
  <div part=${part} class=${part}>
    <dt part="line-label">${label}</dt>
    <dd part="line-amount" id=${id ?? nothing}>${amount}</dd>
  </div>
`;

export function renderSummary(q: Quote, t: PricingStrings, locale: string): TemplateResult {
  const money = (minor: number) => formatMoney(minor, q.currency, locale);
  return html`
    <dl part="lines" class="lines">
      ${q.lines.map((line) => row('line', lineLabel(line, t, locale), money(line.amount)))}
      ${row('line subtotal', t.subtotal, money(q.subtotal))}
      ${q.discount > 0 ? row('line discount', t.discount(percent(q.discountBp, locale)), money(-q.discount)) : nothing}
      ${
        q.taxes.length === 0
          ? row('line tax', t.noTax, money(0))
          : q.taxes.map((tax) =>
              row('line tax', t.tax(tax.name, percent(tax.rateBp, locale)), money(tax.amount)),
            )
      }
      <div part="total" class="total">
        <dt part="total-label">${q.billing === 'annual' ? t.totalAnnual : t.totalMonthly}</dt>
        <dd part="total-amount" class="total-amount">${money(q.total)}</dd>
      </div>
    </dl>
  `;
}
