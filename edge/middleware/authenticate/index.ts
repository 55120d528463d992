import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { TOKEN_SUBPROTOCOL_PREFIX } from '../../../contracts/chat-rules.js';
import { KEY_PREFIX, sha256Hex } from '../../auth/credentials.js';
import {
  type KeyRing,
  TokenRejected,
  type WidgetClaims,
  type WidgetScope,
} from '../../auth/widget-tokens.js';
import type { AppEnv, Caller } from '../../context.js';
import { Problem } from '../../errors.js';
import type { Tenant } from '../../store/store.js';
import { authFailureBucket, clientIpOf, rateLimited, rateLimitsOf } from '../rate-limit/index.js';

const BEARER = /^Bearer (.*)$/;
const CREDENTIAL = /^[A-Za-z0-9._~+/=-]{16,4096}$/;

/** SHA-256 of a presented credential: the runtime's synchronous hash where there is one. */
function hashOf(c: Context<AppEnv>, credential: string): string | Promise<string> {
  return c.get('deps').sha256?.(credential) ?? sha256Hex(credential);
}
const JWT_SHAPE = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

const unauthenticated = (
  detail = 'The credential is missing, malformed, unknown, revoked or expired.',
) => new Problem(401, 'unauthenticated', detail, { headers: { 'WWW-Authenticate': 'Bearer' } });

/**
 * Decides who is calling from `Authorization: Bearer <credential>`: the operator key, a secret
 * key, a publishable key or a widget token. Every failure is the same 401, so a caller learns
 * nothing about which part was wrong; the reason goes to the log (without the credential).
 *
 * Guessing is rate-limited: every failed credential counts against its client address, and an
 * address past `authFailuresPerIp` gets 429 before anything it sends is verified.
 */
export const authenticate = (keyRing: KeyRing) =>
  createMiddleware<AppEnv>(async function authenticate(c, next) {
    const header = c.req.header('authorization');
    let credential: string | undefined;
    const socketToken = header === undefined ? webSocketToken(c) : undefined;
    if (socketToken !== undefined) {
      credential = socketToken;
    } else if (header === undefined) {
      // A publishable key is public: widgets may send it as `?pk=` on reads, which keeps the
      // request "simple" (no Authorization header, so no CORS preflight per URL).
      const pk = c.req.method === 'GET' ? c.req.query('pk') : undefined;
      if (pk === undefined) {
        c.set('caller', { kind: 'anonymous' });
        return next();
      }
      // Only a publishable key may travel in a URL: anything else there is refused.
      credential = pk.startsWith(KEY_PREFIX.publishable) && pk.length <= 100 ? pk : '';
    } else {
      credential = BEARER.exec(header)?.[1] ?? '';
    }
    const deps = c.get('deps');
    const failures: [string, number] = [
      authFailureBucket(clientIpOf(c)),
      rateLimitsOf(deps).authFailuresPerIp,
    ];
    const room = await deps.rateLimiter.hit(...failures, 0);
    if (!room.allowed)
      throw rateLimited(room, 'Too many failed authentications from this address.');
    let caller: Caller;
    try {
      caller = await identify(c, keyRing, credential);
    } catch (error) {
      if (error instanceof Problem && error.status === 401) await deps.rateLimiter.hit(...failures);
      throw error;
    }
    c.set('caller', caller);
    await next();
  });

/**
 * A browser cannot set `Authorization` on a WebSocket: the widget token comes as the
 * subprotocol `gw-token.<jwt>` of an upgrade request instead (never in the URL, which logs
 * keep). Only a GET upgrade may carry one, and it is checked exactly like the header.
 */
function webSocketToken(c: Context<AppEnv>): string | undefined {
  if (c.req.method !== 'GET' || c.req.header('upgrade')?.toLowerCase() !== 'websocket') return;
  const offered = c.req.header('sec-websocket-protocol');
  if (!offered) return;
  const entry = offered
    .split(',')
    .map((p) => p.trim())
    .find((p) => p.startsWith(TOKEN_SUBPROTOCOL_PREFIX));
  return entry?.slice(TOKEN_SUBPROTOCOL_PREFIX.length);
}

async function identify(c: Context<AppEnv>, keyRing: KeyRing, credential: string): Promise<Caller> {
  const { store, config, logger } = c.get('deps');
  if (!CREDENTIAL.test(credential)) throw unauthenticated();
  const kind = credential.startsWith(KEY_PREFIX.secret)
    ? 'secret'
    : credential.startsWith(KEY_PREFIX.publishable)
      ? 'publishable'
      : undefined;
  if (kind) {
    const key = await store.findKeyByHash(await hashOf(c, credential));
    if (!key || key.kind !== kind || key.revokedAt !== null) throw unauthenticated();
    const tenant = await activeTenant(c, key.tenantId);
    return { kind, tenant, key };
  }
  if (JWT_SHAPE.test(credential)) {
    try {
      const claims = await keyRing.verify(credential, config.publicUrl);
      // Revoked itself, minted by a key since revoked, or never recorded as minted here.
      const state = await store.tokenState(claims.tid, claims.jti);
      if (state !== 'active') throw new TokenRejected(`token ${state}`);
      const tenant = await activeTenant(c, claims.tid);
      return { kind: 'token', tenant, claims };
    } catch (error) {
      if (error instanceof TokenRejected) {
        logger.warn('token-refused', { requestId: c.get('requestId'), reason: error.reason });
        throw unauthenticated();
      }
      throw error;
    }
  }
  if ((await hashOf(c, credential)) === config.operatorKeyHash) return { kind: 'operator' };
  throw unauthenticated();
}

