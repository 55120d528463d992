// Company registration numbers as the onboarding form checks them: India's CIN, GSTIN (with its
// mod-36 check character) and PAN, the UK company number, and the per-country schema that
// normalises, cross-checks and points each error at its field.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { z } from 'zod';
import {
  checkCin,
  checkGstin,
  checkPan,
  checkUkCompanyNumber,
  createCompanyRegistrationSchema,
  gstinCheckCharacter,
  type RegistrationCheck,
  type RegistrationErrorCode,
  yearInIndia,
} from '../../contracts/registration.js';

/** 1 December 2026, 12:00 UTC: "now" for every test that needs one. */
const NOW = Date.UTC(2026, 11, 1, 12);
const YEAR = 2026;
const schema = createCompanyRegistrationSchema({ now: () => NOW });

const BASE36 = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'];

function assertPasses(result: RegistrationCheck, value: string) {
  assert.deepEqual(result, { ok: true, value });
}

function assertFails(result: RegistrationCheck, code: RegistrationErrorCode, message?: string) {
  assert.equal(result.ok, false, `expected ${code}, but it passed`);
  if (result.ok) return;
  assert.equal(result.code, code, result.message);
  if (message !== undefined) assert.equal(result.message, message);
}

describe('CIN', () => {
  const cin = (input: string) => checkCin(input, { currentYear: YEAR });

  test('accepts published CINs of listed and unlisted companies', () => {
    for (const valid of [
      'L17110MH1973PLC019786', // Reliance Industries
      'L85110KA1981PLC013115', // Infosys
      'L22210MH1995PLC084781', // Tata Consultancy Services
      'U51909KA2011PTC060489', // Flipkart India
    ]) {
      assertPasses(cin(valid), valid);
    }
  });

  test('accepts every company type and the MCA’s own state codes', () => {
    for (const valid of [
      'U72200TG2005PTC045678',
      'U74999DL2015OPC283920',
      'U85300CT2010NPL021567',
      'U40100UR2008SGC032154',
      'U93000OR1998GAP011234',
      'U65999PY2001GAT001122',
      'U74140JH2012ULL004455',
      'U74140AN2012ULT000111',
      'L65910WB1990FLC049807',
      'U72900KA2019FTC123456',
      'L27100DL1956GOI002674',
      'U72900LA2021PTC000123',
    ]) {
      assertPasses(cin(valid), valid);
    }
  });

  test('normalises lowercase and spaces before checking', () => {
    assertPasses(cin('  l17110 mh 1973 plc 019786 '), 'L17110MH1973PLC019786');
  });

  test('names the part that is wrong', () => {
    assertFails(cin(''), 'empty', 'CIN: nothing entered');
    assertFails(cin('L17110MH1973PLC01978'), 'length', 'CIN: should be 21 characters, got 20');
    assertFails(
      cin('X17110MH1973PLC019786'),
      'listing_status',
      "CIN: the 1st character must be L (listed) or U (unlisted), got 'X'",
    );
    assertFails(
      cin('L1711AMH1973PLC019786'),
      'character',
      "CIN: characters 2–6 (the industry code) must be digits, got 'A' as the 6th character",
    );
    assertFails(
      cin('L1711019MH73PLC019786'),
      'character',
      "CIN: characters 7–8 (the state code) must be letters, got '1' as the 7th character",
    );
    assertFails(cin('L17110MH1973PLC01978X'), 'character');
    assertFails(cin('L17110MH1973PL1019786'), 'character');
  });

  test('refuses a state code no Registrar of Companies uses', () => {
    for (const state of ['XX', 'IN', 'ZZ', 'QQ']) {
      assertFails(
        cin(`L17110${state}1973PLC019786`),
        'state_code',
        `CIN: characters 7–8 must be the state code of a Registrar of Companies (such as MH, DL, KA or TN), got '${state}'`,
      );
    }
  });

  test('refuses a year in the future, accepts this year, refuses one before 1850', () => {
    assertPasses(cin('U72900KA2026PTC123456'), 'U72900KA2026PTC123456');
    assertFails(
      cin('U72900KA2027PTC123456'),
      'year',
      'CIN: the year of incorporation (characters 9–12) is 2027, in the future',
    );
    assertFails(cin('U72900KA9999PTC123456'), 'year');
    assertPasses(cin('L99999MH1850PLC000001'), 'L99999MH1850PLC000001');
    assertFails(
      cin('L99999MH1849PLC000001'),
      'year',
      'CIN: the year of incorporation (characters 9–12) is 1849, before any Indian company was registered (1850)',
    );
  });

  test('refuses an unknown company type', () => {
    assertFails(
      cin('U72900KA2015PVT123456'),
      'company_type',
      "CIN: characters 13–15 must be a company type (PLC, PTC, OPC, GOI, SGC, NPL, GAP, GAT, ULL, ULT, FLC, FTC), got 'PVT'",
    );
    assertFails(cin('U72900KA2015LLP123456'), 'company_type');
  });

  test('the year is India’s: it turns at midnight IST, 18:30 UTC', () => {
    assert.equal(yearInIndia(Date.UTC(2026, 11, 31, 18, 29)), 2026);
    assert.equal(yearInIndia(Date.UTC(2026, 11, 31, 18, 30)), 2027);
  });
});

