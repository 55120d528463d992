/**
 * A tenant's sanctions or PEP list, uploaded as CSV or JSON, parsed into screening entries.
 * Untrusted input: every row is checked by zod, and an error names the row (CSV line or JSON
 * index) and the field. Bounded, so one upload cannot hold the edge: at most
 * `MAX_LIST_ENTRIES` entries, names and aliases at most `MAX_NAME_LENGTH` characters.
 *
 * CSV columns: name, aliases (separated by `;`), date_of_birth (YYYY-MM-DD or YYYY),
 * country (ISO alpha-2), list, reference. JSON: an array of
 * `{ name, aliases?, dateOfBirth?, country?, list, reference }`.
 */
import Papa from 'papaparse';
import { z } from 'zod';
import type { ScreeningEntry } from './screen.js';

export const MAX_LIST_ENTRIES = 50_000;
export const MAX_NAME_LENGTH = 200;
const MAX_ALIASES = 50;

const nameSchema = z
  .string()
  .trim()
  .min(1, 'is empty')
  .max(MAX_NAME_LENGTH, `is longer than ${MAX_NAME_LENGTH} characters`);
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

export const screeningEntrySchema = z
  .object({
    name: nameSchema,
    aliases: z
      .array(nameSchema)
      .max(MAX_ALIASES, `has more than ${MAX_ALIASES} aliases`)
      .default([]),
    dateOfBirth: optional(z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/, 'must be YYYY-MM-DD or YYYY')),
    country: optional(
      z
        .string()
        .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code')
        .transform((c) => c.toUpperCase()),
    ),
    list: z.string().trim().min(1, 'is empty').max(100),
    reference: z.string().trim().min(1, 'is empty').max(100),
  })
  .strict();

/** An upload that cannot be used, with every problem found (up to a limit). */
export class ListUploadError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`the list cannot be loaded: ${problems.join('; ')}`);
    this.name = 'ListUploadError';
    this.problems = problems;
  }
}

const MAX_PROBLEMS = 20;

export function parseListCsv(csv: string): ScreeningEntry[] {
  const parsed = Papa.parse<Record<string, string | undefined>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
    // One row past the limit is enough to know it is too long.
    preview: MAX_LIST_ENTRIES + 1,
  });
  const columns = parsed.meta.fields ?? [];
  for (const required of ['name', 'list', 'reference'])
    if (!columns.includes(required))
      throw new ListUploadError([`the header has no "${required}" column`]);
  const syntax = parsed.errors
    .slice(0, MAX_PROBLEMS)
    .map((e) => `line ${(e.row ?? 0) + 2}: ${e.message}`);
  if (syntax.length > 0) throw new ListUploadError(syntax);
  return validate(
    parsed.data.map((row) => ({
      name: row.name,
      aliases: (row.aliases ?? '')
        .split(';')
        .map((a) => a.trim())
        .filter((a) => a.length > 0),
      dateOfBirth: row.date_of_birth ?? row.dateofbirth,
      country: row.country,
      list: row.list,
      reference: row.reference,
    })),
    (i) => `line ${i + 2}`,
  );
}

export function parseListJson(json: string): ScreeningEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new ListUploadError(['the body is not valid JSON']);
  }
  if (!Array.isArray(data)) throw new ListUploadError(['the body must be a JSON array of entries']);
  return validate(data, (i) => `entry ${i}`);
}

function validate(rows: readonly unknown[], where: (i: number) => string): ScreeningEntry[] {
  if (rows.length > MAX_LIST_ENTRIES)
    throw new ListUploadError([`the list has more than ${MAX_LIST_ENTRIES} entries`]);
  const problems: string[] = [];
  const entries: ScreeningEntry[] = [];
  rows.forEach((row, i) => {
    const result = screeningEntrySchema.safeParse(row);
    if (result.success) entries.push(result.data);
    else
      for (const issue of result.error.issues)
        problems.push(`${where(i)}: ${issue.path.join('.') || 'entry'} ${issue.message}`);
  });
  if (problems.length > 0) throw new ListUploadError(problems.slice(0, MAX_PROBLEMS));
  return entries;
}
