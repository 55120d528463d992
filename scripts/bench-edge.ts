/**
 * Load benchmark of the edge (STYLE.md rule 20: a script that prints figures, never a test).
 *
 *   npm run bench:edge -- [--json] [--seconds N] [--only theme-css,mint-token] [--cpu-prof DIR]
 *                          [--access-log]
 *   npm run bench:worker -- [--json] …   # the same scenarios on local workerd, beside Node's
 *
 * `--runtime node|workerd|both` picks the edge: the Node server (default) or the built Worker in
 * local workerd (Miniflare, local D1 and Durable Objects; `bench:worker` runs both).
 *
 * Starts the real edge (`startNodeEdge`, SQLite in a temp folder, the seeded demo tenant) and
 * drives it with autocannon over loopback: 50 connections, no pipelining, N seconds (default 5)
 * per scenario after a 1 s warm-up. Two baselines answer the same status, content type and body
 * bytes the edge answered, driven the same way in the same run: a bare `node:http` server
 * (`ratio` is edge rps / its rps) and a bare Hono app on `@hono/node-server` (`honoRatio`), the
 * framework's own ceiling. A third, the same Hono app sending every response header the edge
 * sent too (CORS, CSP, caching, nosniff, a request id: `sameHeadersRatio`), shows how much of
 * the gap is the headers themselves rather than the work behind them.
 *
 * The edge and the baselines each run in a child process (this file with `--serve
 * edge|baseline|hono`), so the load generator never shares an event loop with the server it
 * measures. Where `taskset` exists and there are at least two CPUs, the load generator is pinned
 * to CPU 0 and every server to CPU 1, so they never compete for a core; the output says which
 * way it ran. The edge logs
 * nothing per request here unless `--access-log` is given: then it writes the JSON request line
 * of `npm start` (the same logger) to its stdout, redirected to a file, so the figures include
 * what one line per request costs. Warnings and errors go to stderr either way. `--cpu-prof DIR` writes a V8 CPU profile of the edge
 * process to DIR.
 *
 * With --json, stdout holds exactly one JSON object; everything else goes to stderr.
 * Exits non-zero on any failure, including any response other than the expected status.
 */
import { type ChildProcess, type Serializable, spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { UNTHROTTLED } from './node-edge-process.js';

const CONNECTIONS = 50;
const WARMUP_SECONDS = 1;
const GOAL_THEME_RATIO = 0.5;
const GOAL_HONO_RATIO = 0.8;
/** The reads the ratio goals are about (the 304 is reported beside them). */
const READS: readonly ScenarioName[] = ['theme-css', 'config'];
const GOAL_MINT_RPS = 5000;
const GOAL_P99_MS = 20;
// Far above what one process can serve, so the limiter still runs but never refuses.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);

/**
 * Pins the load generator (this process, every thread) to CPU 0 and returns the command prefix
 * that starts servers on CPU 1; or says why it could not.
 */
function pinCpus(): { serverPrefix: string[]; description: string } {
  const unpinned = (why: string) => ({ serverPrefix: [], description: `not pinned (${why})` });
  if (process.platform !== 'linux') return unpinned('taskset is Linux-only');
  if (availableParallelism() < 2) return unpinned('one CPU');
  const pinned = spawnSync('taskset', ['-a', '-cp', '0', String(process.pid)], { stdio: 'ignore' });
  if (pinned.error || pinned.status !== 0) return unpinned('taskset is not available');
  return {
    serverPrefix: ['taskset', '-c', '1'],
    description: 'load generator on CPU 0, servers on CPU 1 (taskset)',
  };
}

let serverPrefix: string[] = [];

const SCENARIOS = ['theme-css', 'theme-css-304', 'mint-token', 'config'] as const;
type ScenarioName = (typeof SCENARIOS)[number];

const RUNTIMES = ['node', 'workerd'] as const;
type Runtime = (typeof RUNTIMES)[number];

interface Options {
  json: boolean;
  seconds: number;
  only: ScenarioName[];
  cpuProf: string | undefined;
  accessLog: boolean;
  runtimes: Runtime[];
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      json: { type: 'boolean', default: false },
      seconds: { type: 'string', default: '5' },
      only: { type: 'string' },
      'cpu-prof': { type: 'string' },
      'access-log': { type: 'boolean', default: false },
      runtime: { type: 'string', default: 'node' },
    },
  });
  const runtimes = values.runtime === 'both' ? [...RUNTIMES] : [values.runtime];
  for (const name of runtimes) {
    if (!(RUNTIMES as readonly string[]).includes(name ?? '')) {
      throw new Error(`--runtime expects node, workerd or both, received ${values.runtime}`);
    }
  }
  const seconds = Number(values.seconds);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 60) {
    throw new Error(`--seconds expects an integer from 1 to 60, received ${values.seconds}`);
  }
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...SCENARIOS];
  for (const name of only) {
    if (!(SCENARIOS as readonly string[]).includes(name)) {
      throw new Error(`--only expects names from ${SCENARIOS.join(', ')}, received ${name}`);
    }
  }
  return {
    json: values.json,
    seconds,
    only: only as ScenarioName[],
    cpuProf: values['cpu-prof'] ? resolve(values['cpu-prof']) : undefined,
    accessLog: values['access-log'],
    runtimes: runtimes as Runtime[],
  };
}

