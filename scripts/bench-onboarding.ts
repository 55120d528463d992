/**
 * Onboarding submissions benchmark (STYLE.md rule 20: a script that prints figures, never a
 * test).
 *
 *   npm run bench:onboarding -- [--json] [--seconds N] [--count N] [--paced-rate R]
 *                               [--paced-seconds N] [--cpu-prof DIR]
 *
 * The real Node server (`edge/adapters/node.ts`, as `npm start` runs it, its JSON request log
 * going to a file) in a child process with its SQLite file in a temp folder; 50 clients on
 * loopback, each a bank page POSTing `/v1/applications` with a widget token (a new customer
 * and token every 100 submissions: the route allows 120 a minute per token), a distinct valid
 * body and a new Idempotency-Key each time. Rate limits are raised so they never refuse.
 *
 * 1. warm-up: 500 submissions, back to back, not measured;
 * 2. closed loop: each client sends its next submission when the last is answered, for
 *    `--seconds` (default 10) or `--count` submissions (default 4,000), whichever ends first —
 *    the server's capacity (`submissionsPerSec`) and the latency at 50 in flight (`p50Ms`,
 *    `p99Ms`); by Little's law their mean is 50 / throughput, so p99 < 50 ms at 50 in flight
 *    needs over 1,000/s;
 * 3. paced: `--paced-rate` (default 300) submissions a second spread over the 50 clients, for
 *    `--paced-seconds` (default 10): latency at the goal's load (`paced`), measured from each
 *    submission's scheduled time, so a server that falls behind is charged for the queue.
 *
 * Baseline, in the same run: the rows the store writes for one submission (edge/store/sql/
 * applications.ts: the idempotency key, the application, its outbox event, its audit row),
 * copied from the server's own database and inserted straight into better-sqlite3 — same
 * schema (the edge's migrations), same pragmas as the adapter, one transaction per
 * submission — and once more with `synchronous = FULL`, what syncing every commit would cost.
 *
 * Where `taskset` exists and there are two CPUs, the load generator runs on CPU 0 and the
 * server and the baseline on CPU 1; the output says which way it ran. `--cpu-prof DIR` writes a
 * V8 CPU profile of the server to DIR and prints its top costs.
 *
 * With --json, stdout holds exactly one JSON object; everything else goes to stderr.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { mainThreadProfile, pinCpus, topCosts } from './bench-cpu.js';
import {
  call,
  createTenant,
  expectJson,
  freePort,
  mintOnboardingToken,
  ROOT,
  startEdgeProcess,
  submissionFor,
  submitApplication,
  type Tenant,
  UNTHROTTLED,
} from './node-edge-process.js';

const CLIENTS = 50;
const WARMUP_COUNT = 500;
/** Per widget token (the route allows 120 writes a minute per token). */
const PER_TOKEN = 100;
const GOAL_PER_SEC = 300;
const GOAL_P99_MS = 50;
const SELF = fileURLToPath(import.meta.url);
const SYNCHRONOUS_NAMES = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const;

interface Options {
  json: boolean;
  seconds: number;
  count: number;
  pacedRate: number;
  pacedSeconds: number;
  cpuProf: string | undefined;
}

/** A bad command line: said in one line, exit code 2. */
class UsageError extends Error {}

function parseOptions(argv: string[]): Options {
  let parsed: ReturnType<typeof parseArgsOf>;
  try {
    parsed = parseArgsOf(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  const whole = (name: string, text: string | undefined, min: number, max: number) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new UsageError(`--${name} expects an integer from ${min} to ${max}, received ${text}`);
    return value;
  };
  return {
    json: values.json,
    seconds: whole('seconds', values.seconds, 1, 60),
    count: whole('count', values.count, 100, 50_000),
    pacedRate: whole('paced-rate', values['paced-rate'], 10, 5000),
    pacedSeconds: whole('paced-seconds', values['paced-seconds'], 1, 60),
    cpuProf: values['cpu-prof'] ? resolve(values['cpu-prof']) : undefined,
  };
}

function parseArgsOf(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      json: { type: 'boolean', default: false },
      seconds: { type: 'string', default: '10' },
      count: { type: 'string', default: '4000' },
      'paced-rate': { type: 'string', default: String(GOAL_PER_SEC) },
      'paced-seconds': { type: 'string', default: '10' },
      'cpu-prof': { type: 'string' },
    },
  });
}

