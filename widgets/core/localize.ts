/**
 * Localisation: each widget declares one typed strings interface and a table of complete
 * translations typed against it (a missing key fails the type-check); English is the fallback.
 * Numbers and money go through Intl, never by hand.
 */
import { directionOf, LANGUAGES, type Language, resolveLocale } from './locale.js';

export { directionOf, LANGUAGES, type Language, resolveLocale };

/** The language of a locale that the kit has translations for, else English. */
export function languageOf(locale: string): Language {
  return resolveLocale(locale).split('-')[0] as Language;
}

/** Picks the strings for a locale from a complete table. */
export function strings<T>(table: Record<Language, T>, locale: string): T {
  return table[languageOf(locale)] ?? table.en;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function cached(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let format = numberFormats.get(key);
  if (!format) {
    format = make();
    numberFormats.set(key, format);
  }
  return format;
}

// Decimal places of the currencies tenants use, so the first price on a page does not pay for
// building an extra Intl formatter just to ask; others are asked of Intl once.
const MINOR_DIGITS: Record<string, number> = {
  INR: 2,
  USD: 2,
  EUR: 2,
  GBP: 2,
  SGD: 2,
  AED: 2,
  JPY: 0,
};

/** Minor units per major unit for a currency (INR 2, JPY 0, BHD 3…). */
export function minorDigits(currency: string): number {
  return (
    MINOR_DIGITS[currency] ??
    cached(
      `digits:${currency}`,
      () => new Intl.NumberFormat('en', { style: 'currency', currency }),
    ).resolvedOptions().maximumFractionDigits ??
    2
  );
}

/**
 * Money from integer minor units, formatted for the locale. Display only: the division
 * happens here and nowhere in the maths.
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  return cached(
    `money:${locale}:${currency}`,
    () => new Intl.NumberFormat(locale, { style: 'currency', currency }),
  ).format(minor / 10 ** digits);
}

export function formatNumber(
  value: number,
  locale: string,
  options: Intl.NumberFormatOptions = {},
): string {
  return cached(
    `number:${locale}:${JSON.stringify(options)}`,
    () => new Intl.NumberFormat(locale, options),
  ).format(value);
}

export function formatPercent(fraction: number, locale: string): string {
  return cached(
    `percent:${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }),
  ).format(fraction);
}