// ---- the servers (child processes) ----------------------------------------------------------

interface EdgeReady {
  type: 'ready';
  url: string;
  secretKey: string;
  publishableKey: string;
}

interface CannedResponse {
  method: string;
  path: string;
  conditional: boolean;
  status: number;
  contentType: string | null;
  bodyBase64: string;
  /** Every header the edge sent but the connection's own (length, date, keep-alive). */
  headers: Record<string, string>;
}

const send = (message: Serializable) => process.send?.(message);

async function serveEdge(dbPath: string, accessLog: boolean): Promise<void> {
  const { startNodeEdge, jsonLogger } = await import('../edge/adapters/node.js');
  const { loadSettings } = await import('../edge/adapters/node-config.js');
  const { seedDemo } = await import('../edge/adapters/seed.js');
  const settings = loadSettings({ GW_DB: dbPath, PORT: '0', HOST: '127.0.0.1' });
  const toStderr =
    (level: string) =>
    (event: string, fields: Record<string, unknown> = {}) =>
      process.stderr.write(`${JSON.stringify({ level, event, ...fields })}\n`);
  const edge = await startNodeEdge(
    settings,
    // With --access-log, exactly what `npm start` logs (stdout is a file here).
    accessLog ? jsonLogger() : { info: () => {}, warn: toStderr('warn'), error: toStderr('error') },
  );
  // startNodeEdge takes no rate limits, but the middleware reads deps.config on every request,
  // so raising them here, before the first request (the seed's), is enough.
  edge.deps.config.rateLimits = UNTHROTTLED;
  const seeded = await seedDemo(edge, settings);
  const credentials = JSON.parse(readFileSync(seeded.credentialsFile, 'utf8')) as {
    secretKey: string;
    publishableKey: string;
  };
  // The parent disconnects the IPC channel when it is done (or dies): close, then exit.
  process.once('disconnect', () =>
    edge.close().then(
      () => process.exit(0),
      () => process.exit(1),
    ),
  );
  send({
    type: 'ready',
    url: edge.url,
    secretKey: credentials.secretKey,
    publishableKey: credentials.publishableKey,
  } satisfies EdgeReady);
}

/** The built Worker in local workerd, seeded like `npm run dev:worker`, unthrottled. */
async function serveWorker(stateDir: string): Promise<void> {
  const { startWorkerEdge } = await import('./worker-runtime.js');
  const { loadSettings } = await import('../edge/adapters/node-config.js');
  const { seedDemo } = await import('../edge/adapters/seed.js');
  const settings = loadSettings({ GW_DB: join(stateDir, 'gridworks.db'), PORT: '0' });
  const edge = await startWorkerEdge({
    stateDir,
    vars: {
      GW_PUBLIC_URL: 'http://127.0.0.1',
      GW_EXTRA_HOSTS: '127.0.0.1',
      GW_OPERATOR_KEY: settings.operatorKey,
      GW_PREVIEW_SECRET: settings.previewSecret,
      GW_MASTER_KEY: settings.masterKey,
      GW_RATE_LIMITS: JSON.stringify(UNTHROTTLED),
    },
    // The Worker's per-request log lines are not part of the figures.
    onLogLine: (line) => {
      if (!line.includes('"level":"info"')) process.stderr.write(`${line}\n`);
    },
  });
  const seeded = await seedDemo(edge, { ...settings, publicUrl: edge.url });
  const credentials = JSON.parse(readFileSync(seeded.credentialsFile, 'utf8')) as {
    secretKey: string;
    publishableKey: string;
  };
  process.once('disconnect', () =>
    edge.close().then(
      () => process.exit(0),
      () => process.exit(1),
    ),
  );
  send({
    type: 'ready',
    url: edge.url,
    secretKey: credentials.secretKey,
    publishableKey: credentials.publishableKey,
  } satisfies EdgeReady);
}

