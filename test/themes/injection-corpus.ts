/**
 * Hostile brand inputs for the theming engine. Each entry replaces one field of a valid brand
 * (the `sunbeam` preset), or adds one key to one of its objects, and every entry must be refused
 * with an error at exactly `field`. Payloads carry MARKER wherever their grammar allows, so a test
 * can prove that nothing a tenant typed ever reaches the CSS, the token JSON or the declarations.
 */
import sunbeam from '../../themes/presets/sunbeam.json' with { type: 'json' };

export interface InjectionPayload {
  /** JSON Pointer of the replaced field, or of the extra key the payload adds. */
  field: string;
  value: unknown;
  why: string;
}

/** Searched for case-insensitively in every output: slugs can only carry it in lowercase. */
export const MARKER = 'gwINJECT';

/** Every brand field whose value can reach an output; the corpus must attack each one. */
export const BRAND_FIELDS = [
  '/slug',
  '/name',
  '/colors/primary',
  '/colors/secondary',
  '/colors/accent',
  '/colors/neutral',
  '/colors/success',
  '/colors/warning',
  '/colors/danger',
  '/typography/fontFamily',
  '/typography/fontSource',
  '/typography/genericFamily',
  '/typography/baseSize',
  '/typography/scale',
  '/shape/radius',
  '/density',
  '/mode',
  '/logo',
] as const;

export type BrandField = (typeof BRAND_FIELDS)[number];

/** A fresh copy of the valid base brand, safe to mutate. */
export function baseBrand(): Record<string, unknown> {
  return structuredClone(sunbeam) as Record<string, unknown>;
}

/**
 * The base brand with `value` at the JSON Pointer `field`. Keys are defined as own data
 * properties, so `__proto__` becomes a real key (as JSON.parse makes it), not a prototype swap.
 */
