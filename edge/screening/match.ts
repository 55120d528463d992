/**
 * Scores two names 0..1 by aligning their tokens, in any order: each token of one name pairs
 * with at most one of the other (or with two adjacent ones written as one word: Abu Bakr and
 * Abubakar), best pairs first. Matched tokens count by their similarity and weight; tokens
 * left over count against the score, less so when only one name has them (a middle name the
 * other record leaves out) than when both do (two different given names), and less still
 * when every pair besides is strong.
 */
import { type NormalisedName, normaliseName, type TokenKind } from './normalise.js';
import {
  type PreparedToken,
  prepareToken,
  type SimilarityOptions,
  tokenSimilarity,
} from './token-similarity.js';

export interface PreparedName {
  readonly raw: string;
  readonly normalised: NormalisedName;
  readonly tokens: readonly PreparedToken[];
  /** Adjacent token pairs written as one word, with the two positions they cover. */
  readonly joined: readonly { token: PreparedToken; first: number }[];
}

export type MatchOptions = SimilarityOptions;

const WEIGHT: Record<TokenKind, number> = {
  word: 1,
  // An initial agrees with every name that starts with its letter.
  initial: 0.5,
  particle: 0.3,
  generic: 0.5,
};
/** Below this, two tokens are not taken as the same word at all. */
const MIN_ALIGNED_SIMILARITY = 0.5;
/** What a token only one name has costs, against one the other name contradicts. */
const ONE_SIDED_EXTRA_COST = 0.5;
/**
 * Less still when every token of the other name found a strong partner: Walid Junblat
 * Haddad is Walid Jumblatt with a surname the other record leaves out. (OpenSanctions'
 * logic-v2 weighs the candidate's extra name parts at 0.2.)
 */
const EXTRA_AFTER_STRONG_MATCH_COST = 0.25;
const STRONG_SIMILARITY = 0.85;

export function prepareName(raw: string): PreparedName {
  const normalised = normaliseName(raw);
  const tokens = normalised.tokens.map(prepareToken);
  const joined = tokens.slice(1).flatMap((second, i) => {
    const first = tokens[i] as PreparedToken;
    if (first.kind === 'initial' || second.kind === 'initial') return [];
    return [
      {
        token: prepareToken({
          text: first.text + second.text,
          script: first.script === 'latin' ? second.script : first.script,
          kind: 'word',
        }),
        first: i,
      },
    ];
  });
  return { raw, normalised, tokens, joined };
}

interface Candidate {
  readonly a: readonly number[];
  readonly b: readonly number[];
  readonly similarity: number;
}

/** The similarity of two names, 0..1, the same whichever is given first. */
export function scoreNames(
  a: string | PreparedName,
  b: string | PreparedName,
  options: MatchOptions = {},
): number {
  const left = typeof a === 'string' ? prepareName(a) : a;
  const right = typeof b === 'string' ? prepareName(b) : b;
  if (left.tokens.length === 0 || right.tokens.length === 0) return 0;

  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let matched = 0;
  let matchedWeight = 0;
  let weakest = 1;
  for (const pair of candidates(left, right, options)) {
    if (pair.a.some((i) => usedA.has(i)) || pair.b.some((j) => usedB.has(j))) continue;
    for (const i of pair.a) usedA.add(i);
    for (const j of pair.b) usedB.add(j);
    const weight = weightOf(left, pair.a) + weightOf(right, pair.b);
    matched += pair.similarity * weight;
    matchedWeight += weight;
    weakest = Math.min(weakest, pair.similarity);
  }
  if (matchedWeight === 0) return 0;

  const extraA = weightOf(left, unused(left, usedA));
  const extraB = weightOf(right, unused(right, usedB));
  const cost =
    extraA > 0 && extraB > 0
      ? 1
      : weakest >= STRONG_SIMILARITY
        ? EXTRA_AFTER_STRONG_MATCH_COST
        : ONE_SIDED_EXTRA_COST;
  return matched / (matchedWeight + cost * (extraA + extraB));
}

/** Every token pairing worth considering, best first. */
function candidates(left: PreparedName, right: PreparedName, options: MatchOptions): Candidate[] {
  const found: Candidate[] = [];
  const consider = (a: number[], ta: PreparedToken, b: number[], tb: PreparedToken) => {
    const similarity = tokenSimilarity(ta, tb, options);
    if (similarity >= MIN_ALIGNED_SIMILARITY) found.push({ a, b, similarity });
  };
  left.tokens.forEach((ta, i) => {
    right.tokens.forEach((tb, j) => {
      consider([i], ta, [j], tb);
    });
    for (const { token, first } of right.joined) consider([i], ta, [first, first + 1], token);
  });
  for (const { token, first } of left.joined)
    right.tokens.forEach((tb, j) => {
      consider([first, first + 1], token, [j], tb);
    });
  // Best first; on a tie, the plain one-to-one pairing.
  return found.sort(
    (x, y) => y.similarity - x.similarity || x.a.length + x.b.length - (y.a.length + y.b.length),
  );
}

function weightOf(name: PreparedName, positions: Iterable<number>): number {
  let total = 0;
  for (const i of positions) total += WEIGHT[(name.tokens[i] as PreparedToken).kind];
  return total;
}

function unused(name: PreparedName, used: ReadonlySet<number>): number[] {
  return name.tokens.map((_, i) => i).filter((i) => !used.has(i));
}

/**
 * A name pair at or above this is a hit. Chosen on the tuning set
 * (test/fixtures/screening/pairs.csv) to keep recall at 98% or more; docs/screening.md has
 * the figures. Tenants may set their own.
 */
export const DEFAULT_THRESHOLD = 0.78;
