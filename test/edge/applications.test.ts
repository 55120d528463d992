// The applications API on the Node edge (app.request on createApp): drafts per customer,
// idempotent submissions (replay, reuse with another body, in flight, a crashed claim's lease),
// the lifecycle with its conditional status change, list/filter/paging, export (CSV quoting
// and the formula guard), scopes, tenant isolation, bad input that changes nothing, and the
// database file holding no plaintext personal data (uploaded documents included).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { submissionSchema } from '../../contracts/applications.js';
import { IN_FLIGHT_LEASE_MS, requestHash } from '../../edge/applications/idempotency.js';
import { purgeExpired } from '../../edge/maintenance.js';
import { onePagePdf, png, stream } from './document-fixtures.js';
import {
  createTenant,
  createTestEdge,
  mintToken,
  ORIGIN,
  TEST_MASTER_KEY,
  type TestEdge,
  type TestTenant,
} from './helpers.js';

const HOUR = 60 * 60 * 1000;

/** A submission whose personal values are distinctive, so a scan can look for them. */
const submission = (legalName = 'Zephyrine Textiles Private Limited') => ({
  product: 'business-current',
  steps: {
    company: {
      legalName,
      registrationNumbers: [{ scheme: 'cin', value: 'U17110MH2019PTC123456' }],
      incorporationDate: '2019-04-01',
      registeredAddress: {
        line1: '42 Marigold Lane',
        city: 'Pune',
        postalCode: '411001',
        country: 'IN',
      },
    },
    entityType: { entityType: 'private-limited' },
    people: {
      signatories: [
        {
          fullName: 'Aurelio Quintanilla-Vasquez',
          role: 'Director',
          email: 'aurelio.q@zephyrine-textiles.example',
          phone: '+919812345678',
        },
      ],
      contacts: [{ fullName: 'Ottoline Brackenridge', email: 'ottoline@zephyrine.example' }],
    },
    services: { services: ['current-account', 'payroll'] },
    declarations: {
      politicallyExposed: false,
      sanctioned: false,
      consent: {
        accepted: true,
        text: 'I consent to Bank A processing this data for onboarding checks.',
        givenAt: '2026-11-21T11:59:00Z',
      },
    },
  },
});

/** Text inside an uploaded document, and the files' names: neither may be stored readable. */
const DOCUMENT_MARKER = 'Certificate-of-Incorporation-ZX9-4417-Marigold';
const DOCUMENT_NAMES = ['Aurelio Quintanilla passport.pdf', 'Ottoline utility bill.png'] as const;

const PII = [
  'Zephyrine',
  'U17110MH2019PTC123456',
  '42 Marigold Lane',
  'Aurelio',
  'Quintanilla',
  'aurelio.q@zephyrine-textiles.example',
  '+919812345678',
  '9812345678',
  'Ottoline',
  'Brackenridge',
  'I consent to Bank A',
];

interface Receipt {
  id: string;
  status: string;
  product: string;
  createdAt: number;
}

async function read<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  return JSON.parse(text) as T;
}

async function problem(res: Response, status: number, code: string) {
  const body = await read<Record<string, unknown>>(res, status);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(body.type, `https://docs.gridworks.example/problems/${code}`);
  return body;
}

interface Setup {
  edge: TestEdge;
  tenant: TestTenant;
  token: string;
}

async function setup(edge?: TestEdge, slug = 'bank-a', customer = 'cust-1'): Promise<Setup> {
  const e = edge ?? (await createTestEdge());
  const tenant = await createTenant(e, slug, [ORIGIN]);
  const { token } = await mintToken(e, tenant, {
    scopes: ['onboarding:write'],
    origin: ORIGIN,
    customer,
  });
  return { edge: e, tenant, token };
}

const submit = (s: Setup, body: unknown, key?: string, token = s.token) =>
  s.edge.call('POST', '/v1/applications', {
    auth: token,
    body,
    headers: { origin: ORIGIN, ...(key === undefined ? {} : { 'idempotency-key': key }) },
  });

const count = (edge: TestEdge, table: string, where = '1 = 1'): number =>
  (edge.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number })
    .n;