// Published GSTINs of well-known companies (on their invoices and the GST portal's search), and
// the GST Network's own documentation example.
const REAL_GSTINS = [
  '27AAACR5055K1Z7', // Reliance Industries, Maharashtra
  '27AAACT2727Q1ZW', // Tata Consultancy Services, Maharashtra
  '29AAICA3918J1ZE', // Amazon Seller Services, Karnataka
  '29AACCF0683K1ZD', // Flipkart Internet, Karnataka
  '29AAFCB7707D1ZQ', // Bundl Technologies (Swiggy), Karnataka
  '27AAPFU0939F1ZV', // the GST Network's example
];

describe('GSTIN check character (Luhn mod 36)', () => {
  test('reproduces the check character of every published GSTIN', () => {
    for (const gstin of REAL_GSTINS) {
      assert.equal(gstinCheckCharacter(gstin.slice(0, 14)), gstin[14], gstin);
      assertPasses(checkGstin(gstin), gstin);
    }
  });

  test('every single-character change of a real GSTIN fails, on the check character when the rest is well-formed', () => {
    for (const gstin of REAL_GSTINS) {
      let onCheckCharacter = 0;
      for (let i = 0; i < 15; i++) {
        for (const char of [...BASE36, '-', '/', 'é']) {
          if (char === gstin[i]) continue;
          const mutated = gstin.slice(0, i) + char + gstin.slice(i + 1);
          const result = checkGstin(mutated);
          assert.equal(result.ok, false, `${mutated} (from ${gstin}) passed`);
          // Is everything but the check character still well-formed? Then that must catch it.
          const first14 = mutated.slice(0, 14);
          const wellFormed =
            i < 14 && /^[0-9A-Z]{14}$/.test(first14)
              ? checkGstin(first14 + gstinCheckCharacter(first14)).ok
              : i === 14 && BASE36.includes(char);
          if (wellFormed) {
            assertFails(result, 'check_character');
            onCheckCharacter++;
          }
        }
      }
      // Most changes keep the shape (a letter for a letter, a digit for a digit): not vacuous.
      assert.ok(onCheckCharacter > 200, `${gstin}: only ${onCheckCharacter} reached the check`);
    }
  });

  test('any single changed character of any payload changes the check character', () => {
    const base36Char = fc.constantFrom(...BASE36);
    fc.assert(
      fc.property(
        fc.array(base36Char, { minLength: 14, maxLength: 14 }),
        fc.integer({ min: 0, max: 13 }),
        base36Char,
        (payload, position, replacement) => {
          fc.pre(payload[position] !== replacement);
          const changed = payload.with(position, replacement);
          return gstinCheckCharacter(payload.join('')) !== gstinCheckCharacter(changed.join(''));
        },
      ),
    );
  });

  test('takes exactly the 14 characters before the check', () => {
    assert.throws(() => gstinCheckCharacter('27AAACR5055K1'), RangeError);
    assert.throws(() => gstinCheckCharacter('27aaacr5055k1z'), RangeError);
  });
});

