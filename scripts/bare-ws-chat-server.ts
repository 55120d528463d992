/**
 * The chat benchmark's baseline: a bare `ws` WebSocketServer moving the same messages as the
 * edge, with none of its work (no authentication, no store, no sealing, no room queue). A
 * customer's `send` frame goes back to its conversation's sockets as a `message` frame with the
 * conversation's next sequence number; an agent's reply arrives as
 * `POST /conversations/{i}/messages` and is pushed the same way. Frames are the edge's
 * (`hello` answered by `ready`, `ping` by `pong`), so one load generator drives both.
 *
 * Run as a child of the benchmark: listens on a free loopback port and prints `{"port": N}`.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { CHAT_SUBPROTOCOL, MAX_FRAME_BYTES } from '../contracts/chat-rules.js';

interface Conversation {
  lastSeq: number;
  sockets: Set<WebSocket>;
}

const conversations = new Map<string, Conversation>();

function conversation(id: string): Conversation {
  let found = conversations.get(id);
  if (!found) {
    found = { lastSeq: 0, sockets: new Set() };
    conversations.set(id, found);
  }
  return found;
}

/** Stores nothing: numbers the message and sends it to every socket of its conversation. */
function deliver(id: string, clientId: string, text: string, author: 'customer' | 'agent') {
  const room = conversation(id);
  room.lastSeq += 1;
  const message = {
    seq: room.lastSeq,
    clientId,
    author,
    authorName: author === 'agent' ? 'Asha' : null,
    text,
    at: Date.now(),
  };
  const frame = JSON.stringify({ type: 'message', message });
  for (const socket of room.sockets) socket.send(frame);
  return message;
}

const idOf = (url: string | undefined, suffix: string) =>
  new RegExp(`^/conversations/([^/]+)/${suffix}$`).exec(url ?? '')?.[1];

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

const server = createServer((request, response) => {
  const id = idOf(request.url, 'messages');
  if (request.method !== 'POST' || !id) {
    response.writeHead(404).end();
    return;
  }
  readBody(request)
    .then((body) => {
      const { clientId, text } = JSON.parse(body) as { clientId: string; text: string };
      const message = deliver(id, clientId, text, 'agent');
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message }));
    })
    .catch(() => response.writeHead(400).end());
});

const wss = new WebSocketServer({
  server,
  maxPayload: MAX_FRAME_BYTES,
  perMessageDeflate: false,
  handleProtocols: (offered) => (offered.has(CHAT_SUBPROTOCOL) ? CHAT_SUBPROTOCOL : false),
});

wss.on('connection', (socket, request) => {
  const id = idOf(request.url, 'socket');
  if (!id) {
    socket.close(4400, 'no conversation');
    return;
  }
  const room = conversation(id);
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { type: string; clientId?: string; text?: string };
    if (frame.type === 'send' && frame.clientId && frame.text)
      deliver(id, frame.clientId, frame.text, 'customer');
    else if (frame.type === 'hello') {
      room.sockets.add(socket);
      socket.send(JSON.stringify({ type: 'ready', conversation: { id, lastSeq: room.lastSeq } }));
    } else if (frame.type === 'ping') socket.send('{"type":"pong"}');
  });
  socket.on('close', () => room.sockets.delete(socket));
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => {
  for (const client of wss.clients) client.terminate();
  server.close(() => process.exit(0));
});