const tables = (edge: TestEdge) => ({
  applications: count(edge, 'applications'),
  keys: count(edge, 'idempotency_keys'),
  outbox: count(edge, 'outbox'),
  drafts: count(edge, 'application_drafts'),
  audit: count(edge, 'audit_log', "action LIKE 'application.%'"),
});

describe('drafts', () => {
  test('saved and resumed per customer; last write wins; 204 when none', async () => {
    const s = await setup();
    const call = (method: string, body?: unknown, token = s.token) =>
      s.edge.call(method, '/v1/applications/draft', {
        auth: token,
        body,
        headers: { origin: ORIGIN },
      });
    const none = await call('GET');
    assert.equal(none.status, 204, 'no draft is the normal first visit, not an error');
    assert.equal(none.headers.get('cache-control'), 'no-store');
    const first = { step: 'company', steps: { company: { legalName: 'Zephyrine Textiles' } } };
    const saved = await read<{ updatedAt: number }>(await call('PUT', first), 200);
    assert.equal(saved.updatedAt, s.edge.clock.now());
    assert.deepEqual(await read(await call('GET'), 200), { ...first, updatedAt: saved.updatedAt });

    s.edge.clock.advance(1000);
    const second = {
      product: 'business-current',
      step: 'people',
      steps: { ...first.steps, people: { signatories: [{ fullName: 'Aurelio Q' }] } },
    };
    await read(await call('PUT', second), 200);
    assert.deepEqual(await read(await call('GET'), 200), {
      ...second,
      updatedAt: s.edge.clock.now(),
    });

    // Another customer of the same bank has a draft of their own.
    const other = await mintToken(s.edge, s.tenant, {
      scopes: ['onboarding:write'],
      origin: ORIGIN,
      customer: 'cust-2',
    });
    assert.equal((await call('GET', undefined, other.token)).status, 204);
    await s.edge.close();
  });

  test('an older save never replaces a newer one (two instances whose clocks differ)', async () => {
    const s = await setup();
    const store = s.edge.deps.store;
    const draft = (sealed: string, updatedAt: number) => ({
      tenantId: s.tenant.id,
      customer: 'cust-1',
      sealed,
      updatedAt,
    });
    const at = s.edge.clock.now();
    await store.saveApplicationDraft(draft('g1.newer', at));
    await store.saveApplicationDraft(draft('g1.older', at - 5000));
    assert.equal((await store.getApplicationDraft(s.tenant.id, 'cust-1'))?.sealed, 'g1.newer');
    await store.saveApplicationDraft(draft('g1.newest', at + 1));
    assert.equal((await store.getApplicationDraft(s.tenant.id, 'cust-1'))?.sealed, 'g1.newest');
    await s.edge.close();
  });

  test('a draft that breaks a field rule is a 422 and leaves the saved draft as it was', async () => {
    const s = await setup();
    const put = (body: unknown) =>
      s.edge.call('PUT', '/v1/applications/draft', {
        auth: s.token,
        body,
        headers: { origin: ORIGIN },
      });
    const good = { steps: { entityType: { entityType: 'llp' } } };
    await read(await put(good), 200);
    for (const bad of [
      { steps: { people: { signatories: [{ email: 'not-an-email' }] } } },
      { steps: { entityType: { entityType: 'pirate-ship' } } },
      { steps: {}, extra: true },
      { steps: { company: { legalName: 'x'.repeat(161) } } },
    ]) {
      const body = await problem(await put(bad), 422, 'validation-failed');
      assert.ok(Array.isArray(body.errors));
    }
    // Bounded like every body of the edge: a draft over 64 KiB is refused before it is read.
    await problem(await put({ steps: {}, pad: 'x'.repeat(70_000) }), 413, 'payload-too-large');
    const stored = await read<{ steps: unknown }>(
      await s.edge.call('GET', '/v1/applications/draft', {
        auth: s.token,
        headers: { origin: ORIGIN },
      }),
      200,
    );
    assert.deepEqual(stored.steps, good.steps);
    await s.edge.close();
  });

  test('only a widget token with onboarding:write, from its origin', async () => {
    const s = await setup();
    const narrow = await mintToken(s.edge, s.tenant, { scopes: ['config:read'], origin: ORIGIN });
    const get = (auth: string, origin = ORIGIN) =>
      s.edge.call('GET', '/v1/applications/draft', { auth, headers: { origin } });
    await problem(await get(narrow.token), 403, 'insufficient-scope');
    await problem(await get(s.token, 'https://evil.example'), 403, 'origin-mismatch');
    await problem(await get(s.tenant.secretKey), 403, 'forbidden');
    await problem(await get(s.tenant.publishableKey), 403, 'forbidden');
    await problem(
      await s.edge.call('GET', '/v1/applications/draft', { headers: { origin: ORIGIN } }),
      401,
      'unauthenticated',
    );
    await s.edge.close();
  });
});

