// Custom domains: register → TXT challenge → verify over DNS-over-HTTPS → the hostname routes to
// its tenant. The resolver is hostile in most of these tests: nothing it says may activate a
// domain unless it is exactly the challenge, for exactly the challenge name, as TXT.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import type { DohFetch } from '../../edge/deps.js';
import {
  afterCheck,
  BACKOFF_CAP_MS,
  backoffMs,
  checkTxtRecord,
  MAX_ATTEMPTS,
  txtText,
} from '../../edge/domains/checker.js';
import { recheckDueDomains } from '../../edge/domains/recheck.js';
import type { Domain } from '../../edge/store/store.js';
import { createTenant, createTestEdge, OPERATOR_KEY, type TestEdge } from './helpers.js';

interface DomainBody {
  hostname: string;
  status: 'pending' | 'active' | 'failed';
  record: { type: string; name: string; value: string };
  attempts: number;
  lastError: string | null;
  nextCheckAt: number | null;
  verifiedAt: number | null;
}

const MINUTE = 60_000;

async function register(edge: TestEdge, key: string, hostname: string): Promise<DomainBody> {
  const res = await edge.call('POST', '/v1/domains', { auth: key, body: { hostname } });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()) as DomainBody;
}

async function verify(edge: TestEdge, key: string, hostname: string): Promise<DomainBody> {
  const res = await edge.call('POST', `/v1/domains/${hostname}/verify`, { auth: key });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as DomainBody;
}

/** A resolver answer in the Cloudflare JSON flavour: quoted TXT data. */
const txtAnswer = (name: string, ...values: string[]) =>
  Response.json({
    Status: 0,
    Answer: values.map((v) => ({ name: `${name}.`, type: 16, TTL: 300, data: `"${v}"` })),
  });

async function assertUnrouted(edge: TestEdge, hostname: string): Promise<void> {
  const res = await edge.call('GET', '/v1/config', { host: hostname });
  assert.equal(res.status, 404);
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
}

