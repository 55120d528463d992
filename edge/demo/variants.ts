/**
 * The demo data in the other shapes a bank's customer can meet — nothing published yet, a
 * catalog too long for one screen — derived from the demo catalog and plans rather than copied.
 * Pure data, shared by the browser tests and Storybook; each variant passes its contract (a
 * test checks).
 */

import { type Catalog, EMPTY_CATALOG } from '../../contracts/catalog.js';
import type { PricingPlans } from '../../contracts/pricing.js';
import { DEMO_CATALOG } from './catalog.js';

export { EMPTY_CATALOG };

/** What GET /v1/pricing/plans answers for a tenant that has no plans yet. */
export const NO_PLANS: PricingPlans = { plans: [] };

// Regional editions of each demo service make a long catalog that still reads like one.
const EDITIONS = ['', 'Asia-Pacific edition', 'Middle East edition', 'Europe edition'];

/** The demo catalog with regional editions of its services: `size` services (at most 40). */
export function longCatalog(size = 40): Catalog {
  const base = DEMO_CATALOG.services;
  const count = Math.min(size, base.length * EDITIONS.length);
  return {
    categories: DEMO_CATALOG.categories,
    services: Array.from({ length: count }, (_, i) => {
      const service = base[i % base.length] as (typeof base)[number];
      const round = Math.floor(i / base.length);
      return round === 0
        ? service
        : {
            ...service,
            id: `${service.id}-${round + 1}`,
            name: `${service.name} (${EDITIONS[round]})`,
          };
    }),
  };
}
