// The applications API against the real Node server (SQLite) and the real Worker in workerd
// (local D1), written once: drafts per customer, idempotent submissions (missing key, replay,
// another body under the same key, 50 concurrent duplicates making exactly one application),
// and the lifecycle through the tenant API (allowed and refused transitions, audit, export),
// with another tenant's credentials getting 404.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type CallOptions,
  OPERATOR_KEY,
  RUNTIMES,
  type RuntimeEdge,
  startRuntime,
} from './runtimes.js';

const ORIGIN = 'https://www.bank-a.example';

const SUBMISSION = (legalName = 'Zephyrine Textiles Private Limited') => ({
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
    },
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

interface Tenant {
  id: string;
  secretKey: string;
}

interface Receipt {
  id: string;
  status: string;
  createdAt: number;
}

async function read<T>(res: Response, status: number, what = ''): Promise<T> {
  const text = await res.text();
  assert.equal(res.status, status, `${what} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function problem(res: Response, status: number, code: string) {
  const body = await read<Record<string, unknown>>(res, status, code);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(body.type, `https://docs.gridworks.example/problems/${code}`);
  return body;
}

for (const runtime of RUNTIMES) {
  describe(`applications on ${runtime}`, () => {
    let edge: RuntimeEdge;
    let slugs = 0;
    const call = (method: string, path: string, options?: CallOptions) =>
      edge.call(method, path, options);

    async function tenant(): Promise<Tenant> {
      const slug = `apps-${++slugs}`;
      const created = await read<{ tenant: { id: string }; secretKey: string }>(
        await call('POST', '/v1/tenants', {
          auth: OPERATOR_KEY,
          body: { slug, name: `Bank ${slug}` },
        }),
        201,
        'create tenant',
      );
      await read(
        await call('PUT', '/v1/origins', { auth: created.secretKey, body: { origins: [ORIGIN] } }),
        200,
      );
      return { id: created.tenant.id, secretKey: created.secretKey };
    }

    async function customerToken(t: Tenant, customer: string): Promise<string> {
      const minted = await read<{ token: string }>(
        await call('POST', '/v1/tokens', {
          auth: t.secretKey,
          body: { scopes: ['onboarding:write'], origin: ORIGIN, customer },
        }),
        201,
        'mint',
      );
      return minted.token;
    }

    const submit = (token: string, body: unknown, key?: string) =>
      call('POST', '/v1/applications', {
        auth: token,
        body,
        headers: { origin: ORIGIN, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      });

    const list = async (t: Tenant) =>
      read<{ items: { id: string; status: string }[] }>(
        await call('GET', '/v1/applications?limit=100', { auth: t.secretKey }),
        200,
      );

    before(async () => {
      edge = await startRuntime(runtime);
    });
    after(async () => {
      await edge?.close();
    });

    test('drafts: saved per customer, last write wins, 204 when none', async () => {
      const t = await tenant();
      const token = await customerToken(t, 'cust-draft');
      const draft = (method: string, body?: unknown, auth = token) =>
        call(method, '/v1/applications/draft', { auth, body, headers: { origin: ORIGIN } });
      const none = await draft('GET');
      assert.equal(none.status, 204);
      assert.equal(await none.text(), '');
      await read(
        await draft('PUT', { step: 'company', steps: { company: { legalName: 'One' } } }),
        200,
      );
      await edge.clock.advance(1000);
      await read(
        await draft('PUT', { step: 'people', steps: { company: { legalName: 'Two' } } }),
        200,
      );
      const saved = await read<{
        step: string;
        steps: { company: { legalName: string } };
        updatedAt: number;
      }>(await draft('GET'), 200);
      assert.equal(saved.steps.company.legalName, 'Two');
      assert.equal(saved.step, 'people');
      // workerd's test clock is an offset: it keeps ticking after it is set.
      assert.ok(saved.updatedAt >= edge.clock.now() && saved.updatedAt < edge.clock.now() + 60_000);
      await problem(
        await draft('PUT', { steps: { people: { signatories: [{ email: 'nope' }] } } }),
        422,
        'validation-failed',
      );
      // Another customer of the bank has a draft of their own: none yet.
      const theirs = await draft('GET', undefined, await customerToken(t, 'cust-other'));
      assert.equal(theirs.status, 204);
    });

    test('idempotency: no key 400, replay, another body 422, and the draft goes with the submission', async () => {
      const t = await tenant();
      const token = await customerToken(t, 'cust-1');
      await read(
        await call('PUT', '/v1/applications/draft', {
          auth: token,
          body: { steps: { entityType: { entityType: 'llp' } } },
          headers: { origin: ORIGIN },
        }),
        200,
      );
      await problem(await submit(token, SUBMISSION()), 400, 'idempotency-key-required');
      await problem(await submit(token, SUBMISSION(), 'has space'), 400, 'invalid-idempotency-key');
      assert.equal((await list(t)).items.length, 0);

      const first = await submit(token, SUBMISSION(), 'key-1');
      const receipt = await read<Receipt>(first, 201);
      assert.equal(receipt.status, 'submitted');
      const replay = await submit(token, SUBMISSION(), 'key-1');
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(await read<Receipt>(replay, 201), receipt);
      await problem(
        await submit(token, SUBMISSION('Other Co'), 'key-1'),
        422,
        'idempotency-key-reused',
      );
      assert.deepEqual(
        (await list(t)).items.map((i) => i.id),
        [receipt.id],
      );
      const gone = await call('GET', '/v1/applications/draft', {
        auth: token,
        headers: { origin: ORIGIN },
      });
      assert.equal(gone.status, 204, 'the draft went with the submission');
    });

    test('50 concurrent duplicates with one key: exactly one application, the rest replay or 409', async () => {
      const t = await tenant();
      const token = await customerToken(t, 'cust-race');
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => submit(token, SUBMISSION(), 'race-key')),
      );
      const results = await Promise.all(
        answers.map(async (r) => ({ status: r.status, body: (await r.json()) as Receipt })),
      );
      const statuses = new Set(results.map((r) => r.status));
      assert.ok(
        [...statuses].every((s) => s === 201 || s === 409),
        [...statuses].join(','),
      );
      const ids = new Set(results.filter((r) => r.status === 201).map((r) => r.body.id));
      assert.equal(ids.size, 1);
      const stored = (await list(t)).items;
      assert.deepEqual(
        stored.map((i) => i.id),
        [...ids],
      );
      // Settled: a retry replays the one application.
      const retry = await read<Receipt>(await submit(token, SUBMISSION(), 'race-key'), 201);
      assert.ok(ids.has(retry.id));
    });

    test('lifecycle: transitions allowed and refused (naming the allowed), audited, exported; other tenants 404', async () => {
      const t = await tenant();
      const other = await tenant();
      const token = await customerToken(t, 'cust-life');
      const app = await read<Receipt>(await submit(token, SUBMISSION('=cmd|calc'), 'life-1'), 201);
      const status = (to: string, auth = t.secretKey) =>
        call('POST', `/v1/applications/${app.id}/status`, { auth, body: { status: to } });

      const refused = await problem(await status('approved'), 409, 'transition-not-allowed');
      assert.deepEqual(refused.allowed, ['needs_review', 'in_review']);
      await problem(await status('in_review', other.secretKey), 404, 'not-found');
      await problem(
        await call('GET', `/v1/applications/${app.id}`, { auth: other.secretKey }),
        404,
        'not-found',
      );
      for (const to of ['in_review', 'needs_info', 'in_review', 'rejected'])
        assert.equal((await read<{ status: string }>(await status(to), 200)).status, to);
      const final = await problem(await status('in_review'), 409, 'transition-not-allowed');
      assert.deepEqual(final.allowed, []);

      const full = await read<{ status: string; steps: { company: { legalName: string } } }>(
        await call('GET', `/v1/applications/${app.id}`, { auth: t.secretKey }),
        200,
      );
      assert.equal(full.status, 'rejected');
      assert.equal(full.steps.company.legalName, '=cmd|calc');

      const audit = await read<{ items: { action: string }[] }>(
        await call('GET', '/v1/audit?limit=100', { auth: t.secretKey }),
        200,
      );
      assert.equal(audit.items.filter((i) => i.action === 'application.status_changed').length, 4);
      assert.equal(audit.items.filter((i) => i.action === 'application.submitted').length, 1);

      const csv = await call('GET', '/v1/applications/export?format=csv', { auth: t.secretKey });
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
      const rows = (await csv.text()).split('\r\n');
      assert.equal(rows.length, 3);
      assert.ok(rows[1]?.includes(",'=cmd|calc,"), rows[1]);
      assert.equal((await list(other)).items.length, 0);
    });
  });
}