describe('custom domain lifecycle', () => {
  test('pending → misses with backoff → hit → active, then the hostname serves its tenant', async () => {
    const edge = await createTestEdge();
    const a = await createTenant(edge, 'bank-a');
    const host = 'widgets.bank-a.example';
    const created = await register(edge, a.secretKey, host);
    assert.equal(created.hostname, host);
    assert.equal(created.status, 'pending');
    assert.equal(created.record.type, 'TXT');
    assert.equal(created.record.name, `_gw-challenge.${host}`);
    assert.match(created.record.value, /^gw-verify-[A-Za-z0-9]{32}$/);
    await assertUnrouted(edge, host);

    const requests: { url: string; init: RequestInit }[] = [];
    edge.doh.handler = async (url, init) => {
      requests.push({ url, init });
      return Response.json({ Status: 3 });
    };
    const t0 = edge.clock.now();
    const miss1 = await verify(edge, a.secretKey, host);
    assert.equal(miss1.status, 'pending');
    assert.equal(miss1.attempts, 1);
    assert.match(miss1.lastError ?? '', /NXDOMAIN/);
    assert.equal(miss1.nextCheckAt, t0 + MINUTE);

    const sent = requests[0];
    assert.ok(sent);
    const url = new URL(sent.url);
    assert.equal(url.origin + url.pathname, 'https://dns.test/dns-query');
    assert.equal(url.searchParams.get('name'), `_gw-challenge.${host}`);
    assert.equal(url.searchParams.get('type'), 'TXT');
    assert.equal(new Headers(sent.init.headers).get('accept'), 'application/dns-json');
    assert.equal(sent.init.redirect, 'manual');
    assert.ok(sent.init.signal instanceof AbortSignal);

    edge.clock.advance(MINUTE);
    const miss2 = await verify(edge, a.secretKey, host);
    assert.equal(miss2.attempts, 2);
    assert.equal(miss2.nextCheckAt, t0 + MINUTE + 2 * MINUTE);
    await assertUnrouted(edge, host);

    // Long values come split into 255-byte strings; they are joined before comparing.
    const token = created.record.value;
    edge.doh.handler = async () =>
      Response.json({
        Status: 0,
        Answer: [
          { name: `_gw-challenge.${host}.`, type: 16, TTL: 60, data: '"v=unrelated"' },
          {
            name: `_gw-challenge.${host}.`,
            type: 16,
            TTL: 60,
            data: `"${token.slice(0, 10)}" "${token.slice(10)}"`,
          },
        ],
      });
    const hit = await verify(edge, a.secretKey, host);
    assert.equal(hit.status, 'active');
    assert.equal(hit.lastError, null);
    assert.equal(hit.nextCheckAt, null);
    assert.equal(hit.verifiedAt, edge.clock.now());

    const config = await edge.call('GET', '/v1/config', { host });
    assert.equal(config.status, 200);
    const body = (await config.json()) as { tenant: { id: string; slug: string } };
    assert.equal(body.tenant.id, a.id);
    assert.equal(body.tenant.slug, 'bank-a');
    // Requests reach the domain under any spelling of its name.
    assert.equal(
      (await edge.call('GET', '/v1/config', { host: 'WIDGETS.bank-a.example' })).status,
      200,
    );
    await assertUnrouted(edge, 'other.bank-a.example');

    const list = await edge.call('GET', '/v1/domains', { auth: a.secretKey });
    const items = ((await list.json()) as { items: DomainBody[] }).items;
    assert.deepEqual(
      items.map((d) => [d.hostname, d.status, d.attempts, d.record.value]),
      [[host, 'active', 0, token]],
    );

    const audit = await edge.call('GET', '/v1/audit', { auth: a.secretKey });
    const actions = ((await audit.json()) as { items: { action: string; target: string }[] }).items
      .filter((r) => r.target === host)
      .map((r) => r.action)
      .sort();
    assert.deepEqual(actions, [
      'domain.create',
      'domain.verify.active',
      'domain.verify.pending',
      'domain.verify.pending',
    ]);

    const del = await edge.call('DELETE', `/v1/domains/${host}`, { auth: a.secretKey });
    assert.equal(del.status, 204);
    await assertUnrouted(edge, host);
    await edge.close();
  });

  test(`a domain fails after ${MAX_ATTEMPTS} misses; verifying again starts over`, async () => {
    const edge = await createTestEdge();
    const a = await createTenant(edge, 'bank-a');
    const host = 'widgets.bank-a.example';
    const { record } = await register(edge, a.secretKey, host);
    let last: DomainBody | undefined;
    for (let i = 0; i < MAX_ATTEMPTS; i++) last = await verify(edge, a.secretKey, host);
    assert.equal(last?.status, 'failed');
    assert.equal(last?.attempts, MAX_ATTEMPTS);
    assert.equal(last?.nextCheckAt, null);
    await assertUnrouted(edge, host);

    const again = await verify(edge, a.secretKey, host);
    assert.equal(again.status, 'pending');
    assert.equal(again.attempts, 1);

    edge.doh.handler = async () => txtAnswer(record.name, record.value);
    assert.equal((await verify(edge, a.secretKey, host)).status, 'active');
    await edge.close();
  });

  test('backoff doubles from one minute and is capped at 24 hours', () => {
    assert.equal(backoffMs(1), MINUTE);
    assert.equal(backoffMs(2), 2 * MINUTE);
    assert.equal(backoffMs(5), 16 * MINUTE);
    assert.equal(backoffMs(12), BACKOFF_CAP_MS);
    assert.equal(backoffMs(1000), 24 * 60 * MINUTE);

    const domain: Domain = {
      hostname: 'w.bank.example',
      tenantId: 'ten_x',
      status: 'pending',
      challenge: 'c',
      attempts: 3,
      nextCheckAt: null,
      lastError: null,
      createdAt: 0,
      verifiedAt: null,
    };
    assert.deepEqual(afterCheck(domain, { found: false, error: 'nope' }, 1000), {
      status: 'pending',
      attempts: 4,
      nextCheckAt: 1000 + 8 * MINUTE,
      lastError: 'nope',
      verifiedAt: null,
    });
    assert.equal(
      afterCheck({ ...domain, attempts: MAX_ATTEMPTS - 1 }, { found: false }, 0).status,
      'failed',
    );
    assert.deepEqual(
      afterCheck({ ...domain, status: 'failed', attempts: 10 }, { found: false }, 0),
      {
        status: 'pending',
        attempts: 1,
        nextCheckAt: MINUTE,
        lastError: 'the TXT record was not found',
        verifiedAt: null,
      },
    );
    assert.equal(afterCheck(domain, { found: true }, 5).status, 'active');
  });
});

