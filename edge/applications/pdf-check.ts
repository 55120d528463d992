/**
 * Is an uploaded PDF one a reviewer may open? A triage in the manner of Didier Stevens' pdfid:
 * the file's name tokens are counted after decoding `#xx` escapes (`/J#61vaScript` is
 * `/JavaScript`), and object streams — where PDF 1.5+ hides whole objects, compressed — are
 * inflated and scanned the same way. It refuses what runs code in a viewer (`/JavaScript`,
 * `/JS`, `/Launch`, XFA forms, whose scripts run in Acrobat) and encryption (`/Encrypt`: what
 * it hides cannot be checked), and any file it cannot read to the end within its budget
 * (an object stream it cannot decode, a dictionary it cannot parse, a zip bomb).
 *
 * Where the names are looked for:
 * - everything outside stream data (dictionaries, the trailer, comments, strings): every name;
 * - raw stream data (images, fonts, compressed bytes): only names of three letters and more,
 *   since `/JS` and `/AA` turn up by chance in megabytes of binary data; an object header
 *   (`12 0 obj`) inside stream data, where a cross-reference table may point, is read in full;
 * - object streams (a stream with `/Type /ObjStm` or `/First`), decoded: every name.
 *
 * A triage, not a sanitiser: it finds what viewers run in files as PDF writers make them, and
 * refuses what it cannot read. Pure: no I/O beyond the WHATWG `DecompressionStream` (Node 20,
 * workerd); the syntax it reads is in `pdf-syntax.ts`.
 */

import {
  A85,
  arrayOf,
  type Budget,
  decodeA85,
  decodeHex,
  ENDSTREAM,
  eolBefore,
  FLATE,
  type FoundStream,
  findStreams,
  HEX,
  inflate,
  NameCounter,
  nameOf,
  scanHiddenObjects,
  streamDictionary,
  Unreadable,
  type Value,
} from './pdf-syntax.js';

export type PdfProblem = 'pdf-javascript' | 'pdf-encrypted' | 'pdf-unscannable';

export interface PdfLimits {
  /** Bytes inflated from object streams in total; past it the file is refused (a zip bomb). */
  maxInflatedBytes: number;
  /** Object streams decoded. */
  maxObjectStreams: number;
  /** Tokens read while parsing stream dictionaries. */
  maxSteps: number;
}

export const PDF_LIMITS: PdfLimits = {
  maxInflatedBytes: 50 * 1024 * 1024,
  maxObjectStreams: 5_000,
  maxSteps: 5_000_000,
};

/** The names counted, as pdfid counts them. */
export const WATCHED_NAMES = [
  'JS',
  'JavaScript',
  'AA',
  'OpenAction',
  'Launch',
  'XFA',
  'Encrypt',
  'ObjStm',
  'EmbeddedFile',
  'RichMedia',
  'AcroForm',
  'URI',
] as const;
export type WatchedName = (typeof WATCHED_NAMES)[number];

/** Names that make a viewer run code; `/OpenAction` and `/AA` only trigger what these are. */
const CODE: readonly WatchedName[] = ['JavaScript', 'JS', 'Launch', 'XFA'];
/** Too short to count in binary stream data (random bytes spell them now and then). */
const SHORT = new Set<string>(['JS', 'AA']);

export interface PdfReport {
  /** How often each watched name occurs. */
  names: Record<WatchedName, number>;
  streams: number;
  objectStreams: number;
  inflatedBytes: number;
}

export type PdfVerdict = PdfReport &
  ({ ok: true } | { ok: false; problem: PdfProblem; reason: string });

function emptyCounts(): Record<WatchedName, number> {
  return Object.fromEntries(WATCHED_NAMES.map((n) => [n, 0])) as Record<WatchedName, number>;
}

