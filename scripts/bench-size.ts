/**
 * Size benchmark of the widget kit (STYLE.md rule 20: a script that prints figures, never a test).
 *
 *   npm run bench:size -- [--json]
 *
 * Runs the production Vite build (vite.config.ts, in memory: nothing is written, dist/ is left
 * alone) and measures every file it emits as the browser receives it (the code as written,
 * sourceMappingURL comment included) compressed with gzip (node:zlib, level 9) and brotli
 * (quality 11). Each file is its own HTTP response, so a group's size is the sum of its files'
 * compressed sizes, never the size of their concatenation.
 *
 * The groups come from the build's chunk graph (each chunk's static `imports` and
 * `dynamicImports`), not from file names:
 *   loader  `embed.js` alone; "before any widget" adds everything it imports statically
 *           (nothing: it stays one file), i.e. what a host page downloads for the one-line embed
 *           before a widget is requested.
 *   page context  the loader's `embed-context` entry, fetched with the first widget's files;
 *           the chunks it imports are the widgets' core.
 *   core    every chunk reachable from more than one widget entry (Lit and the kit's core).
 *   <tag>   the widget's entry file plus any chunk only that widget reaches (none shared with
 *           another widget or the loader).
 *   kit     everything any entry reaches, each file counted once: all widgets on one page.
 * A widget present in the build is measured (`gw-support-chat` once its entry exists).
 * The kit "as loaded" is every entry with its static imports and no on-demand chunk: all widgets
 * on one page before anyone opens a panel or a locale's strings; it is what the kit budget
 * judges, and the kit with every on-demand chunk is reported beside it.
 * The baseline, "minimal-lit-element", is one LitElement rendering `<p>hi</p>`, built with the
 * same Vite settings in a temp folder: the floor any Lit widget kit starts from.
 * Budgets: 1 KB = 1024 bytes, gzip.
 *
 * With --json, stdout holds exactly one JSON object; everything else goes to stderr.
 * Exits non-zero on any failure, including a failed build.
 */
import { mkdtemp, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type InlineConfig, type UserConfig } from 'vite';
import viteConfig, { PAGE_CONTEXT_ENTRY } from '../vite.config.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const KB = 1024;
const BUDGET_LOADER = 3 * KB;
const BUDGET_WIDGET = 15 * KB;
/**
 * Widgets with their own budget, judged on what loads with the widget (its entry and what it
 * imports statically); what it imports on demand (the phone rules with the people step, a
 * non-English string table) is reported beside it.
 */
const WIDGET_BUDGETS: Readonly<Record<string, number>> = {
  'gw-onboarding-form': 20 * KB,
  // The chat launcher is on every page that has chat: its panel comes on demand, on first use.
  'gw-support-chat': 3 * KB,
};
const budgetOf = (widget: string) => WIDGET_BUDGETS[widget] ?? BUDGET_WIDGET;
const BUDGET_KIT = 60 * KB;
const LOADER_ENTRY = 'embed';
/** The loader's page context: an entry of its own, fetched with the first widget. */
const LOADER_CONTEXT_ENTRY = PAGE_CONTEXT_ENTRY;
const BASELINE_NAME = 'minimal-lit-element';
const BASELINE_SOURCE = `import { html, LitElement } from 'lit';
class X extends LitElement {
  render() {
    return html\`<p>hi</p>\`;
  }
}
customElements.define('x-minimal', X);
`;

interface Options {
  json: boolean;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: { json: { type: 'boolean', default: false } },
  });
  return { json: values.json };
}

// ---- the build ------------------------------------------------------------------------------

/** The parts of Rolldown's output chunk this script reads. */
interface Chunk {
  type: 'chunk';
  fileName: string;
  name: string;
  isEntry: boolean;
  code: string;
  imports: string[];
  dynamicImports: string[];
  map: { sources: string[]; mappings: string } | null;
}

interface Asset {
  type: 'asset';
  fileName: string;
}