describe('hostname normalisation', () => {
  test('case, trailing dot and IDN are normalised; the path accepts any spelling', async () => {
    const edge = await createTestEdge();
    const a = await createTenant(edge, 'bank-a');
    const upper = await register(edge, a.secretKey, 'WIDGETS.Bank.EXAMPLE.');
    assert.equal(upper.hostname, 'widgets.bank.example');
    assert.equal(upper.record.name, '_gw-challenge.widgets.bank.example');
    const idn = await register(edge, a.secretKey, 'bücher.example');
    assert.equal(idn.hostname, 'xn--bcher-kva.example');
    assert.equal(idn.record.name, '_gw-challenge.xn--bcher-kva.example');

    const seen: string[] = [];
    edge.doh.handler = async (url) => {
      seen.push(new URL(url).searchParams.get('name') ?? '');
      return Response.json({ Status: 3 });
    };
    assert.equal((await verify(edge, a.secretKey, 'Widgets.BANK.example.')).attempts, 1);
    assert.equal((await verify(edge, a.secretKey, 'b%C3%BCcher.example')).attempts, 1);
    assert.deepEqual(seen, [
      '_gw-challenge.widgets.bank.example',
      '_gw-challenge.xn--bcher-kva.example',
    ]);
    // The same name in another spelling is the same claim: answered as it is, not a second one.
    const dup = await edge.call('POST', '/v1/domains', {
      auth: a.secretKey,
      body: { hostname: 'XN--BCHER-KVA.example' },
    });
    assert.equal(dup.status, 200);
    const same = (await dup.json()) as DomainBody;
    assert.deepEqual([same.hostname, same.record.value], [idn.hostname, idn.record.value]);
    const list = (await (await edge.call('GET', '/v1/domains', { auth: a.secretKey })).json()) as {
      items: DomainBody[];
    };
    assert.equal(list.items.length, 2);
    await edge.close();
  });

  test('invalid names and the edge’s own hosts are refused with the reason', async () => {
    const edge = await createTestEdge({ extraHosts: ['edge-eu.gridworks.test'] });
    const a = await createTenant(edge, 'bank-a');
    const cases: [string, RegExp][] = [
      ['https://widgets.bank.example/', /bare hostname/],
      ['widgets.bank.example:8443', /bare hostname/],
      ['localhost', /public DNS name/],
      ['203.0.113.7', /not an IP address/],
      ['-bad-.example', /public DNS name/],
      ['a..example', /public DNS name|valid hostname/],
      ['edge.gridworks.test', /own hostnames/],
      ['EDGE.gridworks.test.', /own hostnames/],
      ['tenant.edge.gridworks.test', /own hostnames/],
      ['edge-eu.gridworks.test', /own hostnames/],
    ];
    for (const [hostname, reason] of cases) {
      const res = await edge.call('POST', '/v1/domains', { auth: a.secretKey, body: { hostname } });
      assert.equal(res.status, 422, hostname);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      const problem = (await res.json()) as { detail: string };
      assert.match(problem.detail, reason, hostname);
    }
    const list = await edge.call('GET', '/v1/domains', { auth: a.secretKey });
    assert.deepEqual(await list.json(), { items: [] });
    await edge.close();
  });
});

