/**
 * Search and filters of the catalog, pure (no DOM): case- and diacritic-insensitive matching of
 * every word of the query against a service's text, and the filter options a catalog offers.
 */
import type { Catalog, CatalogService } from '../../contracts/catalog.js';

export interface Criteria {
  query: string;
  category: string;
  region: string;
  compliance: string;
}

// Latin/Greek/Cyrillic combining accents (after NFD), Arabic harakat, superscript alef and
// tatweel. Indic vowel signs are letters, not decoration, and stay.
const DECORATION = /[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g;

/** Folds text for matching: compatibility forms, accents and case go. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(DECORATION, '').toLowerCase().normalize('NFC');
}

/** The folded text a service can be found by, in the customer's language where Intl has it. */
export function haystack(
  service: CatalogService,
  categoryName: string,
  regionName: (code: string) => string,
): string {
  return fold(
    [
      service.name,
      service.summary,
      categoryName,
      ...service.regions.flatMap((code) => [code, regionName(code)]),
      ...service.compliance,
      ...service.tiers.flatMap((tier) => [tier.name, ...tier.features]),
    ].join('\n'),
  );
}

/** Every word of the query must appear somewhere in the haystack. */
export function matchesQuery(haystackText: string, query: string): boolean {
  const words = fold(query).split(/\s+/u).filter(Boolean);
  return words.every((word) => haystackText.includes(word));
}

export function matchesFilters(service: CatalogService, criteria: Criteria): boolean {
  return (
    (!criteria.category || service.category === criteria.category) &&
    (!criteria.region || service.regions.includes(criteria.region)) &&
    (!criteria.compliance || service.compliance.includes(criteria.compliance))
  );
}

export interface Facets {
  /** Categories that hold at least one service, in catalog order. */
  categories: { id: string; name: string }[];
  regions: string[];
  compliance: string[];
}

export function facets(catalog: Catalog): Facets {
  const used = new Set(catalog.services.map((s) => s.category));
  return {
    categories: catalog.categories.filter((c) => used.has(c.id)),
    regions: [...new Set(catalog.services.flatMap((s) => s.regions))],
    compliance: [...new Set(catalog.services.flatMap((s) => s.compliance))].sort(),
  };
}

export interface View {
  catalog: Catalog;
  facets: Facets;
  /** The criteria in effect: values the catalog does not offer count as "all". */
  criteria: Criteria;
  shown: CatalogService[];
  /** Whether any search or filter narrows the list. */
  filtering: boolean;
}

/** Filters a catalog, remembering facets and folded text per catalog (and locale). */
export class CatalogSearch {
  readonly #facets = new WeakMap<Catalog, Facets>();
  readonly #haystacks = new WeakMap<Catalog, { locale: string; texts: Map<string, string> }>();

  view(
    catalog: Catalog,
    wanted: Criteria,
    locale: string,
    regionName: (code: string) => string,
  ): View {
    let f = this.#facets.get(catalog);
    if (!f) {
      f = facets(catalog);
      this.#facets.set(catalog, f);
    }
    const known = (value: string, options: readonly string[]) =>
      options.includes(value) ? value : '';
    const criteria: Criteria = {
      query: wanted.query,
      category: known(
        wanted.category,
        f.categories.map((c) => c.id),
      ),
      region: known(wanted.region, f.regions),
      compliance: known(wanted.compliance, f.compliance),
    };
    let hay = this.#haystacks.get(catalog);
    if (hay?.locale !== locale) {
      hay = { locale, texts: new Map() };
      this.#haystacks.set(catalog, hay);
    }
    const { texts } = hay;
    const names = new Map(catalog.categories.map((c) => [c.id, c.name]));
    const shown = catalog.services.filter((service) => {
      if (!matchesFilters(service, criteria)) return false;
      let text = texts.get(service.id);
      if (text === undefined) {
        text = haystack(service, names.get(service.category) ?? '', regionName);
        texts.set(service.id, text);
      }
      return matchesQuery(text, criteria.query);
    });
    const filtering = Boolean(
      criteria.query.trim() || criteria.category || criteria.region || criteria.compliance,
    );
    return { catalog, facets: f, criteria, shown, filtering };
  }
}
