// Screening submissions against the tenant's sanctions and PEP list: the list is loaded
// through the API (CSV or JSON, checked, bounded), every submission is screened before it is
// written, a hit holds the application in needs_review with the hit stored sealed on it and an
// `application.screened` event beside `application.submitted` in the same batch.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_SANCTIONS_LIST } from '../../edge/demo/index.js';
import {
  createTenant,
  createTestEdge,
  mintToken,
  ORIGIN,
  type TestEdge,
  type TestTenant,
} from './helpers.js';

const CSV_HEADER = 'name,aliases,dateOfBirth,country,list,reference';
const csvOf = (entries: readonly (typeof DEMO_SANCTIONS_LIST)[number][]) =>
  [
    CSV_HEADER,
    ...entries.map((e) =>
      [e.name, e.aliases.join(';'), e.dateOfBirth ?? '', e.country ?? '', e.list, e.reference]
        .map((v) => `"${v.replaceAll('"', '""')}"`)
        .join(','),
    ),
  ].join('\n');

const submission = (signatory: string, dateOfBirth?: string) => ({
  product: 'business-current',
  steps: {
    company: {
      legalName: 'Quillfeather Exports Private Limited',
      registrationNumbers: [{ scheme: 'cin', value: 'U17110MH2019PTC123456' }],
      incorporationDate: '2019-04-01',
      registeredAddress: { line1: '3 Ink Road', city: 'Pune', postalCode: '411001', country: 'IN' },
    },
    entityType: { entityType: 'private-limited' },
    people: {
      signatories: [
        {
          fullName: signatory,
          role: 'Director',
          email: 'director@quillfeather.example',
          phone: '+919812345678',
          ...(dateOfBirth ? { dateOfBirth } : {}),
        },
      ],
    },
    declarations: {
      politicallyExposed: false,
      sanctioned: false,
      consent: { accepted: true, text: 'I consent.', givenAt: '2026-11-21T11:00:00Z' },
    },
  },
});

interface World {
  edge: TestEdge;
  tenant: TestTenant;
  token: string;
}

async function world(): Promise<World> {
  const edge = await createTestEdge();
  const tenant = await createTenant(edge, 'screened-bank', [ORIGIN]);
  const { token } = await mintToken(edge, tenant, {
    scopes: ['onboarding:write'],
    origin: ORIGIN,
    customer: 'cust-screen',
  });
  return { edge, tenant, token };
}

const putList = (w: World, body: unknown, auth = w.tenant.secretKey) =>
  w.edge.call('PUT', '/v1/screening/list', { auth, body });

let keys = 0;
const submit = (w: World, body: unknown) =>
  w.edge.call('POST', '/v1/applications', {
    auth: w.token,
    body,
    headers: { origin: ORIGIN, 'idempotency-key': `screen-${++keys}` },
  });

async function read<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  return JSON.parse(text) as T;
}

const outboxTypes = (w: World) =>
  (w.edge.sqlite.prepare('SELECT type FROM outbox ORDER BY rowid').all() as { type: string }[]).map(
    (r) => r.type,
  );

