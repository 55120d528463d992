/**
 * compileTheme(input): the whole pipeline — validate, derive, build — and the report a tenant,
 * the CLI and the edge all read. Invalid input yields errors and no outputs.
 */
import { type Brand, type BrandError, parseBrand } from './brand-schema.js';
import { build, type ThemeOutputs } from './build.js';
import { parseColor } from './color.js';
import { type AdjustmentWarning, type ContrastResult, derive } from './derive.js';

/** A colour outside sRGB that was brought into gamut when parsed. */
export interface ColorClampedWarning {
  code: 'color-clamped';
  path: string;
  original: string;
  adjusted: string;
  message: string;
}

export type ThemeWarning = AdjustmentWarning | ColorClampedWarning;

export interface ThemeReport {
  ok: boolean;
  /** Content hash of the CSS; null when the input was invalid. */
  hash: string | null;
  errors: BrandError[];
  warnings: ThemeWarning[];
  /** Every declared pair in every mode, computed on the emitted 8-bit hex values. */
  contrast: ContrastResult[];
}

export type CompiledTheme =
  | { ok: true; brand: Brand; outputs: ThemeOutputs; report: ThemeReport }
  | { ok: false; report: ThemeReport };

/** Validates, derives and builds a theme from untrusted brand input. Never throws on bad input. */
export async function compileTheme(input: unknown): Promise<CompiledTheme> {
  const parsed = parseBrand(input);
  if (!parsed.ok) {
    return {
      ok: false,
      report: { ok: false, hash: null, errors: parsed.errors, warnings: [], contrast: [] },
    };
  }
  const { brand } = parsed;
  const derived = derive(brand);
  const outputs = await build(derived.tokens, brand);
  const failing = derived.contrast.filter((pair) => !pair.pass);
  if (failing.length > 0) {
    // derive() repairs every pair it declares; reaching this is an engine bug, never tenant input.
    throw new Error(
      `theme engine produced failing contrast pairs: ${failing.map((p) => `${p.fg}/${p.bg} ${p.mode}`).join(', ')}`,
    );
  }
  return {
    ok: true,
    brand,
    outputs,
    report: {
      ok: true,
      hash: outputs.hash,
      errors: [],
      warnings: [...clampedColors(input), ...derived.warnings],
      contrast: derived.contrast,
    },
  };
}

/** Warnings for colours the tenant gave outside sRGB (valid input, but not shown as typed). */
function clampedColors(input: unknown): ColorClampedWarning[] {
  const colors = (input as { colors?: Record<string, unknown> }).colors ?? {};
  return Object.entries(colors).flatMap(([key, value]) => {
    const parsed = typeof value === 'string' ? parseColor(value) : undefined;
    if (!parsed?.ok || !parsed.clamped) return [];
    const shown = value as string;
    return [
      {
        code: 'color-clamped' as const,
        path: `/colors/${key}`,
        original: shown,
        adjusted: parsed.hex,
        message: `/colors/${key}: ${shown} is outside sRGB; shown as ${parsed.hex}.`,
      },
    ];
  });
}
