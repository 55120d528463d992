/**
 * Support chat benchmark (STYLE.md rule 20: a script that prints figures, never a test).
 *
 *   npm run bench:chat -- [--json] [--connections N] [--rate R] [--seconds N] [--warmup N]
 *                         [--grace N] [--agents N] [--max-seconds N] [--cpu-prof DIR]
 *
 * The real Node server (`edge/adapters/node.ts`, as `npm start` runs it) in a child process,
 * its SQLite file in a temp folder. `--connections` (default 1,000) customers, each with its
 * own widget token and conversation, hold a WebSocket open for the whole run (opened 50 at a
 * time). Then `--rate` (default 500) messages a second in all, for `--seconds` (default 10)
 * after a `--warmup` (default 2 s) that is not measured: every other message a customer's over
 * its socket, the rest agent replies through `POST /v1/agent/conversations/{id}/messages`
 * from `--agents` (default 8) agent clients, each one reply at a time over its keep-alive
 * connection (so a reply waits for a free client, and that wait is charged), spread over the
 * conversations. A message's delivery latency
 * runs from its scheduled send time (carried in its text) to its arrival at the customer's
 * socket: the echo of the customer's own message, or the agent's reply. `lost` counts messages
 * sent (acknowledged or not) that never arrived within `--grace` (default 5 s) after the run;
 * every conversation's sequence numbers must arrive as 1..n (`gaps`, `duplicates`).
 *
 * The load keeps the chat's own rules: a socket may send MESSAGES_PER_MINUTE (30) a minute, so
 * 1,000 customers at 250 customer messages a second each send one every 4 s; agent replies have
 * no per-connection limit. The edge's request limits (per key, per client address — one
 * loopback address for everyone — per credential, failed authentications) are raised through
 * GW_RATE_LIMITS so they never refuse.
 *
 * Baseline, in the same run: a bare `ws` server (`bare-ws-chat-server.ts`) in a child pinned
 * like the edge, the same sockets, pacing, message pattern and measurement.
 *
 * Latency on a shared machine moves with its other work; each server's CPU time per delivered
 * message (user + system from /proc, Linux only: `serverCpu`, `baselineCpu`) hardly does, and
 * says what the edge's work costs beside the bare server's (`cpuRatio`).
 *
 * Where `taskset` exists and there are two CPUs, the load generator runs on CPU 0 and the
 * servers on CPU 1. The whole run is capped at `--max-seconds` (default 150): past it, the
 * servers are killed and the script fails. `--cpu-prof DIR` writes a V8 CPU profile of the
 * edge to DIR and prints its top costs.
 *
 * With --json, stdout holds exactly one JSON object; everything else goes to stderr.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format, parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import {
  CHAT_SUBPROTOCOL,
  MESSAGES_PER_MINUTE,
  TOKEN_SUBPROTOCOL_PREFIX,
} from '../contracts/chat-rules.js';
import { mainThreadProfile, type Pinning, pinCpus, topCosts } from './bench-cpu.js';
import { ChatLoad, type ChatTarget, type PhaseResult, phaseLine } from './chat-load.js';
import {
  BANK_ORIGIN,
  call,
  createTenant,
  type EdgeProcess,
  expectJson,
  freePort,
  ROOT,
  startEdgeProcess,
  type Tenant,
  UNTHROTTLED,
} from './node-edge-process.js';

const GOAL_CONNECTIONS = 1000;
const GOAL_PER_SEC = 500;
const GOAL_P99_MS = 50;
/** Agent HTTP clients, each one reply at a time over its keep-alive connection. */
const AGENT_CLIENTS = 8;
/**
 * The whole run's cap: set-up, both servers' connects, warm-ups, runs and grace take about a
 * minute on an idle two-CPU machine; a shared one needs the margin.
 */
const DEFAULT_MAX_SECONDS = 150;
/** Customers set up (token, conversation) at once over HTTP. */
const SETUP_BATCH = 50;
/** File descriptors a process needs beside its sockets (stdio, the database, the loader…). */
const SPARE_FDS = 200;
const BASELINE_ENTRY = join(ROOT, 'scripts', 'bare-ws-chat-server.ts');

