// The dependency rule of DESIGN.md, checked on every source file: themes/ imports no other
// part; widgets/ never imports edge runtime code; edge/ never imports Lit; contract modules
// import only zod and each other; only the edge adapters know their runtime. Stories (and
// Storybook's config) run in a browser with a mock edge: from edge/ they take only contracts
// and the demo data, which itself imports only contracts.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');
const PARTS = ['themes', 'widgets', 'edge', 'stories', '.storybook'] as const;
// Entry points that run on Node by design (CLIs), allowed node:* imports.
const NODE_ENTRY_POINTS = new Set(['themes/cli.ts', 'themes/build-presets.ts']);

/** The demo tenant's data, shared by the seed, the tests and Storybook: pure data. */
export function isDemoData(file: string): boolean {
  return file.startsWith('edge/demo/');
}

/** Contract modules: shared by client and server, so DOM- and HTTP-free. */
export function isContract(file: string): boolean {
  return (
    file.startsWith('edge/contracts/') ||
    /^widgets\/[^/]+\/[^/]+\.contract\.ts$/.test(file) ||
    file === 'widgets/pricing-calculator/pricing.ts'
  );
}

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

export function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((m) => (m[1] ?? m[2] ?? m[3]) as string);
}

/** The violations of one file (path relative to the repo root, forward slashes). */
export function violations(file: string, source: string): string[] {
  const part = file.split('/')[0];
  const found: string[] = [];
  for (const spec of importsOf(source)) {
    const target = spec.startsWith('.')
      ? normalize(join(dirname(file), spec)).replaceAll('\\', '/')
      : undefined;
    const targetPart = target?.split('/')[0];
    const isPackage = !target;
    const pkg = isPackage
      ? spec
          .split('/')
          .slice(0, spec.startsWith('@') ? 2 : 1)
          .join('/')
      : '';
    if (part === 'themes' && target && targetPart !== 'themes')
      found.push(`${file}: themes/ imports ${spec}`);
    if (
      part === 'themes' &&
      isPackage &&
      spec.startsWith('node:') &&
      !NODE_ENTRY_POINTS.has(file)
    ) {
      found.push(`${file}: the theme engine must stay runtime-free, imports ${spec}`);
    }
    if (part === 'edge' && (pkg === 'lit' || pkg.startsWith('@lit/') || pkg === '@lit-labs')) {
      found.push(`${file}: edge/ imports Lit (${spec})`);
    }
    if (
      part === 'edge' &&
      target?.startsWith('widgets/') &&
      !isContract(target.replace(/\.js$/, '.ts'))
    ) {
      found.push(`${file}: edge/ imports widget code ${spec}`);
    }
    if (
      part === 'widgets' &&
      target?.startsWith('edge/') &&
      !isContract(target.replace(/\.js$/, '.ts'))
    ) {
      found.push(`${file}: widgets/ imports edge runtime code ${spec}`);
    }
    const plain = target?.replace(/\.js$/, '.ts');
    if (
      (part === 'stories' || part === '.storybook') &&
      plain?.startsWith('edge/') &&
      !isContract(plain) &&
      !isDemoData(plain)
    ) {
      found.push(`${file}: stories import edge code other than contracts and demo data: ${spec}`);
    }
    if (isDemoData(file) && (isPackage || !(isContract(plain ?? '') || isDemoData(plain ?? '')))) {
      found.push(`${file}: demo data imports ${spec} (only contracts and other demo data)`);
    }
    if (part === 'edge' && !file.startsWith('edge/adapters/') && spec.startsWith('node:')) {
      found.push(`${file}: only edge/adapters/ may import ${spec}`);
    }
    if (isContract(file)) {
      const ok = target ? isContract(target.replace(/\.js$/, '.ts')) : pkg === 'zod';
      if (!ok)
        found.push(`${file}: a contract module imports ${spec} (only zod and other contracts)`);
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

describe('dependency rules', () => {
  test('every source file follows them', () => {
    const files = sourceFiles();
    assert.ok(files.length > 0, 'no source files found');
    const found = files.flatMap((file) => violations(file, readFileSync(join(ROOT, file), 'utf8')));
    assert.deepEqual(found, []);
  });

  test('the checker catches each kind of violation', () => {
    const cases: [string, string][] = [
      ['themes/derive.ts', "import { x } from '../edge/app.js';"],
      ['themes/derive.ts', "export { y } from '../widgets/core/define.js';"],
      ['themes/color.ts', "import { readFile } from 'node:fs/promises';"],
      ['edge/routes/config.ts', "import { html } from 'lit';"],
      ['edge/routes/config.ts', "import { ContextProvider } from '@lit/context';"],
      ['edge/routes/quotes.ts', "import '../../widgets/pricing-calculator/pricing-calculator.js';"],
      ['widgets/core/api.ts', "const m = await import('../../edge/app.js');"],
      ['edge/app.ts', "import { serve } from 'node:http';"],
      ['edge/app.ts', 'const port = process.env.PORT;'],
      ['edge/contracts/catalog.ts', "import { Hono } from 'hono';"],
      [
        'stories/service-catalog.stories.ts',
        "import { DEMO_SLUG } from '../edge/adapters/seed.js';",
      ],
      ['.storybook/preview.ts', "import { createApp } from '../edge/app.js';"],
      ['edge/demo/catalog.ts', "import { Problem } from '../errors.js';"],
      ['edge/demo/pricing.ts', "import { z } from 'zod';"],
    ];
    for (const [file, source] of cases) {
      assert.equal(violations(file, source).length, 1, `${file}: ${source}`);
    }
  });

  test('allowed imports pass', () => {
    const cases: [string, string][] = [
      ['themes/derive.ts', "import { parseColor } from './color.js';"],
      ['themes/cli.ts', "import { readFile } from 'node:fs/promises';"],
      [
        'edge/routes/quotes.ts',
        "import { quote } from '../../widgets/pricing-calculator/pricing.js';",
      ],
      ['widgets/core/api.ts', "import type { Config } from '../../edge/contracts/config.js';"],
      [
        'edge/adapters/node.ts',
        "import { serve } from '@hono/node-server'; const p = process.env.PORT;",
      ],
      ['edge/contracts/catalog.ts', "import { z } from 'zod';"],
      ['edge/app.ts', '// never reads process.env\n/* nor process.env here */ const x = 1;'],
      [
        'stories/service-catalog.stories.ts',
        "import { DEMO_CATALOG } from '../edge/demo/index.js';",
      ],
      [
        'stories/support/mock-edge.ts',
        "import type { Catalog } from '../../edge/contracts/catalog.js';",
      ],
      ['stories/playground/playground.ts', "import { compileTheme } from '../../themes/index.js';"],
      ['.storybook/main.ts', "import { readFile } from 'node:fs/promises';"],
      ['edge/demo/variants.ts', "import { DEMO_CATALOG } from './catalog.js';"],
      [
        'edge/demo/answers.ts',
        "import { quote } from '../../widgets/pricing-calculator/pricing.js';",
      ],
    ];
    for (const [file, source] of cases)
      assert.deepEqual(violations(file, source), [], `${file}: ${source}`);
  });

  test('the checker sees every kind of import statement', () => {
    const source = `import a from 'a';\nimport type { B } from "b";\nexport * from './c.js';\nimport 'd';\nconst e = import('e');`;
    assert.deepEqual(importsOf(source), ['a', 'b', './c.js', 'd', 'e']);
  });
});
