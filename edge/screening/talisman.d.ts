// talisman ships CommonJS without type declarations; these are the two functions we use.
declare module 'talisman/metrics/jaro-winkler.js' {
  /** Jaro-Winkler similarity, 0..1 (prefix boost 0.1, threshold 0.7). */
  const jaroWinkler: (a: string, b: string) => number;
  export = jaroWinkler;
}

declare module 'talisman/phonetics/double-metaphone.js' {
  /** Lawrence Philips' Double Metaphone: [primary, secondary] codes, four characters at most. */
  const doubleMetaphone: (word: string) => [string, string];
  export = doubleMetaphone;
}

declare module 'talisman/metrics/damerau-levenshtein.js' {
  /** Edits (insert, delete, substitute, swap two neighbours) between two strings. */
  const damerauLevenshtein: (a: string, b: string) => number;
  export = damerauLevenshtein;
}