interface Options {
  json: boolean;
  connections: number;
  rate: number;
  seconds: number;
  warmup: number;
  grace: number;
  maxSeconds: number;
  agents: number;
  cpuProf: string | undefined;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** A bad command line or an unfit machine: said in one line, exit code 2. */
class UsageError extends Error {}

function parseOptions(argv: string[]): Options {
  let values: ReturnType<typeof parseArgsOf>['values'];
  try {
    values = parseArgsOf(argv).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const whole = (name: string, text: string | undefined, min: number, max: number) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new UsageError(`--${name} expects an integer from ${min} to ${max}, received ${text}`);
    return value;
  };
  const options: Options = {
    json: values.json,
    connections: whole('connections', values.connections, 2, 10_000),
    rate: whole('rate', values.rate, 2, 10_000),
    seconds: whole('seconds', values.seconds, 1, 60),
    warmup: whole('warmup', values.warmup, 0, 10),
    grace: whole('grace', values.grace, 1, 30),
    maxSeconds: whole('max-seconds', values['max-seconds'], 10, 600),
    agents: whole('agents', values.agents, 1, 64),
    cpuProf: values['cpu-prof'] ? resolve(values['cpu-prof']) : undefined,
  };
  checkCustomerBudget(options);
  return options;
}

function parseArgsOf(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      json: { type: 'boolean', default: false },
      connections: { type: 'string', default: String(GOAL_CONNECTIONS) },
      rate: { type: 'string', default: String(GOAL_PER_SEC) },
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      grace: { type: 'string', default: '5' },
      'max-seconds': { type: 'string', default: String(DEFAULT_MAX_SECONDS) },
      agents: { type: 'string', default: String(AGENT_CLIENTS) },
      'cpu-prof': { type: 'string' },
    },
  });
}

/**
 * The load must keep the chat's per-socket rule (a bucket of MESSAGES_PER_MINUTE, refilled
 * continuously): each customer's share either stays under the refill rate or fits in the
 * bucket it starts with. Otherwise the figures would be of refusals.
 */
function checkCustomerBudget(options: Options): void {
  const perSocketPerSec = options.rate / 2 / options.connections;
  const perSocket = perSocketPerSec * (options.warmup + options.seconds);
  if (perSocketPerSec <= MESSAGES_PER_MINUTE / 60 || perSocket <= MESSAGES_PER_MINUTE - 1) return;
  throw new UsageError(
    `--rate ${options.rate} over ${options.connections} sockets for ${options.warmup + options.seconds} s is ${perSocket.toFixed(1)} customer messages a socket (${(perSocketPerSec * 60).toFixed(0)} a minute): the chat allows ${MESSAGES_PER_MINUTE} a minute per socket; lower --rate or --seconds, or raise --connections`,
  );
}

/** The soft limit on open files of processes started from here (`ulimit -n`). */
function openFileLimit(): number {
  const answer = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' });
  const text = answer.stdout.trim();
  return text === 'unlimited' ? Number.POSITIVE_INFINITY : Number(text);
}

function checkOpenFileLimit(connections: number): void {
  const limit = openFileLimit();
  const needed = connections + SPARE_FDS;
  if (!Number.isFinite(limit) || limit >= needed) return;
  throw new UsageError(
    `the open-file limit (ulimit -n) is ${limit}, but ${connections} sockets need at least ${needed} in the load generator and in each server: run \`ulimit -n ${Math.max(needed, 4096)}\` in this shell first (up to \`ulimit -Hn\`), or lower --connections`,
  );
}

// ---- the servers ----------------------------------------------------------------------------

/** Clock ticks a second, the unit of /proc/<pid>/stat's CPU times. */
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/**
 * CPU seconds `pid` has used (user + system, all its threads), from /proc; undefined off Linux.
 * Unlike latency, the CPU a server spends per message hardly moves with other work on the
 * machine.
 */
function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) ", fields 3…; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

