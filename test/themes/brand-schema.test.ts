import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type BrandError, parseBrand } from '../../themes/brand-schema.js';

const minimal = () => ({ slug: 'acme', name: 'Acme Bank', colors: { primary: '#3355dd' } });

/** The errors for an input that must be rejected. */
function errorsOf(input: unknown): BrandError[] {
  const result = parseBrand(input);
  assert.equal(result.ok, false, `accepted invalid input ${JSON.stringify(input)}`);
  return result.ok ? [] : result.errors;
}

/** The single error for an input with exactly one fault. */
function onlyError(input: unknown): BrandError {
  const errors = errorsOf(input);
  assert.equal(errors.length, 1, `expected one error, got ${JSON.stringify(errors)}`);
  return errors[0] as BrandError;
}

describe('parseBrand: valid input', () => {
  const notations: [string, string, string][] = [
    ['hex #rgb', '#3AD', '#33aadd'],
    ['hex #rrggbb', '#3355DD', '#3355dd'],
    ['rgb() with commas', 'rgb(51, 85, 221)', '#3355dd'],
    ['rgb() with spaces and opaque alpha', 'rgb(51 85 221 / 1)', '#3355dd'],
    ['rgb() with percentages', 'rgb(100%, 0%, 50%)', '#ff0080'],
    ['hsl()', 'hsl(120 50% 50%)', '#40bf40'],
    ['hsl() with deg and commas', 'hsl(0deg, 100%, 50%)', '#ff0000'],
    ['oklch()', 'oklch(0.628 0.2577 29.23)', '#ff0000'],
    ['oklch() with percentage lightness', 'oklch(100% 0 0)', '#ffffff'],
  ];
  for (const [notation, input, hex] of notations) {
    test(`${notation} ${JSON.stringify(input)} becomes ${hex}`, () => {
      const result = parseBrand({ ...minimal(), colors: { primary: input, accent: input } });
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.brand.colors.primary, hex);
      assert.equal(result.brand.colors.accent, hex);
    });
  }

  test('an out-of-gamut oklch() colour becomes a lowercase #rrggbb', () => {
    const result = parseBrand({ ...minimal(), colors: { primary: 'oklch(0.7 0.4 100)' } });
    assert.ok(result.ok);
    assert.match(result.brand.colors.primary, /^#[0-9a-f]{6}$/);
  });

  test('out-of-range rgb() channels are clamped as browsers do', () => {
    const result = parseBrand({ ...minimal(), colors: { primary: 'rgb(300 0 0)' } });
    assert.ok(result.ok);
    assert.equal(result.brand.colors.primary, '#ff0000');
  });

  test('every optional colour is normalised, none is invented', () => {
    const colors = {
      primary: '#123',
      secondary: 'rgb(1 2 3)',
      accent: 'hsl(200 60% 40%)',
      neutral: '#ABCDEF',
      success: 'oklch(0.5 0.1 150)',
      warning: '#FC0',
      danger: 'rgb(200, 40, 40)',
    };
    const result = parseBrand({ ...minimal(), colors });
    assert.ok(result.ok);
    assert.deepEqual(Object.keys(result.brand.colors).sort(), Object.keys(colors).sort());
    for (const value of Object.values(result.brand.colors)) assert.match(value, /^#[0-9a-f]{6}$/);
    assert.equal(result.brand.colors.warning, '#ffcc00');

    const bare = parseBrand(minimal());
    assert.ok(bare.ok);
    assert.deepEqual(bare.brand.colors, { primary: '#3355dd' });
  });

  test('defaults are filled in for everything but the colours, slug and name', () => {
    const result = parseBrand(minimal());
    assert.ok(result.ok);
    assert.deepEqual(result.brand, {
      slug: 'acme',
      name: 'Acme Bank',
      colors: { primary: '#3355dd' },
      typography: { genericFamily: 'sans-serif', baseSize: 16, scale: 1.2 },
      shape: { radius: 8 },
      density: 'comfortable',
      mode: 'light',
    });
  });

  test('defaults inside a partly given group are filled in and given values kept', () => {
    const result = parseBrand({ ...minimal(), typography: { baseSize: 18 } });
    assert.ok(result.ok);
    assert.deepEqual(result.brand.typography, {
      genericFamily: 'sans-serif',
      baseSize: 18,
      scale: 1.2,
    });
  });

  test('boundary values of every range are accepted', () => {
    for (const [baseSize, scale, radius] of [
      [14, 1.067, 0],
      [20, 1.618, 24],
    ] as const) {
      const result = parseBrand({
        ...minimal(),
        typography: { baseSize, scale },
        shape: { radius },
      });
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.brand.typography.baseSize, baseSize);
      assert.equal(result.brand.shape.radius, radius);
    }
  });

  test('https asset URLs with a font or image file are accepted', () => {
    const result = parseBrand({
      ...minimal(),
      typography: {
        fontFamily: 'Libre Baskerville',
        fontSource: 'https://fonts.acme.example/libre.woff2',
        genericFamily: 'serif',
      },
      logo: 'https://cdn.acme.example/brand/logo.svg?v=2',
      mode: 'auto',
      density: 'compact',
    });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.brand.typography.fontSource, 'https://fonts.acme.example/libre.woff2');
    assert.equal(result.brand.logo, 'https://cdn.acme.example/brand/logo.svg?v=2');
    assert.equal(result.brand.mode, 'auto');
    assert.equal(result.brand.density, 'compact');
  });

  test('the input object is not modified', () => {
    const input = { ...minimal(), colors: { primary: '#ABC' } };
    const before = structuredClone(input);
    parseBrand(input);
    assert.deepEqual(input, before);
  });
});