describe('GSTIN', () => {
  const withCheck = (first14: string) => first14 + gstinCheckCharacter(first14);

  test('normalises lowercase and spaces before checking', () => {
    assertPasses(checkGstin(' 27aaacr5055k1z7 '), '27AAACR5055K1Z7');
    assertPasses(checkGstin('27 AAACR5055K 1Z7'), '27AAACR5055K1Z7');
  });

  test('names the wrong check character and the right one', () => {
    assertFails(
      checkGstin('27AAACR5055K1Z8'),
      'check_character',
      "GSTIN: the check character should be '7', got '8' (a character is mistyped)",
    );
  });

  test('accepts every GST state code, 97 and 99, and refuses the rest', () => {
    for (const state of ['01', '07', '27', '29', '33', '36', '37', '38', '97', '99']) {
      const gstin = withCheck(`${state}AAACR5055K1Z`);
      assertPasses(checkGstin(gstin), gstin);
    }
    for (const state of ['00', '39', '40', '96', '98']) {
      assertFails(
        checkGstin(withCheck(`${state}AAACR5055K1Z`)),
        'state_code',
        `GSTIN: characters 1–2 must be a GST state code (01–38, 97 or 99), got '${state}'`,
      );
    }
    assertFails(checkGstin('2AAAACR5055K1Z7'), 'character');
  });

  test('checks the PAN inside it by the PAN’s rules', () => {
    assertFails(
      checkGstin(withCheck('27AAAXR5055K1Z')),
      'entity_type',
      "GSTIN: characters 3–12 are the holder's PAN, and in it the 4th character must be an entity type (C, P, H, F, A, T, B, L, J, G), got 'X'",
    );
    assertFails(checkGstin(withCheck('27AAACR0000K1Z')), 'serial_number');
    assertFails(
      checkGstin(withCheck('27AAACR505511Z')),
      'character',
      "GSTIN: characters 3–12 are the holder's PAN, and in it the 10th character (the check letter) must be a letter, got '1'",
    );
  });

  test('the entity number is 1–9 or A–Z, and the 14th character is Z', () => {
    assertPasses(checkGstin(withCheck('27AAACR5055K9Z')), withCheck('27AAACR5055K9Z'));
    assertPasses(checkGstin(withCheck('27AAACR5055KAZ')), withCheck('27AAACR5055KAZ'));
    assertFails(
      checkGstin(withCheck('27AAACR5055K0Z')),
      'entity_number',
      "GSTIN: the 13th character (the entity number) is 1–9 or A–Z, got '0'",
    );
    assertFails(
      checkGstin(withCheck('27AAACR5055K1Y')),
      'default_character',
      "GSTIN: the 14th character must be 'Z', got 'Y'",
    );
    assertFails(checkGstin(withCheck('27AAACR5055K1Z').replace(/.$/, '-')), 'character');
  });

  test('refuses garbage of every length', () => {
    assertFails(checkGstin(''), 'empty');
    assertFails(checkGstin('   '), 'empty');
    assertFails(checkGstin('27AAACR5055K1Z'), 'length', 'GSTIN: should be 15 characters, got 14');
    assertFails(checkGstin('27AAACR5055K1Z77'), 'length');
    assertFails(checkGstin('not a gstin at all'), 'length');
    assertFails(checkGstin('GSTIN-NOT-VALID'), 'character');
    // Full-width digits (some keyboards type them) are digits.
    assertPasses(checkGstin('27AAACR5055K1Z７'), '27AAACR5055K1Z7');
  });
});

describe('PAN', () => {
  test('accepts real PANs of companies, firms and individuals', () => {
    for (const valid of [
      'AAACR5055K',
      'AAACT2727Q',
      'AAICA3918J',
      'AACCF0683K',
      'AAKFD7113K',
      'AAPPV8261K',
      'ABMPA3211G',
      'ACUPA7085R',
      'AFZPK7190K',
    ]) {
      assertPasses(checkPan(valid), valid);
    }
    assertPasses(checkPan(' aaacr 5055k '), 'AAACR5055K');
  });

  test('the 4th character must be a holder type', () => {
    assertFails(
      checkPan('AAAXR5055K'),
      'entity_type',
      "PAN: the 4th character must be an entity type (C, P, H, F, A, T, B, L, J, G), got 'X'",
    );
    for (const holder of 'CPHFATBLJG') assert.equal(checkPan(`AAA${holder}R5055K`).ok, true);
  });

  test('names the part of the shape that is wrong', () => {
    assertFails(checkPan('AAACR5055'), 'length', 'PAN: should be 10 characters, got 9');
    assertFails(
      checkPan('1AACR5055K'),
      'character',
      "PAN: characters 1–3 (the series) must be letters, got '1' as the 1st character",
    );
    assertFails(
      checkPan('AAACR50551'),
      'character',
      "PAN: the 10th character (the check letter) must be a letter, got '1'",
    );
    assertFails(checkPan('AAACR5O55K'), 'character');
    assertFails(
      checkPan('AAACR0000K'),
      'serial_number',
      'PAN: characters 6–9 (the serial number) cannot be 0000',
    );
  });

  test('cross-checks the 5th character with the name when one is given', () => {
    assert.equal(checkPan('AAACR5055K', { name: 'Reliance Industries Limited' }).ok, true);
    assert.equal(checkPan('AABCT0020H', { name: 'The Federal Bank Limited' }).ok, true);
    assert.equal(checkPan('AFZPK7190K', { name: 'kumar' }).ok, true);
    assert.equal(checkPan('AAAPE1234F', { name: 'Émile' }).ok, true, 'diacritics stripped');
    assertFails(
      checkPan('AAACR5055K', { name: 'Tata Consultancy Services' }),
      'name_initial',
      "PAN: the 5th character should be 'T', the first letter of the holder's name, got 'R'",
    );
    assertFails(
      checkPan('AFZPK7190K', { name: 'Sharma' }),
      'name_initial',
      "PAN: the 5th character should be 'S', the first letter of the holder's surname, got 'K'",
    );
    // A name in Devanagari cannot be compared with a Latin initial: not refused for it.
    assert.equal(checkPan('AFZPK7190K', { name: 'शर्मा' }).ok, true);
  });
});

