/**
 * The form's field rules, zod-free so the widget does not bundle zod: the same limits and the
 * same checks as the step schemas in contracts/onboarding.ts — the registration checks and the
 * phone check are those modules themselves, and the text and email patterns come from
 * contracts/text-rules.ts. `test/contracts/onboarding-form-rules.test.ts` runs both over the
 * same inputs and fails when they disagree. The edge validates again with zod; its 422 errors
 * come back by path and are shown on the same fields.
 *
 * The phone check (libphonenumber-js and its metadata) is most of the form's weight, so it is
 * passed in once loaded (the component imports it when a step with phones is near); until then
 * a phone field is "not checked yet", never "valid".
 */

import {
  checkRegistrationNumber,
  ENTITY_TYPES,
  REGISTRATION_SCHEMES,
} from '../../contracts/onboarding-lists.js';
import type { PhoneCountry } from '../../contracts/phone-countries.js';
import type { PhoneCheck } from '../../contracts/phone-number.js';
import { checkGstin, checkPan, panOfGstin } from '../../contracts/registration-india.js';
import { EMAIL_PATTERN, isIsoDate, UNSAFE_TEXT } from '../../contracts/text-rules.js';
import type { FormState, FormStep, Scheme } from './model.js';

export interface FieldError {
  /** What is wrong, for the strings table: `required`, `too_long`, `registration.check_character`… */
  code: string;
  params?: Record<string, string | number>;
  /** The English explanation from the check (or the edge), used when no translation fits. */
  message?: string;
}

export type Errors = Map<string, FieldError>;
export type PhoneChecker = (input: string, defaultCountry?: PhoneCountry) => PhoneCheck;

export { ENTITY_TYPES };

export const SCHEMES: readonly Scheme[] = REGISTRATION_SCHEMES;

function text(value: string, max: number, required = true): FieldError | undefined {
  const v = value.trim();
  if (v === '') return required ? { code: 'required' } : undefined;
  if (v.normalize('NFC').length > max) return { code: 'too_long', params: { max } };
  if (UNSAFE_TEXT.test(v)) return { code: 'unsafe' };
  return undefined;
}

function email(value: string): FieldError | undefined {
  const v = value.trim();
  if (v === '') return { code: 'required' };
  if (v.length > 254 || !EMAIL_PATTERN.test(v)) return { code: 'email' };
  return undefined;
}

function date(value: string, required: boolean): FieldError | undefined {
  if (value === '') return required ? { code: 'required' } : undefined;
  return isIsoDate(value) ? undefined : { code: 'date' };
}

function registration(scheme: Scheme, value: string): FieldError | undefined {
  const v = value.trim();
  if (v === '') return { code: 'required' };
  if (v.length > 40) return { code: 'too_long', params: { max: 40 } };
  if (scheme === 'other') return text(v, 40);
  const checked = checkRegistrationNumber(scheme, v);
  return checked.ok
    ? undefined
    : { code: `registration.${checked.code}`, params: checked.params, message: checked.message };
}

/** `undefined` when the phone checker has not loaded yet: the caller treats it as unchecked. */
function phone(
  value: string,
  required: boolean,
  check: PhoneChecker | undefined,
  country: string,
): FieldError | undefined | 'unchecked' {
  if (value.trim() === '') return required ? { code: 'required' } : undefined;
  if (value.length > 40) return { code: 'too_long', params: { max: 40 } };
  if (!check) return 'unchecked';
  const result = check(value, country as PhoneCountry);
  return result.ok
    ? undefined
    : { code: `phone.${result.code}`, params: result.params, message: result.message };
}

export interface Checked {
  errors: Errors;
  /** Phone fields that passed, as E.164 by path (what is submitted). */
  phones: Map<string, string>;
  /** Phone fields that could not be checked yet (the checker is still loading). */
  unchecked: Set<string>;
}

