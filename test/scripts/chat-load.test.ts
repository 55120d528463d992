// The chat benchmark's load generator counts what a server gets wrong: against a small `ws`
// server on loopback that delivers everything it reports nothing lost, no gap, no duplicate;
// one that drops a message, skips a sequence number, sends a frame twice or delivers to the
// wrong conversation is caught in the matching figure. (The figures themselves are the
// benchmark's; no test asserts on time.)
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { WebSocket, WebSocketServer } from 'ws';
import {
  ChatLoad,
  type ChatTarget,
  SeqLedger,
  sentAtOf,
  timedText,
} from '../../scripts/chat-load.js';

type Fault = 'none' | 'drop' | 'skip-seq' | 'twice' | 'elsewhere';

/** A chat server in this process whose customer message number 3 meets `fault`. */
class FakeChat {
  fault: Fault = 'none';
  readonly #wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  readonly #sockets = new Map<number, WebSocket>();
  readonly #lastSeq = new Map<number, number>();
  #customerMessages = 0;

  constructor() {
    this.#wss.on('connection', (socket, request) => {
      const i = Number(/\/(\d+)$/.exec(request.url ?? '')?.[1]);
      this.#sockets.set(i, socket);
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { type: string; clientId: string; text: string };
        if (frame.type === 'hello') socket.send('{"type":"ready"}');
        if (frame.type === 'send') this.#customer(i, frame.clientId, frame.text);
      });
    });
  }

  ready(): Promise<void> {
    return new Promise((done) => this.#wss.once('listening', () => done()));
  }

  reset(fault: Fault): void {
    this.fault = fault;
    this.#customerMessages = 0;
    this.#lastSeq.clear();
  }

  #customer(i: number, clientId: string, text: string): void {
    this.#customerMessages += 1;
    const faulty = this.#customerMessages === 3 ? this.fault : 'none';
    if (faulty === 'drop') return;
    if (faulty === 'skip-seq') this.#lastSeq.set(i, (this.#lastSeq.get(i) ?? 0) + 1);
    const to = faulty === 'elsewhere' ? (i + 1) % this.#sockets.size : i;
    this.deliver(to, clientId, text, faulty === 'twice' ? 2 : 1);
  }

  deliver(i: number, clientId: string, text: string, times = 1): void {
    const seq = (this.#lastSeq.get(i) ?? 0) + 1;
    this.#lastSeq.set(i, seq);
    const frame = JSON.stringify({ type: 'message', message: { seq, clientId, text } });
    for (let k = 0; k < times; k++) this.#sockets.get(i)?.send(frame);
  }

  target(): ChatTarget {
    const { port } = this.#wss.address() as AddressInfo;
    return {
      openSocket: (i) => new WebSocket(`ws://127.0.0.1:${port}/${i}`),
      reply: async (i, clientId, text) => {
        this.deliver(i, clientId, text);
        return { status: 201, headers: {}, text: '', ms: 0 };
      },
    };
  }

  close(): Promise<void> {
    for (const socket of this.#wss.clients) socket.terminate();
    return new Promise((done) => this.#wss.close(() => done()));
  }
}

const quiet = () => {};

describe('the chat benchmark load', () => {
  let server: FakeChat;
  before(async () => {
    server = new FakeChat();
    await server.ready();
  });
  after(() => server.close());

  async function runWith(fault: Fault) {
    server.reset(fault);
    const load = new ChatLoad(server.target(), { agents: 2, log: quiet });
    await load.connect(6);
    const result = await load.run(60, 0.5, { measured: true, graceMs: 300 });
    await load.close();
    return result;
  }

  test('a server that delivers everything: all sockets open, nothing lost, in sequence', async () => {
    const result = await runWith('none');
    assert.equal(result.connections, 6);
    assert.equal(result.sent, 30);
    assert.equal(result.delivered, 30);
    assert.deepEqual(
      [result.lost, result.gaps, result.duplicates, result.misdelivered],
      [0, 0, 0, 0],
    );
    // Half from customers over their sockets, half agent replies, every one timed.
    assert.equal(result.customer.count, 15);
    assert.equal(result.agent.count, 15);
    assert.equal(result.replyFailures, 0);
  });

  test('a dropped message is lost', async () => {
    const result = await runWith('drop');
    assert.equal(result.lost, 1);
    assert.equal(result.delivered, 29);
  });

  test('a skipped sequence number is a gap', async () => {
    const result = await runWith('skip-seq');
    assert.equal(result.gaps, 1);
    assert.equal(result.lost, 0);
  });

  test('a frame sent twice is a duplicate', async () => {
    const result = await runWith('twice');
    assert.equal(result.duplicates, 1);
    assert.equal(result.lost, 0);
  });

  test("a message delivered to another conversation's socket is misdelivered and lost", async () => {
    const result = await runWith('elsewhere');
    assert.equal(result.misdelivered, 1);
    assert.equal(result.lost, 1);
  });
});

test('a message carries its send time in its text', () => {
  assert.equal(sentAtOf(timedText('bench agent 7', 1234.5678)), 1234.568);
  assert.equal(sentAtOf('no time here'), undefined);
});

test('sequence numbers: gaps below the highest, duplicates counted', () => {
  const seqs = new SeqLedger();
  for (const seq of [1, 2, 2, 4]) seqs.take(seq);
  assert.equal(seqs.gaps, 1);
  assert.equal(seqs.duplicates, 1);
  assert.equal(seqs.count, 3);
});
