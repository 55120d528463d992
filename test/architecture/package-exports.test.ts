// The npm `exports` map names declaration files that `npm run build:types` emits from source:
// when a module moves (the pricing maths went to contracts/), its export must follow, or a
// bank's TypeScript build breaks on an import that worked yesterday.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

test('every exported type declaration is built from a source file the build includes', () => {
  const exports = read('package.json').exports as Record<string, string | { types?: string }>;
  const build = read('tsconfig.build.json') as {
    compilerOptions: { outDir: string };
    include: string[];
  };
  const outDir = `./${build.compilerOptions.outDir}/`;
  const typed = Object.entries(exports).flatMap(([name, target]) =>
    typeof target === 'object' && target.types ? [[name, target.types] as const] : [],
  );
  assert.ok(
    typed.some(([name]) => name === './pricing'),
    'the pricing types are exported',
  );
  for (const [name, types] of typed) {
    assert.ok(types.startsWith(outDir), `${name}: ${types} is under ${outDir}`);
    const source = types.slice(outDir.length).replace(/\.d\.ts$/, '.ts');
    assert.ok(existsSync(join(ROOT, source)), `${name}: ${source} exists`);
    assert.ok(
      build.include.some((dir) => source === dir || source.startsWith(`${dir}/`)),
      `${name}: ${source} is in tsconfig.build.json's include`,
    );
  }
});
