// Documents for onboarding applications on the Node edge (app.request on createApp): uploads
// judged by their bytes (never their name or declared type), the 10 MiB limit by header and by
// count, the PDF rules, removal, submissions attaching documents in their own batch (and
// refusing anyone else's, with nothing written), the idempotent replay, the tenant's download,
// sealed bytes that only open where they belong, and the purge of uploads never attached.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { submissionSchema } from '../../contracts/applications.js';
import {
  IDEMPOTENCY_TTL_MS,
  IN_FLIGHT_LEASE_MS,
  requestHash,
} from '../../edge/applications/idempotency.js';
import { MAX_PENDING_UPLOADS, UPLOAD_TTL_MS } from '../../edge/applications/uploads.js';
import { purgeExpired } from '../../edge/maintenance.js';
import {
  concat,
  jpeg,
  NOT_DOCUMENTS,
  objectStream,
  onePagePdf,
  pdf,
  png,
  stream,
} from './document-fixtures.js';
import {
  createTenant,
  createTestEdge,
  mintToken,
  ORIGIN,
  type TestEdge,
  type TestTenant,
} from './helpers.js';

const MiB = 1024 * 1024;

interface Setup {
  edge: TestEdge;
  tenant: TestTenant;
  token: string;
}

interface Uploaded {
  id: string;
  kind: string;
  name: string | null;
  type: string;
  size: number;
  sha256: string;
}

async function setup(edge?: TestEdge, slug = 'bank-a', customer = 'cust-1'): Promise<Setup> {
  const e = edge ?? (await createTestEdge());
  const tenant = await createTenant(e, slug, [ORIGIN]);
  const { token } = await mintToken(e, tenant, {
    scopes: ['onboarding:write'],
    origin: ORIGIN,
    customer,
  });
  return { edge: e, tenant, token };
}

/** Another customer of the same tenant. */
async function customer(s: Setup, name: string): Promise<Setup> {
  const { token } = await mintToken(s.edge, s.tenant, {
    scopes: ['onboarding:write'],
    origin: ORIGIN,
    customer: name,
  });
  return { ...s, token };
}

const upload = (
  s: Setup,
  bytes: Uint8Array,
  kind = 'identity',
  headers: Record<string, string> = {},
) =>
  s.edge.call('POST', `/v1/applications/documents?kind=${kind}`, {
    auth: s.token,
    body: bytes,
    headers: { origin: ORIGIN, 'content-type': 'application/octet-stream', ...headers },
  });

async function read<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function problem(res: Response, status: number, code: string) {
  const body = await read<Record<string, unknown>>(res, status);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(body.type, `https://docs.gridworks.example/problems/${code}`);
  return body;
}

const stored = async (s: Setup, bytes: Uint8Array, kind = 'identity', name?: string) =>
  read<Uploaded>(
    await upload(s, bytes, kind, name ? { 'x-file-name': encodeURIComponent(name) } : {}),
    201,
  );

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const count = (edge: TestEdge, table: string, where = '1 = 1'): number =>
  (edge.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number })
    .n;

const uploadState = (edge: TestEdge, id: string) =>
  (edge.sqlite
    .prepare('SELECT state, application_id FROM application_uploads WHERE id = ?')
    .get(id) as { state: string; application_id: string | null } | undefined) ?? {
    state: 'gone',
    application_id: null,
  };

const submissionWith = (documents: { id: string; kind: string }[]) => ({
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
    ...(documents.length > 0 ? { documents: { documents } } : {}),
    declarations: {
      politicallyExposed: false,
      sanctioned: false,
      consent: { accepted: true, text: 'I consent.', givenAt: '2026-11-21T11:59:00Z' },
    },
  },
});

const submit = (s: Setup, body: unknown, key: string) =>
  s.edge.call('POST', '/v1/applications', {
    auth: s.token,
    body,
    headers: { origin: ORIGIN, 'idempotency-key': key },
  });

const tables = (edge: TestEdge) => ({
  applications: count(edge, 'applications'),
  keys: count(edge, 'idempotency_keys'),
  outbox: count(edge, 'outbox'),
  attached: count(edge, 'application_uploads', "state = 'attached'"),
});

