// The pricing maths shared by the calculator and the edge: tier modes, billing periods, the
// annual discount, taxes, the one rounding rule, bounds, and clear errors for bad selections.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  checkSelection,
  defaultSelection,
  divideHalfUp,
  type Plan,
  type PlanInput,
  QuoteError,
  quote,
  type Selection,
} from '../../contracts/pricing.js';
import {
  planSchema,
  pricingPlansSchema,
  selectionSchema,
} from '../../contracts/pricing-schemas.js';
import { DEMO_PLANS } from '../../edge/demo/pricing.js';

const TIERS = [
  { upTo: 100, unitPrice: 10 },
  { upTo: 1000, unitPrice: 8 },
  { upTo: null, unitPrice: 5 },
];

/** A plan with no base fee, free seats and one usage component, unless overridden. */
function plan(overrides: Partial<PlanInput> = {}): Plan {
  return planSchema.parse({
    id: 'p',
    name: 'Plan',
    currency: 'INR',
    baseFee: 0,
    seats: { unitPrice: 0, min: 0, max: 100, default: 1 },
    usage: [
      {
        id: 'calls',
        name: 'Calls',
        unit: 'calls',
        mode: 'graduated',
        tiers: TIERS,
        min: 0,
        max: 1_000_000,
        default: 0,
      },
    ],
    regions: [{ region: 'US', taxes: [] }],
    ...overrides,
  });
}

const select = (overrides: Partial<Selection> = {}): Selection => ({
  billing: 'monthly',
  region: 'US',
  seats: 1,
  usage: { calls: 0 },
  ...overrides,
});

const usageAmount = (p: Plan, quantity: number, billing: Selection['billing'] = 'monthly') =>
  quote(p, select({ usage: { calls: quantity }, billing })).lines.find((l) => l.kind === 'usage')
    ?.amount;

const withMode = (mode: 'graduated' | 'volume', extra: Record<string, unknown> = {}) =>
  plan({
    usage: [
      {
        id: 'calls',
        name: 'Calls',
        unit: 'calls',
        mode,
        tiers: TIERS,
        min: 0,
        max: 1_000_000,
        default: 0,
        ...extra,
      },
    ],
  });

