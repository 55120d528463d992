/**
 * Pricing maths shared by `<gw-pricing-calculator>` and the edge, so the price a customer sees
 * is the price the edge signs. Pure: no DOM, no HTTP, no runtime imports — zod included, so the
 * widget bundle stays zod-free (the schemas live in pricing-schemas.ts; their types only here).
 *
 * Money is integer minor units (paise, cents, fils) everywhere; the arithmetic runs on bigint
 * and every result is checked to be a safe integer before it leaves as a `number`.
 *
 * How a quote is computed (`quote(plan, selection)`), for a period of `months` (1 monthly,
 * 12 annual); all prices in a plan and all usage quantities are per month:
 *   base   = baseFee × months                                   (line left out when 0)
 *   seats  = max(0, seats − included) × seat unitPrice × months
 *   usage  graduated: each unit priced by the tier it falls in, plus the flatFee of every tier
 *          it reaches; volume: every unit at the price of the tier the quantity reaches, plus
 *          that tier's flatFee (no flatFee at quantity 0). Prices are per `per` units, so
 *          usage = round(months × Σ(units × unitPrice) / per) + months × Σ flatFee
 *   discount (annual only, on every line) = round(line amount × annualDiscountBp / 10 000)
 *   taxable = subtotal − discount; each tax line = round(taxable × rateBp / 10 000)
 *   total   = taxable + Σ tax
 *
 * Rounding, the one rule: `round` is half-up to the minor unit (all operands are ≥ 0), applied
 * once per usage line, once per line discount and once per tax line, and nowhere else. An
 * amount beyond Number.MAX_SAFE_INTEGER is refused (`QuoteError`, code `too-large`), never
 * rounded.
 */
import type {
  IssuedQuote,
  Plan,
  PlanInput,
  PricingPlans,
  Quote,
  QuoteLine,
  QuoteRequest,
  Selection,
} from './pricing-schemas.js';

export type {
  IssuedQuote,
  Plan,
  PlanInput,
  PricingPlans,
  Quote,
  QuoteLine,
  QuoteRequest,
  Selection,
};

export const CURRENCIES = ['INR', 'USD', 'EUR', 'GBP', 'SGD', 'AED'] as const;
export type Currency = (typeof CURRENCIES)[number];
export const BILLING_PERIODS = ['monthly', 'annual'] as const;
export type Billing = (typeof BILLING_PERIODS)[number];

/** Bounds: large enough for any real plan, small enough that bad input cannot go unnoticed. */
export const LIMITS = {
  price: 10_000_000_000,
  seats: 1_000_000,
  quantity: 1_000_000_000,
  per: 1_000_000,
  tiers: 10,
  usage: 8,
  plans: 20,
  regions: 40,
  taxesPerRegion: 4,
} as const;

/** Standard rates (basis points) for seeding plans; tenants set their own in each plan. */
export const STANDARD_TAXES = {
  IN: [{ name: 'GST', rateBp: 1800 }],
  SG: [{ name: 'GST', rateBp: 900 }],
  AE: [{ name: 'VAT', rateBp: 500 }],
  GB: [{ name: 'VAT', rateBp: 2000 }],
  EU: [{ name: 'VAT', rateBp: 2100 }],
  US: [],
} as const satisfies Record<string, readonly { name: string; rateBp: number }[]>;

export interface QuoteIssue {
  /** Where in the selection; empty for the selection as a whole (e.g. a total too large). */
  path: (string | number)[];
  code: 'out-of-range' | 'unknown-region' | 'unknown-usage' | 'missing-usage' | 'too-large';
  message: string;
}

