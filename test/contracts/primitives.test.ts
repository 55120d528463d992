// One rule per concept: display text, ids, regions, currencies and slugs are decided once in
// contracts/primitives.ts, and every contract that takes such a value must give the same answer.
// Each test asks the catalog, the pricing plans (and selections), the admin API and the brand
// schema the same question; a contract that grows its own copy of a rule fails here.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTenantSchema } from '../../contracts/admin.js';
import { catalogSchema } from '../../contracts/catalog.js';
import {
  CURRENCIES,
  catalogSchema as catalogFromBarrel,
  currencySchema,
  displayText,
  idSchema,
  planSchema,
  regionSchema,
  selectionSchema,
  slugSchema,
} from '../../contracts/index.js';
import { brandSchema } from '../../themes/brand-schema.js';

const service = (over: { id?: string; name?: string; regions?: string[]; currency?: string }) => ({
  categories: [{ id: 'payments', name: 'Payments' }],
  services: [
    {
      id: over.id ?? 'payouts',
      name: over.name ?? 'Payouts',
      category: 'payments',
      summary: 'Bulk payouts.',
      regions: over.regions ?? ['IN'],
      compliance: [],
      tiers: [
        {
          id: 'growth',
          name: 'Growth',
          features: ['IMPS'],
          sla: { uptimePercent: 99.9, supportResponseMinutes: 60 },
          priceFrom: { amountMinor: 100, currency: over.currency ?? 'INR', period: 'month' },
        },
      ],
    },
  ],
});

const plan = (over: { id?: string; name?: string; usageId?: string; region?: string }) => ({
  id: over.id ?? 'growth',
  name: over.name ?? 'Growth',
  currency: 'INR',
  baseFee: 0,
  seats: { unitPrice: 0, min: 0, max: 10, default: 1 },
  usage: [
    {
      id: over.usageId ?? 'calls',
      name: 'Calls',
      unit: 'calls',
      mode: 'graduated',
      tiers: [{ upTo: null, unitPrice: 1 }],
      min: 0,
      max: 10,
      default: 0,
    },
  ],
  regions: [{ region: over.region ?? 'IN', taxes: [] }],
});

const selection = (region: string) => ({ billing: 'monthly', region, seats: 1, usage: {} });

/** Every contract that takes display text, for one value: true where it was accepted. */
function textVerdicts(value: string) {
  return {
    catalog: catalogSchema.safeParse(service({ name: value })).success,
    pricing: planSchema.safeParse(plan({ name: value })).success,
    tenant: createTenantSchema.safeParse({ slug: 'acme', name: value }).success,
  };
}

const all = (verdict: boolean) => ({ catalog: verdict, pricing: verdict, tenant: verdict });

describe('display text: one rule', () => {
  test('ZWJ and ZWNJ, which Indic and Arabic text needs, are accepted everywhere', () => {
    for (const value of [
      'क्‍ष बैंक', // Devanagari with ZWJ (half form)
      'मीरा‌बाई', // ZWNJ
      'بنك‌ الخليج', // Arabic with ZWNJ
      'ශ්‍රී ලංකා', // Sinhala with ZWJ (the conjunct in ශ්‍රී)
      'Bank \u200F(AE)', // RLM: a bidi mark, not an override
    ])
      assert.deepEqual(textVerdicts(value), all(true), JSON.stringify(value));
  });

  test('controls, separators, bidi overrides and isolates are refused everywhere', () => {
    const refused = {
      'a C0 control': 'Plan\u0007',
      'a line feed': 'Plan\nTwo',
      DEL: 'Plan\u007F',
      'a C1 control': 'Plan\u0085',
      'a line separator': 'Plan\u2028Two',
      'a paragraph separator': 'Plan\u2029Two',
      'a right-to-left override': 'Plan\u202Eexe.pdf',
      'a left-to-right embedding': 'Plan\u202A',
      'a first-strong isolate': 'Plan\u2068x\u2069',
      'a deprecated format control': 'Plan\u206A',
      'a byte order mark': 'Pl\uFEFFan',
      'an interlinear annotation': 'Plan\uFFF9',
      'a non-character': 'Plan\uFDD0',
      'a lone surrogate': 'Plan\uD800',
      'nothing but spaces': '   ',
    };
    for (const [why, value] of Object.entries(refused))
      assert.deepEqual(textVerdicts(value), all(false), why);
  });

  test('text is trimmed and NFC-normalised the same way everywhere', () => {
    const decomposed = '  Cafe\u0301 Bank  ';
    const catalog = catalogSchema.parse(service({ name: decomposed }));
    const pricing = planSchema.parse(plan({ name: decomposed }));
    const tenant = createTenantSchema.parse({ slug: 'acme', name: decomposed });
    assert.equal(catalog.services[0]?.name, 'Café Bank');
    assert.equal(pricing.name, 'Café Bank');
    assert.equal(tenant.name, 'Café Bank');
  });

  test('lengths are counted after trimming and normalising', () => {
    assert.equal(displayText(3).safeParse('abcd').success, false);
    assert.equal(displayText(3).safeParse(' abc ').success, true);
    assert.equal(displayText(4).safeParse('Cafe\u0301').success, true, 'é is one character in NFC');
  });
});