describe('parseBrand: each invalid field names its path, what was expected and what came', () => {
  const COLOUR = /#rgb, #rrggbb, rgb\(\), hsl\(\) or oklch\(\)/;
  const cases: {
    name: string;
    input: Record<string, unknown>;
    path: string;
    expected: RegExp;
    received: string;
  }[] = [
    {
      name: 'missing primary',
      input: { ...minimal(), colors: { accent: '#000' } },
      path: '/colors/primary',
      expected: COLOUR,
      received: 'nothing',
    },
    {
      name: 'missing colours object',
      input: { slug: 'acme', name: 'Acme Bank' },
      path: '/colors',
      expected: /primary/,
      received: 'nothing',
    },
    {
      name: 'unknown colour key',
      input: { ...minimal(), colors: { primary: '#fff', x: '#000' } },
      path: '/colors/x',
      expected: /unknown/,
      received: '"#000"',
    },
    {
      name: 'unknown top-level key',
      input: { ...minimal(), css: 'body{}' },
      path: '/css',
      expected: /unknown/,
      received: '"body{}"',
    },
    {
      name: 'baseSize 13',
      input: { ...minimal(), typography: { baseSize: 13 } },
      path: '/typography/baseSize',
      expected: /14 to 20/,
      received: '13',
    },
    {
      name: 'baseSize 21',
      input: { ...minimal(), typography: { baseSize: 21 } },
      path: '/typography/baseSize',
      expected: /14 to 20/,
      received: '21',
    },
    {
      name: 'baseSize as a string',
      input: { ...minimal(), typography: { baseSize: '16' } },
      path: '/typography/baseSize',
      expected: /14 to 20/,
      received: '"16"',
    },
    {
      name: 'scale out of range',
      input: { ...minimal(), typography: { scale: 2 } },
      path: '/typography/scale',
      expected: /1\.067 to 1\.618/,
      received: '2',
    },
    {
      name: 'radius -1',
      input: { ...minimal(), shape: { radius: -1 } },
      path: '/shape/radius',
      expected: /0 to 24/,
      received: '-1',
    },
    {
      name: 'radius 25',
      input: { ...minimal(), shape: { radius: 25 } },
      path: '/shape/radius',
      expected: /0 to 24/,
      received: '25',
    },
    {
      name: 'bad mode',
      input: { ...minimal(), mode: 'sepia' },
      path: '/mode',
      expected: /"light", "dark", "auto"/,
      received: '"sepia"',
    },
    {
      name: 'bad density',
      input: { ...minimal(), density: 'cozy' },
      path: '/density',
      expected: /"compact", "comfortable"/,
      received: '"cozy"',
    },
    {
      name: 'bad genericFamily',
      input: { ...minimal(), typography: { genericFamily: 'cursive' } },
      path: '/typography/genericFamily',
      expected: /"sans-serif", "serif", "monospace", "system-ui"/,
      received: '"cursive"',
    },
    {
      name: 'logo over http://',
      input: { ...minimal(), logo: 'http://cdn.acme.example/logo.svg' },
      path: '/logo',
      expected: /https URL of an image/,
      received: '"http://cdn.acme.example/logo.svg"',
    },
    {
      name: 'logo as javascript:',
      input: { ...minimal(), logo: 'javascript:alert(1)' },
      path: '/logo',
      expected: /https URL of an image/,
      received: '"javascript:alert(1)"',
    },
    {
      name: 'logo that is not an image',
      input: { ...minimal(), logo: 'https://cdn.acme.example/logo.html' },
      path: '/logo',
      expected: /https URL of an image/,
      received: '"https://cdn.acme.example/logo.html"',
    },
    {
      name: 'fontSource that is not a font',
      input: { ...minimal(), typography: { fontSource: 'https://cdn.acme.example/font.png' } },
      path: '/typography/fontSource',
      expected: /https URL of a font file/,
      received: '"https://cdn.acme.example/font.png"',
    },
    {
      name: 'fontFamily that would break out of its quotes',
      input: { ...minimal(), typography: { fontFamily: 'Inter"; } body { x: "' } },
      path: '/typography/fontFamily',
      expected: /font family name/,
      received: JSON.stringify('Inter"; } body { x: "'),
    },
    {
      name: 'translucent colour',
      input: { ...minimal(), colors: { primary: 'rgb(0 0 0 / 0.5)' } },
      path: '/colors/primary',
      expected: /opaque/,
      received: '"rgb(0 0 0 / 0.5)"',
    },
    {
      name: 'translucent colour as #rrggbbaa',
      input: { ...minimal(), colors: { primary: '#3355dd80' } },
      path: '/colors/primary',
      expected: COLOUR,
      received: '"#3355dd80"',
    },
    {
      name: "named colour 'red'",
      input: { ...minimal(), colors: { primary: 'red' } },
      path: '/colors/primary',
      expected: COLOUR,
      received: '"red"',
    },
    {
      name: 'colour as a number',
      input: { ...minimal(), colors: { danger: 0xff0000, primary: '#fff' } },
      path: '/colors/danger',
      expected: COLOUR,
      received: String(0xff0000),
    },
    {
      name: 'colour smuggling CSS',
      input: { ...minimal(), colors: { primary: '#fff;}body{' } },
      path: '/colors/primary',
      expected: COLOUR,
      received: '"#fff;}body{"',
    },
    {
      name: 'slug with uppercase letters',
      input: { ...minimal(), slug: 'Acme' },
      path: '/slug',
      expected: /slug/,
      received: '"Acme"',
    },
    {
      name: 'name with markup',
      input: { ...minimal(), name: '<b>Acme</b>' },
      path: '/name',
      expected: /display name/,
      received: '"<b>Acme</b>"',
    },
  ];

  for (const c of cases) {
    test(c.name, () => {
      const error = onlyError(c.input);
      assert.equal(error.path, c.path);
      assert.match(error.expected, c.expected);
      assert.equal(error.received, c.received);
      // The message a tenant reads says all three.
      assert.ok(error.message.startsWith(`${c.path}: `), error.message);
      assert.ok(error.message.includes(error.expected), error.message);
      assert.ok(error.message.endsWith(error.received), error.message);
    });
  }

  test('a non-object brand is reported at the root', () => {
    for (const [input, received] of [
      [null, 'null'],
      [[], 'an array'],
      ['acme', '"acme"'],
      [undefined, 'nothing'],
    ] as const) {
      const error = onlyError(input);
      assert.equal(error.path, '');
      assert.equal(error.received, received);
    }
  });

  test('every fault is reported at once, not just the first', () => {
    const errors = errorsOf({
      slug: 'acme',
      name: 'Acme Bank',
      colors: { primary: 'red', y: 1 },
      shape: { radius: 99 },
      mode: 'sepia',
      extra: true,
    });
    assert.deepEqual(errors.map((e) => e.path).sort(), [
      '/colors/primary',
      '/colors/y',
      '/extra',
      '/mode',
      '/shape/radius',
    ]);
  });

  test('keys containing / and ~ are escaped as RFC 6901 JSON Pointers', () => {
    const errors = errorsOf({ ...minimal(), colors: { primary: '#fff', 'a/b': 1, 'c~d': 2 } });
    assert.deepEqual(errors.map((e) => e.path).sort(), ['/colors/a~1b', '/colors/c~0d']);
  });

  test("a long string's received value is truncated and its length given", () => {
    const long = `#${'f'.repeat(5000)}`;
    const error = onlyError({ ...minimal(), colors: { primary: long } });
    assert.equal(error.path, '/colors/primary');
    assert.ok(error.received.length <= 100, error.received);
    assert.ok(error.received.startsWith(JSON.stringify(long.slice(0, 20)).slice(0, -1)));
    assert.match(error.received, /5001 characters/);
    assert.ok(!error.message.includes(long.slice(0, 100)), 'the whole string was echoed');
  });

  test('a long unknown key value is truncated too', () => {
    const error = onlyError({ ...minimal(), note: 'x'.repeat(300) });
    assert.equal(error.path, '/note');
    assert.ok(error.received.length <= 100, error.received);
    assert.match(error.received, /300 characters/);
  });
});
