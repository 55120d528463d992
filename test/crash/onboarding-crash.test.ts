// The onboarding API survives a crash: the real Node server (`edge/adapters/node.ts`, its
// SQLite file in a temp folder) takes 1,000 distinct submissions from 50 concurrent clients,
// is killed with SIGKILL after a seeded random number of 201s, and restarts on the same file.
// Then every acknowledged submission is there exactly once; every client retries what got no
// answer (and a sample of what did) with the same Idempotency-Key and body — the acknowledged
// replay their first answer, the rest go through — until there are exactly 1,000 applications;
// each reads back in full with its one outbox event; and every event reaches a webhook
// receiver on loopback, signed, although the server died in the middle of delivering them.
//
// Reproduce a run with its seed: GW_CRASH_SEED=<seed> node --import tsx --test test/crash/onboarding-crash.test.ts
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { submissionSchema } from '../../contracts/applications.js';
import { IN_FLIGHT_LEASE_MS } from '../../edge/applications/idempotency.js';
import { verifyWebhookSignature } from '../../edge/webhooks/signature.js';
import {
  type Answer,
  call,
  createTenant,
  type EdgeProcess,
  expectJson,
  freePort,
  mintOnboardingToken,
  type Submission,
  startEdgeProcess,
  submissionFor,
  submitApplication,
  type Tenant,
} from '../../scripts/node-edge-process.js';
import { startWebhookReceiver, type WebhookReceiver } from '../edge/webhook-receiver.js';

const CLIENTS = 50;
const SUBMISSIONS = 1000;
const PER_CLIENT = SUBMISSIONS / CLIENTS;
/** The kill comes after this many 201s (inclusive bounds, drawn from the seed). */
const KILL_AFTER = { min: 100, max: 900 } as const;
/** Share of the acknowledged submissions retried after the restart (their answer must replay). */
const REPLAY_SAMPLE = 0.1;
/** A claim left in flight by the kill frees after its lease; retries wait that long at most. */
const RETRY_DEADLINE_MS = IN_FLIGHT_LEASE_MS + 20_000;
/** How long the receiver may take to get every event after the retries (see the report). */
const DELIVERY_DEADLINE_MS = 120_000;

const seed = process.env.GW_CRASH_SEED ? Number(process.env.GW_CRASH_SEED) : randomInt(2 ** 31);
const reproduce = `seed ${seed} (GW_CRASH_SEED=${seed} node --import tsx --test test/crash/onboarding-crash.test.ts)`;

