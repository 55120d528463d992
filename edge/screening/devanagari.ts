/**
 * Devanagari to Latin the way Hindi names are spelled in Latin (चौहान → chauhan, सक्सेना →
 * saksena, गौरव → gaurav), not the way any-ascii writes it (cauhan, sksena, gaurv). Two rules
 * make the difference: every consonant carries an inherent "a" unless a vowel sign or a virama
 * follows, and Hindi drops that "a" at the end of a word and between a vowel-consonant and a
 * consonant-vowel (schwa deletion, Ohala's rule: कमला kamla, मेहता mehta). Aspirates and
 * palatals take their usual Latin digraphs (kh, chh, sh, bh).
 */
const CONSONANTS: Record<string, string> = {
  क: 'k',
  ख: 'kh',
  ग: 'g',
  घ: 'gh',
  ङ: 'n',
  च: 'ch',
  छ: 'chh',
  ज: 'j',
  झ: 'jh',
  ञ: 'n',
  ट: 't',
  ठ: 'th',
  ड: 'd',
  ढ: 'dh',
  ण: 'n',
  त: 't',
  थ: 'th',
  द: 'd',
  ध: 'dh',
  न: 'n',
  प: 'p',
  फ: 'ph',
  ब: 'b',
  भ: 'bh',
  म: 'm',
  य: 'y',
  र: 'r',
  ल: 'l',
  ळ: 'l',
  व: 'v',
  श: 'sh',
  ष: 'sh',
  स: 's',
  ह: 'h',
};
// A consonant with a nukta below: the sounds Hindi borrowed from Persian and Arabic.
const NUKTA: Record<string, string> = {
  k: 'q',
  kh: 'kh',
  g: 'gh',
  j: 'z',
  d: 'r',
  dh: 'rh',
  ph: 'f',
  y: 'y',
};
const VOWELS: Record<string, string> = {
  अ: 'a',
  आ: 'a',
  इ: 'i',
  ई: 'i',
  उ: 'u',
  ऊ: 'u',
  ऋ: 'ri',
  ए: 'e',
  ऐ: 'ai',
  ओ: 'o',
  औ: 'au',
  ऑ: 'o',
  ऍ: 'e',
};
const VOWEL_SIGNS: Record<string, string> = {
  'ा': 'a',
  'ि': 'i',
  'ी': 'i',
  'ु': 'u',
  'ू': 'u',
  'ृ': 'ri',
  'े': 'e',
  'ै': 'ai',
  'ो': 'o',
  'ौ': 'au',
  'ॉ': 'o',
  'ॅ': 'e',
};
const VIRAMA = '\u094d';
const NUKTA_SIGN = '\u093c';
const ANUSVARA = '\u0902';
const CANDRABINDU = '\u0901';
const VISARGA = '\u0903';
const LABIALS = new Set(['p', 'ph', 'b', 'bh', 'm']);
// A final "a" stays after a cluster ending in one of these: मित्र mitra, नरेन्द्र narendra.
const KEEPS_FINAL_A = new Set(['r', 'l', 'y', 'v']);

interface Segment {
  readonly text: string;
  readonly vowel: boolean;
  /** An inherent "a", which Hindi may drop. */
  readonly inherent?: boolean;
}

export const DEVANAGARI_WORD = /^[\u0900-\u097f]+$/u;

export function devanagariToLatin(word: string): string {
  const chars = [...word];
  const segments: Segment[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const consonant = CONSONANTS[ch];
    if (consonant !== undefined) {
      let text = consonant;
      if (chars[i + 1] === NUKTA_SIGN) {
        text = NUKTA[consonant] ?? consonant;
        i++;
      }
      segments.push({ text, vowel: false });
      const next = chars[i + 1];
      if (next === VIRAMA) i++;
      else if (next !== undefined && VOWEL_SIGNS[next] !== undefined) {
        segments.push({ text: VOWEL_SIGNS[next] as string, vowel: true });
        i++;
      } else segments.push({ text: 'a', vowel: true, inherent: true });
    } else if (VOWELS[ch] !== undefined) segments.push({ text: VOWELS[ch] as string, vowel: true });
    else if (ch === ANUSVARA || ch === CANDRABINDU) {
      // Written m before p, b, m (संभव sambhav), n elsewhere.
      const following = chars[i + 1] === undefined ? undefined : CONSONANTS[chars[i + 1] as string];
      segments.push({ text: following && LABIALS.has(following) ? 'm' : 'n', vowel: false });
    } else if (ch === VISARGA) segments.push({ text: 'h', vowel: false });
  }
  return deleteSchwas(segments)
    .map((s) => s.text)
    .join('');
}

function deleteSchwas(segments: Segment[]): Segment[] {
  const kept = [...segments];
  const vowels = kept.filter((s) => s.vowel).length;
  const last = kept.at(-1);
  if (last?.inherent && vowels > 1) {
    const cluster = kept.length >= 3 && !kept.at(-3)?.vowel;
    if (!(cluster && KEEPS_FINAL_A.has(kept.at(-2)?.text ?? ''))) kept.pop();
  }
  // V C a C V → V C C V, right to left so one deletion can license the next.
  for (let i = kept.length - 2; i >= 2; i--) {
    const s = kept[i] as Segment;
    if (!s.inherent) continue;
    const before = kept[i - 1] as Segment;
    const beforeThat = kept[i - 2] as Segment;
    const after = kept[i + 1];
    const afterThat = kept[i + 2];
    if (
      !before.vowel &&
      beforeThat.vowel &&
      after !== undefined &&
      !after.vowel &&
      afterThat?.vowel === true
    )
      kept.splice(i, 1);
  }
  return kept;
}