async function activeTenant(c: Context<AppEnv>, tenantId: string): Promise<Tenant> {
  const tenant = await c.get('deps').store.getTenant(tenantId);
  if (!tenant) throw unauthenticated();
  if (tenant.status !== 'active')
    throw new Problem(403, 'tenant-suspended', 'This tenant is suspended.');
  return tenant;
}

/** A credential of another tenant than the custom domain's is treated as unknown. */
function checkDomain(c: Context<AppEnv>, tenant: Tenant): void {
  const domainTenant = c.get('domainTenant');
  if (domainTenant && domainTenant.id !== tenant.id) throw new Problem(404, 'not-found');
}

/** The operator key, on the edge's own hosts only: a tenant's custom domain has no operator API. */
export const requireOperator = () =>
  createMiddleware<AppEnv>(async function requireOperator(c, next) {
    if (c.get('domainTenant')) throw new Problem(404, 'not-found', 'No such route.');
    const caller = c.get('caller');
    if (caller.kind === 'anonymous') throw unauthenticated();
    if (caller.kind !== 'operator')
      throw new Problem(403, 'forbidden', 'This route needs the operator key.');
    await next();
  });

/** A secret key holding `scope`; the tenant always comes from the key, never the request. */
export const requireSecret = (scope: string) =>
  createMiddleware<AppEnv>(async function requireSecret(c, next) {
    const caller = c.get('caller');
    if (caller.kind === 'anonymous') throw unauthenticated();
    if (caller.kind !== 'secret')
      throw new Problem(403, 'forbidden', 'This route needs a secret key.');
    checkDomain(c, caller.tenant);
    if (!caller.key.scopes.includes(scope)) {
      throw new Problem(
        403,
        'insufficient-scope',
        `This route needs a key with the ${scope} scope.`,
        {
          extensions: { requiredScope: scope },
        },
      );
    }
    await next();
  });

/**
 * Widget data: a widget token holding `scope` used from its own origin, or a publishable key
 * from an allowed origin (read-only scopes only), or — where `onDomain` — no key at all on the
 * tenant's active custom domain.
 */
export const requireWidget = (
  scope: WidgetScope,
  options: { publishable: boolean; onDomain: boolean },
) =>
  createMiddleware<AppEnv>(async function requireWidget(c, next) {
    const caller = c.get('caller');
    const origin = requestOrigin(c);
    if (caller.kind === 'token') {
      checkDomain(c, caller.tenant);
      if (origin !== caller.claims.org) {
        throw new Problem(403, 'origin-mismatch', 'This token was issued for another origin.');
      }
      if (!caller.claims.scp.includes(scope)) {
        throw new Problem(403, 'insufficient-scope', `This token lacks the ${scope} scope.`, {
          extensions: { requiredScope: scope },
        });
      }
      return next();
    }
    if (caller.kind === 'publishable' && options.publishable) {
      checkDomain(c, caller.tenant);
      const allowed = await originsOf(c, caller.tenant.id);
      if (!origin || !allowed.includes(origin)) {
        throw new Problem(
          403,
          'origin-not-allowed',
          'This origin may not use this publishable key.',
        );
      }
      return next();
    }
    if (caller.kind === 'anonymous' && options.onDomain && c.get('domainTenant')) return next();
    if (caller.kind === 'anonymous') throw unauthenticated();
    throw new Problem(403, 'forbidden', 'This route needs a widget token or a publishable key.');
  });

/**
 * The tenant's allowed origins, read once per request: the origin check and the CORS headers
 * of the same request ask for them both (on Workers each read is a D1 round trip).
 */
export async function originsOf(c: Context<AppEnv>, tenantId: string): Promise<string[]> {
  const known = c.get('origins');
  if (known?.tenantId === tenantId) return known.list;
  const list = await c.get('deps').store.getOrigins(tenantId);
  c.set('origins', { tenantId, list });
  return list;
}

/**
 * The page origin a browser request comes from. Browsers omit `Origin` on same-origin GETs
 * (a widget on the edge's own demo page, or on a custom domain's page); `Sec-Fetch-Site`,
 * which page scripts cannot set, then says the page is the request's own origin.
 */
export function requestOrigin(c: Context<AppEnv>): string | undefined {
  const origin = c.req.header('origin');
  if (origin) return origin;
  return c.req.header('sec-fetch-site') === 'same-origin' ? new URL(c.req.url).origin : undefined;
}

/** The tenant a request acts for: from its credential, or from its custom domain. */
export function tenantOf(c: Context<AppEnv>): Tenant {
  const caller = c.get('caller');
  if (caller.kind === 'secret' || caller.kind === 'publishable' || caller.kind === 'token')
    return caller.tenant;
  const domainTenant = c.get('domainTenant');
  if (domainTenant) return domainTenant;
  throw new Problem(401, 'unauthenticated');
}

/** The widget token's claims, on routes that take tokens only (a customer's writes). */
export function tokenClaimsOf(c: Context<AppEnv>): WidgetClaims {
  const caller = c.get('caller');
  if (caller.kind !== 'token')
    throw new Problem(403, 'forbidden', 'This route needs a widget token.');
  return caller.claims;
}

/** Key id of the caller for the audit log. */
export function actorOf(c: Context<AppEnv>): string {
  const caller = c.get('caller');
  if (caller.kind === 'secret' || caller.kind === 'publishable') return caller.key.id;
  if (caller.kind === 'token') return `token:${caller.claims.jti}`;
  return caller.kind;
}
