// The dependency rule (docs/architecture.md), checked on every source file: themes/ imports no other
// part but the shared primitives (contracts/primitives.ts, for the one slug rule); contracts/
// imports only zod and itself (and the few packages CONTRACT_PACKAGES names, each for one module);
// widgets/ and edge/ both use contracts/, and widgets/ take zod
// modules of it as types only (the widget bundles stay zod-free); widgets/ never imports edge/;
// edge/ never imports Lit or widget code; only the edge adapters know their runtime. Stories (and
// Storybook's config) run in a browser with a mock edge: from edge/ they take only the demo
// data, which itself imports only contracts.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');
const PARTS = ['themes', 'contracts', 'widgets', 'edge', 'stories', '.storybook'] as const;
// Entry points that run on Node by design (CLIs), allowed node:* imports.
const NODE_ENTRY_POINTS = new Set(['themes/cli.ts', 'themes/build-presets.ts']);
/** The one module outside themes/ the theme engine may import: zod only, pure. */
export const THEMES_MAY_IMPORT = 'contracts/primitives.ts';

/** The demo tenant's data, shared by the seed, the tests and Storybook: pure data. */
export function isDemoData(file: string): boolean {
  return file.startsWith('edge/demo/');
}

/**
 * The packages a contract module may import besides zod: the exact specifier, for one module.
 * Phone numbers are parsed by libphonenumber-js, never a hand-written regex; its `core` entry
 * takes the metadata as an argument, so only the cut metadata ships (`libphonenumber-js` itself
 * would bundle every country's).
 */
export const CONTRACT_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  'contracts/phone-number.ts': ['libphonenumber-js/core'],
};

/** Contract modules: shared by client and server, so DOM- and HTTP-free. */
export function isContract(file: string): boolean {
  return file.startsWith('contracts/');
}

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
// `import type { … }` and `export type { … }` vanish from the build; `import { type A }` does not
// (verbatimModuleSyntax keeps the statement), so it counts as a runtime import.
const TYPE_ONLY = /^(?:import|export)\s+type\s/;

export function importsOf(source: string, options: { runtimeOnly?: boolean } = {}): string[] {
  return [...source.matchAll(IMPORT)]
    .filter((m) => !(options.runtimeOnly && TYPE_ONLY.test(m[0])))
    .map((m) => (m[1] ?? m[2] ?? m[3]) as string);
}

/** Reads a repo file (path relative to the root), or undefined when there is none. */
export type ReadSource = (file: string) => string | undefined;

const readSource: ReadSource = (file) => {
  const path = join(ROOT, file);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
};

const resolve = (from: string, spec: string) =>
  normalize(join(dirname(from), spec))
    .replaceAll('\\', '/')
    .replace(/\.js$/, '.ts');

/** Whether a module, with everything it imports at run time, stays clear of zod. */
export function isZodFree(
  file: string,
  read: ReadSource = readSource,
  seen = new Set<string>(),
): boolean {
  if (seen.has(file)) return true;
  seen.add(file);
  const source = read(file);
  if (source === undefined) return false;
  return importsOf(source, { runtimeOnly: true }).every((spec) =>
    spec.startsWith('.') ? isZodFree(resolve(file, spec), read, seen) : spec !== 'zod',
  );
}

