/** The UK company number Companies House allocates (Companies Act 2006, section 1066). */
import {
  fail,
  labelled,
  ordinal,
  passed,
  type RegistrationCheck,
  type RegistrationFailure,
  registrationText,
} from './registration-numbers.js';

/**
 * The two-character prefixes Companies House puts before six digits (eight digits alone are an
 * England and Wales company). SC, NI and R0 (Northern Ireland before 1922) are ordinary
 * companies; OC, SO and NC limited liability partnerships; LP, SL and NL limited partnerships;
 * FC, SF and NF overseas companies; OE overseas entities; CE and CS charitable incorporated
 * organisations; IP, SP, NP, NO and RS registered societies; AC, SA and NA assurance companies;
 * RC and SR royal charter bodies; ZC, SZ and NZ unregistered companies; GE, GS and GN EEIGs;
 * SE, ES and EN European companies; IC and SI investment companies with variable capital; SG
 * Scottish qualifying partnerships; PC protected cell companies; FE further education
 * corporations.
 */
// biome-ignore format: a table reads better than one prefix per line
export const UK_COMPANY_NUMBER_PREFIXES = [
  'SC', 'NI', 'R0', 'OC', 'SO', 'NC', 'LP', 'SL', 'NL', 'FC', 'SF', 'NF', 'OE', 'CE', 'CS',
  'IP', 'SP', 'NP', 'NO', 'RS', 'AC', 'SA', 'NA', 'RC', 'SR', 'ZC', 'SZ', 'NZ', 'GE', 'GS',
  'GN', 'SE', 'ES', 'EN', 'IC', 'SI', 'SG', 'PC', 'FE',
] as const;

/**
 * A UK company number, e.g. 00445790 or SC045551. There is no check digit, so a mistyped digit
 * cannot be caught here: only the shape and the prefix are checked. Purely numeric input is
 * left-padded with zeros to eight, because the leading zeros are commonly dropped ("445790").
 */
export function checkUkCompanyNumber(input: string): RegistrationCheck {
  const typed = registrationText(input);
  const number = /^[0-9]{1,7}$/.test(typed) ? typed.padStart(8, '0') : typed;
  const failure = companyNumberFailure(number);
  return failure ? labelled('Company number', failure) : passed(number);
}

function companyNumberFailure(number: string): RegistrationFailure | undefined {
  if (number === '') return fail('empty', 'nothing entered');
  if (number.length !== 8) {
    return fail(
      'length',
      `should be 8 characters (8 digits, or a 2-character prefix such as SC and 6 digits), got ${number.length}`,
      { expected: 8, actual: number.length },
    );
  }
  if (/^[0-9]{8}$/.test(number)) {
    return number === '00000000'
      ? fail('serial_number', 'no company has the number 00000000')
      : undefined;
  }
  const prefix = number.slice(0, 2);
  if (!(UK_COMPANY_NUMBER_PREFIXES as readonly string[]).includes(prefix)) {
    return fail(
      'prefix',
      `should be 8 digits, or a Companies House prefix (such as SC, NI, OC, SO, NC or R0) and 6 digits; '${prefix}' is not a prefix`,
      { actual: prefix },
    );
  }
  const notDigit = [...number.slice(2)].findIndex((char) => !/[0-9]/.test(char));
  if (notDigit !== -1) {
    const position = notDigit + 3;
    const actual = number[position - 1] as string;
    return fail(
      'character',
      `characters 3–8 after the prefix ${prefix} must be digits, got '${actual}' as the ${ordinal(position)} character`,
      { position, expected: 'digit', actual },
    );
  }
  return undefined;
}
