import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import postcss from 'postcss';
import { type Brand, parseBrand } from '../../themes/brand-schema.js';
import { build } from '../../themes/build.js';
import { compileTheme } from '../../themes/compile.js';
import { derive } from '../../themes/derive.js';
import contrastPairs from '../../themes/tokens/contrast-pairs.json' with { type: 'json' };

type Mode = 'light' | 'dark';
const REQUIRED: Record<string, number> = { text: 4.5, ui: 3 };

function brandOf(input: unknown): Brand {
  const result = parseBrand(input);
  assert.ok(result.ok, JSON.stringify(result));
  return result.brand;
}

const fixture = (primary: string, mode: 'light' | 'dark' | 'auto') => ({
  slug: 'fixture',
  name: 'Fixture Bank',
  colors: { primary },
  mode,
});

/** Own WCAG 2 contrast of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const n = Number.parseInt(hex.slice(1), 16);
    const [r, g, bl] = [n >> 16, (n >> 8) & 0xff, n & 0xff].map((c) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Resolves a custom property to its hex for one mode, as the cascade would: the base block,
 * overridden by the forced-mode block when the mode is not the base one.
 */
function resolvedIn(css: string, mode: Mode, name: string): string {
  const root = postcss.parse(css);
  const decls = new Map<string, string>();
  root.each((node) => {
    if (node.type !== 'rule') return;
    const forced =
      node.selector.includes(`[data-gw-mode="${mode}"]`) && !node.selector.includes(':not(');
    if (node.selectors[0] === ':host' || forced) {
      node.walkDecls((decl) => {
        decls.set(decl.prop, decl.value);
      });
    }
  });
  let value = decls.get(name);
  for (let hops = 0; value?.startsWith('var(') && hops < 10; hops++) {
    value = decls.get(value.slice(4, -1));
  }
  assert.ok(value && /^#[0-9a-f]{6}$/.test(value), `${name} (${mode}) resolves to ${value}`);
  return value;
}

describe('derive: a pastel primary (#ffd400)', () => {
  for (const mode of ['light', 'dark', 'auto'] as const) {
    test(`brand mode ${mode}: dark text on primary in both modes, exact colour kept in dark`, async () => {
      const compiled = await compileTheme(fixture('#ffd400', mode));
      assert.ok(compiled.ok);
      const { css } = compiled.outputs;
      for (const m of ['light', 'dark'] as const) {
        const onPrimary = resolvedIn(css, m, '--gw-sys-color-on-primary');
        const primary = resolvedIn(css, m, '--gw-sys-color-primary');
        // Dark text: black gives more contrast than white would.
        assert.ok(
          contrast(onPrimary, '#000000') < contrast(onPrimary, '#ffffff'),
          `${m}: on-primary ${onPrimary} is not dark`,
        );
        assert.ok(contrast(onPrimary, primary) >= 4.5, `${m}: on-primary fails on ${primary}`);
      }
      assert.equal(resolvedIn(css, 'dark', '--gw-sys-color-primary'), '#ffd400');
      assert.ok(
        !compiled.report.warnings.some(
          (w) =>
            w.code === 'contrast-adjusted' &&
            w.token === '--gw-sys-color-primary' &&
            w.mode === 'dark',
        ),
        'the exact brand colour passes in dark mode, so nothing is adjusted there',
      );
    });
  }

  test('light mode reports the adjustment of --gw-sys-color-primary with both ratios', async () => {
    const compiled = await compileTheme(fixture('#ffd400', 'light'));
    assert.ok(compiled.ok);
    const warnings = compiled.report.warnings.filter(
      (w) =>
        w.code === 'contrast-adjusted' &&
        w.token === '--gw-sys-color-primary' &&
        w.mode === 'light',
    );
    assert.equal(warnings.length, 1, JSON.stringify(compiled.report.warnings));
    const [warning] = warnings;
    assert.ok(warning);
    const lightPrimary = resolvedIn(compiled.outputs.css, 'light', '--gw-sys-color-primary');
    assert.equal(warning.code, 'contrast-adjusted');
    // The warning names the pair that failed worst: the fill against one of the surfaces.
    assert.ok(
      ['--gw-sys-color-surface', '--gw-sys-color-surface-variant'].includes(warning.against),
    );
    const surface = resolvedIn(compiled.outputs.css, 'light', warning.against);
    assert.equal(warning.original, '#ffd400');
    assert.equal(warning.adjusted, lightPrimary, 'the warning names the colour actually emitted');
    assert.notEqual(warning.adjusted, '#ffd400');
    assert.equal(warning.required, 3);
    assert.ok(warning.originalRatio < 3, `originalRatio ${warning.originalRatio}`);
    assert.ok(warning.adjustedRatio >= 3, `adjustedRatio ${warning.adjustedRatio}`);
    // The printed ratios are the real ones (rounded down to 2 decimals).
    assert.ok(Math.abs(warning.originalRatio - contrast('#ffd400', surface)) < 0.011);
    assert.ok(Math.abs(warning.adjustedRatio - contrast(lightPrimary, surface)) < 0.011);
    assert.ok(contrast(lightPrimary, surface) >= 3);
    for (const part of ['--gw-sys-color-primary', '#ffd400', warning.adjusted]) {
      assert.ok(warning.message.includes(part), `message lacks ${part}: ${warning.message}`);
    }
  });

  test('the pressed state stays distinguishable from the rest state in light mode', async () => {
    const compiled = await compileTheme(fixture('#ffd400', 'light'));
    assert.ok(compiled.ok);
    const { css } = compiled.outputs;
    assert.notEqual(
      resolvedIn(css, 'light', '--gw-sys-color-primary-active'),
      resolvedIn(css, 'light', '--gw-sys-color-primary'),
    );
  });

  test('derive() itself reports the same warning', () => {
    const { warnings } = derive(brandOf(fixture('#ffd400', 'light')));
    const warning = warnings.find((w) => w.token === '--gw-sys-color-primary');
    assert.ok(warning);
    assert.equal(warning.mode, 'light');
    assert.equal(warning.original, '#ffd400');
    assert.ok(warning.originalRatio < 3 && warning.adjustedRatio >= 3);
  });
});

describe('derive: a primary that passes everywhere (#4f6ff0)', () => {
  test('keeps its exact hex in both modes and gets no warning', async () => {
    const compiled = await compileTheme(fixture('#4f6ff0', 'light'));
    assert.ok(compiled.ok);
    for (const m of ['light', 'dark'] as const) {
      assert.equal(resolvedIn(compiled.outputs.css, m, '--gw-sys-color-primary'), '#4f6ff0');
    }
    const primaryWarnings = compiled.report.warnings.filter(
      (w) => w.code === 'contrast-adjusted' && w.token === '--gw-sys-color-primary',
    );
    assert.deepEqual(primaryWarnings, []);
  });

  test('keeps a brand secondary and accent that pass', async () => {
    const compiled = await compileTheme({
      ...fixture('#4f6ff0', 'light'),
      colors: { primary: '#4f6ff0', secondary: '#6b4fa0', accent: '#0f7b7d' },
    });
    assert.ok(compiled.ok);
    const { css } = compiled.outputs;
    assert.equal(resolvedIn(css, 'light', '--gw-sys-color-secondary'), '#6b4fa0');
    assert.equal(resolvedIn(css, 'light', '--gw-sys-color-accent'), '#0f7b7d');
  });
});

describe('derive: contrast report', () => {
  const expectedKeys = (['light', 'dark'] as const)
    .flatMap((mode) =>
      contrastPairs.pairs.map((p) => `${mode} --gw-sys-color-${p.fg} on --gw-sys-color-${p.bg}`),
    )
    .sort();

  for (const primary of ['#ffd400', '#4f6ff0', '#101010']) {
    test(`lists every declared pair in both modes, with true ratios (primary ${primary})`, async () => {
      const input = { ...fixture(primary, 'auto'), colors: { primary, neutral: '#405060' } };
      const { contrast: derived } = derive(brandOf(input));
      const compiled = await compileTheme(input);
      assert.ok(compiled.ok);
      const { report } = compiled;
      assert.equal(report.contrast.length, contrastPairs.pairs.length * 2);
      assert.deepEqual(
        report.contrast.map((r) => `${r.mode} ${r.fg} on ${r.bg}`).sort(),
        expectedKeys,
      );
      assert.deepEqual(report.contrast, derived);
      for (const row of report.contrast) {
        const pair = contrastPairs.pairs.find(
          (p) => `--gw-sys-color-${p.fg}` === row.fg && `--gw-sys-color-${p.bg}` === row.bg,
        );
        assert.ok(pair);
        assert.equal(row.required, REQUIRED[pair.use]);
        const own = contrast(
          resolvedIn(compiled.outputs.css, row.mode, row.fg),
          resolvedIn(compiled.outputs.css, row.mode, row.bg),
        );
        assert.ok(
          Math.abs(row.ratio - own) < 0.011,
          `${row.fg}/${row.bg} ${row.mode}: ${row.ratio} vs ${own}`,
        );
        assert.equal(row.pass, own >= row.required);
        assert.ok(row.pass, `${row.fg}/${row.bg} ${row.mode} fails`);
      }
    });
  }
});

describe('derive: determinism', () => {
  test('the same brand gives identical tokens, tokensJson, CSS and hash', async () => {
    const input = {
      ...fixture('hsl(280 60% 45%)', 'auto'),
      colors: { primary: 'hsl(280 60% 45%)', warning: '#fbbf24' },
    };
    const [a, b] = [derive(brandOf(input)), derive(brandOf(structuredClone(input)))] as const;
    assert.deepEqual(a, b);
    const brand = brandOf(input);
    const [outA, outB] = await Promise.all([build(a.tokens, brand), build(b.tokens, brand)]);
    assert.equal(outA.tokensJson, outB.tokensJson);
    assert.equal(outA.css, outB.css);
    assert.equal(outA.hash, outB.hash);
    assert.match(outA.hash, /^[0-9a-f]{16}$/);
    const compiled = await compileTheme(input);
    assert.ok(compiled.ok);
    assert.equal(compiled.outputs.hash, outA.hash);
  });

  test('a different brand gives a different hash', async () => {
    const [a, b] = await Promise.all([
      compileTheme(fixture('#4f6ff0', 'light')),
      compileTheme(fixture('#3355de', 'light')),
    ]);
    assert.ok(a.ok && b.ok);
    assert.notEqual(a.outputs.hash, b.outputs.hash);
  });
});