/** A PDF of exactly `size` bytes: a one-page file padded with a trailing comment. */
function pdfOfSize(size: number): Uint8Array {
  const base = onePagePdf();
  return concat([base, '%', new Uint8Array(size - base.length - 1).fill(0x41)]);
}

describe('uploads are judged by their bytes', () => {
  test('a PNG, a JPEG and a PDF are stored and answered with their metadata', async () => {
    const s = await setup();
    for (const [bytes, type] of [
      [png(), 'image/png'],
      [jpeg(), 'image/jpeg'],
      [onePagePdf(), 'application/pdf'],
    ] as const) {
      const doc = await stored(s, bytes, 'proof-of-address');
      assert.match(doc.id, /^doc_[A-Za-z0-9]{20}$/);
      assert.deepEqual(
        { ...doc, id: '' },
        {
          id: '',
          kind: 'proof-of-address',
          name: null,
          type,
          size: bytes.length,
          sha256: sha256(bytes),
        },
      );
    }
    const named = await stored(s, png(), 'identity', 'Certificat d’incorporation ✓.png');
    assert.equal(named.name, 'Certificat d’incorporation ✓.png');
    assert.equal(count(s.edge, 'application_uploads'), 4);
    assert.equal(count(s.edge, 'blobs'), 4);
    await s.edge.close();
  });

  test('neither the declared type nor the name decides: a PNG sent as a PDF named .pdf is a PNG', async () => {
    const s = await setup();
    const res = await upload(s, png(), 'certificate-of-incorporation', {
      'content-type': 'application/pdf',
      'x-file-name': 'certificate.pdf',
    });
    const doc = await read<Uploaded>(res, 201);
    assert.equal(doc.type, 'image/png');
    assert.equal(doc.name, 'certificate.pdf');
    // A PDF sent as an image is a PDF, and gets the PDF rules.
    const pdfAsImage = await read<Uploaded>(
      await upload(s, onePagePdf(), 'identity', { 'content-type': 'image/jpeg' }),
      201,
    );
    assert.equal(pdfAsImage.type, 'application/pdf');
    await s.edge.close();
  });

  test('an EXE, a ZIP, an SVG and plain text are 415, naming what was found; nothing is kept', async () => {
    const s = await setup();
    const cases = [
      [NOT_DOCUMENTS.exe, 'application/x-msdownload'],
      [NOT_DOCUMENTS.zip, 'application/zip'],
      [NOT_DOCUMENTS.svg, 'application/xml'],
      [NOT_DOCUMENTS.text, null],
    ] as const;
    for (const [bytes, detected] of cases) {
      const body = await problem(
        await upload(s, bytes, 'identity', {
          'content-type': 'application/pdf',
          'x-file-name': 'scan.pdf',
        }),
        415,
        'unsupported-document-type',
      );
      assert.equal(body.detected, detected);
      assert.deepEqual(body.allowed, ['application/pdf', 'image/png', 'image/jpeg']);
      if (detected) assert.ok(String(body.detail).includes(detected), String(body.detail));
    }
    assert.equal(count(s.edge, 'application_uploads'), 0);
    assert.equal(count(s.edge, 'blobs'), 0);
    await s.edge.close();
  });

  test('10 MiB is taken; 10 MiB and a byte is 413 by its Content-Length, and by its bytes when the header lies', async () => {
    const s = await setup();
    const limit = pdfOfSize(10 * MiB);
    const doc = await read<Uploaded>(
      await upload(s, limit, 'other', { 'content-length': String(limit.length) }),
      201,
    );
    assert.equal(doc.size, 10 * MiB);
    const over = pdfOfSize(10 * MiB + 1);
    const framings: Record<string, string>[] = [
      { 'content-length': String(over.length) },
      // The header says 1 KiB: the body is counted as it is read, and refused past the limit.
      { 'content-length': '1024' },
      // No length at all (chunked): counted as it streams.
      {},
    ];
    for (const headers of framings) {
      const body = await problem(
        await upload(s, over, 'other', headers),
        413,
        'document-too-large',
      );
      assert.equal(body.maxBytes, 10 * MiB);
    }
    assert.equal(count(s.edge, 'application_uploads'), 1);
    // Other routes keep the edge's default limit.
    await problem(
      await s.edge.call('PUT', '/v1/applications/draft', {
        auth: s.token,
        body: { steps: { company: { legalName: 'x'.repeat(70 * 1024) } } },
        headers: { origin: ORIGIN },
      }),
      413,
      'payload-too-large',
    );
    await s.edge.close();
  });

  test('an empty body, an unknown kind and a malformed or overlong X-File-Name are 400s', async () => {
    const s = await setup();
    await problem(await upload(s, new Uint8Array()), 400, 'empty-document');
    await problem(await upload(s, png(), 'passport'), 400, 'validation-failed');
    await problem(
      await upload(s, png(), 'identity', { 'x-file-name': '%E2%80' }),
      400,
      'invalid-file-name',
    );
    await problem(
      await upload(s, png(), 'identity', { 'x-file-name': 'a'.repeat(201) }),
      400,
      'invalid-file-name',
    );
    await problem(
      await upload(s, png(), 'identity', { 'x-file-name': 'two%0Alines.png' }),
      400,
      'invalid-file-name',
    );
    await problem(
      await upload(s, png(), 'identity', { 'x-file-name': 'evil%E2%80%AEgnp.exe' }),
      400,
      'invalid-file-name',
    );
    // A path is cut to its last segment: the name is display text, never a path.
    const pathy = await stored(s, png(), 'identity', '../../etc/passwd');
    assert.equal(pathy.name, 'passwd');
    assert.equal(count(s.edge, 'application_uploads'), 1);
    await s.edge.close();
  });

  test('PDFs that run code or are encrypted are 422s and are not kept', async () => {
    const s = await setup();
    const action = '<< /S /JavaScript /JS (app.alert\\(1\\)) >>';
    const cases: [string, Uint8Array, string][] = [
      ['/JavaScript', onePagePdf('/OpenAction 5 0 R ', [action]), 'pdf-javascript'],
      [
        '/J#61vaScript',
        onePagePdf('/OpenAction 5 0 R ', ['<< /S /J#61vaScript /JS (app.alert\\(1\\)) >>']),
        'pdf-javascript',
      ],
      [
        'JS only in an object stream',
        onePagePdf('/OpenAction 6 0 R ', [objectStream([action], { first: 6 })]),
        'pdf-javascript',
      ],
      [
        '/Launch',
        onePagePdf('/OpenAction 5 0 R ', ['<< /S /Launch /F (cmd.exe) >>']),
        'pdf-javascript',
      ],
      [
        'encrypted',
        pdf(
          [
            '<< /Type /Catalog /Pages 2 0 R >>',
            '<< /Type /Pages /Kids [] /Count 0 >>',
            '<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>',
          ],
          '/Encrypt 3 0 R ',
        ),
        'pdf-encrypted',
      ],
    ];
    for (const [what, bytes, code] of cases) {
      const body = await problem(await upload(s, bytes), 422, code);
      assert.ok(typeof body.detail === 'string' && body.detail.length > 0, what);
    }
    assert.equal(count(s.edge, 'application_uploads'), 0);
    await s.edge.close();
  });

  test('a customer holds at most 40 uploads not yet submitted', async () => {
    const s = await setup();
    for (let i = 0; i < MAX_PENDING_UPLOADS; i++) await stored(s, png());
    await problem(await upload(s, png()), 409, 'too-many-uploads');
    // Another customer of the bank has room of their own.
    await stored(await customer(s, 'cust-2'), png());
    await s.edge.close();
  });

  test('the widget may send X-File-Name from the bank’s page (preflight)', async () => {
    const s = await setup();
    const res = await s.edge.call('OPTIONS', '/v1/applications/documents', {
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    assert.equal(res.status, 204);
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /X-File-Name/);
    await s.edge.close();
  });
});

describe('removing an upload', () => {
  test('the customer removes their own upload (204, bytes gone); not another’s (404) nor a submitted one (409)', async () => {
    const s = await setup();
    const other = await customer(s, 'cust-2');
    const remove = (who: Setup, id: string) =>
      who.edge.call('DELETE', `/v1/applications/documents/${id}`, {
        auth: who.token,
        headers: { origin: ORIGIN },
      });
    const doc = await stored(s, png());
    await problem(await remove(other, doc.id), 404, 'not-found');
    assert.equal(uploadState(s.edge, doc.id).state, 'uploaded');
    assert.equal((await remove(s, doc.id)).status, 204);
    assert.equal(uploadState(s.edge, doc.id).state, 'gone');
    assert.equal(count(s.edge, 'blobs'), 0);
    await problem(await remove(s, doc.id), 404, 'not-found');

    const kept = await stored(s, png());
    await read(await submit(s, submissionWith([{ id: kept.id, kind: 'identity' }]), 'k-1'), 201);
    await problem(await remove(s, kept.id), 409, 'document-submitted');
    assert.equal(uploadState(s.edge, kept.id).state, 'attached');
    await s.edge.close();
  });

  test('a removal cut short (the bytes could not be deleted) is finished by the next purge', async () => {
    const s = await setup();
    const doc = await stored(s, png());
    const blobs = s.edge.deps.blobs;
    s.edge.deps.blobs = { ...blobs, delete: async () => Promise.reject(new Error('bucket away')) };
    const res = await s.edge.call('DELETE', `/v1/applications/documents/${doc.id}`, {
      auth: s.token,
      headers: { origin: ORIGIN },
    });
    assert.equal(res.status, 500);
    // Marked: it can no longer be attached, and the purge finishes the job.
    assert.equal(uploadState(s.edge, doc.id).state, 'removing');
    await problem(
      await submit(s, submissionWith([{ id: doc.id, kind: 'identity' }]), 'k-1'),
      422,
      'invalid-documents',
    );
    s.edge.deps.blobs = blobs;
    assert.equal((await purgeExpired(s.edge.deps)).uploads, 1);
    assert.equal(uploadState(s.edge, doc.id).state, 'gone');
    assert.equal(count(s.edge, 'blobs'), 0);
    await s.edge.close();
  });
});

describe('submissions with documents', () => {
  test('attached in the submission’s batch; a replay answers the same; the tenant reads their metadata', async () => {
    const s = await setup();
    const certificate = await stored(s, onePagePdf(), 'certificate-of-incorporation', 'COI.pdf');
    const passport = await stored(s, jpeg(), 'identity', 'passport scan.jpg');
    const body = submissionWith([
      { id: certificate.id, kind: 'certificate-of-incorporation' },
      { id: passport.id, kind: 'identity' },
    ]);
    const receipt = await read<{ id: string }>(await submit(s, body, 'with-docs'), 201);
    for (const doc of [certificate, passport])
      assert.deepEqual(uploadState(s.edge, doc.id), {
        state: 'attached',
        application_id: receipt.id,
      });
    assert.deepEqual(tables(s.edge), { applications: 1, keys: 1, outbox: 1, attached: 2 });

    // The replay answers from the key: its documents are attached now, and that is no error.
    const replay = await submit(s, body, 'with-docs');
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await read(replay, 201), receipt);
    assert.deepEqual(tables(s.edge), { applications: 1, keys: 1, outbox: 1, attached: 2 });

    const full = await read<{
      steps: { documents: { documents: { id: string; kind: string }[] } };
      documents: Uploaded[];
    }>(
      await s.edge.call('GET', `/v1/applications/${receipt.id}`, { auth: s.tenant.secretKey }),
      200,
    );
    assert.deepEqual(full.steps.documents.documents, body.steps.documents?.documents);
    assert.deepEqual(full.documents, [certificate, passport]);
    await s.edge.close();
  });

  test('another customer’s or tenant’s document, an unknown one, a wrong kind: 422 pointing at each, nothing written', async () => {
    const edge = await createTestEdge();
    const s = await setup(edge, 'bank-a');
    const neighbour = await customer(s, 'cust-2');
    const otherBank = await setup(edge, 'bank-b', 'cust-1');
    const own = await stored(s, png(), 'identity');
    const theirs = await stored(neighbour, png(), 'identity');
    const foreign = await stored(otherBank, png(), 'identity');
    const before = tables(edge);
    const res = await submit(
      s,
      submissionWith([
        { id: own.id, kind: 'proof-of-address' },
        { id: theirs.id, kind: 'identity' },
        { id: foreign.id, kind: 'identity' },
        { id: 'doc_AAAAAAAAAAAAAAAAAAAA', kind: 'identity' },
      ]),
      'bad-docs',
    );
    const body = await problem(res, 422, 'invalid-documents');
    assert.deepEqual(
      (body.errors as { path: string; code: string }[]).map((e) => [e.path, e.code]),
      [
        ['/steps/documents/documents/0/kind', 'document-kind-mismatch'],
        ['/steps/documents/documents/1/id', 'document-not-found'],
        ['/steps/documents/documents/2/id', 'document-not-found'],
        ['/steps/documents/documents/3/id', 'document-not-found'],
      ],
    );
    // Nothing written, the key freed at once, every upload still its owner's.
    assert.deepEqual(tables(edge), before);
    for (const doc of [own, theirs, foreign])
      assert.equal(uploadState(edge, doc.id).state, 'uploaded');
    await read(
      await submit(s, submissionWith([{ id: own.id, kind: 'identity' }]), 'bad-docs'),
      201,
    );
    await edge.close();
  });

  test('a document goes with one application only; the same one twice in a list is a 422', async () => {
    const s = await setup();
    const doc = await stored(s, png());
    await read(await submit(s, submissionWith([{ id: doc.id, kind: 'identity' }]), 'first'), 201);
    const again = await problem(
      await submit(s, submissionWith([{ id: doc.id, kind: 'identity' }]), 'second'),
      422,
      'invalid-documents',
    );
    assert.deepEqual(
      (again.errors as { path: string; code: string }[]).map((e) => e.code),
      ['document-submitted'],
    );
    const fresh = await stored(s, png());
    const twice = await problem(
      await submit(
        s,
        submissionWith([
          { id: fresh.id, kind: 'identity' },
          { id: fresh.id, kind: 'identity' },
        ]),
        'third',
      ),
      422,
      'validation-failed',
    );
    assert.ok(
      (twice.errors as { path: string }[]).some(
        (e) => e.path === '/steps/documents/documents/1/id',
      ),
    );
    assert.equal(count(s.edge, 'applications'), 1);
    await s.edge.close();
  });

  test('a document taken after the check (another submission, a removal) makes the whole batch write nothing', async () => {
    const s = await setup();
    const doc = await stored(s, png());
    const body = submissionSchema.parse(submissionWith([{ id: doc.id, kind: 'identity' }]));
    const claim = {
      tenantId: s.tenant.id,
      customer: 'cust-1',
      key: 'raced',
      requestHash: await requestHash(body),
      claim: 'clm_raced',
      at: s.edge.clock.now(),
      leaseMs: IN_FLIGHT_LEASE_MS,
      ttlMs: IDEMPOTENCY_TTL_MS,
    };
    await s.edge.deps.store.claimIdempotencyKey(claim);
    // Between this request's check and its batch, the customer removed the document.
    assert.equal(await s.edge.deps.store.markUploadRemoved(s.tenant.id, 'cust-1', doc.id), true);
    const outcome = await s.edge.deps.store.submitApplication(
      claim,
      {
        id: 'app_AAAAAAAAAAAAAAAAAAAA',
        tenantId: s.tenant.id,
        customer: 'cust-1',
        product: 'business-current',
        status: 'submitted',
        sealed: 'g1.x',
        screeningSealed: null,
        counts: { signatories: 1, contacts: 0, services: 0 },
        createdAt: s.edge.clock.now(),
        updatedAt: s.edge.clock.now(),
        changeId: 'chg_x',
      },
      { status: 201, json: '{}' },
      [{ id: 'evt_x', type: 'application.submitted', payload: {} }],
      {
        tenantId: s.tenant.id,
        actor: 'x',
        action: 'application.submitted',
        target: 'x',
        beforeHash: null,
        afterHash: null,
      },
      [doc.id],
    );
    assert.equal(outcome, 'documents-unavailable');
    assert.deepEqual(
      { ...tables(s.edge), audit: count(s.edge, 'audit_log', "action = 'application.submitted'") },
      { applications: 0, keys: 1, outbox: 0, attached: 0, audit: 0 },
    );
    const key = s.edge.sqlite
      .prepare("SELECT state, claim FROM idempotency_keys WHERE idem_key = 'raced'")
      .get() as { state: string; claim: string };
    assert.deepEqual(key, { state: 'in_flight', claim: 'clm_raced' });
    assert.equal(uploadState(s.edge, doc.id).state, 'removing');
    await s.edge.close();
  });
});

