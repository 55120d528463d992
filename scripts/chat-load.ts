/**
 * The support chat's load, for `scripts/bench-chat.ts`: customer sockets held open, messages
 * paced at a total rate — every other one sent by a customer over its socket, the rest agent
 * replies over HTTP from a few keep-alive agent clients — and every message's delivery to its
 * customer's socket timed from the moment it was scheduled (a server that falls behind is
 * charged for the queue). The send time travels in the message's text, so the receiving
 * socket measures it; a ledger of client ids counts what never arrived.
 *
 * The real edge and the bare `ws` baseline are driven by the same code and differ only in
 * their `ChatTarget`.
 */
import { format } from 'node:util';
import type { WebSocket } from 'ws';
import { HEARTBEAT_MS } from '../contracts/chat-rules.js';
import type { Answer } from './node-edge-process.js';

/** How one server is reached: conversation `i`'s customer socket, and an agent's reply to it. */
export interface ChatTarget {
  openSocket(i: number): WebSocket;
  reply(i: number, clientId: string, text: string): Promise<Answer>;
}

/** Sockets opened at once: the server's accept queue and upgrade path are not hammered. */
const OPEN_BATCH = 50;
const OPEN_TIMEOUT_MS = 15_000;
const KEPT_ERRORS = 10;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/** `… @<performance.now() at the scheduled time>`: how a message carries its send time. */
export const timedText = (what: string, at: number) => `${what} @${at.toFixed(3)}`;
export function sentAtOf(text: string): number | undefined {
  const match = /@(\d+(?:\.\d+)?)$/.exec(text);
  return match ? Number(match[1]) : undefined;
}

export type Author = 'customer' | 'agent';

interface Sent {
  conversation: number;
  author: Author;
  measured: boolean;
  delivered: boolean;
}

/** One conversation's sequence numbers as its customer's socket received them. */
export class SeqLedger {
  readonly #seen = new Set<number>();
  #max = 0;
  duplicates = 0;

  take(seq: number): void {
    if (this.#seen.has(seq)) {
      this.duplicates += 1;
      return;
    }
    this.#seen.add(seq);
    this.#max = Math.max(this.#max, seq);
  }

  /** Sequence numbers missing below the highest received (1..max must all be there). */
  get gaps(): number {
    return this.#max - this.#seen.size;
  }

  get count(): number {
    return this.#seen.size;
  }
}

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function summarise(latencies: number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: round(quantile(sorted, 0.5)),
    p99Ms: round(quantile(sorted, 0.99)),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
  };
}

export interface PhaseResult {
  /** Sockets still open when the phase ended. */
  connections: number;
  /** Messages written to a socket or whose request was started. */
  sent: number;
  delivered: number;
  /** Sent but not delivered within the grace period. */
  lost: number;
  /**
   * Agent replies still waiting for a free agent client when the grace ran out: the agents
   * fell behind the schedule (not counted in `sent` or `lost`).
   */
  unsent: number;
  /** Of the lost, agent replies whose request was still unanswered when the grace ran out. */
  lostInFlight: number;
  /** Measured messages delivered per second, from the phase's start to its last delivery. */
  messagesPerSec: number;
  all: LatencySummary;
  customer: LatencySummary;
  agent: LatencySummary;
  /** An agent reply's HTTP request alone (write to answer), without its wait for a client. */
  agentRequest: LatencySummary;
  gaps: number;
  duplicates: number;
  /** Delivered to another conversation's socket than the one it was sent to (must be 0). */
  misdelivered: number;
  /** Error frames the server sent, by code (a `rate-limited` means the load broke the rule). */
  errorFrames: Record<string, number>;
  /** Agent replies not answered 201 (and connection errors), with a few samples. */
  replyFailures: number;
  failureSamples: string[];
  /** Sockets that closed during the run, by close code. */
  closes: Record<string, number>;
}

/** N customers on one server, each on its own conversation, and the agents replying. */
export class ChatLoad {
  readonly #target: ChatTarget;
  readonly #agents: number;
  readonly #sockets: WebSocket[] = [];
  readonly #seqs: SeqLedger[] = [];
  readonly #sent = new Map<string, Sent>();
  readonly #latencies: Record<Author, number[]> = { customer: [], agent: [] };
  readonly #requestTimes: number[] = [];
  readonly #errorFrames: Record<string, number> = {};
  readonly #closes: Record<string, number> = {};
  readonly #failures: string[] = [];
  readonly #replies: { i: number; clientId: string; text: string }[] = [];
  /** Agent clients waiting for a reply to send. */
  readonly #idle: (() => void)[] = [];
  #inFlight = 0;
  #undelivered = 0;
  #unsent = 0;
  #measuredDelivered = 0;
  #replyFailures = 0;
  #misdelivered = 0;
  #next = 0;
  #lastArrival = 0;
  #heartbeat: NodeJS.Timeout | undefined;
  readonly #log: (...args: unknown[]) => void;