describe('submissions are idempotent', () => {
  test('a bank page may send the key: the preflight allows it, the answer exposes the replay', async () => {
    const s = await setup();
    const preflight = await s.edge.call('OPTIONS', '/v1/applications', {
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, idempotency-key',
      },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
    const res = await submit(s, submission(), 'key-cors');
    assert.equal(res.status, 201);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /Idempotent-Replayed/);
    await s.edge.close();
  });

  test('no key is a 400 and writes nothing; a malformed key too', async () => {
    const s = await setup();
    const before = tables(s.edge);
    await problem(await submit(s, submission()), 400, 'idempotency-key-required');
    await problem(await submit(s, submission(), 'has space'), 400, 'invalid-idempotency-key');
    await problem(await submit(s, submission(), 'k'.repeat(256)), 400, 'invalid-idempotency-key');
    await problem(await submit(s, submission(), 'tab\tkey'), 400, 'invalid-idempotency-key');
    assert.deepEqual(tables(s.edge), before);
    await s.edge.close();
  });

  test('the first answer replays for 24 h; another body is a 422; the key is free after', async () => {
    const s = await setup();
    await read(
      await s.edge.call('PUT', '/v1/applications/draft', {
        auth: s.token,
        body: { steps: { entityType: { entityType: 'llp' } } },
        headers: { origin: ORIGIN },
      }),
      200,
    );
    const first = await submit(s, submission(), 'key-1');
    const receipt = await read<Receipt>(first, 201);
    assert.match(receipt.id, /^app_[A-Za-z0-9]{20}$/);
    assert.deepEqual(
      { ...receipt, id: 'x' },
      { id: 'x', status: 'submitted', product: 'business-current', createdAt: s.edge.clock.now() },
    );
    assert.equal(first.headers.get('location'), `/v1/applications/${receipt.id}`);
    // One batch wrote the application, its event and audit row, and deleted the draft.
    assert.deepEqual(tables(s.edge), { applications: 1, keys: 1, outbox: 1, drafts: 0, audit: 1 });
    const event = s.edge.sqlite.prepare('SELECT * FROM outbox').get() as Record<string, unknown>;
    assert.equal(event.type, 'application.submitted');
    // Not yet copied to webhook deliveries (edge/webhooks/dispatch.ts does that).
    assert.equal(event.dispatched_at, null);
    assert.equal(JSON.parse(String(event.payload)).applicationId, receipt.id);

    s.edge.clock.advance(23 * HOUR);
    // Tokens live minutes; the customer's next page gets a new one.
    const fresh = async () =>
      (
        await mintToken(s.edge, s.tenant, {
          scopes: ['onboarding:write'],
          origin: ORIGIN,
          customer: 'cust-1',
        })
      ).token;
    s.token = await fresh();
    // The same body, spaced differently and keys reordered, is the same request.
    const { steps, product } = submission();
    const replay = await submit(s, JSON.stringify({ steps, product }, null, 2), 'key-1');
    assert.equal(replay.status, 201);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await replay.json(), receipt);

    const other = await submit(s, submission('Another Company Ltd'), 'key-1');
    await problem(other, 422, 'idempotency-key-reused');
    assert.equal(count(s.edge, 'applications'), 1);

    // A different key is a different submission.
    const second = await read<Receipt>(await submit(s, submission(), 'key-2'), 201);
    assert.notEqual(second.id, receipt.id);

    s.edge.clock.advance(1 * HOUR + 1);
    // Past 24 h the periodic purge drops the key (a new submission could also reuse it).
    assert.equal((await purgeExpired(s.edge.deps)).idempotencyKeys, 1);
    assert.equal(count(s.edge, 'idempotency_keys', "idem_key = 'key-1'"), 0);
    s.token = await fresh();
    const reused = await read<Receipt>(
      await submit(s, submission('Another Company Ltd'), 'key-1'),
      201,
    );
    assert.notEqual(reused.id, receipt.id);
    assert.equal(count(s.edge, 'applications'), 3);
    await s.edge.close();
  });

  test('keys belong to a customer: another customer’s same key is their own submission', async () => {
    const s = await setup();
    const other = await mintToken(s.edge, s.tenant, {
      scopes: ['onboarding:write'],
      origin: ORIGIN,
      customer: 'cust-2',
    });
    const a = await read<Receipt>(await submit(s, submission(), 'shared'), 201);
    const b = await submit(s, submission(), 'shared', other.token);
    assert.equal(b.headers.get('idempotent-replayed'), null);
    assert.notEqual((await read<Receipt>(b, 201)).id, a.id);
    await s.edge.close();
  });

  test('a key still in flight is a 409; a claim whose request crashed frees after its lease', async () => {
    const s = await setup();
    const body = submission();
    // What a request that claimed the key and then died leaves behind.
    const crashed = {
      tenantId: s.tenant.id,
      customer: 'cust-1',
      key: 'key-crash',
      requestHash: await requestHash(submissionSchema.parse(body)),
      claim: 'clm_crashed',
      at: s.edge.clock.now(),
      leaseMs: IN_FLIGHT_LEASE_MS,
      ttlMs: 24 * HOUR,
    };
    await s.edge.deps.store.claimIdempotencyKey(crashed);
    const busy = await submit(s, body, 'key-crash');
    await problem(busy, 409, 'idempotency-key-in-flight');
    assert.equal(busy.headers.get('retry-after'), '1');
    // Another body under a key in flight is the client's mistake either way: 422.
    await problem(
      await submit(s, submission('Other Co'), 'key-crash'),
      422,
      'idempotency-key-reused',
    );
    assert.equal(count(s.edge, 'applications'), 0);

    s.edge.clock.advance(IN_FLIGHT_LEASE_MS);
    const taken = await read<Receipt>(await submit(s, body, 'key-crash'), 201);
    // The crashed request cannot complete any more: its claim no longer holds the key.
    const late = await s.edge.deps.store.submitApplication(
      crashed,
      {
        id: 'app_AAAAAAAAAAAAAAAAAAAA',
        tenantId: s.tenant.id,
        customer: 'cust-1',
        product: 'x',
        status: 'submitted',
        sealed: 'g1.x',
        screeningSealed: null,
        counts: { signatories: 1, contacts: 0, services: 0 },
        createdAt: s.edge.clock.now(),
        updatedAt: s.edge.clock.now(),
        changeId: 'chg_x',
      },
      { status: 201, json: '{}' },
      [{ id: 'evt_x', type: 'application.submitted', payload: {} }],
      {
        tenantId: s.tenant.id,
        actor: 'x',
        action: 'application.submitted',
        target: 'x',
        beforeHash: null,
        afterHash: null,
      },
    );
    assert.equal(late, 'claim-lost');
    assert.deepEqual(
      (s.edge.sqlite.prepare('SELECT id FROM applications').all() as { id: string }[]).map(
        (r) => r.id,
      ),
      [taken.id],
    );
    assert.equal(count(s.edge, 'outbox'), 1);
    await s.edge.close();
  });

  test('50 concurrent duplicates: one application, every answer the original or a 409', async () => {
    const s = await setup();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => submit(s, submission(), 'same-key')),
    );
    const bodies = await Promise.all(answers.map(async (r) => [r.status, await r.json()] as const));
    const created = bodies.filter(([status]) => status === 201).map(([, b]) => b as Receipt);
    assert.ok(created.length >= 1);
    assert.ok(bodies.every(([status]) => status === 201 || status === 409));
    assert.equal(new Set(created.map((r) => r.id)).size, 1);
    assert.equal(count(s.edge, 'applications'), 1);
    assert.equal(count(s.edge, 'outbox'), 1);
    // Once it has settled, a retry replays the original.
    const retry = await read<Receipt>(await submit(s, submission(), 'same-key'), 201);
    assert.equal(retry.id, created[0]?.id);
    await s.edge.close();
  });

  test('bad submissions are 422 problems that write nothing and leave the key unused', async () => {
    const s = await setup();
    const before = tables(s.edge);
    const good = submission();
    const broken = [
      { ...good, steps: { ...good.steps, declarations: undefined } },
      { ...good, product: 'Not An Id' },
      {
        ...good,
        steps: {
          ...good.steps,
          people: { signatories: [{ ...good.steps.people.signatories[0], email: 'nope' }] },
        },
      },
      { ...good, steps: { ...good.steps, people: { signatories: [] } } },
      {
        ...good,
        steps: {
          ...good.steps,
          declarations: {
            ...good.steps.declarations,
            consent: { ...good.steps.declarations.consent, accepted: false },
          },
        },
      },
      { ...good, unknown: 1 },
    ];
    for (const body of broken)
      await problem(await submit(s, body, 'key-1'), 422, 'validation-failed');
    const future = structuredClone(good);
    future.steps.declarations.consent.givenAt = '2026-11-21T13:00:00Z';
    await problem(await submit(s, future, 'key-1'), 422, 'invalid-consent');
    await problem(await submit(s, '{"product":', 'key-1'), 400, 'bad-request');
    assert.deepEqual(tables(s.edge), before);
    // The key was never used: the good body now goes through under it.
    await read(await submit(s, good, 'key-1'), 201);
    await s.edge.close();
  });
});

