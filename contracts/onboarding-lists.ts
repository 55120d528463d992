/**
 * The onboarding form's fixed lists and the registration check by scheme, zod-free: the step
 * schemas (onboarding.ts) and `<gw-onboarding-form>` (which must not bundle zod) both use these,
 * so the widget and the edge name the same entity types, document kinds and checks.
 */
import { checkCin, checkGstin, checkPan, yearInIndia } from './registration-india.js';
import type { RegistrationCheck } from './registration-numbers.js';
import { checkUkCompanyNumber } from './registration-uk.js';

/** The registration schemes the form knows (`other`: any other country's, bounded text). */
export const REGISTRATION_SCHEMES = ['cin', 'gstin', 'pan', 'uk-company-number', 'other'] as const;
export type RegistrationScheme = (typeof REGISTRATION_SCHEMES)[number];

// A CIN's year may not be in the future: the year now in India (the wall clock; the edge's
// answer does not depend on it beyond that bound).
const CHECKS: Record<Exclude<RegistrationScheme, 'other'>, (value: string) => RegistrationCheck> = {
  cin: (value) => checkCin(value, { currentYear: yearInIndia(Date.now()) }),
  gstin: checkGstin,
  pan: (value) => checkPan(value),
  'uk-company-number': checkUkCompanyNumber,
};

/** A registration number checked by its scheme's rule (`other` has none beyond its length). */
export function checkRegistrationNumber(
  scheme: Exclude<RegistrationScheme, 'other'>,
  value: string,
): RegistrationCheck {
  return CHECKS[scheme](value);
}

export const ENTITY_TYPES = [
  'private-limited',
  'public-limited',
  'llp',
  'partnership',
  'sole-proprietorship',
  'trust',
  'other',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** What an uploaded document is, as the customer files it. */
export const DOCUMENT_KINDS = [
  'certificate-of-incorporation',
  'proof-of-address',
  'identity',
  'board-resolution',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
