/**
 * Measuring the matcher on a labelled set: a CSV of name pairs (`a,b,match`, match 1 or 0, an
 * optional `category`), scored at a threshold into recall (true pairs found) and false-hit
 * rate (different people flagged). Shared by the benchmark and the test that guards the
 * figures, so both count the same way.
 */
import Papa from 'papaparse';

export interface LabelledPair {
  readonly a: string;
  readonly b: string;
  readonly match: boolean;
  readonly category: string;
  /** Line in the file, for messages (the header is line 1). */
  readonly line: number;
}

/** A labelled-pairs file that cannot be read, with the line at fault. */
export class PairsFileError extends Error {
  readonly line: number;

  constructor(message: string, line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'PairsFileError';
    this.line = line;
  }
}

const REQUIRED_COLUMNS = ['a', 'b', 'match'] as const;

export function parseLabelledPairs(csv: string): LabelledPair[] {
  const parsed = Papa.parse<Record<string, string | undefined>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const columns = parsed.meta.fields ?? [];
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0)
    throw new PairsFileError(
      `the header needs columns a,b,match (missing ${missing}); got "${columns}"`,
      1,
    );
  const [error] = parsed.errors;
  if (error) throw new PairsFileError(error.message, (error.row ?? 0) + 2);

  return parsed.data.map((row, index) => {
    const line = index + 2;
    const a = row.a?.trim() ?? '';
    const b = row.b?.trim() ?? '';
    const match = row.match?.trim();
    if (!a || !b) throw new PairsFileError('both names (a and b) are needed', line);
    if (match !== '1' && match !== '0')
      throw new PairsFileError(`match must be 1 or 0, got "${match ?? ''}"`, line);
    return { a, b, match: match === '1', category: row.category?.trim() || 'uncategorised', line };
  });
}

export interface ScoredPair extends LabelledPair {
  readonly score: number;
}

export interface Evaluation {
  readonly pairs: number;
  readonly recall: number;
  readonly falseHitRate: number;
  readonly threshold: number;
  /** True pairs scored below the threshold. */
  readonly misses: readonly ScoredPair[];
  /** Different names scored at or above it. */
  readonly falseHits: readonly ScoredPair[];
}

export function evaluate(
  pairs: readonly LabelledPair[],
  score: (a: string, b: string) => number,
  threshold: number,
): Evaluation {
  const scored = pairs.map((p) => ({ ...p, score: score(p.a, p.b) }));
  const matches = scored.filter((p) => p.match);
  const nonMatches = scored.filter((p) => !p.match);
  const misses = matches.filter((p) => p.score < threshold);
  const falseHits = nonMatches.filter((p) => p.score >= threshold);
  return {
    pairs: pairs.length,
    // A set with no true pairs misses none; one with no false pairs flags none.
    recall: matches.length === 0 ? 1 : (matches.length - misses.length) / matches.length,
    falseHitRate: nonMatches.length === 0 ? 0 : falseHits.length / nonMatches.length,
    threshold,
    misses,
    falseHits,
  };
}