describe('tenant isolation', () => {
  test('tenant B cannot see, verify, delete or take tenant A’s domain', async () => {
    const edge = await createTestEdge();
    const a = await createTenant(edge, 'bank-a');
    const b = await createTenant(edge, 'bank-b');
    const host = 'widgets.bank-a.example';
    const { record } = await register(edge, a.secretKey, host);
    let lookups = 0;
    edge.doh.handler = async () => {
      lookups++;
      return txtAnswer(record.name, record.value);
    };

    const list = await edge.call('GET', '/v1/domains', { auth: b.secretKey });
    assert.deepEqual(await list.json(), { items: [] });
    const verifyB = await edge.call('POST', `/v1/domains/${host}/verify`, { auth: b.secretKey });
    assert.equal(verifyB.status, 404);
    assert.equal(lookups, 0);
    const deleteB = await edge.call('DELETE', `/v1/domains/${host}`, { auth: b.secretKey });
    assert.equal(deleteB.status, 404);
    // B may hold a claim of its own beside A's pending one (with its own challenge): nobody's
    // pending claim blocks anybody. Nothing of A's comes back in B's answer.
    const claimB = await edge.call('POST', '/v1/domains', {
      auth: b.secretKey,
      body: { hostname: 'Widgets.Bank-A.example.' },
    });
    assert.equal(claimB.status, 201);
    const textB = await claimB.text();
    assert.ok(!textB.includes(a.id) && !textB.includes(record.value), textB);
    assert.notEqual((JSON.parse(textB) as DomainBody).record.value, record.value);

    // A's TXT record activates A's claim only; B's claim ends with it, and the active hostname
    // cannot be claimed again by anyone.
    assert.equal((await verify(edge, a.secretKey, host)).status, 'active');
    const config = await edge.call('GET', '/v1/config', { host });
    assert.equal(((await config.json()) as { tenant: { id: string } }).tenant.id, a.id);
    const listB = await edge.call('GET', '/v1/domains', { auth: b.secretKey });
    assert.deepEqual(await listB.json(), { items: [] });
    for (const hostname of [host, 'Widgets.Bank-A.example.']) {
      const taken = await edge.call('POST', '/v1/domains', {
        auth: b.secretKey,
        body: { hostname },
      });
      assert.equal(taken.status, 409);
      const text = await taken.text();
      assert.ok(!text.includes(a.id) && !text.includes('bank-a"'), text);
      assert.ok(!text.includes(record.value));
    }
    // B's key on A's domain is treated as unknown there.
    const onDomain = await edge.call('GET', '/v1/domains', { auth: b.secretKey, host });
    assert.equal(onDomain.status, 404);
    await edge.close();
  });

  test('only a secret key with domains:write may manage domains', async () => {
    const edge = await createTestEdge();
    const a = await createTenant(edge, 'bank-a');
    const keyRes = await edge.call('POST', '/v1/keys', {
      auth: a.secretKey,
      body: { kind: 'secret', scopes: ['branding:write'] },
    });
    const narrow = ((await keyRes.json()) as { secret: string }).secret;
    const body = { hostname: 'widgets.bank-a.example' };
    const attempts: [string | undefined, number][] = [
      [undefined, 401],
      [a.publishableKey, 403],
      [narrow, 403],
      [OPERATOR_KEY, 403],
    ];
    for (const [auth, status] of attempts) {
      const res = await edge.call('POST', '/v1/domains', { ...(auth ? { auth } : {}), body });
      assert.equal(res.status, status);
    }
    assert.deepEqual(await (await edge.call('GET', '/v1/domains', { auth: a.secretKey })).json(), {
      items: [],
    });
    await edge.close();
  });
});

