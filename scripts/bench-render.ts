/**
 * First-themed-paint benchmark of the embed (STYLE.md rule 20: a script that prints figures,
 * never a test).
 *
 *   npm run bench:render -- [--json] [--runs N] [--page calculator|demo] [--latency MS]
 *
 * Builds the widget kit if dist/widgets is missing or older than its sources, starts the real
 * edge (`startNodeEdge`, SQLite in a temp folder, the seeded demo tenant, its /demo page wired as
 * `npm start` does) on 127.0.0.1 in a child process, and opens a page in Debian's headless
 * Chromium N times (default 20), each in a fresh browser context (empty HTTP cache, no cookies,
 * no CORS preflight cache), after 2 unmeasured warm-up loads.
 *
 * The page (default `calculator`) is a bank's page holding only <gw-pricing-calculator> and the
 * one-line embed, served by a bare node:http server on its own loopback port, i.e. another
 * origin than the edge, as in production, and allowed by the demo tenant (PUT /v1/origins). Its
 * path: page → embed.js → in one round, gw-pricing-calculator.js with every chunk it imports, the
 * loader's page context, /v1/themes/current.css and /v1/config (the publishable key in the
 * query: no CORS preflight) → the widget runs and adopts the theme (and /v1/pricing/plans for
 * the data). `--page demo` opens the
 * edge's own /demo (catalog + calculator, same origin as the edge) instead; today that page
 * cannot be themed: same-origin GET fetches carry no Origin header, which the edge requires with
 * a publishable key (403 origin-not-allowed), so that mode fails until the edge accepts it.
 *
 * The figure, per load: milliseconds from navigation start (`performance.now()` is relative to
 * the navigation's time origin) to the first widget *painted with its theme*, defined in the page
 * by the init script below as:
 *   1. a `gw-*` element fires `gw-theme-applied` (GwElement, after it adopted the tenant sheet);
 *   2. at that moment its shadow root's first adopted sheet is the tenant theme (not one of the
 *      element's own static styles) and holds rules, and Lit has rendered the element's first
 *      content into that shadow root (`hasUpdated`, at least one element child);
 *   3. then the next animation frame, and the task right after it: a rAF callback runs before
 *      that frame's style, layout and paint, the task after it runs once the frame is rendered.
 * `performance.now()` at step 3 is the sample. The first content may be the widget's loading
 * skeleton (already themed); the table also reports, per widget, "themed, with data": the same
 * check once no `[part~=skeleton]` / `[aria-busy=true]` is left in its shadow root.
 *
 * `--latency MS` (default 0) adds MS to every request's round trip (Chromium's network
 * emulation): loopback hides what a customer's network charges per round of requests, which is
 * what the loader's one round of downloads saves.
 *
 * With --json, stdout holds exactly one JSON object; everything else goes to stderr. `meetsGoal`
 * compares the median with the goal (the issue's measure: median time to first themed paint). Exits non-zero on any failure: a page error or warning, a
 * failed request, or a load in which no widget was painted with its theme within 15 s.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, parseArgs } from 'node:util';
import { type Browser, chromium, type Page } from 'playwright';
import { UNTHROTTLED } from './node-edge-process.js';

const GOAL_MS = 100;
const WARMUP_RUNS = 2;
const FIRST_PAINT_TIMEOUT_MS = 15_000;
const ALL_WIDGETS_TIMEOUT_MS = 10_000;
const PAGES = ['calculator', 'demo'] as const;
type PageName = (typeof PAGES)[number];
const PAGE_DESCRIPTION: Record<PageName, string> = {
  calculator: "a bank's page on another loopback origin with only <gw-pricing-calculator>",
  demo: "the edge's /demo (catalog + calculator, same origin)",
};
// Far above what these loads need, so the limiter still runs but never refuses a long run.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);
const DIST = join(ROOT, 'dist', 'widgets');
const BUILD_INPUTS = ['widgets', 'contracts', 'vite.config.ts', 'package-lock.json'];
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

interface Options {
  json: boolean;
  runs: number;
  page: PageName;
  latencyMs: number;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      json: { type: 'boolean', default: false },
      runs: { type: 'string', default: '20' },
      latency: { type: 'string', default: '0' },
      page: { type: 'string', default: 'calculator' },
    },
  });
  const page = values.page as PageName;
  if (!PAGES.includes(page)) {
    throw new Error(`--page expects ${PAGES.join(' or ')}, received ${values.page}`);
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 500) {
    throw new Error(`--runs expects an integer from 1 to 500, received ${values.runs}`);
  }
  const latencyMs = Number(values.latency);
  if (!Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > 1000) {
    throw new Error(`--latency expects an integer from 0 to 1000 ms, received ${values.latency}`);
  }
  return { json: values.json, runs, page, latencyMs };
}

// ---- the build ------------------------------------------------------------------------------

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path, { withFileTypes: true });
  const times = await Promise.all(entries.map((e) => newestMtime(join(path, e.name))));
  return Math.max(info.mtimeMs, ...times);
}

async function oldestOutput(): Promise<number | undefined> {
  const { WIDGET_ENTRIES } = await import('../vite.config.js');
  const files = Object.keys(WIDGET_ENTRIES).map((name) => join(DIST, `${name}.js`));
  if (!files.every((f) => existsSync(f))) return undefined;
  const times = await Promise.all(files.map(async (f) => (await stat(f)).mtimeMs));
  return Math.min(...times);
}

/** `vite build` into dist/widgets (what `npm start` serves), when it is missing or stale. */
async function ensureBuilt(log: (...args: unknown[]) => void): Promise<void> {
  const built = await oldestOutput();
  const inputs = BUILD_INPUTS.map((p) => join(ROOT, p)).filter((p) => existsSync(p));
  const sources = Math.max(...(await Promise.all(inputs.map(newestMtime))));
  if (built !== undefined && built >= sources) return;
  log(
    built === undefined ? 'dist/widgets is missing: building…' : 'dist/widgets is stale: building…',
  );
  const child = spawn(
    process.execPath,
    [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'],
    {
      cwd: ROOT,
      stdio: ['ignore', 2, 2],
    },
  );
  const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
  const code = await new Promise<number | string | null>((done, fail) => {
    child.once('error', fail);
    child.once('exit', (c, signal) => done(c ?? signal));
  }).finally(() => clearTimeout(timer));
  if (code !== 0) throw new Error(`vite build exited with ${code}`);
}

// ---- the edge (child process) ---------------------------------------------------------------

async function serveEdge(dir: string): Promise<void> {
  const { startNodeEdge } = await import('../edge/adapters/node.js');
  const { loadSettings } = await import('../edge/adapters/node-config.js');
  const { attachDemo } = await import('../edge/adapters/seed.js');
  const settings = loadSettings({ GW_DB: join(dir, 'gridworks.db'), PORT: '0', HOST: '127.0.0.1' });
  const toStderr =
    (level: string) =>
    (event: string, fields: Record<string, unknown> = {}) =>
      process.stderr.write(`${JSON.stringify({ level, event, ...fields })}\n`);
  const edge = await startNodeEdge(settings, {
    info: () => {},
    warn: toStderr('warn'),
    error: toStderr('error'),
  });
  // Both are read per request, so setting them before the seed's first request is enough.
  edge.deps.config.rateLimits = UNTHROTTLED;
  // With PORT=0 the settings' public URL keeps port 0 (and the theme URLs in /v1/config with
  // it); the hostname, which the app fixed at start, is the same.
  edge.deps.config.publicUrl = edge.url;
  // What `npm start` does in development (edge/adapters/node.ts main).
  const seeded = await attachDemo(edge, { ...settings, publicUrl: edge.url });
  const { secretKey, publishableKey } = JSON.parse(
    await readFile(seeded.credentialsFile, 'utf8'),
  ) as { secretKey: string; publishableKey: string };
  const site = await startBankSite(edge.url, publishableKey);
  const origins = await fetch(`${edge.url}/v1/origins`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ origins: [new URL(edge.url).origin, site.origin] }),
  });
  if (!origins.ok) throw new Error(`PUT /v1/origins answered ${origins.status}`);
  process.once('disconnect', () => {
    site.server.close();
    edge.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  process.send?.({
    type: 'ready',
    urls: { calculator: `${site.origin}/pricing`, demo: `${edge.url}/demo` },
  } satisfies EdgeReady);
}

/** The bank's page: only the calculator and the one-line embed, under a CSP like /demo's. */
async function startBankSite(edgeUrl: string, publishableKey: string) {
  const edgeOrigin = new URL(edgeUrl).origin;
  const key = publishableKey.replace(/[^A-Za-z0-9_]/g, '');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo Bank — pricing</title>
<script type="module" src="${edgeOrigin}/embed.js" data-publishable-key="${key}" data-locale="en-IN"></script>
</head>
<body>
<main><h1>Price your plan</h1>
<gw-pricing-calculator></gw-pricing-calculator></main>
</body>
</html>`;
  const csp = `default-src 'self'; script-src ${edgeOrigin}; style-src 'self'; img-src 'self' https: data:; font-src 'self' https:; connect-src ${edgeOrigin}; frame-ancestors 'none'`;
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/pricing') {
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': csp,
        'Cache-Control': 'no-store',
      });
      res.end(html);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, origin: `http://127.0.0.1:${port}` };
}

interface EdgeReady {
  type: 'ready';
  urls: Record<PageName, string>;
}

interface EdgeChild {
  urls: Record<PageName, string>;
  stop: () => Promise<void>;
}

async function startEdge(dir: string): Promise<EdgeChild> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', SELF, '--serve', dir],
    // The child's stdout goes to our stderr: with --json, stdout is the one JSON object.
    { cwd: ROOT, stdio: ['ignore', 2, 2, 'ipc'] },
  );
  let stopping = false;
  let onEarlyExit: ((reason: Error) => void) | undefined;
  const exited = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      done();
      if (stopping) return;
      const reason = new Error(`the edge exited with ${code ?? signal}`);
      if (onEarlyExit) onEarlyExit(reason);
      else {
        process.stderr.write(`bench-render: ${reason.message} during the run\n`);
        process.exitCode = 1;
      }
    }),
  );
  const urls = await new Promise<Record<PageName, string>>((ready, reject) => {
    const timer = setTimeout(() => reject(new Error('the edge did not start within 60 s')), 60_000);
    onEarlyExit = (reason) => {
      clearTimeout(timer);
      reject(reason);
    };
    child.once('error', reject);
    child.on('message', (message: Partial<EdgeReady>) => {
      if (message.type !== 'ready' || !message.urls) return;
      clearTimeout(timer);
      onEarlyExit = undefined;
      ready(message.urls);
    });
  }).catch(async (error: unknown) => {
    stopping = true;
    child.kill('SIGKILL');
    await exited;
    throw error;
  });
  const stop = async () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  return { urls, stop };
}