describe('UK company number', () => {
  test('accepts eight digits and prefixed numbers, padding dropped leading zeros', () => {
    assertPasses(checkUkCompanyNumber('00445790'), '00445790'); // Tesco PLC
    assertPasses(checkUkCompanyNumber('445790'), '00445790');
    assertPasses(checkUkCompanyNumber('102498'), '00102498'); // BP p.l.c.
    assertPasses(checkUkCompanyNumber('SC045551'), 'SC045551'); // NatWest Group
    assertPasses(checkUkCompanyNumber(' sc 045551 '), 'SC045551');
    for (const valid of ['NI000123', 'R0000093', 'OC301234', 'SO300123', 'NC000456', 'LP012345']) {
      assertPasses(checkUkCompanyNumber(valid), valid);
    }
    assertPasses(checkUkCompanyNumber('12345678'), '12345678');
  });

  test('refuses an unknown prefix, a wrong length and letters in the digits', () => {
    assertFails(
      checkUkCompanyNumber('XX123456'),
      'prefix',
      "Company number: should be 8 digits, or a Companies House prefix (such as SC, NI, OC, SO, NC or R0) and 6 digits; 'XX' is not a prefix",
    );
    assertFails(checkUkCompanyNumber('1A234567'), 'prefix');
    assertFails(
      checkUkCompanyNumber('SC04555'),
      'length',
      'Company number: should be 8 characters (8 digits, or a 2-character prefix such as SC and 6 digits), got 7',
    );
    assertFails(checkUkCompanyNumber('123456789'), 'length');
    assertFails(
      checkUkCompanyNumber('SC04555A'),
      'character',
      "Company number: characters 3–8 after the prefix SC must be digits, got 'A' as the 8th character",
    );
    assertFails(checkUkCompanyNumber('SC-045551'), 'length');
  });

  test('refuses nothing and zero', () => {
    assertFails(checkUkCompanyNumber(''), 'empty', 'Company number: nothing entered');
    assertFails(checkUkCompanyNumber('0'), 'serial_number');
    assertFails(checkUkCompanyNumber('00000000'), 'serial_number');
  });
});

/** The issues of a failed parse as "path: message" lines, with their codes. */
function issuesOf(input: unknown) {
  const result = schema.safeParse(input);
  assert.equal(result.success, false, 'expected the parse to fail');
  return (result.error?.issues ?? []).map((issue) => ({
    path: issue.path.join('.'),
    code: (issue as { params?: { code?: string } }).params?.code ?? issue.code,
    message: issue.message,
  }));
}

