/**
 * A webhook receiver on loopback for tests: records every delivery (event id and type, raw
 * body, signature header) and answers 200, or `failStatus` (default 503) for the next
 * `failNext` deliveries.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER } from '../../edge/webhooks/signature.js';

export interface ReceivedWebhook {
  eventId: string;
  type: string;
  body: string;
  signature: string;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/hooks` */
  url: string;
  received: ReceivedWebhook[];
  /** How many of the next deliveries are answered with the failure status. */
  failNext: number;
  close(): void;
}

export async function startWebhookReceiver(failStatus = 503): Promise<WebhookReceiver> {
  const receiver: Omit<WebhookReceiver, 'url' | 'close'> = { received: [], failNext: 0 };
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      receiver.received.push({
        eventId: String(req.headers['gridworks-event-id']),
        type: String(req.headers['gridworks-event-type']),
        body,
        signature: String(req.headers[SIGNATURE_HEADER.toLowerCase()]),
      });
      if (receiver.failNext > 0) {
        receiver.failNext -= 1;
        res.writeHead(failStatus).end();
      } else res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hooks`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  });
}
