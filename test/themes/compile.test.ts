import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileTheme } from '../../themes/compile.js';

describe('compileTheme warnings for colours outside sRGB', () => {
  test('an out-of-gamut colour is kept valid and reported with its path', async () => {
    const compiled = await compileTheme({
      slug: 'acme',
      name: 'Acme',
      colors: { primary: 'oklch(0.7 0.4 100)', accent: 'RGB(300 0 0)', danger: '#c62828' },
    });
    assert.ok(compiled.ok);
    const clamped = compiled.report.warnings.filter((w) => w.code === 'color-clamped');
    assert.deepEqual(
      clamped.map((w) => [w.path, w.adjusted]),
      [
        ['/colors/primary', '#b49f00'],
        ['/colors/accent', '#ff0000'],
      ],
    );
  });

  test('in-gamut colours give no such warning', async () => {
    const compiled = await compileTheme({
      slug: 'acme',
      name: 'Acme',
      colors: { primary: '#4f6ff0' },
    });
    assert.ok(compiled.ok);
    assert.deepEqual(
      compiled.report.warnings.filter((w) => w.code === 'color-clamped'),
      [],
    );
  });
});
