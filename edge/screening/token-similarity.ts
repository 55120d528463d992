/**
 * How alike two name tokens are, 0..1. Jaro-Winkler and Double Metaphone come from talisman;
 * what this module adds is knowing which comparison fits: an initial against a word, two known
 * spellings of one name, or a token transliterated from a script that leaves vowels unwritten.
 */
import damerauLevenshtein from 'talisman/metrics/damerau-levenshtein.js';
import jaroWinkler from 'talisman/metrics/jaro-winkler.js';
import doubleMetaphone from 'talisman/phonetics/double-metaphone.js';
import { variantGroup } from './name-variants.js';
import type { NameToken } from './normalise.js';

export interface PreparedToken extends NameToken {
  /** The consonants, spelled one way (see `consonantSkeleton`). */
  readonly skeleton: string;
  readonly phonetic: readonly [string, string];
  readonly group: number | undefined;
  /** The spelling with romanisation's free choices made one way (see `romanisationKey`). */
  readonly romanised: string;
  /** The romanisation key without its inner short vowels (see `shortVowelKey`). */
  readonly shortVowels: string;
}

/** An initial against a word that starts with it: likely the same, never certain. */
export const INITIAL_SIMILARITY = 0.9;
/** Two spellings of one name (Mohammed, Muhammad), or one consonant skeleton (محمد, Mohammed). */
export const VARIANT_SIMILARITY = 0.95;
/** Two spellings that differ only in romanisation's free choices (Hadad, Haddad). */
export const ROMANISATION_SIMILARITY = 0.9;
/** Two spellings that place the short vowels differently (Badr, Bader; Pervez, Parvez). */
export const SHORT_VOWEL_SIMILARITY = 0.85;
// Sounding alike is supporting evidence, not proof: Hassan and Hussein share a key.
const PHONETIC_BONUS = 0.05;
// Names rarely change their first letter but by romanisation (Gaurav and Saurav are two).
const OTHER_INITIAL_FACTOR = 0.75;
// Each place where an Arabic spelling's long vowels disagree with a Latin one's.
const VOWEL_CONFLICT_FACTOR = 0.55;
const SPELLING_FLOOR = 0.6;

export interface SimilarityOptions {
  /** Use the table of known spellings of common names (on by default). */
  readonly nameVariants?: boolean;
}

export function prepareToken(token: NameToken): PreparedToken {
  const romanised = romanisationKey(token.text);
  return {
    ...token,
    skeleton: consonantSkeleton(token.text),
    phonetic: token.kind === 'initial' ? ['', ''] : doubleMetaphone(token.text),
    group: variantGroup(token.text),
    romanised,
    shortVowels: shortVowelKey(romanised),
  };
}

export function tokenSimilarity(
  a: PreparedToken,
  b: PreparedToken,
  options: SimilarityOptions = {},
): number {
  if (a.text === b.text) return 1;
  if (a.kind === 'initial' || b.kind === 'initial') {
    if (a.kind === 'initial' && b.kind === 'initial') return 0;
    return a.text[0] === b.text[0] ? INITIAL_SIMILARITY : 0;
  }
  if (a.script !== 'latin' || b.script !== 'latin') {
    if (a.skeleton === b.skeleton) {
      const abjad = a.script === 'abjad' ? a : b.script === 'abjad' ? b : undefined;
      const other = abjad === a ? b : a;
      if (abjad === undefined || other.script !== 'latin') return VARIANT_SIMILARITY;
      return VARIANT_SIMILARITY * VOWEL_CONFLICT_FACTOR ** vowelConflicts(abjad.text, other.text);
    }
    return spellingSimilarity(a.skeleton, b.skeleton);
  }
  if (options.nameVariants !== false && a.group !== undefined && b.group !== undefined)
    return a.group === b.group ? VARIANT_SIMILARITY : 0;
  if (a.romanised === b.romanised) return ROMANISATION_SIMILARITY;
  if (a.shortVowels === b.shortVowels) return SHORT_VOWEL_SIMILARITY;
  let similarity = spellingSimilarity(a.text, b.text);
  if (!confusableInitials(a.romanised[0] ?? '', b.romanised[0] ?? ''))
    similarity *= OTHER_INITIAL_FACTOR;
  return soundAlike(a, b) ? Math.min(0.99, similarity + PHONETIC_BONUS) : similarity;
}