// ---- the page-side probe --------------------------------------------------------------------

/**
 * Installed before any page script (CDP's script-on-new-document, not subject to the page's CSP).
 * Plain JavaScript in a string, so the TypeScript runner's helpers never leak into the page.
 */
const PROBE = `(() => {
  const records = new Map();
  let resolveFirst;
  let resolveAll;
  const first = new Promise((r) => { resolveFirst = r; });
  const all = new Promise((r) => { resolveAll = r; });
  let expected;
  const afterNextFrame = (then) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { channel.port1.close(); then(performance.now()); };
    channel.port2.postMessage(0);
  });
  const isTheme = (el, sheet) => {
    const own = (el.constructor.elementStyles || []).map((s) => s.styleSheet || s);
    return sheet instanceof CSSStyleSheet && !own.includes(sheet) && sheet.cssRules.length > 0;
  };
  const isLoading = (root) =>
    root.querySelector('[part~="skeleton"], [aria-busy="true"]') !== null;
  const settle = () => {
    if (!expected) return;
    const complete = expected.every((tag) => {
      const r = records.get(tag);
      return r && r.themedMs !== undefined && r.contentMs !== undefined;
    });
    if (complete) resolveAll();
  };
  const watchContent = (el, record) => {
    const root = el.shadowRoot;
    const check = () => {
      if (record.contentMs !== undefined || record.contentPending || isLoading(root)) return;
      record.contentPending = true;
      observer.disconnect();
      afterNextFrame((ms) => { record.contentMs = ms; settle(); });
    };
    const observer = new MutationObserver(check);
    observer.observe(root, { childList: true, subtree: true, attributes: true });
    check();
  };
  addEventListener('gw-theme-applied', (event) => {
    const el = event.target;
    if (!(el instanceof HTMLElement) || !el.localName.startsWith('gw-')) return;
    const root = el.shadowRoot;
    if (!root || !el.hasUpdated || root.childElementCount === 0) return;
    if (!isTheme(el, root.adoptedStyleSheets[0])) return;
    const tag = el.localName;
    if (records.has(tag)) return;
    const record = { tag, appliedMs: performance.now(), skeleton: isLoading(root) };
    records.set(tag, record);
    afterNextFrame((ms) => {
      record.themedMs = ms;
      resolveFirst(record);
      settle();
    });
    watchContent(el, record);
  }, true);
  const definedAt = new Map();
  document.addEventListener('DOMContentLoaded', () => {
    expected = [...new Set([...document.querySelectorAll('*')]
      .map((e) => e.localName).filter((n) => n.startsWith('gw-')))];
    for (const tag of expected) {
      customElements.whenDefined(tag).then(() => definedAt.set(tag, performance.now()));
    }
    settle();
  }, { once: true });
  const plain = (r) => ({ tag: r.tag, definedMs: definedAt.get(r.tag), appliedMs: r.appliedMs,
    themedMs: r.themedMs, contentMs: r.contentMs, skeleton: r.skeleton });
  const resources = () => {
    const nav = performance.getEntriesByType('navigation')[0];
    const doc = nav ? [
      { name: new URL(nav.name).pathname + ' (document)', startMs: nav.startTime, endMs: nav.responseEnd },
      { name: 'DOMContentLoaded', startMs: nav.domContentLoadedEventStart, endMs: nav.domContentLoadedEventEnd },
    ] : [];
    return doc.concat(performance.getEntriesByType('resource').map((e) => ({
      name: new URL(e.name).pathname, startMs: e.startTime, endMs: e.responseEnd,
    })));
  };
  window.__gwBench = {
    first: () => first.then(plain),
    all: () => all.then(() => ({ widgets: [...records.values()].map(plain), resources: resources() })),
    partial: () => ({ expected: expected || [], widgets: [...records.values()].map(plain), resources: resources() }),
  };
})();`;

