// The AML name matcher on a labelled set of name pairs: recall and false-hit rate at the
// default threshold, against a named baseline in the same run (plain Jaro-Winkler on the whole
// normalised name), and how fast one subject is screened against a 10,000-entry list.
//
//   npm run bench:screening [-- --json] [-- --pairs <file.csv>]
//
// The pairs file is UTF-8 CSV with columns a,b,match (1 or 0) and an optional category.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import jaroWinkler from 'talisman/metrics/jaro-winkler.js';
import { DEMO_SANCTIONS_LIST } from '../edge/demo/sanctions.js';
import {
  DEFAULT_THRESHOLD,
  type Evaluation,
  evaluate,
  indexEntries,
  normalisedText,
  normaliseName,
  PairsFileError,
  parseLabelledPairs,
  prepareName,
  type ScreeningEntry,
  scoreNames,
  screen,
} from '../edge/screening/index.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const pairsAt = args.indexOf('--pairs');
const file =
  pairsAt >= 0
    ? args[pairsAt + 1]
    : join(import.meta.dirname, '../test/fixtures/screening/pairs.csv');
if (!file) {
  console.error('--pairs needs a file: --pairs <file.csv>');
  process.exit(2);
}

let pairs: ReturnType<typeof parseLabelledPairs>;
try {
  pairs = parseLabelledPairs(readFileSync(file, 'utf8'));
} catch (error) {
  if (error instanceof PairsFileError) console.error(`${file}: ${error.message}`);
  else console.error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const BASELINE = 'jaro-winkler-full-string';
const baselineScore = (a: string, b: string) =>
  jaroWinkler(normalisedText(normaliseName(a)), normalisedText(normaliseName(b)));

const matcher = evaluate(pairs, (a, b) => scoreNames(a, b), DEFAULT_THRESHOLD);
const baseline = evaluate(pairs, baselineScore, DEFAULT_THRESHOLD);
const throughput = measureThroughput();

if (json) {
  console.log(
    JSON.stringify({
      pairs: matcher.pairs,
      recall: round(matcher.recall),
      falseHitRate: round(matcher.falseHitRate),
      threshold: matcher.threshold,
      baseline: {
        name: BASELINE,
        recall: round(baseline.recall),
        falseHitRate: round(baseline.falseHitRate),
      },
      throughput,
    }),
  );
} else {
  console.log(`${file}: ${matcher.pairs} pairs, threshold ${matcher.threshold}`);
  console.log(
    `  matcher   recall ${percent(matcher.recall)}  false hits ${percent(matcher.falseHitRate)}`,
  );
  console.log(
    `  ${BASELINE}  recall ${percent(baseline.recall)}  false hits ${percent(baseline.falseHitRate)}`,
  );
  printMisses(matcher);
  console.log(
    `throughput: one subject against ${throughput.entries} entries, ${throughput.screensPerSec} screens/s ` +
      `(${throughput.pairsPerSec} pairs/s; scoring every name without the index: ${throughput.bruteForcePairsPerSec} pairs/s)`,
  );
}

function printMisses(evaluation: Evaluation) {
  const byCategory = new Map<string, string[]>();
  const note = (category: string, line: string) =>
    byCategory.set(category, [...(byCategory.get(category) ?? []), line]);
  for (const p of evaluation.misses)
    note(p.category, `missed     ${p.score.toFixed(3)}  ${p.a} | ${p.b}`);
  for (const p of evaluation.falseHits)
    note(p.category, `false hit  ${p.score.toFixed(3)}  ${p.a} | ${p.b}`);
  for (const [category, lines] of [...byCategory].sort()) {
    console.log(`  ${category}:`);
    for (const line of lines) console.log(`    ${line}`);
  }
}

/** The demo list grown to 10,000 entries by recombining its own name parts (a fixed seed). */
function scaledList(size: number): ScreeningEntry[] {
  const given = DEMO_SANCTIONS_LIST.flatMap((e) => e.name.split(' ').slice(0, -1));
  const family = DEMO_SANCTIONS_LIST.map((e) => e.name.split(' ').at(-1) as string);
  let seed = 42;
  const next = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  return Array.from({ length: size }, (_, i) => {
    const base = DEMO_SANCTIONS_LIST[i % DEMO_SANCTIONS_LIST.length] as ScreeningEntry;
    if (i < DEMO_SANCTIONS_LIST.length) return base;
    const name = `${given[next(given.length)]} ${given[next(given.length)]} ${family[next(family.length)]}${next(3) === 0 ? 'ski' : ''}`;
    return { ...base, name, aliases: [], reference: `SCALED-${i}` };
  });
}

function measureThroughput() {
  const entries = scaledList(10_000);
  const index = indexEntries(entries);
  const subjects = [
    'Muhammad Qarwash Zindani',
    'Rajesh Prakash Tundlikar',
    'Quorvane Maritime',
    'Jane Smith',
    'Dmitry Zhuravlev',
    'Blackthorn Veldt Minerals Private Limited',
    'Priya Raman',
    'Layla Al Qurmushi',
  ];
  const rounds = 25;
  let start = performance.now();
  for (let r = 0; r < rounds; r++) for (const name of subjects) screen({ name }, index);
  const seconds = (performance.now() - start) / 1000;
  const screens = rounds * subjects.length;

  // Without the index: every name of the list scored, to show what the prefilter saves.
  const prepared = index.names.map((n) => n.name);
  start = performance.now();
  let scored = 0;
  for (const name of subjects.slice(0, 2)) {
    const subject = prepareName(name);
    for (const candidate of prepared) scoreNames(subject, candidate);
    scored += prepared.length;
  }
  const bruteSeconds = (performance.now() - start) / 1000;
  return {
    entries: entries.length,
    screensPerSec: Math.round(screens / seconds),
    pairsPerSec: Math.round((screens * entries.length) / seconds),
    bruteForcePairsPerSec: Math.round(scored / bruteSeconds),
  };
}

function round(x: number) {
  return Math.round(x * 10_000) / 10_000;
}

function percent(x: number) {
  return `${(x * 100).toFixed(1)}%`;
}