/** Checks a PDF's bytes (already known to be a PDF by its signature). */
export async function checkPdf(
  bytes: Uint8Array,
  limits: Partial<PdfLimits> = {},
): Promise<PdfVerdict> {
  const bounds = { ...PDF_LIMITS, ...limits };
  const budget: Budget = {
    steps: 0,
    maxSteps: bounds.maxSteps,
    inflated: 0,
    maxInflatedBytes: bounds.maxInflatedBytes,
  };
  let objectStreamsRead = 0;
  const names = emptyCounts();
  const counter = new NameCounter(names, SHORT);
  const streams = findStreams(bytes);
  const report = (): PdfReport => ({
    names,
    streams: streams.length,
    objectStreams: objectStreamsRead,
    inflatedBytes: budget.inflated,
  });
  const refusal = (): PdfVerdict | undefined => {
    const code = CODE.filter((n) => names[n] > 0);
    if (code.length > 0) {
      const triggers = (['OpenAction', 'AA'] as const).filter((n) => names[n] > 0);
      const listed = [...code, ...triggers].map((n) => `/${n}`).join(', ');
      return {
        ...report(),
        ok: false,
        problem: 'pdf-javascript',
        reason: `The PDF holds code a viewer would run (${listed}).`,
      };
    }
    if (names.Encrypt > 0)
      return {
        ...report(),
        ok: false,
        problem: 'pdf-encrypted',
        reason: 'The PDF is encrypted (/Encrypt); send it without a password or encryption.',
      };
    return undefined;
  };
  const unscannable = (why: string): PdfVerdict =>
    refusal() ?? {
      ...report(),
      ok: false,
      problem: 'pdf-unscannable',
      reason: `The PDF could not be checked: ${why}.`,
    };

  // Structure and raw stream data, then the dictionaries of the streams.
  const objectStreams: { stream: FoundStream; dict: Map<string, Value> }[] = [];
  let unreadable: string | undefined;
  let cursor = 0;
  for (const stream of streams) {
    counter.scan(bytes, cursor, stream.dataStart);
    counter.end();
    counter.scan(bytes, stream.dataStart, stream.dataEnd, true);
    counter.end();
    scanHiddenObjects(bytes, stream, counter);
    if (unreadable === undefined) {
      try {
        const dict = streamDictionary(bytes, cursor, stream.keyword, budget);
        if (nameOf(dict.get('Type')) === 'ObjStm' || dict.has('First'))
          objectStreams.push({ stream, dict });
      } catch (error) {
        if (!(error instanceof Unreadable)) throw error;
        unreadable = error.message;
      }
    }
    cursor = Math.min(bytes.length, stream.dataEnd + ENDSTREAM.length);
  }
  counter.scan(bytes, cursor, bytes.length);
  counter.end();
  const early = refusal();
  if (early) return early;
  if (unreadable !== undefined) return unscannable(unreadable);

  for (const { stream, dict } of objectStreams) {
    if (++objectStreamsRead > bounds.maxObjectStreams)
      return unscannable('it has too many object streams');
    const filters = arrayOf(dict.get('Filter') ?? dict.get('F')).map(nameOf);
    const parms = arrayOf(dict.get('DecodeParms') ?? dict.get('DP'));
    const decoders: ((data: Uint8Array) => Uint8Array)[] = [];
    let flate = false;
    for (const [i, filter] of filters.entries()) {
      if (filter !== undefined && FLATE.has(filter) && i === filters.length - 1) {
        const p = parms[i];
        const predictor = p?.t === 'dict' ? p.v.get('Predictor') : undefined;
        if (predictor?.t !== undefined && (predictor.t !== 'num' || predictor.v > 1))
          return unscannable('an object stream uses a predictor');
        flate = true;
      } else if (filter !== undefined && HEX.has(filter)) decoders.push(decodeHex);
      else if (filter !== undefined && A85.has(filter)) decoders.push(decodeA85);
      else if (filter !== undefined && FLATE.has(filter))
        return unscannable('an object stream is decoded by Flate before another filter');
      else return unscannable(`an object stream is encoded with /${filter ?? '?'}`);
    }
    // Where the data ends: a viewer may go by a direct /Length (however short or long it is)
    // or by `endstream`, less the end-of-line before it. Each is read until one decodes
    // cleanly; if none does, the stream is not what it claims to be.
    const length = dict.get('Length');
    const ends = new Set<number>();
    if (length?.t === 'num' && stream.dataStart + length.v <= bytes.length)
      ends.add(stream.dataStart + length.v);
    ends.add(stream.dataEnd - eolBefore(bytes, stream.dataEnd));
    ends.add(stream.dataEnd);
    let clean = false;
    for (const end of ends) {
      let data = bytes.subarray(stream.dataStart, Math.max(stream.dataStart, end));
      for (const decode of decoders) data = decode(data);
      if (!flate) {
        counter.scan(data);
        counter.end();
        clean = true;
        break;
      }
      const outcome = await inflate(data, budget, (chunk) => counter.scan(chunk));
      counter.end();
      if (outcome === 'over-budget')
        return unscannable(`its object streams inflate past ${bounds.maxInflatedBytes} bytes`);
      if (outcome === 'done') {
        clean = true;
        break;
      }
    }
    if (!clean) return unscannable('an object stream does not inflate');
  }
  return refusal() ?? { ...report(), ok: true };
}
