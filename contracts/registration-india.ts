/**
 * India's company identifiers: the CIN (Ministry of Corporate Affairs), the GSTIN (GST
 * Network) and the PAN (Income Tax Department), and how they must agree with each other.
 */
import {
  checkLength,
  checkParts,
  fail,
  labelled,
  type NumberPart,
  ordinal,
  passed,
  type RegistrationCheck,
  type RegistrationFailure,
  registrationText,
} from './registration-numbers.js';

/**
 * The two-letter state codes of the Registrars of Companies as they appear in CINs. The MCA's
 * codes are not the vehicle-registration ones: Chhattisgarh is CT, Uttarakhand UR, Odisha OR,
 * Telangana TG (AP, Andhra Pradesh, is still quoted on CINs of Hyderabad companies from before
 * 2014). LA, Ladakh's since it became a union territory in 2019, is accepted too: refusing a
 * real CIN costs a customer more than letting a rare wrong code through.
 */
// biome-ignore format: a table reads better than one code per line
export const CIN_STATE_CODES = [
  'AN', 'AP', 'AR', 'AS', 'BR', 'CH', 'CT', 'DD', 'DL', 'DN', 'GA', 'GJ', 'HP', 'HR', 'JH',
  'JK', 'KA', 'KL', 'LA', 'LD', 'MH', 'ML', 'MN', 'MP', 'MZ', 'NL', 'OR', 'PB', 'PY', 'RJ',
  'SK', 'TG', 'TN', 'TR', 'UP', 'UR', 'WB',
] as const;

/**
 * The company's class and ownership (characters 13–15): public and private limited, one person,
 * Government of India and state government companies, not-for-profit (section 8), general
 * associations, unlimited companies, and subsidiaries of foreign companies.
 */
// biome-ignore format: a table reads better than one code per line
export const CIN_COMPANY_TYPES = [
  'PLC', 'PTC', 'OPC', 'GOI', 'SGC', 'NPL', 'GAP', 'GAT', 'ULL', 'ULT', 'FLC', 'FTC',
] as const;

/** The first Indian companies were registered under the Joint Stock Companies Act of 1850. */
export const CIN_FIRST_YEAR = 1850;

const CIN_PARTS: readonly NumberPart[] = [
  { from: 1, to: 1, kind: 'letter', name: 'the listing status' },
  { from: 2, to: 6, kind: 'digit', name: 'the industry code' },
  { from: 7, to: 8, kind: 'letter', name: 'the state code' },
  { from: 9, to: 12, kind: 'digit', name: 'the year of incorporation' },
  { from: 13, to: 15, kind: 'letter', name: 'the company type' },
  { from: 16, to: 21, kind: 'digit', name: 'the registration number' },
];

/**
 * A Corporate Identification Number, e.g. L17110MH1973PLC019786: listed (L) or unlisted (U),
 * the NIC industry code, the state of the Registrar, the year of incorporation, the company
 * type and the registration number. A CIN has no check digit, so a mistyped digit in the
 * industry code or the registration number cannot be caught here: only the structure, the
 * state, the year and the type are checked. `currentYear` bounds the year (see yearInIndia).
 */
export function checkCin(input: string, options: { currentYear: number }): RegistrationCheck {
  const cin = registrationText(input);
  const structural = checkLength(cin, 21) ?? checkParts(cin, CIN_PARTS);
  if (structural) return labelled('CIN', structural);
  const listing = cin[0] as string;
  if (listing !== 'L' && listing !== 'U') {
    return labelled(
      'CIN',
      fail(
        'listing_status',
        `the 1st character must be L (listed) or U (unlisted), got '${listing}'`,
        { actual: listing },
      ),
    );
  }
  const state = cin.slice(6, 8);
  if (!(CIN_STATE_CODES as readonly string[]).includes(state)) {
    return labelled(
      'CIN',
      fail(
        'state_code',
        `characters 7–8 must be the state code of a Registrar of Companies (such as MH, DL, KA or TN), got '${state}'`,
        { actual: state },
      ),
    );
  }
  const year = Number(cin.slice(8, 12));
  if (year > options.currentYear) {
    return labelled(
      'CIN',
      fail('year', `the year of incorporation (characters 9–12) is ${year}, in the future`, {
        actual: year,
        max: options.currentYear,
      }),
    );
  }
  if (year < CIN_FIRST_YEAR) {
    return labelled(
      'CIN',
      fail(
        'year',
        `the year of incorporation (characters 9–12) is ${year}, before any Indian company was registered (${CIN_FIRST_YEAR})`,
        { actual: year, min: CIN_FIRST_YEAR },
      ),
    );
  }
  const type = cin.slice(12, 15);
  if (!(CIN_COMPANY_TYPES as readonly string[]).includes(type)) {
    return labelled(
      'CIN',
      fail(
        'company_type',
        `characters 13–15 must be a company type (${CIN_COMPANY_TYPES.join(', ')}), got '${type}'`,
        { actual: type },
      ),
    );
  }
  return passed(cin);
}

