/**
 * Custom domains (secret key with domains:write): register a hostname, publish the TXT challenge
 * it returns, verify it over DNS-over-HTTPS, delete it. Only an active domain routes to its
 * tenant (middleware/tenant-cors `hostRouting`).
 *
 * Claims never block each other: several tenants may hold pending claims on one hostname, each
 * with its own challenge. The first to verify owns the hostname and the other claims end; an
 * active hostname cannot be claimed. So nobody can hold another bank's name hostage.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { createDomainSchema, domainSchema } from '../../contracts/domains.js';
import { randomBase62 } from '../auth/credentials.js';
import type { AppEnv } from '../context.js';
import { Problem } from '../errors.js';
import { actorOf, requireSecret, tenantOf } from '../middleware/authenticate/index.js';
import { defineModule } from '../module.js';
import { bearer, conflict, json, jsonBody, problems } from '../openapi.js';
import { router } from '../router.js';
import type { AuditEntry, Domain, Tenant } from '../store/store.js';
import { afterCheck, BACKOFF_BASE_MS, challengeName, checkTxtRecord } from './checker.js';
import { normalizeHostname } from './hostname.js';

/** An unverified claim is dropped after three days. */
export const UNVERIFIED_CLAIM_TTL_MS = 72 * 60 * 60 * 1000;

const publicDomain = (d: Domain): z.infer<typeof domainSchema> => ({
  hostname: d.hostname,
  status: d.status,
  record: { type: 'TXT', name: challengeName(d.hostname), value: d.challenge },
  attempts: d.attempts,
  lastError: d.lastError,
  nextCheckAt: d.nextCheckAt,
  createdAt: d.createdAt,
  verifiedAt: d.verifiedAt,
});

const tags = ['Domains'];
const guard = requireSecret('domains:write');
const hostnameParam = z.object({
  hostname: z.string().min(1).max(300).meta({ description: 'The registered hostname' }),
});

const createDomain = createRoute({
  method: 'post',
  path: '/',
  tags,
  security: bearer,
  middleware: [guard] as const,
  request: { body: jsonBody(createDomainSchema) },
  responses: {
    201: json(domainSchema, 'Registered, pending: publish the TXT record, then verify'),
    200: json(domainSchema, 'This tenant already claims the hostname: its claim as it is'),
    409: conflict,
    ...problems,
  },
});

const listDomains = createRoute({
  method: 'get',
  path: '/',
  tags,
  security: bearer,
  middleware: [guard] as const,
  responses: {
    200: json(z.object({ items: z.array(domainSchema) }), 'Every domain of the tenant'),
    ...problems,
  },
});

const verifyDomain = createRoute({
  method: 'post',
  path: '/{hostname}/verify',
  tags,
  security: bearer,
  middleware: [guard] as const,
  request: { params: hostnameParam },
  responses: {
    200: json(
      domainSchema,
      'Checked now: active, still pending (with lastError), or failed; an active domain is returned as is',
    ),
    ...problems,
  },
});

const deleteDomain = createRoute({
  method: 'delete',
  path: '/{hostname}',
  tags,
  security: bearer,
  middleware: [guard] as const,
  request: { params: hostnameParam },
  responses: { 204: { description: 'Deleted; the hostname stops routing at once' }, ...problems },
});

const notFound = () => new Problem(404, 'not-found', 'No domain with this hostname.');

const audit = (
  c: Context<AppEnv>,
  tenant: Tenant,
  action: string,
  hostname: string,
): AuditEntry => ({
  tenantId: tenant.id,
  actor: actorOf(c),
  action,
  target: hostname,
  beforeHash: null,
  afterHash: null,
});

/** The tenant's own domain by a path hostname (any spelling); another tenant's is a 404. */
async function ownDomain(c: Context<AppEnv>, tenant: Tenant, raw: string): Promise<Domain> {
  const normalized = normalizeHostname(raw);
  if (!normalized.ok) throw notFound();
  const domain = await c.get('deps').store.getDomain(tenant.id, normalized.hostname);
  if (!domain) throw notFound();
  return domain;
}

