/**
 * The emitted stylesheet is custom-property declarations only, under a fixed set of selectors,
 * with values from a small grammar: whatever a tenant sends, nothing else reaches a host page.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import postcss, { type ChildNode, type Rule } from 'postcss';
import { type CompiledTheme, compileTheme } from '../../themes/compile.js';

const PRESETS = new URL('../../themes/presets/', import.meta.url);

const VALUE_GRAMMAR: readonly RegExp[] = [
  /^#[0-9a-f]{6}(?:[0-9a-f]{2})?$/, // colour (alpha only in shadows' own colours)
  /^(?:0|\d+(?:\.\d+)?px)$/, // dimension
  /^\d+(?:\.\d+)?(?:ms)?$/, // number, duration
  /^(?:-?\d+(?:\.\d+)?px ){4}#[0-9a-f]{8}$/, // shadow
  /^cubic-bezier\((?:\d+(?:\.\d+)?, ){3}\d+(?:\.\d+)?\)$/, // easing
  /^(?:"[A-Za-z0-9](?:[A-Za-z0-9 -]*[A-Za-z0-9])?", )?(?:(?:"[A-Za-z -]+"|[A-Za-z-]+), )*[a-z-]+$/, // font stack
  /^var\(--gw-[a-z0-9-]+\)$/, // reference
];
const FORBIDDEN = [';', '{', '}', '<', 'url(', 'expression(', '@import', '\\'];

type Shape = { slug: string; mode: 'light' | 'dark' | 'auto' };

function expectedSelectors({ slug, mode }: Shape) {
  const doc = `[data-gw-theme="${slug}"]`;
  const other = mode === 'dark' ? 'light' : 'dark';
  return {
    base: [':host', doc],
    forced: [`:host([data-gw-mode="${other}"])`, `${doc}[data-gw-mode="${other}"]`],
    auto: [':host(:not([data-gw-mode="light"]))', `${doc}:not([data-gw-mode="light"])`],
  };
}

function props(rule: Rule): string[] {
  const out: string[] = [];
  rule.each((node) => {
    assert.equal(node.type, 'decl', `a ${node.type} inside ${rule.selector}`);
    if (node.type === 'decl') out.push(node.prop);
  });
  return out;
}

function assertRule(node: ChildNode | undefined, selectors: string[]): Rule {
  assert.ok(
    node?.type === 'rule',
    `expected a rule for ${selectors.join(', ')}, got ${node?.type}`,
  );
  assert.deepEqual(node.selectors, selectors);
  return node;
}

/** Every structural and lexical promise the stylesheet makes; throws on the first broken one. */
function assertShape(compiled: CompiledTheme): void {
  assert.ok(compiled.ok, JSON.stringify(compiled.report.errors));
  const { css, hash, dts } = compiled.outputs;
  const { slug, mode } = compiled.brand;
  const header = `/* GridWorks Embed theme "${slug}" ${hash}; generated, do not edit */`;
  assert.ok(css.startsWith(`${header}\n`), css.slice(0, 120));
  assert.equal(compiled.report.hash, hash);
  // The hash is the content address of the body, so caches bust exactly when the CSS changes.
  const body = css.slice(header.length + 1);
  assert.equal(createHash('sha256').update(body).digest('hex').slice(0, 16), hash);

  const root = postcss.parse(css);
  const expected = expectedSelectors({ slug, mode });
  const nodes = root.nodes;
  assert.equal(nodes.length, mode === 'auto' ? 4 : 3, 'header, base, forced mode[, auto]');
  assert.equal(nodes[0]?.type, 'comment');

  // Only the header is a comment, anywhere.
  let comments = 0;
  root.walkComments(() => {
    comments++;
  });
  assert.equal(comments, 1);

  const base = assertRule(nodes[1], expected.base);
  const forced = assertRule(nodes[2], expected.forced);
  const alternates = [forced];
  root.walkAtRules((atRule) => {
    assert.equal(mode, 'auto', 'an at-rule in a theme that is not "auto"');
    assert.equal(`@${atRule.name} ${atRule.params}`, '@media (prefers-color-scheme: dark)');
    assert.equal(atRule.parent, root, 'nested at-rule');
    assert.equal(atRule.nodes?.length, 1);
    alternates.push(assertRule(atRule.nodes?.[0], expected.auto));
  });
  if (mode === 'auto') assert.equal(alternates.length, 2, 'auto theme without its @media block');
  root.walkRules((rule) => {
    assert.ok([base, ...alternates].includes(rule), `unexpected rule ${rule.selector}`);
  });

  // Base: every tier, each property once; the d.ts lists exactly these names.
  const baseProps = props(base);
  assert.equal(new Set(baseProps).size, baseProps.length, 'duplicate declaration in base block');
  for (const tier of ['--gw-ref-', '--gw-sys-']) {
    assert.ok(
      baseProps.some((p) => p.startsWith(tier)),
      `no ${tier}* tokens`,
    );
  }
  assert.ok(
    baseProps.some((p) => !p.startsWith('--gw-ref-') && !p.startsWith('--gw-sys-')),
    'no widget tokens',
  );
  const dtsNames = [...dts.matchAll(/\| '([^']+)'/g)].map((m) => m[1]);
  assert.deepEqual(dtsNames.sort(), [...baseProps].sort());

  // Alternates: only sys colours, and every sys colour of the base switches.
  const sysColors = baseProps.filter((p) => p.startsWith('--gw-sys-color-')).sort();
  for (const alternate of alternates) {
    assert.deepEqual([...props(alternate)].sort(), sysColors, alternate.selector);
  }
  if (alternates.length === 2) {
    const text = (rule: Rule) => rule.nodes.map(String).join('\n');
    assert.equal(
      text(alternates[1] as Rule),
      text(forced),
      '@media block differs from forced mode',
    );
  }

  const defined = new Set(baseProps);
  root.walkDecls((decl) => {
    assert.match(decl.prop, /^--gw-[a-z0-9-]+$/);
    assert.ok(!decl.important, `${decl.prop} is !important`);
    for (const bad of FORBIDDEN) {
      assert.ok(
        !decl.value.toLowerCase().includes(bad),
        `${decl.prop}: ${decl.value} contains ${bad}`,
      );
    }
    assert.ok(
      VALUE_GRAMMAR.some((re) => re.test(decl.value)),
      `${decl.prop}: ${decl.value} is outside the value grammar`,
    );
    const ref = /^var\((--[a-z0-9-]+)\)$/.exec(decl.value)?.[1];
    if (ref) assert.ok(defined.has(ref), `${decl.prop} refers to undefined ${ref}`);
  });
}

