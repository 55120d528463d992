/**
 * What `<gw-service-catalog>` imports: English in its bundle, the other languages fetched on first use.
 */
import { LazyStrings } from '../../core/lazy-strings.js';
import type { ServiceCatalogStrings } from '../locales.js';
import { en } from './en.js';

export const CATALOG_TABLES = new LazyStrings<ServiceCatalogStrings>(en, {
  hi: () => import('./hi.js').then((m) => m.hi),
  ar: () => import('./ar.js').then((m) => m.ar),
  fr: () => import('./fr.js').then((m) => m.fr),
  es: () => import('./es.js').then((m) => m.es),
});

export { en as CATALOG_TABLES_EN };
