import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../themes/cli.js';
import { compileTheme } from '../../themes/compile.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SUNBEAM = join(REPO, 'themes/presets/sunbeam.json');

const temps: string[] = [];
after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gw-cli-test-'));
  temps.push(dir);
  return dir;
}

/** A brand file in a fresh temp dir, and an output path inside it that does not exist yet. */
function brandFile(content: unknown): { file: string; out: string } {
  const dir = tempDir();
  const file = join(dir, 'brand.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return { file, out: join(dir, 'out') };
}

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

const acme = {
  slug: 'acme-bank',
  name: 'Acme Bank',
  colors: { primary: 'rgb(51 85 221)', accent: '#0f8b8d' },
  mode: 'auto',
};

describe('theme CLI: build', () => {
  test('writes the four files with the content compileTheme produces', async () => {
    const { file, out } = brandFile(acme);
    const { code, stdout, stderr } = await run(['build', file, '--out', out]);
    assert.equal(code, 0, stderr);
    assert.equal(stderr, '');
    assert.deepEqual(readdirSync(out).sort(), [
      'acme-bank.css',
      'acme-bank.d.ts',
      'acme-bank.report.json',
      'acme-bank.tokens.json',
    ]);
    const compiled = await compileTheme(acme);
    assert.ok(compiled.ok);
    const read = (name: string) => readFileSync(join(out, name), 'utf8');
    assert.equal(read('acme-bank.css'), compiled.outputs.css);
    assert.equal(read('acme-bank.tokens.json'), compiled.outputs.tokensJson);
    assert.equal(read('acme-bank.d.ts'), compiled.outputs.dts);
    assert.deepEqual(JSON.parse(read('acme-bank.report.json')), compiled.report);
    // The human summary names the theme and its hash.
    assert.match(stdout, new RegExp(`acme-bank.*${compiled.outputs.hash}`));
  });

  test('--json prints the report as parseable JSON', async () => {
    const { file, out } = brandFile(acme);
    const { code, stdout } = await run(['build', file, '--out', out, '--json']);
    assert.equal(code, 0);
    const report: unknown = JSON.parse(stdout);
    const compiled = await compileTheme(acme);
    assert.deepEqual(report, compiled.report);
    assert.deepEqual(JSON.parse(readFileSync(join(out, 'acme-bank.report.json'), 'utf8')), report);
  });

  test('an existing output dir is reused and the files overwritten', async () => {
    const { file, out } = brandFile(acme);
    assert.equal((await run(['build', file, '--out', out])).code, 0);
    writeFileSync(join(out, 'acme-bank.css'), 'stale');
    assert.equal((await run(['build', file, '--out', out, '--json'])).code, 0);
    assert.match(readFileSync(join(out, 'acme-bank.css'), 'utf8'), /^\/\* GridWorks Embed theme/);
  });
});

describe('theme CLI: failures', () => {
  const invalid = { ...acme, colors: { primary: 'red' }, shape: { radius: 99 } };

  test('an invalid brand exits 1, prints every error and writes nothing', async () => {
    const { file, out } = brandFile(invalid);
    const { code, stdout, stderr } = await run(['build', file, '--out', out]);
    assert.equal(code, 1);
    const printed = stdout + stderr;
    assert.match(printed, /\/colors\/primary/);
    assert.match(printed, /"red"/);
    assert.match(printed, /\/shape\/radius/);
    assert.ok(!existsSync(out) || readdirSync(out).length === 0, 'files were written');
  });

  test('an invalid brand with --json prints the errors as JSON and exits 1', async () => {
    const { file, out } = brandFile(invalid);
    const { code, stdout } = await run(['build', file, '--out', out, '--json']);
    assert.equal(code, 1);
    const report = JSON.parse(stdout) as { ok: boolean; errors: { path: string }[] };
    assert.equal(report.ok, false);
    assert.deepEqual(report.errors.map((e) => e.path).sort(), ['/colors/primary', '/shape/radius']);
    assert.ok(!existsSync(out) || readdirSync(out).length === 0, 'files were written');
  });

  test('an invalid brand leaves an existing output dir untouched', async () => {
    const { file, out } = brandFile(acme);
    assert.equal((await run(['build', file, '--out', out])).code, 0);
    const before = readdirSync(out).map((f) => readFileSync(join(out, f), 'utf8'));
    writeFileSync(file, JSON.stringify({ ...invalid, slug: 'acme-bank' }));
    assert.equal((await run(['build', file, '--out', out])).code, 1);
    assert.deepEqual(
      readdirSync(out).map((f) => readFileSync(join(out, f), 'utf8')),
      before,
    );
  });

  test('a missing brand file exits 1 and names the file', async () => {
    const dir = tempDir();
    const file = join(dir, 'nope.json');
    const { code, stderr } = await run(['build', file, '--out', join(dir, 'out')]);
    assert.equal(code, 1);
    assert.ok(stderr.includes(file), stderr);
    assert.ok(!existsSync(join(dir, 'out')));
  });

  test('a brand file that is a directory exits 1', async () => {
    const dir = tempDir();
    const { code, stderr } = await run(['build', dir, '--out', join(dir, 'out')]);
    assert.equal(code, 1);
    assert.match(stderr, /cannot read brand file/);
  });

  test('a brand file that is not JSON exits 1', async () => {
    const { file, out } = brandFile('{ "slug": "acme", ');
    const { code, stderr } = await run(['build', file, '--out', out]);
    assert.equal(code, 1);
    assert.match(stderr, /not valid JSON/);
    assert.ok(!existsSync(out));
  });

  test('an --out path that is an existing file exits 1 with a message, not a crash', async () => {
    const { file, out } = brandFile(acme);
    writeFileSync(out, 'not a directory');
    const result = await run(['build', file, '--out', out]).catch((error: unknown) => error);
    assert.ok(!(result instanceof Error), `runCli threw: ${String(result)}`);
    assert.equal((result as { code: number }).code, 1);
  });

  const usageErrors: [string, (file: string, out: string) => string[]][] = [
    ['no arguments', () => []],
    ['an unknown command', (file, out) => ['compile', file, '--out', out]],
    ['no brand file', (_file, out) => ['build', '--out', out]],
    ['no --out', (file) => ['build', file]],
    ['--out without a value', (file) => ['build', file, '--out']],
    ['an extra argument', (file, out) => ['build', file, 'extra.json', '--out', out]],
    ['an unknown option', (file, out) => ['build', file, '--out', out, '--minify']],
  ];
  for (const [name, argv] of usageErrors) {
    test(`usage error (${name}) exits 2, prints usage and writes nothing`, async () => {
      const { file, out } = brandFile(acme);
      const { code, stdout, stderr } = await run(argv(file, out));
      assert.equal(code, 2);
      assert.match(stderr, /usage: /);
      assert.equal(stdout, '');
      assert.ok(!existsSync(out));
    });
  }
});

describe('theme CLI as a real process', () => {
  test('npx tsx themes/cli.ts build sunbeam --json exits 0, prints the report, writes files', async () => {
    const out = tempDir();
    const result = spawnSync(
      'npx',
      ['tsx', 'themes/cli.ts', 'build', 'themes/presets/sunbeam.json', '--out', out, '--json'],
      { cwd: REPO, encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { ok: boolean; hash: string };
    const compiled = await compileTheme(JSON.parse(readFileSync(SUNBEAM, 'utf8')));
    assert.ok(compiled.ok);
    assert.deepEqual(report, compiled.report);
    assert.equal(readFileSync(join(out, 'sunbeam.css'), 'utf8'), compiled.outputs.css);
    assert.deepEqual(readdirSync(out).sort(), [
      'sunbeam.css',
      'sunbeam.d.ts',
      'sunbeam.report.json',
      'sunbeam.tokens.json',
    ]);
  });

  test('a usage error exits 2 as a real process', () => {
    const result = spawnSync('npx', ['tsx', 'themes/cli.ts', 'build'], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /usage: /);
  });
});