interface WidgetRecord {
  tag: string;
  definedMs?: number;
  appliedMs: number;
  themedMs?: number;
  contentMs?: number;
  skeleton: boolean;
}

interface Resource {
  name: string;
  startMs: number;
  endMs: number;
}

interface Sample {
  firstMs: number;
  firstTag: string;
  widgets: WidgetRecord[];
  resources: Resource[];
  missing: string[];
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

type Probe = {
  __gwBench: {
    first: () => Promise<WidgetRecord>;
    all: () => Promise<{ widgets: WidgetRecord[]; resources: Resource[] }>;
    partial: () => { expected: string[]; widgets: WidgetRecord[]; resources: Resource[] };
  };
};

async function loadOnce(browser: Browser, url: string, latencyMs: number): Promise<Sample> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page: Page = await context.newPage();
    if (latencyMs > 0) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: latencyMs,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
    }
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      const where = message.location().url;
      if (where && URL.canParse(where) && new URL(where).pathname === '/favicon.ico') return;
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (response.status() >= 400 && path !== '/favicon.ico')
        problems.push(`${response.request().method()} ${path} answered ${response.status()}`);
    });
    page.on('requestfailed', (request) => {
      const path = new URL(request.url()).pathname;
      if (path !== '/favicon.ico')
        problems.push(`${request.method()} ${path} failed: ${request.failure()?.errorText}`);
    });
    await page.addInitScript(PROBE);
    const response = await page.goto(url, { waitUntil: 'commit', timeout: FIRST_PAINT_TIMEOUT_MS });
    if (response?.status() !== 200) throw new Error(`GET ${url} answered ${response?.status()}`);
    const fail = () => {
      if (problems.length > 0) throw new Error(problems.join('; '));
    };
    const first = await withTimeout(
      page.evaluate(() => (window as unknown as Probe).__gwBench.first()),
      FIRST_PAINT_TIMEOUT_MS,
      'no widget was painted with its theme',
    ).catch((error: unknown) => {
      fail();
      throw error;
    });
    let widgets: WidgetRecord[];
    let resources: Resource[];
    let missing: string[] = [];
    try {
      ({ widgets, resources } = await withTimeout(
        page.evaluate(() => (window as unknown as Probe).__gwBench.all()),
        ALL_WIDGETS_TIMEOUT_MS,
        'not every widget was painted with its theme and data',
      ));
    } catch {
      const partial = await page.evaluate(() => (window as unknown as Probe).__gwBench.partial());
      ({ widgets, resources } = partial);
      missing = partial.expected.filter(
        (tag) => widgets.find((w) => w.tag === tag)?.contentMs === undefined,
      );
    }
    fail();
    return { firstMs: first.themedMs as number, firstTag: first.tag, widgets, resources, missing };
  } finally {
    await context.close();
  }
}