/** The edge's own hostnames and everything under them can never be a tenant's domain. */
function isEdgeHost(c: Context<AppEnv>, hostname: string): boolean {
  const { publicUrl, extraHosts = [] } = c.get('deps').config;
  return [new URL(publicUrl).hostname, ...extraHosts].some((host) => {
    const own = host.toLowerCase().replace(/\.$/, '');
    return hostname === own || hostname.endsWith(`.${own}`);
  });
}

/** Custom domains (`domains:write`). */
export const domainsModule = defineModule({
  prefix: '/v1/domains',
  embeddable: false,
  cors: 'none',
  routes: () =>
    router()
      .openapi(createDomain, async (c) => {
        const tenant = tenantOf(c);
        const normalized = normalizeHostname(c.req.valid('json').hostname);
        if (!normalized.ok) {
          throw new Problem(422, 'invalid-hostname', `The hostname must be ${normalized.reason}.`);
        }
        const { hostname } = normalized;
        if (isEdgeHost(c, hostname)) {
          throw new Problem(
            422,
            'reserved-hostname',
            "The edge's own hostnames cannot be registered.",
          );
        }
        const now = c.get('deps').clock.now();
        const domain: Domain = {
          hostname,
          tenantId: tenant.id,
          status: 'pending',
          challenge: `gw-verify-${randomBase62(32)}`,
          attempts: 0,
          nextCheckAt: now + BACKOFF_BASE_MS,
          lastError: null,
          createdAt: now,
          verifiedAt: null,
        };
        const result = await c
          .get('deps')
          .store.createDomain(
            domain,
            audit(c, tenant, 'domain.create', hostname),
            now - UNVERIFIED_CLAIM_TTL_MS,
          );
        // One answer whoever holds it, so the owner is never revealed.
        if (result === 'taken') {
          throw new Problem(409, 'domain-taken', 'This hostname is already in use.');
        }
        if (result === 'exists')
          return c.json(publicDomain(await ownDomain(c, tenant, hostname)), 200);
        return c.json(publicDomain(domain), 201);
      })
      .openapi(listDomains, async (c) => {
        const domains = await c.get('deps').store.listDomains(tenantOf(c).id);
        return c.json({ items: domains.map(publicDomain) }, 200);
      })
      .openapi(verifyDomain, async (c) => {
        const tenant = tenantOf(c);
        const { store, clock, config, dohFetch, logger } = c.get('deps');
        const domain = await ownDomain(c, tenant, c.req.valid('param').hostname);
        if (domain.status === 'active') return c.json(publicDomain(domain), 200);
        const check = await checkTxtRecord(
          dohFetch,
          config.dohUrl,
          challengeName(domain.hostname),
          domain.challenge,
          config.dohTimeoutMs ? { timeoutMs: config.dohTimeoutMs } : {},
        );
        const patch = afterCheck(domain, check, clock.now());
        // The look-up took a while: the update applies only if the claim is still this tenant's
        // with this challenge (not deleted or re-registered meanwhile).
        const updated = await store.updateDomain(
          domain.hostname,
          { tenantId: tenant.id, challenge: domain.challenge },
          patch,
          audit(c, tenant, `domain.verify.${patch.status}`, domain.hostname),
        );
        // Gone meanwhile: deleted, or another tenant verified the hostname first.
        if (!updated) throw notFound();
        logger.info('domain-checked', {
          requestId: c.get('requestId'),
          tenantId: tenant.id,
          status: patch.status,
          attempts: patch.attempts,
        });
        return c.json(publicDomain({ ...domain, ...patch }), 200);
      })
      .openapi(deleteDomain, async (c) => {
        const tenant = tenantOf(c);
        const domain = await ownDomain(c, tenant, c.req.valid('param').hostname);
        const deleted = await c
          .get('deps')
          .store.deleteDomain(
            tenant.id,
            domain.hostname,
            audit(c, tenant, 'domain.delete', domain.hostname),
          );
        if (!deleted) throw notFound();
        return c.body(null, 204);
      }),
});