// ---- durability -----------------------------------------------------------------------------

/**
 * The pragmas edge/adapters/node.ts sets on its connection, read from its source so the
 * baseline and the statement below follow it if it changes.
 */
function adapterPragmas(): string[] {
  const source = readFileSync(join(ROOT, 'edge', 'adapters', 'node.ts'), 'utf8');
  return [...source.matchAll(/sqlite\.pragma\('([^']+)'\)/g)].map((m) => m[1] as string);
}

/** Opens `file` as the adapter does (optionally overriding `synchronous`). */
function openLikeTheAdapter(file: string, synchronous?: string): SQLite.Database {
  const db = new SQLite(file);
  for (const pragma of adapterPragmas()) db.pragma(pragma);
  if (synchronous) db.pragma(`synchronous = ${synchronous}`);
  return db;
}

interface Durability {
  synchronous: string;
  journalMode: string;
  why: string;
}

/** What a connection opened the adapter's way gets (pragma synchronous is per connection). */
function durabilityOf(dir: string): Durability {
  const db = openLikeTheAdapter(join(dir, 'probe.db'));
  // The WAL default applies once the database is in use in WAL mode.
  db.exec('CREATE TABLE IF NOT EXISTS probe (x)');
  const level = Number(db.pragma('synchronous', { simple: true }));
  const journalMode = String(db.pragma('journal_mode', { simple: true }));
  db.close();
  const setByAdapter = adapterPragmas().some((p) => /^synchronous\b/i.test(p));
  const synchronous = SYNCHRONOUS_NAMES[level] ?? String(level);
  const source = setByAdapter
    ? 'set by edge/adapters/node.ts'
    : 'not set by edge/adapters/node.ts: better-sqlite3 is built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so a WAL database gets NORMAL';
  const meaning =
    synchronous === 'NORMAL' && journalMode === 'wal'
      ? 'a commit is written to the WAL before it is acknowledged but the WAL is synced only at checkpoints: nothing acknowledged is lost when the process dies (test/crash), the last commits can be lost (never corrupted) on a power cut or an OS crash'
      : synchronous === 'FULL'
        ? 'the WAL is synced on every commit (once per group commit), so an acknowledged submission survives a power cut as well as a process crash — needed because the widget forgets its copy of an application once the edge answers 201'
        : 'see https://sqlite.org/pragma.html#pragma_synchronous';
  return { synchronous, journalMode, why: `${source}; ${meaning}` };
}

// ---- the baseline (a child on the server's CPU) ---------------------------------------------

interface BaselineResult {
  rowsPerSec: number;
  transactions: number;
  rowsPerTransaction: number;
  synchronous: string;
}

/**
 * Inserts the rows of one submission (copied from the server's database, new ids) in one
 * transaction each, `count` times or for `seconds`, whichever ends first.
 */
async function runBaseline(
  serverDb: string,
  file: string,
  tenantId: string,
  count: number,
  seconds: number,
  synchronous?: string,
): Promise<BaselineResult> {
  const { SqliteExecutor } = await import('../edge/adapters/sqlite-executor.js');
  const { migrate } = await import('../edge/store/migrate.js');
  const db = openLikeTheAdapter(file, synchronous);
  await migrate(new SqliteExecutor(db));
  db.prepare('ATTACH DATABASE ? AS server').run(serverDb);
  db.prepare('INSERT INTO main.tenants SELECT * FROM server.tenants WHERE id = ?').run(tenantId);
  type Row = Record<string, unknown>;
  const one = (sql: string, ...params: unknown[]) => {
    const row = db.prepare(sql).get(...params) as Row | undefined;
    if (!row) throw new Error(`the server's database has no row for: ${sql}`);
    return row;
  };
  const application = one(
    'SELECT * FROM server.applications WHERE tenant_id = ? ORDER BY created_at DESC LIMIT 1',
    tenantId,
  );
  const templates = {
    idempotency_keys: one(
      'SELECT * FROM server.idempotency_keys WHERE application_id = ?',
      application.id,
    ),
    applications: application,
    outbox: one(
      "SELECT * FROM server.outbox WHERE json_extract(payload, '$.applicationId') = ?",
      application.id,
    ),
    audit_log: (({ id: _, ...rest }) => rest)(
      one(
        "SELECT * FROM server.audit_log WHERE action = 'application.submitted' AND target = ?",
        application.id,
      ),
    ),
  };
  db.exec('DETACH DATABASE server');
  const inserts = Object.entries(templates).map(([table, row]) => {
    const columns = Object.keys(row);
    return {
      table,
      row,
      statement: db.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
      ),
    };
  });
  const submit = db.transaction((i: number) => {
    const id = `app_bench${String(i).padStart(15, '0')}`;
    for (const { table, row, statement } of inserts) {
      if (table === 'idempotency_keys')
        statement.run({ ...row, idem_key: `bench-${i}`, application_id: id });
      else if (table === 'applications') statement.run({ ...row, id });
      else if (table === 'outbox') statement.run({ ...row, id: `evt_bench${i}` });
      else statement.run({ ...row, target: id });
    }
  });
  const level = SYNCHRONOUS_NAMES[Number(db.pragma('synchronous', { simple: true }))] ?? '?';
  for (let i = 0; i < 200; i++) submit(-1 - i); // warm-up
  const started = performance.now();
  const until = started + seconds * 1000;
  let done = 0;
  while (done < count && performance.now() < until) submit(done++);
  const elapsed = (performance.now() - started) / 1000;
  db.close();
  return {
    rowsPerSec: Math.round(done / elapsed),
    transactions: done,
    rowsPerTransaction: inserts.length,
    synchronous: level,
  };
}