/** The violations of one file (path relative to the repo root, forward slashes). */
export function violations(file: string, source: string, read: ReadSource = readSource): string[] {
  const part = file.split('/')[0];
  const found: string[] = [];
  const runtime = new Set(importsOf(source, { runtimeOnly: true }));
  for (const spec of importsOf(source)) {
    const target = spec.startsWith('.') ? resolve(file, spec) : undefined;
    const targetPart = target?.split('/')[0];
    const isPackage = !target;
    const pkg = isPackage
      ? spec
          .split('/')
          .slice(0, spec.startsWith('@') ? 2 : 1)
          .join('/')
      : '';
    if (part === 'themes' && target && targetPart !== 'themes' && target !== THEMES_MAY_IMPORT)
      found.push(`${file}: themes/ imports ${spec} (only ${THEMES_MAY_IMPORT} outside themes/)`);
    if (
      part === 'themes' &&
      isPackage &&
      spec.startsWith('node:') &&
      !NODE_ENTRY_POINTS.has(file)
    ) {
      found.push(`${file}: the theme engine must stay runtime-free, imports ${spec}`);
    }
    const allowedPackage = pkg === 'zod' || (CONTRACT_PACKAGES[file]?.includes(spec) ?? false);
    if (isContract(file) && !(target ? isContract(target) : allowedPackage))
      found.push(
        `${file}: a contract module imports ${spec} (only zod, other contracts and CONTRACT_PACKAGES)`,
      );
    if (part === 'edge' && (pkg === 'lit' || pkg.startsWith('@lit/') || pkg === '@lit-labs')) {
      found.push(`${file}: edge/ imports Lit (${spec})`);
    }
    if (part === 'edge' && targetPart === 'widgets') {
      found.push(`${file}: edge/ imports widget code ${spec}`);
    }
    if (part === 'widgets' && targetPart === 'edge') {
      found.push(`${file}: widgets/ imports edge code ${spec} (shared schemas are in contracts/)`);
    }
    if (part === 'widgets' && target && isContract(target) && runtime.has(spec)) {
      if (!isZodFree(target, read))
        found.push(`${file}: widgets/ imports zod through ${spec} (use \`import type\`)`);
    }
    if (
      (part === 'stories' || part === '.storybook') &&
      targetPart === 'edge' &&
      !isDemoData(target ?? '')
    ) {
      found.push(`${file}: stories import edge code other than the demo data: ${spec}`);
    }
    if (
      isDemoData(file) &&
      (isPackage || !(isContract(target ?? '') || isDemoData(target ?? '')))
    ) {
      found.push(`${file}: demo data imports ${spec} (only contracts and other demo data)`);
    }
    // Runtime modules (node:*, workerd's cloudflare:*) and runtime drivers belong to adapters.
    if (
      part === 'edge' &&
      !file.startsWith('edge/adapters/') &&
      (/^(node|cloudflare):/.test(spec) || spec === 'better-sqlite3' || spec === 'miniflare')
    ) {
      found.push(`${file}: only edge/adapters/ may import ${spec}`);
    }
  }
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  if (part === 'edge' && !file.startsWith('edge/adapters/') && /process\.env/.test(code)) {
    found.push(`${file}: only edge/adapters/ may read process.env`);
  }
  return found;
}

function sourceFiles(): string[] {
  return PARTS.flatMap((part) => {
    try {
      return readdirSync(join(ROOT, part), { recursive: true })
        .map((f) => `${part}/${String(f).replaceAll('\\', '/')}`)
        .filter(
          (f) => /\.(ts|js|mjs)$/.test(f) && !f.includes('/dist/') && !f.includes('node_modules'),
        );
    } catch {
      return [];
    }
  });
}

/** A tiny repository for the checker's own tests: a zod module and two pure ones. */
const FIXTURE: Record<string, string> = {
  'contracts/catalog.ts': "import { z } from 'zod';\nexport const catalogSchema = z.object({});",
  'contracts/pricing.ts':
    "import type { Plan } from './pricing-schemas.js';\nexport const quote = 1;",
  'contracts/pricing-schemas.ts':
    "import { z } from 'zod';\nexport const planSchema = z.object({});",
  'contracts/rounding.ts': "import { z } from 'zod';\nexport const round = 1;",
  'contracts/sneaky.ts': "export { round } from './rounding.js';",
  'contracts/inline.ts': "import { type Catalog } from './catalog.js';\nexport const n = 1;",
};
const fixture: ReadSource = (file) => FIXTURE[file];

