/**
 * What `<gw-pricing-calculator>` imports: English in its bundle, the other languages fetched on first use.
 */
import { LazyStrings } from '../../core/lazy-strings.js';
import type { PricingStrings } from '../locales.js';
import { en } from './en.js';

export const PRICING_TABLES = new LazyStrings<PricingStrings>(en, {
  hi: () => import('./hi.js').then((m) => m.hi),
  ar: () => import('./ar.js').then((m) => m.ar),
  fr: () => import('./fr.js').then((m) => m.fr),
  es: () => import('./es.js').then((m) => m.es),
});

export { en as PRICING_TABLES_EN };