  constructor(target: ChatTarget, options: { agents: number; log: (...args: unknown[]) => void }) {
    this.#target = target;
    this.#agents = options.agents;
    this.#log = options.log;
  }

  /**
   * Opens `count` customer sockets, `OPEN_BATCH` at a time, each through `hello` to `ready`;
   * then pings them all on the widget's heartbeat so none is swept as idle.
   */
  async connect(count: number): Promise<number> {
    const started = performance.now();
    for (let first = 0; first < count; first += OPEN_BATCH) {
      const batch = Array.from(
        { length: Math.min(OPEN_BATCH, count - first) },
        (_, k) => first + k,
      );
      await Promise.all(batch.map((i) => this.#open(i)));
      if ((first / OPEN_BATCH) % 5 === 4) this.#log(`  ${first + batch.length} sockets open…`);
    }
    this.#heartbeat = setInterval(() => {
      for (const socket of this.#sockets)
        if (socket.readyState === socket.OPEN) socket.send('{"type":"ping"}');
    }, HEARTBEAT_MS);
    return (performance.now() - started) / 1000;
  }

  #open(i: number): Promise<void> {
    const socket = this.#target.openSocket(i);
    const seqs = new SeqLedger();
    this.#sockets[i] = socket;
    this.#seqs[i] = seqs;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`socket ${i} was not ready within ${OPEN_TIMEOUT_MS} ms`)),
        OPEN_TIMEOUT_MS,
      );
      socket.once('unexpected-response', (_request, response) => {
        clearTimeout(timer);
        response.resume();
        reject(new Error(`socket ${i}: the upgrade was refused with ${response.statusCode}`));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`socket ${i}: ${error.message}`));
      });
      socket.once('open', () => socket.send('{"type":"hello","after":0}'));
      socket.on('close', (code) => {
        this.#closes[code] = (this.#closes[code] ?? 0) + 1;
      });
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as {
          type: string;
          code?: string;
          message?: { seq: number; clientId: string; text: string };
        };
        if (frame.type === 'message' && frame.message) this.#arrived(i, frame.message);
        else if (frame.type === 'ready') {
          clearTimeout(timer);
          resolve();
        } else if (frame.type === 'error') {
          const code = frame.code ?? 'unknown';
          this.#errorFrames[code] = (this.#errorFrames[code] ?? 0) + 1;
        }
      });
    });
  }

  #arrived(i: number, message: { seq: number; clientId: string; text: string }): void {
    const now = performance.now();
    this.#seqs[i]?.take(message.seq);
    const sent = this.#sent.get(message.clientId);
    if (!sent || sent.delivered) return;
    if (sent.conversation !== i) {
      this.#misdelivered += 1;
      return;
    }
    sent.delivered = true;
    this.#undelivered -= 1;
    if (sent.measured) this.#measuredDelivered += 1;
    this.#lastArrival = now;
    const at = sentAtOf(message.text);
    if (sent.measured && at !== undefined) this.#latencies[sent.author].push(now - at);
  }

  /**
   * Message `n`: even ones from customer (n/2) mod N over its socket, odd ones an agent's reply
   * to the conversation half-way round, so one conversation's two kinds do not coincide.
   */
  #dispatch(at: number, measured: boolean): void {
    const n = this.#next++;
    const count = this.#sockets.length;
    const half = Math.floor(n / 2);
    const author: Author = n % 2 === 0 ? 'customer' : 'agent';
    const i = author === 'customer' ? half % count : (half + Math.floor(count / 2)) % count;
    const clientId = `${author === 'customer' ? 'cust' : 'agnt'}-${String(n).padStart(9, '0')}`;
    const text = timedText(`bench ${author} ${n}`, at);
    this.#sent.set(clientId, { conversation: i, author, measured, delivered: false });
    this.#undelivered += 1;
    if (author === 'customer') {
      const socket = this.#sockets[i];
      if (socket?.readyState === socket?.OPEN)
        socket?.send(JSON.stringify({ type: 'send', clientId, text }));
      return;
    }
    this.#replies.push({ i, clientId, text });
    this.#idle.shift()?.();
  }

  /** One agent client: its replies one after another over its keep-alive connection. */
  async #agent(until: () => boolean): Promise<void> {
    for (;;) {
      const job = this.#replies.shift();
      if (!job) {
        if (until()) return;
        await new Promise<void>((wake) => this.#idle.push(wake));
        continue;
      }
      this.#inFlight += 1;
      try {
        const answer = await this.#target.reply(job.i, job.clientId, job.text);
        if (this.#sent.get(job.clientId)?.measured) this.#requestTimes.push(answer.ms);
        if (answer.status !== 201) this.#failed(`${answer.status} ${answer.text.slice(0, 200)}`);
      } catch (error) {
        this.#failed((error as Error).message);
      } finally {
        this.#inFlight -= 1;
      }
    }
  }

  #failed(what: string): void {
    this.#replyFailures += 1;
    if (this.#failures.length < KEPT_ERRORS) this.#failures.push(what);
  }

  /**
   * `rate` messages a second in all for `seconds`, each at its scheduled time; then up to
   * `graceMs` for the last to arrive. Only a measured phase's messages count in the latencies.
   */
  async run(
    rate: number,
    seconds: number,
    options: { measured: boolean; graceMs: number },
  ): Promise<PhaseResult> {
    const interval = 1000 / rate;
    const total = Math.round(rate * seconds);
    let scheduling = true;
    const agents = Array.from({ length: this.#agents }, () => this.#agent(() => !scheduling));
    const started = performance.now();
    const deliveredBefore = this.#measuredDelivered;
    for (let k = 0; k < total; ) {
      const now = performance.now();
      for (; k < total && started + k * interval <= now; k++)
        this.#dispatch(started + k * interval, options.measured);
      if (k < total) await sleep(Math.max(0, started + k * interval - performance.now()));
    }
    scheduling = false;
    // Idle agents see that the schedule has ended; busy ones finish the queue first.
    for (const wake of this.#idle.splice(0)) wake();
    const graceEnds = performance.now() + options.graceMs;
    while (performance.now() < graceEnds && this.#undelivered + this.#inFlight > 0) await sleep(10);
    // Replies still queued for an agent client when the grace runs out were never sent.
    for (const job of this.#replies.splice(0)) {
      this.#sent.delete(job.clientId);
      this.#undelivered -= 1;
      this.#unsent += 1;
    }
    await Promise.race([Promise.all(agents), sleep(Math.max(0, graceEnds - performance.now()))]);
    return this.#result(started, this.#measuredDelivered - deliveredBefore);
  }

  #result(started: number, measuredDelivered: number): PhaseResult {
    const all = [...this.#latencies.customer, ...this.#latencies.agent];
    const elapsed = (Math.max(this.#lastArrival, started + 1) - started) / 1000;
    const delivered = this.#sent.size - this.#undelivered;
    return {
      connections: this.#sockets.filter((s) => s.readyState === s.OPEN).length,
      sent: this.#sent.size,
      delivered,
      lost: this.#sent.size - delivered,
      unsent: this.#unsent,
      lostInFlight: this.#inFlight,
      messagesPerSec: Math.round(measuredDelivered / elapsed),
      all: summarise(all),
      customer: summarise(this.#latencies.customer),
      agent: summarise(this.#latencies.agent),
      agentRequest: summarise(this.#requestTimes),
      gaps: this.#seqs.reduce((sum, s) => sum + s.gaps, 0),
      duplicates: this.#seqs.reduce((sum, s) => sum + s.duplicates, 0),
      misdelivered: this.#misdelivered,
      errorFrames: { ...this.#errorFrames },
      replyFailures: this.#replyFailures,
      failureSamples: [...this.#failures],
      closes: { ...this.#closes },
    };
  }

  /** How many messages conversation `i`'s socket received (distinct sequence numbers). */
  receivedBy(i: number): number {
    return this.#seqs[i]?.count ?? 0;
  }

  /** Closes every socket (and the heartbeat) and waits for the closes, briefly. */
  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    const closing = this.#sockets.map(
      (socket) =>
        new Promise<void>((done) => {
          if (socket.readyState === socket.CLOSED) return done();
          socket.once('close', () => done());
          socket.close(1000, 'benchmark over');
        }),
    );
    await Promise.race([Promise.all(closing), sleep(5000)]);
    for (const socket of this.#sockets) socket.terminate();
  }
}

/** A phase's figures in one line, for the summary. */
export function phaseLine(name: string, r: PhaseResult): string {
  return format(
    '%s: %d messages/s delivered, p50 %d ms, p99 %d ms, max %d ms (customer echo p99 %d ms, agent reply p99 %d ms); %d/%d delivered, lost %d (%d unanswered replies), never sent %d, gaps %d, duplicates %d; %d sockets open at the end',
    name,
    r.messagesPerSec,
    r.all.p50Ms,
    r.all.p99Ms,
    r.all.maxMs,
    r.customer.p99Ms,
    r.agent.p99Ms,
    r.delivered,
    r.sent,
    r.lost,
    r.lostInFlight,
    r.unsent,
    r.gaps,
    r.duplicates,
    r.connections,
  );
}