export function withPayload(field: string, value: unknown): unknown {
  if (field === '') return value;
  const keys = field
    .split('/')
    .slice(1)
    .map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'));
  const root = baseBrand();
  let target: Record<string, unknown> = root;
  for (const key of keys.slice(0, -1)) {
    const next = Object.hasOwn(target, key) ? target[key] : undefined;
    const child =
      next !== null && typeof next === 'object' ? (next as Record<string, unknown>) : {};
    define(target, key, child);
    target = child;
  }
  define(target, keys.at(-1) ?? '', value);
  return root;
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

// ---- the fields and how a fragment is planted in each ----------------------------------------

type Kind = 'slug' | 'name' | 'color' | 'fontFamily' | 'url' | 'enum' | 'number';

interface StringField {
  field: BrandField;
  kind: Exclude<Kind, 'number'>;
  /** A valid value for the field. */
  seed: string;
  /** The seed with a fragment planted where an attacker would put it. */
  plant: (fragment: string) => string;
  /** The grammar-valid spelling of the marker for this field. */
  word: string;
  /** A 10,000+ character value made only of characters the field allows. */
  long: string;
}

const LONG = 10_000;
const CDN = 'https://cdn.sunbeam-bank.example';

function suffixed(
  field: BrandField,
  kind: StringField['kind'],
  seed: string,
  long: string,
): StringField {
  const word = kind === 'slug' ? MARKER.toLowerCase() : MARKER;
  return { field, kind, seed, plant: (fragment) => `${seed}${fragment}`, word, long };
}

// URLs keep their extension last, so a rejection can only come from the planted fragment.
function url(field: BrandField, dir: string, file: string, ext: string): StringField {
  return {
    field,
    kind: 'url',
    seed: `${CDN}/${dir}/${file}.${ext}`,
    plant: (fragment) => `${CDN}/${dir}/${file}${fragment}.${ext}`,
    word: MARKER,
    long: `${CDN}/${dir}/${'a'.repeat(LONG)}.${ext}`,
  };
}

const COLOR_FIELDS = [
  '/colors/primary',
  '/colors/secondary',
  '/colors/accent',
  '/colors/neutral',
  '/colors/success',
  '/colors/warning',
  '/colors/danger',
] as const satisfies readonly BrandField[];

const STRING_FIELDS: readonly StringField[] = [
  suffixed('/slug', 'slug', 'sunbeam', 'a'.repeat(LONG + 1)),
  suffixed('/name', 'name', 'Sunbeam Bank', 'Sunbeam Bank '.repeat(800).trim()),
  ...COLOR_FIELDS.map((field) =>
    suffixed(field, 'color', '#ffd400', `rgb(${'0'.repeat(LONG)} 0 0)`),
  ),
  suffixed('/typography/fontFamily', 'fontFamily', 'Nunito Sans', 'A'.repeat(LONG + 1)),
  url('/typography/fontSource', 'fonts', 'nunito', 'woff2'),
  url('/logo', 'brand', 'logo', 'svg'),
  suffixed('/typography/genericFamily', 'enum', 'sans-serif', 'serif'.repeat(2_001)),
  suffixed('/density', 'enum', 'comfortable', 'comfortable'.repeat(1_000)),
  suffixed('/mode', 'enum', 'light', 'light'.repeat(2_001)),
];

interface NumberField {
  field: BrandField;
  seed: number;
  min: number;
  max: number;
}

const NUMBER_FIELDS: readonly NumberField[] = [
  { field: '/typography/baseSize', seed: 16, min: 14, max: 20 },
  { field: '/typography/scale', seed: 1.25, min: 1.067, max: 1.618 },
  { field: '/shape/radius', seed: 12, min: 0, max: 24 },
];

// ---- fragments planted in every string field -----------------------------------------------

interface Fragment {
  /** The planted text; `$` stands for the field's spelling of the marker. */
  text: string;
  why: string;
  /** Planted alone rather than after the seed (a whole-value swap). */
  alone?: boolean;
  /**
   * Only letters, digits, spaces, dots, hyphens and parentheses: legal in a display name, so for
   * /name it lives in NAME_LOOKALIKES (accepted, never emitted) instead of the corpus.
   */
  nameText?: boolean;
}

const BREAKOUTS: readonly Fragment[] = [
  { text: ';--$:1', why: '";" ends the declaration and starts an attacker property' },
  { text: ';background:red', why: '";" followed by a plain declaration' },
  { text: '}body{--$:1}', why: '"}" closes the rule and opens one on the host page' },
  { text: '}', why: 'a lone "}" unbalances the stylesheet' },
  { text: '{--$:1', why: '"{" opens a nested block' },
  { text: '"]{--$:1}[x="', why: 'a double quote breaks out of the [data-gw-theme="…"] selector' },
  { text: '"', why: 'a lone double quote breaks out of a quoted string' },
  { text: "'}${'", why: 'a single quote and braces break out of a single-quoted context' },
  { text: '</style><script>$()</script>', why: '"</style>" ends an inline style element' },
  { text: '<script>$()</script>', why: 'a script element in case the value reaches HTML' },
  { text: '<img src=x onerror=$()>', why: 'an HTML event handler in case the value reaches HTML' },
  {
    text: ');background:url(https://$.example/x.png)',
    why: '"url(" after closing a function loads an attacker resource',
  },
  { text: 'url($)', why: 'a bare url() in place of the value', alone: true, nameText: true },
  {
    text: ';width:expression(alert("$"))',
    why: 'legacy IE "expression(" runs script from CSS',
  },
  { text: 'expression($)', why: 'a bare expression()', alone: true, nameText: true },
  { text: ';@import url($.css);', why: '"@import" pulls in an attacker stylesheet' },
  { text: '@import "$.css"', why: 'a bare "@import" statement', alone: true },
  { text: ';color:var(--$)', why: '"var(--x)" reads a host-page custom property' },
  { text: 'var(--$)', why: 'a bare var() in place of the value', alone: true, nameText: true },
  { text: ' !important;--$:1', why: '"!important" wins over the host page' },
  { text: '!important', why: 'a trailing "!important"' },
  { text: '\\3b --$:1', why: 'CSS escape \\3b is ";" once unescaped' },
  { text: '\\7d body\\7b --$:1', why: 'CSS escapes \\7d and \\7b are "}" and "{"' },
  { text: '\\00003b--$:1', why: 'six-digit CSS escape of ";"' },
  { text: '\\22 $', why: 'CSS escape \\22 is a double quote' },
  { text: '\\3c/style\\3e $', why: 'CSS-escaped "</style>"' },
  { text: '\\\n$', why: 'backslash-newline, a CSS line continuation' },
  { text: '\\', why: 'a trailing backslash escapes whatever the engine appends' },
  { text: '/*$*/', why: 'a CSS comment hides what follows from a naive reader' },
  {
    text: '*/:root{--$:1}/*',
    why: '"*/" closes the header comment that names the theme',
  },
  { text: '/*', why: 'an unterminated comment swallows the rest of the stylesheet' },
  { text: '<!--$-->', why: 'an HTML comment opener' },
  { text: '`+$+`', why: 'a backtick breaks out of a template literal' },
  { text: '\\u003b--$:1', why: 'a JavaScript-style escape of ";" left as text' },
];

const CONTROLS: readonly { char: string; label: string; bare?: boolean }[] = [
  { char: '\u0000', label: 'NUL', bare: true },
  { char: '\n', label: 'line feed', bare: true },
  { char: '\r', label: 'carriage return', bare: true },
  { char: '\t', label: 'tab', bare: true },
  { char: '\u001b', label: 'ESC (ANSI escape)', bare: true },
  { char: '\u000b', label: 'vertical tab' },
  { char: '\f', label: 'form feed' },
  { char: '\u007f', label: 'DEL' },
  { char: '\u0085', label: 'NEL (C1 next line)' },
  { char: '\u009b', label: 'C1 CSI (8-bit ANSI escape)' },
];

// `letter` marks a real letter of another script: legal in a display name, so not hostile there.
const LOOKALIKES: readonly { char: string; label: string; letter?: boolean }[] = [
  { char: '\uff1b', label: 'fullwidth semicolon' },
  { char: '\ufe54', label: 'small semicolon' },
  { char: '\u037e', label: 'Greek question mark (NFC-normalises to ";")' },
  { char: '\uff5d', label: 'fullwidth right curly bracket' },
  { char: '\uff5b', label: 'fullwidth left curly bracket' },
  { char: '\uff02', label: 'fullwidth quotation mark' },
  { char: '\uff1a', label: 'fullwidth colon' },
  { char: '\u2028', label: 'line separator U+2028' },
  { char: '\u2029', label: 'paragraph separator U+2029' },
  { char: '\u200d', label: 'zero-width joiner' },
  { char: '\u200b', label: 'zero-width space' },
  { char: '\u202e', label: 'right-to-left override' },
  { char: '\u2067', label: 'right-to-left isolate' },
  { char: '\ufeff', label: 'byte-order mark' },
  { char: '\u00a0', label: 'no-break space' },
  { char: '\u0455', label: 'Cyrillic "ѕ" look-alike of "s"', letter: true },
];

/** Grammar-valid display names that look like CSS; the name must never reach any output. */
export const NAME_LOOKALIKES: readonly InjectionPayload[] = [
  ...BREAKOUTS.filter((f) => f.nameText).map((f) => ({
    field: '/name',
    value: f.text.replaceAll('$', MARKER),
    why: `${f.why}: legal display-name text, so it must be inert`,
  })),
  ...LOOKALIKES.filter((l) => l.letter).map((l) => ({
    field: '/name',
    value: `Sunbeam Bank${l.char}${MARKER}`,
    why: `${l.label}: a letter, so legal in a display name`,
  })),
];

function stringPayloads(spec: StringField): InjectionPayload[] {
  const at = (value: unknown, why: string): InjectionPayload => ({ field: spec.field, value, why });
  const out: InjectionPayload[] = [];
  for (const fragment of BREAKOUTS) {
    if (fragment.nameText && spec.kind === 'name') continue;
    const text = fragment.text.replaceAll('$', spec.word);
    out.push(at(fragment.alone ? text : spec.plant(text), fragment.why));
  }
  for (const { char, label, bare } of CONTROLS) {
    out.push(at(spec.plant(`${char}${spec.word}`), `${label} inside the value`));
    if (bare) {
      out.push(at(spec.plant(char), `a lone ${label} planted in the value`));
      out.push(at(`${char}${spec.seed}`, `a leading ${label}`));
    }
  }
  for (const { char, label, letter } of LOOKALIKES) {
    if (letter && spec.kind === 'name') continue;
    out.push(at(spec.plant(`${char}${spec.word}`), `${label} inside the value`));
  }
  out.push(
    at(spec.long, `${spec.long.length} characters, each one allowed by the field`),
    at(
      spec.plant(`${' '.repeat(LONG)};--${spec.word}:1`),
      'an injection hidden after 10,000 spaces, past any truncated echo',
    ),
    at('\u0000'.repeat(LONG), '10,000 NULs: the echo must stay short even when escaped'),
    at('\u001b[31m'.repeat(LONG / 5), 'ANSI colour codes that would repaint a terminal'),
    at(
      `${spec.seed}${'a'.repeat(100_000)}!`,
      '100,000 characters then a bad one (regex backtracking)',
    ),
    at('', 'the empty string'),
    at(' ', 'a lone space'),
    ...wrongTypes(spec.field, spec.seed),
  );
  return out;
}

function wrongTypes(field: BrandField, seed: string | number): InjectionPayload[] {
  const at = (value: unknown, why: string): InjectionPayload => ({ field, value, why });
  return [
    at(null, 'null'),
    at(true, 'a boolean'),
    at(false, 'false'),
    at(typeof seed === 'string' ? 42 : String(seed), 'the other primitive type'),
    at([], 'an empty array'),
    at([seed], 'the valid value wrapped in an array (String([x]) === x)'),
    at({}, 'an empty object'),
    at({ toString: () => seed, valueOf: () => seed }, 'an object that coerces to the valid value'),
    at(Object(seed), 'a boxed primitive'),
    at(Symbol(MARKER), 'a symbol'),
    at(BigInt(16), 'a bigint'),
    at(() => seed, 'a function returning the valid value'),
    at(new Date(0), 'a Date'),
  ];
}

// ---- field-specific tricks -------------------------------------------------------------------

const COLOR_TRICKS: readonly [string, string][] = [
  ['#fff;color:red', 'short hex followed by a declaration'],
  ['rgb(0 0 0) ; x', 'a valid function followed by "; x"'],
  ['rgb(0 0 0)/*gwINJECT*/', 'a valid function followed by a comment'],
  ['#ffd400 !important', 'valid hex with "!important"'],
  ['#ffd400)', 'a stray closing parenthesis'],
  ['rgb(0 0 0', 'an unclosed function'],
  ['rgb((0 0 0))', 'nested parentheses'],
  ['oklch(NaN 0 0)', 'NaN lightness'],
  ['hsl(nan 0% 0%)', 'lowercase nan hue'],
  ['hsl(none 0% 0%)', 'the CSS "none" channel keyword'],
  ['rgb(1e999 0 0)', 'a channel that overflows to Infinity'],
  ['rgb(-1e999 0 0)', 'a channel that overflows to -Infinity'],
  ['hsl(1e999 50% 50%)', 'a hue that overflows to Infinity'],
  ['oklch(1e999 0 0)', 'a lightness that overflows to Infinity'],
  ['oklch(0.5 0.1 1e999)', 'a hue that overflows to Infinity'],
  ['rgb(infinity 0 0)', 'the CSS "infinity" keyword'],
  ['rgb(calc(1/0) 0 0)', 'calc() dividing by zero'],
  ['red', 'a named colour'],
  ['rebeccapurple', 'another named colour'],
  ['gwINJECT', 'an unknown identifier'],
  ['currentColor', 'currentColor takes the host page colour'],
  ['transparent', 'transparent has no defined contrast'],
  ['inherit', 'a CSS-wide keyword'],
  ['color-mix(in srgb, red 50%, blue)', 'color-mix() is computed by the browser, not the engine'],
  ['var(--gw-sys-color-primary)', 'a reference to the engine’s own token'],
  ['light-dark(#fff, #000)', 'light-dark() picks a colour the engine cannot check'],
  ['rgb(0 0 0 / 0.5)', 'alpha 0.5: contrast is undefined'],
  ['rgba(0, 0, 0, 0)', 'fully transparent legacy rgba()'],
  ['hsl(0 0% 0% / 50%)', 'percentage alpha'],
  ['oklch(0.5 0.1 200 / 0.99)', 'alpha just under 1'],
  ['rgb(0 0 0 / 99.9999%)', 'alpha a hair under 100%'],
  ['#ffd40080', 'eight-digit hex with alpha'],
  ['#ffd4', 'four-digit hex with alpha'],
  ['#ffd40', 'five hex digits'],
  ['#gggggg', 'non-hex digits'],
  ['ffd400', 'hex without "#"'],
  ['\uff03ffd400', 'fullwidth number sign'],
  ['lab(50 0 0)', 'a notation outside the allowlist'],
  ['color(srgb 1 0 0)', 'color() is outside the allowlist'],
  ['hwb(0 0% 0%)', 'hwb() is outside the allowlist'],
  ['rgb(attr(data-x) 0 0)', 'attr() reads the host page DOM'],
  ['url(#gwINJECT)', 'a url() where a colour belongs'],
  ['rgb(0\u00a00\u00a00)', 'no-break spaces between channels'],
  ['rgb(0\u20280\u20280)', 'line separators between channels'],
  ['rgb(0\u20290\u20290)', 'paragraph separators between channels'],
  ['oklch(0.5\ufeff0 0)', 'a byte-order mark between channels'],
  ['hsl(0\u30000% 0%)', 'an ideographic space between channels'],
  ['rgb(0\u00000 0)', 'NUL between channels'],
  ['rgb(0\u001b0 0)', 'ESC between channels'],
  [`#ffd400${' '.repeat(LONG)}`, 'valid hex padded to 10,000+ characters'],
];

const URL_TRICKS: readonly ((ext: string) => [string, string])[] = [
  () => ['javascript:alert("gwINJECT")', 'a javascript: URL'],
  (ext) => [`javascript:alert(1)//x.${ext}`, 'a javascript: URL ending in a valid extension'],
  (ext) => [`JaVaScRiPt:gwINJECT()//x.${ext}`, 'a mixed-case javascript: URL'],
  () => ['data:image/svg+xml,<svg onload=gwINJECT()>', 'a data: URL carrying script'],
  (ext) => [`data:font/${ext};base64,gwINJECT`, 'a base64 data: URL'],
  (ext) => [`http://cdn.gwinject.example/x.${ext}`, 'plain http'],
  (ext) => [`file:///etc/gwINJECT.${ext}`, 'a file: URL'],
  (ext) => [`blob:https://cdn.example/gwINJECT.${ext}`, 'a blob: URL'],
  (ext) => [`https://user:pass@cdn.gwinject.example/x.${ext}`, 'credentials in the URL'],
  (ext) => [`https://gwinject@cdn.example/x.${ext}`, 'a user name that hides the real host'],
  (ext) => [
    `https://cdn.example/x.${ext});background:url(https://gwinject.example/x.${ext}`,
    'a ")" closes url() and a second url() follows',
  ],
  (ext) => [`https://cdn.example/x.${ext}")gwINJECT`, 'a double quote closes url("…")'],
  (ext) => [`https://cdn.example/x.${ext}'gwINJECT`, "a single quote closes url('…')"],
  (ext) => [`"https://cdn.example/gwINJECT.${ext}"`, 'the URL wrapped in quotes'],
  (ext) => [`https://cdn.example/gwINJECT x.${ext}`, 'a space in the path'],
  (ext) => [` https://cdn.example/gwINJECT.${ext}`, 'a leading space'],
  (ext) => [`https://cdn.example/x.${ext}?a=b"gwINJECT`, 'a double quote in the query'],
  (ext) => [`https://cdn.example/x.${ext}?a=url(gwINJECT)`, 'parentheses in the query'],
  (ext) => [
    `https://cdn.example\\..\\gwINJECT.${ext}`,
    'backslashes, which URL parsers read as "/"',
  ],
  (ext) => [`https://cdn.example/..\\..\\gwINJECT.${ext}`, 'backslash path traversal'],
  (ext) => [`//cdn.gwinject.example/x.${ext}`, 'a protocol-relative URL'],
  (ext) => [`/gwINJECT.${ext}`, 'a path without a host'],
  (ext) => [`gwINJECT.${ext}`, 'a relative file name'],
  (ext) => [`https:/cdn.example/gwINJECT.${ext}`, 'a single slash after the scheme'],
  (ext) => [`https:cdn.example/gwINJECT.${ext}`, 'no slashes after the scheme'],
  (ext) => [`https://cdn.example/x.${ext}#gwINJECT`, 'a fragment'],
  (ext) => [`https://cdn.example/x.${ext};--gwINJECT:1`, 'a declaration after the URL'],
  (ext) => [`https://[::1]/gwINJECT.${ext}`, 'an IPv6 literal host'],
  (ext) => [`https://cdn.example/x.php?f=gwINJECT.${ext}`, 'the extension only in the query'],
  (ext) => [`https://cdn.example/gwINJECT.${ext}.exe`, 'a double extension'],
  (ext) => [`https://cdn.example/gwINJECT%2E${ext}`, 'a percent-encoded extension dot'],
  (ext) => [`\uff48ttps://cdn.example/gwINJECT.${ext}`, 'a fullwidth "h" in the scheme'],
  (ext) => [`https\uff1a//cdn.example/gwINJECT.${ext}`, 'a fullwidth colon after the scheme'],
  (ext) => [`https://cdn.example:99999/gwINJECT.${ext}`, 'a port above 65535'],
  (ext) => [`https://999.1.1.1/gwINJECT.${ext}`, 'an IPv4-looking host with an octet over 255'],
  (ext) => [`https://1.2.3.4.5/gwINJECT.${ext}`, 'an IPv4-looking host with five parts'],
  (ext) => [`https://xn--a/gwINJECT.${ext}`, 'a host that is invalid punycode'],
  (ext) => [`https://${'a'.repeat(LONG)}.example/gwINJECT.${ext}`, 'a 10,000-character host'],
];

const ENUM_TRICKS: Readonly<Record<string, readonly string[]>> = {
  '/typography/genericFamily': [
    'SERIF',
    'Serif',
    'sans-serif ',
    'cursive',
    'emoji',
    'serif, gwINJECT',
  ],
  '/density': ['COMPACT', 'compact ', 'cozy', 'comfortable, compact'],
  '/mode': ['DARK', 'Dark', 'night', 'system', 'light dark', 'dark ', 'auto;--gwINJECT:1'],
};

// Keys that exist on every object's prototype chain: a lookup with `in` would accept them.
const PROTOTYPE_NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];
const CSS_KEYWORDS = ['inherit', 'initial', 'unset', 'revert', 'revert-layer'];