/** A bare node:http server: reads the request, answers the canned response for its route. */
function serveBaseline(): void {
  const routeKey = (method: string, path: string, conditional: boolean) =>
    `${method} ${path} ${conditional}`;
  process.once('message', (responses: CannedResponse[]) => {
    const routes = new Map(
      responses.map((r) => [
        routeKey(r.method, r.path, r.conditional),
        {
          status: r.status,
          headers: r.contentType ? { 'Content-Type': r.contentType } : {},
          body: Buffer.from(r.bodyBase64, 'base64'),
        },
      ]),
    );
    const server = createServer((req, res) => {
      const route = routes.get(
        routeKey(req.method ?? '', req.url ?? '', req.headers['if-none-match'] !== undefined),
      );
      req.resume();
      req.on('end', () => {
        if (!route) {
          res.writeHead(404).end();
        } else if (route.status === 304) {
          res.writeHead(304).end();
        } else {
          res.writeHead(route.status, { ...route.headers, 'Content-Length': route.body.length });
          res.end(route.body);
        }
      });
    });
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      process.once('disconnect', () => process.exit(0));
      send({ type: 'ready', url: `http://127.0.0.1:${port}` });
    });
  });
}

// Framing and encoding belong to the connection (fetch has already decoded the body).
const CONNECTION_HEADERS = [
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'date',
  'connection',
  'keep-alive',
];

/**
 * A bare Hono app on @hono/node-server: one route per canned response, nothing else. With
 * `sameHeaders`, it also sends every header the edge sent (with a fixed request id).
 */
async function serveHono(sameHeaders: boolean): Promise<void> {
  const { Hono } = await import('hono');
  const { serve } = await import('@hono/node-server');
  process.once('message', (responses: CannedResponse[]) => {
    const app = new Hono();
    const byPath = new Map<string, CannedResponse[]>();
    for (const r of responses)
      byPath.set(`${r.method} ${r.path}`, [...(byPath.get(`${r.method} ${r.path}`) ?? []), r]);
    for (const [key, variants] of byPath) {
      const [method, path] = key.split(' ') as [string, string];
      const answers = variants.map((r) => ({
        conditional: r.conditional,
        status: r.status,
        contentType: r.contentType,
        headers: sameHeaders ? r.headers : undefined,
        body: r.status === 304 ? null : new Uint8Array(Buffer.from(r.bodyBase64, 'base64')),
      }));
      app.on(method, path.split('?')[0] as string, async (c) => {
        // Read the body as a handler that validates one would.
        if (method !== 'GET') await c.req.text();
        const conditional = c.req.header('if-none-match') !== undefined;
        const answer = answers.find((a) => a.conditional === conditional);
        if (!answer) return c.body(null, 404);
        if (answer.headers) {
          const headers = { ...answer.headers, 'x-request-id': 'req_0123456789abcdef' };
          if (answer.body === null) return c.body(null, answer.status as 304, headers);
          return c.body(answer.body, answer.status as 200, headers);
        }
        if (answer.body === null) return c.body(null, answer.status as 304);
        return c.body(
          answer.body,
          answer.status as 200,
          answer.contentType ? { 'Content-Type': answer.contentType } : {},
        );
      });
    }
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      process.once('disconnect', () => {
        server.close();
        process.exit(0);
      });
      send({ type: 'ready', url: `http://127.0.0.1:${info.port}` });
    });
  });
}

