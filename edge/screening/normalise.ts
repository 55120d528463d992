/**
 * A name as the matcher compares it: lower-case ASCII tokens, each knowing where it came from.
 * Diacritics go (José → jose), other scripts are transliterated by any-ascii (मोहम्मद →
 * mohmmd, محمد → mhmd), punctuation splits words, and a company's legal form is set aside
 * (Pvt Ltd and Private Limited are one form). Pure: runs on Node and on Workers alike.
 */
import anyAscii from 'any-ascii';
import { DEVANAGARI_WORD, devanagariToLatin } from './devanagari.js';
import { DOTTED_LEGAL_FORMS, GENERIC_COMPANY_WORDS, LEGAL_FORMS } from './legal-forms.js';

/**
 * `latin` tokens spell their vowels (Devanagari too, once its inherent "a" is restored);
 * `abjad` ones came from Arabic, Hebrew or Syriac, which write long vowels (ا و ي) and leave
 * short ones out; `consonantal` ones from the other Indic scripts, where any-ascii drops the
 * inherent "a". The last two are compared by consonants first.
 */
export type TokenScript = 'latin' | 'abjad' | 'consonantal';

/** How much a token says about who someone is. */
export type TokenKind = 'word' | 'initial' | 'particle' | 'generic';

export interface NameToken {
  readonly text: string;
  readonly script: TokenScript;
  readonly kind: TokenKind;
}

export interface NormalisedName {
  readonly tokens: readonly NameToken[];
  /** The canonical legal forms removed from the end, outermost last ("private-limited"). */
  readonly legalForms: readonly string[];
}

// Arabic "al", Dutch "van", Spanish "de" and so on: part of the name, but weak evidence.
const PARTICLES = new Set([
  'al',
  'el',
  'ul',
  'bin',
  'ibn',
  'bint',
  'van',
  'von',
  'der',
  'den',
  'de',
  'da',
  'di',
  'du',
  'del',
  'la',
  'le',
  'dos',
  'das',
]);

const ABJAD_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}]/u;
const CONSONANTAL_SCRIPT =
  /[\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}]/u;
const ARABIC_WORD = /^\p{Script=Arabic}+$/u;
// Combining diacritical marks only: the vowel signs of Devanagari and Arabic must survive.
const LATIN_DIACRITICS = /[\u0300-\u036f]/g;
const ARABIC_ARTICLE = 'ال';
const ALLAH = 'الله';
const ABD = 'عبد';

export function normaliseName(raw: string): NormalisedName {
  const words = raw
    .normalize('NFKD')
    .replace(LATIN_DIACRITICS, '')
    .normalize('NFC')
    .replace(/&/g, ' and ')
    .split(/[\s,;/()[\]{}"“”«»|+-]+/u)
    .flatMap((word, i, all) => splitArabicArticle(word, all[i - 1]))
    .filter((w) => w.length > 0);

  const tokens: NameToken[] = [];
  for (const word of words) {
    const script: TokenScript = ABJAD_SCRIPT.test(word)
      ? 'abjad'
      : CONSONANTAL_SCRIPT.test(word)
        ? 'consonantal'
        : 'latin';
    const latin = DEVANAGARI_WORD.test(word) ? devanagariToLatin(word) : anyAscii(word);
    // any-ascii writes hamza and ayn as ' and `; like the one in O'Brien, they join, not split.
    const ascii = latin.toLowerCase().replace(/['`]/g, '');
    // "L.L.C." and "S.A." are legal forms; "J.R." is two initials.
    const dotted = ascii.replace(/\./g, '');
    if (/^([a-z]\.)+[a-z]?\.?$/.test(ascii) && DOTTED_LEGAL_FORMS.has(dotted)) {
      tokens.push(token(dotted, script));
      continue;
    }
    for (const part of ascii.split(/[^a-z0-9]+/)) {
      if (part.length > 0) tokens.push(token(part, script));
    }
  }
  return stripLegalForms(tokens);
}

function token(text: string, script: TokenScript): NameToken {
  const kind: TokenKind =
    text.length === 1
      ? 'initial'
      : PARTICLES.has(text)
        ? 'particle'
        : GENERIC_COMPANY_WORDS.has(text)
          ? 'generic'
          : 'word';
  return { text: kind === 'particle' && /^(el|ul)$/.test(text) ? 'al' : text, script, kind };
}

/**
 * The Arabic article is written joined to its noun (الراشد); Latin spells it apart (Al-Rashid).
 * After عبد it stays: "Abd al-Rahman" is one name, written Abdulrahman as often as not.
 */
function splitArabicArticle(word: string, previous: string | undefined): string[] {
  const article = ARABIC_WORD.test(word) && word.startsWith(ARABIC_ARTICLE) && word.length > 3;
  if (article && word !== ALLAH && previous !== ABD)
    return ['al', word.slice(ARABIC_ARTICLE.length)];
  return [word];
}

function stripLegalForms(tokens: NameToken[]): NormalisedName {
  const kept = [...tokens];
  const legalForms: string[] = [];
  // Keep at least one word: a company called "Company" is still a name.
  for (let found = true; found && kept.length > 1; ) {
    found = false;
    for (const form of LEGAL_FORMS) {
      const n = form.words.length;
      if (n >= kept.length) continue;
      const tail = kept.slice(-n).map((t) => t.text);
      if (tail.every((w, i) => w === form.words[i])) {
        kept.splice(-n, n);
        legalForms.unshift(form.canonical);
        // "Zenith Exports & Co": the "and" that joined the form goes with it.
        if (kept.length > 1 && kept.at(-1)?.text === 'and') kept.pop();
        found = true;
        break;
      }
    }
  }
  return { tokens: kept, legalForms };
}

/** The normalised name as one string, e.g. for a plain full-string comparison. */
export function normalisedText(name: NormalisedName): string {
  return name.tokens.map((t) => t.text).join(' ');
}