function numberPayloads({ field, seed, min, max }: NumberField): InjectionPayload[] {
  const at = (value: unknown, why: string): InjectionPayload => ({ field, value, why });
  return [
    at(Number.NaN, 'NaN'),
    at(Number.POSITIVE_INFINITY, 'Infinity'),
    at(Number.NEGATIVE_INFINITY, '-Infinity'),
    at(1e308, '1e308'),
    at(-1e308, '-1e308'),
    at(Number.MAX_VALUE, 'Number.MAX_VALUE'),
    at(Number.MAX_SAFE_INTEGER, 'Number.MAX_SAFE_INTEGER'),
    at(min - 0.0001, `just below the minimum ${min}`),
    at(max + 0.0001, `just above the maximum ${max}`),
    at(-0.0001, 'slightly negative'),
    at(-seed, 'the valid value negated'),
    at(min - Number.EPSILON * 1e3, 'below the minimum by a rounding error'),
    at(String(seed), 'a numeric string'),
    at(`${seed}px`, 'a number with a unit'),
    at(`${seed};--gwINJECT:1`, 'a numeric string carrying a declaration'),
    at(`calc(${seed}px)`, 'calc()'),
    at('var(--gwINJECT)', 'var()'),
    at(` ${seed} `, 'a padded numeric string'),
    at('1e1', 'an exponent string'),
    at('0x10', 'a hex string'),
    at('NaN', 'the string "NaN"'),
    at('Infinity', 'the string "Infinity"'),
    at('', 'the empty string'),
    at({ valueOf: () => seed }, 'an object whose valueOf is the valid value'),
    ...wrongTypes(field, seed).filter((p) => p.why !== 'a bigint'),
    at(BigInt(Math.round(seed)), 'a bigint in range'),
  ];
}