describe('the sanctions and PEP list', () => {
  test('loads from CSV or JSON, replaces the previous one, and is audited', async () => {
    const w = await world();
    try {
      const fromCsv = await read<{ entries: number; lists: { name: string }[]; threshold: number }>(
        await putList(w, { csv: csvOf(DEMO_SANCTIONS_LIST) }),
        200,
      );
      assert.equal(fromCsv.entries, DEMO_SANCTIONS_LIST.length);
      assert.deepEqual(fromCsv.lists.map((l) => l.name).sort(), [
        'GW-DEMO-PEP',
        'GW-DEMO-SANCTIONS',
      ]);
      const fromJson = await read<{ entries: number; threshold: number }>(
        await putList(w, { entries: DEMO_SANCTIONS_LIST.slice(0, 3), threshold: 0.9 }),
        200,
      );
      assert.deepEqual([fromJson.entries, fromJson.threshold], [3, 0.9]);
      const now = await read<{ entries: number }>(
        await w.edge.call('GET', '/v1/screening/list', { auth: w.tenant.secretKey }),
        200,
      );
      assert.equal(now.entries, 3);
      const audit = w.edge.sqlite
        .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'screening.list-replaced'")
        .get() as { n: number };
      assert.equal(audit.n, 2);
    } finally {
      await w.edge.close();
    }
  });

  test('a bad list is a 422 naming the row and field, and changes nothing', async () => {
    const w = await world();
    try {
      await read(await putList(w, { entries: DEMO_SANCTIONS_LIST.slice(0, 2) }), 200);
      const cases = [
        { csv: `${CSV_HEADER}\n"",,,,GW,REF-1` },
        { entries: [{ name: 'X', list: 'GW' }] },
        { entries: [{ ...DEMO_SANCTIONS_LIST[0], country: 'Hungary' }] },
        { csv: csvOf(DEMO_SANCTIONS_LIST), entries: [] },
        {},
      ];
      for (const body of cases) {
        const res = await putList(w, body);
        const text = await res.text();
        assert.equal(res.status, 422, JSON.stringify(body));
        assert.match(text, /invalid-list|validation-failed/);
      }
      const many = Array.from({ length: 5001 }, (_, i) => ({
        name: `Entry ${i}`,
        list: 'GW',
        reference: `R-${i}`,
      }));
      assert.equal((await putList(w, { entries: many })).status, 422);
      const still = await read<{ entries: number }>(
        await w.edge.call('GET', '/v1/screening/list', { auth: w.tenant.secretKey }),
        200,
      );
      assert.equal(still.entries, 2);
    } finally {
      await w.edge.close();
    }
  });

  test('takes a body far above the edge’s default limit, which other routes keep', async () => {
    const w = await world();
    try {
      const big = Array.from({ length: 2000 }, (_, i) => ({
        name: `Fictional Person Number ${i}`,
        aliases: [`F. P. Number ${i}`],
        list: 'GW-BIG',
        reference: `BIG-${i}`,
      }));
      const body = { entries: big };
      assert.ok(JSON.stringify(body).length > 64 * 1024);
      assert.equal((await putList(w, body)).status, 200);
      const elsewhere = await w.edge.call('PUT', '/v1/origins', {
        auth: w.tenant.secretKey,
        body: { origins: [ORIGIN], padding: 'x'.repeat(70 * 1024) },
      });
      assert.equal(elsewhere.status, 413);
    } finally {
      await w.edge.close();
    }
  });

  test('needs a secret key with applications:write', async () => {
    const w = await world();
    try {
      const narrow = await w.edge.call('POST', '/v1/keys', {
        auth: w.tenant.secretKey,
        body: { kind: 'secret', scopes: ['applications:read'] },
      });
      const { secret } = (await narrow.json()) as { secret: string };
      assert.equal((await putList(w, { entries: [] }, secret)).status, 403);
      assert.equal((await putList(w, { entries: [] }, w.token)).status, 403);
    } finally {
      await w.edge.close();
    }
  });
});

