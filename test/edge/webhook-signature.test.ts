// Webhook signatures (Stripe-style `t=…,v1=…`) and the retry schedule: what the edge signs,
// any receiver verifies with the endpoint's secret, and nothing else verifies.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  FIRST_RETRY_MS,
  GIVE_UP_AFTER_MS,
  MAX_RETRY_INTERVAL_MS,
  nextAttemptAt,
} from '../../edge/webhooks/backoff.js';
import { signWebhook, verifyWebhookSignature } from '../../edge/webhooks/signature.js';

const SECRET = 'whsec_test_0123456789abcdefghijklmnopqrstuv';
const BODY = '{"id":"evt_1","type":"application.submitted","data":{"id":"app_1"}}';
const T = 1_795_000_000;

describe('webhook signatures', () => {
  test('the header is t=<seconds>,v1=<hex HMAC-SHA-256 of "t.body">, as Stripe documents', async () => {
    const header = await signWebhook(BODY, [SECRET], T);
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    assert.equal(header, `t=${T},v1=${expected}`);
  });

  test('a receiver with the secret accepts it; a changed body, secret or time does not', async () => {
    const header = await signWebhook(BODY, [SECRET], T);
    assert.deepEqual(await verifyWebhookSignature(BODY, header, SECRET, { nowSeconds: T + 10 }), {
      ok: true,
      timestampSeconds: T,
    });
    const wrong = async (body: string, h: string, secret: string) =>
      (await verifyWebhookSignature(body, h, secret, { nowSeconds: T })).ok;
    assert.equal(await wrong(`${BODY} `, header, SECRET), false);
    assert.equal(await wrong(BODY, header, `${SECRET}x`), false);
    assert.equal(await wrong(BODY, header.replace(`t=${T}`, `t=${T + 1}`), SECRET), false);
  });

  test('old and future-dated events are refused (replays)', async () => {
    const header = await signWebhook(BODY, [SECRET], T);
    assert.deepEqual(await verifyWebhookSignature(BODY, header, SECRET, { nowSeconds: T + 301 }), {
      ok: false,
      reason: 'too-old',
    });
    assert.deepEqual(await verifyWebhookSignature(BODY, header, SECRET, { nowSeconds: T - 301 }), {
      ok: false,
      reason: 'from-the-future',
    });
    const lenient = await verifyWebhookSignature(BODY, header, SECRET, {
      nowSeconds: T + 3000,
      toleranceSeconds: 3600,
    });
    assert.equal(lenient.ok, true);
  });

  test('during a secret roll both secrets sign, and either one verifies', async () => {
    const next = 'whsec_next_abcdefghijklmnopqrstuvwxyz012345';
    const header = await signWebhook(BODY, [SECRET, next], T);
    assert.equal(header.split(',').length, 3);
    for (const secret of [SECRET, next])
      assert.equal(
        (await verifyWebhookSignature(BODY, header, secret, { nowSeconds: T })).ok,
        true,
      );
  });

  test('malformed headers are refused without throwing', async () => {
    const good = await signWebhook(BODY, [SECRET], T);
    for (const header of [
      undefined,
      null,
      '',
      'garbage',
      `v1=${'a'.repeat(64)}`,
      `t=${T}`,
      `t=${T},v1=zz`,
      `t=${T},t=${T},${good.split(',')[1]}`,
      `t=abc,${good.split(',')[1]}`,
      `t=${T},v1=${'a'.repeat(64)}=x`,
      'x'.repeat(5000),
    ]) {
      const result = await verifyWebhookSignature(BODY, header, SECRET, { nowSeconds: T });
      assert.equal(result.ok, false, String(header));
    }
    // An unknown scheme beside a valid v1 is ignored, not refused.
    assert.equal(
      (await verifyWebhookSignature(BODY, `${good},v2=abc`, SECRET, { nowSeconds: T })).ok,
      true,
    );
  });

  test('signing refuses bad input', async () => {
    await assert.rejects(signWebhook(BODY, [], T), /at least one secret/);
    await assert.rejects(signWebhook(BODY, [SECRET], -1), /whole number of seconds/);
    await assert.rejects(signWebhook(BODY, [SECRET], 1.5), /whole number of seconds/);
  });
});

describe('the retry schedule', () => {
  const created = 1_000_000_000_000;
  const middle = () => 0.5;

  test('doubles from 30 s, at most an hour apart, with ±20% jitter', () => {
    assert.equal(nextAttemptAt(1, created, created, middle), created + FIRST_RETRY_MS);
    assert.equal(nextAttemptAt(2, created, created, middle), created + 2 * FIRST_RETRY_MS);
    assert.equal(nextAttemptAt(4, created, created, middle), created + 8 * FIRST_RETRY_MS);
    assert.equal(nextAttemptAt(30, created, created, middle), created + MAX_RETRY_INTERVAL_MS);
    assert.equal(
      nextAttemptAt(1, created, created, () => 0),
      created + 0.8 * FIRST_RETRY_MS,
    );
    assert.ok(
      (nextAttemptAt(1, created, created, () => 0.999_999) ?? 0) <
        created + 1.2 * FIRST_RETRY_MS + 1,
    );
  });

  test('keeps trying for 24 h, the last attempt at the end of the window, then gives up', () => {
    let now = created;
    let attempts = 0;
    const times: number[] = [];
    for (;;) {
      attempts += 1;
      const at = nextAttemptAt(attempts, created, now, middle);
      if (at === undefined) break;
      times.push(at);
      now = at;
    }
    assert.equal(times.at(-1), created + GIVE_UP_AFTER_MS);
    assert.ok(times.length > 20 && times.length < 40, `${times.length} attempts`);
    assert.equal(nextAttemptAt(1, created, created + GIVE_UP_AFTER_MS, middle), undefined);
  });

  test('refuses a count of attempts below one', () => {
    assert.throws(() => nextAttemptAt(0, created, created), /attempts/);
  });
});
