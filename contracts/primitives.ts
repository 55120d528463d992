/**
 * The shared primitives every contract is built on — one rule per concept, so the catalog, the
 * pricing plans, the admin API and the brand schema cannot drift apart again. Imports only zod;
 * `themes/` may import this module (and no other contract) for the slug rule.
 */
import { z } from 'zod';
import { UNSAFE_TEXT } from './text-rules.js';

/** Tenant text shown to customers: one printable line, trimmed and NFC-normalised, 1–`max`. */
export const displayText = (max: number) =>
  z
    .string()
    .trim()
    .normalize('NFC')
    .min(1)
    .max(max)
    .refine(
      (value) => !UNSAFE_TEXT.test(value),
      'printable text on one line (no control, separator or bidi-override characters)',
    );

/** 1–40 lowercase letters, digits and inner hyphens: a tenant's (and its theme's) slug. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
const SLUG_EXPECTED = 'a slug: 1–40 lowercase letters, digits and inner hyphens';
export const slugSchema = z
  .string({ error: SLUG_EXPECTED })
  .regex(SLUG_PATTERN, { error: SLUG_EXPECTED });

/** A tenant-chosen id (catalog categories, services and tiers; plans and usage components). */
export const idSchema = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/,
    '1–48 lowercase letters, digits and inner hyphens',
  );

const regionNames = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
// ISO 3166 leaves these to private use (CLDR's pseudo-regions XA, XB and "unknown" ZZ among
// them); only Kosovo's XK is used as a real code.
const USER_ASSIGNED = /^(?:AA|Q[M-Z]|X[A-JL-Z]|ZZ)$/;

/** An ISO 3166-1 alpha-2 region, or a CLDR grouping such as `EU`; `UK` is accepted for `GB`. */
export const regionSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'a two-letter region code such as IN, SG, AE, EU, UK or US')
  // Refinements run after a failed regex too: only well-formed codes are looked up.
  .refine(
    (code) =>
      !/^[A-Z]{2}$/.test(code) || (!USER_ASSIGNED.test(code) && regionNames.of(code) !== undefined),
    'a known region code',
  );

const currencies = new Set(Intl.supportedValuesOf('currency'));

/** An ISO 4217 currency code that Intl can format, e.g. `INR`. */
export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as INR')
  .refine((code) => !/^[A-Z]{3}$/.test(code) || currencies.has(code), 'a known currency code');

/**
 * An https URL on a public DNS name: dotted, with an alphabetic top-level label (no IP
 * literals, no localhost or single-label names), an optional port, and a path and query from a
 * conservative alphabet (no credentials, fragments, quotes, spaces or parentheses). Brand asset
 * URLs and webhook endpoints both follow it.
 */
export const PUBLIC_HTTPS_URL =
  /^https:\/\/(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?::\d{1,5})?(?:\/[A-Za-z0-9._~%/-]*)?(?:\?[A-Za-z0-9._~%=&-]*)?$/i;
