import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../context.js';
import { normalizeHostname } from '../../domains/hostname.js';
import { Problem } from '../../errors.js';
import { originsOf } from '../authenticate/index.js';

/**
 * Routes by hostname: the edge's own hosts serve everything; an active custom domain serves its
 * tenant (set as `domainTenant`); any other hostname gets 404.
 */
export const hostRouting = (primaryHosts: readonly string[]) =>
  createMiddleware<AppEnv>(async function hostRouting(c, next) {
    const raw = new URL(c.req.url).hostname;
    if (primaryHosts.includes(raw)) {
      c.set('domainTenant', undefined);
      return next();
    }
    const normalized = normalizeHostname(raw);
    const domain = normalized.ok
      ? await c.get('deps').store.getActiveDomain(normalized.hostname)
      : undefined;
    const tenant = domain ? await c.get('deps').store.getTenant(domain.tenantId) : undefined;
    if (tenant?.status !== 'active')
      throw new Problem(404, 'unknown-host', 'No tenant serves this hostname.');
    c.set('domainTenant', tenant);
    await next();
  });

// Idempotency-Key: the onboarding form's submission carries one; X-File-Name: a document upload;
// X-GW-Visitor-Key: an anonymous visitor's chat requests.
const ALLOW_HEADERS =
  'Authorization, Content-Type, Idempotency-Key, If-None-Match, X-File-Name, X-GW-Visitor-Key, X-Request-Id';

async function allowedOrigins(c: Context<AppEnv>): Promise<string[]> {
  // Unset when authentication itself failed: then only a custom domain names the tenant.
  const caller = c.get('caller') as AppEnv['Variables']['caller'] | undefined;
  const tenant =
    caller?.kind === 'secret' || caller?.kind === 'publishable' || caller?.kind === 'token'
      ? caller.tenant
      : c.get('domainTenant');
  return tenant ? originsOf(c, tenant.id) : [];
}

/**
 * CORS and framing for embeddable routes, per tenant: only the tenant's allowed origins get
 * `Access-Control-Allow-Origin` (never `*`), and `frame-ancestors` lists the same origins.
 * Preflights carry no credential, so they are answered for any origin some tenant allows; the
 * real request is then checked against its own tenant.
 */
export const tenantCors = () =>
  createMiddleware<AppEnv>(async function tenantCors(c, next) {
    c.set('embeddable', true);
    const origin = c.req.header('origin');
    if (c.req.method === 'OPTIONS') {
      const known = origin ? await c.get('deps').store.isAllowedOriginAnywhere(origin) : false;
      const headers: Record<string, string> = { Vary: 'Origin' };
      if (origin && known) {
        headers['Access-Control-Allow-Origin'] = origin;
        headers['Access-Control-Allow-Methods'] = 'GET, POST, PUT, DELETE';
        headers['Access-Control-Allow-Headers'] = ALLOW_HEADERS;
        headers['Access-Control-Max-Age'] = '600';
      }
      return c.body(null, 204, headers);
    }
    await next();
    const origins = await allowedOrigins(c).catch((): string[] => []);
    c.res.headers.append('Vary', 'Origin');
    if (origin && origins.includes(origin)) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set(
        'Access-Control-Expose-Headers',
        'ETag, Idempotent-Replayed, Location, Retry-After, X-Request-Id',
      );
    }
    c.res.headers.set(
      'Content-Security-Policy',
      `frame-ancestors ${origins.length > 0 ? origins.join(' ') : "'none'"}`,
    );
    c.res.headers.delete('X-Frame-Options');
  });

/**
 * Everything but what `tenantCors` marked embeddable is never framed (a route's own stricter
 * CSP stays).
 */
export const noFraming = () =>
  createMiddleware<AppEnv>(async function noFraming(c, next) {
    await next();
    if (c.get('embeddable')) return;
    c.res.headers.set('X-Frame-Options', 'DENY');
    if (!c.res.headers.get('Content-Security-Policy')?.includes('frame-ancestors')) {
      c.res.headers.set('Content-Security-Policy', "frame-ancestors 'none'");
    }
  });

/**
 * Files any page may load (the widget kit): fetched without credentials and carrying no data,
 * so `Access-Control-Allow-Origin: *` and cross-origin resource policy.
 */
export const publicCors = () =>
  createMiddleware<AppEnv>(async function publicCors(c, next) {
    await next();
    c.res.headers.set('Access-Control-Allow-Origin', '*');
    c.res.headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
  });
