/**
 * Property: whatever valid brand a tenant sends, every contrast pair the engine promises holds in
 * the CSS a browser would actually apply, in every mode a host page can select. Ratios are
 * computed here from the emitted hex (own WCAG 2 formula), never taken from the engine's report.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import postcss, { type AtRule, type Rule } from 'postcss';
import { compileTheme } from '../../themes/compile.js';
import contrastPairs from '../../themes/tokens/contrast-pairs.json' with { type: 'json' };

const REQUIRED: Record<string, number> = { text: 4.5, ui: 3 };
const PAIRS: readonly { fg: string; bg: string; use: string }[] = contrastPairs.pairs;

// ---- own WCAG 2 relative luminance and contrast -------------------------------------------

function luminance(hex: string): number {
  assert.match(hex, /^#[0-9a-f]{6}$/i, `not an opaque #rrggbb colour: ${hex}`);
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff].map((channel) => {
    const s = channel / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

// ---- what a browser applies: base block, then one override block per selectable mode ------

type Mode = 'light' | 'dark';
interface Context {
  label: string;
  mode: Mode;
  decls: Map<string, string>;
}

function declarations(rule: Rule): Map<string, string> {
  const decls = new Map<string, string>();
  rule.walkDecls((decl) => {
    decls.set(decl.prop, decl.value);
  });
  return decls;
}

/** Which mode an override block's selector turns on. */
function modeOfSelector(selector: string): Mode {
  if (selector.includes(':not([data-gw-mode="light"])')) return 'dark';
  if (selector.includes('[data-gw-mode="dark"]')) return 'dark';
  if (selector.includes('[data-gw-mode="light"]')) return 'light';
  throw new Error(`override block with no mode in its selector: ${selector}`);
}

function renderingContexts(css: string, baseMode: Mode): Context[] {
  const root = postcss.parse(css);
  const rules: Rule[] = [];
  root.walkRules((rule) => {
    rules.push(rule);
  });
  const [baseRule, ...overrides] = rules;
  assert.ok(baseRule, 'the stylesheet has no rules');
  assert.equal(baseRule.selectors[0], ':host', 'the first block is the base block');
  const base = declarations(baseRule);
  return [
    { label: `base block (${baseMode})`, mode: baseMode, decls: base },
    ...overrides.map((rule): Context => {
      const inMedia =
        rule.parent?.type === 'atrule' ? `@media ${(rule.parent as AtRule).params} ` : '';
      // Custom properties cascade: the override block replaces some, the rest come from base.
      return {
        label: `${inMedia}${rule.selector.replaceAll('\n', ' ')}`,
        mode: modeOfSelector(rule.selector),
        decls: new Map([...base, ...declarations(rule)]),
      };
    }),
  ];
}

const VAR = /^var\(\s*(--[a-z0-9-]+)\s*\)$/;

/** Follows var() chains to a hex value the way the cascade would, failing on anything else. */
function resolve(decls: Map<string, string>, name: string, seen: string[] = []): string {
  if (seen.includes(name)) throw new Error(`var() cycle: ${[...seen, name].join(' -> ')}`);
  const value = decls.get(name);
  if (value === undefined) throw new Error(`${name} is not defined (via ${seen.join(' -> ')})`);
  const ref = VAR.exec(value.trim());
  if (ref?.[1]) return resolve(decls, ref[1], [...seen, name]);
  if (/^#[0-9a-f]{6}$/i.test(value.trim())) return value.trim().toLowerCase();
  throw new Error(`${name} resolves to ${value}, not an opaque #rrggbb colour`);
}

// ---- random valid brands ---------------------------------------------------------------------

const hexDigit = fc.constantFrom(...'0123456789abcdefABCDEF');
const hex3 = fc.tuple(hexDigit, hexDigit, hexDigit).map((d) => `#${d.join('')}`);
const hex6 = fc.tuple(fc.integer({ min: 0, max: 0xffffff }), fc.boolean()).map(([n, upper]) => {
  const hex = `#${n.toString(16).padStart(6, '0')}`;
  return upper ? hex.toUpperCase() : hex;
});
const byte = fc.integer({ min: 0, max: 255 });
const percent = fc.integer({ min: 0, max: 1000 }).map((n) => `${n / 10}%`);
const rgb = fc.oneof(
  fc.tuple(byte, byte, byte).map(([r, g, b]) => `rgb(${r}, ${g}, ${b})`),
  fc.tuple(byte, byte, byte).map(([r, g, b]) => `rgb(${r} ${g} ${b})`),
  fc.tuple(byte, byte, byte).map(([r, g, b]) => `rgb(${r} ${g} ${b} / 1)`),
  fc.tuple(percent, percent, percent).map(([r, g, b]) => `rgb(${r} ${g} ${b})`),
);
const hue = fc.integer({ min: 0, max: 3600 }).map((n) => n / 10);
const hsl = fc.oneof(
  fc.tuple(hue, percent, percent).map(([h, s, l]) => `hsl(${h} ${s} ${l})`),
  fc.tuple(hue, percent, percent).map(([h, s, l]) => `hsl(${h}deg, ${s}, ${l})`),
);
const oklch = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 400 }), hue)
    .map(([l, c, h]) => `oklch(${l / 1000} ${c / 1000} ${h})`),
  fc
    .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 400 }), hue)
    .map(([l, c, h]) => `oklch(${l}% ${c / 1000} ${h}deg)`),
);
const anyColor = fc.oneof(hex3, hex6, rgb, hsl, oklch);

