/**
 * One edge, two runtimes, for the contract suite: the real Node server (`startNodeEdge`, over
 * HTTP on loopback) and the real Worker bundle in local workerd (Miniflare, with a local D1 and
 * Durable Objects). Both get the same clock control, the same fake DNS-over-HTTPS resolver on
 * loopback, captured log lines, and requests to any hostname from any client address, so a
 * test written once runs on both; a difference between them is a failing test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Log, LogLevel } from 'miniflare';
import { WebSocket } from 'ws';
import { startNodeEdge } from '../../edge/adapters/node.js';
import { loadSettings } from '../../edge/adapters/node-config.js';
import type { RateLimits } from '../../edge/deps.js';
import { runMaintenance } from '../../edge/maintenance.js';
import { startWorkerEdge } from '../../scripts/worker-runtime.js';

export const RUNTIMES = ['node', 'workerd'] as const;
export type RuntimeName = (typeof RUNTIMES)[number];

export const PUBLIC_HOST = 'edge.gridworks.test';
export const PUBLIC_URL = `https://${PUBLIC_HOST}`;
export const OPERATOR_KEY = 'op_contract_operator_key_0123456789abcdefghij';
const START = Date.UTC(2026, 10, 21, 12, 0, 0);

export interface LogLine {
  level: string;
  event: string;
  [field: string]: unknown;
}

export interface CallOptions {
  auth?: string;
  /** JSON (a string is sent as it is), or bytes sent as they are. */
  body?: unknown;
  headers?: Record<string, string>;
  /** The hostname the request is for (default the edge's own). */
  host?: string;
  /** The client's address as the edge should see it (default 192.0.2.1). */
  ip?: string;
}

export interface RuntimeEdge {
  name: RuntimeName;
  call(method: string, path: string, options?: CallOptions): Promise<Response>;
  clock: { now(): number; set(ms: number): Promise<void>; advance(ms: number): Promise<void> };
  /** Answers the edge's DNS-over-HTTPS look-ups (replace to change the DNS). */
  doh: { handler: (url: URL) => Response | Promise<Response> };
  /** Log lines the edge wrote so far. */
  logs(): LogLine[];
  /** One round of the periodic work, now (Node: the timer's job; Workers: the Cron Trigger). */
  maintenance(): Promise<void>;
  /**
   * Sends exactly `head` (request line and headers, no body) on a fresh connection and reads
   * the answer: for what fetch cannot send, such as a Content-Length the body never follows.
   */
  raw(head: string): Promise<Response>;
  /**
   * Opens a WebSocket to `path` on the edge (a real socket on loopback), as a browser on
   * `origin` would: the `Origin` header and the subprotocols given.
   */
  socket(path: string, options: SocketOptions): WebSocket;
  /** A GET whose body is read as it streams (an SSE answer), not read whole first. */
  stream(path: string, options?: CallOptions): Promise<Response>;
  close(): Promise<void>;
}

export interface SocketOptions {
  protocols: string[];
  origin?: string;
  host?: string;
  ip?: string;
}

function openSocket(port: number, path: string, options: SocketOptions, ip?: string): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${port}${path}`, options.protocols, {
    headers: {
      host: options.host ?? PUBLIC_HOST,
      ...(options.origin ? { origin: options.origin } : {}),
      ...(ip ? { 'cf-connecting-ip': ip } : {}),
    },
    ...(ip ? {} : { localAddress: loopbackFor(options.ip ?? '192.0.2.1') }),
  });
}

/** A DNS-over-HTTPS server on loopback whose answers the test decides. */
async function fakeResolver(doh: RuntimeEdge['doh']): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    Promise.resolve(doh.handler(new URL(req.url ?? '/', 'http://127.0.0.1')))
      .then(async (answer) => {
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? '' });
        res.end(Buffer.from(await answer.arrayBuffer()));
      })
      .catch(() => {
        res.writeHead(500);
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/dns-query`, server };
}

