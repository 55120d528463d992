/**
 * Benchmark of the theming engine (STYLE.md rule 20: a script that prints figures, never a test).
 *
 *   npm run bench:themes -- [--json] [--themes N]
 *
 * Compiles N deterministic random tenant brands in one process with `compileTheme` (validate +
 * derive + build, what the edge does at publish time) and reports p50/p95 per theme. The
 * baseline, "style-dictionary-cli", is what a Style Dictionary user would otherwise do: one
 * `style-dictionary build` process per tenant, on 20 of the same brands.
 *
 * With --json, stdout holds exactly one JSON object; everything else goes to stderr.
 * Exits non-zero on any failure.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { format, parseArgs } from 'node:util';
import { type BrandInput, parseBrand } from '../themes/brand-schema.js';
import { compileTheme } from '../themes/compile.js';
import { derive } from '../themes/derive.js';

const SEED = 0x6757_2024;
const WARMUP_SEED = 0x5eed_0001;
const WARMUP_THEMES = 20;
const BASELINE_SAMPLES = 20;
const GOAL_P50_MS = 25;
const BASELINE_NAME = 'style-dictionary-cli';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SD_CLI = join(ROOT, 'node_modules', 'style-dictionary', 'bin', 'style-dictionary.js');

interface Options {
  json: boolean;
  themes: number;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      json: { type: 'boolean', default: false },
      themes: { type: 'string', default: '500' },
    },
  });
  const themes = Number(values.themes);
  if (!Number.isInteger(themes) || themes < 1 || themes > 100_000) {
    throw new Error(`--themes expects an integer from 1 to 100000, received ${values.themes}`);
  }
  return { json: values.json, themes };
}

// ---- deterministic brands -------------------------------------------------------------------

/** mulberry32: small, fast, good enough to pick benchmark inputs reproducibly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OPTIONAL_COLORS = ['secondary', 'accent', 'neutral', 'success', 'warning', 'danger'] as const;
const MODES = ['light', 'dark', 'auto'] as const;
const DENSITIES = ['compact', 'comfortable'] as const;
const GENERIC_FAMILIES = ['sans-serif', 'serif', 'monospace', 'system-ui'] as const;
const FONT_FAMILIES = [
  'Inter',
  'IBM Plex Sans',
  'Libre Baskerville',
  'Nunito Sans',
  'Source Serif 4',
];

function makeBrands(count: number, seed: number, slugPrefix: string): BrandInput[] {
  const rand = prng(seed);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const round = (value: number, digits: number) => Number(value.toFixed(digits));
  // Mostly hex, as tenants send it; some rgb()/hsl()/oklch() so parsing sees every notation.
  const color = (): string => {
    const notation = rand();
    if (notation < 0.7) return `#${int(0, 0xffffff).toString(16).padStart(6, '0')}`;
    if (notation < 0.8) return `rgb(${int(0, 255)} ${int(0, 255)} ${int(0, 255)})`;
    if (notation < 0.9) return `hsl(${int(0, 359)} ${int(0, 100)}% ${int(0, 100)}%)`;
    return `oklch(${round(0.2 + rand() * 0.7, 3)} ${round(rand() * 0.25, 3)} ${int(0, 359)})`;
  };
  return Array.from({ length: count }, (_, i) => {
    const colors: Record<string, string> = { primary: color() };
    for (const key of OPTIONAL_COLORS) if (rand() < 0.35) colors[key] = color();
    const typography: Record<string, string | number> = {
      genericFamily: pick(GENERIC_FAMILIES),
      baseSize: int(28, 40) / 2,
      scale: round(1.067 + rand() * (1.618 - 1.067), 3),
    };
    if (rand() < 0.6) typography.fontFamily = pick(FONT_FAMILIES);
    return {
      slug: `${slugPrefix}-${String(i).padStart(5, '0')}`,
      name: `Tenant ${i} Bank`,
      colors,
      mode: pick(MODES),
      density: pick(DENSITIES),
      shape: { radius: int(0, 48) / 2 },
      typography,
    } as BrandInput;
  });
}

// ---- statistics -----------------------------------------------------------------------------

/** Nearest-rank percentile. */
function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const ms = (value: number) => Math.round(value * 100) / 100;

