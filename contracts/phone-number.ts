/**
 * Phone numbers, checked the same way by the onboarding widget and the edge: parsed and
 * validated by libphonenumber-js (Google's libphonenumber rules, never a hand-written regex)
 * against metadata cut to the supported countries at build time, so the widget bundles the
 * rules of six countries instead of all of them. Pure and zod-free; the zod schema is in
 * phone.ts. Messages never quote the number.
 */
import {
  getCountryCallingCode,
  type MetadataJson,
  ParseError,
  type PhoneNumber,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
} from 'libphonenumber-js/core';
import { isPhoneCountry, PHONE_COUNTRIES, type PhoneCountry } from './phone-countries.js';
import cutMetadata from './phone-metadata.json' with { type: 'json' };

// A JSON import types the metadata's tuples as arrays of unions; the file is the library's own
// metadata with countries removed (scripts/build-phone-metadata.ts), so it has the library's type.
const metadata = cutMetadata as unknown as MetadataJson;

export type PhoneErrorCode =
  | 'empty'
  | 'not_a_number'
  | 'country_code_missing'
  | 'unsupported_country'
  | 'too_short'
  | 'too_long'
  | 'invalid_length'
  | 'extension'
  | 'invalid';

export interface PhoneFailure {
  ok: false;
  code: PhoneErrorCode;
  message: string;
  params: Record<string, string>;
}

/** A number that passed, in E.164 with its country, or why it did not. */
export type PhoneCheck = { ok: true; e164: string; country: PhoneCountry } | PhoneFailure;

const fail = (
  code: PhoneErrorCode,
  message: string,
  params: Record<string, string> = {},
): PhoneFailure => ({ ok: false, code, message: `Phone: ${message}`, params });

const withCallingCode = (country: PhoneCountry) =>
  `${country} (+${getCountryCallingCode(country, metadata)})`;

/** "IN (+91), GB (+44), …": what the form takes, for the messages. */
export const PHONE_COUNTRIES_TEXT = PHONE_COUNTRIES.map(withCallingCode).join(', ');

/**
 * A phone number typed by a person, international ("+44 20 7946 0958") or, given
 * `defaultCountry`, national ("020 7946 0958"): possible and valid for its country, which must
 * be one of PHONE_COUNTRIES, and returned in E.164 ("+442079460958"). The whole input must be
 * the number: text around it, or an extension, is refused rather than silently dropped.
 */
export function checkPhoneNumber(input: string, defaultCountry?: PhoneCountry): PhoneCheck {
  const text = input.trim();
  if (text === '') return fail('empty', 'nothing entered');
  let phone: PhoneNumber;
  try {
    phone = parsePhoneNumberWithError(text, { defaultCountry, extract: false }, metadata);
  } catch (error) {
    if (error instanceof ParseError) return parseFailure(error.message, text);
    throw error;
  }
  const country = phone.country;
  if (!isPhoneCountry(country)) return unsupported();
  if (phone.ext)
    return fail('extension', 'leave out the extension; the form takes the number only');
  const length = validatePhoneNumberLength(phone.number, metadata);
  if (length === 'TOO_SHORT') {
    return fail('too_short', `too short for a phone number in ${withCallingCode(country)}`, {
      country,
    });
  }
  if (length === 'TOO_LONG') {
    return fail('too_long', `too long for a phone number in ${withCallingCode(country)}`, {
      country,
    });
  }
  if (length !== undefined) {
    return fail(
      'invalid_length',
      `the wrong number of digits for a phone number in ${withCallingCode(country)}`,
      { country },
    );
  }
  if (!phone.isValid()) {
    return fail('invalid', `not a valid phone number in ${withCallingCode(country)}`, { country });
  }
  return { ok: true, e164: phone.number, country };
}

function unsupported(): PhoneFailure {
  return fail(
    'unsupported_country',
    `numbers from this country cannot be used here; the form takes ${PHONE_COUNTRIES_TEXT}`,
    { countries: PHONE_COUNTRIES.join(',') },
  );
}

/** libphonenumber's parse errors, in words. */
function parseFailure(reason: string, text: string): PhoneFailure {
  switch (reason) {
    // Without a default country only "+…" is international; with one, a "+" code the cut
    // metadata does not know is a country the form does not take.
    case 'INVALID_COUNTRY':
      return text.startsWith('+')
        ? unsupported()
        : fail('country_code_missing', 'start with + and the country code, such as +91 or +44');
    case 'TOO_SHORT':
      return fail('too_short', 'too short to be a phone number');
    case 'TOO_LONG':
      return fail('too_long', 'too long to be a phone number');
    default:
      return fail('not_a_number', 'not a phone number (digits, spaces, +, -, ( and ) only)');
  }
}
