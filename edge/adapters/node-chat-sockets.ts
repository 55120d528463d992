/**
 * WebSockets for the Node edge, with `ws`: an upgrade request goes through the whole app
 * first — authentication (the token as a subprotocol), the origin check (cross-site WebSocket
 * hijacking is a foreign `Origin`), rate limits, the conversation's owner — exactly like any
 * other request. Only when the chat route accepts (`accept` below) is the socket upgraded and
 * handed to the conversation's room; any other answer (401, 403, 404, 429 …) is written to
 * the raw socket as an HTTP response and the connection closed.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { HttpBindings } from '@hono/node-server';
import { type RawData, WebSocketServer } from 'ws';
import { CHAT_SUBPROTOCOL, MAX_FRAME_BYTES } from '../../contracts/chat-rules.js';
import type { AcceptSocket, SocketHandlers } from '../chat/local-realtime.js';

/** Marks the chat route's "accepted" answer; it never leaves the process. */
const ACCEPTED = 'x-gw-websocket-accepted';

type Fetch = (request: Request, env: HttpBindings) => Response | Promise<Response>;

export interface NodeChatSockets {
  accept: AcceptSocket;
  /** Listens for upgrades on `server`, answered by `fetch` (the app, as for any request). */
  attach(server: Server, fetch: Fetch): void;
  /** Closes every open socket with 1001 (the edge is going away). */
  closeAll(): void;
}

function toText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

/** Writes a refused upgrade's answer to the raw socket and ends it. */
async function refuse(socket: Duplex, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const lines = [`HTTP/1.1 ${response.status} ${response.statusText || 'Refused'}`];
  response.headers.forEach((value, name) => {
    if (name !== ACCEPTED && name !== 'content-length') lines.push(`${name}: ${value}`);
  });
  lines.push(`content-length: ${body.length}`, 'connection: close');
  socket.end(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]));
}

export function nodeChatSockets(): NodeChatSockets {
  const wss = new WebSocketServer({
    noServer: true,
    // Bigger frames close the socket (1009) before they are buffered.
    maxPayload: MAX_FRAME_BYTES,
    perMessageDeflate: false,
    // The route already refused requests that do not offer it.
    handleProtocols: (offered) => (offered.has(CHAT_SUBPROTOCOL) ? CHAT_SUBPROTOCOL : false),
  });
  const accepted = new WeakMap<IncomingMessage, Parameters<AcceptSocket>[1]>();

  const accept: AcceptSocket = (c, open) => {
    const incoming = (c.env as HttpBindings | undefined)?.incoming;
    if (!incoming) return new Response('no socket', { status: 501 });
    accepted.set(incoming, open);
    return new Response(null, { status: 204, headers: { [ACCEPTED]: '1' } });
  };

  const attach = (server: Server, fetch: Fetch) => {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      const url = `http://${request.headers.host ?? 'localhost'}${request.url ?? '/'}`;
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        for (const v of Array.isArray(value) ? value : [value ?? '']) headers.append(name, v);
      }
      Promise.resolve(
        fetch(new Request(url, { method: request.method ?? 'GET', headers }), {
          incoming: request,
        } as HttpBindings),
      )
        .then(async (response) => {
          const open = accepted.get(request);
          accepted.delete(request);
          if (!open || response.headers.get(ACCEPTED) !== '1') return refuse(socket, response);
          wss.handleUpgrade(request, socket, head, (ws) => {
            let handlers: SocketHandlers | undefined;
            handlers = open({
              send: (text) => {
                if (ws.readyState === ws.OPEN) ws.send(text);
              },
              close: (code, reason) => ws.close(code, reason),
            });
            ws.on('message', (data, isBinary) => {
              if (isBinary) {
                ws.close(4400, 'text frames only');
                return;
              }
              handlers?.message(toText(data));
            });
            ws.on('close', () => {
              handlers?.closed();
              handlers = undefined;
            });
            ws.on('error', () => ws.terminate());
          });
        })
        .catch(() => refuse(socket, new Response('upgrade failed', { status: 500 })));
    });
  };

  const closeAll = () => {
    for (const client of wss.clients) client.close(1001, 'edge stopping');
  };

  return { accept, attach, closeAll };
}
