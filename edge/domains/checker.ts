/**
 * Custom-domain verification: one DNS-over-HTTPS look-up of the TXT challenge (JSON API, as
 * served by Cloudflare and Google), and the pure state transition that follows it. The resolver
 * is treated as hostile: every odd answer is a miss with a short, fixed reason — never a crash,
 * never a success, and never resolver text echoed back to the tenant.
 */
import { z } from 'zod';
import type { DohFetch } from '../deps.js';
import type { Domain } from '../store/store.js';

export const CHALLENGE_LABEL = '_gw-challenge';
/** Abort the look-up (request and body) after this long. */
export const DOH_TIMEOUT_MS = 3000;
/** Read at most this much of a resolver answer; a TXT answer is a few hundred bytes. */
export const DOH_MAX_BYTES = 64 * 1024;
/** After this many misses in a row a domain is `failed` (a new verify starts over). */
export const MAX_ATTEMPTS = 10;
export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_CAP_MS = 24 * 60 * 60_000;

const TXT = 16;
const RCODES: Record<number, string> = {
  1: 'FORMERR',
  2: 'SERVFAIL',
  3: 'NXDOMAIN',
  4: 'NOTIMP',
  5: 'REFUSED',
};

export interface DohCheck {
  found: boolean;
  /** Why it was not found, safe to show the tenant. */
  error?: string;
}

export interface CheckOptions {
  timeoutMs?: number;
  maxBytes?: number;
}

export const challengeName = (hostname: string) => `${CHALLENGE_LABEL}.${hostname}`;

/** Delay before the next check after `attempts` misses: 1 min doubling, capped at 24 h. */
export function backoffMs(attempts: number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  return Math.min(BACKOFF_BASE_MS * 2 ** exponent, BACKOFF_CAP_MS);
}

export type DomainPatch = Pick<
  Domain,
  'status' | 'attempts' | 'nextCheckAt' | 'lastError' | 'verifiedAt'
>;

/**
 * The domain's state after a check: `active` on a hit; on a miss `pending` with one more attempt
 * and a later `nextCheckAt`, or `failed` once `MAX_ATTEMPTS` is reached. A failed domain being
 * re-verified starts again from zero attempts.
 */
export function afterCheck(domain: Domain, check: DohCheck, now: number): DomainPatch {
  if (check.found) {
    return { status: 'active', attempts: 0, nextCheckAt: null, lastError: null, verifiedAt: now };
  }
  const attempts = (domain.status === 'failed' ? 0 : domain.attempts) + 1;
  const lastError = check.error ?? 'the TXT record was not found';
  if (attempts >= MAX_ATTEMPTS) {
    return { status: 'failed', attempts, nextCheckAt: null, lastError, verifiedAt: null };
  }
  return {
    status: 'pending',
    attempts,
    nextCheckAt: now + backoffMs(attempts),
    lastError,
    verifiedAt: null,
  };
}

const answerSchema = z.object({ name: z.string(), type: z.number(), data: z.string() });
const dohAnswerSchema = z.object({
  Status: z.number().int(),
  Answer: z.array(z.unknown()).max(1000).optional(),
});

class Miss extends Error {}

const timedOut = (ms: number) => `the DNS look-up timed out after ${ms} ms`;
const isTimeout = (error: unknown) => {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
};

/** Rejects with the signal's reason once it aborts, even if `promise` never settles. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

async function readCapped(res: Response, maxBytes: number, signal: AbortSignal): Promise<string> {
  const tooLarge = () => new Miss(`the DNS resolver's answer is larger than ${maxBytes} bytes`);
  if (Number(res.headers.get('content-length')) > maxBytes) {
    res.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await abortable(reader.read(), signal);
      if (done) break;
      if (!(value instanceof Uint8Array)) throw new Miss("the DNS resolver's answer is not JSON");
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge();
      chunks.push(value);
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Miss("the DNS resolver's answer is not JSON");
  }
}

const sameName = (a: string, b: string) =>
  a.toLowerCase().replace(/\.$/, '') === b.toLowerCase().replace(/\.$/, '');

/**
 * A TXT record's text from its JSON `data`: resolvers send it quoted (`"a" "b"`, split into
 * 255-byte strings, with `\"` and `\DDD` escapes) or bare. Malformed quoting gives `undefined`.
 */