// ---- extra keys and whole objects ------------------------------------------------------------

const EXTRA_KEYS: readonly InjectionPayload[] = (
  [
    ['', '__proto__', { slug: 'gwinject', polluted: MARKER }],
    ['', 'constructor', { prototype: { polluted: MARKER } }],
    ['', 'prototype', { polluted: MARKER }],
    ['', 'toString', MARKER],
    ['', 'css', `body{--${MARKER}:1}`],
    ['', 'customCss', `</style><script>${MARKER}()</script>`],
    ['', 'fontFamily', MARKER],
    ['', 'slug ', 'gwinject'],
    ['', 'Slug', 'gwinject'],
    ['/colors', '__proto__', { primary: '#ff0000', polluted: MARKER }],
    ['/colors', 'constructor', { prototype: { polluted: MARKER } }],
    ['/colors', 'hasOwnProperty', '#ffffff'],
    ['/colors', 'tertiary', '#ffffff'],
    ['/colors', 'Primary', '#ffffff'],
    ['/colors', 'primary\u200d', '#ffffff'],
    ['/colors', '\uff50rimary', '#ffffff'],
    ['/colors', `primary;--${MARKER}:1`, '#ffffff'],
    ['/colors', `a/b~c${MARKER}`, '#ffffff'],
    ['/colors', '0', '#ffffff'],
    ['/typography', '__proto__', { fontFamily: `x";--${MARKER}:1` }],
    ['/typography', 'constructor', { prototype: { polluted: MARKER } }],
    ['/typography', 'fontWeight', `700;--${MARKER}:1`],
    ['/typography', 'fontFamily ', MARKER],
    ['/shape', '__proto__', { radius: `1px;--${MARKER}:1` }],
    ['/shape', 'constructor', { prototype: { polluted: MARKER } }],
    ['/shape', 'shadow', `0 0 0 url(${MARKER})`],
  ] satisfies [string, string, unknown][]
).map(([object, key, value]) => ({
  field: `${object}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`,
  value,
  why: `an extra key ${JSON.stringify(key)} where only documented keys are allowed`,
}));

