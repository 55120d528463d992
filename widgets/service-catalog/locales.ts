/**
 * Every visible string of `<gw-service-catalog>`, typed once and translated completely for each
 * language the kit ships (a missing key fails the type-check). Numbers, money, regions and
 * durations arrive already formatted by Intl; plural forms come from Intl.PluralRules.
 */
import type { Language } from '../core/localize.js';
import type { StateStrings } from '../core/states.js';
import { ar } from './strings/ar.js';
import { en } from './strings/en.js';
import { es } from './strings/es.js';
import { fr } from './strings/fr.js';
import { hi } from './strings/hi.js';

type Period = 'month' | 'year' | 'one-time';

/** The catalog's strings; the loading, empty, error and offline ones are the kit's `StateStrings`. */
export interface ServiceCatalogStrings extends StateStrings {
  filtersLabel: string;
  searchLabel: string;
  searchPlaceholder: string;
  categoryLabel: string;
  regionLabel: string;
  complianceLabel: string;
  allCategories: string;
  allRegions: string;
  allCompliance: string;
  clearFilters: string;
  /** All services shown: "10 services". */
  count: (count: number, formatted: string) => string;
  /** Filtered: "Showing 3 of 10 services". */
  countFiltered: (shown: string, total: number, formattedTotal: string) => string;
  servicesLabel: string;
  keyboardHint: string;
  noMatchTitle: string;
  noMatchBody: string;
  offlineStale: string;
  availableIn: string;
  complianceHeading: string;
  priceFrom: Record<Period, (price: string) => string>;
  priceOnRequest: string;
  plansFor: (service: string) => string;
  selectedAnnouncement: (service: string) => string;
  uptime: string;
  supportResponse: string;
  features: string;
  choosePlan: (plan: string) => string;
  compare: string;
  /** Accessible name of a compare checkbox; starts with `compare`, the visible label. */
  compareLabel: (plan: string, service: string) => string;
  compareLimit: (max: string) => string;
  compareSelected: (count: number, formatted: string) => string;
  compareNeedMore: string;
  compareOpen: string;
  compareClear: string;
  compareTitle: string;
  close: string;
  included: string;
  notIncluded: string;
  regions: string;
  price: string;
}

/**
 * Every table, for tests and stories. The widget itself imports `strings/index.ts`, which ships
 * English and fetches the others on demand.
 */
export const SERVICE_CATALOG_STRINGS: Record<Language, ServiceCatalogStrings> = {
  en,
  hi,
  ar,
  fr,
  es,
};
