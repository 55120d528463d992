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
}

/** An initial against a word that starts with it: likely the same, never certain. */
export const INITIAL_SIMILARITY = 0.9;
/** Two spellings of one name (Mohammed, Muhammad), or one consonant skeleton (محمد, Mohammed). */
export const VARIANT_SIMILARITY = 0.95;
/** Two spellings that differ only in romanisation's free choices (Hadad, Haddad). */
export const ROMANISATION_SIMILARITY = 0.9;
// Sounding alike is supporting evidence, not proof: Hassan and Hussein share a key.
const PHONETIC_BONUS = 0.05;
const SPELLING_FLOOR = 0.6;

export interface SimilarityOptions {
  /** Use the table of known spellings of common names (on by default). */
  readonly nameVariants?: boolean;
}

export function prepareToken(token: NameToken): PreparedToken {
  return {
    ...token,
    skeleton: consonantSkeleton(token.text),
    phonetic: token.kind === 'initial' ? ['', ''] : doubleMetaphone(token.text),
    group: variantGroup(token.text),
    romanised: romanisationKey(token.text),
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
  if (a.script === 'consonantal' || b.script === 'consonantal') {
    if (a.skeleton === b.skeleton) return VARIANT_SIMILARITY;
    return spellingSimilarity(a.skeleton, b.skeleton);
  }
  if (options.nameVariants !== false && a.group !== undefined && b.group !== undefined)
    return a.group === b.group ? VARIANT_SIMILARITY : 0;
  if (a.romanised === b.romanised) return ROMANISATION_SIMILARITY;
  const similarity = spellingSimilarity(a.text, b.text);
  return soundAlike(a, b) ? Math.min(0.99, similarity + PHONETIC_BONUS) : similarity;
}

/**
 * A token with the spelling choices of romanisation made one way: ou/oo are u, ee and y are
 * i (Sreenivasan, Srinivasan; Aly, Ali), doubled letters count once (Hadad, Haddad), q is k,
 * dj is d (Đorđe, Djordje), a final -off is -ov.
 */
export function romanisationKey(text: string): string {
  return text
    .replace(/ou|oo/g, 'u')
    .replace(/ee|(?!^)y/g, 'i')
    .replace(/ei/g, 'e')
    .replace(/q/g, 'k')
    .replace(/ph/g, 'f')
    .replace(/dj/g, 'd')
    .replace(/(.)\1+/g, '$1')
    .replace(/of$/, 'ov');
}

/**
 * Jaro-Winkler rewards a shared beginning so much that Deepak/Deepika and Alexander/Alexandra
 * score 0.99; averaging it with the share of letters that need no edit keeps typos high
 * (Jonathon/Jonathan) and brings different names that merely start alike down. Then only
 * what sits above a floor counts: Harpreet and Gurpreet are 0.8 alike, and two names.
 */
function spellingSimilarity(a: string, b: string): number {
  const unedited = 1 - damerauLevenshtein(a, b) / Math.max(a.length, b.length);
  const raw = (jaroWinkler(a, b) + unedited) / 2;
  return Math.max(0, (raw - SPELLING_FLOOR) / (1 - SPELLING_FLOOR));
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