const WHOLE_OBJECTS: readonly InjectionPayload[] = [
  ...['/colors', '/typography', '/shape'].flatMap((field) => [
    { field, value: null, why: 'null in place of the object' },
    { field, value: [], why: 'an array in place of the object' },
    { field, value: `;--${MARKER}:1`, why: 'a string in place of the object' },
    { field, value: 42, why: 'a number in place of the object' },
  ]),
  { field: '', value: null, why: 'null in place of the brand' },
  { field: '', value: [baseBrand()], why: 'the valid brand wrapped in an array' },
  { field: '', value: JSON.stringify(baseBrand()), why: 'the brand as an unparsed JSON string' },
  { field: '', value: `:root{--${MARKER}:1}`, why: 'a stylesheet in place of the brand' },
  { field: '', value: 0, why: 'a number in place of the brand' },
  { field: '/slug', value: undefined, why: 'the required slug missing' },
  { field: '/name', value: undefined, why: 'the required name missing' },
  { field: '/colors/primary', value: undefined, why: 'the required primary colour missing' },
];

function fieldSpecificPayloads(spec: StringField): InjectionPayload[] {
  const at = (value: string, why: string): InjectionPayload => ({ field: spec.field, value, why });
  switch (spec.kind) {
    case 'color':
      return COLOR_TRICKS.map(([value, why]) => at(value, why));
    case 'url': {
      const ext = spec.seed.slice(spec.seed.lastIndexOf('.') + 1);
      return URL_TRICKS.map((trick) => at(...trick(ext)));
    }
    case 'enum':
      return [
        ...(ENUM_TRICKS[spec.field] ?? []).map((value) => at(value, 'outside the enum')),
        ...PROTOTYPE_NAMES.map((value) => at(value, 'an Object.prototype member name')),
        ...CSS_KEYWORDS.map((value) => at(value, 'a CSS-wide keyword')),
      ];
    case 'slug':
      return [
        at('gwINJECT', 'uppercase letters'),
        at('-gwinject', 'a leading hyphen'),
        at('gwinject-', 'a trailing hyphen'),
        at('gw inject', 'a space'),
        at('gw_inject', 'an underscore'),
        at('gw.inject', 'a dot (a class selector in CSS)'),
        at('gw#inject', 'a hash (an id selector in CSS)'),
        at('g\u0455inject', 'a Cyrillic look-alike letter'),
        at('\uff47winject', 'a fullwidth letter'),
        at('a'.repeat(41), 'one character over 40'),
        ...PROTOTYPE_NAMES.filter((n) => n !== 'constructor').map((value) =>
          at(value, 'an Object.prototype member name'),
        ),
      ];
    case 'fontFamily':
      return [
        at('Nunito  Sans', 'a double space'),
        at('Nunito Sans ', 'a trailing space'),
        at(' Nunito Sans', 'a leading space'),
        at('Nunito, gwINJECT', 'a comma adds a second family to the stack'),
        at('Nunito", gwINJECT, "x', 'a quote breaks out of the quoted family'),
        at("Nunito', gwINJECT, 'x", 'a single quote breaks out of a single-quoted family'),
        at('Nunito\\", gwINJECT', 'an escaped quote'),
        at('N\u00fcnito Sans', 'a non-ASCII letter'),
        at('\uff2eunito Sans', 'a fullwidth letter'),
        at('-gwINJECT', 'a leading hyphen'),
        at('A'.repeat(65), 'one character over 64'),
      ];
    case 'name':
      return [
        at('Sunbeam Bank"', 'a trailing double quote'),
        at('Sunbeam Bank<', 'a trailing "<"'),
        at('Sunbeam &amp; Bank<b>gwINJECT</b>', 'HTML markup'),
        at('(gwINJECT', 'a leading parenthesis'),
        at('A'.repeat(81), 'one character over 80'),
      ];
  }
}

/** The whole corpus: every field attacked, plus extra keys and whole-object swaps. */
export const INJECTION_CORPUS: readonly InjectionPayload[] = [
  ...STRING_FIELDS.flatMap((spec) => [...stringPayloads(spec), ...fieldSpecificPayloads(spec)]),
  ...NUMBER_FIELDS.flatMap(numberPayloads),
  ...EXTRA_KEYS,
  ...WHOLE_OBJECTS,
];