function baselineChild(prefix: string[], args: string[]): Promise<BaselineResult> {
  const command = [...prefix, process.execPath, '--import', 'tsx', SELF, '--baseline', ...args];
  return new Promise((resolveResult, reject) => {
    const child = spawn(command[0] as string, command.slice(1), {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 2],
    });
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolveResult(JSON.parse(out) as BaselineResult)
        : reject(new Error(`the baseline exited with ${code}: ${out}`)),
    );
  });
}

// ---- load -----------------------------------------------------------------------------------

interface Measured {
  submissions: number;
  seconds: number;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

function summarise(latencies: number[], seconds: number): Measured {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    submissions: sorted.length,
    seconds: round(seconds, 2),
    perSec: Math.round(sorted.length / seconds),
    p50Ms: round(quantile(sorted, 0.5), 2),
    p99Ms: round(quantile(sorted, 0.99), 2),
    maxMs: round(sorted.at(-1) ?? Number.NaN, 2),
  };
}

class Load {
  #next = 0;
  readonly #tokens: string[][];
  readonly #used: number[];
  readonly errors: string[] = [];

  readonly url: string;

  constructor(url: string, tokens: string[][]) {
    this.url = url;
    this.#tokens = tokens;
    this.#used = tokens.map(() => 0);
  }

  /** One submission from `client`: its latency, or undefined (recorded) when it was not a 201. */
  async submit(client: number): Promise<number | undefined> {
    const n = this.#next++;
    const used = this.#used[client] ?? 0;
    this.#used[client] = used + 1;
    const token = this.#tokens[client]?.[Math.floor(used / PER_TOKEN)];
    if (!token) throw new Error(`client ${client} ran out of tokens`);
    const answer = await submitApplication(this.url, token, `bench-${n}`, submissionFor(n));
    if (answer.status !== 201) {
      if (this.errors.length < 10)
        this.errors.push(`${answer.status} ${answer.text.slice(0, 300)}`);
      return undefined;
    }
    return answer.ms;
  }

  /** Every client back to back until `count` answers or `seconds` have passed. */
  async closed(count: number, seconds: number): Promise<Measured> {
    const latencies: number[] = [];
    const started = performance.now();
    const until = started + seconds * 1000;
    let sent = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        while (sent < count && performance.now() < until) {
          sent += 1;
          const ms = await this.submit(client);
          if (ms !== undefined) latencies.push(ms);
        }
      }),
    );
    return summarise(latencies, (performance.now() - started) / 1000);
  }

  /**
   * `rate` submissions a second in all, each client on its own schedule; latency counts from
   * the scheduled time, so time spent queued behind a slow answer is charged.
   */
  async paced(rate: number, seconds: number): Promise<Measured> {
    const latencies: number[] = [];
    const interval = (1000 * CLIENTS) / rate;
    const started = performance.now();
    const until = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let k = 0; ; k++) {
          const at = started + (client / CLIENTS) * interval + k * interval;
          if (at >= until) return;
          const wait = at - performance.now();
          if (wait > 0) await new Promise((done) => setTimeout(done, wait));
          const ms = await this.submit(client);
          if (ms !== undefined) latencies.push(performance.now() - at);
        }
      }),
    );
    return summarise(latencies, (performance.now() - started) / 1000);
  }
}

