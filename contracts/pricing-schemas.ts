/**
 * The pricing contract: zod schemas of plans, selections and quotes, shared by the edge (which
 * validates and documents them) and the widget (which imports only their types, so zod stays
 * out of the widget's bundle). Text, ids and regions follow the shared primitives; the pure
 * maths and its bounds are in pricing.ts.
 */
import { z } from 'zod';
import { BILLING_PERIODS, CURRENCIES, LIMITS } from './pricing.js';
import { idSchema, regionSchema, displayText as text } from './primitives.js';

const money = z.int().min(0).max(LIMITS.price);
const count = (max: number) => z.int().min(0).max(max);
const basisPoints = z.int().min(0).max(10_000);

const tierSchema = z.strictObject({
  upTo: z.int().min(1).max(LIMITS.quantity).nullable().meta({ description: 'null: no ceiling' }),
  unitPrice: money.meta({ description: 'Minor units per `per` units' }),
  flatFee: money.default(0),
});

const rangeOk = (r: { min: number; max: number; default: number }) =>
  r.min <= r.max && r.default >= r.min && r.default <= r.max;

const usageSchema = z
  .strictObject({
    id: idSchema,
    name: text(60),
    unit: text(30).meta({ description: 'What is counted, e.g. "API calls"' }),
    mode: z.enum(['graduated', 'volume']),
    per: z.int().min(1).max(LIMITS.per).default(1),
    tiers: z.array(tierSchema).min(1).max(LIMITS.tiers),
    min: count(LIMITS.quantity),
    max: count(LIMITS.quantity),
    default: count(LIMITS.quantity),
    step: z.int().min(1).max(LIMITS.quantity).default(1),
  })
  .refine(rangeOk, { message: 'needs min ≤ default ≤ max', path: ['max'] })
  .refine(
    (u) =>
      u.tiers.every((t, i) =>
        i === u.tiers.length - 1
          ? t.upTo === null
          : t.upTo !== null && t.upTo > (u.tiers[i - 1]?.upTo ?? 0),
      ),
    { message: 'tier ceilings must rise and the last tier must have upTo null', path: ['tiers'] },
  );

const taxRegionSchema = z.strictObject({
  region: regionSchema,
  taxes: z
    .array(z.strictObject({ name: text(24), rateBp: basisPoints }))
    .max(LIMITS.taxesPerRegion),
});

const unique = (ids: string[]) => new Set(ids).size === ids.length;

export const planSchema = z
  .strictObject({
    id: idSchema,
    name: text(60),
    description: text(200).optional(),
    // The currencies the kit prices in: a subset of the shared currency rule (a test checks).
    currency: z.enum(CURRENCIES),
    baseFee: money.meta({ description: 'Per month, minor units' }),
    seats: z
      .strictObject({
        unitPrice: money.meta({ description: 'Per seat per month, minor units' }),
        included: count(LIMITS.seats).default(0),
        min: count(LIMITS.seats),
        max: count(LIMITS.seats),
        default: count(LIMITS.seats),
      })
      .refine(rangeOk, { message: 'needs min ≤ default ≤ max', path: ['max'] }),
    usage: z.array(usageSchema).max(LIMITS.usage),
    annualDiscountBp: basisPoints.default(0),
    regions: z.array(taxRegionSchema).min(1).max(LIMITS.regions),
  })
  .refine((p) => unique(p.usage.map((u) => u.id)), {
    message: 'duplicate usage id',
    path: ['usage'],
  })
  .refine((p) => unique(p.regions.map((r) => r.region)), {
    message: 'duplicate region',
    path: ['regions'],
  })
  .meta({ id: 'PricingPlan' });
export type Plan = z.infer<typeof planSchema>;
export type PlanInput = z.input<typeof planSchema>;

/** The tenant's plans: one document, one currency. */
export const pricingPlansSchema = z
  .strictObject({ plans: z.array(planSchema).max(LIMITS.plans) })
  .refine((d) => unique(d.plans.map((p) => p.id)), {
    message: 'duplicate plan id',
    path: ['plans'],
  })
  .refine((d) => new Set(d.plans.map((p) => p.currency)).size <= 1, {
    message: 'every plan must use the tenant’s one currency',
    path: ['plans'],
  })
  .meta({ id: 'PricingPlans' });
export type PricingPlans = z.infer<typeof pricingPlansSchema>;

export const selectionSchema = z
  .strictObject({
    billing: z.enum(BILLING_PERIODS),
    region: regionSchema,
    seats: count(LIMITS.seats),
    usage: z
      .record(idSchema, count(LIMITS.quantity))
      .refine((u) => Object.keys(u).length <= LIMITS.usage, 'too many usage quantities'),
  })
  .meta({ id: 'PricingSelection' });
export type Selection = z.infer<typeof selectionSchema>;

const amount = z.int().min(0);
const lineBase = { quantity: amount, amount, discount: amount, net: amount };
export const quoteLineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('base'), ...lineBase }),
  z.object({ kind: z.literal('seats'), included: amount, ...lineBase }),
  z.object({
    kind: z.literal('usage'),
    componentId: z.string(),
    name: z.string(),
    unit: z.string(),
    mode: z.enum(['graduated', 'volume']),
    ...lineBase,
  }),
]);
export type QuoteLine = z.infer<typeof quoteLineSchema>;

export const quoteSchema = z
  .object({
    planId: z.string(),
    planName: z.string(),
    currency: z.enum(CURRENCIES),
    billing: z.enum(BILLING_PERIODS),
    months: z.union([z.literal(1), z.literal(12)]),
    region: z.string(),
    lines: z.array(quoteLineSchema),
    subtotal: amount,
    discountBp: z.int(),
    discount: amount,
    taxableAmount: amount,
    taxes: z.array(z.object({ name: z.string(), rateBp: z.int(), amount })),
    tax: amount,
    total: amount,
  })
  .meta({ id: 'Quote', description: 'Amounts in minor units for the billing period.' });
export type Quote = z.infer<typeof quoteSchema>;

export const quoteRequestSchema = z
  .strictObject({ planId: idSchema, selection: selectionSchema })
  .meta({ id: 'QuoteRequest' });
export type QuoteRequest = z.infer<typeof quoteRequestSchema>;

/** A quote the edge computed, stored and signed. */
export const issuedQuoteSchema = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    planId: z.string(),
    selection: selectionSchema,
    quote: quoteSchema,
    createdAt: z.int(),
    expiresAt: z.int(),
    signature: z.string().meta({
      description:
        'base64url HMAC-SHA-256 over the canonical JSON (sorted keys) of every other field',
    }),
  })
  .meta({ id: 'IssuedQuote' });
export type IssuedQuote = z.infer<typeof issuedQuoteSchema>;