function quoteError(run: () => unknown): QuoteError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof QuoteError, `expected a QuoteError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a QuoteError');
}

describe('usage tiers', () => {
  test('graduated prices each unit by the tier it falls in', () => {
    const p = withMode('graduated');
    assert.equal(usageAmount(p, 0), 0);
    assert.equal(usageAmount(p, 100), 100 * 10);
    assert.equal(usageAmount(p, 101), 100 * 10 + 8);
    assert.equal(usageAmount(p, 1500), 100 * 10 + 900 * 8 + 500 * 5);
  });

  test('volume prices every unit at the tier the quantity reaches', () => {
    const p = withMode('volume');
    assert.equal(usageAmount(p, 0), 0);
    assert.equal(usageAmount(p, 100), 100 * 10, 'a ceiling belongs to its own tier');
    assert.equal(usageAmount(p, 101), 101 * 8);
    assert.equal(usageAmount(p, 1500), 1500 * 5);
    // The well-known volume cliff: one more unit can cost less.
    assert.ok((usageAmount(p, 1001) ?? 0) < (usageAmount(p, 1000) ?? 0));
  });

  test('flat fees: every tier reached (graduated), the tier reached (volume), none at zero', () => {
    const tiers = [
      { upTo: 10, unitPrice: 1, flatFee: 100 },
      { upTo: null, unitPrice: 1, flatFee: 1000 },
    ];
    const graduated = withMode('graduated', { tiers });
    const volume = withMode('volume', { tiers });
    assert.equal(usageAmount(graduated, 0), 0);
    assert.equal(usageAmount(graduated, 5), 5 + 100);
    assert.equal(usageAmount(graduated, 11), 11 + 100 + 1000);
    assert.equal(usageAmount(volume, 0), 0);
    assert.equal(usageAmount(volume, 5), 5 + 100);
    assert.equal(usageAmount(volume, 11), 11 + 1000);
  });

  test('graduated cost never falls as the quantity rises', () => {
    const p = withMode('graduated', { per: 7 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (q) => {
        assert.ok((usageAmount(p, q + 1) ?? 0) >= (usageAmount(p, q) ?? 0));
      }),
      { numRuns: 500 },
    );
  });
});

describe('rounding (half-up to the minor unit, once per line)', () => {
  test('prices per N units round each usage line half-up', () => {
    const p = withMode('volume', { per: 1000, tiers: [{ upTo: null, unitPrice: 25 }] });
    assert.equal(usageAmount(p, 1019), 25, '25.475 rounds down');
    assert.equal(usageAmount(p, 1020), 26, '25.5 rounds up');
    assert.equal(usageAmount(p, 1060), 27, '26.5 rounds up');
    assert.equal(usageAmount(p, 1), 0, '0.025 rounds to nothing');
    assert.equal(usageAmount(p, 20), 1, '0.5 rounds up');
  });

  test('annual usage is rounded once for the year, not per month', () => {
    const p = withMode('volume', { per: 1000, tiers: [{ upTo: null, unitPrice: 25 }] });
    // 0.025 a month rounds to 0, but 12 × 0.025 = 0.3 for the year also rounds to 0;
    // 20 units: 0.5 a month, 6 for the year (not 12 × round(0.5) = 12).
    assert.equal(usageAmount(p, 20, 'annual'), 6);
  });

  test('the discount is annual only and rounded per line, not on the subtotal', () => {
    const twoLines = (annualDiscountBp: number) =>
      plan({
        baseFee: 10,
        seats: { unitPrice: 10, min: 1, max: 1, default: 1 },
        usage: [],
        annualDiscountBp,
      });
    const annualOnly = (o: Partial<Selection> = {}) => select({ usage: {}, ...o });
    const monthly = quote(twoLines(500), annualOnly());
    assert.equal(monthly.discount, 0);
    assert.equal(monthly.discountBp, 0);
    const exact = quote(twoLines(500), annualOnly({ billing: 'annual' }));
    assert.deepEqual(
      exact.lines.map((l) => [l.amount, l.discount, l.net]),
      [
        [120, 6, 114],
        [120, 6, 114],
      ],
    );
    // 0.42% of each 120 line is 0.504 → 1, so 2 in all; on the 240 subtotal it would be 1.
    const rounded = quote(twoLines(42), annualOnly({ billing: 'annual' }));
    assert.deepEqual(
      rounded.lines.map((l) => l.discount),
      [1, 1],
    );
    assert.equal(rounded.discount, 2);
    assert.equal(rounded.taxableAmount, 238);
  });

  test('tax is computed on the discounted subtotal, half-up, each tax line on its own', () => {
    const regions = [
      { region: 'IN', taxes: [{ name: 'GST', rateBp: 1800 }] },
      {
        region: 'CA',
        taxes: [
          { name: 'GST', rateBp: 900 },
          { name: 'PST', rateBp: 900 },
        ],
      },
    ];
    const at = (base: number, region: string) =>
      quote(plan({ baseFee: base, regions }), select({ region }));
    assert.deepEqual(at(1001, 'IN').taxes, [{ name: 'GST', rateBp: 1800, amount: 180 }]); // 180.18
    assert.equal(at(1003, 'IN').tax, 181); // 180.54
    assert.equal(at(1025, 'IN').tax, 185, '184.5 rounds up');
    const split = at(1005, 'CA'); // 90.45 + 90.45
    assert.deepEqual(
      split.taxes.map((t) => t.amount),
      [90, 90],
    );
    assert.equal(split.total, 1005 + 180);
    assert.equal(at(1005, 'IN').tax, 181, 'one 18% line: 180.9 → 181');

    const discounted = quote(plan({ baseFee: 1000, annualDiscountBp: 1000, regions }), {
      ...select({ billing: 'annual', region: 'IN' }),
    });
    assert.equal(discounted.taxableAmount, 12_000 - 1_200);
    assert.equal(discounted.tax, 1944); // 18% of 10,800
    assert.equal(discounted.total, 10_800 + 1944);
  });

  test('divideHalfUp matches round-half-up on exact ratios', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.integer({ min: 1, max: 10_000 }), (n, d) => {
        const q = divideHalfUp(BigInt(n), BigInt(d));
        // q is the integer nearest n/d, ties going up: 2n ∈ [(2q−1)d, (2q+1)d)
        assert.ok(2n * BigInt(n) >= (2n * q - 1n) * BigInt(d));
        assert.ok(2n * BigInt(n) < (2n * q + 1n) * BigInt(d));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('quote shape', () => {
  test('the demo Growth plan, monthly in India, by hand', () => {
    const growth = DEMO_PLANS.plans[0] as Plan;
    const q = quote(growth, {
      billing: 'monthly',
      region: 'IN',
      seats: 10,
      usage: { 'api-calls': 50_000, sms: 20_000 },
    });
    assert.deepEqual(
      q.lines.map((l) => [l.kind, l.quantity, l.amount]),
      [
        ['base', 1, 499_900],
        ['seats', 7, 349_300], // 3 seats included
        ['usage', 50_000, 100_000], // 10,000 free, 40,000 at ₹25 per 1,000
        ['usage', 20_000, 400_000], // all 20,000 at 20 paise
      ],
    );
    assert.equal(q.subtotal, 1_349_200);
    assert.deepEqual(q.taxes, [{ name: 'GST', rateBp: 1800, amount: 242_856 }]);
    assert.equal(q.total, 1_592_056);
    assert.equal(q.currency, 'INR');
    assert.equal(q.months, 1);
  });

  test('the demo Growth plan, annual in India: ×12, 15% off every line, GST on the rest', () => {
    const growth = DEMO_PLANS.plans[0] as Plan;
    const q = quote(growth, {
      billing: 'annual',
      region: 'IN',
      seats: 10,
      usage: { 'api-calls': 50_000, sms: 20_000 },
    });
    assert.equal(q.months, 12);
    assert.equal(q.discountBp, 1500);
    assert.equal(q.subtotal, 16_190_400);
    assert.equal(q.discount, 2_428_560);
    assert.equal(q.taxableAmount, 13_761_840);
    assert.equal(q.tax, 2_477_131); // 2,477,131.2
    assert.equal(q.total, 16_238_971);
  });

  test('seats beyond the included ones are billed, never a negative count', () => {
    const p = plan({ seats: { unitPrice: 500, included: 5, min: 0, max: 50, default: 5 } });
    const seats = (n: number) =>
      quote(p, select({ seats: n })).lines.find((l) => l.kind === 'seats');
    assert.equal(seats(3)?.quantity, 0);
    assert.equal(seats(3)?.amount, 0);
    assert.equal(seats(8)?.amount, 3 * 500);
  });

  test('a zero base fee leaves the base line out; US has no tax lines', () => {
    const q = quote(plan(), select());
    assert.ok(!q.lines.some((l) => l.kind === 'base'));
    assert.deepEqual(q.taxes, []);
    assert.equal(q.total, q.subtotal);
  });

  test('totals add up and every amount is a safe integer, for random selections', () => {
    const p = DEMO_PLANS.plans[1] as Plan;
    const usage = p.usage.map((u) => fc.integer({ min: u.min, max: u.max }));
    fc.assert(
      fc.property(
        fc.constantFrom('monthly' as const, 'annual' as const),
        fc.constantFrom(...p.regions.map((r) => r.region)),
        fc.integer({ min: p.seats.min, max: p.seats.max }),
        fc.tuple(...usage),
        (billing, region, seats, quantities) => {
          const q = quote(p, {
            billing,
            region,
            seats,
            usage: Object.fromEntries(p.usage.map((u, i) => [u.id, quantities[i] ?? 0])),
          });
          for (const l of q.lines) assert.equal(l.net, l.amount - l.discount);
          const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
          assert.equal(q.subtotal, sum(q.lines.map((l) => l.amount)));
          assert.equal(q.discount, sum(q.lines.map((l) => l.discount)));
          assert.equal(q.total, q.subtotal - q.discount + sum(q.taxes.map((t) => t.amount)));
          for (const v of [q.subtotal, q.discount, q.tax, q.total])
            assert.ok(Number.isSafeInteger(v) && v >= 0);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('defaultSelection starts every range at its default, in a region the plan sells in', () => {
    const growth = DEMO_PLANS.plans[0] as Plan;
    assert.deepEqual(defaultSelection(growth, 'annual', 'SG'), {
      billing: 'annual',
      region: 'SG',
      seats: 10,
      usage: { 'api-calls': 50_000, sms: 20_000 },
    });
    assert.equal(defaultSelection(growth, 'monthly', 'ZZ').region, 'IN');
    assert.doesNotThrow(() => quote(growth, defaultSelection(growth)));
  });
});

describe('invalid selections', () => {
  const p = plan({ seats: { unitPrice: 1, min: 2, max: 10, default: 2 } });

  test('out-of-range seats and quantities name the field and the range', () => {
    for (const seats of [1, 11, 2.5]) {
      const error = quoteError(() => quote(p, select({ seats })));
      assert.deepEqual(error.issues, [
        { path: ['seats'], code: 'out-of-range', message: 'must be a whole number from 2 to 10' },
      ]);
    }
    const error = quoteError(() => quote(p, select({ seats: 2, usage: { calls: 1_000_001 } })));
    assert.deepEqual(
      error.issues.map((i) => [i.path.join('.'), i.code]),
      [['usage.calls', 'out-of-range']],
    );
    assert.match(error.message, /usage\.calls: must be a whole number from 0 to 1000000/);
  });

  test('unknown region, missing and unknown usage are all reported at once', () => {
    const error = quoteError(() =>
      quote(p, { billing: 'monthly', region: 'IN', seats: 2, usage: { texts: 1 } }),
    );
    assert.deepEqual(
      error.issues.map((i) => [i.path.join('.'), i.code]),
      [
        ['region', 'unknown-region'],
        ['usage.calls', 'missing-usage'],
        ['usage.texts', 'unknown-usage'],
      ],
    );
    assert.deepEqual(checkSelection(p, select({ seats: 2 })), []);
  });

  test('usage ids that name Object.prototype members are only read from own keys', () => {
    const tricky = withMode('volume', { id: 'constructor' });
    const error = quoteError(() => quote(tricky, select({ usage: {} })));
    assert.deepEqual(
      error.issues.map((i) => [i.path.join('.'), i.code]),
      [['usage.constructor', 'missing-usage']],
    );
    const priced = quote(tricky, select({ usage: { constructor: 101 } }));
    assert.equal(priced.lines.find((l) => l.kind === 'usage')?.amount, 101 * 8);
  });

  test('amounts that would not fit a safe integer are refused, not rounded', () => {
    const huge = plan({
      seats: { unitPrice: 10_000_000_000, min: 0, max: 1_000_000, default: 0 },
    });
    const error = quoteError(() => quote(huge, select({ seats: 1_000_000, billing: 'annual' })));
    assert.equal(error.issues[0]?.code, 'too-large');
    // Just inside the limit the answer is exact.
    const q = quote(huge, select({ seats: 900_000 }));
    assert.equal(q.total, 9_000_000_000_000_000);
  });

  test('the selection schema refuses fractions, unknown keys and bad regions', () => {
    const ok = { billing: 'annual', region: 'GB', seats: 3, usage: { calls: 10 } };
    assert.ok(selectionSchema.safeParse(ok).success);
    for (const bad of [
      { ...ok, seats: 1.5 },
      { ...ok, seats: -1 },
      { ...ok, billing: 'weekly' },
      { ...ok, region: 'gb' },
      { ...ok, usage: { calls: 0.1 } },
      { ...ok, usage: { 'Bad Id': 1 } },
      { ...ok, extra: true },
    ]) {
      assert.equal(selectionSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });
});

describe('plan schema', () => {
  const valid = {
    id: 'p',
    name: 'Plan',
    currency: 'INR',
    baseFee: 100,
    seats: { unitPrice: 0, min: 0, max: 1, default: 0 },
    usage: [],
    regions: [{ region: 'IN', taxes: [{ name: 'GST', rateBp: 1800 }] }],
  };
  const usage = {
    id: 'u',
    name: 'U',
    unit: 'u',
    mode: 'graduated',
    tiers: [{ upTo: null, unitPrice: 1 }],
    min: 0,
    max: 10,
    default: 0,
  };

  test('fills defaults and accepts the demo plans', () => {
    const parsed = planSchema.parse({ ...valid, usage: [usage] });
    assert.equal(parsed.annualDiscountBp, 0);
    assert.equal(parsed.seats.included, 0);
    assert.equal(parsed.usage[0]?.per, 1);
    assert.equal(parsed.usage[0]?.tiers[0]?.flatFee, 0);
    assert.ok(pricingPlansSchema.safeParse(DEMO_PLANS).success);
  });

  test('refuses what it cannot price exactly or safely', () => {
    const cases: [string, unknown][] = [
      ['fractional money', { ...valid, baseFee: 10.5 }],
      ['negative money', { ...valid, baseFee: -1 }],
      ['money past the bound', { ...valid, baseFee: 10_000_000_001 }],
      ['an unknown key', { ...valid, vat: 20 }],
      ['an unknown currency', { ...valid, currency: 'JPY' }],
      ['min above max', { ...valid, seats: { unitPrice: 0, min: 2, max: 1, default: 1 } }],
      [
        'default outside the range',
        { ...valid, seats: { unitPrice: 0, min: 0, max: 1, default: 2 } },
      ],
      [
        'a rate above 100%',
        { ...valid, regions: [{ region: 'IN', taxes: [{ name: 'GST', rateBp: 10_001 }] }] },
      ],
      ['no region', { ...valid, regions: [] }],
      ['duplicate regions', { ...valid, regions: [valid.regions[0], valid.regions[0]] }],
      ['a control character in a name', { ...valid, name: 'Plan\u0007' }],
      ['a bidi override in a name', { ...valid, name: 'Plan\u202e' }],
      ['an empty name', { ...valid, name: '   ' }],
      [
        'a last tier with a ceiling',
        { ...valid, usage: [{ ...usage, tiers: [{ upTo: 5, unitPrice: 1 }] }] },
      ],
      [
        'falling tier ceilings',
        {
          ...valid,
          usage: [
            {
              ...usage,
              tiers: [
                { upTo: 10, unitPrice: 1 },
                { upTo: 5, unitPrice: 1 },
                { upTo: null, unitPrice: 1 },
              ],
            },
          ],
        },
      ],
      [
        'too many tiers',
        {
          ...valid,
          usage: [
            {
              ...usage,
              tiers: [
                ...Array.from({ length: 10 }, (_, i) => ({ upTo: i + 1, unitPrice: 1 })),
                { upTo: null, unitPrice: 1 },
              ],
            },
          ],
        },
      ],
      ['duplicate usage ids', { ...valid, usage: [usage, usage] }],
      ['per of zero', { ...valid, usage: [{ ...usage, per: 0 }] }],
    ];
    for (const [why, input] of cases) assert.equal(planSchema.safeParse(input).success, false, why);
  });

  test('the plans document: unique ids, one currency, at most 20 plans', () => {
    assert.ok(pricingPlansSchema.safeParse({ plans: [] }).success);
    assert.equal(pricingPlansSchema.safeParse({ plans: [valid, valid] }).success, false);
    assert.equal(
      pricingPlansSchema.safeParse({ plans: [valid, { ...valid, id: 'q', currency: 'USD' }] })
        .success,
      false,
    );
    const many = Array.from({ length: 21 }, (_, i) => ({ ...valid, id: `p${i}` }));
    assert.equal(pricingPlansSchema.safeParse({ plans: many }).success, false);
  });
});
