/**
 * derive(brand): the full DTCG token tree for light and dark, with every declared contrast pair
 * passing after rounding to 8-bit hex. The roles and pairs are data (tokens/*.json); this module
 * only resolves them, keeping the tenant's exact colour wherever it passes and otherwise moving
 * the derived colour by the smallest OKLCH lightness change that does.
 */
import type { Brand } from './brand-schema.js';
import {
  contrastRatio,
  floorRatio,
  hexToOklch,
  nearestPassingLightness,
  oklchToHex,
} from './color.js';
import { brandRefTokens, tonalPalettes } from './palette.js';
import baseTokens from './tokens/base.tokens.json' with { type: 'json' };
import contrastPairs from './tokens/contrast-pairs.json' with { type: 'json' };

export const MODES = ['light', 'dark'] as const;
export type Mode = (typeof MODES)[number];

/** Vendor key of this engine's DTCG `$extensions`. */
export const EXTENSION = 'com.gridworks.embed';

export const REQUIRED_RATIO = { text: 4.5, ui: 3 } as const;

export interface ContrastPair {
  fg: string;
  bg: string;
  use: keyof typeof REQUIRED_RATIO;
  adjust: 'fg' | 'bg';
}

export interface ContrastResult {
  fg: string;
  bg: string;
  mode: Mode;
  ratio: number;
  required: number;
  pass: boolean;
}

export interface AdjustmentWarning {
  code: 'contrast-adjusted';
  token: string;
  mode: Mode;
  original: string;
  adjusted: string;
  against: string;
  originalRatio: number;
  adjustedRatio: number;
  required: number;
  message: string;
}

interface RoleSpec {
  $type: 'color';
  $value: string;
  $extensions?: {
    [EXTENSION]?: {
      dark?: string;
      choose?: { contrastWith: string; candidates: string[] };
      shift?: { lightness: number; awayFrom: string };
    };
  };
}

/** A DTCG token tree (groups of tokens, `$`-prefixed keys are metadata). */
export type TokenTree = { [key: string]: unknown };

export interface Derived {
  /** The full DTCG tree; sys colours hold the light value and the dark one in `$extensions`. */
  tokens: TokenTree;
  warnings: AdjustmentWarning[];
  contrast: ContrastResult[];
}

export const PAIRS = contrastPairs.pairs as ContrastPair[];
const ROLES = baseTokens.gw.sys.color as Record<string, RoleSpec>;

export const cssVar = (role: string) => `--gw-sys-color-${role}`;

const REF_ALIAS = /^\{gw\.ref\.color\.([a-z]+)\.([a-z0-9]+)\}$/;
const SYS_ALIAS = /^\{gw\.sys\.color\.([a-z-]+)\}$/;

/** The order roles are settled in: each after the roles it reads or is checked against. */
export const ROLE_ORDER: readonly string[] = (() => {
  const deps = new Map<string, Set<string>>(Object.keys(ROLES).map((role) => [role, new Set()]));
  for (const [role, spec] of Object.entries(ROLES)) {
    const ext = spec.$extensions?.[EXTENSION];
    for (const value of [spec.$value, ext?.dark]) {
      const sys = value ? SYS_ALIAS.exec(value) : null;
      if (sys?.[1]) deps.get(role)?.add(sys[1]);
    }
    if (ext?.choose) deps.get(role)?.add(ext.choose.contrastWith);
    if (ext?.shift) deps.get(role)?.add(ext.shift.awayFrom);
  }
  for (const pair of PAIRS) {
    const [moved, fixed] = pair.adjust === 'fg' ? [pair.fg, pair.bg] : [pair.bg, pair.fg];
    deps.get(moved)?.add(fixed);
  }
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (role: string) => {
    if (order.includes(role)) return;
    if (!deps.has(role)) throw new Error(`contrast pairs name an undeclared role: ${role}`);
    if (visiting.has(role)) throw new Error(`role dependencies form a cycle at ${role}`);
    visiting.add(role);
    for (const dep of deps.get(role) ?? []) visit(dep);
    visiting.delete(role);
    order.push(role);
  };
  for (const role of deps.keys()) visit(role);
  return order;
})();

interface Resolved {
  hex: string;
  /** What the token tree holds: the alias when it was kept, else the derived hex. */
  value: string;
}