// ---- main -----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--baseline') {
    const [serverDb, file, tenantId, count, seconds, synchronous] = argv.slice(1);
    const result = await runBaseline(
      serverDb as string,
      file as string,
      tenantId as string,
      Number(count),
      Number(seconds),
      synchronous || undefined,
    );
    process.stdout.write(JSON.stringify(result));
    return;
  }
  const options = parseOptions(argv);
  const log = (...args: unknown[]) => {
    if (!options.json) process.stderr.write(`${format(...args)}\n`);
  };
  const pinning = pinCpus('server and baseline');
  log(`CPU pinning: ${pinning.description}`);
  const dir = await mkdtemp(join(tmpdir(), 'gw-bench-onboarding-'));
  const dbPath = join(dir, 'gridworks.db');
  try {
    const durability = durabilityOf(dir);
    const edge = await startEdgeProcess({
      dbPath,
      port: await freePort(),
      logDir: dir,
      prefix: pinning.prefix,
      nodeFlags: options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProf] : [],
      env: { GW_RATE_LIMITS: JSON.stringify(UNTHROTTLED) },
      readyTimeoutMs: 60_000,
    });
    const edgePid = edge.child.pid;
    let tenant: Tenant;
    let closed: Measured;
    let paced: Measured;
    let errors: string[];
    try {
      tenant = await createTenant(edge.url, 'bench-bank');
      const total =
        WARMUP_COUNT + options.count + options.pacedRate * options.pacedSeconds + CLIENTS;
      const perClient = Math.ceil(total / CLIENTS / PER_TOKEN) + 1;
      log(`minting ${CLIENTS * perClient} widget tokens…`);
      const tokens: string[][] = [];
      for (let c = 0; c < CLIENTS; c++) {
        tokens.push(
          await Promise.all(
            Array.from({ length: perClient }, (_, k) =>
              mintOnboardingToken(edge.url, tenant, `bench-customer-${c}-${k}`),
            ),
          ),
        );
      }
      const load = new Load(edge.url, tokens);
      log(`warm-up: ${WARMUP_COUNT} submissions…`);
      await load.closed(WARMUP_COUNT, 60);
      log(`closed loop: ${CLIENTS} clients, ${options.count} submissions or ${options.seconds} s…`);
      closed = await load.closed(options.count, options.seconds);
      log(`paced: ${options.pacedRate}/s for ${options.pacedSeconds} s…`);
      paced = await load.paced(options.pacedRate, options.pacedSeconds);
      errors = load.errors;
      // The rows really are there: the figures are for submissions the server kept.
      const listed = expectJson<{ items: unknown[] }>(
        await call(edge.url, 'GET', '/v1/applications?limit=1', { auth: tenant.secretKey }),
        200,
        'GET /v1/applications',
      );
      if (listed.items.length !== 1) throw new Error('the server lists no application');
    } finally {
      await edge.stop();
    }
    if (errors.length > 0) throw new Error(`submissions failed:\n${errors.join('\n')}`);
    const journalMode = (() => {
      const db = new SQLite(dbPath, { readonly: true });
      const mode = String(db.pragma('journal_mode', { simple: true }));
      db.close();
      return mode;
    })();
    log('baseline: raw better-sqlite3 inserts of the same rows…');
    const baselineArgs = (file: string, synchronous = '') => [
      dbPath,
      join(dir, file),
      tenant.id,
      String(options.count * 10),
      String(options.seconds),
      synchronous,
    ];
    const baseline = await baselineChild(pinning.prefix, baselineArgs('baseline.db'));
    const baselineFull = await baselineChild(
      pinning.prefix,
      baselineArgs('baseline-full.db', 'FULL'),
    );
    const profile = options.cpuProf ? mainThreadProfile(options.cpuProf, edgePid) : undefined;
    const costs = profile ? topCosts(profile) : undefined;
    const goals = {
      submissionsPerSec: {
        target: GOAL_PER_SEC,
        actual: closed.perSec,
        met: closed.perSec >= GOAL_PER_SEC,
      },
      p99MsAtGoalRate: {
        target: GOAL_P99_MS,
        actual: paced.p99Ms,
        met: paced.p99Ms < GOAL_P99_MS && paced.perSec >= options.pacedRate * 0.95,
      },
      p99MsClosedLoop: {
        target: GOAL_P99_MS,
        actual: closed.p99Ms,
        met: closed.p99Ms < GOAL_P99_MS,
      },
    };
    const result = {
      submissionsPerSec: closed.perSec,
      p50Ms: closed.p50Ms,
      p99Ms: closed.p99Ms,
      synchronous: durability.synchronous,
      baseline: { name: 'raw-sqlite-insert', rowsPerSec: baseline.rowsPerSec },
      journalMode,
      durability: durability.why,
      clients: CLIENTS,
      closedLoop: closed,
      paced: { offeredPerSec: options.pacedRate, ...paced },
      baselineDetail: {
        ...baseline,
        unit: 'submissions (one transaction of all their rows) per second',
      },
      baselineFull: { name: 'raw-sqlite-insert-synchronous-full', ...baselineFull },
      ratio: round(closed.perSec / baseline.rowsPerSec, 4),
      goals,
      pinning: pinning.description,
      ...(costs && profile ? { cpuProfile: { file: profile, ...costs } } : {}),
    };
    if (options.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return;
    }
    const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
    const lines = [
      `GridWorks Embed onboarding benchmark — Node ${process.version}, the real edge (edge/adapters/node.ts) in a child process, its SQLite file in a temp folder, ${CLIENTS} clients on loopback; ${pinning.description}`,
      `durability: journal_mode=${journalMode}, synchronous=${durability.synchronous} — ${durability.why}`,
      '',
      `closed loop (${CLIENTS} in flight): ${closed.perSec} submissions/s (${closed.submissions} in ${closed.seconds} s), p50 ${closed.p50Ms} ms, p99 ${closed.p99Ms} ms, max ${closed.maxMs} ms`,
      `paced at ${options.pacedRate}/s:        ${paced.perSec} submissions/s (${paced.submissions} in ${paced.seconds} s), p50 ${paced.p50Ms} ms, p99 ${paced.p99Ms} ms, max ${paced.maxMs} ms (from the scheduled time)`,
      `baseline raw-sqlite-insert:   ${baseline.rowsPerSec} submissions' rows/s (${baseline.rowsPerTransaction} rows — key, application, outbox event, audit — in one transaction each, synchronous=${baseline.synchronous}); the edge does ${result.ratio} of it`,
      `            with FULL:        ${baselineFull.rowsPerSec}/s (synchronous=FULL: the WAL synced on every commit)`,
      '',
      `goal: ≥ ${GOAL_PER_SEC} submissions/s (${closed.perSec}/s) — ${verdict(goals.submissionsPerSec.met)}`,
      `goal: p99 < ${GOAL_P99_MS} ms at ${options.pacedRate}/s offered (${paced.p99Ms} ms) — ${verdict(goals.p99MsAtGoalRate.met)}`,
      `      p99 < ${GOAL_P99_MS} ms with ${CLIENTS} back to back (${closed.p99Ms} ms) — ${verdict(goals.p99MsClosedLoop.met)} (Little's law: mean ≥ ${round((1000 * CLIENTS) / closed.perSec)} ms at ${closed.perSec}/s)`,
    ];
    if (costs && profile) {
      const table = (title: string, rows: { name: string; percent: number }[]) => {
        lines.push(title);
        for (const r of rows) lines.push(`  ${String(r.percent).padStart(5)} %  ${r.name}`);
      };
      lines.push('', `CPU profile of the server (its whole life, start-up included): ${profile}`);
      table('self time by place:', costs.places);
      table(
        'time by the nearest function of this repository (with the libraries it calls):',
        costs.ownFrames,
      );
      table('heaviest functions (self time):', costs.functions);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`bench-onboarding: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`bench-onboarding: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