describe('CSS shape of the presets', () => {
  const presets = readdirSync(PRESETS).filter((f) => f.endsWith('.json'));
  test('there are presets to check', () => {
    assert.deepEqual(presets.sort(), [
      'gridworks.json',
      'heritage.json',
      'nocturne.json',
      'sunbeam.json',
    ]);
  });
  for (const file of presets) {
    test(file, async () => {
      const input: unknown = JSON.parse(readFileSync(new URL(file, PRESETS), 'utf8'));
      assertShape(await compileTheme(input));
    });
  }

  test('the checker rejects a stylesheet with anything extra', async () => {
    // Guards the checker itself against passing vacuously.
    const compiled = await compileTheme({
      slug: 'guard',
      name: 'Guard',
      colors: { primary: '#336' },
    });
    assert.ok(compiled.ok);
    const tamper = (css: string): CompiledTheme => ({
      ...compiled,
      outputs: { ...compiled.outputs, css },
    });
    const { css } = compiled.outputs;
    const cases = [
      css.replace('--gw-ref-radius-none: 0px;', '--gw-ref-radius-none: url(x);'),
      css.replace('--gw-ref-radius-none: 0px;', 'color: red;'),
      `${css}body { --gw-x: 1px; }\n`,
      `${css}/* extra */\n`,
      `${css}@import "x.css";\n`,
      css.replace('[data-gw-theme="guard"] {', '[data-gw-theme="guard"], body {'),
    ];
    for (const bad of cases) assert.throws(() => assertShape(tamper(bad)));
  });
});

