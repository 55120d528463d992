/** The events `<gw-service-catalog>` fires: `gw-*`, bubbling, composed, typed, not cancelable. */
import type { CatalogService } from '../../contracts/catalog.js';
import { GwEvent } from '../core/events.js';

export interface GwServiceSelectDetail {
  serviceId: string;
  /** Set when the customer chose a plan (tier) of the service, not just the service. */
  tierId?: string;
  /** The service as the catalog describes it. */
  service: CatalogService;
}

/** The customer selected a service (a card), or one of its plans. User action only. */
export class GwServiceSelectEvent extends GwEvent<GwServiceSelectDetail> {
  constructor(detail: GwServiceSelectDetail) {
    super('gw-service-select', detail);
  }
}

export interface GwFilterChangeDetail {
  query: string;
  /** Category id, or '' for all. */
  category: string;
  /** Region code, or '' for all. */
  region: string;
  /** Compliance badge, or '' for any. */
  compliance: string;
  /** How many services are shown now. */
  count: number;
}

/** The customer changed the search or a filter (search is debounced). User action only. */
export class GwFilterChangeEvent extends GwEvent<GwFilterChangeDetail> {
  constructor(detail: GwFilterChangeDetail) {
    super('gw-filter-change', detail);
  }
}

export interface GwCompareChangeDetail {
  /** The plans checked for comparison, in the order they were checked. */
  tiers: { serviceId: string; tierId: string }[];
}

/** The customer checked or unchecked a plan to compare, or cleared them. User action only. */
export class GwCompareChangeEvent extends GwEvent<GwCompareChangeDetail> {
  constructor(detail: GwCompareChangeDetail) {
    super('gw-compare-change', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gw-service-select': GwServiceSelectEvent;
    'gw-filter-change': GwFilterChangeEvent;
    'gw-compare-change': GwCompareChangeEvent;
  }
}
