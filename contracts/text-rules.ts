/**
 * Text rules without zod, for code that must not bundle it (the onboarding widget checks each
 * field as the customer types): the same patterns the zod contracts apply on the edge.
 * `test/contracts/text-rules.test.ts` fails if the email pattern drifts from zod's.
 */

/**
 * Characters display text may not hold: controls (C0, DEL, C1), lone surrogates, line and
 * paragraph separators, bidi embeddings, overrides and isolates (they reorder what a customer
 * reads), the deprecated format controls, BOM, interlinear annotations and non-characters.
 * ZWJ/ZWNJ stay (Indic and Arabic scripts need them), and so do the bidi marks LRM, RLM, ALM,
 * which only steer neutral characters.
 */
export const UNSAFE_TEXT =
  /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069\u206A-\u206F\uFEFF\uFFF9-\uFFFB\p{Noncharacter_Code_Point}]/u;

/** zod's `z.email()` pattern (its default, "html5-like but stricter"), copied to stay zod-free. */
export const EMAIL_PATTERN =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

/** `YYYY-MM-DD` naming a real calendar day, as `z.iso.date()` accepts it. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