describe('CSS shape of random brands', () => {
  const hex = fc
    .integer({ min: 0, max: 0xffffff })
    .map((n) => `#${n.toString(16).padStart(6, '0')}`);
  const validFontFamily = fc
    .stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9 -]{0,20}[A-Za-z0-9])?$/)
    .filter((s) => !s.includes('  '));
  const brand = (fontFamily: fc.Arbitrary<string>, slug: fc.Arbitrary<string>) =>
    fc.record(
      {
        slug,
        name: fc.constant('Random Bank'),
        colors: fc.record(
          { primary: hex, secondary: hex, accent: hex, neutral: hex, danger: hex },
          { requiredKeys: ['primary'] },
        ),
        typography: fc.record(
          {
            fontFamily,
            genericFamily: fc.constantFrom('sans-serif', 'serif', 'monospace', 'system-ui'),
            fontSource: fc.constantFrom(
              'https://fonts.example/a.woff2',
              'https://fonts.example:8443/dir/a%20b.woff?v=1',
            ),
            baseSize: fc.double({ min: 14, max: 20, noNaN: true }),
            scale: fc.double({ min: 1.067, max: 1.618, noNaN: true }),
          },
          { requiredKeys: [] },
        ),
        shape: fc.record({ radius: fc.double({ min: 0, max: 24, noNaN: true }) }),
        density: fc.constantFrom('compact', 'comfortable'),
        mode: fc.constantFrom('light', 'dark', 'auto'),
        logo: fc.constantFrom('https://cdn.example/logo.svg', 'https://cdn.example/a/b.png?s=2'),
      },
      { requiredKeys: ['slug', 'name', 'colors'] },
    );
  const validSlug = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/);

  test('random valid brands give a well-formed stylesheet', async () => {
    await fc.assert(
      fc.asyncProperty(brand(validFontFamily, validSlug), async (input) => {
        assertShape(await compileTheme(input));
      }),
      { numRuns: 120 },
    );
  });

  test('arbitrary font family strings are rejected or emitted inside the grammar', async () => {
    await fc.assert(
      fc.asyncProperty(brand(fc.string({ maxLength: 30 }), validSlug), async (input) => {
        const compiled = await compileTheme(input);
        if (compiled.ok) assertShape(compiled);
      }),
      { numRuns: 60 },
    );
  });

  const hostile = [
    'Inter"; } :host { color: red } /*',
    "Inter'); background: url(https://evil.example/x.png",
    'Inter\\"',
    'Inter</style><script>alert(1)</script>',
    '@import url(x)',
    'expression(alert(1))',
    'Inter\n}',
  ];
  for (const value of hostile) {
    test(`rejects ${JSON.stringify(value)} as a font family and as a slug`, async () => {
      const base = { slug: 'acme', name: 'Acme', colors: { primary: '#3355dd' } };
      const asFont = await compileTheme({ ...base, typography: { fontFamily: value } });
      assert.equal(asFont.ok, false);
      assert.deepEqual(
        asFont.report.errors.map((e) => e.path),
        ['/typography/fontFamily'],
      );
      const asSlug = await compileTheme({ ...base, slug: value });
      assert.equal(asSlug.ok, false);
      assert.deepEqual(
        asSlug.report.errors.map((e) => e.path),
        ['/slug'],
      );
    });
  }

  test('rejects asset URLs that could break out of a url()', async () => {
    for (const fontSource of [
      'https://fonts.example/a.woff2?x=");}',
      'https://fonts.example/a(1).woff2',
      "https://fonts.example/a'.woff2",
      'https://user:pw@fonts.example/a.woff2',
    ]) {
      const compiled = await compileTheme({
        slug: 'acme',
        name: 'Acme',
        colors: { primary: '#3355dd' },
        typography: { fontSource },
      });
      assert.equal(compiled.ok, false, fontSource);
      assert.deepEqual(
        compiled.report.errors.map((e) => e.path),
        ['/typography/fontSource'],
      );
    }
  });
});