describe('ids: one rule', () => {
  const verdicts = (id: string) => ({
    catalogService: catalogSchema.safeParse(service({ id })).success,
    pricingPlan: planSchema.safeParse(plan({ id })).success,
    pricingUsage: planSchema.safeParse(plan({ usageId: id })).success,
    selectionUsage: selectionSchema.safeParse({ ...selection('IN'), usage: { [id]: 1 } }).success,
  });
  const every = (verdict: boolean) => ({
    catalogService: verdict,
    pricingPlan: verdict,
    pricingUsage: verdict,
    selectionUsage: verdict,
  });

  test('33 to 48 characters are accepted by the catalog and the pricing plans alike', () => {
    for (const length of [1, 32, 33, 40, 48]) {
      const id = 'p'.repeat(length);
      assert.deepEqual(verdicts(id), every(true), `${length} characters: ${id}`);
    }
  });

  test('49 characters, capitals, spaces and edge hyphens are refused by both', () => {
    for (const id of ['a'.repeat(49), 'Growth', 'pro plan', '-pro', 'pro-', ''])
      assert.deepEqual(verdicts(id), every(false), JSON.stringify(id));
  });

  test('the one id schema decides', () => {
    assert.equal(idSchema.safeParse('a'.repeat(48)).success, true);
    assert.equal(idSchema.safeParse('a'.repeat(49)).success, false);
  });
});

describe('regions: one rule, real codes', () => {
  const verdicts = (region: string) => ({
    catalog: catalogSchema.safeParse(service({ regions: [region] })).success,
    planTaxes: planSchema.safeParse(plan({ region })).success,
    selection: selectionSchema.safeParse(selection(region)).success,
  });
  const every = (verdict: boolean) => ({
    catalog: verdict,
    planTaxes: verdict,
    selection: verdict,
  });

  test('ISO 3166 codes, CLDR groupings and UK are accepted by the catalog and pricing alike', () => {
    for (const code of ['IN', 'SG', 'AE', 'GB', 'UK', 'US', 'EU', 'XK'])
      assert.deepEqual(verdicts(code), every(true), code);
  });

  test('unknown, private-use and malformed codes are refused by both', () => {
    // ZZ is CLDR's "unknown region", XA/XB its pseudo-regions, QQ and XI unassigned.
    for (const code of ['ZZ', 'QQ', 'XA', 'XB', 'XI', 'AA', 'gb', 'GBR', 'U'])
      assert.deepEqual(verdicts(code), every(false), code);
  });

  test('the one region schema decides', () => {
    assert.equal(regionSchema.safeParse('IN').success, true);
    assert.equal(regionSchema.safeParse('ZZ').success, false);
  });
});

describe('currencies: one rule', () => {
  test('every currency the kit prices in is a known ISO 4217 code', () => {
    for (const code of CURRENCIES) assert.equal(currencySchema.safeParse(code).success, true, code);
  });

  test('the catalog takes any known code and refuses made-up ones', () => {
    assert.ok(catalogSchema.safeParse(service({ currency: 'JPY' })).success);
    for (const code of ['ABC', 'inr', 'RUPEE'])
      assert.equal(catalogSchema.safeParse(service({ currency: code })).success, false, code);
  });
});

describe('slugs: one rule for tenants and their themes', () => {
  const verdicts = (slug: string) => ({
    tenant: createTenantSchema.safeParse({ slug, name: 'Acme Bank' }).success,
    brand: brandSchema.safeParse({ slug, name: 'Acme Bank', colors: { primary: '#3355dd' } })
      .success,
    primitive: slugSchema.safeParse(slug).success,
  });

  test('the admin API and the brand schema accept and refuse the same slugs', () => {
    const cases: [string, boolean][] = [
      ['acme', true],
      ['acme-bank-2', true],
      ['a', true],
      ['a'.repeat(40), true],
      ['a'.repeat(41), false],
      ['Acme', false],
      ['-acme', false],
      ['acme-', false],
      ['acme_bank', false],
      ['', false],
    ];
    for (const [slug, verdict] of cases)
      assert.deepEqual(
        verdicts(slug),
        { tenant: verdict, brand: verdict, primitive: verdict },
        JSON.stringify(slug),
      );
  });
});

test('the barrel exports the same schemas as the modules', () => {
  assert.equal(catalogFromBarrel, catalogSchema);
});
