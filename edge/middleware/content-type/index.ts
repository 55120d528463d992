import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../context.js';
import { Problem } from '../../errors.js';

/**
 * Requests with a body must send JSON (415 otherwise), so no body is ever guessed at — except
 * on paths `except` names, whose routes take raw bytes and judge them by content themselves.
 */
export const requireJsonBody = (options: { except?: (path: string) => boolean } = {}) =>
  createMiddleware<AppEnv>(async function requireJsonBody(c, next) {
    if (options.except?.(c.req.path)) return next();
    const method = c.req.method;
    const length = c.req.header('content-length');
    // A chunked (or HTTP/2) body has no Content-Length; it is a body all the same.
    const hasBody =
      (method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE') &&
      ((length !== undefined && length !== '0') ||
        (length === undefined && c.req.raw.body !== null));
    if (hasBody) {
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/json') {
        throw new Problem(
          415,
          'unsupported-media-type',
          'Send the request body as application/json.',
        );
      }
    }
    await next();
  });
