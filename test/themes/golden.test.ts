/**
 * Golden files: each preset's compiled CSS must match test/themes/golden/<slug>.css byte for
 * byte, so any change to what tenants' pages receive shows up in review as a diff.
 *
 * After an intended change, regenerate them and review the diff:
 *   UPDATE_GOLDEN=1 node scripts/run-node-tests.mjs test/themes/golden.test.ts
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { compileTheme } from '../../themes/compile.js';

const PRESETS = new URL('../../themes/presets/', import.meta.url);
const GOLDEN = new URL('./golden/', import.meta.url);
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const presets = readdirSync(PRESETS)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('golden CSS of the presets', () => {
  for (const file of presets) {
    test(file, async () => {
      const compiled = await compileTheme(JSON.parse(readFileSync(new URL(file, PRESETS), 'utf8')));
      assert.ok(compiled.ok, JSON.stringify(compiled.report.errors));
      const golden = new URL(`${compiled.brand.slug}.css`, GOLDEN);
      const actual = Buffer.from(compiled.outputs.css, 'utf8');
      if (UPDATE) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(golden, actual);
        return;
      }
      let expected: Buffer;
      try {
        expected = readFileSync(golden);
      } catch {
        assert.fail(`missing ${golden.pathname}; run with UPDATE_GOLDEN=1 to create it`);
      }
      // A string comparison first, for a readable diff; then bytes, for encoding and line ends.
      assert.equal(actual.toString('utf8'), expected.toString('utf8'));
      assert.ok(actual.equals(expected), 'same text but different bytes');
    });
  }

  test('there is one golden file per preset and no stale ones', { skip: UPDATE }, () => {
    const goldens = readdirSync(GOLDEN).sort();
    const expected = presets
      .map((f) => {
        const { slug } = JSON.parse(readFileSync(new URL(f, PRESETS), 'utf8')) as { slug: string };
        return `${slug}.css`;
      })
      .sort();
    assert.deepEqual(goldens, expected);
  });
});
