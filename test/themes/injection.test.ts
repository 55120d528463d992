/**
 * CSS injection: every hostile brand value in the corpus is refused at its own JSON path with a
 * short, terminal-safe echo and no theme outputs, and nothing a tenant typed (the marker) ever
 * reaches the CSS, the token JSON or the type declarations.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBrand } from '../../themes/brand-schema.js';
import { compileTheme } from '../../themes/compile.js';
import {
  BRAND_FIELDS,
  baseBrand,
  INJECTION_CORPUS,
  type InjectionPayload,
  MARKER,
  NAME_LOOKALIKES,
  withPayload,
} from './injection-corpus.js';

const MAX_RECEIVED = 120;
// C0/C1 controls drive terminals and end log lines; bidi controls and U+2028/9 reorder or split
// the text an admin reads.
const UNSAFE_ECHO = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const NUMBER_FIELDS: readonly string[] = [
  '/typography/baseSize',
  '/typography/scale',
  '/shape/radius',
];
const URL_FIELDS: readonly string[] = ['/typography/fontSource', '/logo'];
const COLOR_FIELDS = BRAND_FIELDS.filter((field) => field.startsWith('/colors/'));
const STRING_FIELDS = BRAND_FIELDS.filter((field) => !NUMBER_FIELDS.includes(field));

/** A short, printable rendering of a payload for failure messages. */
function show(value: unknown): string {
  if (typeof value === 'string') {
    const escaped = JSON.stringify(value).replace(
      /[^\x20-\x7e]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    return escaped.length > 80 ? `${escaped.slice(0, 80)}… (${value.length} chars)` : escaped;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined) {
    return String(value);
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'function') return `a ${typeof value}`;
  return JSON.stringify(value) ?? Object.prototype.toString.call(value);
}

function thrown(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 80);
}

