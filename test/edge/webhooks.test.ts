// Webhooks end to end on the Node edge: a bank registers an endpoint (the secret shown once,
// sealed at rest), events from the outbox reach a real receiver on loopback signed with that
// secret, a receiver that fails and recovers still gets every event, retries back off for
// 24 h and then give up, the delivery log shows every attempt, and a delivery can be sent
// again by hand — all per tenant.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  DELIVERIES_PER_ROUND,
  dispatchWebhooks,
  drainWebhooks,
} from '../../edge/webhooks/dispatch.js';
import { verifyWebhookSignature } from '../../edge/webhooks/signature.js';
import { createTenant, createTestEdge, type TestEdge, type TestTenant } from './helpers.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

let receiver: WebhookReceiver;
let hookUrl = '';

before(async () => {
  receiver = await startWebhookReceiver(500);
  hookUrl = receiver.url;
});
after(() => receiver.close());
beforeEach(() => {
  receiver.received.length = 0;
  receiver.failNext = 0;
});

/** An event as the applications module writes it to the outbox. */
function emit(edge: TestEdge, tenant: TestTenant, id: string, type = 'application.submitted') {
  edge.sqlite
    .prepare('INSERT INTO outbox (id, tenant_id, type, payload, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(id, tenant.id, type, JSON.stringify({ applicationId: `app_${id}` }), edge.clock.now());
}

async function register(edge: TestEdge, tenant: TestTenant, url = hookUrl) {
  const res = await edge.call('POST', '/v1/webhooks/endpoints', {
    auth: tenant.secretKey,
    body: { url, description: 'core banking' },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function deliveries(edge: TestEdge, tenant: TestTenant, query = '') {
  const res = await edge.call('GET', `/v1/webhooks/deliveries${query}`, { auth: tenant.secretKey });
  assert.equal(res.status, 200);
  return (await res.json()) as {
    items: {
      id: string;
      status: string;
      attempts: number;
      eventId: string;
      lastStatus: number | null;
    }[];
    nextCursor: string | null;
  };
}

async function setUp() {
  const edge = await createTestEdge({ allowLoopbackWebhooks: true });
  const tenant = await createTenant(edge, 'hooked-bank');
  return { edge, tenant };
}

describe('webhook endpoints', () => {
  test('registering shows the secret once; it is sealed at rest and never listed', async () => {
    const { edge, tenant } = await setUp();
    try {
      const created = await register(edge, tenant);
      assert.equal(created.status, 201);
      const secret = String(created.body.secret);
      assert.match(secret, /^whsec_[A-Za-z0-9]{43}$/);
      const listed = await edge.call('GET', '/v1/webhooks/endpoints', { auth: tenant.secretKey });
      const text = await listed.text();
      assert.equal(text.includes(secret), false);
      assert.equal((JSON.parse(text) as { items: unknown[] }).items.length, 1);
      const rows = edge.sqlite.prepare('SELECT * FROM webhook_endpoints').all();
      assert.equal(JSON.stringify(rows).includes(secret.slice(6)), false);
      const audit = edge.sqlite
        .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'webhook.endpoint-created'")
        .get() as { n: number };
      assert.equal(audit.n, 1);
    } finally {
      await edge.close();
    }
  });

  test('an endpoint URL must be https on a public host name', async () => {
    const edge = await createTestEdge();
    try {
      const tenant = await createTenant(edge, 'strict-bank');
      for (const url of [
        'http://hooks.bank.example/gw',
        'https://127.0.0.1/gw',
        'https://localhost/gw',
        'https://intranet/gw',
        'https://user:pass@hooks.bank.example/gw',
        'https://hooks.bank.example/gw#x',
        hookUrl, // loopback is for development and tests only
      ]) {
        const res = await register(edge, tenant, url);
        assert.equal(res.status, 422, url);
      }
      assert.equal(
        (await register(edge, tenant, 'https://hooks.bank.example/gridworks')).status,
        201,
      );
      const rows = edge.sqlite.prepare('SELECT count(*) AS n FROM webhook_endpoints').get() as {
        n: number;
      };
      assert.equal(rows.n, 1, 'refused registrations changed nothing');
    } finally {
      await edge.close();
    }
  });

  test('at most five active endpoints; a disabled one makes room', async () => {
    const { edge, tenant } = await setUp();
    try {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await register(edge, tenant, `${hookUrl}/${i}`);
        assert.equal(res.status, 201);
        ids.push(String((res.body.endpoint as { id: string }).id));
      }
      assert.equal((await register(edge, tenant)).status, 409);
      const disabled = await edge.call('DELETE', `/v1/webhooks/endpoints/${ids[0]}`, {
        auth: tenant.secretKey,
      });
      assert.equal(disabled.status, 204);
      assert.equal((await register(edge, tenant)).status, 201);
    } finally {
      await edge.close();
    }
  });

  test('needs a secret key with webhooks:write; another tenant sees nothing', async () => {
    const { edge, tenant } = await setUp();
    try {
      const narrow = await edge.call('POST', '/v1/keys', {
        auth: tenant.secretKey,
        body: { kind: 'secret', scopes: ['audit:read'] },
      });
      const { secret } = (await narrow.json()) as { secret: string };
      const refused = await edge.call('GET', '/v1/webhooks/endpoints', { auth: secret });
      assert.equal(refused.status, 403);
      await register(edge, tenant);
      emit(edge, tenant, 'evt_cross0000000000001');
      await dispatchWebhooks(edge.deps);
      const other = await createTenant(edge, 'other-bank');
      const [delivery] = (await deliveries(edge, tenant)).items;
      assert.ok(delivery);
      assert.equal((await deliveries(edge, other)).items.length, 0);
      for (const [method, path] of [
        ['GET', `/v1/webhooks/deliveries/${delivery.id}/attempts`],
        ['POST', `/v1/webhooks/deliveries/${delivery.id}/redeliver`],
      ] as const) {
        assert.equal((await edge.call(method, path, { auth: other.secretKey })).status, 404);
      }
    } finally {
      await edge.close();
    }
  });
});

describe('webhook deliveries', () => {
  test('a receiver that fails and recovers gets every event, signed, once delivered', async () => {
    const { edge, tenant } = await setUp();
    try {
      const secret = String((await register(edge, tenant)).body.secret);
      for (let i = 0; i < 3; i++) emit(edge, tenant, `evt_recover00000000000${i}`);
      receiver.failNext = 4;
      await dispatchWebhooks(edge.deps, { random: () => 0.5 });
      let page = await deliveries(edge, tenant);
      assert.equal(page.items.filter((d) => d.status === 'pending').length, 3);
      // Not due yet: nothing is sent again before the backoff.
      await dispatchWebhooks(edge.deps, { random: () => 0.5 });
      assert.equal(receiver.received.length, 3);
      for (let round = 0; round < 4; round++) {
        edge.clock.advance(5 * 60_000);
        await dispatchWebhooks(edge.deps, { random: () => 0.5 });
      }
      page = await deliveries(edge, tenant);
      assert.deepEqual(
        page.items.map((d) => d.status),
        ['delivered', 'delivered', 'delivered'],
      );
      const ids = new Set(receiver.received.map((r) => r.eventId));
      assert.equal(ids.size, 3, 'every event arrived');
      for (const r of receiver.received) {
        const verified = await verifyWebhookSignature(r.body, r.signature, secret, {
          nowSeconds: Math.floor(edge.clock.now() / 1000),
          toleranceSeconds: 3600,
        });
        assert.equal(verified.ok, true);
      }
      // The log shows each attempt of a delivery that needed retries.
      const retried = page.items.find((d) => d.attempts > 1);
      assert.ok(retried);
      const log = await edge.call('GET', `/v1/webhooks/deliveries/${retried.id}/attempts`, {
        auth: tenant.secretKey,
      });
      const { items } = (await log.json()) as { items: { attempt: number; status: number }[] };
      assert.deepEqual(
        items.map((a) => a.attempt),
        Array.from({ length: retried.attempts }, (_, i) => i + 1),
      );
      assert.equal(items.at(-1)?.status, 200);
      assert.equal(items[0]?.status, 500);
    } finally {
      await edge.close();
    }
  });

  test('retries stop after 24 h; a manual redelivery sends it again and is audited', async () => {
    const { edge, tenant } = await setUp();
    try {
      await register(edge, tenant);
      emit(edge, tenant, 'evt_giveup000000000001');
      receiver.failNext = 1_000;
      for (let hour = 0; hour <= 26; hour++) {
        await dispatchWebhooks(edge.deps, { random: () => 0.5 });
        edge.clock.advance(60 * 60_000);
      }
      let [delivery] = (await deliveries(edge, tenant)).items;
      assert.equal(delivery?.status, 'failed');
      const sent = receiver.received.length;
      await dispatchWebhooks(edge.deps);
      assert.equal(
        receiver.received.length,
        sent,
        'a given-up delivery is not sent again by itself',
      );
      receiver.failNext = 0;
      const again = await edge.call('POST', `/v1/webhooks/deliveries/${delivery?.id}/redeliver`, {
        auth: tenant.secretKey,
      });
      assert.equal(again.status, 202);
      await dispatchWebhooks(edge.deps);
      [delivery] = (await deliveries(edge, tenant, '?status=delivered')).items;
      assert.equal(delivery?.status, 'delivered');
      const audit = edge.sqlite
        .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'webhook.redelivered'")
        .get() as { n: number };
      assert.equal(audit.n, 1);
    } finally {
      await edge.close();
    }
  });

  test('two rounds at once send each event once (a delivery is leased to one round)', async () => {
    const { edge, tenant } = await setUp();
    try {
      await register(edge, tenant);
      for (let i = 0; i < 10; i++)
        emit(edge, tenant, `evt_parallel00000000${String(i).padStart(2, '0')}`);
      await Promise.all([dispatchWebhooks(edge.deps), dispatchWebhooks(edge.deps)]);
      assert.equal(receiver.received.length, 10);
      assert.equal(new Set(receiver.received.map((r) => r.eventId)).size, 10);
    } finally {
      await edge.close();
    }
  });

  test('a backlog drains round after round within the budget, not one round a tick', async () => {
    const { edge, tenant } = await setUp();
    try {
      await register(edge, tenant);
      const backlog = DELIVERIES_PER_ROUND * 2 + 10;
      for (let i = 0; i < backlog; i++)
        emit(edge, tenant, `evt_backlog000000000${String(i).padStart(3, '0')}`);
      // No budget left after the first round: one round only.
      const one = await drainWebhooks(edge.deps, { budgetMs: 0 });
      assert.equal(one.delivered, DELIVERIES_PER_ROUND);
      const rest = await drainWebhooks(edge.deps, { budgetMs: 60_000 });
      assert.equal(rest.delivered, backlog - DELIVERIES_PER_ROUND);
      assert.equal(new Set(receiver.received.map((r) => r.eventId)).size, backlog);
      // Nothing due: a drain sends nothing and stops at once.
      assert.deepEqual(await drainWebhooks(edge.deps, { budgetMs: 60_000 }), {
        attempted: 0,
        delivered: 0,
      });
    } finally {
      await edge.close();
    }
  });

  test('events before an endpoint existed are not sent to it; a disabled one gets nothing', async () => {
    const { edge, tenant } = await setUp();
    try {
      emit(edge, tenant, 'evt_before000000000001');
      edge.clock.advance(1000);
      const created = await register(edge, tenant);
      await dispatchWebhooks(edge.deps);
      assert.equal(receiver.received.length, 0);
      const id = String((created.body.endpoint as { id: string }).id);
      receiver.failNext = 1;
      emit(edge, tenant, 'evt_after0000000000001');
      await dispatchWebhooks(edge.deps);
      assert.equal(receiver.received.length, 1);
      await edge.call('DELETE', `/v1/webhooks/endpoints/${id}`, { auth: tenant.secretKey });
      edge.clock.advance(60 * 60_000);
      await dispatchWebhooks(edge.deps);
      assert.equal(receiver.received.length, 1, 'nothing more after the endpoint was disabled');
      const [delivery] = (await deliveries(edge, tenant)).items;
      assert.equal(delivery?.status, 'failed');
    } finally {
      await edge.close();
    }
  });

  test('the delivery list pages by cursor, newest first', async () => {
    const { edge, tenant } = await setUp();
    try {
      await register(edge, tenant);
      for (let i = 0; i < 7; i++) {
        emit(edge, tenant, `evt_paging0000000000${String(i).padStart(2, '0')}`);
        edge.clock.advance(10);
      }
      await dispatchWebhooks(edge.deps);
      const first = await deliveries(edge, tenant, '?limit=4');
      assert.equal(first.items.length, 4);
      assert.ok(first.nextCursor);
      const second = await deliveries(edge, tenant, `?limit=4&cursor=${first.nextCursor}`);
      assert.equal(second.items.length, 3);
      assert.equal(second.nextCursor, null);
      const all = [...first.items, ...second.items].map((d) => d.eventId);
      assert.equal(new Set(all).size, 7);
      const bad = await edge.call('GET', '/v1/webhooks/deliveries?cursor=nonsense', {
        auth: tenant.secretKey,
      });
      assert.equal(bad.status, 400);
    } finally {
      await edge.close();
    }
  });
});
