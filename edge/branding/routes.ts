/**
 * The branding lifecycle: validate a draft through the theme engine, preview it on a signed,
 * expiring link, publish it as an immutable content-hashed version (compiled once, here), list
 * versions and roll back. Serving never compiles.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { compileTheme } from '../../themes/compile.js';
import { newId } from '../auth/credentials.js';
import { signLink, verifyLink } from '../auth/signed-links.js';
import type { AppEnv } from '../context.js';
import { Problem } from '../errors.js';
import { actorOf, requireSecret, tenantOf } from '../middleware/authenticate/index.js';
import { defineModule } from '../module.js';
import { bearer, conflict, json, jsonBody, problems } from '../openapi.js';
import { router } from '../router.js';
import type { BrandingDraft } from '../store/store.js';
import { PREVIEW_CSP, previewPageHtml, previewStylesheet } from './preview.js';

const tags = ['Branding'];
const guard = requireSecret('branding:write');
const PREVIEW_TTL_MS = 15 * 60 * 1000;

const brandInput = z.record(z.string(), z.unknown()).meta({
  id: 'BrandInput',
  description:
    'The brand (slug, name, colors, typography, shape, density, mode, logo); validated by the theme engine, see README "The brand".',
});

const reportSchema = z
  .object({
    ok: z.boolean(),
    hash: z.string().nullable(),
    errors: z.array(
      z.object({
        path: z.string(),
        message: z.string(),
        expected: z.string(),
        received: z.string(),
      }),
    ),
    warnings: z.array(z.record(z.string(), z.unknown())),
    contrast: z.array(
      z.object({
        fg: z.string(),
        bg: z.string(),
        mode: z.string(),
        ratio: z.number(),
        required: z.number(),
        pass: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'ThemeReport' });

const versionSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    hash: z.string(),
    createdAt: z.number().int(),
    current: z.boolean(),
  })
  .meta({ id: 'ThemeVersion' });

const putDraft = createRoute({
  method: 'put',
  path: '/draft',
  tags,
  security: bearer,
  middleware: [guard] as const,
  request: { body: jsonBody(brandInput) },
  responses: {
    200: json(
      z.object({ report: reportSchema }),
      'Valid: the theme report (contrast pairs, warnings, hash)',
    ),
    ...problems,
  },
});

const getDraft = createRoute({
  method: 'get',
  path: '/draft',
  tags,
  security: bearer,
  middleware: [guard] as const,
  responses: {
    200: json(
      z.object({ brand: brandInput, report: reportSchema, updatedAt: z.number().int() }),
      'The saved draft',
    ),
    ...problems,
  },
});

const preview = createRoute({
  method: 'post',
  path: '/preview',
  tags,
  security: bearer,
  middleware: [guard] as const,
  responses: {
    201: json(
      z.object({ url: z.string(), expiresAt: z.number().int() }),
      'A signed link showing the draft, valid 15 minutes',
    ),
    ...problems,
  },
});

const publish = createRoute({
  method: 'post',
  path: '/publish',
  tags,
  security: bearer,
  middleware: [guard] as const,
  responses: {
    201: json(versionSchema, 'The new current version'),
    200: json(versionSchema, 'The draft was already the current version'),
    ...problems,
  },
});

const versions = createRoute({
  method: 'get',
  path: '/versions',
  tags,
  security: bearer,
  middleware: [guard] as const,
  responses: {
    200: json(z.object({ items: z.array(versionSchema) }), 'Every published version, newest first'),
    ...problems,
  },
});

const rollback = createRoute({
  method: 'post',
  path: '/rollback',
  tags,
  security: bearer,
  middleware: [guard] as const,
  request: {
    body: jsonBody(z.strictObject({ versionId: z.string().max(64) }).meta({ id: 'Rollback' })),
  },
  responses: { 200: json(versionSchema, 'The version now current'), 409: conflict, ...problems },
});

const previewParams = z.object({ link: z.string().max(1024) });

const previewPage = createRoute({
  method: 'get',
  path: '/preview/{link}',
  tags,
  request: { params: previewParams },
  responses: {
    200: {
      description: 'An HTML page showing the draft theme',
      content: { 'text/html': { schema: z.string() } },
    },
    404: problems[404],
  },
});

const previewCss = createRoute({
  method: 'get',
  path: '/preview/{link}/theme.css',
  tags,
  request: { params: previewParams },
  responses: {
    200: { description: 'The draft stylesheet', content: { 'text/css': { schema: z.string() } } },
    404: problems[404],
  },
});

/**
 * The draft a preview link shows, while the link is valid and the draft unchanged; else 404.
 * Only on the edge's own hosts or the tenant's own custom domains (another bank's domain must
 * never show it), and never for a suspended tenant.
 */
