// Rules about the repository itself that a bank's CI, or the calendar, would otherwise find
// first: the lock file must satisfy a plain `npm ci` on any platform, and no test may read the
// wall clock (a test that compares with today's date turns red on its own one day).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');

interface LockEntry {
  version?: string;
  optionalDependencies?: Record<string, string>;
}

/** Where npm would find `name` when required from the package at `from` (node resolution). */
function resolveIn(packages: Record<string, LockEntry>, from: string, name: string) {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return undefined;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut === -1 ? '' : dir.slice(0, cut);
  }
}

/** Optional dependencies named in the lock file that have no entry of their own. */
export function missingOptionalPackages(lock: { packages: Record<string, LockEntry> }): string[] {
  const missing: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      if (!resolveIn(lock.packages, path, name)) missing.push(`${name} (for ${path || 'root'})`);
    }
  }
  return missing;
}

const WALL_CLOCK = /\bDate\.now\(\)|\bnew Date\(\s*\)/;

describe('repository hygiene', () => {
  test('package-lock.json holds every platform’s optional packages, so plain `npm ci` accepts it', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    assert.deepEqual(missingOptionalPackages(lock), []);
  });

  test('the check itself finds a lock file written without other platforms’ binaries', () => {
    const lock = {
      packages: {
        '': {},
        'node_modules/@biomejs/biome': {
          optionalDependencies: {
            '@biomejs/cli-linux-x64': '2.6.8',
            '@biomejs/cli-darwin-arm64': '2.6.8',
          },
        },
        'node_modules/@biomejs/cli-linux-x64': { version: '2.6.8' },
      },
    };
    assert.deepEqual(missingOptionalPackages(lock), [
      '@biomejs/cli-darwin-arm64 (for node_modules/@biomejs/biome)',
    ]);
  });

  test('.ci/run installs with a plain `npm ci` and no fallback', () => {
    const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
    const commands = ci.split('\n').filter((line) => !line.trim().startsWith('#'));
    assert.ok(
      commands.some((line) => /^\s*npm ci\b/.test(line)),
      'npm ci is run',
    );
    assert.ok(!commands.some((line) => /npm (install|i)\b/.test(line)), 'no npm install fallback');
  });

  test('no test reads the wall clock: time comes from the injected clock', () => {
    const offenders = readdirSync(join(ROOT, 'test'), { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('.ts'))
      .filter((file) => WALL_CLOCK.test(readFileSync(join(ROOT, 'test', file), 'utf8')))
      .filter((file) => file !== 'architecture/repository-hygiene.test.ts');
    assert.deepEqual(offenders, []);
  });
});