describe('companyRegistrationSchema', () => {
  test('India: normalises every number and returns it so', () => {
    assert.deepEqual(
      schema.parse({
        country: 'IN',
        cin: ' l17110 mh1973plc019786',
        gstin: '27aaacr5055k1z7',
        pan: 'aaacr 5055k',
      }),
      {
        country: 'IN',
        cin: 'L17110MH1973PLC019786',
        gstin: '27AAACR5055K1Z7',
        pan: 'AAACR5055K',
      },
    );
  });

  test('India: GSTIN and PAN are optional, and a blank one is not given', () => {
    assert.deepEqual(schema.parse({ country: 'IN', cin: 'L22210MH1995PLC084781' }), {
      country: 'IN',
      cin: 'L22210MH1995PLC084781',
    });
    const blank = schema.parse({
      country: 'IN',
      cin: 'L22210MH1995PLC084781',
      gstin: '  ',
      pan: '',
    });
    assert.equal(blank.country === 'IN' && blank.gstin, undefined);
    assert.equal(blank.country === 'IN' && blank.pan, undefined);
  });

  test('India: the PAN inside the GSTIN must be the PAN given', () => {
    assert.deepEqual(
      issuesOf({
        country: 'IN',
        cin: 'L22210MH1995PLC084781',
        gstin: '27AAACR5055K1Z7',
        pan: 'AAACT2727Q',
      }),
      [
        {
          path: 'gstin',
          code: 'pan_mismatch',
          message:
            "GSTIN: characters 3–12 must be the PAN given, but they differ from it at the PAN's 5th character",
        },
      ],
    );
  });

  test('India: a company’s PAN has holder type C, in the PAN field or inside the GSTIN', () => {
    assert.deepEqual(issuesOf({ country: 'IN', cin: 'L17110MH1973PLC019786', pan: 'ABMPA3211G' }), [
      {
        path: 'pan',
        code: 'company_pan',
        message:
          "PAN: a company's PAN has 'C' as its holder type (the 4th character), got 'P' (individual)",
      },
    ]);
    assert.deepEqual(
      issuesOf({ country: 'IN', cin: 'L17110MH1973PLC019786', gstin: '27AAPFU0939F1ZV' }),
      [
        {
          path: 'gstin',
          code: 'company_pan',
          message:
            "GSTIN: a company's PAN has 'C' as its holder type (the 6th character), got 'F' (firm or LLP)",
        },
      ],
    );
  });

  test('India: each bad number is reported on its own field, with its check’s code', () => {
    assert.deepEqual(
      issuesOf({
        country: 'IN',
        cin: 'U72900KA2031PTC123456',
        gstin: '27AAACR5055K1Z8',
        pan: 'AAACR5055K',
      }),
      [
        {
          path: 'cin',
          code: 'year',
          message: 'CIN: the year of incorporation (characters 9–12) is 2031, in the future',
        },
        {
          path: 'gstin',
          code: 'check_character',
          message: "GSTIN: the check character should be '7', got '8' (a character is mistyped)",
        },
      ],
    );
  });

  test('India: the CIN year follows the injected clock', () => {
    const at = (epochMs: number) => createCompanyRegistrationSchema({ now: () => epochMs });
    const cin = { country: 'IN', cin: 'U72900KA2027PTC123456' };
    assert.equal(at(Date.UTC(2026, 11, 31, 18, 29)).safeParse(cin).success, false);
    assert.equal(at(Date.UTC(2026, 11, 31, 18, 30)).safeParse(cin).success, true);
  });

  test('UK: the company number, padded', () => {
    assert.deepEqual(schema.parse({ country: 'GB', companyNumber: ' 445790 ' }), {
      country: 'GB',
      companyNumber: '00445790',
    });
    assert.deepEqual(issuesOf({ country: 'GB', companyNumber: 'XX123456' }), [
      {
        path: 'companyNumber',
        code: 'prefix',
        message:
          "Company number: should be 8 digits, or a Companies House prefix (such as SC, NI, OC, SO, NC or R0) and 6 digits; 'XX' is not a prefix",
      },
    ]);
  });

  test('documents each number for the OpenAPI description of the edge', () => {
    const described = JSON.stringify(z.toJSONSchema(schema, { io: 'input' }));
    for (const example of ['L17110MH1973PLC019786', '27AAACR5055K1Z7', 'AAACR5055K', 'SC045551']) {
      assert.ok(described.includes(example), example);
    }
  });

  test('refuses another country, another country’s fields, unknown fields and non-strings', () => {
    assert.deepEqual(issuesOf({ country: 'FR', siren: '552100554' }), [
      {
        path: 'country',
        code: 'invalid_union',
        message: 'country: registration numbers are checked for IN and GB',
      },
    ]);
    assert.ok(issuesOf({ country: 'GB', companyNumber: '00445790', cin: 'x' }).length > 0);
    assert.ok(issuesOf({ country: 'IN', cin: 'L17110MH1973PLC019786', vat: 'x' }).length > 0);
    assert.equal(issuesOf({ country: 'IN', cin: 17110 })[0]?.path, 'cin');
    assert.equal(issuesOf({ country: 'IN' })[0]?.path, 'cin');
    assert.ok(issuesOf(null).length > 0);
  });
});