describe('the tenant downloads a document', () => {
  test('decrypted to the same bytes, of its detected type, as an attachment never cached or sniffed', async () => {
    const edge = await createTestEdge();
    const s = await setup(edge, 'bank-a');
    const b = await setup(edge, 'bank-b');
    const bytes = onePagePdf('', [stream('', '(Certificate of incorporation) Tj')]);
    const doc = await stored(s, bytes, 'certificate-of-incorporation', 'scan.exe');
    const app = await read<{ id: string }>(
      await submit(s, submissionWith([{ id: doc.id, kind: 'certificate-of-incorporation' }]), 'dl'),
      201,
    );
    const path = `/v1/applications/${app.id}/documents/${doc.id}`;
    const res = await edge.call('GET', path, { auth: s.tenant.secretKey });
    assert.equal(res.status, 200);
    const got = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual(got, bytes);
    assert.equal(sha256(got), doc.sha256);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(res.headers.get('content-length'), String(bytes.length));
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    // The name the customer gave, with the extension of what the file really is.
    assert.equal(
      res.headers.get('content-disposition'),
      `attachment; filename="scan.exe.pdf"; filename*=UTF-8''scan.exe.pdf`,
    );
    assert.match(res.headers.get('content-security-policy') ?? '', /sandbox/);

    // Another tenant, another application's id, a key without applications:read: refused.
    await problem(await edge.call('GET', path, { auth: b.tenant.secretKey }), 404, 'not-found');
    const second = await read<{ id: string }>(await submit(s, submissionWith([]), 'dl-2'), 201);
    await problem(
      await edge.call('GET', `/v1/applications/${second.id}/documents/${doc.id}`, {
        auth: s.tenant.secretKey,
      }),
      404,
      'not-found',
    );
    const narrow = await read<{ secret: string }>(
      await edge.call('POST', '/v1/keys', {
        auth: s.tenant.secretKey,
        body: { kind: 'secret', scopes: ['applications:write'] },
      }),
      201,
    );
    await problem(await edge.call('GET', path, { auth: narrow.secret }), 403, 'insufficient-scope');
    await edge.close();
  });

  test('sealed bytes moved onto another document do not open there', async () => {
    const s = await setup();
    const first = await stored(s, png());
    const second = await stored(s, jpeg());
    const app = await read<{ id: string }>(
      await submit(
        s,
        submissionWith([
          { id: first.id, kind: 'identity' },
          { id: second.id, kind: 'identity' },
        ]),
        'moved',
      ),
      201,
    );
    s.edge.sqlite
      .prepare(
        'UPDATE blobs SET bytes = (SELECT bytes FROM blobs WHERE key LIKE ?) WHERE key LIKE ?',
      )
      .run(`%/${first.id}`, `%/${second.id}`);
    const res = await s.edge.call('GET', `/v1/applications/${app.id}/documents/${second.id}`, {
      auth: s.tenant.secretKey,
    });
    assert.equal(res.status, 500);
    await s.edge.close();
  });
});