/**
 * A token with the spelling choices of romanisation made one way, from the systems that
 * disagree most often: Wade-Giles hs is pinyin x, x is ks (Alexey, Aleksei; Saxena,
 * Saksena) and Wade-Giles ch is pinyin zh (Chang, Zhang), ph is f, q is k, the aspirate h
 * after d, t, b, j, g goes (Qadhafi, Qaddafi; Siddharth, Sidharth) and kh is h (Mikhail,
 * Mihail), w is v, n before b or p is m (Junblat, Jumblatt), ou/oo are u, ee and y are i, ei
 * is e, doubled letters count once, a final -off/-eff is -ov/-ev, and a final -ao/-au/-aw is
 * -av (Rao and राव, Jadhao and Jadhav).
 */
export function romanisationKey(text: string): string {
  return text
    .replace(/^hs/, 'x')
    .replace(/x/g, 'ks')
    .replace(/ph/g, 'f')
    .replace(/q/g, 'k')
    .replace(/ck/g, 'k')
    .replace(/kh/g, 'h')
    .replace(/([dtbjg])h/g, '$1')
    .replace(/dj/g, 'd')
    .replace(/zh/g, 'ch')
    .replace(/w/g, 'v')
    .replace(/n([bp])/g, 'm$1')
    .replace(/ou|oo/g, 'u')
    .replace(/ee|(?!^)y/g, 'i')
    .replace(/ei/g, 'e')
    .replace(/(.)\1+/g, '$1')
    .replace(/([oe])f$/, '$1v')
    .replace(/a[vou]$/, 'av');
}

/**
 * The romanisation key without its inner a and e: the short vowels that Arabic, Urdu and
 * Hindi leave unwritten and Latin spellings place as they hear them (Pervez, Parvez; Badr,
 * Bader; Agrawal, Agarwal; Verma, Varma). The first and last letters stay, so Roberto and
 * Roberta, Deepak and Deepika stay apart.
 */
export function shortVowelKey(romanised: string): string {
  return romanised.length < 4 ? romanised : romanised.replace(/(?!^)[ae](?!$)/g, '');
}

// Pairs of first letters that romanisation or one language's spelling swaps.
const CONFUSABLE_INITIALS = new Set(
  ['ck', 'cs', 'kq', 'gk', 'gq', 'gj', 'jy', 'vb', 'fp', 'sz', 'jz', 'ct'].flatMap(([x, y]) => [
    `${x}${y}`,
    `${y}${x}`,
  ]),
);

/** First letters a romanisation may swap: any two vowels (or y), or a pair in the table. */
function confusableInitials(a: string, b: string): boolean {
  if (a === b) return true;
  if (/[aeiouy]/.test(a) && /[aeiouy]/.test(b)) return true;
  return CONFUSABLE_INITIALS.has(a + b);
}

/**
 * Arabic writes long vowels (ا a, و w, ي y) and leaves short ones out; a Latin spelling with
 * the same consonants is the same name only if its vowels agree with that. Counts the places
 * where they do not, between consonants: a long vowel the Latin spelling has no room for
 * (سليمان against Salman) or spells otherwise (حسين against Hassan), or a Latin long vowel
 * (ou, ee, ei, ai …) where the Arabic has none (محمد against Mahmoud, حسن against Hussein).
 */
export function vowelConflicts(arabic: string, latin: string): number {
  const left = vowelSlots(arabic);
  const right = vowelSlots(latin);
  if (left.length !== right.length) return 0;
  let conflicts = 0;
  // The last slot follows the last consonant: word-final vowels are too loosely spelled.
  for (let i = 0; i < left.length - 1; i++) {
    const ar = left[i] as string;
    const la = right[i] as string;
    if (ar === '') {
      if (la.length >= 2) conflicts++;
      continue;
    }
    for (const long of new Set(ar))
      if (!LATIN_FOR_LONG[long]?.test(la)) {
        conflicts++;
        break;
      }
  }
  return conflicts;
}