async function bundle(config: InlineConfig): Promise<Chunk[]> {
  const result = await build({ ...config, logLevel: 'warn', customLogger: stderrLogger() });
  if (!('output' in result) && !Array.isArray(result)) {
    throw new Error('vite build started a watcher instead of building once');
  }
  const outputs = Array.isArray(result) ? result : [result];
  return outputs
    .flatMap((o) => o.output as unknown as (Chunk | Asset)[])
    .filter((o): o is Chunk => o.type === 'chunk');
}

/** Vite's warnings go to stderr, so that with --json stdout stays one JSON object. */
function stderrLogger(): InlineConfig['customLogger'] {
  const warned = new Set<string>();
  const write = (msg: string) => process.stderr.write(`${msg}\n`);
  return {
    hasWarned: false,
    info: () => {},
    warn: write,
    warnOnce: (msg) => {
      if (!warned.has(msg)) write(msg);
      warned.add(msg);
    },
    error: write,
    clearScreen: () => {},
    hasErrorLogged: () => false,
  };
}

/** The project's own build, with its config file, kept in memory. */
function kitBuild(outDir: string): Promise<Chunk[]> {
  return bundle({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    mode: 'production',
    build: { outDir, emptyOutDir: false, write: false },
  });
}

/** The same settings as the kit (target, minifier, define, conditions), one minimal element. */
async function baselineBuild(dir: string): Promise<Chunk[]> {
  await writeFile(join(dir, 'x.ts'), BASELINE_SOURCE);
  // Bare `lit` resolves from the temp folder through the project's node_modules.
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const base = viteConfig as UserConfig;
  return bundle({
    ...base,
    // Only the kit has a loader to write a graph into.
    plugins: (base.plugins ?? []).filter(
      (p) => !(p && typeof p === 'object' && 'name' in p && p.name === 'gw-kit-graph'),
    ),
    configFile: false,
    root: dir,
    mode: 'production',
    build: {
      ...base.build,
      outDir: join(dir, 'out'),
      emptyOutDir: false,
      write: false,
      rollupOptions: { ...base.build?.rollupOptions, input: { x: join(dir, 'x.ts') } },
    },
  });
}

// ---- sizes and the chunk graph --------------------------------------------------------------

interface Size {
  rawBytes: number;
  gzipBytes: number;
  brotliBytes: number;
}

function sizeOf(code: string): Size {
  const bytes = Buffer.from(code, 'utf8');
  return {
    rawBytes: bytes.length,
    gzipBytes: gzipSync(bytes, { level: 9 }).length,
    brotliBytes: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }).length,
  };
}

const sum = (sizes: Size[]): Size => ({
  rawBytes: sizes.reduce((n, s) => n + s.rawBytes, 0),
  gzipBytes: sizes.reduce((n, s) => n + s.gzipBytes, 0),
  brotliBytes: sizes.reduce((n, s) => n + s.brotliBytes, 0),
});

/** Every file `from` pulls in: itself and, transitively, its static (and dynamic) imports. */
function closure(byFile: Map<string, Chunk>, from: string, dynamic: boolean): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const chunk = byFile.get(file);
    if (!chunk) throw new Error(`${from} imports ${file}, which the build did not emit`);
    seen.add(file);
    for (const next of chunk.imports) visit(next);
    if (dynamic) for (const next of chunk.dynamicImports) visit(next);
  };
  visit(from);
  return seen;
}

/**
 * Minified bytes per original source, from the chunk's sourcemap (VLQ segments). A segment runs
 * to the next one, across line ends: the minifier keeps template literals' newlines, and their
 * continuation lines carry no segment of their own.
 */
function bytesPerSource(chunk: Chunk): Map<string, number> {
  const out = new Map<string, number>();
  const add = (source: string, text: string) =>
    out.set(source, (out.get(source) ?? 0) + Buffer.byteLength(text));
  const map = chunk.map;
  if (!map) {
    add('(no sourcemap)', chunk.code);
    return out;
  }
  const names = map.sources.map((s) =>
    relative(ROOT, resolve(ROOT, dirname(chunk.fileName), s)).replace(/^.*node_modules\//, ''),
  );
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  // Absolute UTF-16 offsets into the code, and the source each segment starts (none: unmapped).
  const marks: { at: number; source: string }[] = [];
  let lineStart = 0;
  let source = 0;
  for (const line of map.mappings.split(';')) {
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0] ?? 0;
      if (values.length >= 4) source += values[1] ?? 0;
      marks.push({
        at: lineStart + column,
        source: values.length >= 4 ? (names[source] ?? '(unknown)') : '(unmapped)',
      });
    }
    const newline = chunk.code.indexOf('\n', lineStart);
    lineStart = newline < 0 ? chunk.code.length : newline + 1;
  }
  add('(unmapped)', chunk.code.slice(0, marks[0]?.at ?? chunk.code.length));
  marks.forEach((m, i) => {
    add(m.source, chunk.code.slice(m.at, marks[i + 1]?.at ?? chunk.code.length));
  });
  return out;
}