// ---- in process -----------------------------------------------------------------------------

async function compileOrThrow(input: BrandInput): Promise<void> {
  const compiled = await compileTheme(input);
  if (!compiled.ok) {
    const errors = compiled.report.errors.map((e) => e.message).join('; ');
    throw new Error(`brand ${JSON.stringify(input)} did not compile: ${errors}`);
  }
  if (!compiled.outputs.css.includes('--gw-sys-color-primary')) {
    throw new Error(`theme ${input.slug} produced CSS without --gw-sys-color-primary`);
  }
}

async function benchInProcess(brands: readonly BrandInput[], warmup: readonly BrandInput[]) {
  for (const brand of warmup) await compileOrThrow(brand);
  const times: number[] = [];
  for (const brand of brands) {
    const start = performance.now();
    await compileOrThrow(brand);
    times.push(performance.now() - start);
  }
  return times;
}

// ---- baseline: one Style Dictionary CLI process per tenant ----------------------------------

/**
 * The baseline writes each tenant's derived tree, `derive(brand).tokens`, as it is: sys colours
 * hold the light value in `$value` (dark rides in `$extensions`, which css/variables ignores), so
 * each CLI run builds the light tree only, one process per tenant. The in-process build emits
 * both modes in its one run, so the baseline does less work per tenant than the engine and the
 * speedup is, if anything, understated. Same transforms as the engine (kebab names, shadow and
 * cubic-bezier shorthands), the built-in css/variables format with outputReferences, warnings as
 * errors. Token files are written before the clock starts; the clock covers the whole process.
 */
function cliConfig(dir: string) {
  return {
    source: [join(dir, 'tokens.json')],
    log: { warnings: 'error', errors: { brokenReferences: 'throw' } },
    platforms: {
      css: {
        transforms: ['name/kebab', 'shadow/css/shorthand', 'cubicBezier/css'],
        buildPath: `${join(dir, 'build')}/`,
        files: [
          {
            destination: 'variables.css',
            format: 'css/variables',
            options: { outputReferences: true },
          },
        ],
      },
    },
  };
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  elapsed: number;
}

function runCli(configPath: string): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [SD_CLI, 'build', '--config', configPath], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolvePromise({ code, signal, output, elapsed: performance.now() - start });
    });
  });
}

