/**
 * PDF syntax, as much as the triage in `pdf-check.ts` reads: byte classes, names with their
 * `#xx` escapes, streams found the way a viewer recovering a damaged file finds them, the
 * dictionary before each stream, object headers inside stream data, and the decoders an object
 * stream may use (Flate through the runtime's `DecompressionStream`, within a budget; ASCIIHex;
 * ASCII85). Pure.
 */

export const REGULAR = 0;
export const WHITE = 1;
const DELIMITER = 2;
export const CLASS = new Uint8Array(256);
for (const b of [0, 9, 10, 12, 13, 32]) CLASS[b] = WHITE;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = DELIMITER;

const SLASH = 0x2f;
const HASH = 0x23;
const CR = 0x0d;
const LF = 0x0a;
const GT = 0x3e;
const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const STREAM = ascii('stream');
export const ENDSTREAM = ascii('endstream');
const ENDOBJ = ascii('endobj');
const OBJ = ascii('obj');

const hexValue = (b: number) =>
  b >= 0x30 && b <= 0x39
    ? b - 0x30
    : b >= 0x41 && b <= 0x46
      ? b - 55
      : b >= 0x61 && b <= 0x66
        ? b - 87
        : -1;
const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;

/** The first index of `pattern` in `bytes` at or after `from`, or -1. */
export function indexOf(
  bytes: Uint8Array,
  pattern: Uint8Array,
  from: number,
  to = bytes.length,
): number {
  const first = pattern[0] as number;
  for (let i = bytes.indexOf(first, from); i !== -1 && i + pattern.length <= to; ) {
    let k = 1;
    while (k < pattern.length && bytes[i + k] === pattern[k]) k++;
    if (k === pattern.length) return i;
    i = bytes.indexOf(first, i + 1);
  }
  return -1;
}

/** A name's characters (after `/`), `#xx` escapes decoded. */
function decodeName(raw: Uint8Array, length: number): string {
  let name = '';
  for (let k = 0; k < length; k++) {
    const b = raw[k] as number;
    if (b === HASH && k + 2 < length) {
      const hi = hexValue(raw[k + 1] as number);
      const lo = hexValue(raw[k + 2] as number);
      if (hi >= 0 && lo >= 0) {
        name += String.fromCharCode(hi * 16 + lo);
        k += 2;
        continue;
      }
    }
    name += String.fromCharCode(b);
  }
  return name;
}

/** Names longer than this (raw) are not any watched name, escaped or not. */
const MAX_NAME = 64;

/**
 * Counts watched names in a byte stream fed in chunks (a name may straddle two chunks).
 * `dataOnly` leaves out the short names, for raw stream data.
 */
export class NameCounter {
  readonly #counts: Record<string, number>;
  readonly #short: ReadonlySet<string>;
  readonly #raw = new Uint8Array(MAX_NAME);
  #length = -1; // -1: not inside a name
  #overlong = false;
  #dataOnly = false;

  /** Counts into `counts` the names that are its keys; `short` ones not in raw data. */
  constructor(counts: Record<string, number>, short: ReadonlySet<string>) {
    this.#counts = counts;
    this.#short = short;
  }

