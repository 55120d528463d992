/**
 * The brand-dependent reference tier: tonal palettes from the brand colours, and the type,
 * space, radius and size scales. Everything here is computed from validated numbers and
 * `#rrggbb` colours, and serialised by this module alone.
 */
import type { Brand, BrandColorKey } from './brand-schema.js';
import { hexToOklch, oklchToHex } from './color.js';

/** Tones (OKLCH lightness × 100) of each palette; greys get the finer steps surfaces need. */
export const TONES = [10, 20, 30, 40, 50, 60, 70, 80, 90, 95] as const;
export const NEUTRAL_TONES = [
  0, 5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 95, 99, 100,
] as const;

export const PALETTE_KEYS = [
  'primary',
  'secondary',
  'accent',
  'neutral',
  'success',
  'warning',
  'danger',
] as const satisfies readonly BrandColorKey[];

// Greys stay greys: a tenant's neutral tints surfaces but never colours them.
const NEUTRAL_MAX_CHROMA = 0.04;

const STATUS_DEFAULTS = { success: '#1a7f37', warning: '#9a6700', danger: '#c62828' } as const;

/** The base colour of every palette: the tenant's exact colour, or a default derived from primary. */
export function paletteBases(
  colors: Brand['colors'],
): Record<(typeof PALETTE_KEYS)[number], string> {
  const primary = hexToOklch(colors.primary);
  return {
    primary: colors.primary,
    // Defaults sit at mid lightness so they pass as fills on both light and dark surfaces.
    secondary:
      colors.secondary ?? oklchToHex({ l: 0.55, c: Math.min(primary.c * 0.6, 0.1), h: primary.h }),
    accent: colors.accent ?? oklchToHex({ l: 0.6, c: 0.13, h: (primary.h + 150) % 360 }),
    neutral:
      colors.neutral ?? oklchToHex({ l: 0.5, c: Math.min(primary.c * 0.1, 0.012), h: primary.h }),
    success: colors.success ?? STATUS_DEFAULTS.success,
    warning: colors.warning ?? STATUS_DEFAULTS.warning,
    danger: colors.danger ?? STATUS_DEFAULTS.danger,
  };
}

/** `{ "primary.base": "#…", "primary.40": "#…", … }` for every palette and tone. */
export function tonalPalettes(colors: Brand['colors']): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, base] of Object.entries(paletteBases(colors))) {
    const { c, h } = hexToOklch(base);
    const chroma = key === 'neutral' ? Math.min(c, NEUTRAL_MAX_CHROMA) : c;
    out.set(`${key}.base`, base);
    for (const tone of key === 'neutral' ? NEUTRAL_TONES : TONES)
      out.set(`${key}.${tone}`, oklchToHex({ l: tone / 100, c: chroma, h }));
  }
  return out;
}

const GENERIC_STACKS = {
  'sans-serif': 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  serif: 'Georgia, Cambria, "Times New Roman", Times, serif',
  monospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  'system-ui': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
} as const;

/** The CSS font-family list: the brand family (grammar-checked, quoted) before a safe stack. */
export function fontFamilyValue(typography: Brand['typography']): string {
  const stack = GENERIC_STACKS[typography.genericFamily];
  return typography.fontFamily ? `"${typography.fontFamily}", ${stack}` : stack;
}

/** Pixel values rounded to 2 decimals and written without trailing zeros. */
export function px(value: number): string {
  return `${Number(value.toFixed(2))}px`;
}

const TYPE_STEPS = { xs: -2, sm: -1, md: 0, lg: 1, xl: 2, '2xl': 3, '3xl': 4 } as const;
const SPACE_STEPS = [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 16] as const;

type Token = { $type: string; $value: string | number };

/** The DTCG `gw.ref` groups that depend on the brand (palettes and scales). */
export function brandRefTokens(brand: Brand) {
  const color: Record<string, Record<string, Token>> = {};
  for (const [path, hex] of tonalPalettes(brand.colors)) {
    const [key, tone] = path.split('.') as [string, string];
    color[key] ??= {};
    color[key][tone] = { $type: 'color', $value: hex };
  }
  const { baseSize, scale } = brand.typography;
  const size = Object.fromEntries(
    Object.entries(TYPE_STEPS).map(([name, step]) => [
      name,
      { $type: 'dimension', $value: px(baseSize * scale ** step) },
    ]),
  );
  const unit = brand.density === 'compact' ? 3 : 4;
  const space = Object.fromEntries(
    SPACE_STEPS.map((n) => [String(n), { $type: 'dimension', $value: px(n * unit) }]),
  );
  const r = brand.shape.radius;
  return {
    color,
    font: {
      family: { brand: { $type: 'fontFamily', $value: fontFamilyValue(brand.typography) } },
      size,
    },
    space,
    radius: {
      none: { $type: 'dimension', $value: '0px' },
      sm: { $type: 'dimension', $value: px(Math.round(r / 2)) },
      md: { $type: 'dimension', $value: px(r) },
      lg: { $type: 'dimension', $value: px(Math.min(r * 1.5, 32)) },
      full: { $type: 'dimension', $value: '9999px' },
    },
    size: {
      control: { $type: 'dimension', $value: brand.density === 'compact' ? '32px' : '40px' },
    },
  };
}