describe('hostile DNS-over-HTTPS answers never activate a domain', () => {
  const HOST = 'widgets.bank-a.example';
  const NAME = `_gw-challenge.${HOST}`;
  const bytes = (text: string) => new TextEncoder().encode(text);

  /** A body that streams `chunks` × 16 KiB of the answer, counting how much was pulled. */
  const endless = (token: string, pulled: { count: number }) =>
    new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled.count++;
        if (pulled.count > 1000) return controller.close();
        controller.enqueue(
          bytes(
            `{"Status":0,"Answer":[{"name":"${NAME}","type":16,"data":"${token}"}]}`.padEnd(
              16 * 1024,
              ' ',
            ),
          ),
        );
      },
    });

  const cases: [string, (token: string) => ReturnType<DohFetch>, RegExp][] = [
    [
      'HTTP 503',
      async (t) => new Response(JSON.stringify(txtBody(t)), { status: 503 }),
      /HTTP 503/,
    ],
    ['HTTP 204', async () => new Response(null, { status: 204 }), /HTTP 204/],
    [
      'a redirect to an answer that would match',
      async () => new Response(null, { status: 302, headers: { location: 'https://evil.test/' } }),
      /redirect/,
    ],
    [
      'a 301 with a matching JSON body',
      async (t) => new Response(JSON.stringify(txtBody(t)), { status: 301 }),
      /redirect/,
    ],
    ['an HTML page holding the token', async (t) => new Response(`<html>${t}</html>`), /not JSON/],
    [
      'invalid UTF-8',
      async () => new Response(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])),
      /not JSON/,
    ],
    ['JSON null', async () => Response.json(null), /unexpected shape/],
    ['a JSON array', async (t) => Response.json([txtBody(t)]), /unexpected shape/],
    [
      'Status as a string',
      async (t) => Response.json({ ...txtBody(t), Status: '0' }),
      /unexpected shape/,
    ],
    [
      'Answer as an object',
      async (t) => Response.json({ Status: 0, Answer: { 0: answer(t) } }),
      /unexpected shape/,
    ],
    [
      'data as a number or array',
      async (t) =>
        Response.json({
          Status: 0,
          Answer: [
            { ...answer(t), data: 42 },
            { ...answer(t), data: [t] },
          ],
        }),
      /no TXT record/,
    ],
    [
      'type as a string',
      async (t) => Response.json({ Status: 0, Answer: [{ ...answer(t), type: 'TXT' }] }),
      /no TXT record/,
    ],
    [
      'SERVFAIL with a matching answer',
      async (t) => Response.json({ ...txtBody(t), Status: 2 }),
      /SERVFAIL/,
    ],
    ['an unknown status', async (t) => Response.json({ ...txtBody(t), Status: 99 }), /status 99/],
    [
      'the token for another name',
      async (t) =>
        Response.json({
          Status: 0,
          Answer: [{ ...answer(t), name: '_gw-challenge.evil.example.' }],
        }),
      /no TXT record/,
    ],
    [
      'the token under a suffix of the name',
      async (t) => Response.json({ Status: 0, Answer: [{ ...answer(t), name: `x${NAME}` }] }),
      /no TXT record/,
    ],
    [
      'the token as a CNAME',
      async (t) => Response.json({ Status: 0, Answer: [{ ...answer(t), type: 5 }] }),
      /no TXT record/,
    ],
    [
      'the token as an A record',
      async (t) => Response.json({ Status: 0, Answer: [{ ...answer(t), type: 1 }] }),
      /no TXT record/,
    ],
    ['a longer TXT value', async (t) => txtAnswer(NAME, `${t}x`), /does not match/],
    ['a truncated TXT value', async (t) => txtAnswer(NAME, t.slice(0, -1)), /does not match/],
    ['the token inside a longer value', async (t) => txtAnswer(NAME, `v=1 ${t}`), /does not match/],
    [
      'unterminated quoting',
      async (t) => Response.json({ Status: 0, Answer: [{ ...answer(t), data: `"${t}` }] }),
      /does not match/,
    ],
    [
      'a huge declared body',
      async (t) =>
        new Response(JSON.stringify(txtBody(t)), {
          headers: { 'content-length': String(10 * 1024 * 1024) },
        }),
      /larger than 65536 bytes/,
    ],
    [
      'a timeout',
      async () => Promise.reject(new DOMException('The operation timed out.', 'TimeoutError')),
      /timed out/,
    ],
    [
      'a network error',
      async () => Promise.reject(new TypeError('fetch failed')),
      /could not be reached/,
    ],
    [
      'a fetch that throws synchronously',
      () => {
        throw new Error('boom');
      },
      /could not be reached/,
    ],
  ];

  function answer(token: string) {
    return { name: `${NAME}.`, type: 16, TTL: 60, data: `"${token}"` };
  }
  function txtBody(token: string) {
    return { Status: 0, Answer: [answer(token)] };
  }

  for (const [label, respond, reason] of cases) {
    test(label, async () => {
      const edge = await createTestEdge();
      const a = await createTenant(edge, 'bank-a');
      const { record } = await register(edge, a.secretKey, HOST);
      let calls = 0;
      edge.doh.handler = () => {
        calls++;
        return respond(record.value);
      };
      const result = await verify(edge, a.secretKey, HOST);
      assert.equal(result.status, 'pending');
      assert.equal(result.attempts, 1);
      assert.match(result.lastError ?? '', reason);
      assert.ok(!(result.lastError ?? '').includes(record.value));
      assert.equal(calls, 1);
      await assertUnrouted(edge, HOST);
      await edge.close();
    });
  }

  test('a huge streamed body is read only up to the cap', async () => {
    const edge = await createTestEdge();
    const a = await createTenant(edge, 'bank-a');
    const { record } = await register(edge, a.secretKey, HOST);
    const pulled = { count: 0 };
    edge.doh.handler = async () => new Response(endless(record.value, pulled));
    const result = await verify(edge, a.secretKey, HOST);
    assert.equal(result.status, 'pending');
    assert.match(result.lastError ?? '', /larger than/);
    assert.ok(pulled.count < 10, `pulled ${pulled.count} chunks`);
    await edge.close();
  });

  test('a resolver that never answers, or stalls mid-body, times out', async () => {
    const never: DohFetch = () => new Promise<Response>(() => {});
    assert.deepEqual(
      await checkTxtRecord(never, 'https://dns.test/q', NAME, 'tok', { timeoutMs: 30 }),
      {
        found: false,
        error: 'the DNS look-up timed out after 30 ms',
      },
    );
    const stalled: DohFetch = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(bytes('{"Status":0,'));
          },
        }),
      );
    const result = await checkTxtRecord(stalled, 'https://dns.test/q', NAME, 'tok', {
      timeoutMs: 30,
    });
    assert.match(result.error ?? '', /timed out/);
    assert.equal(result.found, false);
  });

  test('TXT data: quotes stripped, split strings joined, escapes decoded', () => {
    assert.equal(txtText('"abc"'), 'abc');
    assert.equal(txtText('abc'), 'abc');
    assert.equal(txtText('"ab" "cd"'), 'abcd');
    assert.equal(txtText('"a\\"b" "\\099"'), 'a"bc');
    assert.equal(txtText('"abc'), undefined);
    assert.equal(txtText('"ab"cd'), undefined);
  });
});