  scan(bytes: Uint8Array, from = 0, to = bytes.length, dataOnly = false): void {
    this.#dataOnly = dataOnly;
    for (let i = from; i < to; i++) {
      const b = bytes[i] as number;
      if (this.#length >= 0) {
        if (CLASS[b] === REGULAR) {
          if (this.#length < MAX_NAME) this.#raw[this.#length++] = b;
          else this.#overlong = true;
          continue;
        }
        this.end();
      }
      if (b === SLASH) {
        this.#length = 0;
        this.#overlong = false;
      }
    }
  }

  /** Ends the name being read, if any (at the end of a region). */
  end(): void {
    if (this.#length < 0) return;
    if (!this.#overlong) {
      const name = decodeName(this.#raw, this.#length);
      if (Object.hasOwn(this.#counts, name) && !(this.#dataOnly && this.#short.has(name)))
        this.#counts[name] = (this.#counts[name] ?? 0) + 1;
    }
    this.#length = -1;
  }
}

/** A value in a dictionary: what the check reads (names, numbers, nesting), `ref` and `other` opaque. */
export type Value =
  | { t: 'name'; v: string }
  | { t: 'num'; v: number }
  | { t: 'dict'; v: Map<string, Value> }
  | { t: 'arr'; v: Value[] }
  | { t: 'ref' }
  | { t: 'other' };

/** The file cannot be read the way a viewer would (its message says where it failed). */
export class Unreadable extends Error {}

/** What reading may spend: tokens lexed, bytes inflated (counted across the whole file). */
export interface Budget {
  steps: number;
  maxSteps: number;
  inflated: number;
  maxInflatedBytes: number;
}

/**
 * The dictionary right before a `stream` keyword: the window from the previous stream's end
 * to the keyword is tokenised (strings, comments and nesting as PDF defines them) and the last
 * top-level value must be a dictionary. Anything else (a string running into the keyword,
 * unbalanced brackets) throws `Unreadable`.
 */
export function streamDictionary(
  bytes: Uint8Array,
  from: number,
  to: number,
  budget: Budget,
): Map<string, Value> {
  type Frame =
    | {
        kind: 'dict';
        map: Map<string, Value>;
        key?: string;
        lastKey?: string;
        generation?: boolean;
      }
    | { kind: 'arr'; items: Value[] };
  const stack: Frame[] = [];
  let last: Value | undefined;
  const deliver = (value: Value) => {
    const top = stack.at(-1);
    if (!top) last = value;
    else if (top.kind === 'arr') top.items.push(value);
    else if (top.key === undefined) {
      // A key must be a name; a number here may be the generation of `12 0 R`.
      top.generation = value.t === 'num';
      if (value.t === 'name') top.key = value.v;
    } else {
      top.map.set(top.key, value);
      top.lastKey = top.key;
      top.key = undefined;
      top.generation = false;
    }
  };
  /** `R` after `<number> <number>`: the value was a reference, not the number it began with. */
  const reference = () => {
    const top = stack.at(-1);
    if (top?.kind === 'dict' && top.generation && top.lastKey !== undefined) {
      top.map.set(top.lastKey, { t: 'ref' });
      top.generation = false;
    } else if (top?.kind === 'arr' && top.items.length >= 2) {
      const [a, b] = top.items.slice(-2);
      if (a?.t === 'num' && b?.t === 'num') top.items.splice(-2, 2, { t: 'ref' });
    }
  };
  let i = from;
  while (i < to) {
    const b = bytes[i] as number;
    if (CLASS[b] === WHITE) {
      i++;
      continue;
    }
    if (++budget.steps > budget.maxSteps) throw new Unreadable('it has too many tokens to read');
    if (b === 0x25) {
      // A comment runs to the end of its line.
      while (i < to && bytes[i] !== CR && bytes[i] !== LF) i++;
    } else if (b === 0x28) {
      let depth = 1;
      i++;
      while (i < to && depth > 0) {
        const c = bytes[i];
        if (c === 0x5c) i++;
        else if (c === 0x28) depth++;
        else if (c === 0x29) depth--;
        i++;
      }
      if (depth > 0) throw new Unreadable('a string runs into a stream');
      deliver({ t: 'other' });
    } else if (b === 0x3c && bytes[i + 1] === 0x3c) {
      stack.push({ kind: 'dict', map: new Map() });
      i += 2;
    } else if (b === GT && bytes[i + 1] === GT) {
      const top = stack.pop();
      if (top?.kind !== 'dict') throw new Unreadable('unbalanced dictionary');
      deliver({ t: 'dict', v: top.map });
      i += 2;
    } else if (b === 0x3c) {
      const end = bytes.indexOf(GT, i + 1);
      if (end === -1 || end >= to) throw new Unreadable('a hex string runs into a stream');
      deliver({ t: 'other' });
      i = end + 1;
    } else if (b === 0x5b) {
      stack.push({ kind: 'arr', items: [] });
      i++;
    } else if (b === 0x5d) {
      const top = stack.pop();
      if (top?.kind !== 'arr') throw new Unreadable('unbalanced array');
      deliver({ t: 'arr', v: top.items });
      i++;
    } else if (b === SLASH) {
      let j = i + 1;
      while (j < to && CLASS[bytes[j] as number] === REGULAR) j++;
      deliver({ t: 'name', v: decodeName(bytes.subarray(i + 1, j), Math.min(j - i - 1, 256)) });
      i = j;
    } else if (CLASS[b] === DELIMITER) {
      // A stray `)`, `>`, `{` or `}`: PostScript calculator braces, or junk; skipped.
      i++;
    } else {
      let j = i;
      while (j < to && CLASS[bytes[j] as number] === REGULAR) j++;
      let text = '';
      for (let k = i; k < Math.min(j, i + 32); k++) text += String.fromCharCode(bytes[k] as number);
      if (text === 'R') reference();
      else
        deliver(
          /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) ? { t: 'num', v: Number(text) } : { t: 'other' },
        );
      i = j;
    }
  }
  if (stack.length > 0) throw new Unreadable('a dictionary is not closed before its stream');
  if (last?.t !== 'dict') throw new Unreadable('no dictionary before a stream');
  return last.v;
}

export const nameOf = (value: Value | undefined) => (value?.t === 'name' ? value.v : undefined);
export const arrayOf = (value: Value | undefined): (Value | undefined)[] =>
  value === undefined ? [] : value.t === 'arr' ? value.v : [value];

export const FLATE = new Set(['FlateDecode', 'Fl']);
export const HEX = new Set(['ASCIIHexDecode', 'AHx']);
export const A85 = new Set(['ASCII85Decode', 'A85']);

export function decodeHex(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / 2));
  let n = 0;
  let high = -1;
  for (const b of data) {
    if (b === GT) break;
    const v = hexValue(b);
    if (v < 0) continue;
    if (high < 0) high = v;
    else {
      out[n++] = high * 16 + v;
      high = -1;
    }
  }
  if (high >= 0) out[n++] = high * 16;
  return out.subarray(0, n);
}

export function decodeA85(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil((data.length * 4) / 5) + 4);
  let n = 0;
  const group: number[] = [];
  const flush = (count: number) => {
    let value = 0;
    for (let k = 0; k < 5; k++) value = value * 85 + (group[k] ?? 84);
    for (let k = 0; k < count - 1; k++) out[n++] = (value >>> (24 - 8 * k)) & 255;
    group.length = 0;
  };
  for (let i = 0; i < data.length; i++) {
    const b = data[i] as number;
    if (b === 0x7e) break; // `~>`
    if (b === 0x7a && group.length === 0) {
      out.set([0, 0, 0, 0], n);
      n += 4;
      continue;
    }
    if (b < 0x21 || b > 0x75) continue;
    group.push(b - 0x21);
    if (group.length === 5) flush(5);
  }
  if (group.length > 1) flush(group.length);
  return out.subarray(0, n);
}

/**
 * Inflates `data` (zlib, or raw deflate), feeding `sink` as it goes: `done` when the stream
 * ended cleanly, `partial` when it broke off after some output, `failed` when nothing came
 * out, `over-budget` once the budget is spent.
 */
export async function inflate(
  data: Uint8Array,
  budget: Budget,
  sink: (chunk: Uint8Array) => void,
): Promise<'done' | 'partial' | 'failed' | 'over-budget'> {
  for (const format of ['deflate', 'deflate-raw'] as const) {
    const stream = new DecompressionStream(format);
    const writer = stream.writable.getWriter();
    // Small slices, each written once the last was taken: a bomb inflates at most one
    // slice's worth past the budget before it is stopped.
    void (async () => {
      for (let o = 0; o < data.length; o += 4096) {
        await writer.ready;
        // A view of the upload's own ArrayBuffer (never shared memory).
        await writer.write(data.subarray(o, o + 4096) as Uint8Array<ArrayBuffer>);
      }
      await writer.close();
    })().catch(() => {});
    const reader = stream.readable.getReader();
    let produced = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'done';
        produced += value.byteLength;
        budget.inflated += value.byteLength;
        if (budget.inflated > budget.maxInflatedBytes) {
          await reader.cancel().catch(() => {});
          return 'over-budget';
        }
        sink(value);
      }
    } catch {
      // Corrupt, truncated, or bytes after its end (which workerd refuses and Node ignores).
      if (produced > 0) return 'partial';
    }
  }
  return 'failed';
}

