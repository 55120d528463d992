// The PDF triage on its own (edge/applications/pdf-check.ts): what runs code in a viewer is
// refused however it is spelled (#xx escapes) or hidden (inside compressed object streams,
// inside stream data a cross-reference table may point into), encryption is refused, a zip
// bomb is stopped within its budget, and ordinary files — binary image data included — pass.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { checkPdf, PDF_LIMITS } from '../../edge/applications/pdf-check.js';
import { concat, objectStream, onePagePdf, pdf, stream } from './document-fixtures.js';

const JS_ACTION = '<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>';
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

async function refused(bytes: Uint8Array, problem: string) {
  const verdict = await checkPdf(bytes);
  assert.equal(verdict.ok, false, `expected ${problem}`);
  if (!verdict.ok) assert.equal(verdict.problem, problem, verdict.reason);
  return verdict;
}

async function accepted(bytes: Uint8Array) {
  const verdict = await checkPdf(bytes);
  assert.ok(verdict.ok, verdict.ok ? '' : verdict.reason);
  return verdict;
}

describe('code a viewer would run', () => {
  test('an ordinary one-page PDF passes, and an /OpenAction that only sets the view too', async () => {
    const plain = await accepted(onePagePdf());
    assert.equal(plain.names.JavaScript + plain.names.JS, 0);
    const view = await accepted(onePagePdf('/OpenAction [3 0 R /Fit] '));
    assert.equal(view.names.OpenAction, 1);
  });

  test('/JavaScript run by /OpenAction is refused, naming both', async () => {
    const verdict = await refused(onePagePdf('/OpenAction 5 0 R ', [JS_ACTION]), 'pdf-javascript');
    assert.ok(
      !verdict.ok && /\/JavaScript/.test(verdict.reason) && /\/OpenAction/.test(verdict.reason),
    );
  });

  test('#xx escapes in names are decoded: /J#61vaScript and /#4A#53 are what they spell', async () => {
    const escaped = onePagePdf('/OpenAction 5 0 R ', [
      '<< /S /J#61vaScript /#4A#53 (app.alert\\(1\\)) >>',
    ]);
    assert.ok(!latin1(escaped).includes('/JavaScript'));
    const verdict = await refused(escaped, 'pdf-javascript');
    assert.equal(verdict.names.JavaScript, 1);
    assert.equal(verdict.names.JS, 1);
  });

  test('/JS alone (a rendition action), an /AA trigger, /Launch and XFA forms are refused', async () => {
    await refused(
      onePagePdf('', ['<< /S /Rendition /R 6 0 R /JS (this.print\\(\\)) >>']),
      'pdf-javascript',
    );
    await refused(
      pdf([
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 9 9] /AA << /O << /S /JavaScript /JS 5 0 R >> >> >>',
        '<< >>',
        stream('', 'app.alert(1)'),
      ]),
      'pdf-javascript',
    );
    await refused(
      onePagePdf('/OpenAction 5 0 R ', ['<< /S /Launch /Win << /F (cmd.exe) /P (/c calc) >> >>']),
      'pdf-javascript',
    );
    await refused(
      onePagePdf('/AcroForm << /Fields [] /XFA 5 0 R >> ', [stream('', '<xdp:xdp/>')]),
      'pdf-javascript',
    );
  });

  test('an encrypted PDF (/Encrypt in the trailer) is refused', async () => {
    const encrypted = pdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        ...PAGE_TREE,
        '<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>',
      ],
      '/Encrypt 5 0 R /ID [<01> <01>] ',
    );
    assert.match(latin1(encrypted), /trailer\n<<[^>]*\/Encrypt 5 0 R/);
    await refused(encrypted, 'pdf-encrypted');
  });
});

const PAGE_TREE = [
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 9 9] >>',
  '<< >>',
];