async function draftOfLink(c: Context<AppEnv>, link: string): Promise<BrandingDraft> {
  const deps = c.get('deps');
  const payload = await verifyLink(link, deps.config.previewSecret, deps.clock.now());
  const tenant =
    typeof payload?.tid === 'string' ? await deps.store.getTenant(payload.tid) : undefined;
  const domainTenant = c.get('domainTenant');
  const servable =
    tenant?.status === 'active' && (domainTenant === undefined || domainTenant.id === tenant.id);
  const draft = servable ? await deps.store.getDraft(tenant.id) : undefined;
  if (!draft || draft.hash !== payload?.hash) {
    throw new Problem(
      404,
      'preview-expired',
      'This preview link is invalid, expired or superseded by a newer draft.',
    );
  }
  return draft;
}

/**
 * The branding lifecycle (`branding:write`), and the signed preview pages (the link is the
 * credential), which are never framed.
 */
export const brandingModule = defineModule({
  prefix: '/v1/branding',
  embeddable: false,
  cors: 'none',
  routes: () =>
    router()
      .openapi(putDraft, async (c) => {
        const tenant = tenantOf(c);
        const input = c.req.valid('json');
        const compiled = await compileTheme(input);
        if (!compiled.ok) {
          throw new Problem(422, 'invalid-brand', 'The brand does not pass the theme engine.', {
            extensions: { errors: compiled.report.errors },
          });
        }
        if (compiled.brand.slug !== tenant.slug) {
          throw new Problem(422, 'invalid-brand', 'The brand slug must be the tenant slug.', {
            extensions: {
              errors: [
                {
                  path: '/slug',
                  message: `/slug: expected "${tenant.slug}"`,
                  expected: `"${tenant.slug}"`,
                  received: JSON.stringify(compiled.brand.slug),
                },
              ],
            },
          });
        }
        const before = await c.get('deps').store.getDraft(tenant.id);
        await c.get('deps').store.saveDraft(
          {
            tenantId: tenant.id,
            brandJson: JSON.stringify(compiled.brand),
            reportJson: JSON.stringify(compiled.report),
            hash: compiled.outputs.hash,
            css: compiled.outputs.css,
            updatedAt: c.get('deps').clock.now(),
          },
          {
            tenantId: tenant.id,
            actor: actorOf(c),
            action: 'branding.draft',
            target: 'draft',
            beforeHash: before?.hash ?? null,
            afterHash: compiled.outputs.hash,
          },
        );
        return c.json({ report: compiled.report }, 200);
      })
      .openapi(getDraft, async (c) => {
        const draft = await c.get('deps').store.getDraft(tenantOf(c).id);
        if (!draft)
          throw new Problem(404, 'no-draft', 'No draft saved yet (PUT /v1/branding/draft).');
        return c.json(
          {
            brand: JSON.parse(draft.brandJson),
            report: JSON.parse(draft.reportJson),
            updatedAt: draft.updatedAt,
          },
          200,
        );
      })
      .openapi(preview, async (c) => {
        const tenant = tenantOf(c);
        const draft = await c.get('deps').store.getDraft(tenant.id);
        if (!draft)
          throw new Problem(404, 'no-draft', 'No draft saved yet (PUT /v1/branding/draft).');
        const expiresAt = c.get('deps').clock.now() + PREVIEW_TTL_MS;
        const link = await signLink(
          { tid: tenant.id, hash: draft.hash, exp: expiresAt },
          c.get('deps').config.previewSecret,
        );
        return c.json(
          { url: `${c.get('deps').config.publicUrl}/v1/branding/preview/${link}`, expiresAt },
          201,
        );
      })
      .openapi(publish, async (c) => {
        const tenant = tenantOf(c);
        const { store, clock } = c.get('deps');
        const draft = await store.getDraft(tenant.id);
        if (!draft)
          throw new Problem(404, 'no-draft', 'No draft saved yet (PUT /v1/branding/draft).');
        const current = await store.getCurrentTheme(tenant.id);
        if (current?.hash === draft.hash) {
          const { id, version, hash, createdAt } = current;
          return c.json({ id, version, hash, createdAt, current: true }, 200);
        }
        // Compile once, at publish; the stored version is what every request then serves.
        const compiled = await compileTheme(JSON.parse(draft.brandJson));
        if (!compiled.ok)
          throw new Problem(
            409,
            'draft-invalid',
            'The saved draft no longer compiles; save it again.',
          );
        const stored = await store.publishTheme(
          {
            id: newId('thv'),
            tenantId: tenant.id,
            hash: compiled.outputs.hash,
            brandJson: JSON.stringify(compiled.brand),
            css: compiled.outputs.css,
            tokensJson: compiled.outputs.tokensJson,
            reportJson: JSON.stringify(compiled.report),
            createdAt: clock.now(),
          },
          {
            tenantId: tenant.id,
            actor: actorOf(c),
            action: 'branding.publish',
            target: 'theme',
            beforeHash: current?.hash ?? null,
            afterHash: compiled.outputs.hash,
          },
        );
        return c.json(
          {
            id: stored.id,
            version: stored.version,
            hash: stored.hash,
            createdAt: stored.createdAt,
            current: true,
          },
          201,
        );
      })
      .openapi(versions, async (c) => {
        const tenant = tenantOf(c);
        const [list, current] = await Promise.all([
          c.get('deps').store.listThemeVersions(tenant.id),
          c.get('deps').store.getCurrentTheme(tenant.id),
        ]);
        return c.json(
          {
            items: list.map(({ tenantId: _t, ...v }) => ({ ...v, current: v.id === current?.id })),
          },
          200,
        );
      })
      .openapi(rollback, async (c) => {
        const tenant = tenantOf(c);
        const { versionId } = c.req.valid('json');
        const { store } = c.get('deps');
        const [target, current] = await Promise.all([
          store.getThemeVersion(tenant.id, versionId),
          store.getCurrentTheme(tenant.id),
        ]);
        if (!target) throw new Problem(404, 'not-found', 'No theme version with this id.');
        await store.setCurrentTheme(tenant.id, target.id, {
          tenantId: tenant.id,
          actor: actorOf(c),
          action: 'branding.rollback',
          target: target.id,
          beforeHash: current?.hash ?? null,
          afterHash: target.hash,
        });
        return c.json(
          {
            id: target.id,
            version: target.version,
            hash: target.hash,
            createdAt: target.createdAt,
            current: true,
          },
          200,
        );
      })
      .openapi(previewPage, async (c) => {
        const { link } = c.req.valid('param');
        const draft = await draftOfLink(c, link);
        const brand = JSON.parse(draft.brandJson) as { name: string; slug: string };
        c.header('Content-Security-Policy', PREVIEW_CSP);
        return c.html(previewPageHtml(brand, draft.hash, link), 200);
      })
      .openapi(previewCss, async (c) => {
        const { link } = c.req.valid('param');
        const draft = await draftOfLink(c, link);
        return c.body(previewStylesheet(draft.css), 200, {
          'Content-Type': 'text/css; charset=utf-8',
          'Cache-Control': 'private, no-store',
        });
      }),
});