/** mulberry32: a small seeded PRNG, so a failing run can be replayed exactly. */
function prng(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Receipt {
  id: string;
  status: string;
  product: string;
  createdAt: number;
}

interface Job {
  n: number;
  client: number;
  key: string;
  body: Submission;
  /** What the first attempt (before the kill) came to. */
  first: 'acknowledged' | 'no-answer' | 'not-sent';
  receipt?: Receipt;
  /** After the restart: replayed (committed before the kill), waited out a lease, or new. */
  retry?: 'replayed' | 'after-lease' | 'new';
}

interface Client {
  customer: string;
  token: string;
  jobs: Job[];
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** Fails with the first few offenders and how many there are in all. */
function none(offenders: readonly string[], what: string, context = ''): void {
  if (offenders.length === 0) return;
  const shown = offenders.slice(0, 10).join('\n  ');
  const more = offenders.length > 10 ? `\n  … ${offenders.length} in all` : '';
  assert.fail(`${what}: ${offenders.length}\n  ${shown}${more}\n${context}`);
}

/** Runs `work` for every item with at most `width` at a time. */
async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

describe('onboarding survives a SIGKILL of the Node edge', { timeout: 300_000 }, () => {
  const random = prng(seed);
  const killAt = KILL_AFTER.min + Math.floor(random() * (KILL_AFTER.max - KILL_AFTER.min + 1));
  const dir = mkdtempSync(join(tmpdir(), 'gw-crash-'));
  const dbPath = join(dir, 'gridworks.db');
  const started = performance.now();
  const timings: Record<string, number> = {};
  let port = 0;
  let edge: EdgeProcess;
  let receiver: WebhookReceiver;
  let tenant: Tenant;
  let endpointSecret = '';
  const clients: Client[] = [];
  const jobs: Job[] = [];
  const unexpected: string[] = [];
  let acknowledged = 0;
  let killed = false;

  const where = () => `${reproduce}; killed after ${killAt} 201s\n${edge?.logTail(10) ?? ''}`;

  const listAll = async (): Promise<string[]> => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = expectJson(
        await call(
          edge.url,
          'GET',
          `/v1/applications?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
          { auth: tenant.secretKey },
        ),
        200,
        'GET /v1/applications',
      );
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  };

  before(async () => {
    port = await freePort();
    receiver = await startWebhookReceiver();
    edge = await startEdgeProcess({ dbPath, port, logDir: dir });
    tenant = await createTenant(edge.url, 'crash-bank');
    // Registered first: an endpoint receives the events created after it.
    endpointSecret = expectJson<{ secret: string }>(
      await call(edge.url, 'POST', '/v1/webhooks/endpoints', {
        auth: tenant.secretKey,
        body: { url: receiver.url },
      }),
      201,
      'POST /v1/webhooks/endpoints (loopback receivers are allowed outside production)',
    ).secret;
    for (let c = 0; c < CLIENTS; c++) {
      const customer = `crash-customer-${c}`;
      const client: Client = {
        customer,
        token: await mintOnboardingToken(edge.url, tenant, customer),
        jobs: [],
      };
      for (let j = 0; j < PER_CLIENT; j++) {
        const n = c * PER_CLIENT + j;
        const job: Job = {
          n,
          client: c,
          key: `crash-${seed}-${n}`,
          body: submissionFor(n),
          first: 'not-sent',
        };
        client.jobs.push(job);
        jobs.push(job);
      }
      clients.push(client);
    }
    timings.setup = performance.now() - started;

    // 50 clients, each submitting its 20 one after another, until the server dies.
    const load = performance.now();
    await Promise.all(
      clients.map(async (client) => {
        for (const job of client.jobs) {
          if (killed) return;
          let answer: Answer;
          try {
            answer = await submitApplication(edge.url, client.token, job.key, job.body);
          } catch {
            job.first = 'no-answer';
            return;
          }
          if (answer.status !== 201) {
            job.first = 'no-answer';
            unexpected.push(`#${job.n} before the kill: ${answer.status} ${answer.text}`);
            return;
          }
          // Answered by the server before it died, even if read after the kill was sent.
          job.first = 'acknowledged';
          job.receipt = JSON.parse(answer.text) as Receipt;
          acknowledged += 1;
          if (acknowledged === killAt) {
            killed = true;
            edge.child.kill('SIGKILL');
          }
        }
      }),
    );
    const exit = await edge.exited;
    timings.load = performance.now() - load;
    assert.equal(
      exit.signal,
      'SIGKILL',
      `the edge should have died by SIGKILL, it exited with ${exit.code ?? exit.signal} (${killed ? 'kill sent' : `only ${acknowledged} 201s`}); ${where()}`,
    );
    const restart = performance.now();
    edge = await startEdgeProcess({ dbPath, port, logDir: dir });
    timings.restart = performance.now() - restart;
  });

  after(async () => {
    await edge?.stop();
    receiver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('every submission acknowledged before the kill is there, exactly once', async (t) => {
    const counts = { acknowledged: 0, 'no-answer': 0, 'not-sent': 0 };
    for (const job of jobs) counts[job.first === 'acknowledged' ? 'acknowledged' : job.first]++;
    t.diagnostic(
      `seed ${seed}: killed after ${killAt} 201s (${counts.acknowledged} acknowledged in all, ${counts['no-answer']} in flight without an answer, ${counts['not-sent']} not sent); load ${seconds(timings.load ?? 0)}, restart ${seconds(timings.restart ?? 0)}`,
    );
    none(unexpected, 'answers other than 201 before the kill', where());
    assert.ok(
      acknowledged >= killAt,
      `the kill came after ${killAt} 201s, ${acknowledged} seen; ${where()}`,
    );
    const ids = await listAll();
    const seen = new Map<string, number>();
    for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
    const duplicates = [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id}×${n}`);
    none(duplicates, 'applications listed more than once', where());
    const missing = jobs
      .filter((j) => j.receipt && !seen.has(j.receipt.id))
      .map((j) => `#${j.n} ${j.receipt?.id}`);
    none(missing, 'acknowledged before the kill but gone after the restart', where());
    const sent = counts.acknowledged + counts['no-answer'];
    assert.ok(
      ids.length <= sent,
      `${ids.length} applications after the restart, but only ${sent} submissions were sent; ${where()}`,
    );
  });

  test('retries with the same key and body: the acknowledged replay, the rest go through', async (t) => {
    const retrying = performance.now();
    const failures: string[] = [];
    let waits = 0;
    await Promise.all(
      clients.map(async (client) => {
        const retry = client.jobs.filter(
          (j) => j.first !== 'acknowledged' || random() < REPLAY_SAMPLE,
        );
        for (const job of retry) {
          let sawInFlight = false;
          for (;;) {
            let answer: Answer;
            try {
              answer = await submitApplication(edge.url, client.token, job.key, job.body);
            } catch (error) {
              failures.push(`#${job.n}: no answer after the restart (${(error as Error).message})`);
              break;
            }
            if (answer.status === 409 && performance.now() - retrying < RETRY_DEADLINE_MS) {
              // The kill left this key claimed in flight: it frees when the claim's lease ends.
              sawInFlight = true;
              waits += 1;
              await sleep(Number(answer.headers['retry-after'] ?? '1') * 1000);
              continue;
            }
            if (answer.status !== 201) {
              failures.push(`#${job.n} (${job.first}): ${answer.status} ${answer.text}`);
              break;
            }
            const receipt = JSON.parse(answer.text) as Receipt;
            const replayed = answer.headers['idempotent-replayed'] === 'true';
            if (job.receipt) {
              if (!replayed || JSON.stringify(receipt) !== JSON.stringify(job.receipt))
                failures.push(
                  `#${job.n} was acknowledged as ${JSON.stringify(job.receipt)}, its retry answered ${JSON.stringify(receipt)} (replayed: ${replayed})`,
                );
            } else {
              job.receipt = receipt;
              job.retry = replayed ? 'replayed' : sawInFlight ? 'after-lease' : 'new';
            }
            break;
          }
        }
      }),
    );
    timings.retries = performance.now() - retrying;
    const kinds = { replayed: 0, 'after-lease': 0, new: 0 };
    for (const job of jobs) if (job.retry) kinds[job.retry]++;
    t.diagnostic(
      `retries ${seconds(timings.retries)}: ${kinds.replayed} committed before the kill but unanswered (replayed), ${kinds['after-lease']} claimed in flight at the kill (went through after the ${IN_FLIGHT_LEASE_MS / 1000} s lease, ${waits} 409s waited out), ${kinds.new} new`,
    );
    none(failures, 'retries that neither replayed the first answer nor went through', where());
    const ids = await listAll();
    const receipts = jobs.map((j) => j.receipt?.id).filter((id): id is string => id !== undefined);
    assert.equal(new Set(receipts).size, SUBMISSIONS, `one distinct application per submission`);
    assert.equal(ids.length, SUBMISSIONS, `exactly ${SUBMISSIONS} applications; ${where()}`);
    assert.equal(new Set(ids).size, SUBMISSIONS, `no application twice; ${where()}`);
    const strangers = ids.filter((id) => !receipts.includes(id));
    none(strangers, 'applications listed that no client was answered', where());
  });

  test('nothing half-written: each application reads back in full, with its one outbox event', async () => {
    const wrong: string[] = [];
    await inParallel(jobs, CLIENTS, async (job) => {
      const id = job.receipt?.id ?? '(none)';
      const answer = await call(edge.url, 'GET', `/v1/applications/${id}`, {
        auth: tenant.secretKey,
      });
      if (answer.status !== 200) {
        wrong.push(`#${job.n} ${id}: ${answer.status} ${answer.text.slice(0, 200)}`);
        return;
      }
      const full = JSON.parse(answer.text) as Record<string, unknown>;
      try {
        assert.deepEqual(
          { status: full.status, customer: full.customer, counts: full.counts, steps: full.steps },
          {
            status: 'submitted',
            customer: clients[job.client]?.customer,
            counts: { signatories: 1, contacts: 1, services: 2 },
            steps: submissionSchema.parse(job.body).steps,
          },
        );
      } catch (error) {
        wrong.push(`#${job.n} ${id}: ${(error as Error).message}`);
      }
    });
    none(wrong, 'applications that do not read back in full as submitted', where());

    // No screening list is loaded for this tenant: no application.screened event is due.
    const list = await call(edge.url, 'GET', '/v1/screening/list', { auth: tenant.secretKey });
    assert.equal(list.status, 404, `no screening list configured: ${list.text}`);

    // The file itself, read beside the running server (WAL lets a reader in).
    const db = new SQLite(dbPath, { readonly: true, fileMustExist: true });
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      const perApplication = db
        .prepare(
          `SELECT a.id, (SELECT count(*) FROM outbox o WHERE o.tenant_id = a.tenant_id
             AND json_extract(o.payload, '$.applicationId') = a.id) AS events
           FROM applications a WHERE a.tenant_id = ?`,
        )
        .all(tenant.id) as { id: string; events: number }[];
      const unevented = perApplication
        .filter((r) => r.events !== 1)
        .map((r) => `${r.id}×${r.events}`);
      none(unevented, 'applications without exactly one outbox event (id×events)', where());
      const byType = db
        .prepare('SELECT type, count(*) AS n FROM outbox WHERE tenant_id = ? GROUP BY type')
        .all(tenant.id) as { type: string; n: number }[];
      assert.deepEqual(
        byType,
        [{ type: 'application.submitted', n: SUBMISSIONS }],
        `one application.submitted event per application and nothing else; ${where()}`,
      );
      const keys = db
        .prepare(
          `SELECT state, count(*) AS n, count(DISTINCT application_id) AS apps
           FROM idempotency_keys WHERE tenant_id = ? GROUP BY state`,
        )
        .all(tenant.id);
      assert.deepEqual(
        keys,
        [{ state: 'done', n: SUBMISSIONS, apps: SUBMISSIONS }],
        `every key done, each with its own application, none left in flight; ${where()}`,
      );
      const audited = db
        .prepare(
          "SELECT count(*) AS n FROM audit_log WHERE tenant_id = ? AND action = 'application.submitted'",
        )
        .get(tenant.id) as { n: number };
      assert.equal(audited.n, SUBMISSIONS, `one audit row per application; ${where()}`);
    } finally {
      db.close();
    }
  });

  test('every application.submitted event reaches the webhook receiver, signed', async (t) => {
    const waiting = performance.now();
    const ids = new Set(jobs.map((j) => j.receipt?.id ?? `#${j.n} (no receipt)`));
    // An application without an outbox event can never be delivered: say so now, not later.
    const db = new SQLite(dbPath, { readonly: true, fileMustExist: true });
    let outbox: string[];
    try {
      const rows = db
        .prepare(
          "SELECT id, json_extract(payload, '$.applicationId') AS app FROM outbox WHERE tenant_id = ?",
        )
        .all(tenant.id) as { id: string; app: string }[];
      outbox = rows.map((r) => r.id);
      const evented = new Set(rows.map((r) => r.app));
      const never = [...ids].filter((id) => !evented.has(id));
      none(never, 'applications without an outbox event (never deliverable)', where());
    } finally {
      db.close();
    }
    const delivered = () => {
      const got = new Set<unknown>();
      for (const r of receiver.received)
        if (r.type === 'application.submitted')
          got.add((JSON.parse(r.body) as { data: { applicationId: string } }).data.applicationId);
      return [...ids].filter((id) => got.has(id)).length;
    };
    while (delivered() < ids.size && performance.now() - waiting < DELIVERY_DEADLINE_MS)
      await sleep(250);
    timings.delivery = performance.now() - waiting;
    const events = new Map<string, (typeof receiver.received)[number]>();
    for (const r of receiver.received) events.set(r.eventId, r);
    t.diagnostic(
      `webhooks: ${events.size} events in ${receiver.received.length} deliveries (${receiver.received.length - events.size} sent more than once: at least once, deduplicated by event id); the last arrived ${seconds(timings.delivery)} after the retries; whole run ${seconds(performance.now() - started)}`,
    );
    assert.equal(
      delivered(),
      ids.size,
      `every application's event delivered within ${seconds(DELIVERY_DEADLINE_MS)} of the retries (${delivered()} of ${ids.size}); ${where()}`,
    );
    const bad: string[] = [];
    for (const [eventId, r] of events) {
      const envelope = JSON.parse(r.body) as { id: string; type: string; created: number };
      // Judged at the event's own time (the server's clock), so the test reads no clock.
      const verified = await verifyWebhookSignature(r.body, r.signature, endpointSecret, {
        nowSeconds: envelope.created,
      });
      if (!verified.ok) bad.push(`${eventId}: ${verified.reason}`);
      if (envelope.id !== eventId || envelope.type !== r.type)
        bad.push(`${eventId}: headers say ${r.type}, the body ${envelope.id} ${envelope.type}`);
    }
    none(bad, "deliveries that do not verify with the endpoint's secret");
    const inOutbox = new Set(outbox);
    none(
      [...events.keys()].filter((id) => !inOutbox.has(id)),
      'events received that the outbox does not hold',
    );
    none(
      outbox.filter((id) => !events.has(id)),
      'outbox events the receiver never got',
      where(),
    );
  });
});
