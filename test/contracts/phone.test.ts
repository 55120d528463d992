// Phone numbers as the onboarding form takes them: national or international input from each
// supported country, out in E.164; other countries, extensions and garbage refused with a clear
// message; and the cut metadata the widget bundles, which must stay what the script generates.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import parsePhoneNumber, { isValidPhoneNumber, type MetadataJson } from 'libphonenumber-js/core';
import maxMetadata from 'libphonenumber-js/max/metadata';
import { z } from 'zod';
import {
  checkPhoneNumber,
  PHONE_COUNTRIES,
  type PhoneCheck,
  type PhoneCountry,
  type PhoneErrorCode,
  phoneSchema,
} from '../../contracts/phone.js';
import {
  cutPhoneMetadata,
  PHONE_METADATA_FILE,
  phoneMetadataText,
} from '../../scripts/build-phone-metadata.js';

/** Real-looking numbers of every supported country: [as typed, default country, E.164]. */
const VALID: [string, PhoneCountry | undefined, string][] = [
  // India: mobiles and landlines, with and without the trunk 0.
  ['+91 98765 43210', undefined, '+919876543210'],
  ['+91-80-2852-0261', undefined, '+918028520261'],
  ['98765 43210', 'IN', '+919876543210'],
  ['098765 43210', 'IN', '+919876543210'],
  ['011 2345 6789', 'IN', '+911123456789'],
  // United Kingdom.
  ['+44 20 7946 0958', undefined, '+442079460958'],
  ['+44 (0)20 7946 0958', undefined, '+442079460958'],
  ['020 7946 0958', 'GB', '+442079460958'],
  ['07400 123456', 'GB', '+447400123456'],
  ['0131 496 0000', 'GB', '+441314960000'],
  // United Arab Emirates.
  ['+971 50 123 4567', undefined, '+971501234567'],
  ['050 123 4567', 'AE', '+971501234567'],
  ['04 234 5678', 'AE', '+97142345678'],
  // France.
  ['+33 6 12 34 56 78', undefined, '+33612345678'],
  ['06 12 34 56 78', 'FR', '+33612345678'],
  ['01.23.45.67.89', 'FR', '+33123456789'],
  // Spain (no trunk prefix).
  ['+34 612 34 56 78', undefined, '+34612345678'],
  ['612 345 678', 'ES', '+34612345678'],
  ['912 345 678', 'ES', '+34912345678'],
  // United States.
  ['+1 201-555-0123', undefined, '+12015550123'],
  ['(201) 555-0123', 'US', '+12015550123'],
  ['1 201 555 0123', 'US', '+12015550123'],
  // International input is read as such whatever the default country.
  ['+44 20 7946 0958', 'IN', '+442079460958'],
  ['00 44 20 7946 0958', 'FR', '+442079460958'],
  // Full-width digits, as some keyboards type them.
  ['+44２０７９４６０９５８', undefined, '+442079460958'],
];

function assertFails(result: PhoneCheck, code: PhoneErrorCode, message?: string) {
  assert.equal(result.ok, false, `expected ${code}, got ${JSON.stringify(result)}`);
  if (result.ok) return;
  assert.equal(result.code, code, result.message);
  if (message !== undefined) assert.equal(result.message, message);
}

describe('checkPhoneNumber', () => {
  test('reads national and international numbers of every supported country, out in E.164', () => {
    for (const [input, defaultCountry, e164] of VALID) {
      const result = checkPhoneNumber(input, defaultCountry);
      assert.equal(
        result.ok && result.e164,
        e164,
        `${input} (${defaultCountry}): ${JSON.stringify(result)}`,
      );
    }
    const countries = new Set(
      VALID.map(([input, country]) => checkPhoneNumber(input, country)).map(
        (r) => r.ok && r.country,
      ),
    );
    assert.deepEqual([...countries].sort(), [...PHONE_COUNTRIES].sort());
  });

  test('refuses numbers of other countries, naming the ones it takes', () => {
    const message =
      'Phone: numbers from this country cannot be used here; the form takes IN (+91), GB (+44), AE (+971), FR (+33), ES (+34), US (+1)';
    for (const other of [
      '+49 30 901820',
      '+61 2 9374 4000',
      '+7 495 123-45-67',
      '+86 10 6552 9988',
      '+65 6123 4567',
    ]) {
      assertFails(checkPhoneNumber(other), 'unsupported_country', message);
      assertFails(checkPhoneNumber(other, 'GB'), 'unsupported_country', message);
    }
  });

  test('a number of a country sharing a supported calling code is judged as that code’s country', () => {
    // Toronto shares +1 with the US; Jersey shares +44 with GB. Neither country is supported.
    assertFails(
      checkPhoneNumber('+1 416 555 0123'),
      'invalid',
      'Phone: not a valid phone number in US (+1)',
    );
    assertFails(
      checkPhoneNumber('+44 1534 123456'),
      'invalid',
      'Phone: not a valid phone number in GB (+44)',
    );
    assertFails(checkPhoneNumber('+44 7797 123456'), 'invalid');
    // With every country's metadata the same numbers are valid: they are Canada's and Jersey's.
    assert.equal(parsePhoneNumber('+1 416 555 0123', maxMetadata)?.country, 'CA');
    assert.equal(parsePhoneNumber('+44 7797 123456', maxMetadata)?.country, 'JE');
  });

  test('refuses a number of the right length whose digits are not in use', () => {
    // No US area code starts with 0, and 555 is not an area code; Dubai's numbers are 04 2…–04 8….
    assertFails(
      checkPhoneNumber('+1 201 055 0123'),
      'invalid',
      'Phone: not a valid phone number in US (+1)',
    );
    assertFails(checkPhoneNumber('+1 555 555 0123'), 'invalid');
    assertFails(
      checkPhoneNumber('04 123 4567', 'AE'),
      'invalid',
      'Phone: not a valid phone number in AE (+971)',
    );
    assertFails(checkPhoneNumber('+33 0 12 34 56 78'), 'invalid');
  });

  test('says when a number is too short or too long for its country', () => {
    assertFails(
      checkPhoneNumber('+44 20 7946'),
      'too_short',
      'Phone: too short for a phone number in GB (+44)',
    );
    assertFails(checkPhoneNumber('+33 1 23 45 67 8'), 'too_short');
    assertFails(checkPhoneNumber('12', 'GB'), 'too_short');
    assertFails(
      checkPhoneNumber('+33 1 23 45 67 890'),
      'too_long',
      'Phone: too long for a phone number in FR (+33)',
    );
    assertFails(checkPhoneNumber('+91 98765 43210123456'), 'too_long');
    assertFails(checkPhoneNumber('+9', 'IN'), 'too_short', 'Phone: too short to be a phone number');
  });

  test('asks for the country code when a national number has no default country', () => {
    assertFails(
      checkPhoneNumber('020 7946 0958'),
      'country_code_missing',
      'Phone: start with + and the country code, such as +91 or +44',
    );
    assertFails(checkPhoneNumber('0044 20 7946 0958'), 'country_code_missing');
  });

  test('refuses extensions rather than dropping them', () => {
    assertFails(checkPhoneNumber('+44 20 7946 0958 ext. 123'), 'extension');
    assertFails(checkPhoneNumber('(201) 555-0123 x42', 'US'), 'extension');
  });

  test('refuses garbage and text around the number', () => {
    assertFails(checkPhoneNumber(''), 'empty', 'Phone: nothing entered');
    assertFails(checkPhoneNumber('   '), 'empty');
    for (const garbage of [
      'not a number',
      '+',
      '++44 20 7946 0958',
      'call +44 20 7946 0958',
      '+44 20 7946 0958 please',
      '<script>',
    ]) {
      assertFails(
        checkPhoneNumber(garbage, 'GB'),
        'not_a_number',
        'Phone: not a phone number (digits, spaces, +, -, ( and ) only)',
      );
    }
  });

  test('messages never quote the number', () => {
    for (const input of ['+1 201 055 0123', '+44 20 7946', '+49 30 901820', '+33 1 23 45 67 890']) {
      const result = checkPhoneNumber(input);
      assert.ok(!result.ok && !/\d{4}/.test(result.message), result.ok ? input : result.message);
    }
  });
});