/** Every rule of one step (review: of all of them) over the state. */
export function checkStep(
  state: FormState,
  step: FormStep,
  options: {
    phone?: PhoneChecker;
    steps?: readonly FormStep[];
    /** Kinds of document the product requires (one of each). */
    requiredDocuments?: readonly string[];
  } = {},
): Checked {
  const result: Checked = { errors: new Map(), phones: new Map(), unchecked: new Set() };
  const put = (path: string, error: FieldError | undefined) => {
    if (error) result.errors.set(path, error);
  };
  const phoneField = (path: string, value: string, required: boolean) => {
    const outcome = phone(value, required, options.phone, state.company.country);
    if (outcome === 'unchecked') result.unchecked.add(path);
    else if (outcome) result.errors.set(path, outcome);
    else if (value.trim() !== '' && options.phone) {
      const checked = options.phone(value, state.company.country as PhoneCountry);
      if (checked.ok) result.phones.set(path, checked.e164);
    }
  };
  const steps = step === 'review' ? (options.steps ?? []) : [step];
  for (const s of steps) {
    if (s === 'company') {
      const c = state.company;
      put('company.legalName', text(c.legalName, 160));
      if (c.registrationNumbers.length === 0)
        put('company.registrationNumbers.0.value', { code: 'required' });
      c.registrationNumbers.forEach((n, i) => {
        put(`company.registrationNumbers.${i}.value`, registration(n.scheme, n.value));
      });
      // The PAN inside a GSTIN is the holder's: it must be the PAN given beside it.
      const pan = c.registrationNumbers.find(
        (n) => n.scheme === 'pan' && !registration('pan', n.value),
      );
      c.registrationNumbers.forEach((n, i) => {
        const path = `company.registrationNumbers.${i}.value`;
        if (n.scheme !== 'gstin' || !pan || result.errors.has(path)) return;
        const gstin = checkGstin(n.value);
        const own = checkPan(pan.value);
        if (gstin.ok && own.ok && panOfGstin(gstin.value) !== own.value)
          result.errors.set(path, { code: 'gstin_pan_mismatch' });
      });
      put('company.incorporationDate', date(c.incorporationDate, true));
      put('company.line1', text(c.line1, 120));
      put('company.line2', text(c.line2, 120, false));
      put('company.city', text(c.city, 80));
      put('company.region', text(c.region, 80, false));
      put('company.postalCode', text(c.postalCode, 16));
      put('company.country', /^[A-Z]{2}$/.test(c.country) ? undefined : { code: 'required' });
    } else if (s === 'entityType') {
      put(
        'entityType',
        (ENTITY_TYPES as readonly string[]).includes(state.entityType)
          ? undefined
          : { code: 'choose' },
      );
    } else if (s === 'people') {
      if (state.signatories.length === 0) put('signatories.0.fullName', { code: 'required' });
      state.signatories.forEach((p, i) => {
        put(`signatories.${i}.fullName`, text(p.fullName, 120));
        put(`signatories.${i}.role`, text(p.role, 80));
        put(`signatories.${i}.email`, email(p.email));
        phoneField(`signatories.${i}.phone`, p.phone, true);
        put(`signatories.${i}.dateOfBirth`, date(p.dateOfBirth, false));
      });
      state.contacts.forEach((p, i) => {
        put(`contacts.${i}.fullName`, text(p.fullName, 120));
        put(`contacts.${i}.email`, email(p.email));
        phoneField(`contacts.${i}.phone`, p.phone, false);
      });
    } else if (s === 'services') {
      put('services', state.services.length > 0 ? undefined : { code: 'choose_service' });
    } else if (s === 'documents') {
      for (const kind of options.requiredDocuments ?? [])
        if (!state.documents.some((d) => d.kind === kind))
          put(`documents.${kind}`, { code: 'document_required' });
    } else if (s === 'declarations') {
      put(
        'politicallyExposed',
        state.politicallyExposed === undefined ? { code: 'answer' } : undefined,
      );
      put('sanctioned', state.sanctioned === undefined ? { code: 'answer' } : undefined);
      put('consent', state.consentAccepted ? undefined : { code: 'consent' });
    }
  }
  return result;
}

/**
 * Where a path's field lives: the step that shows it (for errors the edge returns, and for
 * moving to the first step with a problem).
 */
export function stepOfPath(path: string): FormStep {
  if (path.startsWith('company.')) return 'company';
  if (path === 'entityType') return 'entityType';
  if (path.startsWith('signatories.') || path.startsWith('contacts.')) return 'people';
  if (path === 'services' || path === 'quoteId') return 'services';
  if (path.startsWith('documents')) return 'documents';
  return 'declarations';
}

/**
 * A path of the edge's 422 (`steps.company.registeredAddress.city`) as the form names the field
 * (`company.city`), or undefined for one the form does not show.
 */
export function formPathOf(edgePath: string): string | undefined {
  const parts = edgePath.replace(/^\/?steps[./]/, '').split(/[./]/);
  const [step, ...rest] = parts;
  if (step === 'company') {
    if (rest[0] === 'registeredAddress') return `company.${rest[1] ?? 'line1'}`;
    return `company.${rest.join('.')}`;
  }
  if (step === 'entityType') return 'entityType';
  if (step === 'people') return rest.join('.') || undefined;
  if (step === 'services') return rest[0] === 'quoteId' ? 'quoteId' : 'services';
  if (step === 'documents') return 'documents.other';
  if (step === 'declarations') return rest[0] === 'consent' ? 'consent' : rest[0];
  return undefined;
}
