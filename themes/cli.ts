/**
 * The theme CLI.
 *
 *   npm run theme -- build <brand.json> --out <dir> [--json]
 *
 * Writes <slug>.css, <slug>.tokens.json, <slug>.d.ts and <slug>.report.json, and prints the
 * report. Invalid input: exit code 1, the errors printed, nothing written. Usage errors: exit 2.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type CompiledTheme, compileTheme, type ThemeReport } from './compile.js';

const USAGE = 'usage: npm run theme -- build <brand.json> --out <dir> [--json]';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Runs the CLI with the given arguments; resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(argv);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { file, out, json } = parsed;

  let input: unknown;
  try {
    // A byte-order mark (common from Windows editors) is not part of the JSON.
    input = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason =
      error instanceof SyntaxError ? `not valid JSON (${error.message})` : (error as Error).message;
    io.stderr(`cannot read brand file ${file}: ${reason}\n`);
    return 1;
  }

  const compiled = await compileTheme(input);
  if (!compiled.ok) {
    if (json) io.stdout(`${JSON.stringify(compiled.report, null, 2)}\n`);
    else io.stdout(summary(compiled));
    if (json) io.stderr(`${compiled.report.errors.length} error(s); nothing written\n`);
    return 1;
  }

  // Write first, report after: a write failure must never follow a success summary.
  const { slug } = compiled.brand;
  try {
    await mkdir(out, { recursive: true });
    await Promise.all([
      writeFile(join(out, `${slug}.css`), compiled.outputs.css),
      writeFile(join(out, `${slug}.tokens.json`), compiled.outputs.tokensJson),
      writeFile(join(out, `${slug}.d.ts`), compiled.outputs.dts),
      writeFile(join(out, `${slug}.report.json`), `${JSON.stringify(compiled.report, null, 2)}\n`),
    ]);
  } catch (error) {
    io.stderr(`cannot write to ${out}: ${(error as Error).message}\n`);
    return 1;
  }
  if (json) io.stdout(`${JSON.stringify(compiled.report, null, 2)}\n`);
  else io.stdout(summary(compiled));
  return 0;
}

function parseCliArgs(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string', short: 'o' }, json: { type: 'boolean', default: false } },
  });
  const [command, file, ...rest] = positionals;
  if (command !== 'build') throw new Error(`unknown command: ${command ?? '(none)'}`);
  if (!file) throw new Error('missing <brand.json>');
  if (rest.length > 0) throw new Error(`unexpected arguments: ${rest.join(' ')}`);
  if (!values.out) throw new Error('missing --out <dir>');
  return { file, out: values.out, json: values.json ?? false };
}

function summary(compiled: CompiledTheme): string {
  const report: ThemeReport = compiled.report;
  if (!compiled.ok) {
    return `invalid brand: ${report.errors.length} error(s); nothing written\n${report.errors
      .map((e) => `  ${e.message}\n`)
      .join('')}`;
  }
  const passed = report.contrast.filter((pair) => pair.pass).length;
  const lines = [
    `theme "${compiled.brand.slug}" ${report.hash}`,
    `  contrast: ${passed}/${report.contrast.length} pairs pass WCAG 2.2 AA in light and dark`,
    ...report.warnings.map((w) => `  warning: ${w.message}`),
  ];
  return `${lines.join('\n')}\n`;
}

const isMain =
  import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('themes/cli.ts');
if (isMain) {
  const code = await runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  });
  process.exitCode = code;
}
