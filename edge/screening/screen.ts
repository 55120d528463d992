/**
 * Screening one subject (a company, a signatory, a contact) against a tenant's list. Every
 * name and alias of an entry is scored; the entry's hit is its best name, then adjusted by
 * what else both sides know:
 *
 * - date of birth: the same date adds 0.05, the same year (one side gives only a year) adds
 *   0.02, a different year takes 0.15 — records disagree on days more often than on years;
 * - country: the same adds 0.02, a different one takes 0.05 (people move; lists lag).
 *
 * Missing facts change nothing: a list without dates must still catch the name. The adjusted
 * score is clamped to 0..1 and compared with the threshold.
 *
 * For a list of thousands, `indexEntries` prepares every name once and keys it by the phonetic
 * codes and consonant skeletons of its tokens, so a subject is scored only against entries
 * that share at least one key.
 */
import {
  DEFAULT_THRESHOLD,
  type MatchOptions,
  type PreparedName,
  prepareName,
  scoreNames,
} from './match.js';

export interface ScreeningEntry {
  readonly name: string;
  readonly aliases: readonly string[];
  /** YYYY-MM-DD or YYYY. */
  readonly dateOfBirth?: string | undefined;
  /** ISO 3166-1 alpha-2. */
  readonly country?: string | undefined;
  readonly list: string;
  readonly reference: string;
}

export interface ScreeningSubject {
  readonly name: string;
  readonly dateOfBirth?: string | undefined;
  readonly country?: string | undefined;
}

export interface ScreeningHit {
  readonly entry: ScreeningEntry;
  /** The entry's name or alias that matched best. */
  readonly matchedName: string;
  /** The name score alone. */
  readonly nameScore: number;
  /** The name score adjusted by date of birth and country. */
  readonly score: number;
}

export interface ScreeningIndex {
  readonly entries: readonly ScreeningEntry[];
  readonly names: readonly { readonly entry: number; readonly name: PreparedName }[];
  readonly byKey: ReadonlyMap<string, readonly number[]>;
}

export interface ScreenOptions extends MatchOptions {
  readonly threshold?: number;
}

const DOB_SAME_DATE = 0.05;
const DOB_SAME_YEAR = 0.02;
const DOB_DIFFERENT_YEAR = -0.15;
const COUNTRY_SAME = 0.02;
const COUNTRY_DIFFERENT = -0.05;

export function indexEntries(entries: readonly ScreeningEntry[]): ScreeningIndex {
  const names = entries.flatMap((entry, i) =>
    [entry.name, ...entry.aliases].map((raw) => ({ entry: i, name: prepareName(raw) })),
  );
  const byKey = new Map<string, number[]>();
  names.forEach(({ name }, n) => {
    for (const key of blockingKeys(name)) {
      const list = byKey.get(key);
      if (list) list.push(n);
      else byKey.set(key, [n]);
    }
  });
  return { entries, names, byKey };
}

/** Hits at or above the threshold, best first. */
export function screen(
  subject: ScreeningSubject,
  list: ScreeningIndex | readonly ScreeningEntry[],
  options: ScreenOptions = {},
): ScreeningHit[] {
  const index = 'byKey' in list ? list : indexEntries(list);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const prepared = prepareName(subject.name);
  const candidates = new Set<number>();
  for (const key of blockingKeys(prepared))
    for (const n of index.byKey.get(key) ?? []) candidates.add(n);

  const best = new Map<number, ScreeningHit>();
  for (const n of candidates) {
    const { entry: i, name } = index.names[n] as ScreeningIndex['names'][number];
    const entry = index.entries[i] as ScreeningEntry;
    const nameScore = scoreNames(prepared, name, options);
    const score = clamp(nameScore + adjustment(subject, entry));
    const previous = best.get(i);
    if (!previous || score > previous.score)
      best.set(i, { entry, matchedName: name.raw, nameScore, score });
  }
  return [...best.values()]
    .filter((hit) => hit.score >= threshold)
    .sort((a, b) => b.score - a.score || a.entry.reference.localeCompare(b.entry.reference));
}

/** What date of birth and country add to or take from a name score (see the module note). */
export function adjustment(subject: ScreeningSubject, entry: ScreeningEntry): number {
  let delta = 0;
  if (subject.dateOfBirth && entry.dateOfBirth) {
    const sameYear = subject.dateOfBirth.slice(0, 4) === entry.dateOfBirth.slice(0, 4);
    if (!sameYear) delta += DOB_DIFFERENT_YEAR;
    else if (subject.dateOfBirth === entry.dateOfBirth) delta += DOB_SAME_DATE;
    else if (subject.dateOfBirth.length === 4 || entry.dateOfBirth.length === 4)
      delta += DOB_SAME_YEAR;
    // Same year, two different full dates: neither for nor against.
  }
  if (subject.country && entry.country)
    delta +=
      subject.country.toUpperCase() === entry.country.toUpperCase()
        ? COUNTRY_SAME
        : COUNTRY_DIFFERENT;
  return delta;
}

/**
 * Keys under which a name is filed: each word's Double Metaphone codes, consonant skeleton,
 * romanisation and short-vowel keys and name group, and the same for adjacent words run
 * together, so "Gulfstar" finds "Gulf Star". A true match shares at least one word that
 * sounds or is spelled alike, so it shares a key.
 */
function blockingKeys(name: PreparedName): Set<string> {
  const keys = new Set<string>();
  for (const token of [...name.tokens, ...name.joined.map((j) => j.token)]) {
    if (token.kind === 'initial' || token.kind === 'particle') continue;
    if (token.phonetic[0]) keys.add(`p:${token.phonetic[0]}`);
    if (token.phonetic[1]) keys.add(`p:${token.phonetic[1]}`);
    keys.add(`s:${token.skeleton}`);
    keys.add(`r:${token.romanised}`);
    keys.add(`v:${token.shortVowels}`);
    if (token.group !== undefined) keys.add(`g:${token.group}`);
  }
  return keys;
}

function clamp(score: number): number {
  return Math.min(1, Math.max(0, score));
}
