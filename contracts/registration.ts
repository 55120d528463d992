/**
 * A company's registration numbers as the onboarding form sends them, keyed by country: India
 * (CIN, and optionally GSTIN and PAN, cross-checked) and the UK (company number). The edge
 * validates with these schemas; the widget imports their types only and runs the same pure
 * checks (registration-india.ts, registration-uk.ts) as the customer types, so zod stays out of
 * its bundle. Every value is normalised (spaces removed, upper-cased) before it is checked, and
 * the normalised form is what parsing returns; each error carries the field's path, a message
 * and, in `params.code`, the check's stable code for translations.
 */
import { z } from 'zod';
import {
  checkCin,
  checkGstin,
  checkPan,
  crossCheckIndianRegistration,
  yearInIndia,
} from './registration-india.js';
import type { RegistrationCheck } from './registration-numbers.js';
import { checkUkCompanyNumber } from './registration-uk.js';

export {
  CIN_COMPANY_TYPES,
  CIN_STATE_CODES,
  checkCin,
  checkGstin,
  checkPan,
  crossCheckIndianRegistration,
  GST_STATE_CODES,
  gstinCheckCharacter,
  PAN_HOLDER_TYPES,
  panOfGstin,
  yearInIndia,
} from './registration-india.js';
export type {
  RegistrationCheck,
  RegistrationErrorCode,
  RegistrationFailure,
} from './registration-numbers.js';
export { registrationText } from './registration-numbers.js';
export { checkUkCompanyNumber, UK_COMPANY_NUMBER_PREFIXES } from './registration-uk.js';

/** The countries whose registration numbers can be checked. */
export const REGISTRATION_COUNTRIES = ['IN', 'GB'] as const;

/** Where the current year comes from: the edge passes its clock (deps.clock), tests a fixed one. */
export interface RegistrationClock {
  /** Milliseconds since the epoch. */
  now(): number;
}

const systemClock: RegistrationClock = { now: () => Date.now() };

/** The number as `check` normalised it, or an issue with the check's message and code. */
function checked(check: (input: string) => RegistrationCheck, input: string, ctx: z.RefinementCtx) {
  const result = check(input);
  if (result.ok) return result.value;
  ctx.addIssue({
    code: 'custom',
    message: result.message,
    params: { code: result.code, ...result.params },
  });
  return z.NEVER;
}

/** A string field checked by one of the pure checks, parsed to the number as normalised. */
function registrationNumber(check: (input: string) => RegistrationCheck, description: string) {
  return z
    .string()
    .meta({ description })
    .transform((input, ctx) => checked(check, input, ctx));
}

/** An optional number: absent, or blank as an untouched form field sends it, means not given. */
function optionalNumber(check: (input: string) => RegistrationCheck, description: string) {
  return z
    .string()
    .meta({ description: `${description}; optional, blank means not given` })
    .optional()
    .transform((input, ctx) =>
      input === undefined || input.trim() === '' ? undefined : checked(check, input, ctx),
    );
}

/**
 * The registration schema with the year taken from `clock` (a CIN's year of incorporation
 * cannot be in the future). `companyRegistrationSchema` is this with the system clock.
 */
export function createCompanyRegistrationSchema(clock: RegistrationClock = systemClock) {
  const india = z
    .strictObject({
      country: z.literal('IN'),
      cin: registrationNumber(
        (input) => checkCin(input, { currentYear: yearInIndia(clock.now()) }),
        'Corporate Identification Number, e.g. L17110MH1973PLC019786',
      ),
      gstin: optionalNumber(checkGstin, 'GST identification number, e.g. 27AAACR5055K1Z7'),
      pan: optionalNumber((input) => checkPan(input), "The company's PAN, e.g. AAACR5055K"),
    })
    .superRefine((numbers, ctx) => {
      for (const { field, code, message, params } of crossCheckIndianRegistration(numbers)) {
        ctx.addIssue({ code: 'custom', path: [field], message, params: { code, ...params } });
      }
    });
  const unitedKingdom = z.strictObject({
    country: z.literal('GB'),
    companyNumber: registrationNumber(
      checkUkCompanyNumber,
      'Companies House company number, e.g. 00445790 or SC045551',
    ),
  });
  return z.discriminatedUnion('country', [india, unitedKingdom], {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `country: registration numbers are checked for ${REGISTRATION_COUNTRIES.join(' and ')}`
        : undefined,
  });
}

export const companyRegistrationSchema = createCompanyRegistrationSchema();

export type CompanyRegistration = z.output<typeof companyRegistrationSchema>;
export type CompanyRegistrationInput = z.input<typeof companyRegistrationSchema>;
