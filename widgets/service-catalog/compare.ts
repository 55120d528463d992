/**
 * The plans ticked for comparison (at most `MAX_COMPARE`, across services, in the order they
 * were ticked). Fires `gw-compare-change` on every change, which only the customer makes.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Catalog, CatalogService, CatalogTier } from '../../contracts/catalog.js';
import { GwCompareChangeEvent } from './events.js';

export const MAX_COMPARE = 3;

export interface CompareItem {
  service: CatalogService;
  tier: CatalogTier;
}

export class CompareSelection {
  readonly #host: ReactiveControllerHost & EventTarget;
  #keys: { serviceId: string; tierId: string }[] = [];

  constructor(host: ReactiveControllerHost & EventTarget) {
    this.#host = host;
  }

  get size(): number {
    return this.#keys.length;
  }

  get full(): boolean {
    return this.#keys.length >= MAX_COMPARE;
  }

  has(service: CatalogService, tier: CatalogTier): boolean {
    return this.#keys.some((k) => k.serviceId === service.id && k.tierId === tier.id);
  }

  /** The ticked plans that exist in `catalog`. */
  items(catalog: Catalog | undefined): CompareItem[] {
    return this.#keys.flatMap(({ serviceId, tierId }) => {
      const service = catalog?.services.find((s) => s.id === serviceId);
      const tier = service?.tiers.find((t) => t.id === tierId);
      return service && tier ? [{ service, tier }] : [];
    });
  }

  readonly toggle = (service: CatalogService, tier: CatalogTier, checked: boolean): void => {
    const others = this.#keys.filter((k) => !(k.serviceId === service.id && k.tierId === tier.id));
    const next =
      checked && others.length < MAX_COMPARE
        ? [...others, { serviceId: service.id, tierId: tier.id }]
        : others;
    this.#set(next);
  };

  readonly clear = (): void => {
    this.#set([]);
  };

  #set(keys: { serviceId: string; tierId: string }[]): void {
    this.#keys = keys;
    this.#host.requestUpdate();
    this.#host.dispatchEvent(new GwCompareChangeEvent({ tiers: keys.map((k) => ({ ...k })) }));
  }
}
