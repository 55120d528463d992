/**
 * The brand input: the only thing a tenant sends to theme its widgets. A strict allowlist of
 * typed values; every string is checked against a grammar and re-serialised, so nothing a
 * tenant typed is passed through to CSS, HTML or URLs as-is.
 */
import { z } from 'zod';
// The one slug rule, shared with the admin API: contracts/primitives is the one module outside
// themes/ the engine may import (zod only, pure), so the theme's slug cannot drift from the tenant's.
import { PUBLIC_HTTPS_URL, slugSchema } from '../contracts/primitives.js';
import { parseColor } from './color.js';
import { redactCredentials } from './redact.js';

// A bank's display name: letters and digits of any script, plus a little punctuation.
const NAME = /^[\p{L}\p{N}](?:[\p{L}\p{N} &.,'’()-]{0,78}[\p{L}\p{N}.)])?$/u;
// One font family name; it is always emitted quoted, so keywords are harmless.
const FONT_FAMILY = /^[A-Za-z0-9](?:[A-Za-z0-9 -]{0,62}[A-Za-z0-9])?$/;
// Asset URLs: the shared public-https rule (contracts/primitives.ts).
const ASSET_URL = PUBLIC_HTTPS_URL;
const IMAGE_PATH = /\.(?:png|svg|webp|jpe?g|gif|avif)$/i;
const FONT_PATH = /\.(?:woff2|woff|ttf|otf)$/i;

const COLOR_EXPECTED = 'a colour as #rgb, #rrggbb, rgb(), hsl() or oklch()';

/** A colour in any accepted notation, normalised to `#rrggbb`. */
const color = z.string({ error: COLOR_EXPECTED }).transform((value, ctx) => {
  const parsed = parseColor(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  }
  return parsed.hex;
});

function assetUrl(kind: string, path: RegExp, extensions: string) {
  const expected = `an https URL of ${kind} on a public host name (no credentials, IP addresses, quotes, spaces or parentheses)`;
  return z
    .string({ error: expected })
    .max(2048, { error: `${expected}, at most 2048 characters` })
    .regex(ASSET_URL, { error: expected })
    .transform((value, ctx) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: expected });
        return z.NEVER;
      }
      if (url.port !== '' && Number(url.port) > 65535) {
        ctx.addIssue({ code: 'custom', message: `${expected}, with a port up to 65535` });
        return z.NEVER;
      }
      if (!path.test(url.pathname)) {
        ctx.addIssue({
          code: 'custom',
          message: `${expected}, with a path ending in ${extensions}`,
        });
        return z.NEVER;
      }
      return url.href;
    });
}

function rangedNumber(expected: string, min: number, max: number) {
  return z.number({ error: expected }).min(min, { error: expected }).max(max, { error: expected });
}

export const brandColorsSchema = z.strictObject(
  {
    primary: color,
    secondary: color.optional(),
    accent: color.optional(),
    neutral: color.optional(),
    success: color.optional(),
    warning: color.optional(),
    danger: color.optional(),
  },
  { error: 'an object of colours with at least "primary"' },
);

