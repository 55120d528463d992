/**
 * CSV for the export (RFC 4180: CRLF rows, fields quoted when they hold a comma, quote or line
 * break, quotes doubled). A cell a spreadsheet would run as a formula — starting with `=`,
 * `+`, `-`, `@`, a tab or a carriage return — is prefixed with `'` so it stays text (OWASP's
 * CSV-injection advice): application data is typed by customers, and opened by bank staff.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The header row, then one row per record, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows]
    .map((row) => `${row.map((v) => csvCell(v as string | number | boolean | null)).join(',')}\r\n`)
    .join('');
}
