/**
 * The tenant's onboarding products: for each product a customer can apply for, which optional
 * steps its form shows and which documents it requires. The company, entity type, people and
 * declarations steps are always on (screening and consent need them). Read by
 * `<gw-onboarding-form>` (`GET /v1/onboarding/products`), written whole by the tenant's backend,
 * and enforced by `POST /v1/applications`. Imports only zod and other contracts.
 */
import { z } from 'zod';
import { DOCUMENT_KINDS, type DocumentKind } from './onboarding-lists.js';
import { displayText, idSchema } from './primitives.js';

/** The steps a product may switch off; the others are always on. */
export const OPTIONAL_STEPS = ['services', 'documents'] as const;
export type OptionalStep = (typeof OPTIONAL_STEPS)[number];

export { DOCUMENT_KINDS, type DocumentKind };

export const onboardingProductSchema = z
  .strictObject({
    id: idSchema,
    name: displayText(80),
    /** The optional steps this product's form shows (and its submissions must carry). */
    steps: z
      .array(z.enum(OPTIONAL_STEPS))
      .max(OPTIONAL_STEPS.length)
      .refine((steps) => new Set(steps).size === steps.length, 'each step once'),
    /** Documents a submission must include (at least one of each kind); needs `documents`. */
    requiredDocuments: z
      .array(z.enum(DOCUMENT_KINDS))
      .max(DOCUMENT_KINDS.length)
      .refine((kinds) => new Set(kinds).size === kinds.length, 'each kind once')
      .default([]),
  })
  .superRefine((product, ctx) => {
    if (product.requiredDocuments.length > 0 && !product.steps.includes('documents'))
      ctx.addIssue({
        code: 'custom',
        path: ['requiredDocuments'],
        message: 'required documents need the documents step',
      });
  })
  .meta({ id: 'OnboardingProduct' });
export type OnboardingProduct = z.infer<typeof onboardingProductSchema>;

export const onboardingProductsSchema = z
  .strictObject({ products: z.array(onboardingProductSchema).max(20) })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.products.forEach((product, i) => {
      if (seen.has(product.id))
        ctx.addIssue({
          code: 'custom',
          path: ['products', i, 'id'],
          message: 'ids must be unique',
        });
      seen.add(product.id);
    });
  })
  .meta({ id: 'OnboardingProducts' });
export type OnboardingProducts = z.infer<typeof onboardingProductsSchema>;

/**
 * What a tenant that has configured nothing offers: one product, every optional step on,
 * no required document — the form as it was before products existed.
 */
export const DEFAULT_PRODUCTS: OnboardingProducts = {
  products: [
    {
      id: 'business-account',
      name: 'Business account',
      steps: ['services', 'documents'],
      requiredDocuments: [],
    },
  ],
};

/**
 * Why a submission does not fit its product, as (path, message) pairs; empty when it does. A
 * tenant with no products configured takes any product id with every step optional.
 */
export function productProblems(
  configured: OnboardingProducts | undefined,
  submission: {
    product: string;
    steps: {
      services?: unknown;
      documents?: { documents: readonly { kind: string }[] } | undefined;
    };
  },
): { path: string; message: string }[] {
  if (!configured || configured.products.length === 0) return [];
  const product = configured.products.find((p) => p.id === submission.product);
  if (!product)
    return [{ path: '/product', message: 'not one of the tenant’s onboarding products' }];
  const problems: { path: string; message: string }[] = [];
  for (const step of OPTIONAL_STEPS) {
    const given = submission.steps[step] !== undefined;
    const on = product.steps.includes(step);
    if (on && step === 'services' && !given)
      problems.push({ path: '/steps/services', message: 'this product needs its services chosen' });
    if (!on && given)
      problems.push({ path: `/steps/${step}`, message: `this product has no ${step} step` });
  }
  const kinds = new Set(submission.steps.documents?.documents.map((d) => d.kind) ?? []);
  for (const kind of product.requiredDocuments)
    if (!kinds.has(kind))
      problems.push({
        path: '/steps/documents',
        message: `this product requires a ${kind} document`,
      });
  return problems;
}