function resolveMode(mode: Mode, palette: Map<string, string>) {
  const roles = new Map<string, Resolved>();
  const warnings: AdjustmentWarning[] = [];
  const lookup = (expression: string): string => {
    const ref = REF_ALIAS.exec(expression);
    if (ref) {
      const hex = palette.get(`${ref[1]}.${ref[2]}`);
      if (hex) return hex;
    }
    const sys = SYS_ALIAS.exec(expression);
    const settled = sys?.[1] ? roles.get(sys[1]) : undefined;
    if (settled) return settled.hex;
    throw new Error(`unresolvable colour reference ${expression}`);
  };

  for (const role of ROLE_ORDER) {
    const spec = ROLES[role] as RoleSpec;
    const ext = spec.$extensions?.[EXTENSION];
    let value = mode === 'dark' && ext?.dark ? ext.dark : spec.$value;
    const checks = PAIRS.filter((p) => (p.adjust === 'fg' ? p.fg : p.bg) === role).map((pair) => {
      const other = pair.adjust === 'fg' ? pair.bg : pair.fg;
      return { other, hex: (roles.get(other) as Resolved).hex, required: REQUIRED_RATIO[pair.use] };
    });
    const passes = (candidate: string) =>
      checks.every((check) => contrastRatio(candidate, check.hex) >= check.required);
    if (ext?.choose) {
      // The first candidate (light text before dark) that passes on its fill, else the one
      // that contrasts most.
      const fill = lookup(`{gw.sys.color.${ext.choose.contrastWith}}`);
      const ratio = (candidate: string) => contrastRatio(lookup(candidate), fill);
      value =
        ext.choose.candidates.find((candidate) => passes(lookup(candidate))) ??
        ext.choose.candidates.reduce((best, c) => (ratio(c) > ratio(best) ? c : best));
    }
    let hex = lookup(value);
    const shift = ext?.shift;
    if (shift) {
      // Hover and pressed states move away from their text colour, so text gets more readable.
      // Where that breaks a pair or runs into pure white or black, they try the other way, then
      // half the step; a state that no move keeps legal falls to the repair below.
      const base = hex;
      const text = hexToOklch(lookup(`{gw.sys.color.${shift.awayFrom}}`));
      const from = hexToOklch(base);
      const away = text.l > from.l ? -1 : 1;
      const candidates = [away, -away, away / 2, -away / 2]
        .map((step) => ({ l: from.l + step * shift.lightness }))
        .filter(({ l }) => l > 0.03 && l < 0.97)
        .map(({ l }) => oklchToHex({ ...from, l }))
        .filter((candidate) => candidate !== base);
      hex = candidates.find(passes) ?? candidates[0] ?? base;
      value = hex;
    }

    if (!passes(hex)) {
      const found = nearestPassingLightness(hex, passes);
      if (!found)
        throw new Error(`no lightness of ${role} passes its contrast pairs in ${mode} mode`);
      const worst = checks.reduce((a, b) =>
        contrastRatio(hex, a.hex) / a.required <= contrastRatio(hex, b.hex) / b.required ? a : b,
      );
      const originalRatio = floorRatio(contrastRatio(hex, worst.hex));
      const adjustedRatio = floorRatio(contrastRatio(found.hex, worst.hex));
      warnings.push({
        code: 'contrast-adjusted',
        token: cssVar(role),
        mode,
        original: hex,
        adjusted: found.hex,
        against: cssVar(worst.other),
        originalRatio,
        adjustedRatio,
        required: worst.required,
        message:
          `${cssVar(role)} (${mode}): ${hex} has ${originalRatio}:1 against ${cssVar(worst.other)}, ` +
          `below ${worst.required}:1; adjusted to ${found.hex} (${adjustedRatio}:1) by the smallest ` +
          `OKLCH lightness change (${found.deltaL > 0 ? '+' : ''}${found.deltaL.toFixed(3)}).`,
      });
      hex = found.hex;
      value = hex;
    }
    roles.set(role, { hex, value });
  }

  const contrast = PAIRS.map((pair): ContrastResult => {
    const ratio = contrastRatio(
      (roles.get(pair.fg) as Resolved).hex,
      (roles.get(pair.bg) as Resolved).hex,
    );
    const required = REQUIRED_RATIO[pair.use];
    return {
      fg: cssVar(pair.fg),
      bg: cssVar(pair.bg),
      mode,
      ratio: floorRatio(ratio),
      required,
      pass: ratio >= required,
    };
  });
  return { roles, warnings, contrast };
}

/** Derives the full token tree for a validated brand. Pure and deterministic. */
export function derive(brand: Brand): Derived {
  const palette = tonalPalettes(brand.colors);
  const light = resolveMode('light', palette);
  const dark = resolveMode('dark', palette);

  const color: Record<string, unknown> = {};
  for (const role of Object.keys(ROLES)) {
    const l = light.roles.get(role) as Resolved;
    const d = dark.roles.get(role) as Resolved;
    color[role] = {
      $type: 'color',
      $value: l.value,
      $extensions: { [EXTENSION]: { dark: d.value } },
    };
  }
  const { gw } = baseTokens;
  const ref = brandRefTokens(brand);
  const tokens: TokenTree = {
    $description: `GridWorks Embed theme "${brand.slug}". Sys colours hold the light value in $value and the dark value in $extensions["${EXTENSION}"].dark.`,
    gw: {
      ...gw,
      ref: { ...ref, ...gw.ref, font: { ...ref.font, ...gw.ref.font } },
      sys: { ...gw.sys, color },
    },
  };
  return {
    tokens,
    warnings: [...light.warnings, ...dark.warnings],
    contrast: [...light.contrast, ...dark.contrast],
  };
}
