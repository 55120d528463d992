/**
 * The playground's form, as data: the brand fields a designer can change, read from a
 * tenant's brand and written back into the brand input the theme engine (and
 * `PUT /v1/branding/draft`) takes. Pure: no DOM.
 */

export const GENERIC_FAMILIES = ['sans-serif', 'serif', 'monospace', 'system-ui'] as const;
export const DENSITIES = ['comfortable', 'compact'] as const;
export const BRAND_MODES = ['light', 'dark', 'auto'] as const;
export const COLOR_FIELDS = ['primary', 'accent', 'neutral'] as const;

export type ColorField = (typeof COLOR_FIELDS)[number];

/** What the controls hold: text as typed, so bad input reaches the engine and its errors. */
export interface BrandForm {
  primary: string;
  accent: string;
  neutral: string;
  fontFamily: string;
  genericFamily: string;
  baseSize: string;
  scale: string;
  radius: string;
  density: string;
  mode: string;
}

export type BrandFormField = keyof BrandForm;

type BrandInput = Record<string, unknown> & {
  colors?: Record<string, unknown>;
  typography?: Record<string, unknown>;
  shape?: Record<string, unknown>;
};

const text = (value: unknown, fallback = '') =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : fallback;

/** The form for a brand; fields the brand leaves out show the engine's defaults. */
export function formOf(brand: BrandInput): BrandForm {
  return {
    primary: text(brand.colors?.primary),
    accent: text(brand.colors?.accent),
    neutral: text(brand.colors?.neutral),
    fontFamily: text(brand.typography?.fontFamily),
    genericFamily: text(brand.typography?.genericFamily, 'sans-serif'),
    baseSize: text(brand.typography?.baseSize, '16'),
    scale: text(brand.typography?.scale, '1.2'),
    radius: text(brand.shape?.radius, '8'),
    density: text(brand.density, 'comfortable'),
    mode: text(brand.mode, 'auto'),
  };
}

/** A number as typed: a number when it reads as one, else the text (the engine says why). */
const numeric = (value: string): number | string =>
  value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;

/**
 * The brand input: `base` (slug, name, logo, colours and fonts the form does not show) with
 * the form's values in place. An empty optional field is left out, so the engine derives it.
 */
export function brandOf(base: BrandInput, form: BrandForm): BrandInput {
  const colors: Record<string, unknown> = { ...base.colors };
  for (const key of COLOR_FIELDS) {
    if (form[key].trim() === '' && key !== 'primary') delete colors[key];
    else colors[key] = form[key].trim();
  }
  const typography: Record<string, unknown> = {
    ...base.typography,
    genericFamily: form.genericFamily,
    baseSize: numeric(form.baseSize),
    scale: numeric(form.scale),
  };
  if (form.fontFamily.trim() === '') delete typography.fontFamily;
  else typography.fontFamily = form.fontFamily;
  return {
    ...base,
    colors,
    typography,
    shape: { ...base.shape, radius: numeric(form.radius) },
    density: form.density,
    mode: form.mode,
  };
}

/** Which control an engine error's JSON Pointer belongs to, if any. */
export function fieldOfPath(path: string): BrandFormField | undefined {
  const map: Record<string, BrandFormField> = {
    '/colors/primary': 'primary',
    '/colors/accent': 'accent',
    '/colors/neutral': 'neutral',
    '/typography/fontFamily': 'fontFamily',
    '/typography/genericFamily': 'genericFamily',
    '/typography/baseSize': 'baseSize',
    '/typography/scale': 'scale',
    '/shape/radius': 'radius',
    '/density': 'density',
    '/mode': 'mode',
  };
  return map[path];
}
