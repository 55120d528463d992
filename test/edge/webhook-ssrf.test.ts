// Webhook deliveries from the Node edge reach public addresses only: a host name that resolves
// to a private, loopback, link-local or metadata address is refused in the connection itself
// (no gap between the check and the connect for DNS rebinding to use), so is an address written
// in the URL; loopback receivers only where the edge allows them (development and tests).
import assert from 'node:assert/strict';
import type { LookupAddress, lookup } from 'node:dns';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  isPublicAddress,
  publicLookup,
  publicOnlyFetch,
  webhookFetch,
} from '../../edge/adapters/node-webhook-fetch.js';

/** A resolver that answers from a table, as `dns.lookup` with `all: true` would. */
const fakeDns = (table: Record<string, string[]>) =>
  ((
    hostname: string,
    _options: unknown,
    callback: (e: Error | null, a: LookupAddress[]) => void,
  ) => {
    const addresses = table[hostname];
    if (!addresses)
      return callback(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }), []);
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  }) as unknown as typeof lookup;

let hits = 0;
const server = createServer((_req, res) => {
  hits++;
  res.end('ok');
});
let port = 0;
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('webhook deliveries reach public addresses only', () => {
  test('which addresses are public', () => {
    for (const a of ['8.8.8.8', '2606:4700:4700::1111', '151.101.1.69'])
      assert.equal(isPublicAddress(a), true, a);
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
      '::ffff:127.0.0.1',
      'not-an-address',
    ])
      assert.equal(isPublicAddress(a), false, a);
  });

  test('the lookup refuses a name with any non-public address, and passes public ones', async () => {
    const look = publicLookup(
      fakeDns({
        'hooks.bank.example': ['151.101.1.69'],
        'mixed.example': ['151.101.1.69', '10.0.0.5'],
      }),
    );
    const ask = (host: string, all = false) =>
      new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
        look(host, { all }, (error, address) => resolve({ error, address })),
      );
    assert.deepEqual(await ask('hooks.bank.example'), { error: null, address: '151.101.1.69' });
    assert.deepEqual((await ask('hooks.bank.example', true)).address, [
      { address: '151.101.1.69', family: 4 },
    ]);
    assert.equal((await ask('mixed.example')).error?.code, 'EGW_PRIVATE_ADDRESS');
    assert.equal((await ask('nowhere.example')).error?.code, 'ENOTFOUND');
  });

  test('a public name that resolves to loopback (rebinding) never reaches the server', async () => {
    const send = publicOnlyFetch(fakeDns({ 'rebind.example': ['127.0.0.1'] }));
    hits = 0;
    await assert.rejects(
      send(`http://rebind.example:${port}/hook`, { method: 'POST', body: '{}' }),
    );
    assert.equal(hits, 0);
  });

  test('a non-public address written in the URL is refused before any connection', async () => {
    const send = publicOnlyFetch(fakeDns({}));
    hits = 0;
    await assert.rejects(send(`http://127.0.0.1:${port}/hook`, { method: 'POST' }), /non-public/);
    await assert.rejects(send('http://[::1]:9/hook', { method: 'POST' }), /non-public/);
    await assert.rejects(
      send('http://169.254.169.254/latest/meta-data', { method: 'GET' }),
      /non-public/,
    );
    assert.equal(hits, 0);
  });

  test('loopback receivers only where the edge allows them', async () => {
    hits = 0;
    const allowed = await webhookFetch(true, fakeDns({}))(`http://127.0.0.1:${port}/hook`, {
      method: 'POST',
      body: '{}',
    });
    assert.equal(allowed.status, 200);
    assert.equal(hits, 1);
    await assert.rejects(
      webhookFetch(false, fakeDns({}))(`http://127.0.0.1:${port}/hook`, { method: 'POST' }),
    );
    assert.equal(hits, 1);
  });
});