export const brandSchema = z.strictObject(
  {
    slug: slugSchema,
    name: z
      .string({ error: "a display name of 1–80 letters, digits, spaces and & . , ' ( ) -" })
      .regex(NAME, { error: "a display name of 1–80 letters, digits, spaces and & . , ' ( ) -" }),
    colors: brandColorsSchema,
    typography: z
      .strictObject(
        {
          fontFamily: z
            .string({ error: 'a font family name of letters, digits, spaces and hyphens' })
            .regex(FONT_FAMILY, {
              error: 'a font family name of 1–64 letters, digits, single spaces and hyphens',
            })
            .refine((v) => !v.includes('  '), { error: 'a font family name without double spaces' })
            .optional(),
          fontSource: assetUrl('a font file', FONT_PATH, '.woff2, .woff, .ttf or .otf').optional(),
          genericFamily: z
            .enum(['sans-serif', 'serif', 'monospace', 'system-ui'], {
              error: 'one of "sans-serif", "serif", "monospace", "system-ui"',
            })
            .default('sans-serif'),
          baseSize: rangedNumber('a base font size in px from 14 to 20', 14, 20).default(16),
          scale: rangedNumber('a type scale ratio from 1.067 to 1.618', 1.067, 1.618).default(1.2),
        },
        { error: 'an object with fontFamily, fontSource, genericFamily, baseSize and scale' },
      )
      .default({ genericFamily: 'sans-serif', baseSize: 16, scale: 1.2 }),
    shape: z
      .strictObject(
        { radius: rangedNumber('a corner radius in px from 0 to 24', 0, 24) },
        { error: 'an object with radius' },
      )
      .default({ radius: 8 }),
    density: z
      .enum(['compact', 'comfortable'], { error: 'one of "compact", "comfortable"' })
      .default('comfortable'),
    mode: z
      .enum(['light', 'dark', 'auto'], { error: 'one of "light", "dark", "auto"' })
      .default('light'),
    logo: assetUrl(
      'an image',
      IMAGE_PATH,
      '.png, .svg, .webp, .jpg, .jpeg, .gif or .avif',
    ).optional(),
  },
  { error: 'a brand object' },
);

/** What a tenant sends (before defaults and normalisation). */
export type BrandInput = z.input<typeof brandSchema>;
/** A validated brand: defaults filled in, colours as `#rrggbb`, URLs re-serialised. */
export type Brand = z.output<typeof brandSchema>;
export type BrandColorKey = keyof z.output<typeof brandColorsSchema>;

/** One problem with the brand input, located by a JSON Pointer into it. */
export interface BrandError {
  path: string;
  message: string;
  expected: string;
  received: string;
}

export type BrandParseResult = { ok: true; brand: Brand } | { ok: false; errors: BrandError[] };

/** Validates and normalises a brand. Never throws; every error names its JSON path. */
export function parseBrand(input: unknown): BrandParseResult {
  const result = brandSchema.safeParse(input);
  if (result.success) return { ok: true, brand: result.data };
  const errors = result.error.issues.flatMap((issue) => toBrandErrors(issue, input));
  return { ok: false, errors };
}

function toBrandErrors(issue: z.core.$ZodIssue, input: unknown): BrandError[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      return brandError(path, 'only the documented keys (this one is unknown)', input);
    });
  }
  return [brandError(issue.path, issue.message, input)];
}

function brandError(path: PropertyKey[], expected: string, input: unknown): BrandError {
  const pointer = toJsonPointer(path);
  const received = describeValue(valueAt(input, path));
  return {
    path: pointer,
    message: `${pointer || '/'}: expected ${expected}, received ${received}`,
    expected,
    received,
  };
}

/** RFC 6901 JSON Pointer for a zod path; unknown keys are shown escaped and shortened. */
export function toJsonPointer(path: readonly PropertyKey[]): string {
  return path
    .map((part) => `/${safeText(String(part), 40).replaceAll('~', '~0').replaceAll('/', '~1')}`)
    .join('');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Object.hasOwn(value, key) ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return value;
}

/**
 * Printable ASCII only (everything else as `\uXXXX`, so no control, bidi or line-separator
 * character reaches a terminal or an admin screen), cut to `max` characters.
 */
function safeText(text: string, max: number): string {
  // A credential pasted into a brand field must not come back in the error.
  const masked = redactCredentials(text);
  const escaped = masked.replace(
    /[^\x20-\x7e]/gu,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}

/** A short, safe description of what was received: never the whole of a long string. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    const shown = safeText(JSON.stringify(redactCredentials(value).slice(0, 60)), 60);
    return value.length > 40 ? `${shown} (${value.length} characters)` : shown;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return `a value of type ${typeof value}`;
}
