/**
 * The real Node edge as `npm start` runs it (`edge/adapters/node.ts`, without the widget build)
 * in a child process of its own, on a loopback port, with its SQLite file where the caller
 * says: for the crash test (killed with SIGKILL, restarted on the same file) and the onboarding
 * benchmark (pinned to a CPU). Also the onboarding traffic both send: a tenant, widget tokens
 * and distinct valid submissions, over node:http with keep-alive.
 *
 * The server runs under `node --import tsx`, not the `tsx` CLI: the CLI runs the program in a
 * grandchild, which a SIGKILL of the CLI would leave running.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = join(ROOT, 'edge', 'adapters', 'node.ts');

/** Fixed secrets, so a restarted server opens what the first one sealed. */
/** Rate limits no benchmark load reaches (benchmarks measure the edge, not its limiter). */
export const UNTHROTTLED = {
  perKey: 1e9,
  perClient: 1e9,
  perCredential: 1e9,
  perIp: 1e9,
  authFailuresPerIp: 1e9,
};

export const EDGE_SECRETS = {
  GW_OPERATOR_KEY: 'op_edge_process_operator_key_0123456789abcdef',
  GW_PREVIEW_SECRET: 'edge-process-preview-secret-0123456789abcdef',
  GW_MASTER_KEY: '3c'.repeat(32),
} as const;

/** A free port on 127.0.0.1 (the edge is given it as PORT, as a deployment would). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

export interface EdgeProcess {
  url: string;
  child: ChildProcess;
  /** Resolves when the process has exited, with how. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last lines the server wrote to stderr: its banner, warnings and errors. */
  logTail: (lines?: number) => string;
  /** SIGTERM (the edge finishes what is in flight and closes the database), then waits. */
  stop: () => Promise<void>;
}

export interface EdgeProcessOptions {
  dbPath: string;
  port: number;
  /** Where the server's stdout (its JSON request log) and stderr go. */
  logDir: string;
  /** More environment (GW_RATE_LIMITS, …) on top of the fixed secrets. */
  env?: Record<string, string>;
  /** A command prefix, e.g. `['taskset', '-c', '1']`. */
  prefix?: string[];
  /** Node flags, e.g. `['--cpu-prof', '--cpu-prof-dir', dir]`. */
  nodeFlags?: string[];
  /** How long to wait for it to answer (default 30 s). */
  readyTimeoutMs?: number;
}

const tail = (file: string, lines: number) => {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(nothing)';
  }
};

/** Starts the edge and resolves once it answers on its port (its signing keys opened). */
export async function startEdgeProcess(options: EdgeProcessOptions): Promise<EdgeProcess> {
  const stdoutFile = join(options.logDir, 'edge.stdout.log');
  const stderrFile = join(options.logDir, 'edge.stderr.log');
  const out = openSync(stdoutFile, 'a');
  const err = openSync(stderrFile, 'a');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(options.port),
    GW_DB: options.dbPath,
    ...EDGE_SECRETS,
    ...options.env,
  };
  const command = [
    ...(options.prefix ?? []),
    process.execPath,
    ...(options.nodeFlags ?? []),
    '--import',
    'tsx',
    ENTRY,
  ];
  const child = spawn(command[0] as string, command.slice(1), {
    cwd: ROOT,
    env,
    stdio: ['ignore', out, err],
  });
  closeSync(out);
  closeSync(err);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const url = `http://127.0.0.1:${options.port}`;
  const logTail = (lines = 20) => `the edge's stderr (${stderrFile}):\n${tail(stderrFile, lines)}`;
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = performance.now() + (options.readyTimeoutMs ?? 30_000);
  for (;;) {
    if (gone) throw new Error(`the edge exited before it answered\n${logTail()}`);
    try {
      const res = await fetch(`${url}/.well-known/jwks.json`);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the edge did not answer on ${url} in time\n${logTail()}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  return {
    url,
    child,
    exited,
    logTail,
    stop: async () => {
      if (gone) return;
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(force);
    },
  };
}

// ---- HTTP ---------------------------------------------------------------------------------

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** From writing the request to the last byte of the answer. */
  ms: number;
}