/** How many bytes of end-of-line come right before `end` (the EOL before `endstream`). */
export function eolBefore(bytes: Uint8Array, end: number): number {
  if (bytes[end - 2] === CR && bytes[end - 1] === LF) return 2;
  return bytes[end - 1] === LF || bytes[end - 1] === CR ? 1 : 0;
}

export interface FoundStream {
  keyword: number;
  dataStart: number;
  dataEnd: number;
}

/** Streams as a viewer recovering a file finds them: `>> stream⏎ … endstream`. */
export function findStreams(bytes: Uint8Array): FoundStream[] {
  const found: FoundStream[] = [];
  for (let from = 0; ; ) {
    const at = indexOf(bytes, STREAM, from);
    if (at === -1) return found;
    const after = at + STREAM.length;
    from = after;
    if (at > 0 && CLASS[bytes[at - 1] as number] === REGULAR) continue; // endstream
    let dataStart: number;
    if (bytes[after] === CR && bytes[after + 1] === LF) dataStart = after + 2;
    else if (bytes[after] === LF || bytes[after] === CR) dataStart = after + 1;
    else continue;
    let k = at - 1;
    while (k >= 0 && CLASS[bytes[k] as number] === WHITE) k--;
    if (!(k >= 1 && bytes[k] === GT && bytes[k - 1] === GT)) continue;
    const end = indexOf(bytes, ENDSTREAM, dataStart);
    found.push({ keyword: at, dataStart, dataEnd: end === -1 ? bytes.length : end });
    from = end === -1 ? bytes.length : end + ENDSTREAM.length;
  }
}

