// Screening on both runtimes, written once: the real Node server and the real Worker load the
// tenant's list through the API and hold a submission whose signatory is on it for review,
// with the hit on the application; a reviewer's decision on the hit is recorded once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_SANCTIONS_LIST } from '../../edge/demo/index.js';
import { OPERATOR_KEY, RUNTIMES, type RuntimeEdge, startRuntime } from './runtimes.js';

const ORIGIN = 'https://www.bank-a.example';

const submission = (fullName: string, dateOfBirth: string) => ({
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
          fullName,
          role: 'Director',
          email: 'director@quillfeather.example',
          phone: '+919812345678',
          dateOfBirth,
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

async function read<T>(res: Response, status: number, what = ''): Promise<T> {
  const text = await res.text();
  assert.equal(res.status, status, `${what} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

for (const runtime of RUNTIMES) {
  describe(`screening on ${runtime}`, () => {
    let edge: RuntimeEdge;
    before(async () => {
      edge = await startRuntime(runtime);
    });
    after(async () => {
      await edge?.close();
    });

    test('a signatory on the list holds the application for review', async () => {
      const created = await read<{ secretKey: string }>(
        await edge.call('POST', '/v1/tenants', {
          auth: OPERATOR_KEY,
          body: { slug: `screen-${runtime}`, name: 'Bank Screen' },
        }),
        201,
      );
      const sk = created.secretKey;
      await read(
        await edge.call('PUT', '/v1/origins', { auth: sk, body: { origins: [ORIGIN] } }),
        200,
      );
      const list = await read<{ entries: number }>(
        await edge.call('PUT', '/v1/screening/list', {
          auth: sk,
          body: { entries: DEMO_SANCTIONS_LIST },
        }),
        200,
        'list',
      );
      assert.equal(list.entries, DEMO_SANCTIONS_LIST.length);
      const { token } = await read<{ token: string }>(
        await edge.call('POST', '/v1/tokens', {
          auth: sk,
          body: { scopes: ['onboarding:write'], origin: ORIGIN, customer: 'cust-screen' },
        }),
        201,
      );
      const receipt = await read<{ id: string; status: string }>(
        await edge.call('POST', '/v1/applications', {
          auth: token,
          body: submission('Tundlikar Rajeshwar P.', '1968-07-21'),
          headers: { origin: ORIGIN, 'idempotency-key': `screen-${runtime}` },
        }),
        201,
        'submit',
      );
      assert.equal(receipt.status, 'needs_review');
      const application = await read<{
        screening: { hits: { subject: string; entry: { reference: string } }[] };
      }>(await edge.call('GET', `/v1/applications/${receipt.id}`, { auth: sk }), 200);
      assert.deepEqual(
        application.screening.hits.map((h) => [h.subject, h.entry.reference]),
        [['signatories/0', 'GWS-0003']],
      );
      // The reviewer clears the hit, once.
      const decide = () =>
        edge.call('POST', `/v1/applications/${receipt.id}/hits/hit_1`, {
          auth: sk,
          body: { decision: 'cleared' },
        });
      const decided = await read<{ hits: { decision: string }[] }>(await decide(), 200, 'decide');
      assert.equal(decided.hits[0]?.decision, 'cleared');
      assert.equal((await decide()).status, 409);
    });
  });
}