export function txtText(data: string): string | undefined {
  const text = data.trim();
  if (!text.startsWith('"')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '"') return undefined;
    i++;
    for (;;) {
      const ch = text[i];
      if (ch === undefined) return undefined;
      i++;
      if (ch === '"') break;
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const digits = /^[0-9]{3}/.exec(text.slice(i))?.[0];
      if (digits) {
        out += String.fromCharCode(Number(digits));
        i += 3;
      } else {
        const escaped = text[i];
        if (escaped === undefined) return undefined;
        out += escaped;
        i++;
      }
    }
    while (text[i] === ' ' || text[i] === '\t') i++;
  }
  return out;
}

/**
 * Looks up the TXT records of `name` through the resolver at `dohUrl` and reports whether one
 * of them is exactly `expected`. Never throws, never follows redirects, reads at most
 * `maxBytes` and gives up after `timeoutMs` (covering the body too).
 */
export async function checkTxtRecord(
  dohFetch: DohFetch,
  dohUrl: string,
  name: string,
  expected: string,
  options: CheckOptions = {},
): Promise<DohCheck> {
  const timeoutMs = options.timeoutMs ?? DOH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DOH_MAX_BYTES;
  // A plain timer rather than AbortSignal.timeout, whose timer does not keep Node alive.
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The DNS look-up timed out.', 'TimeoutError')),
    timeoutMs,
  );
  const signal = controller.signal;
  try {
    const url = new URL(dohUrl);
    url.searchParams.set('name', name);
    url.searchParams.set('type', 'TXT');
    let res: Response;
    try {
      res = await abortable(
        Promise.resolve().then(() =>
          dohFetch(url.href, {
            method: 'GET',
            headers: { accept: 'application/dns-json' },
            redirect: 'manual',
            signal,
          }),
        ),
        signal,
      );
    } catch (error) {
      if (signal.aborted || isTimeout(error)) throw new Miss(timedOut(timeoutMs));
      throw new Miss('the DNS resolver could not be reached');
    }
    if (
      res.type === 'opaqueredirect' ||
      res.redirected ||
      (res.status >= 300 && res.status < 400)
    ) {
      res.body?.cancel().catch(() => {});
      throw new Miss('the DNS resolver answered with a redirect, which is not followed');
    }
    if (res.status !== 200) {
      res.body?.cancel().catch(() => {});
      throw new Miss(`the DNS resolver answered HTTP ${res.status}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(await readCapped(res, maxBytes, signal));
    } catch (error) {
      if (error instanceof Miss || signal.aborted) throw error;
      throw new Miss("the DNS resolver's answer is not JSON");
    }
    const parsed = dohAnswerSchema.safeParse(json);
    if (!parsed.success) throw new Miss("the DNS resolver's answer has an unexpected shape");
    const { Status, Answer = [] } = parsed.data;
    if (Status !== 0) {
      const rcode = RCODES[Status] ?? `status ${Status}`;
      throw new Miss(
        Status === 3
          ? `${name} does not exist (NXDOMAIN); add the TXT record`
          : `the DNS look-up of ${name} failed (${rcode})`,
      );
    }
    const texts = Answer.flatMap((raw) => {
      const answer = answerSchema.safeParse(raw);
      if (!answer.success || answer.data.type !== TXT || !sameName(answer.data.name, name))
        return [];
      return [txtText(answer.data.data)];
    });
    if (texts.includes(expected)) return { found: true };
    throw new Miss(
      texts.length === 0
        ? `no TXT record found at ${name}`
        : `the TXT record at ${name} does not match the challenge`,
    );
  } catch (error) {
    if (error instanceof Miss) return { found: false, error: error.message };
    if (signal.aborted || isTimeout(error)) return { found: false, error: timedOut(timeoutMs) };
    return { found: false, error: 'the DNS look-up failed' };
  } finally {
    clearTimeout(timer);
  }
}
