import { createMiddleware } from 'hono/factory';
import { looksLikeCredential } from '../../../themes/redact.js';
import { randomBase62 } from '../../auth/credentials.js';
import type { AppEnv } from '../../context.js';

const INCOMING = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * The request's id: the caller's `X-Request-Id` when it is well-formed and cannot be a
 * credential someone pasted into the wrong header, else a new one.
 */
export function requestIdFrom(incoming: string | null | undefined): string {
  return incoming && INCOMING.test(incoming) && !looksLikeCredential(incoming)
    ? incoming
    : `req_${randomBase62(16)}`;
}

/**
 * Gives every request an id (`requestIdFrom`), echoes it in the response and logs one line per
 * request with method, route, status and time.
 */
export const requestId = () =>
  createMiddleware<AppEnv>(async function requestId(c, next) {
    const id = requestIdFrom(c.req.header('x-request-id'));
    c.set('requestId', id);
    const started = c.get('deps').clock.now();
    await next();
    // Set on the response's own headers: `c.header()` after the handler answered would make
    // Hono copy the finished response (on Node, turning a ready body into a stream).
    c.res.headers.set('X-Request-Id', id);
    c.get('deps').logger.info('request', {
      requestId: id,
      method: c.req.method,
      // The matched route pattern, not the URL: paths may carry ids, query strings may carry data.
      route: c.req.routePath,
      status: c.res.status,
      ms: c.get('deps').clock.now() - started,
    });
  });
