// Webhooks on both runtimes, written once: the real Node server and the real Worker (its
// Cron Trigger) deliver the outbox events of real submissions and status changes to a
// receiver on loopback that fails at first and then recovers — every event arrives, with a
// signature the receiver verifies with the endpoint's secret — and the delivery log shows it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyWebhookSignature } from '../../edge/webhooks/signature.js';
import { startWebhookReceiver, type WebhookReceiver } from '../edge/webhook-receiver.js';
import { OPERATOR_KEY, RUNTIMES, type RuntimeEdge, startRuntime } from './runtimes.js';

const ORIGIN = 'https://www.bank-a.example';

const SUBMISSION = {
  product: 'business-current',
  steps: {
    company: {
      legalName: 'Marigold Looms Private Limited',
      registrationNumbers: [{ scheme: 'cin', value: 'U17110MH2019PTC123456' }],
      incorporationDate: '2019-04-01',
      registeredAddress: {
        line1: '7 Loom Street',
        city: 'Pune',
        postalCode: '411001',
        country: 'IN',
      },
    },
    entityType: { entityType: 'private-limited' },
    people: {
      signatories: [
        {
          fullName: 'Ottoline Varga-Ishikawa',
          role: 'Director',
          email: 'ottoline@marigold-looms.example',
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
};

let receiver: WebhookReceiver;
let hookUrl = '';

before(async () => {
  receiver = await startWebhookReceiver();
  hookUrl = receiver.url;
});
after(() => receiver.close());

async function read<T>(res: Response, status: number, what = ''): Promise<T> {
  const text = await res.text();
  assert.equal(res.status, status, `${what} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

for (const runtime of RUNTIMES) {
  describe(`webhooks on ${runtime}`, () => {
    let edge: RuntimeEdge;
    before(async () => {
      edge = await startRuntime(runtime);
    });
    after(async () => {
      await edge?.close();
    });

    test('a receiver that fails, then recovers, gets every event, signed', async () => {
      receiver.received.length = 0;
      const created = await read<{ tenant: { id: string }; secretKey: string }>(
        await edge.call('POST', '/v1/tenants', {
          auth: OPERATOR_KEY,
          body: { slug: `hooks-${runtime}`, name: 'Bank Hooks' },
        }),
        201,
      );
      const sk = created.secretKey;
      await read(
        await edge.call('PUT', '/v1/origins', { auth: sk, body: { origins: [ORIGIN] } }),
        200,
      );
      const endpoint = await read<{ secret: string }>(
        await edge.call('POST', '/v1/webhooks/endpoints', { auth: sk, body: { url: hookUrl } }),
        201,
        'register',
      );
      const { token } = await read<{ token: string }>(
        await edge.call('POST', '/v1/tokens', {
          auth: sk,
          body: { scopes: ['onboarding:write'], origin: ORIGIN, customer: 'cust-hooks' },
        }),
        201,
      );
      const application = await read<{ id: string }>(
        await edge.call('POST', '/v1/applications', {
          auth: token,
          body: SUBMISSION,
          headers: { origin: ORIGIN, 'idempotency-key': `hooks-${runtime}-1` },
        }),
        201,
        'submit',
      );
      await read(
        await edge.call('POST', `/v1/applications/${application.id}/status`, {
          auth: sk,
          body: { status: 'in_review' },
        }),
        200,
        'status',
      );
      receiver.failNext = 2;
      // Rounds as the timer (Node) or the Cron Trigger (Workers) runs them, an hour apart.
      for (
        let round = 0;
        round < 6 &&
        new Set(receiver.received.filter((r) => r.eventId).map((r) => r.eventId)).size < 2;
        round++
      ) {
        await edge.maintenance();
        await edge.clock.advance(60 * 60_000);
      }
      for (let round = 0; round < 3; round++) {
        await edge.maintenance();
        await edge.clock.advance(60 * 60_000);
      }
      const types = new Set(receiver.received.map((r) => r.type));
      assert.ok(types.has('application.submitted'), [...types].join());
      assert.ok(types.has('application.status_changed'), [...types].join());
      for (const r of receiver.received) {
        const body = JSON.parse(r.body) as { id: string; type: string };
        assert.equal(body.id, r.eventId);
        const verified = await verifyWebhookSignature(r.body, r.signature, endpoint.secret, {
          toleranceSeconds: 7 * 24 * 3600,
          nowSeconds: Math.floor(edge.clock.now() / 1000),
        });
        assert.equal(verified.ok, true);
      }
      const log = await read<{ items: { status: string; attempts: number }[] }>(
        await edge.call('GET', '/v1/webhooks/deliveries', { auth: sk }),
        200,
      );
      assert.equal(log.items.length, 2);
      assert.ok(
        log.items.every((d) => d.status === 'delivered'),
        JSON.stringify(log.items),
      );
      assert.ok(
        log.items.some((d) => d.attempts > 1),
        'the receiver failed at first',
      );
    });
  });
}
