/**
 * Every visible string of `<gw-pricing-calculator>`. Each table is typed against
 * `PricingStrings`, so a missing key fails the type-check; numbers, money, percentages and
 * dates arrive already formatted by Intl.
 */
import type { Language } from '../core/localize.js';
import type { StateStrings } from '../core/states.js';
import { ar } from './strings/ar.js';
import { en } from './strings/en.js';
import { es } from './strings/es.js';
import { fr } from './strings/fr.js';
import { hi } from './strings/hi.js';

/** The calculator's strings; the loading, empty, error and offline ones are the kit's `StateStrings`. */
export interface PricingStrings extends StateStrings {
  heading: string;
  plan: string;
  baseFee: (price: string) => string;
  billing: string;
  monthly: string;
  annual: string;
  annualSaving: (percent: string) => string;
  region: string;
  seats: string;
  seatsHint: (included: string, price: string) => string;
  seatsValue: (count: string) => string;
  tiered: { graduated: string; volume: string };
  tierAny: string;
  tierUpTo: (limit: string) => string;
  tierOver: (limit: string) => string;
  perUnits: (price: string, count: string) => string;
  flatFee: (price: string) => string;
  quantityValue: (count: string, unit: string) => string;
  outOfRange: (min: string, max: string) => string;
  summary: string;
  baseLine: string;
  seatsLine: (count: string) => string;
  usageLine: (name: string, count: string) => string;
  subtotal: string;
  discount: (percent: string) => string;
  tax: (name: string, percent: string) => string;
  noTax: string;
  totalMonthly: string;
  totalAnnual: string;
  cannotPrice: string;
  request: string;
  requesting: string;
  requested: (id: string, date: string) => string;
  requestFailed: string;
  requestOffline: string;
  requestLimited: string;
}

/**
 * Every table, for tests and stories. The widget itself imports `strings/index.ts`, which ships
 * English and fetches the others on demand.
 */
export const PRICING_STRINGS: Record<Language, PricingStrings> = { en, hi, ar, fr, es };