/** Writes `head` to 127.0.0.1:`port` and parses the HTTP/1.1 answer (closed by the server). */
function rawExchange(port: number, head: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer')));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
      const headers = new Headers();
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      }
      const length = Number(headers.get('content-length') ?? 'NaN');
      const body = Buffer.concat(chunks).subarray(
        Buffer.byteLength(text.slice(0, end + 4), 'latin1'),
      );
      if (Number.isFinite(length) && body.length < length) return;
      socket.destroy();
      const status = Number(statusLine.split(' ')[1]);
      resolve(new Response(status === 204 || status === 304 ? null : body, { status, headers }));
    });
    socket.on('error', reject);
  });
}

/** A distinct loopback address per client address, so the Node server sees them apart. */
function loopbackFor(ip: string): string {
  let hash = 0;
  for (const ch of ip) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `127.${(hash >> 16) & 255}.${(hash >> 8) & 255}.${(hash & 254) + 1}`;
}

function encodeBody(options: CallOptions): {
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
} {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth) headers.authorization = `Bearer ${options.auth}`;
  if (options.body === undefined) return { headers };
  // Bytes (a document upload) go as they are, with whatever Content-Type the test gives.
  if (options.body instanceof Uint8Array)
    return { headers, body: options.body as Uint8Array<ArrayBuffer> };
  headers['content-type'] ??= 'application/json';
  const body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  return { headers, body };
}

export interface RuntimeOptions {
  rateLimits?: Partial<RateLimits>;
}