async function submitted(s: Setup, n: number): Promise<Receipt[]> {
  const out: Receipt[] = [];
  for (let i = 0; i < n; i += 1) {
    out.push(await read<Receipt>(await submit(s, submission(`Company ${i}`), `k-${i}`), 201));
    s.edge.clock.advance(1000);
  }
  return out;
}

const changeStatus = (s: Setup, id: string, status: string, auth = s.tenant.secretKey) =>
  s.edge.call('POST', `/v1/applications/${id}/status`, { auth, body: { status } });

describe('the lifecycle through the tenant API', () => {
  test('read in full, decrypted; transitions allowed and refused; each change audited and evented', async () => {
    const s = await setup();
    const [app] = await submitted(s, 1);
    assert.ok(app);
    const full = await read<Record<string, unknown>>(
      await s.edge.call('GET', `/v1/applications/${app.id}`, { auth: s.tenant.secretKey }),
      200,
    );
    assert.deepEqual(full.steps, submissionSchema.parse(submission('Company 0')).steps);
    assert.deepEqual(full.counts, { signatories: 1, contacts: 1, services: 2 });
    assert.equal(full.customer, 'cust-1');

    const refused = await problem(
      await changeStatus(s, app.id, 'approved'),
      409,
      'transition-not-allowed',
    );
    assert.deepEqual(refused.allowed, ['needs_review', 'in_review']);
    assert.match(String(refused.detail), /needs_review, in_review/);
    for (const status of ['needs_review', 'in_review', 'needs_info', 'in_review', 'approved'])
      assert.equal(
        (await read<{ status: string }>(await changeStatus(s, app.id, status), 200)).status,
        status,
      );
    const final = await problem(
      await changeStatus(s, app.id, 'in_review'),
      409,
      'transition-not-allowed',
    );
    assert.deepEqual(final.allowed, []);
    await problem(await changeStatus(s, app.id, 'archived'), 422, 'validation-failed');

    const audit = await read<{ items: { action: string; target: string }[] }>(
      await s.edge.call('GET', '/v1/audit?limit=100', { auth: s.tenant.secretKey }),
      200,
    );
    const changes = audit.items.filter((i) => i.action === 'application.status_changed');
    assert.equal(changes.length, 5);
    assert.ok(changes.every((i) => i.target === app.id));
    assert.equal(count(s.edge, 'outbox', "type = 'application.status_changed'"), 5);
    await s.edge.close();
  });

  test('two concurrent changes from one status: exactly one wins, one event, one audit row', async () => {
    const s = await setup();
    const [app] = await submitted(s, 1);
    assert.ok(app);
    await read(await changeStatus(s, app.id, 'in_review'), 200);
    const [a, b] = await Promise.all([
      changeStatus(s, app.id, 'approved'),
      changeStatus(s, app.id, 'rejected'),
    ]);
    const statuses = [a?.status, b?.status].sort();
    assert.deepEqual(statuses, [200, 409]);
    const loser = [a, b].find((r) => r?.status === 409) as Response;
    // Whether the loser read the status before or after the winner wrote, it changed nothing.
    assert.match(String((await loser.json()).type), /\/(status-changed|transition-not-allowed)$/);
    assert.equal(count(s.edge, 'outbox', "type = 'application.status_changed'"), 2);
    assert.equal(count(s.edge, 'audit_log', "action = 'application.status_changed'"), 2);

    // The store's own guard: a change from a status the application has left does nothing.
    const stale = await s.edge.deps.store.changeApplicationStatus(
      {
        tenantId: s.tenant.id,
        id: app.id,
        from: 'in_review',
        to: 'needs_info',
        changeId: 'chg_stale',
        at: s.edge.clock.now(),
      },
      { id: 'evt_stale', type: 'application.status_changed', payload: {} },
      {
        tenantId: s.tenant.id,
        actor: 'test',
        action: 'application.status_changed',
        target: app.id,
        beforeHash: null,
        afterHash: null,
      },
    );
    assert.notEqual(stale?.changeId, 'chg_stale');
    assert.notEqual(stale?.status, 'needs_info');
    assert.equal(count(s.edge, 'outbox', "type = 'application.status_changed'"), 2);
    assert.equal(count(s.edge, 'audit_log', "action = 'application.status_changed'"), 2);
    await s.edge.close();
  });

  test('list: newest first, filtered by status and creation time, paged by an opaque cursor', async () => {
    const s = await setup();
    const apps = await submitted(s, 5);
    const ids = apps.map((a) => a.id).reverse();
    const list = (query: string) =>
      s.edge.call('GET', `/v1/applications${query}`, { auth: s.tenant.secretKey });
    type Page = { items: { id: string; status: string }[]; nextCursor: string | null };
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await read<Page>(
        await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`),
        200,
      );
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, ids);

    await read(await changeStatus(s, apps[1]?.id ?? '', 'in_review'), 200);
    const inReview = await read<Page>(await list('?status=in_review'), 200);
    assert.deepEqual(
      inReview.items.map((i) => i.id),
      [apps[1]?.id],
    );
    const from = apps[1]?.createdAt ?? 0;
    const to = apps[3]?.createdAt ?? 0;
    const range = await read<Page>(await list(`?createdFrom=${from}&createdTo=${to}`), 200);
    assert.deepEqual(
      range.items.map((i) => i.id),
      [apps[2]?.id, apps[1]?.id],
    );
    await problem(await list('?cursor=not-a-cursor!'), 400, 'invalid-cursor');
    await problem(
      await list(`?cursor=${Buffer.from('[1,"x"]').toString('base64url')}`),
      400,
      'invalid-cursor',
    );
    await problem(await list('?limit=101'), 400, 'validation-failed');
    await problem(await list('?status=lost'), 400, 'validation-failed');
    await s.edge.close();
  });

  test('export as JSON and as CSV with quoting and a formula guard', async () => {
    const s = await setup();
    await read(
      await submit(s, submission('=HYPERLINK("https://evil.example","Click")'), 'k-1'),
      201,
    );
    s.edge.clock.advance(1000);
    await read(await submit(s, submission('Smith, "Jones" & Co'), 'k-2'), 201);
    s.edge.clock.advance(1000);
    await read(await submit(s, submission('-Minus Traders'), 'k-3'), 201);
    const csv = await s.edge.call('GET', '/v1/applications/export?format=csv', {
      auth: s.tenant.secretKey,
    });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(csv.headers.get('content-disposition') ?? '', /attachment/);
    const text = await csv.text();
    const lines = text.split('\r\n');
    assert.equal(lines.length, 5); // header, three rows, the empty string after the last CRLF
    assert.match(lines[0] ?? '', /^id,status,product,customer,created_at/);
    assert.match(lines[1] ?? '', /,'-Minus Traders,/);
    assert.match(lines[2] ?? '', /,"Smith, ""Jones"" & Co",/);
    assert.match(lines[3] ?? '', /,"'=HYPERLINK\(""https:\/\/evil.example"",""Click""\)",/);
    assert.ok(!/,[=+\-@]/.test(text.replace(/,-?\d/g, '')), 'no cell starts a formula');

    const json = await read<{ items: { steps: { company: { legalName: string } } }[] }>(
      await s.edge.call('GET', '/v1/applications/export?format=json', { auth: s.tenant.secretKey }),
      200,
    );
    assert.deepEqual(
      json.items.map((i) => i.steps.company.legalName),
      ['-Minus Traders', 'Smith, "Jones" & Co', '=HYPERLINK("https://evil.example","Click")'],
    );
    await problem(
      await s.edge.call('GET', '/v1/applications/export?format=xlsx', { auth: s.tenant.secretKey }),
      400,
      'validation-failed',
    );
    await s.edge.close();
  });

  test('scopes: read and write are separate; widget and publishable credentials get nothing', async () => {
    const s = await setup();
    const [app] = await submitted(s, 1);
    assert.ok(app);
    const key = async (scopes: string[]) =>
      (
        await read<{ secret: string }>(
          await s.edge.call('POST', '/v1/keys', {
            auth: s.tenant.secretKey,
            body: { kind: 'secret', scopes },
          }),
          201,
        )
      ).secret;
    const reader = await key(['applications:read']);
    const writer = await key(['applications:write']);
    await read(await s.edge.call('GET', `/v1/applications/${app.id}`, { auth: reader }), 200);
    await problem(await changeStatus(s, app.id, 'in_review', reader), 403, 'insufficient-scope');
    await problem(
      await s.edge.call('GET', '/v1/applications', { auth: writer }),
      403,
      'insufficient-scope',
    );
    await read(await changeStatus(s, app.id, 'in_review', writer), 200);
    for (const auth of [s.token, s.tenant.publishableKey]) {
      const res = await s.edge.call('GET', '/v1/applications', {
        auth,
        headers: { origin: ORIGIN },
      });
      await problem(res, 403, 'forbidden');
    }
    await s.edge.close();
  });

  test('another tenant’s application is a 404 everywhere, and lists and exports none', async () => {
    const a = await setup();
    const b = await setup(a.edge, 'bank-b');
    const [app] = await submitted(a, 1);
    assert.ok(app);
    const auth = b.tenant.secretKey;
    await problem(
      await a.edge.call('GET', `/v1/applications/${app.id}`, { auth }),
      404,
      'not-found',
    );
    await problem(await changeStatus(b, app.id, 'in_review'), 404, 'not-found');
    const list = await read<{ items: unknown[] }>(
      await a.edge.call('GET', '/v1/applications', { auth }),
      200,
    );
    assert.deepEqual(list.items, []);
    const csv = await (
      await a.edge.call('GET', '/v1/applications/export?format=csv', { auth })
    ).text();
    assert.equal(csv.split('\r\n').length, 2);
    // The status is unchanged for its own tenant.
    const own = await read<{ status: string }>(
      await a.edge.call('GET', `/v1/applications/${app.id}`, { auth: a.tenant.secretKey }),
      200,
    );
    assert.equal(own.status, 'submitted');
    await a.edge.close();
  });
});

describe('personal data at rest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-applications-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the database file and its WAL hold no plaintext personal data or document bytes; ciphertexts do not move', async () => {
    const file = join(dir, 'edge.db');
    const edge = await createTestEdge({}, file);
    edge.sqlite.pragma('journal_mode = WAL');
    const a = await setup(edge, 'bank-a');
    const b = await setup(edge, 'bank-b', 'cust-b');
    const [appA] = await submitted(a, 2);
    const [appB] = await submitted(b, 1);
    assert.ok(appA && appB);
    // Documents: one submitted with an application, one still waiting; their bytes (an
    // uncompressed PDF whose text is a marker, a PNG) and names are personal data too.
    const certificate = onePagePdf('', [stream('', `(${DOCUMENT_MARKER}) Tj`)]);
    const image = png();
    const uploadAs = async (bytes: Uint8Array, name: string) =>
      read<{ id: string }>(
        await edge.call('POST', '/v1/applications/documents?kind=identity', {
          auth: a.token,
          body: bytes,
          headers: { origin: ORIGIN, 'x-file-name': encodeURIComponent(name) },
        }),
        201,
      );
    const attached = await uploadAs(certificate, DOCUMENT_NAMES[0]);
    await uploadAs(image, DOCUMENT_NAMES[1]);
    const withDocument = submission();
    await read(
      await submit(
        a,
        {
          ...withDocument,
          steps: {
            ...withDocument.steps,
            documents: { documents: [{ id: attached.id, kind: 'identity' }] },
          },
        },
        'with-document',
      ),
      201,
    );
    assert.equal(count(edge, 'blobs'), 2, 'the scan reads the documents’ rows');
    await read(
      await edge.call('PUT', '/v1/applications/draft', {
        auth: a.token,
        body: { steps: { company: submission().steps.company, people: submission().steps.people } },
        headers: { origin: ORIGIN },
      }),
      200,
    );
    await read(await changeStatus(a, appA.id, 'in_review'), 200);
    const base = file.split('/').pop() ?? '';
    const bytes = readdirSync(dir)
      .filter((n) => n.startsWith(base))
      .map((n) => readFileSync(join(dir, n)).toString('latin1'))
      .join('\n');
    assert.ok(bytes.includes(appA.id), 'the scan reads the rows written');
    const leaks = [...PII, DOCUMENT_MARKER, ...DOCUMENT_NAMES].flatMap((needle) =>
      [needle, Buffer.from(needle).toString('base64'), Buffer.from(needle, 'utf8').toString('hex')]
        .filter((form) => bytes.includes(form))
        .map(() => needle),
    );
    assert.deepEqual(leaks, []);
    // Nor any run of 32 bytes of either file, as stored bytes or as text.
    for (const [what, doc] of [
      ['the PDF', certificate],
      ['the PNG', image],
    ] as const) {
      for (let i = 0; i + 32 <= doc.length; i += 16) {
        const run = Buffer.from(doc.subarray(i, i + 32));
        assert.ok(!bytes.includes(run.toString('latin1')), `${what} at ${i} is in the database`);
        assert.ok(!bytes.includes(run.toString('base64')), `${what} at ${i} (base64)`);
      }
    }

    // A ciphertext copied onto another row (or another tenant's) does not open there.
    edge.sqlite
      .prepare(
        'UPDATE applications SET sealed = (SELECT sealed FROM applications WHERE id = ?) WHERE id = ?',
      )
      .run(appA.id, appB.id);
    const moved = await edge.call('GET', `/v1/applications/${appB.id}`, {
      auth: b.tenant.secretKey,
    });
    assert.equal(moved.status, 500);
    assert.ok(!(await moved.text()).includes('Zephyrine'));
    await edge.close();
  });

  test('after a master-key rotation the data key opens with the previous key and is sealed again', async () => {
    const file = join(dir, 'rotation.db');
    const first = await createTestEdge({}, file);
    const s = await setup(first);
    const [app] = await submitted(s, 1);
    assert.ok(app);
    const kekOf = () =>
      (first.sqlite.prepare('SELECT kek_id FROM tenant_data_keys').get() as { kek_id: string })
        .kek_id;
    const before = kekOf();
    await first.close();

    const next = '1e'.repeat(32);
    const rotated = await createTestEdge(
      { masterKey: next, previousMasterKeys: [TEST_MASTER_KEY] },
      file,
    );
    const read1 = await rotated.call('GET', `/v1/applications/${app.id}`, {
      auth: s.tenant.secretKey,
    });
    assert.equal(read1.status, 200, await read1.clone().text());
    const after = (
      rotated.sqlite.prepare('SELECT kek_id FROM tenant_data_keys').get() as { kek_id: string }
    ).kek_id;
    assert.notEqual(after, before);
    await rotated.close();

    // The previous master key is gone: the application still opens.
    const only = await createTestEdge({ masterKey: next }, file);
    const read2 = await only.call('GET', `/v1/applications/${app.id}`, {
      auth: s.tenant.secretKey,
    });
    assert.equal(read2.status, 200, await read2.clone().text());
    assert.equal(
      ((await read2.json()) as { steps: { company: { legalName: string } } }).steps.company
        .legalName,
      'Company 0',
    );
    await only.close();
  });
});