interface ServerCpu {
  /** The server's CPU time per delivered message of the measured run (ms). */
  msPerMessage: number;
  /** Its CPU time over the run's wall time (1 = one core busy throughout). */
  utilisation: number;
}

/** Children alive, so the time cap can kill them. */
const children = new Set<ChildProcess>();

interface Customer {
  token: string;
  conversationId: string;
}

/** Each customer's own widget token (`chat:write`) and conversation, 50 at a time. */
async function setUpCustomers(url: string, tenant: Tenant, count: number): Promise<Customer[]> {
  const customers: Customer[] = [];
  for (let first = 0; first < count; first += SETUP_BATCH) {
    const batch = Array.from({ length: Math.min(SETUP_BATCH, count - first) }, (_, k) =>
      (async (): Promise<Customer> => {
        const { token } = expectJson<{ token: string }>(
          await call(url, 'POST', '/v1/tokens', {
            auth: tenant.secretKey,
            body: {
              scopes: ['chat:write'],
              origin: BANK_ORIGIN,
              customer: `bench-customer-${first + k}`,
              ttlSeconds: 3600,
            },
          }),
          201,
          'POST /v1/tokens',
        );
        const started = expectJson<{ conversation: { id: string } }>(
          await call(url, 'POST', '/v1/chat/conversations', {
            auth: token,
            body: {},
            headers: { origin: BANK_ORIGIN },
          }),
          201,
          'POST /v1/chat/conversations',
        );
        return { token, conversationId: started.conversation.id };
      })(),
    );
    customers.push(...(await Promise.all(batch)));
  }
  return customers;
}

function edgeTarget(url: string, tenant: Tenant, customers: Customer[]): ChatTarget {
  const wsUrl = url.replace(/^http/, 'ws');
  const customer = (i: number) => customers[i] as Customer;
  return {
    openSocket: (i) =>
      new WebSocket(
        `${wsUrl}/v1/chat/conversations/${customer(i).conversationId}/socket`,
        [CHAT_SUBPROTOCOL, `${TOKEN_SUBPROTOCOL_PREFIX}${customer(i).token}`],
        { headers: { origin: BANK_ORIGIN }, perMessageDeflate: false },
      ),
    reply: (i, clientId, text) =>
      call(url, 'POST', `/v1/agent/conversations/${customer(i).conversationId}/messages`, {
        auth: tenant.secretKey,
        body: { clientId, text, agentName: 'Asha' },
      }),
  };
}

function bareTarget(url: string): ChatTarget {
  const wsUrl = url.replace(/^http/, 'ws');
  return {
    openSocket: (i) =>
      new WebSocket(`${wsUrl}/conversations/c${i}/socket`, [CHAT_SUBPROTOCOL], {
        headers: { origin: BANK_ORIGIN },
        perMessageDeflate: false,
      }),
    reply: (i, clientId, text) =>
      call(url, 'POST', `/conversations/c${i}/messages`, {
        body: { clientId, text, agentName: 'Asha' },
      }),
  };
}