/** A selection the plan cannot price; `issues` says where and why. */
export class QuoteError extends Error {
  readonly issues: QuoteIssue[];
  constructor(issues: QuoteIssue[]) {
    super(issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    this.name = 'QuoteError';
    this.issues = issues;
  }
}

const inRange = (v: number, min: number, max: number) =>
  Number.isSafeInteger(v) && v >= min && v <= max;

/** A usage quantity from the selection's own keys only: a usage id may be "constructor". */
export const quantityOf = (selection: Selection, id: string): number | undefined =>
  Object.hasOwn(selection.usage, id) ? selection.usage[id] : undefined;

/** What is wrong with a selection for this plan (empty when it can be priced). */
export function checkSelection(plan: Plan, selection: Selection): QuoteIssue[] {
  const issues: QuoteIssue[] = [];
  const range = (path: QuoteIssue['path'], v: number, min: number, max: number) => {
    if (!inRange(v, min, max))
      issues.push({
        path,
        code: 'out-of-range',
        message: `must be a whole number from ${min} to ${max}`,
      });
  };
  range(['seats'], selection.seats, plan.seats.min, plan.seats.max);
  if (!plan.regions.some((r) => r.region === selection.region))
    issues.push({
      path: ['region'],
      code: 'unknown-region',
      message: 'this plan is not sold in this region',
    });
  for (const u of plan.usage) {
    const q = quantityOf(selection, u.id);
    if (q === undefined)
      issues.push({
        path: ['usage', u.id],
        code: 'missing-usage',
        message: 'a quantity is required',
      });
    else range(['usage', u.id], q, u.min, u.max);
  }
  for (const id of Object.keys(selection.usage))
    if (!plan.usage.some((u) => u.id === id))
      issues.push({
        path: ['usage', id],
        code: 'unknown-usage',
        message: 'this plan has no such usage',
      });
  return issues;
}

/** The one rounding rule: n / d, half-up, for n ≥ 0 and d > 0. */
export function divideHalfUp(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

/** Σ(units × unitPrice) and Σ flatFee for a quantity, by the component's tier mode. */
function usageCost(u: Plan['usage'][number], quantity: bigint): { variable: bigint; flat: bigint } {
  let variable = 0n;
  let flat = 0n;
  if (quantity === 0n) return { variable, flat };
  if (u.mode === 'volume') {
    const tier = u.tiers.find((t) => t.upTo === null || quantity <= BigInt(t.upTo)) ?? u.tiers[0];
    return { variable: quantity * BigInt(tier?.unitPrice ?? 0), flat: BigInt(tier?.flatFee ?? 0) };
  }
  let floor = 0n;
  for (const tier of u.tiers) {
    const ceiling = tier.upTo === null ? quantity : BigInt(tier.upTo);
    const units = (quantity < ceiling ? quantity : ceiling) - floor;
    if (units <= 0n) break;
    variable += units * BigInt(tier.unitPrice);
    flat += BigInt(tier.flatFee);
    floor = ceiling;
  }
  return { variable, flat };
}

/**
 * Prices a selection. `plan` must be a parsed `Plan` (`planSchema`); a selection the plan
 * cannot price throws a `QuoteError` naming every problem.
 */
export function quote(plan: Plan, selection: Selection): Quote {
  const issues = checkSelection(plan, selection);
  if (issues.length > 0) throw new QuoteError(issues);
  const months = selection.billing === 'annual' ? 12 : 1;
  const m = BigInt(months);
  const discountBp = selection.billing === 'annual' ? plan.annualDiscountBp : 0;
  const safe = (v: bigint, path: QuoteIssue['path']): number => {
    if (v > BigInt(Number.MAX_SAFE_INTEGER))
      throw new QuoteError([
        { path, code: 'too-large', message: 'the amount is too large to quote' },
      ]);
    return Number(v);
  };
  const priced = (gross: bigint, path: QuoteIssue['path']) => {
    const discount = divideHalfUp(gross * BigInt(discountBp), 10_000n);
    return {
      amount: safe(gross, path),
      discount: safe(discount, path),
      net: safe(gross - discount, path),
    };
  };

  const lines: QuoteLine[] = [];
  if (plan.baseFee > 0)
    lines.push({ kind: 'base', quantity: 1, ...priced(BigInt(plan.baseFee) * m, ['billing']) });
  const billableSeats = Math.max(0, selection.seats - plan.seats.included);
  lines.push({
    kind: 'seats',
    included: plan.seats.included,
    quantity: billableSeats,
    ...priced(BigInt(billableSeats) * BigInt(plan.seats.unitPrice) * m, ['seats']),
  });
  for (const u of plan.usage) {
    const quantity = quantityOf(selection, u.id) ?? 0;
    const cost = usageCost(u, BigInt(quantity));
    const per = BigInt(u.per);
    const gross = divideHalfUp(m * cost.variable, per) + m * cost.flat;
    lines.push({
      kind: 'usage',
      componentId: u.id,
      name: u.name,
      unit: u.unit,
      mode: u.mode,
      quantity,
      ...priced(gross, ['usage', u.id]),
    });
  }

  const sum = (values: number[]) => values.reduce((a, b) => a + BigInt(b), 0n);
  const subtotal = sum(lines.map((l) => l.amount));
  const discount = sum(lines.map((l) => l.discount));
  const taxable = subtotal - discount;
  const rates = plan.regions.find((r) => r.region === selection.region)?.taxes ?? [];
  const taxes = rates.map((t) => ({
    name: t.name,
    rateBp: t.rateBp,
    amount: safe(divideHalfUp(taxable * BigInt(t.rateBp), 10_000n), []),
  }));
  const tax = sum(taxes.map((t) => t.amount));
  return {
    planId: plan.id,
    planName: plan.name,
    currency: plan.currency,
    billing: selection.billing,
    months,
    region: selection.region,
    lines,
    subtotal: safe(subtotal, []),
    discountBp,
    discount: safe(discount, []),
    taxableAmount: safe(taxable, []),
    taxes,
    tax: safe(tax, []),
    total: safe(taxable + tax, []),
  };
}

/** The selection a calculator starts from: each range's default, the plan's first region. */
export function defaultSelection(
  plan: Plan,
  billing: Billing = 'monthly',
  region?: string,
): Selection {
  const sold = plan.regions.find((r) => r.region === region) ?? plan.regions[0];
  return {
    billing,
    region: sold?.region ?? 'US',
    seats: plan.seats.default,
    usage: Object.fromEntries(plan.usage.map((u) => [u.id, u.default])),
  };
}