async function startNode(options: RuntimeOptions): Promise<RuntimeEdge> {
  const dir = mkdtempSync(join(tmpdir(), 'gw-contract-node-'));
  const doh: RuntimeEdge['doh'] = { handler: () => Response.json({ Status: 3 }) };
  const resolver = await fakeResolver(doh);
  const lines: LogLine[] = [];
  const log =
    (level: string) =>
    (event: string, fields: Record<string, unknown> = {}) =>
      lines.push({ level, event, ...fields });
  let now = START;
  const settings = loadSettings({
    GW_DB: join(dir, 'gw.db'),
    PORT: '0',
    HOST: '127.0.0.1',
    GW_PUBLIC_URL: PUBLIC_URL,
    GW_OPERATOR_KEY: OPERATOR_KEY,
    GW_DOH_URL: resolver.url,
    GW_RATE_LIMITS: JSON.stringify({ authFailuresPerIp: 100_000, ...options.rateLimits }),
  });
  const edge = await startNodeEdge(
    settings,
    { info: log('info'), warn: log('warn'), error: log('error') },
    { clock: { now: () => now } },
  );
  const { port } = edge.server.address() as AddressInfo;
  return {
    name: 'node',
    call: (method, path, options = {}) => {
      const { headers, body } = encodeBody(options);
      // node:http, not fetch: a request for any hostname (Host) from any loopback address.
      return new Promise<Response>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path,
            method,
            localAddress: loopbackFor(options.ip ?? '192.0.2.1'),
            headers: {
              ...headers,
              host: options.host ?? PUBLIC_HOST,
              ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => {
              const responseHeaders = new Headers();
              for (const [name, value] of Object.entries(res.headers)) {
                for (const v of Array.isArray(value) ? value : [value ?? ''])
                  responseHeaders.append(name, v);
              }
              const status = res.statusCode ?? 0;
              const nullBody = status === 204 || status === 304;
              resolve(
                new Response(nullBody ? null : Buffer.concat(chunks), {
                  status,
                  headers: responseHeaders,
                }),
              );
            });
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    clock: {
      now: () => now,
      set: async (ms) => {
        now = ms;
      },
      advance: async (ms) => {
        now += ms;
      },
    },
    doh,
    logs: () => lines,
    maintenance: () => runMaintenance(edge.deps),
    raw: (head) => rawExchange(port, head),
    socket: (path, options) => openSocket(port, path, options),
    stream: (path, options = {}) => {
      const { headers } = encodeBody(options);
      return new Promise<Response>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path,
            method: 'GET',
            localAddress: loopbackFor(options.ip ?? '192.0.2.1'),
            headers: { ...headers, host: options.host ?? PUBLIC_HOST },
          },
          (res) => {
            const responseHeaders = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              for (const v of Array.isArray(value) ? value : [value ?? ''])
                responseHeaders.append(name, v);
            }
            resolve(
              new Response(Readable.toWeb(res) as ReadableStream<Uint8Array>, {
                status: res.statusCode ?? 0,
                headers: responseHeaders,
              }),
            );
          },
        );
        req.on('error', reject);
        req.end();
      });
    },
    close: async () => {
      await edge.close();
      await new Promise<void>((resolve) => resolver.server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startWorkerd(options: RuntimeOptions): Promise<RuntimeEdge> {
  const doh: RuntimeEdge['doh'] = { handler: () => Response.json({ Status: 3 }) };
  const resolver = await fakeResolver(doh);
  const lines: LogLine[] = [];
  const edge = await startWorkerEdge({
    vars: {
      GW_PUBLIC_URL: PUBLIC_URL,
      GW_OPERATOR_KEY: OPERATOR_KEY,
      GW_PREVIEW_SECRET: 'contract-preview-secret-0123456789abcdef',
      GW_MASTER_KEY: '5a'.repeat(32),
      GW_DOH_URL: resolver.url,
      GW_TEST_CLOCK: 'enabled',
      GW_ALLOW_LOOPBACK_WEBHOOKS: 'enabled',
      GW_RATE_LIMITS: JSON.stringify({ authFailuresPerIp: 100_000, ...options.rateLimits }),
    },
    log: new Log(LogLevel.NONE),
    onLogLine: (line) => {
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        // Not one of the edge's JSON lines (workerd's own output).
      }
    },
  });
  let now = START;
  const setClock = async (ms: number) => {
    now = ms;
    const res = await edge.mf.dispatchFetch(`${PUBLIC_URL}/__test/clock`, {
      method: 'PUT',
      body: JSON.stringify({ now: ms }),
    });
    if (!res.ok) throw new Error(`the Worker refused the test clock: ${res.status}`);
    await res.arrayBuffer();
  };
  await setClock(START);
  return {
    name: 'workerd',
    call: async (method, path, options = {}) => {
      const { headers, body } = encodeBody(options);
      const res = await edge.mf.dispatchFetch(`https://${options.host ?? PUBLIC_HOST}${path}`, {
        method,
        // What Cloudflare sets from the connection (a client cannot forge it there).
        headers: { ...headers, 'cf-connecting-ip': options.ip ?? '192.0.2.1' },
        body,
        redirect: 'manual',
      });
      // Read whole in Node (Miniflare's body is a stream of its own).
      const bytes = await res.arrayBuffer();
      const nullBody = res.status === 204 || res.status === 304;
      return new Response(nullBody ? null : bytes, {
        status: res.status,
        headers: res.headers as unknown as Headers,
      });
    },
    clock: {
      now: () => now,
      set: setClock,
      advance: (ms) => setClock(now + ms),
    },
    doh,
    logs: () => lines,
    maintenance: () => edge.scheduled(),
    raw: (head) => rawExchange(Number(new URL(edge.url).port), head),
    socket: (path, options) =>
      openSocket(Number(new URL(edge.url).port), path, options, options.ip ?? '192.0.2.1'),
    stream: async (path, options = {}) => {
      const { headers } = encodeBody(options);
      const res = await edge.mf.dispatchFetch(`https://${options.host ?? PUBLIC_HOST}${path}`, {
        headers: { ...headers, 'cf-connecting-ip': options.ip ?? '192.0.2.1' },
      });
      return res as unknown as Response;
    },
    close: async () => {
      await edge.close();
      await new Promise<void>((resolve) => resolver.server.close(() => resolve()));
    },
  };
}

/** The edge on `name`, fresh (its own empty database). */
export function startRuntime(
  name: RuntimeName,
  options: RuntimeOptions = {},
): Promise<RuntimeEdge> {
  return name === 'node' ? startNode(options) : startWorkerd(options);
}