interface Group {
  name: string;
  files: string[];
  size: Size;
}

function analyse(chunks: Chunk[]) {
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const sizes = new Map(chunks.map((c) => [c.fileName, sizeOf(c.code)]));
  const sizeOfFiles = (files: Iterable<string>) => sum([...files].map((f) => sizes.get(f) as Size));
  const entries = chunks.filter((c) => c.isEntry);
  const loader = entries.find((c) => c.name === LOADER_ENTRY);
  if (!loader) throw new Error(`the build has no "${LOADER_ENTRY}" entry`);
  const loaderContext = entries.find((c) => c.name === LOADER_CONTEXT_ENTRY);
  const widgets = entries
    .filter((c) => c !== loader && c !== loaderContext)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  if (widgets.length === 0) throw new Error('the build has no widget entries');

  const loaderClosure = closure(byFile, loader.fileName, false);
  const contextClosure = loaderContext
    ? closure(byFile, loaderContext.fileName, false)
    : new Set<string>();
  const widgetClosures = new Map(widgets.map((w) => [w.name, closure(byFile, w.fileName, true)]));
  const reachedBy = (file: string) =>
    widgets.filter((w) => widgetClosures.get(w.name)?.has(file)).map((w) => w.name);
  const all = new Set(
    [closure(byFile, loader.fileName, true), contextClosure, ...widgetClosures.values()].flatMap(
      (s) => [...s],
    ),
  );

  const core = [...all].filter((f) => reachedBy(f).length > 1).sort();
  const own = (w: Chunk) =>
    [...(widgetClosures.get(w.name) as Set<string>)]
      .filter((f) => f === w.fileName || (reachedBy(f).length === 1 && !loaderClosure.has(f)))
      .sort((a, b) => (a === w.fileName ? -1 : b === w.fileName ? 1 : a < b ? -1 : 1));

  // What loads with each widget (its static closure), and what it fetches later on demand.
  const staticClosures = new Map(widgets.map((w) => [w.name, closure(byFile, w.fileName, false)]));
  const split = widgets.map((w) => {
    const files = own(w);
    const now = files.filter((f) => staticClosures.get(w.name)?.has(f));
    const later = files.filter((f) => !staticClosures.get(w.name)?.has(f));
    return {
      name: w.name,
      initial: sizeOfFiles(now),
      onDemand: sizeOfFiles(later),
      lazyFiles: later,
    };
  });
  const kitInitialFiles = new Set(
    [loaderClosure, contextClosure, ...staticClosures.values()].flatMap((set) => [...set]),
  );
  const kitInitial: Group = {
    name: 'kit as loaded (no on-demand chunk)',
    files: [...kitInitialFiles].sort(),
    size: sizeOfFiles(kitInitialFiles),
  };

  const groups: Group[] = [
    { name: 'loader', files: [loader.fileName], size: sizes.get(loader.fileName) as Size },
    ...(loaderContext
      ? [
          {
            name: 'page context',
            files: [loaderContext.fileName],
            size: sizes.get(loaderContext.fileName) as Size,
          },
        ]
      : []),
    { name: 'core', files: core, size: sizeOfFiles(core) },
    ...widgets.map((w) => ({ name: w.name, files: own(w), size: sizeOfFiles(own(w)) })),
  ];
  const loaderTotal: Group = {
    name: 'loader, before any widget',
    files: [...loaderClosure],
    size: sizeOfFiles(loaderClosure),
  };
  const kit: Group = { name: 'kit (all widgets)', files: [...all].sort(), size: sizeOfFiles(all) };
  const standalone = widgets.map((w) => ({
    name: w.name,
    size: sizeOfFiles(widgetClosures.get(w.name) as Set<string>),
    afterLoader: sizeOfFiles(
      [...(widgetClosures.get(w.name) as Set<string>)].filter((f) => !loaderClosure.has(f)),
    ),
  }));
  const graph = chunks
    .map((c) => ({
      file: c.fileName,
      size: sizes.get(c.fileName) as Size,
      imports: c.imports,
      dynamicImports: c.dynamicImports,
      loader: loaderClosure.has(c.fileName),
      widgets: reachedBy(c.fileName),
      sources: [...bytesPerSource(c)].sort((a, b) => b[1] - a[1]),
    }))
    .sort((a, b) => (a.file < b.file ? -1 : 1));
  return {
    groups,
    loaderTotal,
    kit,
    kitInitial,
    split,
    standalone,
    graph,
    widgets: widgets.map((w) => w.name),
  };
}

