// Documents for onboarding applications against the real Node server (SQLite, blobs in a table)
// and the real Worker in workerd (local D1, local R2), written once: uploads judged by their
// bytes, the PDF triage (object streams inflated by each runtime's DecompressionStream, a zip
// bomb stopped), the 10 MiB limit by Content-Length, a submission attaching its documents,
// the tenant's download back, removal, and the purge of uploads never attached.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import {
  concat,
  jpeg,
  NOT_DOCUMENTS,
  objectStream,
  onePagePdf,
  png,
  stream,
} from '../edge/document-fixtures.js';
import {
  type CallOptions,
  OPERATOR_KEY,
  PUBLIC_HOST,
  RUNTIMES,
  type RuntimeEdge,
  startRuntime,
} from './runtimes.js';

const ORIGIN = 'https://www.bank-a.example';
const DAY = 24 * 60 * 60 * 1000;

const submission = (documents: { id: string; kind: string }[]) => ({
  product: 'business-current',
  steps: {
    company: {
      legalName: 'Zephyrine Textiles Private Limited',
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
    documents: { documents },
    declarations: {
      politicallyExposed: false,
      sanctioned: false,
      consent: { accepted: true, text: 'I consent.', givenAt: '2026-11-21T11:59:00Z' },
    },
  },
});

interface Tenant {
  id: string;
  secretKey: string;
}

interface Uploaded {
  id: string;
  kind: string;
  name: string | null;
  type: string;
  size: number;
  sha256: string;
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

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

for (const runtime of RUNTIMES) {
  describe(`documents on ${runtime}`, () => {
    let edge: RuntimeEdge;
    let slugs = 0;
    const call = (method: string, path: string, options?: CallOptions) =>
      edge.call(method, path, options);

    async function tenant(): Promise<Tenant> {
      const slug = `docs-${++slugs}`;
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

    const upload = (
      token: string,
      bytes: Uint8Array,
      kind = 'identity',
      headers: Record<string, string> = {},
    ) =>
      call('POST', `/v1/applications/documents?kind=${kind}`, {
        auth: token,
        body: bytes,
        headers: { origin: ORIGIN, 'content-type': 'application/octet-stream', ...headers },
      });

    const submit = (token: string, body: unknown, key: string) =>
      call('POST', '/v1/applications', {
        auth: token,
        body,
        headers: { origin: ORIGIN, 'idempotency-key': key },
      });

    before(async () => {
      edge = await startRuntime(runtime);
    });
    after(async () => {
      await edge?.close();
    });

    test('uploads are judged by their bytes; PDFs by the triage; 10 MiB by Content-Length', async () => {
      const t = await tenant();
      const token = await customerToken(t, 'cust-judged');
      const asPdf = await read<Uploaded>(
        await upload(token, png(), 'identity', {
          'content-type': 'application/pdf',
          'x-file-name': encodeURIComponent('scan ✓.pdf'),
        }),
        201,
      );
      assert.deepEqual(
        [asPdf.type, asPdf.name, asPdf.size, asPdf.sha256],
        ['image/png', 'scan ✓.pdf', png().length, sha256(png())],
      );
      const exe = await problem(
        await upload(token, NOT_DOCUMENTS.exe),
        415,
        'unsupported-document-type',
      );
      assert.equal(exe.detected, 'application/x-msdownload');
      // JavaScript only inside a compressed object stream: this runtime's inflater finds it.
      const action = '<< /S /JavaScript /JS (app.alert\\(1\\)) >>';
      await problem(
        await upload(
          token,
          onePagePdf('/OpenAction 6 0 R ', [objectStream([action], { first: 6 })]),
        ),
        422,
        'pdf-javascript',
      );
      // However its /Length is given (indirect, too short), the stream is read to its end;
      // the inflaters differ (workerd refuses bytes after a deflate stream, Node ignores them),
      // the decision does not.
      const packed = deflateSync(`6 0 ${action}\n`);
      const objStm = (length: string) =>
        concat([
          `<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${length} >>\nstream\n`,
          packed,
          '\r\nendstream',
        ]);
      for (const file of [
        onePagePdf('', [objStm('9 0 R'), String(packed.length)]),
        onePagePdf('', [objStm('5')]),
        onePagePdf('', [objStm(String(packed.length + 40))]),
      ])
        await problem(await upload(token, file), 422, 'pdf-javascript');
      const clean = (length: string) =>
        concat([
          `<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${length} >>\nstream\n`,
          deflateSync('6 0 << /Type /Annot /Subtype /Text >>\n'),
          '\r\nendstream',
        ]);
      await read(await upload(token, onePagePdf('', [clean('9 0 R'), '1'])), 201, 'clean');
      // 64 MiB of zeros in 64 KB: stopped at the budget, not inflated to the end.
      const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024));
      await problem(
        await upload(
          token,
          onePagePdf('', [stream('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', bomb)]),
        ),
        422,
        'pdf-unscannable',
      );
      // A Content-Length over the limit is refused before a byte of the body is read.
      const over = await edge.raw(
        `POST /v1/applications/documents?kind=identity HTTP/1.1\r\nHost: ${PUBLIC_HOST}\r\nAuthorization: Bearer ${token}\r\nOrigin: ${ORIGIN}\r\nContent-Type: application/pdf\r\nContent-Length: ${10 * 1024 * 1024 + 1}\r\nConnection: close\r\n\r\n`,
      );
      await problem(over, 413, 'document-too-large');
    });

    test('a submission attaches its documents; the tenant downloads them back; others get 404', async () => {
      const t = await tenant();
      const other = await tenant();
      const token = await customerToken(t, 'cust-docs');
      const certificate = onePagePdf('', [stream('', '(Zephyrine certificate) Tj')]);
      const coi = await read<Uploaded>(
        await upload(token, certificate, 'certificate-of-incorporation', {
          'x-file-name': 'COI.pdf',
        }),
        201,
      );
      const photo = await read<Uploaded>(await upload(token, jpeg(), 'identity'), 201);
      const body = submission([
        { id: coi.id, kind: 'certificate-of-incorporation' },
        { id: photo.id, kind: 'identity' },
      ]);
      const receipt = await read<{ id: string }>(await submit(token, body, 'docs-1'), 201);
      const replay = await submit(token, body, 'docs-1');
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(await read(replay, 201), receipt);

      const full = await read<{ documents: Uploaded[] }>(
        await call('GET', `/v1/applications/${receipt.id}`, { auth: t.secretKey }),
        200,
      );
      assert.deepEqual(full.documents, [coi, photo]);
      for (const [doc, bytes, type] of [
        [coi, certificate, 'application/pdf'],
        [photo, jpeg(), 'image/jpeg'],
      ] as const) {
        const path = `/v1/applications/${receipt.id}/documents/${doc.id}`;
        const res = await call('GET', path, { auth: t.secretKey });
        assert.equal(res.status, 200);
        const got = new Uint8Array(await res.arrayBuffer());
        assert.deepEqual(got, bytes);
        assert.equal(sha256(got), doc.sha256);
        assert.equal(res.headers.get('content-type'), type);
        assert.match(res.headers.get('content-disposition') ?? '', /^attachment; /);
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(res.headers.get('cache-control'), 'no-store');
        await problem(await call('GET', path, { auth: other.secretKey }), 404, 'not-found');
      }
      // Taken: a second application cannot have them, and the customer cannot remove them.
      await problem(await submit(token, body, 'docs-2'), 422, 'invalid-documents');
      await problem(
        await call('DELETE', `/v1/applications/documents/${coi.id}`, {
          auth: token,
          headers: { origin: ORIGIN },
        }),
        409,
        'document-submitted',
      );
    });

    test('an upload is removed by its customer, and purged when no submission took it in 24 h', async () => {
      const t = await tenant();
      const token = await customerToken(t, 'cust-purge');
      const removed = await read<Uploaded>(await upload(token, png()), 201);
      const res = await call('DELETE', `/v1/applications/documents/${removed.id}`, {
        auth: token,
        headers: { origin: ORIGIN },
      });
      assert.equal(res.status, 204);
      await problem(
        await submit(token, submission([{ id: removed.id, kind: 'identity' }]), 'gone-1'),
        422,
        'invalid-documents',
      );

      const waiting = await read<Uploaded>(await upload(token, png()), 201);
      await edge.clock.advance(DAY + 60_000);
      await edge.maintenance();
      assert.ok(
        edge.logs().some((l) => l.event === 'expired-purged' && Number(l.uploads) >= 1),
        'the maintenance round purged the upload',
      );
      const later = await customerToken(t, 'cust-purge');
      const refused = await problem(
        await submit(later, submission([{ id: waiting.id, kind: 'identity' }]), 'gone-2'),
        422,
        'invalid-documents',
      );
      assert.deepEqual(
        (refused.errors as { path: string; code: string }[]).map((e) => [e.path, e.code]),
        [['/steps/documents/documents/0/id', 'document-not-found']],
      );
    });
  });
}