/** One keep-alive pool per process: 50 clients, 50 sockets. */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One request over node:http; rejects on a connection error (a killed server). */
export function call(
  baseUrl: string,
  method: string,
  path: string,
  options: {
    auth?: string;
    body?: unknown;
    headers?: Record<string, string>;
    timeoutMs?: number;
  } = {},
): Promise<Answer> {
  const url = new URL(path, baseUrl);
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth) headers.authorization = `Bearer ${options.auth}`;
  if (body !== undefined) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        headers,
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.setTimeout(options.timeoutMs ?? 30_000, () =>
      req.destroy(new Error(`no answer to ${method} ${path} in time`)),
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The answer's JSON when it has the expected status; otherwise an error that says what came. */
export function expectJson<T>(answer: Answer, status: number, what: string): T {
  if (answer.status !== status)
    throw new Error(
      `${what}: expected ${status}, got ${answer.status}: ${answer.text.slice(0, 500)}`,
    );
  return JSON.parse(answer.text) as T;
}

// ---- onboarding ---------------------------------------------------------------------------

export const BANK_ORIGIN = 'https://www.crash-bank.example';

export interface Tenant {
  id: string;
  secretKey: string;
}

/** A tenant of its own (through the operator API), allowed to embed on `BANK_ORIGIN`. */
export async function createTenant(baseUrl: string, slug: string): Promise<Tenant> {
  const created = expectJson<{ tenant: { id: string }; secretKey: string }>(
    await call(baseUrl, 'POST', '/v1/tenants', {
      auth: EDGE_SECRETS.GW_OPERATOR_KEY,
      body: { slug, name: 'Crash Bank' },
    }),
    201,
    'POST /v1/tenants',
  );
  expectJson(
    await call(baseUrl, 'PUT', '/v1/origins', {
      auth: created.secretKey,
      body: { origins: [BANK_ORIGIN] },
    }),
    200,
    'PUT /v1/origins',
  );
  return { id: created.tenant.id, secretKey: created.secretKey };
}

/** A widget token for one customer's session, as the bank's backend mints it. */
export async function mintOnboardingToken(
  baseUrl: string,
  tenant: Tenant,
  customer: string,
): Promise<string> {
  return expectJson<{ token: string }>(
    await call(baseUrl, 'POST', '/v1/tokens', {
      auth: tenant.secretKey,
      body: { scopes: ['onboarding:write'], origin: BANK_ORIGIN, customer, ttlSeconds: 3600 },
    }),
    201,
    'POST /v1/tokens',
  ).token;
}

/** Real, valid numbers (libphonenumber's metadata for IN and GB). */
const PHONES = [
  '+919812345678',
  '+447400123456',
  '+919876543210',
  '+442079460000',
  '+919845012345',
];
const FIRST = ['Aurelio', 'Ottoline', 'Priyanka', 'Tobias', 'Meera', 'Lucian', 'Anushka', 'Rowan'];
const LAST = ['Quintanilla', 'Brackenridge', 'Venkataraman', 'Ashdown', 'Kulkarni', 'Pemberton'];

/** The `n`th distinct, valid submission (names, e-mails and phones vary with `n`). */
export function submissionFor(n: number) {
  const first = FIRST[n % FIRST.length] as string;
  const last = LAST[Math.floor(n / FIRST.length) % LAST.length] as string;
  return {
    product: 'business-current',
    steps: {
      company: {
        legalName: `Marigold Looms ${n} Private Limited`,
        registrationNumbers: [{ scheme: 'cin', value: 'U17110MH2019PTC123456' }],
        incorporationDate: '2019-04-01',
        registeredAddress: {
          line1: `${(n % 200) + 1} Loom Street`,
          city: 'Pune',
          postalCode: '411001',
          country: 'IN',
        },
      },
      entityType: { entityType: 'private-limited' },
      people: {
        signatories: [
          {
            fullName: `${first} ${last} ${n}`,
            role: 'Director',
            email: `signatory-${n}@marigold-looms.example`,
            phone: PHONES[n % PHONES.length] as string,
          },
        ],
        contacts: [{ fullName: `${last} ${first}`, email: `contact-${n}@marigold-looms.example` }],
      },
      services: { services: ['current-account', 'payroll'] },
      declarations: {
        politicallyExposed: false,
        sanctioned: false,
        consent: {
          accepted: true,
          text: 'I consent to Crash Bank processing this data for onboarding checks.',
          // Fixed and in the past, so the same body replays and never lies in the future.
          givenAt: '2025-01-15T10:00:00Z',
        },
      },
    },
  };
}

export type Submission = ReturnType<typeof submissionFor>;

/** `POST /v1/applications` from the bank's page, as `<gw-onboarding-form>` sends it. */
export const submitApplication = (
  baseUrl: string,
  token: string,
  key: string,
  body: Submission,
): Promise<Answer> =>
  call(baseUrl, 'POST', '/v1/applications', {
    auth: token,
    body,
    headers: { origin: BANK_ORIGIN, 'idempotency-key': key },
  });