describe('phoneSchema', () => {
  test('parses to E.164, with and without a default country', () => {
    assert.equal(phoneSchema().parse(' +44 20 7946 0958 '), '+442079460958');
    assert.equal(phoneSchema('IN').parse('098765 43210'), '+919876543210');
    assert.equal(phoneSchema('FR').parse('+33612345678'), '+33612345678', 'E.164 is stable');
  });

  test('fails with the check’s message and code', () => {
    const result = phoneSchema('GB').safeParse('+49 30 901820');
    assert.equal(result.success, false);
    const issue = result.error?.issues[0];
    assert.match(issue?.message ?? '', /^Phone: numbers from this country cannot be used here/);
    assert.equal((issue as { params?: { code?: string } }).params?.code, 'unsupported_country');
  });

  test('documents itself for the OpenAPI description of the edge', () => {
    const described = z.toJSONSchema(phoneSchema(), { io: 'input' });
    assert.equal(described.type, 'string');
    assert.match(
      String(described.description),
      /^A phone number in IN, GB, AE, FR, ES, US.*E\.164$/,
    );
  });

  test('refuses non-strings and over-long input before parsing', () => {
    assert.equal(phoneSchema().safeParse(442079460958).success, false);
    assert.equal(phoneSchema().safeParse(undefined).success, false);
    const long = phoneSchema('GB').safeParse(`020 7946 0958${' '.repeat(40)}`);
    assert.equal(long.error?.issues[0]?.message, 'Phone: at most 40 characters');
  });
});

describe('the cut phone metadata', () => {
  test('is committed exactly as `npm run phone:metadata` writes it', () => {
    assert.equal(
      readFileSync(PHONE_METADATA_FILE, 'utf8'),
      phoneMetadataText(),
      'contracts/phone-metadata.json is stale: run `npm run phone:metadata` and commit it',
    );
  });

  test('holds the supported countries and nothing else', () => {
    const metadata = JSON.parse(readFileSync(PHONE_METADATA_FILE, 'utf8')) as MetadataJson;
    assert.deepEqual(Object.keys(metadata.countries).sort(), [...PHONE_COUNTRIES].sort());
    assert.deepEqual(metadata.country_calling_codes, {
      1: ['US'],
      33: ['FR'],
      34: ['ES'],
      44: ['GB'],
      91: ['IN'],
      971: ['AE'],
    });
    assert.deepEqual(metadata.nonGeographic, {});
  });

  test('judges the supported countries’ numbers as the full metadata does', () => {
    const cut = cutPhoneMetadata(maxMetadata, PHONE_COUNTRIES);
    const numbers = [
      ...VALID.map(([input]) => input),
      '+1 201 055 0123',
      '+971 4 123 4567',
      '+44 20 7946',
    ];
    for (const input of numbers.filter((n) => n.startsWith('+'))) {
      assert.equal(isValidPhoneNumber(input, cut), isValidPhoneNumber(input, maxMetadata), input);
    }
  });

  test('the cut refuses to drop the main country of a calling code it keeps', () => {
    assert.throws(() => cutPhoneMetadata(maxMetadata, ['CA']), /\+1: CA needs its main country US/);
    assert.throws(() => cutPhoneMetadata(maxMetadata, ['XX']), /no metadata for XX/);
  });
});
