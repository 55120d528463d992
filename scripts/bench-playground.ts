/**
 * `npm run bench:playground`: how long one brand playground update takes in Chromium, from the
 * input event on the primary colour field to the next frame after the widgets wear the new
 * theme (the real engine's compileTheme in the page, the shared stylesheet replaced, both
 * widgets' styles recomputed). Median, p90, min and max over 50 changes, after 5 warm-up
 * changes; a designer's pause between changes, so Storybook's own work after each one (the
 * args synced to the URL, the a11y addon's axe run) is not counted. Goal: median ≤ 50 ms.
 *
 *   npm run -s bench:playground            figures as text
 *   npm run -s bench:playground -- --json  one JSON object
 *
 * Uses storybook-static/ (built first when missing: `npm run build-storybook`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium, ROOT, STORYBOOK_STATIC, serveStatic } from './storybook-static.js';

const CHANGES = 50;
const WARM_UP = 5;
const PAUSE_MS = 1500;
const GOAL_MS = 50;
const STORY = 'themes-brand-playground--brand-playground';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });

/** 55 distinct primaries around the hue wheel at three lightnesses: some need contrast repair. */
function primaries(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const hue = (i * 47) % 360;
    const lightness = [0.45, 0.62, 0.85][i % 3] as number;
    return `oklch(${lightness} 0.14 ${hue})`;
  });
}

interface Sample {
  total: number;
  compile: number;
  retheme: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    median: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    min: round(sorted[0] as number),
    max: round(sorted.at(-1) as number),
  };
}

if (!existsSync(join(STORYBOOK_STATIC, 'index.json'))) {
  const built = spawnSync('npm', ['run', '-s', 'build-storybook'], { cwd: ROOT, stdio: 'ignore' });
  if (built.status !== 0) throw new Error('npm run build-storybook failed');
}

const server = await serveStatic();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}/iframe.html?id=${STORY}&viewMode=story`);
  await page.waitForFunction(
    () => {
      const pg = document.querySelector('gw-brand-playground');
      const rows = pg?.shadowRoot?.querySelectorAll('[part~="contrast"] tbody tr').length ?? 0;
      const cards = document
        .querySelector('gw-service-catalog')
        ?.shadowRoot?.querySelectorAll('[part~="card"]').length;
      return rows > 0 && (cards ?? 0) > 0 && document.querySelector('gw-pricing-calculator');
    },
    undefined,
    { timeout: 30_000 },
  );
  await page.waitForTimeout(PAUSE_MS);
  const colours = primaries(WARM_UP + CHANGES);
  const samples: Sample[] = [];
  for (const [i, colour] of colours.entries()) {
    const sample = await page.evaluate(async (value) => {
      const pg = document.querySelector('gw-brand-playground') as HTMLElement;
      const input = pg.shadowRoot?.querySelector('input#primary') as HTMLInputElement;
      const widgets = [...document.querySelectorAll('gw-service-catalog, gw-pricing-calculator')];
      const before = widgets.map((w) =>
        getComputedStyle(w).getPropertyValue('--gw-sys-color-primary'),
      );
      performance.clearMarks();
      const applied = new Promise<{ ok: boolean }>((resolve) =>
        pg.addEventListener('gw-brand-applied', (e) => resolve((e as CustomEvent).detail), {
          once: true,
        }),
      );
      const start = performance.now();
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      const detail = await applied;
      // Reading the widgets' styles makes the browser recompute them with the new sheet.
      const after = widgets.map((w) =>
        getComputedStyle(w).getPropertyValue('--gw-sys-color-primary'),
      );
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const total = performance.now() - start;
      const marks = Object.fromEntries(
        performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]),
      );
      if (!detail.ok) throw new Error(`the engine refused ${value}`);
      // Neighbouring colours differ in hue and lightness: every widget's primary must move.
      if (after.some((colour, j) => colour === before[j]))
        throw new Error(`the widgets were not re-themed for ${value}`);
      return {
        total,
        compile: (marks['gw-brand:compiled'] ?? Number.NaN) - (marks['gw-brand:compile'] ?? 0),
        retheme: (marks['gw-brand:rethemed'] ?? Number.NaN) - (marks['gw-brand:compiled'] ?? 0),
      };
    }, colour);
    if (i >= WARM_UP) samples.push(sample);
    await page.waitForTimeout(PAUSE_MS);
  }
  const result = {
    benchmark: 'playground update: input → widgets re-themed (next frame)',
    changes: samples.length,
    warmUp: WARM_UP,
    goalMedianMs: GOAL_MS,
    totalMs: summary(samples.map((s) => s.total)),
    engineMs: summary(samples.map((s) => s.compile)),
    replaceSheetMs: summary(samples.map((s) => s.retheme)),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
    chromium: browser.version(),
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    const line = (name: string, s: ReturnType<typeof summary>) =>
      `${name.padEnd(34)} median ${s.median} ms, p90 ${s.p90} ms (min ${s.min}, max ${s.max})`;
    process.stdout.write(
      [
        `${result.benchmark}, ${result.changes} changes after ${WARM_UP} warm-up, Chromium ${result.chromium}, ${result.machine.cpus} cores`,
        line('input → re-themed, next frame', result.totalMs),
        line('  of which the engine', result.engineMs),
        line('  of which replacing the sheet', result.replaceSheetMs),
        `goal: median ≤ ${GOAL_MS} ms — ${result.totalMs.median <= GOAL_MS ? 'met' : 'not met'}`,
        '',
      ].join('\n'),
    );
  }
} finally {
  await browser.close();
  await server.close();
}