const inRange = (min: number, max: number) => {
  const double = fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return Math.ceil(min) <= Math.floor(max)
    ? fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), double)
    : double;
};

const validBrand = fc.record(
  {
    slug: fc.constantFrom('prop', 'acme-bank', 'b2'),
    name: fc.constant('Property Bank'),
    colors: fc.record(
      {
        primary: anyColor,
        secondary: anyColor,
        accent: anyColor,
        neutral: anyColor,
        success: anyColor,
        warning: anyColor,
        danger: anyColor,
      },
      { requiredKeys: ['primary'] },
    ),
    typography: fc.record(
      {
        genericFamily: fc.constantFrom('sans-serif', 'serif', 'monospace', 'system-ui'),
        baseSize: inRange(14, 20),
        scale: inRange(1.067, 1.618),
      },
      { requiredKeys: [] },
    ),
    shape: fc.record({ radius: inRange(0, 24) }),
    density: fc.constantFrom('compact', 'comfortable'),
    mode: fc.constantFrom('light', 'dark', 'auto'),
  },
  { requiredKeys: ['slug', 'name', 'colors'] },
);

describe('contrast of every compiled theme', () => {
  test('every declared pair passes in every mode a host page can select, for 2,000 random brands', async () => {
    await fc.assert(
      fc.asyncProperty(validBrand, async (input) => {
        const compiled = await compileTheme(input);
        assert.ok(compiled.ok, `valid brand rejected: ${JSON.stringify(compiled.report.errors)}`);
        const baseMode: Mode = compiled.brand.mode === 'dark' ? 'dark' : 'light';
        const contexts = renderingContexts(compiled.outputs.css, baseMode);
        // Both modes are reachable; "auto" adds the prefers-color-scheme block.
        assert.deepEqual(new Set(contexts.map((c) => c.mode)), new Set(['light', 'dark']));
        assert.equal(contexts.length, compiled.brand.mode === 'auto' ? 3 : 2);

        for (const context of contexts) {
          // Every sys colour, paired or not, ends in an opaque hex in every mode.
          for (const name of context.decls.keys()) {
            if (name.startsWith('--gw-sys-color-')) resolve(context.decls, name);
          }
          for (const pair of PAIRS) {
            const required = REQUIRED[pair.use];
            assert.ok(required, `unknown pair use ${pair.use}`);
            const fg = resolve(context.decls, `--gw-sys-color-${pair.fg}`);
            const bg = resolve(context.decls, `--gw-sys-color-${pair.bg}`);
            const ratio = contrast(fg, bg);
            assert.ok(
              ratio >= required,
              `${context.label}: ${pair.fg} ${fg} on ${pair.bg} ${bg} is ${ratio.toFixed(3)}:1, needs ${required}:1`,
            );
          }
          // Dark mode really is dark: light text on a dark surface, and the reverse in light.
          const surface = luminance(resolve(context.decls, '--gw-sys-color-surface'));
          const text = luminance(resolve(context.decls, '--gw-sys-color-on-surface'));
          assert.ok(
            context.mode === 'dark' ? surface < text : surface > text,
            `${context.label}: surface is not ${context.mode}`,
          );
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('the resolver and formula agree with known WCAG values', () => {
    // Guards the checker itself: a broken formula would make the property vacuous.
    assert.equal(contrast('#000000', '#ffffff').toFixed(2), '21.00');
    assert.equal(contrast('#777777', '#ffffff').toFixed(2), '4.48');
    assert.equal(contrast('#767676', '#ffffff').toFixed(2), '4.54');
    const decls = new Map([
      ['--a', 'var(--b)'],
      ['--b', '#ABCDEF'],
      ['--c', 'var(--c)'],
      ['--d', '#0000001f'],
    ]);
    assert.equal(resolve(decls, '--a'), '#abcdef');
    assert.throws(() => resolve(decls, '--c'), /cycle/);
    assert.throws(() => resolve(decls, '--d'), /not an opaque/);
    assert.throws(() => resolve(decls, '--missing'), /not defined/);
  });
});
