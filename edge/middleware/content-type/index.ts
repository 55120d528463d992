import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../context.js';
import { Problem } from '../../errors.js';

/** Requests with a body must send JSON (415 otherwise), so no body is ever guessed at. */
export const requireJsonBody = () =>
  createMiddleware<AppEnv>(async function requireJsonBody(c, next) {
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
