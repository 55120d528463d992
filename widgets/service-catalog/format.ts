/**
 * Display formatting for one locale, all through Intl (core/localize for numbers and money):
 * prices, uptime, support response times, region names and lists.
 */
import type { CatalogPrice, CatalogSla } from '../../contracts/catalog.js';
import { formatNumber, minorDigits } from '../core/localize.js';
import type { ServiceCatalogStrings } from './locales.js';

export interface CatalogFormat {
  readonly locale: string;
  readonly t: ServiceCatalogStrings;
  number(value: number): string;
  price(price: CatalogPrice | undefined): string;
  uptime(sla: CatalogSla): string;
  response(sla: CatalogSla): string;
  region(code: string): string;
  list(items: readonly string[]): string;
}

/**
 * Wraps tenant text placed inside a translated sentence in Unicode isolates (FSI…PDI), so an
 * English service name inside an Arabic sentence keeps its own direction and punctuation.
 */
export const isolate = (text: string) => `\u2068${text}\u2069`;

const cache = new Map<string, CatalogFormat>();

export function catalogFormat(locale: string, t: ServiceCatalogStrings): CatalogFormat {
  // The strings are a function of the locale, so the locale is the key.
  let format = cache.get(locale);
  if (!format) {
    format = create(locale, t);
    cache.set(locale, format);
  }
  return format;
}

function create(locale: string, t: ServiceCatalogStrings): CatalogFormat {
  let regions: Intl.DisplayNames | undefined;
  let lists: Intl.ListFormat | undefined;
  try {
    regions = new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' });
    lists = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  } catch {
    // An invalid locale tag: codes and commas still read correctly.
  }
  // A "from" price reads better without ".00"; any real fraction is still shown in full.
  const money = ({ amountMinor, currency }: CatalogPrice) =>
    formatNumber(amountMinor / 10 ** minorDigits(currency), locale, {
      style: 'currency',
      currency,
      trailingZeroDisplay: 'stripIfInteger',
    });
  const unit = (value: number, name: 'minute' | 'hour' | 'day') =>
    formatNumber(value, locale, { style: 'unit', unit: name, unitDisplay: 'long' });
  return {
    locale,
    t,
    number: (value) => formatNumber(value, locale),
    price: (price) => (price ? t.priceFrom[price.period](money(price)) : t.priceOnRequest),
    uptime: (sla) =>
      formatNumber(sla.uptimePercent / 100, locale, { style: 'percent', maximumFractionDigits: 3 }),
    response: ({ supportResponseMinutes: m }) =>
      m % 1440 === 0
        ? unit(m / 1440, 'day')
        : m % 60 === 0
          ? unit(m / 60, 'hour')
          : unit(m, 'minute'),
    region: (code) => {
      try {
        return regions?.of(code) ?? code;
      } catch {
        return code;
      }
    },
    list: (items) => lists?.format(items) ?? items.join(', '),
  };
}