describe('object streams are inflated', () => {
  test('JavaScript only inside a FlateDecode object stream is found; the same stream clean passes', async () => {
    const hidden = onePagePdf('/OpenAction 6 0 R ', [objectStream([JS_ACTION], { first: 6 })]);
    assert.ok(!latin1(hidden).includes('JavaScript'), 'the raw file does not show it');
    const verdict = await refused(hidden, 'pdf-javascript');
    assert.equal(verdict.objectStreams, 1);
    assert.ok(verdict.inflatedBytes > 0);
    const clean = await accepted(
      onePagePdf('', [objectStream(['<< /Type /Annot /Subtype /Text /Contents (Note) >>'])]),
    );
    assert.equal(clean.objectStreams, 1);
  });

  test('an object stream is read to its endstream whatever its /Length says (indirect, or short)', async () => {
    const data = deflateSync(`6 0 ${JS_ACTION}\n`);
    const body = (length: string) =>
      concat([
        `<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${length} >>\nstream\n`,
        data,
        '\nendstream',
      ]);
    await refused(onePagePdf('', [body('9 0 R'), String(data.length)]), 'pdf-javascript');
    await refused(onePagePdf('', [body('4')]), 'pdf-javascript');
  });

  test('an object stream without /Type (pdf.js needs only /First and /N) is still read', async () => {
    const data = deflateSync(`6 0 ${JS_ACTION}\n`);
    await refused(
      onePagePdf('', [stream(`/N 1 /First 4 /Filter /FlateDecode`, data)]),
      'pdf-javascript',
    );
  });

  test('a chain of filters (ASCIIHex over Flate) is decoded; an LZW or predicted one cannot be checked', async () => {
    const hex = (d: Uint8Array) => new TextEncoder().encode(`${Buffer.from(d).toString('hex')}>`);
    await refused(
      onePagePdf('', [
        objectStream([JS_ACTION], {
          dict: '/Type /ObjStm /N 1 /First 4 /Filter [/ASCIIHexDecode /FlateDecode]',
          encode: (d) => hex(deflateSync(d)),
        }),
      ]),
      'pdf-javascript',
    );
    const lzw = await refused(
      onePagePdf('', [
        objectStream(['<< >>'], { dict: '/Type /ObjStm /N 1 /First 4 /Filter /LZWDecode' }),
      ]),
      'pdf-unscannable',
    );
    assert.ok(!lzw.ok && /LZWDecode/.test(lzw.reason));
    await refused(
      onePagePdf('', [
        objectStream(['<< >>'], {
          dict: '/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>',
        }),
      ]),
      'pdf-unscannable',
    );
  });

  test('a zip bomb is refused once the budget is spent, not inflated to the end', async () => {
    // 200 MB of zeros deflates to about 200 KB.
    const bomb = deflateSync(Buffer.alloc(200 * 1024 * 1024));
    const file = onePagePdf('', [stream('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', bomb)]);
    assert.ok(file.length < 300_000);
    const verdict = await refused(file, 'pdf-unscannable');
    assert.ok(verdict.inflatedBytes > PDF_LIMITS.maxInflatedBytes);
    // Stopped within a slice of the limit, nowhere near the 200 MB.
    assert.ok(verdict.inflatedBytes < PDF_LIMITS.maxInflatedBytes + 8 * 1024 * 1024);
    const small = await checkPdf(file, { maxInflatedBytes: 1024 * 1024 });
    assert.ok(!small.ok && small.problem === 'pdf-unscannable');
    assert.ok(small.inflatedBytes < 8 * 1024 * 1024);
  });

  test('the step and object-stream limits refuse what would take too long to read', async () => {
    const many = onePagePdf('', [objectStream(['<< >>']), objectStream(['<< >>'], { first: 7 })]);
    const streams = await checkPdf(many, { maxObjectStreams: 1 });
    assert.ok(!streams.ok && streams.problem === 'pdf-unscannable');
    const steps = await checkPdf(onePagePdf(), { maxSteps: 5 });
    assert.ok(!steps.ok && steps.problem === 'pdf-unscannable');
  });

  test('an object stream that does not inflate, or a dictionary that cannot be read, is refused', async () => {
    await refused(
      onePagePdf('', [stream('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', 'not deflate')]),
      'pdf-unscannable',
    );
    // Broken off (its checksum cut): no reading of it ends cleanly, so what it hides is unknown.
    const cut = deflateSync('6 0 << /Type /Annot /Subtype /Text >>\n').subarray(0, -3);
    await refused(
      onePagePdf('', [stream('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', cut)]),
      'pdf-unscannable',
    );
    // The string is never closed: where its dictionary ends cannot be known.
    const open = await refused(
      onePagePdf('', ['<< /T (never closed >>\nstream\nxx\nendstream']),
      'pdf-unscannable',
    );
    assert.ok(!open.ok && /string/.test(open.reason), open.ok ? '' : open.reason);
  });
});

describe('binary stream data', () => {
  const image = (data: Uint8Array) =>
    onePagePdf('', [
      stream(
        '/Type /XObject /Subtype /Image /Width 64 /Height 64 /BitsPerComponent 8 /ColorSpace /DeviceGray',
        data,
      ),
    ]);

  test('/JS spelled by chance in image data is no JavaScript; /JavaScript in it still is', async () => {
    const noise = randomBytes(256 * 1024);
    noise.set(Buffer.from('/JS /AA '), 1000);
    const verdict = await accepted(image(noise));
    assert.equal(verdict.names.JS, 0);
    noise.set(Buffer.from('/JavaScript '), 5000);
    await refused(image(noise), 'pdf-javascript');
  });

  test('an object hidden inside stream data (an xref offset may point there) is read in full', async () => {
    const data = concat([
      randomBytes(512),
      '\n9 0 obj\n<< /S /Rendition /JS (x) >>\nendobj\n',
      randomBytes(512),
    ]);
    await refused(image(data), 'pdf-javascript');
  });
});