/** India Standard Time is UTC+05:30 all year: the calendar a CIN's year is written in. */
const IST_OFFSET_MS = (5 * 60 + 30) * 60 * 1000;

/** The year it is in India at `epochMs`, for checkCin's `currentYear`. */
export function yearInIndia(epochMs: number): number {
  return new Date(epochMs + IST_OFFSET_MS).getUTCFullYear();
}

/** The PAN's 4th character: who holds it. */
export const PAN_HOLDER_TYPES = {
  C: 'company',
  P: 'individual',
  H: 'Hindu undivided family',
  F: 'firm or LLP',
  A: 'association of persons',
  T: 'trust',
  B: 'body of individuals',
  L: 'local authority',
  J: 'artificial juridical person',
  G: 'government',
} as const;

const PAN_PARTS: readonly NumberPart[] = [
  { from: 1, to: 3, kind: 'letter', name: 'the series' },
  { from: 4, to: 4, kind: 'letter', name: 'the holder type' },
  { from: 5, to: 5, kind: 'letter', name: "the holder's initial" },
  { from: 6, to: 9, kind: 'digit', name: 'the serial number' },
  { from: 10, to: 10, kind: 'letter', name: 'the check letter' },
];

/** The first Latin letter of a name, diacritics stripped; undefined for a name in another script. */
function initialOf(name: string): string | undefined {
  return /[A-Z]/.exec(name.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase())?.[0];
}

/** A PAN's problems, in words relative to the PAN itself (no "PAN:" label). */
function panFailure(pan: string, name: string | undefined): RegistrationFailure | undefined {
  const structural = checkLength(pan, 10) ?? checkParts(pan, PAN_PARTS);
  if (structural) return structural;
  const holder = pan[3] as string;
  if (!(holder in PAN_HOLDER_TYPES)) {
    return fail(
      'entity_type',
      `the 4th character must be an entity type (${Object.keys(PAN_HOLDER_TYPES).join(', ')}), got '${holder}'`,
      { actual: holder },
    );
  }
  if (pan.slice(5, 9) === '0000') {
    return fail('serial_number', 'characters 6–9 (the serial number) cannot be 0000');
  }
  const initial = name === undefined ? undefined : initialOf(name);
  if (initial !== undefined && pan[4] !== initial) {
    const whose = holder === 'P' ? "the holder's surname" : "the holder's name";
    return fail(
      'name_initial',
      `the 5th character should be '${initial}', the first letter of ${whose}, got '${pan[4]}'`,
      { expected: initial, actual: pan[4] as string },
    );
  }
  return undefined;
}

/**
 * A Permanent Account Number, e.g. AAACR5055K: three letters, the holder type, the initial of
 * the holder's name (of the surname, for an individual), a serial number and a check letter.
 * The check letter's algorithm is not published, so it is checked only as a letter. Given
 * `name` — the surname for an individual, the registered name otherwise ("The Federal Bank
 * Limited" starts with T) — the 5th character must be its first letter; a name in another
 * script than Latin cannot be compared and is not.
 */
export function checkPan(input: string, options: { name?: string } = {}): RegistrationCheck {
  const pan = registrationText(input);
  const failure = panFailure(pan, options.name);
  return failure ? labelled('PAN', failure) : passed(pan);
}

/**
 * The GST state codes: 01–38 for the states and union territories in the order the GST
 * Network numbered them (25 and 28 are pre-merger Daman and Diu and pre-split Andhra
 * Pradesh, still on older registrations), 97 for other territory and 99 for the Centre's
 * jurisdiction.
 */
export const GST_STATE_CODES: readonly string[] = [
  ...Array.from({ length: 38 }, (_, i) => String(i + 1).padStart(2, '0')),
  '97',
  '99',
];

const BASE36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The GSTIN check character of its first 14 characters, as the GST Network computes it: Luhn
 * mod 36. Each character's value in base 36 is multiplied by 2 and 1 alternately, 2 for the
 * rightmost; a product of 36 or more is folded back to its two base-36 digits' sum; the check
 * character brings the total to a multiple of 36. Catches every single mistyped character.
 */
export function gstinCheckCharacter(first14: string): string {
  if (!/^[0-9A-Z]{14}$/.test(first14)) {
    throw new RangeError('gstinCheckCharacter takes the first 14 characters of a GSTIN');
  }
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const factor = (13 - i) % 2 === 0 ? 2 : 1;
    const product = BASE36.indexOf(first14[i] as string) * factor;
    sum += Math.floor(product / 36) + (product % 36);
  }
  return BASE36[(36 - (sum % 36)) % 36] as string;
}

