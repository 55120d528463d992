/**
 * Company legal forms, as written after normalisation (lower-case ASCII words), each with the
 * canonical form it stands for. A legal form says what kind of entity it is, not which one, so
 * the matcher removes it before comparing names ("Bharat Steel Pvt Ltd" is "Bharat Steel
 * Private Limited"). Longer phrases come first so "private limited" wins over "limited".
 */
const FORMS: Record<string, readonly string[]> = {
  'private-limited': [
    'private limited',
    'pvt limited',
    'private ltd',
    'pvt ltd',
    'pvt',
    // Devanagari "प्राइवेट लिमिटेड" as any-ascii writes it.
    'praivet limited',
    'praivet limitd',
  ],
  'pte-limited': ['pte limited', 'pte ltd', 'pte'],
  'pty-limited': ['pty limited', 'pty ltd', 'pty'],
  plc: ['public limited company', 'plc'],
  llc: ['limited liability company', 'llc', 'ooo', 'fz llc'],
  llp: ['limited liability partnership', 'llp'],
  lp: ['limited partnership', 'lp'],
  limited: ['limited', 'ltd', 'limitd', 'limited company'],
  incorporated: ['incorporated', 'inc'],
  corporation: ['corporation', 'corp'],
  company: ['company', 'co'],
  gmbh: ['gmbh', 'gesellschaft mit beschrankter haftung'],
  ag: ['ag', 'aktiengesellschaft'],
  sa: ['sa', 'sal', 'sociedad anonima', 'societe anonyme'],
  sarl: ['sarl'],
  srl: ['srl'],
  spa: ['spa'],
  bv: ['bv'],
  nv: ['nv'],
  ab: ['ab'],
  oy: ['oy'],
  jsc: ['jsc', 'ojsc', 'pjsc', 'cjsc', 'oao', 'zao', 'pao', 'joint stock company'],
  'free-zone': ['fze', 'fzco', 'fzc', 'fzllc'],
  establishment: ['establishment', 'est'],
  berhad: ['sdn bhd', 'bhd', 'berhad'],
  kk: ['kabushiki kaisha', 'kk'],
};

/** Each legal form as its words, longest first, with its canonical name. */
export const LEGAL_FORMS: readonly { words: readonly string[]; canonical: string }[] =
  Object.entries(FORMS)
    .flatMap(([canonical, phrases]) => phrases.map((p) => ({ words: p.split(' '), canonical })))
    .sort((a, b) => b.words.length - a.words.length);

/** Single-letter spellings that are legal forms ("L.L.C.", "S.A."), so they are not initials. */
export const DOTTED_LEGAL_FORMS: ReadonlySet<string> = new Set(
  LEGAL_FORMS.filter((f) => f.words.length === 1).map((f) => f.words[0] as string),
);

/**
 * Words that describe a business rather than name it. They still count, at a lower weight, so
 * "Gulf Star General Trading" and "Gulf Pearl General Trading" are told apart by the words that
 * matter.
 */
export const GENERIC_COMPANY_WORDS: ReadonlySet<string> = new Set([
  'and',
  'the',
  'of',
  'for',
  'general',
  'trading',
  'group',
  'holding',
  'holdings',
  'international',
  'global',
  'industries',
  'enterprises',
  'services',
  'company',
]);