describe('against a real DNS-over-HTTPS server on loopback', () => {
  test('answers, redirects, silence, stalls, huge and broken answers', async () => {
    const tokens = new Map<string, string>();
    const hits: string[] = [];
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      hits.push(url.pathname);
      const name = url.searchParams.get('name') ?? '';
      const mode = name.split('.')[2] ?? '';
      const body = JSON.stringify({
        Status: 0,
        Question: [{ name, type: 16 }],
        Answer: [{ name: `${name}.`, type: 16, TTL: 60, data: `"${tokens.get(name) ?? ''}"` }],
      });
      const answer = () => {
        res.writeHead(200, { 'content-type': 'application/dns-json' });
        res.end(body);
      };
      if (url.pathname === '/elsewhere' || mode === 'ok') return answer();
      if (req.headers.accept !== 'application/dns-json' || url.searchParams.get('type') !== 'TXT') {
        res.writeHead(400).end();
        return;
      }
      if (mode === 'redirect') {
        res.writeHead(302, { location: `/elsewhere${url.search}` }).end();
      } else if (mode === 'silent') {
        // Never answers at all: not even a status line.
      } else if (mode === 'hang') {
        res.writeHead(200, { 'content-type': 'application/dns-json' });
        res.write('{"Status":0,');
      } else if (mode === 'huge') {
        res.writeHead(200, { 'content-type': 'application/dns-json' });
        const chunk = ' '.repeat(64 * 1024);
        let sent = 0;
        const more = () => {
          while (sent < 200 && res.write(chunk)) sent++;
          if (sent < 200) res.once('drain', more);
          else res.end(body);
        };
        res.write(body.slice(0, -1));
        more();
      } else if (mode === 'notjson') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<html>${tokens.get(name)}</html>`);
      } else {
        res.writeHead(500).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const edge = await createTestEdge({
      dohUrl: `http://127.0.0.1:${port}/dns-query`,
      dohTimeoutMs: 500,
    });
    edge.doh.handler = (url, init) => fetch(url, init);
    try {
      const a = await createTenant(edge, 'bank-a');
      const modes = ['ok', 'redirect', 'silent', 'hang', 'huge', 'notjson', 'broken'] as const;
      for (const mode of modes) {
        const created = await register(edge, a.secretKey, `w.${mode}.bank-a.example`);
        tokens.set(created.record.name, created.record.value);
      }
      const results = await Promise.all(
        modes.map((mode) => verify(edge, a.secretKey, `w.${mode}.bank-a.example`)),
      );
      const outcome = Object.fromEntries(
        modes.map((mode, i) => [mode, [results[i]?.status, results[i]?.lastError]]),
      );
      assert.deepEqual(outcome, {
        ok: ['active', null],
        redirect: ['pending', 'the DNS resolver answered with a redirect, which is not followed'],
        silent: ['pending', `the DNS look-up timed out after 500 ms`],
        hang: ['pending', `the DNS look-up timed out after 500 ms`],
        huge: ['pending', "the DNS resolver's answer is larger than 65536 bytes"],
        notjson: ['pending', "the DNS resolver's answer is not JSON"],
        broken: ['pending', 'the DNS resolver answered HTTP 500'],
      });
      assert.ok(!hits.includes('/elsewhere'), 'the redirect was followed');

      assert.equal(
        (await edge.call('GET', '/v1/config', { host: 'w.ok.bank-a.example' })).status,
        200,
      );
      await assertUnrouted(edge, 'w.redirect.bank-a.example');
    } finally {
      await edge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('domain squatting', () => {
  test('a squatter re-creating its pending claim every 48 hours never blocks the real owner', async () => {
    const edge = await createTestEdge();
    try {
      const squatter = await createTenant(edge, 'squatter');
      const owner = await createTenant(edge, 'owner');
      const hostname = 'widgets.owner-bank.example';
      // The squatter deletes and re-creates its claim, as the review reproduced.
      for (let round = 0; round < 3; round++) {
        await register(edge, squatter.secretKey, hostname);
        edge.clock.advance(48 * 60 * 60 * 1000);
        const res = await edge.call('DELETE', `/v1/domains/${hostname}`, {
          auth: squatter.secretKey,
        });
        assert.equal(res.status, 204);
      }
      const squatted = await register(edge, squatter.secretKey, hostname);
      const claim = await register(edge, owner.secretKey, hostname);
      assert.notEqual(claim.record.value, squatted.record.value, 'each claim has its challenge');

      // Only the owner can publish its challenge in the bank's DNS: it verifies first.
      edge.doh.handler = async (url) =>
        new URL(url).searchParams.get('name') === claim.record.name
          ? txtAnswer(claim.record.name, claim.record.value)
          : Response.json({ Status: 3 });
      const missed = await edge.call('POST', `/v1/domains/${hostname}/verify`, {
        auth: squatter.secretKey,
      });
      assert.equal(((await missed.json()) as DomainBody).status, 'pending');
      assert.equal((await verify(edge, owner.secretKey, hostname)).status, 'active');

      // The squatter's claim ended (audited for it); it can neither verify nor claim again.
      const gone = await edge.call('POST', `/v1/domains/${hostname}/verify`, {
        auth: squatter.secretKey,
      });
      assert.equal(gone.status, 404);
      const again = await edge.call('POST', '/v1/domains', {
        auth: squatter.secretKey,
        body: { hostname },
      });
      assert.equal(again.status, 409);
      const audit = (await (
        await edge.call('GET', '/v1/audit', { auth: squatter.secretKey })
      ).json()) as { items: { action: string; target: string }[] };
      assert.ok(
        audit.items.some((r) => r.action === 'domain.claim-ended' && r.target === hostname),
      );
      const routed = await edge.call('GET', '/v1/config', { host: hostname });
      assert.equal(((await routed.json()) as { tenant: { id: string } }).tenant.id, owner.id);
    } finally {
      await edge.close();
    }
  });

  test('unverified claims are dropped after 72 hours (audited), verified ones never', async () => {
    const edge = await createTestEdge();
    try {
      const early = await createTenant(edge, 'early');
      const late = await createTenant(edge, 'late');
      const hostname = 'widgets.shared.example';
      await register(edge, early.secretKey, hostname);
      edge.clock.advance(73 * 60 * 60 * 1000);
      await register(edge, late.secretKey, hostname);
      const earlyList = (await (
        await edge.call('GET', '/v1/domains', { auth: early.secretKey })
      ).json()) as { items: unknown[] };
      assert.deepEqual(earlyList.items, []);
      const audit = (await (
        await edge.call('GET', '/v1/audit', { auth: early.secretKey })
      ).json()) as { items: { action: string }[] };
      assert.ok(audit.items.some((r) => r.action === 'domain.expired'));
    } finally {
      await edge.close();
    }
  });
});

describe('background re-checks', () => {
  test('due pending domains are re-checked on their backoff until they activate', async () => {
    const edge = await createTestEdge();
    try {
      const tenant = await createTenant(edge, 'bank-a');
      const domain = await register(edge, tenant.secretKey, 'widgets.bank-a.example');
      let lookups = 0;
      let publish = false;
      edge.doh.handler = async () => {
        lookups++;
        return publish
          ? txtAnswer(domain.record.name, domain.record.value)
          : Response.json({ Status: 3 });
      };
      assert.equal(await recheckDueDomains(edge.deps), 0, 'nothing is due before nextCheckAt');
      assert.equal(lookups, 0);
      edge.clock.advance(MINUTE);
      assert.equal(await recheckDueDomains(edge.deps), 1);
      const [afterMiss] = (
        (await (await edge.call('GET', '/v1/domains', { auth: tenant.secretKey })).json()) as {
          items: DomainBody[];
        }
      ).items;
      assert.equal(afterMiss?.status, 'pending');
      assert.equal(afterMiss?.attempts, 1);
      assert.equal(afterMiss?.nextCheckAt, edge.clock.now() + MINUTE);
      publish = true;
      assert.equal(await recheckDueDomains(edge.deps), 0, 'the next check waits for its backoff');
      edge.clock.advance(MINUTE);
      assert.equal(await recheckDueDomains(edge.deps), 1);
      const [active] = (
        (await (await edge.call('GET', '/v1/domains', { auth: tenant.secretKey })).json()) as {
          items: DomainBody[];
        }
      ).items;
      assert.equal(active?.status, 'active');
      assert.equal(
        (await edge.call('GET', '/v1/config', { host: 'widgets.bank-a.example' })).status,
        200,
      );
      const audit = (await (
        await edge.call('GET', '/v1/audit', { auth: tenant.secretKey })
      ).json()) as {
        items: { action: string; actor: string }[];
      };
      assert.ok(
        audit.items.some((r) => r.action === 'domain.verify.active' && r.actor === 'system'),
      );
    } finally {
      await edge.close();
    }
  });
});