describe('uploads never submitted', () => {
  test('are purged (row and bytes) 24 h after the upload, by the injected clock; attached ones stay', async () => {
    const s = await setup();
    const waiting = await stored(s, png());
    const attached = await stored(s, jpeg());
    await read(
      await submit(s, submissionWith([{ id: attached.id, kind: 'identity' }]), 'keep'),
      201,
    );
    s.edge.clock.advance(UPLOAD_TTL_MS - 1);
    assert.equal((await purgeExpired(s.edge.deps)).uploads, 0);
    assert.equal(uploadState(s.edge, waiting.id).state, 'uploaded');
    s.edge.clock.advance(1);
    // Expired: no longer attachable even before the purge runs (a day later, a new token).
    const later = await customer(s, 'cust-1');
    await problem(
      await submit(later, submissionWith([{ id: waiting.id, kind: 'identity' }]), 'late'),
      422,
      'invalid-documents',
    );
    assert.equal((await purgeExpired(s.edge.deps)).uploads, 1);
    assert.equal(uploadState(s.edge, waiting.id).state, 'gone');
    assert.equal(uploadState(s.edge, attached.id).state, 'attached');
    assert.equal(count(s.edge, 'blobs'), 1);
    assert.equal((await purgeExpired(s.edge.deps)).uploads, 0);
    await s.edge.close();
  });
});
