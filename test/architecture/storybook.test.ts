// Storybook's files that live in the repository: MSW's service worker is committed (nothing is
// downloaded at build time) and must be the installed msw's own, or the mock edge would warn
// of a version mismatch and break on an upgrade; the build output stays out of git.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');

test('the committed MSW worker is the one the installed msw ships', () => {
  const require = createRequire(import.meta.url);
  const shipped = readFileSync(
    join(require.resolve('msw/package.json'), '..', 'lib', 'mockServiceWorker.js'),
    'utf8',
  );
  const committed = readFileSync(
    join(ROOT, '.storybook', 'public', 'mockServiceWorker.js'),
    'utf8',
  );
  assert.equal(
    committed,
    shipped,
    'run `npx msw init .storybook/public --no-save` after an upgrade',
  );
});

test('the static Storybook build is git-ignored', () => {
  const ignored = readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n');
  assert.ok(ignored.includes('storybook-static/'));
});
