// One delivery attempt against a real receiver on loopback: signed so the receiver's own
// verifier accepts it, delivered only on 2xx, and every failure named (status, timeout,
// refused connection, redirect not followed).
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { deliverWebhook, envelopeBody, type WebhookEnvelope } from '../../edge/webhooks/deliver.js';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '../../edge/webhooks/signature.js';

const SECRET = 'whsec_receiver_0123456789abcdefghijklmnop';
const NOW = 1_795_000_000_000;
const envelope: WebhookEnvelope = {
  id: 'evt_0123456789abcdefghij',
  type: 'application.submitted',
  created: NOW / 1000,
  data: { id: 'app_1', status: 'submitted' },
};

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
const received: Received[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => {
    body += chunk;
  });
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    answer(req, res);
  });
});
let url = '';

before(async () => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const deps = { fetch: (u: string, init: RequestInit) => fetch(u, init), now: () => NOW };

describe('delivering one webhook', () => {
  test('a 2xx answer is a delivery, and the receiver verifies the signature', async () => {
    received.length = 0;
    answer = (_req, res) => res.writeHead(204).end();
    const attempt = await deliverWebhook(url, envelope, [SECRET], deps);
    assert.deepEqual(
      { ...attempt, durationMs: 0 },
      { ok: true, status: 204, error: null, durationMs: 0 },
    );
    const [got] = received;
    assert.ok(got);
    assert.equal(got.body, envelopeBody(envelope));
    assert.equal(got.headers['content-type'], 'application/json');
    assert.equal(got.headers['gridworks-event-id'], envelope.id);
    assert.equal(got.headers['gridworks-event-type'], envelope.type);
    const verified = await verifyWebhookSignature(
      got.body,
      got.headers[SIGNATURE_HEADER.toLowerCase()] as string,
      SECRET,
      { nowSeconds: NOW / 1000 + 2 },
    );
    assert.equal(verified.ok, true);
  });

  test('any other answer is a failure with its status', async () => {
    answer = (_req, res) => res.writeHead(503).end('down for maintenance');
    const attempt = await deliverWebhook(url, envelope, [SECRET], deps);
    assert.equal(attempt.ok, false);
    assert.equal(attempt.status, 503);
    assert.equal(attempt.error, 'answered 503');
  });

  test('a redirect is not followed', async () => {
    received.length = 0;
    answer = (_req, res) => res.writeHead(307, { Location: `${url}/elsewhere` }).end();
    const attempt = await deliverWebhook(url, envelope, [SECRET], deps);
    assert.equal(attempt.ok, false);
    assert.equal(attempt.error, 'redirect not followed');
    assert.equal(received.length, 1, 'the edge did not go to the redirect target');
  });

  test('a receiver that does not answer in time is a timeout', async () => {
    answer = () => {};
    const attempt = await deliverWebhook(url, envelope, [SECRET], { ...deps, timeoutMs: 200 });
    assert.equal(attempt.ok, false);
    assert.equal(attempt.status, null);
    assert.equal(attempt.error, 'timeout');
    server.closeAllConnections();
  });

  test('a refused connection is a network error', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    const attempt = await deliverWebhook(`http://127.0.0.1:${port}/`, envelope, [SECRET], deps);
    assert.deepEqual([attempt.ok, attempt.status, attempt.error], [false, null, 'network error']);
  });
});