const GSTIN_STATE: NumberPart = { from: 1, to: 2, kind: 'digit', name: 'the state code' };
const GSTIN_TAIL: readonly NumberPart[] = [
  { from: 13, to: 13, kind: 'letter or digit', name: 'the entity number' },
  { from: 14, to: 14, kind: 'letter', name: 'the default character' },
  { from: 15, to: 15, kind: 'letter or digit', name: 'the check character' },
];

/**
 * A GST identification number, e.g. 27AAACR5055K1Z7: the GST state code, the holder's PAN,
 * the entity number (1–9 then A–Z: which registration of this PAN in this state), 'Z', and
 * the check character (gstinCheckCharacter). Only PAN-based regular registrations are
 * accepted; the formats for embassies, non-resident online services and tax deductors are
 * not a company's.
 */
export function checkGstin(input: string): RegistrationCheck {
  const gstin = registrationText(input);
  const failure = gstinFailure(gstin);
  return failure ? labelled('GSTIN', failure) : passed(gstin);
}

function gstinFailure(gstin: string): RegistrationFailure | undefined {
  const state = gstin.slice(0, 2);
  const start = checkLength(gstin, 15) ?? checkParts(gstin, [GSTIN_STATE]);
  if (start) return start;
  if (!GST_STATE_CODES.includes(state)) {
    return fail(
      'state_code',
      `characters 1–2 must be a GST state code (01–38, 97 or 99), got '${state}'`,
      { actual: state },
    );
  }
  const pan = panFailure(gstin.slice(2, 12), undefined);
  if (pan) {
    return { ...pan, message: `characters 3–12 are the holder's PAN, and in it ${pan.message}` };
  }
  const tail = checkParts(gstin, GSTIN_TAIL);
  if (tail) return tail;
  if (gstin[12] === '0') {
    return fail('entity_number', "the 13th character (the entity number) is 1–9 or A–Z, got '0'", {
      actual: '0',
    });
  }
  if (gstin[13] !== 'Z') {
    return fail('default_character', `the 14th character must be 'Z', got '${gstin[13]}'`, {
      expected: 'Z',
      actual: gstin[13] as string,
    });
  }
  const expected = gstinCheckCharacter(gstin.slice(0, 14));
  if (gstin[14] !== expected) {
    return fail(
      'check_character',
      `the check character should be '${expected}', got '${gstin[14]}' (a character is mistyped)`,
      { expected, actual: gstin[14] as string },
    );
  }
  return undefined;
}

/** Characters 3–12 of a GSTIN: its holder's PAN. */
export function panOfGstin(gstin: string): string {
  return registrationText(gstin).slice(2, 12);
}

export type IndianRegistrationField = 'cin' | 'gstin' | 'pan';

/**
 * What a company's valid CIN, GSTIN and PAN must agree on: the PAN inside the GSTIN is the PAN
 * given, and both are a company's (holder type C) — the CIN says it is a company, and a
 * director's personal PAN is the usual mix-up. Takes numbers that each passed their own check.
 */
export function crossCheckIndianRegistration(numbers: {
  cin: string;
  gstin?: string | undefined;
  pan?: string | undefined;
}): (RegistrationFailure & { field: IndianRegistrationField })[] {
  const { gstin, pan } = numbers;
  const found: (RegistrationFailure & { field: IndianRegistrationField })[] = [];
  if (pan !== undefined && pan[3] !== 'C') {
    found.push({ field: 'pan', ...companyPanFailure('PAN', '4th', pan[3] as string) });
  }
  if (gstin !== undefined && pan !== undefined && panOfGstin(gstin) !== pan) {
    const at = [...pan].findIndex((char, i) => panOfGstin(gstin)[i] !== char) + 1;
    found.push({
      field: 'gstin',
      ...labelled(
        'GSTIN',
        fail(
          'pan_mismatch',
          `characters 3–12 must be the PAN given, but they differ from it at the PAN's ${ordinal(at)} character`,
          { position: at + 2 },
        ),
      ),
    });
  } else if (gstin !== undefined && pan === undefined && gstin[5] !== 'C') {
    found.push({ field: 'gstin', ...companyPanFailure('GSTIN', '6th', gstin[5] as string) });
  }
  return found;
}

function companyPanFailure(label: string, where: string, actual: string): RegistrationFailure {
  const holder = PAN_HOLDER_TYPES[actual as keyof typeof PAN_HOLDER_TYPES] ?? 'other';
  return labelled(
    label,
    fail(
      'company_pan',
      `a company's PAN has 'C' as its holder type (the ${where} character), got '${actual}' (${holder})`,
      { expected: 'C', actual },
    ),
  );
}
