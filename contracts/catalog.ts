/**
 * A tenant's service catalog: categories, services, and each service's tiers with features,
 * SLA and an optional "from" price. The edge validates a PUT with it and stores the parsed
 * (trimmed, NFC-normalised) value; `<gw-service-catalog>` renders the same type (imported as a
 * type only). Objects are strict, every list and string is bounded, and text, ids, regions and
 * currencies follow the shared primitives.
 */
import { z } from 'zod';
import { currencySchema, displayText, idSchema, regionSchema } from './primitives.js';

/** A compliance attestation or regulator, as printed on its badge: `PCI-DSS`, `SOC2`, `RBI`. */
export const complianceSchema = z
  .string()
  .regex(
    /^[A-Z0-9](?:[A-Z0-9-]{0,22}[A-Z0-9])?$/,
    '1–24 uppercase letters, digits and inner hyphens, e.g. PCI-DSS or ISO27001',
  );

export const priceSchema = z
  .strictObject({
    amountMinor: z
      .number()
      .int()
      .min(0)
      .max(1e13)
      .meta({ description: 'Integer minor units of `currency` (paise, cents, fils…).' }),
    currency: currencySchema,
    period: z.enum(['month', 'year', 'one-time']),
  })
  .meta({ id: 'CatalogPrice', description: 'The lowest price of a tier ("from").' });

export const slaSchema = z
  .strictObject({
    uptimePercent: z
      .number()
      .min(90)
      .max(100)
      .multipleOf(0.001)
      .meta({ description: 'Monthly uptime commitment, e.g. 99.95.' }),
    supportResponseMinutes: z
      .number()
      .int()
      .min(1)
      .max(10_080)
      .meta({ description: 'First response time for a priority-one ticket.' }),
  })
  .meta({ id: 'CatalogSla' });

export const tierSchema = z
  .strictObject({
    id: idSchema,
    name: displayText(40),
    features: z.array(displayText(120)).min(1).max(20),
    sla: slaSchema,
    priceFrom: priceSchema.optional(),
  })
  .meta({ id: 'CatalogTier' });

export const serviceSchema = z
  .strictObject({
    id: idSchema,
    name: displayText(80),
    category: idSchema.meta({ description: 'The id of one of the catalog’s categories.' }),
    summary: displayText(300),
    regions: z.array(regionSchema).min(1).max(30),
    compliance: z.array(complianceSchema).max(20),
    tiers: z.array(tierSchema).min(1).max(5),
  })
  .meta({ id: 'CatalogService' });

export const categorySchema = z
  .strictObject({ id: idSchema, name: displayText(60) })
  .meta({ id: 'CatalogCategory' });

function duplicates(values: readonly string[]): number[] {
  const seen = new Set<string>();
  return values.flatMap((value, index) => {
    if (seen.has(value)) return [index];
    seen.add(value);
    return [];
  });
}

export const catalogSchema = z
  .strictObject({
    categories: z.array(categorySchema).max(20),
    services: z.array(serviceSchema).max(100),
  })
  .superRefine((catalog, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    for (const i of duplicates(catalog.categories.map((c) => c.id)))
      issue(['categories', i, 'id'], 'category ids must be unique');
    for (const i of duplicates(catalog.services.map((s) => s.id)))
      issue(['services', i, 'id'], 'service ids must be unique');
    const categories = new Set(catalog.categories.map((c) => c.id));
    catalog.services.forEach((service, s) => {
      if (!categories.has(service.category))
        issue(['services', s, 'category'], 'must be the id of a category in this catalog');
      for (const i of duplicates(service.tiers.map((t) => t.id)))
        issue(['services', s, 'tiers', i, 'id'], 'tier ids must be unique within a service');
      for (const i of duplicates(service.regions))
        issue(['services', s, 'regions', i], 'regions must be unique');
      for (const i of duplicates(service.compliance))
        issue(['services', s, 'compliance', i], 'compliance badges must be unique');
    });
  })
  .meta({
    id: 'Catalog',
    description:
      'A tenant’s service catalog. Ids are unique (tiers within their service); every service names an existing category.',
  });

export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogCategory = z.infer<typeof categorySchema>;
export type CatalogService = z.infer<typeof serviceSchema>;
export type CatalogTier = z.infer<typeof tierSchema>;
export type CatalogSla = z.infer<typeof slaSchema>;
export type CatalogPrice = z.infer<typeof priceSchema>;

/** What GET /v1/catalog answers for a tenant that has not stored a catalog. */
export const EMPTY_CATALOG: Catalog = { categories: [], services: [] };