/**
 * Object headers (`12 0 obj`) inside stream data, where a cross-reference table may point a
 * viewer: each read in full, from its header to its `endobj` (or the data's end).
 */
export function scanHiddenObjects(
  bytes: Uint8Array,
  stream: FoundStream,
  counter: NameCounter,
): void {
  let scannedTo = stream.dataStart;
  for (let i = indexOf(bytes, OBJ, stream.dataStart, stream.dataEnd); i !== -1; ) {
    const next = indexOf(bytes, OBJ, i + 1, stream.dataEnd);
    // `<digits> <digits> obj`, then not a regular character.
    let k = i - 1;
    const followed = CLASS[bytes[i + 3] ?? 32] !== REGULAR;
    if (followed && CLASS[bytes[k] as number] === WHITE) {
      while (k > stream.dataStart && CLASS[bytes[k] as number] === WHITE) k--;
      let digits = 0;
      while (k > stream.dataStart && isDigit(bytes[k])) {
        k--;
        digits++;
      }
      if (digits > 0 && CLASS[bytes[k] as number] === WHITE) {
        while (k > stream.dataStart && CLASS[bytes[k] as number] === WHITE) k--;
        if (isDigit(bytes[k])) {
          const from = Math.max(i, scannedTo);
          const endobj = indexOf(bytes, ENDOBJ, i, stream.dataEnd);
          const to = endobj === -1 ? stream.dataEnd : endobj;
          if (to > from) {
            counter.scan(bytes, from, to);
            counter.end();
            scannedTo = to;
          }
        }
      }
    }
    i = next;
  }
}
