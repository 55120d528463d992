import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../context.js';

export interface SecurityHeaderOptions {
  /**
   * Send `Strict-Transport-Security` (one year; the edge's public URL is https). Subdomains are
   * left out: a bank's other hosts under the same name are the bank's to decide.
   */
  hsts?: boolean;
}

export const HSTS = 'max-age=31536000';

/** `nosniff` everywhere; HSTS on https; no caching of API answers unless a route says otherwise. */
export const securityHeaders = (options: SecurityHeaderOptions = {}) =>
  createMiddleware<AppEnv>(async function securityHeaders(c, next) {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    if (options.hsts) c.res.headers.set('Strict-Transport-Security', HSTS);
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