describe('screening a submission', () => {
  test('a hit holds the application in needs_review, with the hit on it and a screened event', async () => {
    const w = await world();
    try {
      await read(await putList(w, { csv: csvOf(DEMO_SANCTIONS_LIST) }), 200);
      // The list's Rajeshwar Prakash Tundlikar, born 1968-07-21, written another way.
      const receipt = await read<{ id: string; status: string }>(
        await submit(w, submission('Tundlikar Rajeshwar P.', '1968-07-21')),
        201,
      );
      assert.equal(receipt.status, 'needs_review');
      const application = await read<{
        status: string;
        screening: { hits: { subject: string; entry: { reference: string }; score: number }[] };
      }>(
        await w.edge.call('GET', `/v1/applications/${receipt.id}`, { auth: w.tenant.secretKey }),
        200,
      );
      assert.equal(application.status, 'needs_review');
      const hit = application.screening.hits.find((h) => h.subject === 'signatories/0');
      assert.ok(hit, JSON.stringify(application.screening));
      assert.equal(hit.entry.reference, 'GWS-0003');
      assert.ok(hit.score >= 0.78);
      assert.deepEqual(outboxTypes(w), ['application.submitted', 'application.screened']);
      // Who matched is sealed: the column holds no name.
      const row = w.edge.sqlite.prepare('SELECT screening FROM applications').get() as {
        screening: string;
      };
      assert.equal(row.screening.includes('Tundlikar'), false);
      // The reviewer takes it from there.
      const moved = await w.edge.call('POST', `/v1/applications/${receipt.id}/status`, {
        auth: w.tenant.secretKey,
        body: { status: 'in_review' },
      });
      assert.equal(moved.status, 200);
    } finally {
      await w.edge.close();
    }
  });

  test('a clean submission is submitted, screened with no hits', async () => {
    const w = await world();
    try {
      await read(await putList(w, { csv: csvOf(DEMO_SANCTIONS_LIST) }), 200);
      const receipt = await read<{ id: string; status: string }>(
        await submit(w, submission('Ottoline Varga-Ishikawa')),
        201,
      );
      assert.equal(receipt.status, 'submitted');
      const application = await read<{ screening: { hits: unknown[]; listEntries: number } }>(
        await w.edge.call('GET', `/v1/applications/${receipt.id}`, { auth: w.tenant.secretKey }),
        200,
      );
      assert.deepEqual(application.screening.hits, []);
      assert.equal(application.screening.listEntries, DEMO_SANCTIONS_LIST.length);
      assert.deepEqual(outboxTypes(w), ['application.submitted', 'application.screened']);
    } finally {
      await w.edge.close();
    }
  });

  test('without a list nothing is screened, and the application says so', async () => {
    const w = await world();
    try {
      const receipt = await read<{ id: string; status: string }>(
        await submit(w, submission('Tundlikar Rajeshwar P.', '1968-07-21')),
        201,
      );
      assert.equal(receipt.status, 'submitted');
      const application = await read<{ screening: unknown }>(
        await w.edge.call('GET', `/v1/applications/${receipt.id}`, { auth: w.tenant.secretKey }),
        200,
      );
      assert.equal(application.screening, null);
      assert.deepEqual(outboxTypes(w), ['application.submitted']);
    } finally {
      await w.edge.close();
    }
  });

  test('a reviewer clears or confirms each hit once; both are audited', async () => {
    const w = await world();
    try {
      await read(await putList(w, { csv: csvOf(DEMO_SANCTIONS_LIST) }), 200);
      const { id } = await read<{ id: string }>(
        await submit(w, submission('Tundlikar Rajeshwar P.', '1968-07-21')),
        201,
      );
      const decide = (hitId: string, body: unknown, auth = w.tenant.secretKey) =>
        w.edge.call('POST', `/v1/applications/${id}/hits/${hitId}`, { auth, body });
      const decided = await read<{
        hits: { id: string; decision: string; decidedBy: string; note?: string }[];
      }>(
        await decide('hit_1', { decision: 'cleared', note: 'Different person: passport checked' }),
        200,
      );
      assert.equal(decided.hits[0]?.decision, 'cleared');
      assert.match(decided.hits[0]?.decidedBy ?? '', /^key_/);
      // Once decided, a hit stays decided.
      const again = await decide('hit_1', { decision: 'confirmed' });
      assert.equal(again.status, 409);
      // The decision is on the application as the bank reads it.
      const application = await read<{
        screening: { hits: { decision: string; note?: string }[] };
      }>(await w.edge.call('GET', `/v1/applications/${id}`, { auth: w.tenant.secretKey }), 200);
      assert.deepEqual(
        [application.screening.hits[0]?.decision, application.screening.hits[0]?.note],
        ['cleared', 'Different person: passport checked'],
      );
      const audit = w.edge.sqlite
        .prepare(
          "SELECT action, target, details FROM audit_log WHERE action LIKE 'screening.hit-%'",
        )
        .all() as { action: string; target: string; details: string }[];
      assert.deepEqual(
        audit.map((a) => [a.action, a.target]),
        [['screening.hit-cleared', `${id}/hit_1`]],
      );
      assert.equal(audit[0]?.details.includes('Tundlikar'), false, 'no name in the audit log');
      // Bad input changes nothing: an unknown hit, a bad decision, another tenant.
      assert.equal((await decide('hit_9', { decision: 'cleared' })).status, 404);
      assert.equal((await decide('hit_1', { decision: 'maybe' })).status, 422);
      const other = await createTenant(w.edge, 'other-bank');
      assert.equal((await decide('hit_1', { decision: 'confirmed' }, other.secretKey)).status, 404);
    } finally {
      await w.edge.close();
    }
  });
});