/** The bare `ws` server in a child (pinned like the edge); resolves once it listens. */
function startBareServer(
  pinning: Pinning,
): Promise<{ url: string; pid: number | undefined; stop: () => Promise<void> }> {
  const command = [...pinning.prefix, process.execPath, '--import', 'tsx', BASELINE_ENTRY];
  const child = spawn(command[0] as string, command.slice(1), {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 2],
  });
  children.add(child);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  void exited.then(() => children.delete(child));
  return new Promise((resolveServer, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      if (!out.includes('\n')) return;
      const { port } = JSON.parse(out) as { port: number };
      resolveServer({
        url: `http://127.0.0.1:${port}`,
        pid: child.pid,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('error', reject);
    void exited.then(() => reject(new Error(`the bare ws server exited early: ${out}`)));
  });
}

/** Connects, warms up, measures and closes one server's customers. */
async function drive(
  name: string,
  target: ChatTarget,
  options: Options,
  serverPid: number | undefined,
  log: (...args: unknown[]) => void,
): Promise<{
  result: PhaseResult;
  connectSeconds: number;
  load: ChatLoad;
  cpu: ServerCpu | undefined;
}> {
  const load = new ChatLoad(target, { agents: options.agents, log });
  log(`${name}: opening ${options.connections} sockets, 50 at a time…`);
  const connectSeconds = await load.connect(options.connections);
  log(`${name}: ${options.connections} sockets ready in ${connectSeconds.toFixed(1)} s`);
  if (options.warmup > 0) {
    log(`${name}: warm-up, ${options.rate}/s for ${options.warmup} s…`);
    await load.run(options.rate, options.warmup, { measured: false, graceMs: 1000 });
  }
  log(`${name}: ${options.rate} messages/s for ${options.seconds} s…`);
  const cpuBefore = cpuSecondsOf(serverPid);
  const started = performance.now();
  const result = await load.run(options.rate, options.seconds, {
    measured: true,
    graceMs: options.grace * 1000,
  });
  const cpuAfter = cpuSecondsOf(serverPid);
  const cpu =
    cpuBefore !== undefined && cpuAfter !== undefined && result.all.count > 0
      ? {
          msPerMessage: round((1000 * (cpuAfter - cpuBefore)) / result.all.count, 3),
          utilisation: round((cpuAfter - cpuBefore) / ((performance.now() - started) / 1000)),
        }
      : undefined;
  return { result, connectSeconds: Number(connectSeconds.toFixed(2)), load, cpu };
}

// ---- main -----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  checkOpenFileLimit(options.connections);
  const began = performance.now();
  const log = (...args: unknown[]) =>
    process.stderr.write(
      `[${((performance.now() - began) / 1000).toFixed(1).padStart(5)} s] ${format(...args)}\n`,
    );
  const loadBefore = loadavg()[0] ?? 0;
  // Before pinning: a process pinned to one CPU sees one.
  const cpus = availableParallelism();
  // Bounded in time: a stuck server or a lost frame must not hang the run.
  const cap = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
    process.stderr.write(
      `bench-chat: the run exceeded --max-seconds ${options.maxSeconds}; the servers were killed\n`,
    );
    process.exit(1);
  }, options.maxSeconds * 1000);
  const pinning = pinCpus('the edge and the baseline');
  log(`CPU pinning: ${pinning.description}`);
  const dir = await mkdtemp(join(tmpdir(), 'gw-bench-chat-'));
  try {
    const edge: EdgeProcess = await startEdgeProcess({
      dbPath: join(dir, 'gridworks.db'),
      port: await freePort(),
      logDir: dir,
      prefix: pinning.prefix,
      nodeFlags: options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProf] : [],
      env: { GW_RATE_LIMITS: JSON.stringify(UNTHROTTLED) },
      readyTimeoutMs: 60_000,
    });
    children.add(edge.child);
    const edgePid = edge.child.pid;
    let measured: Awaited<ReturnType<typeof drive>>;
    let stored: { lastSeq: number; received: number };
    try {
      const tenant = await createTenant(edge.url, 'bench-chat-bank');
      log(`setting up ${options.connections} customers (a token and a conversation each)…`);
      const customers = await setUpCustomers(edge.url, tenant, options.connections);
      measured = await drive(
        'edge',
        edgeTarget(edge.url, tenant, customers),
        options,
        edge.child.pid,
        log,
      );
      // What the store holds for one conversation is what its socket received.
      const probe = expectJson<{ conversation: { lastSeq: number } }>(
        await call(
          edge.url,
          'GET',
          `/v1/agent/conversations/${customers[0]?.conversationId}?after=0`,
          { auth: tenant.secretKey },
        ),
        200,
        'GET /v1/agent/conversations/{id}',
      );
      stored = { lastSeq: probe.conversation.lastSeq, received: measured.load.receivedBy(0) };
      await measured.load.close();
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${edge.logTail()}`);
    } finally {
      await edge.stop();
      children.delete(edge.child);
    }
    const bare = await startBareServer(pinning);
    let baseline: Awaited<ReturnType<typeof drive>>;
    try {
      baseline = await drive('bare-ws', bareTarget(bare.url), options, bare.pid, log);
      await baseline.load.close();
    } finally {
      await bare.stop();
    }
    const profile = options.cpuProf ? mainThreadProfile(options.cpuProf, edgePid) : undefined;
    const costs = profile ? topCosts(profile) : undefined;
    clearTimeout(cap);
    const machine = {
      cpus,
      loadAverageBefore: round(loadBefore),
      loadAverageAfter: round(loadavg()[0] ?? 0),
    };
    report(options, pinning, measured, baseline, stored, (performance.now() - began) / 1000, {
      machine,
      profile,
      costs,
    });
  } finally {
    clearTimeout(cap);
    await rm(dir, { recursive: true, force: true });
  }
}

function report(
  options: Options,
  pinning: Pinning,
  edge: Awaited<ReturnType<typeof drive>>,
  baseline: Awaited<ReturnType<typeof drive>>,
  stored: { lastSeq: number; received: number },
  runSeconds: number,
  cpu: {
    machine: { cpus: number; loadAverageBefore: number; loadAverageAfter: number };
    profile: string | undefined;
    costs: ReturnType<typeof topCosts> | undefined;
  },
): void {
  const r = edge.result;
  const b = baseline.result;
  const goals = {
    connections: {
      target: GOAL_CONNECTIONS,
      actual: r.connections,
      met: r.connections >= GOAL_CONNECTIONS,
    },
    p99Ms: {
      target: GOAL_P99_MS,
      actual: r.all.p99Ms,
      // At the goal's rate, delivered in full.
      met:
        r.all.p99Ms < GOAL_P99_MS &&
        options.rate >= GOAL_PER_SEC &&
        r.messagesPerSec >= options.rate * 0.95,
    },
    noLoss: {
      target: 0,
      actual: r.lost + r.gaps + r.duplicates,
      met: r.lost + r.gaps + r.duplicates === 0,
    },
    boundedSeconds: { target: options.maxSeconds, actual: round(runSeconds, 1), met: true },
  };
  const result = {
    connections: r.connections,
    messagesPerSec: r.messagesPerSec,
    p50Ms: r.all.p50Ms,
    p99Ms: r.all.p99Ms,
    lost: r.lost,
    unsent: r.unsent,
    lostInFlight: r.lostInFlight,
    baseline: {
      name: 'bare-ws',
      p50Ms: b.all.p50Ms,
      p99Ms: b.all.p99Ms,
      messagesPerSec: b.messagesPerSec,
      connections: b.connections,
      lost: b.lost,
      unsent: b.unsent,
    },
    /** The edge's p99 in multiples of the bare server's (p50Ratio likewise). */
    ratio: round(r.all.p99Ms / b.all.p99Ms),
    p50Ratio: round(r.all.p50Ms / b.all.p50Ms),
    rate: options.rate,
    seconds: options.seconds,
    warmupSeconds: options.warmup,
    pinning: pinning.description,
    gaps: r.gaps,
    duplicates: r.duplicates,
    maxMs: r.all.maxMs,
    sent: r.sent,
    delivered: r.delivered,
    misdelivered: r.misdelivered,
    customerEcho: r.customer,
    agentReply: r.agent,
    agentRequest: r.agentRequest,
    agents: options.agents,
    errorFrames: r.errorFrames,
    replyFailures: r.replyFailures,
    closesDuringRun: r.closes,
    connectSeconds: edge.connectSeconds,
    serverCpu: edge.cpu ?? null,
    baselineCpu: baseline.cpu ?? null,
    cpuRatio:
      edge.cpu && baseline.cpu ? round(edge.cpu.msPerMessage / baseline.cpu.msPerMessage, 1) : null,
    storedMatchesReceived: stored.lastSeq === stored.received,
    baselineDetail: {
      ...b,
      connectSeconds: baseline.connectSeconds,
    },
    runSeconds: round(runSeconds, 1),
    machine: cpu.machine,
    goals,
    ...(cpu.costs && cpu.profile ? { cpuProfile: { file: cpu.profile, ...cpu.costs } } : {}),
  };
  const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
  const lines = [
    `GridWorks Embed support-chat benchmark — Node ${process.version}, the real edge (edge/adapters/node.ts) in a child process; ${options.connections} customer sockets on loopback, ${options.rate} messages/s (half customer sends over the sockets, half agent replies from ${options.agents} HTTP clients) for ${options.seconds} s after ${options.warmup} s of warm-up; ${pinning.description}`,
    `machine: ${cpu.machine.cpus} CPUs, load average ${cpu.machine.loadAverageBefore} before, ${cpu.machine.loadAverageAfter} after (other work on the machine shows up in the figures)`,
    '',
    phaseLine('edge   ', r),
    phaseLine('bare-ws', b),
    `agent replies' HTTP requests alone (write to answer): edge p50 ${r.agentRequest.p50Ms} ms, p99 ${r.agentRequest.p99Ms} ms; bare-ws p50 ${b.agentRequest.p50Ms} ms, p99 ${b.agentRequest.p99Ms} ms (${options.agents} clients one at a time: above ${round((1000 * options.agents) / (options.rate / 2), 1)} ms each, replies queue for a client)`,
    ...(edge.cpu && baseline.cpu
      ? [
          `server CPU per delivered message: edge ${edge.cpu.msPerMessage} ms (${round(edge.cpu.utilisation * 100, 0)} % of a core over the run: at most ~${Math.round(1000 / edge.cpu.msPerMessage)} messages/s on one idle core), bare-ws ${baseline.cpu.msPerMessage} ms (${round(baseline.cpu.utilisation * 100, 0)} %): ${round(edge.cpu.msPerMessage / baseline.cpu.msPerMessage, 1)}×`,
        ]
      : []),
    `the edge's p99 is ${result.ratio}× the bare ws server's (p50 ${result.p50Ratio}×); sockets opened in ${edge.connectSeconds} s (bare: ${baseline.connectSeconds} s); one conversation's stored lastSeq ${stored.lastSeq}, its socket received ${stored.received}`,
    ...(r.replyFailures > 0
      ? [`agent replies refused or failed: ${r.replyFailures}: ${r.failureSamples.join(' | ')}`]
      : []),
    ...(Object.keys(r.errorFrames).length > 0
      ? [`error frames from the edge: ${JSON.stringify(r.errorFrames)}`]
      : []),
    '',
    `goal: ${GOAL_CONNECTIONS} connections held (${r.connections}) — ${verdict(goals.connections.met)}`,
    `goal: p99 < ${GOAL_P99_MS} ms at ${GOAL_PER_SEC} messages/s (${r.all.p99Ms} ms at ${r.messagesPerSec}/s delivered of ${options.rate}/s offered) — ${verdict(goals.p99Ms.met)}`,
    `goal: nothing lost, no gap, no duplicate (${r.lost}, ${r.gaps}, ${r.duplicates}) — ${verdict(goals.noLoss.met)}`,
    `goal: bounded in time (${result.runSeconds} s, cap ${options.maxSeconds} s) — met`,
  ];
  if (cpu.costs && cpu.profile) {
    const table = (title: string, rows: { name: string; percent: number }[]) => {
      lines.push(title);
      for (const row of rows) lines.push(`  ${String(row.percent).padStart(5)} %  ${row.name}`);
    };
    lines.push('', `CPU profile of the edge (its whole life, set-up included): ${cpu.profile}`);
    table('self time by place:', cpu.costs.places);
    table(
      'time by the nearest function of this repository (with the libraries it calls):',
      cpu.costs.ownFrames,
    );
    table('heaviest functions (self time):', cpu.costs.functions);
  }
  const summary = `${lines.join('\n')}\n`;
  if (options.json) {
    process.stderr.write(summary);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else process.stdout.write(summary);
}

main().catch((error: unknown) => {
  for (const child of children) child.kill('SIGKILL');
  if (error instanceof UsageError) {
    process.stderr.write(`bench-chat: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`bench-chat: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
