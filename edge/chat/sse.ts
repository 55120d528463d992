/**
 * The SSE fallback for networks that block WebSockets: the same frames as the socket, each as
 * one `data:` line of a `text/event-stream`, from a room member that is a stream. The widget
 * reads it with `fetch` (EventSource cannot send `Authorization`) and sends with POST.
 */
import { HEARTBEAT_MS } from '../../contracts/chat.js';
import type { ChatRoom, RoomSocket } from './room.js';
import type { ChatSession } from './service.js';

const encoder = new TextEncoder();

export interface StreamHooks {
  /** The stream became a member of its room (before its replay). */
  joined(socket: RoomSocket): void;
  /** The stream ended (the client went away, or the room closed it). */
  left(socket: RoomSocket): void;
}

/**
 * A `text/event-stream` answer: the replay after `after`, `ready`, then every new frame; a
 * comment line every heartbeat keeps proxies from timing it out. When the room ends the
 * stream (conversation closed, token expired) a last `close` event carries the socket's close
 * code, so the client knows whether to come back.
 */
export function eventStream(
  room: ChatRoom,
  session: ChatSession,
  after: number,
  hooks: StreamHooks,
): Response {
  let socket: RoomSocket | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    if (timer) clearInterval(timer);
    if (socket) hooks.left(socket);
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (!ended) controller.enqueue(encoder.encode(text));
      };
      socket = {
        session,
        send: (text) => write(`data: ${text}\n\n`),
        close: (code, reason) => {
          write(`event: close\ndata: ${JSON.stringify({ code, reason })}\n\n`);
          end();
          controller.close();
        },
      };
      hooks.joined(socket);
      timer = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
      const member = socket;
      room.hello(member, after).catch(() => member.close(1011, 'replay failed'));
    },
    cancel() {
      end();
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // Proxies (nginx and the like) must pass each event on as it comes.
      'X-Accel-Buffering': 'no',
    },
  });
}
