/**
 * Colour maths for the theming engine: strict parsing of tenant colours, 8-bit hex
 * serialisation, WCAG 2 contrast and the OKLCH lightness moves used to repair failing pairs.
 * Every value that leaves this module is a lowercase `#rrggbb` string, so nothing a tenant
 * typed can reach CSS verbatim.
 */
import { clampChroma, clampRgb, converter, formatHex, parse, wcagContrast } from 'culori';

const toOklch = converter('oklch');

/** An OKLCH colour with every channel a finite number (hue 0 for achromatic colours). */
export interface Oklch {
  l: number;
  c: number;
  h: number;
}

// A number as CSS colour functions write it: no exponents, a bounded number of digits, an
// optional unit. Tight on purpose: anything else is refused rather than guessed at.
const NUM = String.raw`[+-]?(?:\d{1,4}(?:\.\d{1,8})?|\.\d{1,8})(?:%|deg|grad|rad|turn)?`;
const SEP = '(?: *, *| +)';
/** The colour notations a tenant may use: hex, rgb(), hsl() and oklch() — nothing else. */
const NOTATION = new RegExp(
  String.raw`^(?:#(?:[0-9a-f]{3}|[0-9a-f]{6})|(?:rgba?|hsla?|oklch)\( *${NUM}${SEP}${NUM}${SEP}${NUM}(?: *[,/] *${NUM})? *\))$`,
  'i',
);

export type ParsedColor =
  | { ok: true; hex: string; clamped: boolean }
  | { ok: false; reason: string };

/**
 * Parses one tenant colour and re-serialises it as `#rrggbb`. Colours outside sRGB (possible
 * with oklch()) are brought into gamut by reducing chroma, and `clamped` says so.
 */
export function parseColor(input: string): ParsedColor {
  if (input.length > 64) return { ok: false, reason: 'at most 64 characters' };
  if (!NOTATION.test(input)) {
    return { ok: false, reason: 'a colour as #rgb, #rrggbb, rgb(), hsl() or oklch()' };
  }
  let color: ReturnType<typeof parse>;
  try {
    // CSS function names are case-insensitive; culori wants them lowercase.
    color = parse(input.replace(/^[a-z]+\(/i, (name) => name.toLowerCase()));
  } catch {
    color = undefined;
  }
  if (!color) return { ok: false, reason: 'a colour as #rgb, #rrggbb, rgb(), hsl() or oklch()' };
  const channels = Object.entries(color).filter(([key]) => key !== 'mode');
  if (channels.some(([, value]) => typeof value !== 'number' || !Number.isFinite(value))) {
    return { ok: false, reason: 'finite colour channels (no NaN, Infinity or "none")' };
  }
  if (color.alpha !== undefined && color.alpha < 1) {
    return {
      ok: false,
      reason: 'an opaque colour (contrast is undefined for translucent colours)',
    };
  }
  const rgb = converter('rgb')(color);
  const inGamut = [rgb.r, rgb.g, rgb.b].every((v) => v >= -1e-4 && v <= 1 + 1e-4);
  if (inGamut) return { ok: true, hex: formatHex(rgb), clamped: false };
  // Out of range: rgb() and hsl() channels clamp as browsers clamp them; oklch() keeps its
  // lightness and hue and loses chroma until it fits sRGB.
  const fitted = color.mode === 'oklch' ? clampChroma(color, 'oklch') : clampRgb(rgb);
  return { ok: true, hex: formatHex(fitted), clamped: true };
}

/** WCAG 2.x contrast ratio of two `#rrggbb` colours. */
export function contrastRatio(a: string, b: string): number {
  return wcagContrast(a, b);
}

/** Rounds a ratio down to two decimals for reports, so a printed 4.50 never hides 4.499. */
export function floorRatio(ratio: number): number {
  return Math.floor(ratio * 100) / 100;
}

export function hexToOklch(hex: string): Oklch {
  const c = toOklch(hex);
  if (!c) throw new TypeError(`not a colour: ${hex}`);
  return { l: c.l, c: c.c ?? 0, h: Number.isFinite(c.h) ? (c.h as number) : 0 };
}

/** Serialises an OKLCH colour as `#rrggbb`, reducing chroma (never lightness or hue) to fit sRGB. */
export function oklchToHex({ l, c, h }: Oklch): string {
  const clampedL = Math.min(1, Math.max(0, l));
  return formatHex(clampChroma({ mode: 'oklch', l: clampedL, c, h }, 'oklch'));
}

/**
 * The colour nearest to `start` (by OKLCH lightness alone) whose 8-bit hex passes `accept`.
 * Scans outward in small steps in both directions, then bisects the first passing step, so the
 * move is the smallest one that passes to within 0.001 L. Returns undefined when no lightness
 * in [0, 1] passes.
 */
export function nearestPassingLightness(
  start: string,
  accept: (hex: string) => boolean,
): { hex: string; deltaL: number } | undefined {
  if (accept(start)) return { hex: start, deltaL: 0 };
  const origin = hexToOklch(start);
  const step = 0.02;
  const at = (deltaL: number) => oklchToHex({ ...origin, l: origin.l + deltaL });
  // Bisect between the last failing distance and the first passing one in a direction.
  const refine = (sign: -1 | 1, distance: number) => {
    let fail = distance - step;
    let pass = distance;
    let hex = at(sign * pass);
    while (pass - fail > 0.001) {
      const mid = (fail + pass) / 2;
      const candidate = at(sign * mid);
      if (accept(candidate)) {
        pass = mid;
        hex = candidate;
      } else {
        fail = mid;
      }
    }
    return { hex, deltaL: sign * pass };
  };
  for (let distance = step; distance <= 1 + step; distance += step) {
    const found = ([-1, 1] as const)
      .filter((sign) => {
        const l = origin.l + sign * distance;
        return l >= -step && l <= 1 + step && accept(at(sign * distance));
      })
      .map((sign) => refine(sign, distance));
    if (found.length > 0) {
      return found.reduce((a, b) => (Math.abs(b.deltaL) < Math.abs(a.deltaL) ? b : a));
    }
  }
  return undefined;
}