// ---- figures --------------------------------------------------------------------------------

const round = (value: number) => Number(value.toFixed(1));

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] as number;
}

// ---- main -----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (...args: unknown[]) => {
    if (!options.json) process.stderr.write(`${format(...args)}\n`);
  };
  if (options.json) {
    const toStderr = (...args: unknown[]) => process.stderr.write(`${format(...args)}\n`);
    console.log = toStderr;
    console.info = toStderr;
  }
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath} (set CHROMIUM_PATH)`);
  }

  await ensureBuilt(log);
  const dir = await mkdtemp(join(tmpdir(), 'gw-bench-render-'));
  let edge: EdgeChild | undefined;
  let browser: Browser | undefined;
  try {
    log('starting the edge…');
    const loadBefore = loadavg();
    edge = await startEdge(dir);
    const url = edge.urls[options.page];
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    log(`${WARMUP_RUNS} warm-up loads, then ${options.runs} measured loads of ${url}…`);
    for (let i = 0; i < WARMUP_RUNS; i++) {
      await loadOnce(browser, url, options.latencyMs).catch((error: unknown) => {
        if (options.page !== 'demo') throw error;
        throw new Error(
          `${(error as Error).message} (on /demo the widgets' same-origin GETs carry no Origin header, which the edge requires with a publishable key)`,
        );
      });
    }
    const samples: Sample[] = [];
    for (let i = 0; i < options.runs; i++) {
      samples.push(await loadOnce(browser, url, options.latencyMs));
    }
    const version = browser.version();
    const load = [loadBefore, loadavg()].map((l) => l.map((v) => v.toFixed(2)).join(' '));

    const firsts = samples.map((s) => s.firstMs);
    const medianMs = round(median(firsts));
    const p90Ms = round(percentile(firsts, 90));
    const meetsGoal = medianMs <= GOAL_MS;
    const missing = [...new Set(samples.flatMap((s) => s.missing))];
    if (missing.length > 0) {
      process.stderr.write(
        `bench-render: warning: never painted with theme and data in some loads: ${missing.join(', ')}\n`,
      );
    }

    if (options.json) {
      process.stdout.write(
        `${JSON.stringify({ runs: options.runs, latencyMs: options.latencyMs, medianMs, p90Ms, goalMs: GOAL_MS, meetsGoal })}\n`,
      );
      return;
    }

    const tags = [...new Set(samples.flatMap((s) => s.widgets.map((w) => w.tag)))].sort();
    const stat = (values: number[]) =>
      values.length === 0
        ? ['–', '–', '–']
        : [median(values), percentile(values, 90), Math.min(...values)].map((v) => v.toFixed(1));
    const row = (cells: string[], widths: number[]) =>
      cells
        .map((c, i) => (i === 0 ? c.padEnd(widths[0] ?? 40) : c.padStart(widths[i] ?? 9)))
        .join('');
    const W = [52, 9, 9, 9, 7];
    const MILESTONES = [
      ['definedMs', 'defined (its modules ran)'],
      ['appliedMs', 'theme adopted (event)'],
      ['themedMs', 'painted with its theme'],
      ['contentMs', 'themed, with data'],
    ] as const;
    const firstCounts = tags
      .map((t) => `${t} ${samples.filter((s) => s.firstTag === t).length}×`)
      .filter((t) => !t.endsWith(' 0×'));
    const lines = [
      `GridWorks Embed first themed paint — ${PAGE_DESCRIPTION[options.page]}, Chromium ${version} headless, loopback${options.latencyMs ? ` + ${options.latencyMs} ms per request (emulated)` : ''}, fresh context per load, ${options.runs} loads after ${WARMUP_RUNS} warm-up`,
      `machine: ${cpus().length} CPUs, load average ${load[0]} before, ${load[1]} after (other work on the machine shows up in the figures)`,
      '',
      row(['ms from navigation start', 'median', 'p90', 'min', 'n'], W),
      row(['first widget painted with its theme', ...stat(firsts), String(firsts.length)], W),
      ...tags.flatMap((tag) =>
        MILESTONES.map(([key, label]) => {
          const values = samples.flatMap((s) => {
            const v = s.widgets.find((w) => w.tag === tag)?.[key];
            return v === undefined ? [] : [v];
          });
          return row([`${tag}: ${label}`, ...stat(values), String(values.length)], W);
        }),
      ),
      '',
      `first widget: ${firstCounts.join(', ')}; its first content was the loading skeleton in ${samples.filter((s) => s.widgets.find((w) => w.tag === s.firstTag)?.skeleton).length} of ${samples.length} loads`,
      '',
      'load path, median ms (resource timing: request start → response end):',
      ...waterfall(samples).map(
        (r) =>
          `  ${r.name.padEnd(44)}${r.startMs.toFixed(1).padStart(8)} →${r.endMs.toFixed(1).padStart(8)}`,
      ),
      '',
      `goal: median ≤ ${GOAL_MS} ms (${medianMs} ms; p90 ${p90Ms} ms) — ${meetsGoal ? 'met' : 'NOT met'}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await browser?.close().catch(() => {});
    await edge?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Median start and end of each resource over the loads that fetched it, in start order. */
function waterfall(samples: Sample[]): Resource[] {
  const names = [...new Set(samples.flatMap((s) => s.resources.map((r) => r.name)))];
  return names
    .map((name) => {
      const seen = samples.flatMap((s) => s.resources.filter((r) => r.name === name));
      return {
        name,
        startMs: median(seen.map((r) => r.startMs)),
        endMs: median(seen.map((r) => r.endMs)),
      };
    })
    .sort((a, b) => a.startMs - b.startMs);
}

const serveIndex = process.argv.indexOf('--serve');
if (serveIndex >= 0) {
  const dir = process.argv[serveIndex + 1];
  if (!dir) throw new Error('--serve needs a data folder');
  await serveEdge(dir);
} else {
  try {
    await main();
  } catch (error) {
    process.stderr.write(
      `bench-render failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