const LATIN_FOR_LONG: Record<string, RegExp> = { a: /a/, w: /[uow]/, y: /[iey]/ };

/**
 * The vowel letters after each consonant of the skeleton (see `consonantSkeleton`), so two
 * spellings with one skeleton can be compared slot by slot.
 */
function vowelSlots(text: string): string[] {
  const rewritten = text
    .replace(/ph/g, 'f')
    .replace(/q/g, 'k')
    .replace(/ng/g, 'n')
    .replace(/v/g, 'w')
    .replace(/^[aeiou]+/, '')
    .replace(/([bcdgkpstjz])h/g, '$1')
    // A final h (Arabic ة, Fatimah) is no consonant of the skeleton.
    .replace(/(.)h$/, '$1');
  const slots: string[] = [];
  let previous = '';
  for (const [i, ch] of [...rewritten].entries()) {
    if (i > 0 && /[aeiouyw]/.test(ch)) {
      if (slots.length > 0) slots[slots.length - 1] += ch;
      continue;
    }
    if (ch === previous && slots.at(-1) === '') continue;
    slots.push('');
    previous = ch;
  }
  return slots;
}

/**
 * Jaro-Winkler rewards a shared beginning so much that Deepak/Deepika and Alexander/Alexandra
 * score 0.99; averaging it with the share of letters that need no edit keeps typos high
 * (Jonathon/Jonathan) and brings different names that merely start alike down. Then only
 * what sits above a floor counts: Harpreet and Gurpreet are 0.8 alike, and two names.
 */
function spellingSimilarity(a: string, b: string): number {
  const edits = damerauLevenshtein(a, b);
  const length = Math.max(a.length, b.length);
  if (edits > editBudget(length)) return 0;
  const unedited = 1 - edits / length;
  const raw = (jaroWinkler(a, b) + unedited) / 2;
  return Math.max(0, (raw - SPELLING_FLOOR) / (1 - SPELLING_FLOOR));
}

/**
 * The most edits a typo makes in a word this long, after OpenSanctions' rigour
 * (`compare_parts`): log base 2.35 of the length less two, so none up to four letters, one
 * from five (Deepak and Deepika are two names), two from eight, three from fifteen.
 */
function editBudget(length: number): number {
  return Math.log(Math.max(length - 2, 1)) / Math.log(2.35);
}

function soundAlike(a: PreparedToken, b: PreparedToken): boolean {
  const [a1, a2] = a.phonetic;
  const [b1, b2] = b.phonetic;
  return a1 !== '' && (a1 === b1 || a1 === b2 || a2 === b1 || a2 === b2);
}

/**
 * The consonants of a token, spelled one way, so a romanisation from Arabic or Devanagari
 * (vowels lost) meets a Latin spelling (vowels written): Mohammed and محمد both give "mhmd".
 * Aspirates lose their h (kh, sh, bh — any-ascii writes श as "s"), q is k, v is w, vowels and
 * the semivowels y and w go unless they start the word, doubled letters count once, and a
 * final h goes (Arabic ة, Fatimah).
 */
export function consonantSkeleton(text: string): string {
  const consonants = text
    .replace(/ph/g, 'f')
    .replace(/q/g, 'k')
    .replace(/ng/g, 'n')
    .replace(/v/g, 'w')
    .replace(/(?!^)[aeiouyw]|^[aeiou]/g, '')
    // After the vowels go, so Zahra (zhr) meets زهراء (zhr) however the h fell.
    .replace(/([bcdgkpstjz])h/g, '$1')
    .replace(/(.)\1+/g, '$1');
  return consonants.length > 1 ? consonants.replace(/h$/, '') : consonants;
}
