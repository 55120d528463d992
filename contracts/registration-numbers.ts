/**
 * What every registration-number check shares: the result shape, the normalisation, and the
 * character-by-character structure check. The numbers themselves are in registration-india.ts
 * (CIN, GSTIN, PAN) and registration-uk.ts (company number); all three are pure and zod-free,
 * so the onboarding widget runs the very same checks as the edge without bundling zod. The zod
 * schemas built on them are in registration.ts.
 *
 * Each check normalises first (registrationText), then says precisely what is wrong: which
 * characters, what they mean, what was expected. Messages quote single characters, never a
 * whole number, so they are safe to log and to return in problem+json. `code` and `params` let
 * the widget translate; `message` is the English fallback.
 */

export type RegistrationErrorCode =
  | 'empty'
  | 'length'
  | 'character'
  | 'listing_status'
  | 'state_code'
  | 'year'
  | 'company_type'
  | 'entity_type'
  | 'serial_number'
  | 'name_initial'
  | 'entity_number'
  | 'default_character'
  | 'check_character'
  | 'prefix'
  | 'pan_mismatch'
  | 'company_pan';

export interface RegistrationFailure {
  ok: false;
  code: RegistrationErrorCode;
  message: string;
  params: Record<string, string | number>;
}

/** A number that passed, as normalised, or the first thing wrong with it. */
export type RegistrationCheck = { ok: true; value: string } | RegistrationFailure;

export const fail = (
  code: RegistrationErrorCode,
  message: string,
  params: Record<string, string | number> = {},
): RegistrationFailure => ({ ok: false, code, message, params });

export const passed = (value: string): RegistrationCheck => ({ ok: true, value });

/** The same failure, its message prefixed with the number's name ("GSTIN: …"). */
export const labelled = (label: string, failure: RegistrationFailure): RegistrationFailure => ({
  ...failure,
  message: `${label}: ${failure.message}`,
});

/**
 * What every registration number goes through before it is checked: upper-cased, every space
 * removed (people copy them from letterheads as "L17110 MH 1973…"), and NFKC so full-width
 * digits from an East Asian keyboard count as digits.
 */
export function registrationText(input: string): string {
  return input.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

const ORDINAL_SUFFIX: Readonly<Record<number, string>> = { 1: 'st', 2: 'nd', 3: 'rd' };

/** 1st, 2nd, 3rd, 4th, …, 11th, 12th, 13th, …, 21st: how the rules count characters. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? 'th' : (ORDINAL_SUFFIX[n % 10] ?? 'th')}`;
}

type CharKind = 'letter' | 'digit' | 'letter or digit';

/** A run of characters with one meaning, 1-based and inclusive, as the rules describe them. */
export interface NumberPart {
  from: number;
  to: number;
  kind: CharKind;
  name: string;
}

const KIND_PATTERN: Record<CharKind, RegExp> = {
  letter: /^[A-Z]$/,
  digit: /^[0-9]$/,
  'letter or digit': /^[0-9A-Z]$/,
};
const KIND_PLURAL: Record<CharKind, string> = {
  letter: 'letters',
  digit: 'digits',
  'letter or digit': 'letters or digits',
};

/** The first character of `value` that is not of its part's kind, named by its part. */
export function checkParts(value: string, parts: readonly NumberPart[]) {
  for (const part of parts) {
    for (let position = part.from; position <= part.to; position++) {
      const actual = value[position - 1] ?? '';
      if (KIND_PATTERN[part.kind].test(actual)) continue;
      const params = { position, expected: part.kind, actual };
      return part.from === part.to
        ? fail(
            'character',
            `the ${ordinal(position)} character (${part.name}) must be a ${part.kind}, got '${actual}'`,
            params,
          )
        : fail(
            'character',
            `characters ${part.from}–${part.to} (${part.name}) must be ${KIND_PLURAL[part.kind]}, got '${actual}' as the ${ordinal(position)} character`,
            params,
          );
    }
  }
  return undefined;
}

export function checkLength(value: string, expected: number, what = `${expected} characters`) {
  if (value === '') return fail('empty', 'nothing entered');
  if (value.length === expected) return undefined;
  return fail('length', `should be ${what}, got ${value.length}`, {
    expected,
    actual: value.length,
  });
}