function codePoint(text: string): string {
  const match = UNSAFE_ECHO.exec(text);
  return match
    ? `U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
    : '';
}

/** The outputs (css, tokensJson, dts) that contain the marker, in any case. */
function outputsWithMarker(outputs: Record<string, string>): string[] {
  return Object.entries(outputs)
    .filter(([, text]) => text.toLowerCase().includes(MARKER.toLowerCase()))
    .map(([name]) => name);
}

/** Error paths show unknown keys as printable ASCII (`\\uXXXX` escapes), as the engine does. */
function printablePointer(path: string): string {
  return path.replace(
    /[^\x20-\x7e]/gu,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

interface Check {
  input: unknown;
  path: string;
  /** Also hold the error's `received` to the short, safe echo rule. */
  echo: boolean;
}

/** Everything wrong with how the engine treats one hostile input; empty when it is refused. */
async function problems(entry: InjectionPayload, { input, path, echo }: Check): Promise<string[]> {
  const found: string[] = [];
  try {
    const parsed = parseBrand(input);
    if (parsed.ok) {
      found.push('parseBrand accepted it');
    } else {
      if (!parsed.errors.some((error) => error.path === printablePointer(path))) {
        found.push(
          `no error at ${JSON.stringify(path)} (got ${show(parsed.errors.map((e) => e.path))})`,
        );
      }
      for (const { received } of echo ? parsed.errors : []) {
        if (received.length > MAX_RECEIVED)
          found.push(`received is ${received.length} characters long`);
        if (UNSAFE_ECHO.test(received)) found.push(`received echoes a raw ${codePoint(received)}`);
      }
    }
  } catch (error) {
    found.push(`parseBrand threw (${thrown(error)})`);
  }
  try {
    const compiled = await compileTheme(input);
    if (compiled.ok) {
      const leaked = outputsWithMarker({ ...compiled.outputs });
      found.push(
        leaked.length > 0
          ? `compileTheme built it and ${MARKER} reached ${leaked.join(', ')}`
          : `compileTheme built it (hash ${compiled.report.hash}; ${MARKER} in no output)`,
      );
    } else {
      if ('outputs' in compiled) found.push('the failed compile still has outputs');
      if (compiled.report.hash !== null)
        found.push(`the failed report has hash ${compiled.report.hash}`);
    }
  } catch (error) {
    found.push(`compileTheme threw (${thrown(error)})`);
  }
  const unique = [...new Set(found)];
  return unique.length > 0
    ? [`${entry.field} ← ${show(entry.value)} (${entry.why}): ${unique.join('; ')}`]
    : [];
}

async function assertAllRefused(
  entries: readonly InjectionPayload[],
  check: (e: InjectionPayload) => Check,
) {
  const failures: string[] = [];
  for (const entry of entries) failures.push(...(await problems(entry, check(entry))));
  assert.deepEqual(
    failures,
    [],
    `${failures.length} of ${entries.length} hostile inputs were not cleanly refused:\n${failures.join('\n')}`,
  );
}

const OTHER = 'extra keys and whole objects';
const groups = new Map<string, InjectionPayload[]>([...BRAND_FIELDS, OTHER].map((g) => [g, []]));
for (const entry of INJECTION_CORPUS) {
  const group = (BRAND_FIELDS as readonly string[]).includes(entry.field) ? entry.field : OTHER;
  groups.get(group)?.push(entry);
}

for (const [group, entries] of groups) {
  test(`${group}: every hostile value is refused at its path, echoed short and safe, with no outputs`, async () => {
    await assertAllRefused(entries, (entry) => ({
      input: withPayload(entry.field, entry.value),
      path: entry.field,
      echo: true,
    }));
  });
}

test('every payload under an unknown top-level key is refused at that key', async () => {
  const key = 'gwInjectExtra';
  await assertAllRefused(INJECTION_CORPUS, (entry) => ({
    input: { ...baseBrand(), [key]: entry.value },
    path: `/${key}`,
    echo: false,
  }));
});

test('the corpus has at least 300 payloads and attacks every field with every trick', () => {
  assert.ok(INJECTION_CORPUS.length >= 300, `only ${INJECTION_CORPUS.length} payloads`);
  const valuesAt = (field: string) =>
    INJECTION_CORPUS.filter((e) => e.field === field).map((e) => e.value);
  const strings = (field: string) =>
    valuesAt(field).filter((v): v is string => typeof v === 'string');
  const missing: string[] = [];
  const need = (field: string, what: string, ok: boolean) => {
    if (!ok) missing.push(`${field}: ${what}`);
  };

  for (const field of BRAND_FIELDS) {
    const values = valuesAt(field);
    need(field, 'at least 20 payloads', values.length >= 20);
    need(field, 'null', values.includes(null));
    need(
      field,
      'a boolean',
      values.some((v) => typeof v === 'boolean'),
    );
    need(field, 'an array', values.some(Array.isArray));
    need(
      field,
      'an object',
      values.some((v) => v !== null && typeof v === 'object' && !Array.isArray(v)),
    );
  }
  const tokens = [
    ';',
    '}',
    '{',
    '</style>',
    '<script>',
    'url(',
    'expression(',
    '@import',
    'var(--',
  ];
  const tricks = [
    ...tokens,
    '!important',
    '\\3b',
    '\\7d',
    '/*',
    '*/',
    '\uff1b',
    '\u2028',
    '\u200d',
  ];
  const controls = ['\u202e', '\u0000', '\n', '\r', '\t', '\u001b'];
  for (const field of STRING_FIELDS) {
    for (const trick of [...tricks, ...controls]) {
      need(
        field,
        show(trick),
        strings(field).some((v) => v.includes(trick)),
      );
    }
    need(
      field,
      '10,000+ characters',
      strings(field).some((v) => v.length >= 10_000),
    );
  }
  for (const field of NUMBER_FIELDS) {
    const values = valuesAt(field);
    for (const n of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308]) {
      need(field, String(n), values.includes(n));
    }
    need(
      field,
      'a numeric string',
      strings(field).some((v) => v !== '' && !Number.isNaN(Number(v))),
    );
  }
  for (const field of URL_FIELDS) {
    const urls = strings(field);
    for (const prefix of ['javascript:', 'data:', 'http:', '//', 'https://user:pass@']) {
      need(
        field,
        prefix,
        urls.some((v) => v.startsWith(prefix)),
      );
    }
    for (const part of [');background:url(', '?a=b"', '\\', "'", ' ']) {
      need(
        field,
        part,
        urls.some((v) => v.includes(part)),
      );
    }
  }
  const colorTricks = ['#fff;color:red', 'rgb(0 0 0) ; x', 'oklch(NaN 0 0)', 'hsl(none 0% 0%)'];
  const colorValues = [...colorTricks, 'rgb(1e999 0 0)', 'red', 'currentColor', 'transparent'];
  for (const field of COLOR_FIELDS) {
    for (const value of [...colorValues, 'var(--gw-sys-color-primary)', 'rgb(0 0 0 / 0.5)']) {
      need(field, value, strings(field).includes(value));
    }
    need(
      field,
      'color-mix()',
      strings(field).some((v) => v.startsWith('color-mix(')),
    );
  }
  for (const object of ['', '/colors', '/typography', '/shape']) {
    for (const key of ['__proto__', 'constructor']) {
      need(`${object}/${key}`, 'an extra key', valuesAt(`${object}/${key}`).length > 0);
    }
  }
  assert.deepEqual(missing, [], `the corpus misses:\n${missing.join('\n')}`);
});

test('the base brand compiles, and its outputs carry no marker or injection string', async () => {
  const compiled = await compileTheme(baseBrand());
  assert.ok(compiled.ok, 'the sunbeam preset must compile');
  assert.match(compiled.report.hash ?? '', /^[0-9a-f]{16}$/);
  assert.deepEqual(outputsWithMarker({ ...compiled.outputs }), []);
  for (const [name, text] of Object.entries(compiled.outputs)) {
    for (const needle of ['</style', '<script', '@import', 'expression(', '!important', 'url(']) {
      assert.ok(
        !text.toLowerCase().includes(needle),
        `${name} of the base brand contains ${needle}`,
      );
    }
  }
});

test('the marker search would notice a leak: a legal font family carrying it does reach the CSS', async () => {
  const compiled = await compileTheme(withPayload('/typography/fontFamily', `${MARKER} Sans`));
  assert.ok(compiled.ok);
  assert.ok(compiled.outputs.css.includes(`"${MARKER} Sans"`));
  assert.ok(outputsWithMarker({ ...compiled.outputs }).includes('tokensJson'));
});

test('display names that merely look like CSS are legal text and never reach any output', async () => {
  const leaks: string[] = [];
  for (const entry of NAME_LOOKALIKES) {
    const compiled = await compileTheme(withPayload(entry.field, entry.value));
    const leaked = compiled.ok ? outputsWithMarker({ ...compiled.outputs }) : [];
    if (leaked.length > 0) leaks.push(`${show(entry.value)} reached ${leaked.join(', ')}`);
  }
  assert.ok(NAME_LOOKALIKES.length >= 3);
  assert.deepEqual(leaks, [], leaks.join('\n'));
});