async function benchCli(brands: readonly BrandInput[]): Promise<number[]> {
  if (!existsSync(SD_CLI)) throw new Error(`Style Dictionary CLI not found at ${SD_CLI}`);
  const root = await mkdtemp(join(tmpdir(), 'gw-bench-themes-'));
  try {
    const jobs = [];
    for (const input of brands) {
      const parsed = parseBrand(input);
      if (!parsed.ok) throw new Error(`sample brand ${input.slug} is invalid`);
      const dir = join(root, parsed.brand.slug);
      await mkdir(dir);
      await writeFile(
        join(dir, 'tokens.json'),
        JSON.stringify(derive(parsed.brand).tokens, null, 2),
      );
      const configPath = join(dir, 'config.json');
      await writeFile(configPath, JSON.stringify(cliConfig(dir), null, 2));
      jobs.push({ slug: parsed.brand.slug, configPath, css: join(dir, 'build', 'variables.css') });
    }
    const times: number[] = [];
    // One at a time, so processes do not compete for the cores.
    for (const job of jobs) {
      const run = await runCli(job.configPath);
      if (run.code !== 0) {
        throw new Error(
          `style-dictionary build for ${job.slug} exited with ${run.code ?? run.signal}:\n${run.output}`,
        );
      }
      if (!existsSync(job.css)) {
        throw new Error(
          `style-dictionary build for ${job.slug} wrote no ${job.css}:\n${run.output}`,
        );
      }
      const css = await readFile(job.css, 'utf8');
      if (!css.includes('--gw-sys-color-primary') || !css.includes('var(--gw-')) {
        throw new Error(
          `style-dictionary build for ${job.slug} wrote unexpected CSS to ${job.css}`,
        );
      }
      times.push(run.elapsed);
    }
    return times;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

// ---- main -----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (...args: unknown[]) => {
    if (!options.json) process.stderr.write(`${format(...args)}\n`);
  };
  if (options.json) {
    // Keep stdout for the one JSON object, whatever a dependency might print.
    const toStderr = (...args: unknown[]) => process.stderr.write(`${format(...args)}\n`);
    console.log = toStderr;
    console.info = toStderr;
    console.debug = toStderr;
  }

  const brands = makeBrands(options.themes, SEED, 'tenant');
  const warmup = makeBrands(WARMUP_THEMES, WARMUP_SEED, 'warmup');
  for (const brand of [...warmup, ...brands]) {
    const parsed = parseBrand(brand);
    if (!parsed.ok) {
      throw new Error(
        `generated brand ${brand.slug} is invalid: ${parsed.errors.map((e) => e.message).join('; ')}`,
      );
    }
  }
  if (new Set(brands.map((b) => b.slug)).size !== brands.length) throw new Error('duplicate slugs');

  log(`compiling ${options.themes} themes in process (after ${WARMUP_THEMES} warm-up)…`);
  const inProcess = await benchInProcess(brands, warmup);

  const samples = Math.min(BASELINE_SAMPLES, brands.length);
  const sample = Array.from(
    { length: samples },
    (_, k) => brands[Math.floor((k * brands.length) / samples)] as BrandInput,
  );
  log(`running style-dictionary build once per tenant for ${samples} tenants…`);
  const cli = await benchCli(sample);

  const p50 = percentile(inProcess, 50);
  const p95 = percentile(inProcess, 95);
  const cliP50 = percentile(cli, 50);
  const speedup = Math.round((cliP50 / p50) * 10) / 10;
  const meetsGoal = p50 <= GOAL_P50_MS;

  if (options.json) {
    const result = {
      themes: options.themes,
      p50Ms: ms(p50),
      p95Ms: ms(p95),
      goalP50Ms: GOAL_P50_MS,
      meetsGoal,
      baseline: { name: BASELINE_NAME, samples, p50Ms: ms(cliP50) },
      speedup,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }

  const rows: [string, number, number, number, number][] = [
    ['compileTheme (in process)', inProcess.length, p50, p95, Math.max(...inProcess)],
    [
      `${BASELINE_NAME} (1 process/tenant)`,
      cli.length,
      cliP50,
      percentile(cli, 95),
      Math.max(...cli),
    ],
  ];
  const cell = (value: number) => ms(value).toFixed(2).padStart(10);
  const lines = [
    `GridWorks Embed theme compile benchmark — Node ${process.version}, seed 0x${SEED.toString(16)}`,
    '',
    `${'run'.padEnd(40)}${'samples'.padStart(8)}${'p50 ms'.padStart(10)}${'p95 ms'.padStart(10)}${'max ms'.padStart(10)}`,
    ...rows.map(
      ([name, n, a, b, c]) =>
        `${name.padEnd(40)}${String(n).padStart(8)}${cell(a)}${cell(b)}${cell(c)}`,
    ),
    '',
    `speedup (baseline p50 / in-process p50): ${speedup.toFixed(1)}×`,
    `goal: in-process p50 ≤ ${GOAL_P50_MS} ms — ${meetsGoal ? 'met' : 'NOT met'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

try {
  await main();
} catch (error) {
  process.stderr.write(
    `bench-themes failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
}
