/**
 * Small real files for the document tests, made here byte by byte: a PDF with a correct
 * cross-reference table (and object streams, compressed as PDF writers do), a 1×1 PNG with
 * its CRCs, an 8×8 baseline JPEG of one grey, and the look-alikes that must be refused.
 */
import { crc32, deflateSync } from 'node:zlib';

const encoder = new TextEncoder();
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

export function concat(parts: readonly (string | Uint8Array)[]): Uint8Array {
  const bytes = parts.map((p) => (typeof p === 'string' ? latin1(p) : p));
  const out = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  let offset = 0;
  for (const b of bytes) {
    out.set(b, offset);
    offset += b.length;
  }
  return out;
}

/** A stream object's body: its dictionary (with `/Length` added) and its data. */
export function stream(dict: string, data: string | Uint8Array): Uint8Array {
  const bytes = typeof data === 'string' ? latin1(data) : data;
  return concat([`<< ${dict} /Length ${bytes.length} >>\nstream\n`, bytes, '\nendstream']);
}

/**
 * A PDF of `objects` (numbered from 1; object 1 is the catalog), with a cross-reference
 * table pointing at each and a trailer (plus `trailer` entries, e.g. `/Encrypt 9 0 R`).
 */
export function pdf(objects: readonly (string | Uint8Array)[], trailer = ''): Uint8Array {
  const parts: (string | Uint8Array)[] = ['%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'];
  let length = concat(parts).length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const object = concat([`${i + 1} 0 obj\n`, body, '\nendobj\n']);
    parts.push(object);
    length += object.length;
  });
  const xref = [
    'xref\n',
    `0 ${objects.length + 1}\n`,
    '0000000000 65535 f \n',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ].join('');
  parts.push(
    xref,
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${length}\n%%EOF\n`,
  );
  return concat(parts);
}

/** The page tree every test PDF shares: objects 2–4 (pages, page, its content). */
export const PAGE_OBJECTS = [
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
  stream('/Filter /FlateDecode', deflateSync('0 0 m 200 200 l S\n')),
] as const;

/** A one-page PDF whose catalog carries `catalog` entries, with further objects from 5 on. */
export const onePagePdf = (catalog = '', more: readonly (string | Uint8Array)[] = []) =>
  pdf([`<< /Type /Catalog /Pages 2 0 R ${catalog}>>`, ...PAGE_OBJECTS, ...more]);

/** An object stream holding `objects` (numbered from `first`), as PDF 1.5 writers pack them. */
export function objectStream(
  objects: readonly string[],
  options: { first?: number; dict?: string; encode?: (data: Uint8Array) => Uint8Array } = {},
): Uint8Array {
  const number = options.first ?? 5;
  let offsets = '';
  let body = '';
  objects.forEach((o, i) => {
    offsets += `${number + i} ${body.length} `;
    body += `${o}\n`;
  });
  const data = latin1(offsets + body);
  const dict =
    options.dict ??
    `/Type /ObjStm /N ${objects.length} /First ${offsets.length} /Filter /FlateDecode`;
  return stream(dict, (options.encode ?? ((d) => deflateSync(d)))(data));
}

/** A valid 1×1 greyscale PNG: signature, IHDR, one compressed scanline, IEND. */
export function png(): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const body = concat([type, data]);
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(body, 4);
    view.setUint32(8 + data.length, crc32(body));
    return out;
  };
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, 1);
  new DataView(ihdr.buffer).setUint32(4, 1);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no filter, no interlace
  return concat([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(new Uint8Array([0, 0x80]))),
    chunk('IEND', new Uint8Array()),
  ]);
}

/**
 * A valid baseline JPEG, 8×8 of mid grey: all quantisers 1, one DC and one AC Huffman code
 * (each a single 1-bit code), and one block whose DC difference is 0 followed by end-of-block.
 */
export function jpeg(): Uint8Array {
  const marker = (code: number, body: readonly number[]) => [
    0xff,
    code,
    (body.length + 2) >> 8,
    (body.length + 2) & 255,
    ...body,
  ];
  const oneCode = [1, ...new Array<number>(15).fill(0), 0];
  return new Uint8Array([
    0xff,
    0xd8,
    ...marker(0xdb, [0, ...new Array<number>(64).fill(1)]),
    ...marker(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]),
    ...marker(0xc4, [0x00, ...oneCode]),
    ...marker(0xc4, [0x10, ...oneCode]),
    ...marker(0xda, [1, 1, 0x00, 0, 63, 0]),
    0b0011_1111, // DC category 0 ("0"), end of block ("0"), padded with ones
    0xff,
    0xd9,
  ]);
}

/** Look-alikes a document upload must refuse. */
export const NOT_DOCUMENTS = {
  // A DOS header: "MZ", then the PE offset at 0x3c pointing at "PE\0\0".
  exe: (() => {
    const bytes = new Uint8Array(256);
    bytes.set([0x4d, 0x5a]);
    bytes[0x3c] = 0x80;
    bytes.set([0x50, 0x45, 0, 0, 0x4c, 0x01], 0x80);
    return bytes;
  })(),
  // A ZIP with one stored file (local header, central directory, end record).
  zip: (() => {
    const name = latin1('a.txt');
    const data = latin1('hello');
    const crc = crc32(data);
    const local = new Uint8Array(30 + name.length + data.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 10, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    local.set(data, 30 + name.length);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 10, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, name.length, true);
    central.set(name, 46);
    const end = new Uint8Array(22);
    const ev = new DataView(end.buffer);
    ev.setUint32(0, 0x06054b50, true);
    ev.setUint16(8, 1, true);
    ev.setUint16(10, 1, true);
    ev.setUint32(12, central.length, true);
    ev.setUint32(16, local.length, true);
    return concat([local, central, end]);
  })(),
  svg: encoder.encode(
    '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><script>alert(1)</script></svg>',
  ),
  text: encoder.encode('Certificate of incorporation (honest, it is a PDF)\n'),
} as const;
