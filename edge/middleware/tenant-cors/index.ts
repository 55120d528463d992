import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../context.js';
import { normalizeHostname } from '../../domains/hostname.js';
import { Problem } from '../../errors.js';

/**
 * Routes by hostname: the edge's own hosts serve everything; an active custom domain serves its
 * tenant (set as `domainTenant`); any other hostname gets 404.
 */
export const hostRouting = (primaryHosts: readonly string[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
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

const ALLOW_HEADERS = 'Authorization, Content-Type, If-None-Match, X-Request-Id';

async function allowedOrigins(c: Context<AppEnv>): Promise<string[]> {
  // Unset when authentication itself failed: then only a custom domain names the tenant.
  const caller = c.get('caller') as AppEnv['Variables']['caller'] | undefined;
  const tenant =
    caller?.kind === 'secret' || caller?.kind === 'publishable' || caller?.kind === 'token'
      ? caller.tenant
      : c.get('domainTenant');
  return tenant ? c.get('deps').store.getOrigins(tenant.id) : [];
}

/**
 * CORS and framing for embeddable routes, per tenant: only the tenant's allowed origins get
 * `Access-Control-Allow-Origin` (never `*`), and `frame-ancestors` lists the same origins.
 * Preflights carry no credential, so they are answered for any origin some tenant allows; the
 * real request is then checked against its own tenant.
 */
export const tenantCors = () =>
  createMiddleware<AppEnv>(async (c, next) => {
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
      c.res.headers.set('Access-Control-Expose-Headers', 'ETag, Retry-After, X-Request-Id');
    }
    c.res.headers.set(
      'Content-Security-Policy',
      `frame-ancestors ${origins.length > 0 ? origins.join(' ') : "'none'"}`,
    );
    c.res.headers.delete('X-Frame-Options');
  });

/** Everything but the embeddable paths is never framed (a route's own stricter CSP stays). */
export const noFraming = (embeddable: readonly string[]) => {
  const patterns = embeddable.map((p) => (p.endsWith('/*') ? p.slice(0, -1) : p));
  const isEmbeddable = (path: string) =>
    patterns.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p));
  return createMiddleware<AppEnv>(async (c, next) => {
    await next();
    if (isEmbeddable(c.req.path)) return;
    c.res.headers.set('X-Frame-Options', 'DENY');
    if (!c.res.headers.get('Content-Security-Policy')?.includes('frame-ancestors')) {
      c.res.headers.set('Content-Security-Policy', "frame-ancestors 'none'");
    }
  });
};
