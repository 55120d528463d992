import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../context.js';

/** `nosniff` everywhere; no caching of API answers unless a route says otherwise. */
export const securityHeaders = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