interface Child<T> {
  process: ChildProcess;
  ready: T;
  stop: () => Promise<void>;
}

async function startChild<T>(
  args: string[],
  nodeFlags: string[] = [],
  setup?: Serializable,
  /** Where the child's stdout goes (a file descriptor); our stderr by default. */
  stdout = 2,
): Promise<Child<T>> {
  const command = [
    ...serverPrefix,
    process.execPath,
    ...nodeFlags,
    '--import',
    'tsx',
    SELF,
    ...args,
  ];
  const child = spawn(command[0] as string, command.slice(1), {
    cwd: ROOT,
    // The children's stdout goes to our stderr: with --json, stdout is the one JSON object.
    stdio: ['ignore', stdout, 2, 'ipc'],
  });
  let stopping = false;
  let exitedEarly: ((reason: Error) => void) | undefined;
  const exited = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      done();
      if (stopping) return;
      const reason = new Error(`${args.join(' ')} exited with ${code ?? signal}`);
      if (exitedEarly) exitedEarly(reason);
      else {
        process.stderr.write(`bench-edge: ${reason.message} during the run\n`);
        process.exitCode = 1;
      }
    }),
  );
  const ready = await new Promise<T>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start`)), 60_000);
    exitedEarly = (reason) => {
      clearTimeout(timer);
      reject(reason);
    };
    child.once('error', reject);
    child.on('message', (message: { type?: string }) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      exitedEarly = undefined;
      resolveReady(message as T);
    });
    if (setup !== undefined) child.send(setup);
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
  return { process: child, ready, stop };
}

// ---- scenarios ------------------------------------------------------------------------------

interface Scenario {
  name: ScenarioName;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  status: number;
  contentType: string | null;
}

async function request(baseUrl: string, scenario: Scenario) {
  const res = await fetch(`${baseUrl}${scenario.path}`, {
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
  });
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    etag: res.headers.get('etag'),
    headers: Object.fromEntries(
      [...res.headers].filter(([name]) => !CONNECTION_HEADERS.includes(name)),
    ),
    body: Buffer.from(await res.arrayBuffer()),
  };
}

async function buildScenarios(edge: EdgeReady): Promise<Scenario[]> {
  const origin = new URL(edge.url).origin;
  const minted = await fetch(`${edge.url}/v1/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${edge.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ scopes: ['config:read'], origin, ttlSeconds: 3600 }),
  });
  if (minted.status !== 201) {
    throw new Error(`minting the widget token answered ${minted.status}: ${await minted.text()}`);
  }
  const { token } = (await minted.json()) as { token: string };
  const publishable = { authorization: `Bearer ${edge.publishableKey}`, origin };
  const themeCss: Scenario = {
    name: 'theme-css',
    method: 'GET',
    path: '/v1/themes/current.css',
    headers: publishable,
    status: 200,
    contentType: 'text/css; charset=utf-8',
  };
  const first = await request(edge.url, themeCss);
  if (first.status !== 200 || !first.etag) {
    throw new Error(`GET /v1/themes/current.css answered ${first.status} without an ETag`);
  }
  return [
    themeCss,
    {
      ...themeCss,
      name: 'theme-css-304',
      headers: { ...publishable, 'if-none-match': first.etag },
      status: 304,
      contentType: null,
    },
    {
      name: 'mint-token',
      method: 'POST',
      path: '/v1/tokens',
      headers: { authorization: `Bearer ${edge.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ scopes: ['config:read'], origin }),
      status: 201,
      contentType: 'application/json',
    },
    {
      name: 'config',
      method: 'GET',
      path: '/v1/config',
      headers: { authorization: `Bearer ${token}`, origin },
      status: 200,
      contentType: 'application/json',
    },
  ];
}

/** One request per scenario before any load: the status and type we expect, and the bytes. */
async function capture(edgeUrl: string, scenarios: Scenario[]): Promise<CannedResponse[]> {
  const canned: CannedResponse[] = [];
  for (const scenario of scenarios) {
    const res = await request(edgeUrl, scenario);
    if (res.status !== scenario.status || res.contentType !== scenario.contentType) {
      throw new Error(
        `${scenario.name}: the edge answered ${res.status} ${res.contentType ?? '(no type)'}, expected ${scenario.status} ${scenario.contentType ?? '(no type)'}: ${res.body.toString('utf8', 0, 300)}`,
      );
    }
    if (scenario.status === 304 && res.body.length > 0) {
      throw new Error(`${scenario.name}: the 304 carried a body`);
    }
    canned.push({
      method: scenario.method,
      path: scenario.path,
      conditional: 'if-none-match' in scenario.headers,
      status: res.status,
      contentType: res.contentType,
      bodyBase64: res.body.toString('base64'),
      headers: res.headers,
    });
  }
  return canned;
}

async function checkBaseline(baseUrl: string, scenarios: Scenario[], canned: CannedResponse[]) {
  for (const [i, scenario] of scenarios.entries()) {
    const res = await request(baseUrl, scenario);
    const want = canned[i] as CannedResponse;
    if (
      res.status !== want.status ||
      res.contentType !== want.contentType ||
      res.body.toString('base64') !== want.bodyBase64
    ) {
      throw new Error(`${scenario.name}: the baseline does not answer what the edge answered`);
    }
  }
}

interface Measured {
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

async function load(baseUrl: string, scenario: Scenario, seconds: number): Promise<Measured> {
  const result = await autocannon({
    url: `${baseUrl}${scenario.path}`,
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
  });
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => Number(code) !== scenario.status)
    .map(([code, stat]) => `${stat.count ?? 0}× ${code}`);
  const wrong = result['1xx'] + result['4xx'] + result['5xx'];
  if (result.errors > 0 || result.timeouts > 0 || wrong > 0 || statuses.length > 0) {
    throw new Error(
      `${scenario.name} against ${baseUrl}: ${result.errors} errors, ${result.timeouts} timeouts, ${result['4xx']} 4xx, ${result['5xx']} 5xx; unexpected statuses: ${statuses.join(', ') || 'none'}`,
    );
  }
  if (result.requests.total === 0) throw new Error(`${scenario.name}: no request completed`);
  return { rps: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99 };
}

// ---- main -----------------------------------------------------------------------------------

const round = (value: number, digits: number) => Number(value.toFixed(digits));

function goal(actual: number | undefined, target: number, met: (a: number) => boolean) {
  return actual === undefined
    ? { target, actual: null, met: null }
    : { target, actual, met: met(actual) };
}

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

  const pinned = pinCpus();
  serverPrefix = pinned.serverPrefix;
  const pinning = pinned.description;
  log(`CPU pinning: ${pinning}`);
  const dir = await mkdtemp(join(tmpdir(), 'gw-bench-edge-'));
  const children: Child<unknown>[] = [];
  try {
    const results: Partial<Record<Runtime, Row[]>> = {};
    for (const runtime of options.runtimes) {
      log(`starting the edge (${runtime}) and the baseline…`);
      results[runtime] = await measureRuntime(runtime, options, dir, children, log);
    }
    const rows = results.node ?? results.workerd ?? [];
    const goals = goalsOf(rows);
    if (options.json) {
      const strip = (list: Row[]) => list.map(({ baselineP99Ms: _, ...row }) => row);
      const out: Record<string, unknown> = {
        scenarios: strip(rows),
        goals,
        pinning,
        accessLog: options.accessLog,
      };
      if (results.node && results.workerd) out.workerd = { scenarios: strip(results.workerd) };
      process.stdout.write(`${JSON.stringify(out)}\n`);
      return;
    }
    const verdict = (met: boolean | null) =>
      met === null ? 'not measured' : met ? 'met' : 'NOT met';
    const header = [
      'scenario',
      'rps',
      'p50 ms',
      'p99 ms',
      'node:http',
      'ratio',
      'hono',
      'hono ratio',
      'hono+hdrs',
      'hdrs ratio',
    ];
    const widths = [16, 9, 9, 9, 11, 8, 9, 12, 11, 12];
    const line = (cells: (string | number)[]) =>
      cells
        .map((c, i) => (i === 0 ? String(c).padEnd(16) : String(c).padStart(widths[i] ?? 8)))
        .join('');
    const table = (list: Row[]) =>
      list.map((r) =>
        line([
          r.name,
          r.rps,
          r.p50Ms.toFixed(2),
          r.p99Ms.toFixed(2),
          r.baselineRps,
          r.ratio.toFixed(3),
          r.honoRps,
          r.honoRatio.toFixed(3),
          r.sameHeadersRps,
          r.sameHeadersRatio.toFixed(3),
        ]),
      );
    const lines = [
      `GridWorks Embed edge load benchmark — Node ${process.version}, ${CONNECTIONS} connections, pipelining 1, ${options.seconds} s per run, edge in a child process${options.accessLog ? ' writing its JSON access log to a file' : ', no access log'}; ${pinning}; baselines with the same bytes: bare node:http (ratio), bare Hono on @hono/node-server (hono ratio), and that Hono app sending the edge's own headers (hdrs ratio)`,
    ];
    for (const runtime of options.runtimes) {
      lines.push(
        '',
        `${runtime === 'node' ? 'Node (@hono/node-server, SQLite)' : 'workerd (Miniflare, local D1, Durable Objects)'}:`,
        line(header),
        ...table(results[runtime] ?? []),
      );
    }
    lines.push(
      '',
      `goal: theme-css and config ≥ ${GOAL_THEME_RATIO} of bare node:http (worst ${goals.readsRatio.actual ?? '–'}) — ${verdict(goals.readsRatio.met)}`,
      `goal: theme-css and config ≥ ${GOAL_HONO_RATIO} of bare Hono (worst ${goals.readsHonoRatio.actual ?? '–'}) — ${verdict(goals.readsHonoRatio.met)}`,
      `goal: mint-token ≥ ${GOAL_MINT_RPS}/s (${goals.mintTokenRps.actual ?? '–'}/s) — ${verdict(goals.mintTokenRps.met)}`,
      `goal: p99 < ${GOAL_P99_MS} ms on every scenario (worst ${goals.p99Ms.actual ?? '–'} ms) — ${verdict(goals.p99Ms.met)}`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    for (const child of children.reverse()) await child.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

interface Row {
  name: ScenarioName;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  baselineRps: number;
  ratio: number;
  honoRps: number;
  honoRatio: number;
  sameHeadersRps: number;
  sameHeadersRatio: number;
  baselineP99Ms: number;
}

/** Every scenario on one runtime's edge, each beside the bare baseline answering its bytes. */
async function measureRuntime(
  runtime: Runtime,
  options: Options,
  dir: string,
  children: Child<unknown>[],
  log: (...args: unknown[]) => void,
): Promise<Row[]> {
  if (runtime === 'workerd') {
    // The bundle `wrangler deploy` would upload, rebuilt when stale.
    const { buildWorker } = await import('./worker-runtime.js');
    const size = buildWorker();
    if (size) log(`Worker bundle: ${size.totalKiB} KiB, ${size.gzipKiB} KiB gzip`);
  }
  const profFlags =
    options.cpuProf && runtime === 'node' ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProf] : [];
  const accessLog = options.accessLog && runtime === 'node';
  const logFd = accessLog ? openSync(join(dir, 'access.log'), 'a') : 2;
  const edge = await startChild<EdgeReady>(
    runtime === 'node'
      ? [
          '--serve',
          'edge',
          '--db',
          join(dir, 'gridworks.db'),
          ...(accessLog ? ['--access-log'] : []),
        ]
      : ['--serve', 'worker', '--db', join(dir, 'worker')],
    profFlags,
    undefined,
    logFd,
  );
  if (accessLog) closeSync(logFd);
  children.push(edge);
  const scenarios = (await buildScenarios(edge.ready)).filter((s) => options.only.includes(s.name));
  const canned = await capture(edge.ready.url, scenarios);
  const baseline = await startChild<{ url: string }>(['--serve', 'baseline'], [], canned);
  children.push(baseline);
  await checkBaseline(baseline.ready.url, scenarios, canned);
  const hono = await startChild<{ url: string }>(['--serve', 'hono'], [], canned);
  children.push(hono);
  await checkBaseline(hono.ready.url, scenarios, canned);
  const honoHeaders = await startChild<{ url: string }>(
    ['--serve', 'hono', '--same-headers'],
    [],
    canned,
  );
  children.push(honoHeaders);
  await checkBaseline(honoHeaders.ready.url, scenarios, canned);
  const rows: Row[] = [];
  for (const scenario of scenarios) {
    log(`${runtime} ${scenario.name}: ${options.seconds} s on the edge, then on each baseline…`);
    const measure = async (url: string) => {
      await load(url, scenario, WARMUP_SECONDS);
      return load(url, scenario, options.seconds);
    };
    const measured = await measure(edge.ready.url);
    const base = await measure(baseline.ready.url);
    const bareHono = await measure(hono.ready.url);
    const sameHeaders = await measure(honoHeaders.ready.url);
    rows.push({
      name: scenario.name,
      rps: Math.round(measured.rps),
      p50Ms: round(measured.p50Ms, 2),
      p99Ms: round(measured.p99Ms, 2),
      baselineRps: Math.round(base.rps),
      ratio: round(measured.rps / base.rps, 3),
      honoRps: Math.round(bareHono.rps),
      honoRatio: round(measured.rps / bareHono.rps, 3),
      sameHeadersRps: Math.round(sameHeaders.rps),
      sameHeadersRatio: round(measured.rps / sameHeaders.rps, 3),
      baselineP99Ms: round(base.p99Ms, 2),
    });
  }
  await edge.stop();
  if (accessLog) {
    const bytes = statSync(join(dir, 'access.log')).size;
    if (bytes === 0) throw new Error('--access-log: the edge wrote no request line');
    log(`access log: ${bytes} bytes of JSON request lines written during the run`);
  }
  await baseline.stop();
  await hono.stop();
  await honoHeaders.stop();
  return rows;
}

function goalsOf(rows: Row[]) {
  const themeRatios = rows.filter((r) => r.name.startsWith('theme-css')).map((r) => r.ratio);
  const reads = rows.filter((r) => READS.includes(r.name));
  const worst = (values: number[]) => (values.length > 0 ? Math.min(...values) : undefined);
  return {
    readsRatio: goal(
      worst(reads.map((r) => r.ratio)),
      GOAL_THEME_RATIO,
      (a) => a >= GOAL_THEME_RATIO,
    ),
    readsHonoRatio: goal(
      worst(reads.map((r) => r.honoRatio)),
      GOAL_HONO_RATIO,
      (a) => a >= GOAL_HONO_RATIO,
    ),
    themeCssRatio: goal(
      themeRatios.length > 0 ? Math.min(...themeRatios) : undefined,
      GOAL_THEME_RATIO,
      (a) => a >= GOAL_THEME_RATIO,
    ),
    mintTokenRps: goal(
      rows.find((r) => r.name === 'mint-token')?.rps,
      GOAL_MINT_RPS,
      (a) => a >= GOAL_MINT_RPS,
    ),
    p99Ms: goal(
      rows.length > 0 ? Math.max(...rows.map((r) => r.p99Ms)) : undefined,
      GOAL_P99_MS,
      (a) => a < GOAL_P99_MS,
    ),
  };
}

const serveIndex = process.argv.indexOf('--serve');
if (serveIndex >= 0) {
  const role = process.argv[serveIndex + 1];
  if (role === 'edge') {
    const dbIndex = process.argv.indexOf('--db');
    const dbPath = process.argv[dbIndex + 1];
    if (dbIndex < 0 || !dbPath) throw new Error('--serve edge needs --db <path>');
    await serveEdge(dbPath, process.argv.includes('--access-log'));
  } else if (role === 'worker') {
    const dbIndex = process.argv.indexOf('--db');
    const stateDir = process.argv[dbIndex + 1];
    if (dbIndex < 0 || !stateDir) throw new Error('--serve worker needs --db <state folder>');
    await serveWorker(stateDir);
  } else if (role === 'baseline') {
    serveBaseline();
  } else if (role === 'hono') {
    await serveHono(process.argv.includes('--same-headers'));
  } else {
    throw new Error(`--serve expects edge, worker, baseline or hono, received ${role}`);
  }
} else {
  try {
    await main();
  } catch (error) {
    process.stderr.write(
      `bench-edge failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