// ---- main -----------------------------------------------------------------------------------

const kb = (bytes: number) => `${(bytes / KB).toFixed(2)} KB`;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (...args: unknown[]) => {
    if (!options.json) process.stderr.write(`${format(...args)}\n`);
  };
  const dir = await mkdtemp(join(tmpdir(), 'gw-bench-size-'));
  try {
    log('building the widget kit (production, in memory)…');
    const kitChunks = await kitBuild(join(dir, 'kit'));
    log('building the baseline…');
    const baseChunks = await baselineBuild(dir);
    const report = analyse(kitChunks);
    const baseline = sum(baseChunks.map((c) => sizeOf(c.code)));

    const widgetRows = report.groups.filter((g) => report.widgets.includes(g.name));
    const loaderRow = report.groups.find((g) => g.name === 'loader') as Group;
    const budgets = {
      loader: {
        limitGzipBytes: BUDGET_LOADER,
        gzipBytes: report.loaderTotal.size.gzipBytes,
        entryGzipBytes: loaderRow.size.gzipBytes,
        met: report.loaderTotal.size.gzipBytes <= BUDGET_LOADER,
      },
      widget: {
        limitGzipBytes: BUDGET_WIDGET,
        largest: Math.max(
          ...widgetRows.filter((g) => !(g.name in WIDGET_BUDGETS)).map((g) => g.size.gzipBytes),
        ),
        met: widgetRows
          .filter((g) => !(g.name in WIDGET_BUDGETS))
          .every((g) => g.size.gzipBytes <= BUDGET_WIDGET),
      },
      // Per widget: what loads with it (judged) and what it fetches on demand.
      widgets: report.split.map((w) => ({
        name: w.name,
        limitGzipBytes: budgetOf(w.name),
        initialGzipBytes: w.initial.gzipBytes,
        onDemandGzipBytes: w.onDemand.gzipBytes,
        met: w.initial.gzipBytes <= budgetOf(w.name),
      })),
      kit: {
        limitGzipBytes: BUDGET_KIT,
        gzipBytes: report.kit.size.gzipBytes,
        met: report.kit.size.gzipBytes <= BUDGET_KIT,
      },
      // What the kit budget judges: every widget on the page, before any on-demand chunk.
      kitAsLoaded: {
        limitGzipBytes: BUDGET_KIT,
        gzipBytes: report.kitInitial.size.gzipBytes,
        widgets: report.widgets,
        met: report.kitInitial.size.gzipBytes <= BUDGET_KIT,
      },
    };

    if (options.json) {
      process.stdout.write(
        `${JSON.stringify({
          files: report.groups.map((g) => ({
            name: g.name,
            gzipBytes: g.size.gzipBytes,
            brotliBytes: g.size.brotliBytes,
          })),
          kitGzipBytes: report.kit.size.gzipBytes,
          kitInitialGzipBytes: report.kitInitial.size.gzipBytes,
          baseline: { name: BASELINE_NAME, gzipBytes: baseline.gzipBytes },
          budgets,
        })}\n`,
      );
      return;
    }

    const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
    const row = (cells: (string | number)[], widths: number[]) =>
      cells
        .map((c, i) =>
          i === 0 ? String(c).padEnd(widths[0] ?? 30) : String(c).padStart(widths[i] ?? 10),
        )
        .join('');
    const W = [34, 10, 10, 10, 8];
    const sizeRow = (name: string, s: Size, files: number) =>
      row([name, s.rawBytes, s.gzipBytes, s.brotliBytes, files], W);
    const lines = [
      `GridWorks Embed bundle sizes — Vite production build, gzip level 9, brotli quality 11, bytes (1 KB = ${KB})`,
      '',
      row(['group', 'min', 'gzip', 'brotli', 'files'], W),
      ...report.groups.map((g) => sizeRow(g.name, g.size, g.files.length)),
      sizeRow(report.loaderTotal.name, report.loaderTotal.size, report.loaderTotal.files.length),
      sizeRow(report.kit.name, report.kit.size, report.kit.files.length),
      sizeRow(report.kitInitial.name, report.kitInitial.size, report.kitInitial.files.length),
      sizeRow(`baseline: ${BASELINE_NAME}`, baseline, baseChunks.length),
      '',
      'each widget with everything it reaches (used alone), and what it adds after the loader:',
      row(['widget', 'alone gz', 'alone br', 'after loader gz'], [34, 10, 10, 17]),
      ...report.standalone.map((s) =>
        row(
          [s.name, s.size.gzipBytes, s.size.brotliBytes, s.afterLoader.gzipBytes],
          [34, 10, 10, 17],
        ),
      ),
      '',
      'chunk graph (static imports; dynamic marked *), reached by loader / widgets:',
      ...report.graph.map(
        (c) =>
          `  ${c.file.padEnd(40)}${String(c.size.gzipBytes).padStart(7)} gz  ${[
            c.loader ? 'loader' : '',
            ...c.widgets,
          ]
            .filter(Boolean)
            .join(
              ', ',
            )}${c.imports.length + c.dynamicImports.length ? `  → ${[...c.imports, ...c.dynamicImports.map((d) => `${d}*`)].join(', ')}` : ''}`,
      ),
      '',
      'largest sources per chunk (minified bytes, from the sourcemaps):',
      ...report.graph.flatMap((c) => [
        `  ${c.file} (${c.size.rawBytes} B min)`,
        ...c.sources
          .slice(0, 8)
          .map(
            ([source, bytes]) =>
              `    ${String(bytes).padStart(7)}  ${((100 * bytes) / c.size.rawBytes).toFixed(1).padStart(5)}%  ${source}`,
          ),
      ]),
      '',
      `budget: loader ≤ ${kb(BUDGET_LOADER)} gzip — before any widget ${budgets.loader.gzipBytes} B (${kb(budgets.loader.gzipBytes)}; embed.js alone ${budgets.loader.entryGzipBytes} B) — ${verdict(budgets.loader.met)}`,
      ...report.split.map(
        (w) =>
          `budget: ${w.name} ≤ ${kb(budgetOf(w.name))} gzip as it loads — ${w.initial.gzipBytes} B (${kb(w.initial.gzipBytes)}${w.onDemand.gzipBytes ? `; + ${w.onDemand.gzipBytes} B on demand in ${w.lazyFiles.length} chunks` : ''}) — ${verdict(w.initial.gzipBytes <= budgetOf(w.name))}`,
      ),
      `budget: kit as loaded ≤ ${kb(BUDGET_KIT)} gzip (loader, ${report.widgets.join(', ')}: entries, Lit, core; no on-demand chunk) — ${budgets.kitAsLoaded.gzipBytes} B (${kb(budgets.kitAsLoaded.gzipBytes)}) — ${verdict(budgets.kitAsLoaded.met)}`,
      `budget: kit with every on-demand chunk ≤ ${kb(BUDGET_KIT)} gzip — ${budgets.kit.gzipBytes} B (${kb(budgets.kit.gzipBytes)}) — ${verdict(budgets.kit.met)}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    // The node_modules link first, so nothing could ever walk into the project's packages.
    await unlink(join(dir, 'node_modules')).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  process.stderr.write(
    `bench-size failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
}
