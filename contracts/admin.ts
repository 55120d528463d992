/**
 * Request and response schemas of the admin API (operator and secret-key routes). The single
 * source of truth for the OpenAPI document and the typed client. Imports only zod and the
 * shared primitives (the slug and display-text rules).
 */
import { z } from 'zod';
import { displayText, slugSchema } from './primitives.js';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    requestId: z.string().optional(),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });

export const tenantSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    status: z.enum(['active', 'suspended']),
    createdAt: z.number().int(),
  })
  .meta({ id: 'Tenant' });

export const createTenantSchema = z
  .strictObject({
    slug: slugSchema,
    name: displayText(80),
  })
  .meta({ id: 'CreateTenant' });

export const createdTenantSchema = z
  .object({
    tenant: tenantSchema,
    secretKey: z.string().meta({ description: 'Shown once. All scopes.' }),
    publishableKey: z.string(),
  })
  .meta({ id: 'CreatedTenant' });

export const pageQuerySchema = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const tenantListSchema = z
  .object({ items: z.array(tenantSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'TenantList' });

/** Secret-key scopes. A key may hold any subset; the tenant's first key holds all. */
export const SECRET_SCOPES = [
  'audit:read',
  'applications:read',
  'applications:write',
  'branding:write',
  'chat:agent',
  'domains:write',
  'keys:write',
  'origins:write',
  'quotes:write',
  'tokens:mint',
  'webhooks:write',
] as const;
export type SecretScope = (typeof SECRET_SCOPES)[number];

export const secretScopeSchema = z.enum(SECRET_SCOPES);

export const apiKeySchema = z
  .object({
    id: z.string(),
    kind: z.enum(['secret', 'publishable']),
    prefix: z.string(),
    last4: z.string(),
    scopes: z.array(z.string()),
    createdAt: z.number().int(),
    revokedAt: z.number().int().nullable(),
  })
  .meta({ id: 'ApiKey', description: 'A key as listed: prefix and last four characters only.' });

export const createKeySchema = z
  .strictObject({
    kind: z.enum(['secret', 'publishable']).default('secret'),
    scopes: z.array(secretScopeSchema).min(1).max(SECRET_SCOPES.length).optional().meta({
      description:
        'Required for a secret key: what it may do, a subset of the calling key’s scopes. A publishable key has none.',
    }),
  })
  .superRefine((body, ctx) => {
    // No default: a key with every scope must be asked for, scope by scope.
    if (body.kind === 'secret' && body.scopes === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['scopes'],
        message: 'a secret key needs its scopes listed (a subset of the calling key’s)',
      });
    if (body.kind === 'publishable' && body.scopes !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['scopes'],
        message: 'a publishable key holds no scopes; leave scopes out',
      });
  })
  .meta({ id: 'CreateKey' });

export const createdKeySchema = z
  .object({
    key: apiKeySchema,
    secret: z.string().meta({ description: 'The key itself, shown once.' }),
  })
  .meta({ id: 'CreatedKey' });

/** An origin as browsers send it: scheme, host and optional port, nothing else. */
export const originSchema = z
  .string()
  .max(300)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === 'https:' ||
          (url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname))) &&
        url.origin === value
      );
    } catch {
      return false;
    }
  }, 'an origin such as https://www.bank.example (https; http only for localhost), no path or trailing slash');

export const originsSchema = z
  .strictObject({ origins: z.array(originSchema).max(20) })
  .meta({ id: 'Origins' });

export const auditRecordSchema = z
  .object({
    id: z.number().int(),
    actor: z.string(),
    action: z.string(),
    target: z.string(),
    beforeHash: z.string().nullable(),
    afterHash: z.string().nullable(),
    at: z.number().int(),
  })
  .meta({ id: 'AuditRecord' });

export const auditPageSchema = z
  .object({ items: z.array(auditRecordSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'AuditPage' });