describe('dependency rules', () => {
  test('every source file follows them', () => {
    const files = sourceFiles();
    assert.ok(files.length > 0, 'no source files found');
    assert.ok(files.some(isContract), 'contracts/ is among the parts checked');
    const found = files.flatMap((file) => violations(file, readFileSync(join(ROOT, file), 'utf8')));
    assert.deepEqual(found, []);
  });

  test('the pricing maths, which the calculator bundles, stays zod-free', () => {
    assert.equal(isZodFree('contracts/pricing.ts'), true);
    assert.equal(isZodFree('contracts/pricing-schemas.ts'), false);
  });

  test('the checks the onboarding widget runs as the customer types stay zod-free', () => {
    for (const file of [
      'contracts/registration-india.ts',
      'contracts/registration-uk.ts',
      'contracts/phone-number.ts',
    ]) {
      assert.equal(isZodFree(file), true, file);
    }
    assert.equal(isZodFree('contracts/registration.ts'), false);
    assert.equal(isZodFree('contracts/phone.ts'), false);
  });

  test('the checker catches each kind of violation', () => {
    const cases: [string, string][] = [
      ['themes/derive.ts', "import { x } from '../edge/app.js';"],
      ['themes/derive.ts', "export { y } from '../widgets/core/define.js';"],
      ['themes/brand-schema.ts', "import { idSchema } from '../contracts/catalog.js';"],
      ['themes/brand-schema.ts', "import { catalogSchema } from '../contracts/index.js';"],
      ['themes/color.ts', "import { readFile } from 'node:fs/promises';"],
      ['edge/routes/config.ts', "import { html } from 'lit';"],
      ['edge/routes/config.ts', "import { ContextProvider } from '@lit/context';"],
      ['edge/routes/quotes.ts', "import '../../widgets/pricing-calculator/pricing-calculator.js';"],
      // No special case any more: the pricing maths is a contract, not widget code.
      [
        'edge/routes/quotes.ts',
        "import { quote } from '../../widgets/pricing-calculator/pricing.js';",
      ],
      ['widgets/core/api.ts', "const m = await import('../../edge/app.js');"],
      ['widgets/core/api.ts', "import type { Config } from '../../edge/contracts/widget.js';"],
      [
        'widgets/service-catalog/search.ts',
        "import { catalogSchema } from '../../contracts/catalog.js';",
      ],
      [
        'widgets/service-catalog/search.ts',
        "import { type Catalog } from '../../contracts/catalog.js';",
      ],
      ['widgets/pricing-calculator/x.ts', "import { round } from '../../contracts/sneaky.js';"],
      ['widgets/pricing-calculator/x.ts', "import { n } from '../../contracts/inline.js';"],
      ['edge/app.ts', "import { serve } from 'node:http';"],
      ['edge/app.ts', 'const port = process.env.PORT;'],
      ['edge/store/sql/tenants.ts', "import { DurableObject } from 'cloudflare:workers';"],
      ['edge/store/sql-store.ts', "import SQLite from 'better-sqlite3';"],
      ['contracts/catalog.ts', "import { Hono } from 'hono';"],
      ['contracts/catalog.ts', "import { html } from 'lit';"],
      ['contracts/pricing.ts', "import { readFile } from 'node:fs';"],
      ['contracts/catalog.ts', "import { Problem } from '../edge/errors.js';"],
      ['contracts/widget.ts', "import { LANGUAGES } from '../widgets/core/locale.js';"],
      ['contracts/primitives.ts', "import { parseColor } from '../themes/color.js';"],
      // libphonenumber-js is allowed in one module, through its metadata-free entry only.
      ['contracts/catalog.ts', "import { parsePhoneNumber } from 'libphonenumber-js/core';"],
      ['contracts/phone-number.ts', "import { parsePhoneNumber } from 'libphonenumber-js';"],
      ['contracts/phone-number.ts', "import { isValidPhoneNumber } from 'libphonenumber-js/max';"],
      [
        'stories/service-catalog.stories.ts',
        "import { DEMO_SLUG } from '../edge/adapters/seed.js';",
      ],
      ['.storybook/preview.ts', "import { createApp } from '../edge/app.js';"],
      ['edge/demo/catalog.ts', "import { Problem } from '../errors.js';"],
      ['edge/demo/pricing.ts', "import { z } from 'zod';"],
      ['edge/demo/pricing.ts', "import { pricingRoutes } from '../routes/pricing.js';"],
    ];
    for (const [file, source] of cases) {
      assert.equal(violations(file, source, fixture).length, 1, `${file}: ${source}`);
    }
  });

  test('allowed imports pass', () => {
    const cases: [string, string][] = [
      ['themes/derive.ts', "import { parseColor } from './color.js';"],
      ['themes/brand-schema.ts', "import { slugSchema } from '../contracts/primitives.js';"],
      ['themes/cli.ts', "import { readFile } from 'node:fs/promises';"],
      ['edge/routes/quotes.ts', "import { quote } from '../../contracts/pricing.js';"],
      ['edge/routes/catalog.ts', "import { catalogSchema } from '../../contracts/catalog.js';"],
      ['edge/routes/catalog.ts', "import { catalogSchema } from '../../contracts/index.js';"],
      ['widgets/core/api.ts', "import type { Config } from '../../contracts/widget.js';"],
      [
        'widgets/service-catalog/search.ts',
        "import type { Catalog } from '../../contracts/catalog.js';",
      ],
      ['widgets/pricing-calculator/x.ts', "import { quote } from '../../contracts/pricing.js';"],
      [
        'widgets/pricing-calculator/x.ts',
        "export type { Plan } from '../../contracts/pricing.js';",
      ],
      [
        'edge/adapters/node.ts',
        "import { serve } from '@hono/node-server'; const p = process.env.PORT;",
      ],
      ['contracts/catalog.ts', "import { z } from 'zod';"],
      ['contracts/catalog.ts', "import { idSchema } from './primitives.js';"],
      ['contracts/pricing-schemas.ts', "import { LIMITS } from './pricing.js';"],
      ['contracts/phone-number.ts', "import { ParseError } from 'libphonenumber-js/core';"],
      [
        'contracts/phone-number.ts',
        "import metadata from './phone-metadata.json' with { type: 'json' };",
      ],
      ['edge/app.ts', '// never reads process.env\n/* nor process.env here */ const x = 1;'],
      [
        'stories/service-catalog.stories.ts',
        "import { DEMO_CATALOG } from '../edge/demo/index.js';",
      ],
      [
        'stories/support/mock-edge.ts',
        "import type { Catalog } from '../../contracts/catalog.js';",
      ],
      ['stories/support/mock-edge.ts', "import { QuoteError } from '../../contracts/pricing.js';"],
      ['stories/playground/playground.ts', "import { compileTheme } from '../../themes/index.js';"],
      ['.storybook/main.ts', "import { readFile } from 'node:fs/promises';"],
      ['edge/demo/variants.ts', "import { DEMO_CATALOG } from './catalog.js';"],
      ['edge/demo/answers.ts', "import { quote } from '../../contracts/pricing.js';"],
      ['edge/demo/pricing.ts', "import { planSchema } from '../../contracts/pricing-schemas.js';"],
    ];
    for (const [file, source] of cases)
      assert.deepEqual(violations(file, source, fixture), [], `${file}: ${source}`);
  });

  test('zod-freedom follows runtime imports, not type-only ones', () => {
    assert.equal(isZodFree('contracts/pricing.ts', fixture), true, 'types only');
    assert.equal(isZodFree('contracts/catalog.ts', fixture), false);
    assert.equal(isZodFree('contracts/sneaky.ts', fixture), false, 'a re-export of a zod module');
    assert.equal(isZodFree('contracts/inline.ts', fixture), false, '`import { type X }` stays');
    assert.equal(isZodFree('contracts/missing.ts', fixture), false, 'an unknown file is not proof');
  });

  test('the checker sees every kind of import statement', () => {
    const source = `import a from 'a';\nimport type { B } from "b";\nexport * from './c.js';\nimport 'd';\nconst e = import('e');\nexport type { F } from './f.js';\nimport { type G } from './g.js';`;
    assert.deepEqual(importsOf(source), ['a', 'b', './c.js', 'd', 'e', './f.js', './g.js']);
    assert.deepEqual(importsOf(source, { runtimeOnly: true }), ['a', './c.js', 'd', 'e', './g.js']);
  });
});
