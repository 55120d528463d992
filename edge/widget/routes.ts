/**
 * What widgets load: the tenant's config and its theme stylesheet. A widget token, a
 * publishable key from an allowed origin, or (on an active custom domain) nothing at all.
 * Until a tenant publishes its first theme, the kit's default theme is served in its place,
 * so a bank embedding before its brand is ready gets a themed widget and a clean console.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { LOCALES, WIDGETS, widgetConfigSchema } from '../../contracts/widget.js';
import { defaultTheme } from '../../themes/default-theme.js';
import type { AppEnv } from '../context.js';
import { Problem } from '../errors.js';
import { requireWidget, tenantOf } from '../middleware/authenticate/index.js';
import { cacheAnswer } from '../middleware/read-cache/index.js';
import { defineModule } from '../module.js';
import { bearer, json, problems } from '../openapi.js';
import { router } from '../router.js';
import type { ThemeVersion } from '../store/store.js';

const tags = ['Widgets'];
const guard = requireWidget('config:read', { publishable: true, onDomain: true });

interface StoredBrand {
  name?: string;
  logo?: string;
  mode?: 'light' | 'dark' | 'auto';
  typography?: { fontFamily?: string; fontSource?: string };
}

const getConfig = createRoute({
  method: 'get',
  path: '/',
  tags,
  security: bearer,
  middleware: [guard] as const,
  responses: {
    200: json(widgetConfigSchema, 'Everything a widget needs to render as the tenant'),
    ...problems,
  },
});

const css = { 'text/css': { schema: z.string() } };

const themeByHash = createRoute({
  method: 'get',
  path: '/{file}',
  tags,
  security: bearer,
  middleware: [guard] as const,
  request: {
    params: z.object({
      file: z
        .string()
        .regex(/^(?:[0-9a-f]{16}|current)\.css$/)
        .meta({ description: '`<hash>.css` (immutable) or `current.css` (short max-age)' }),
    }),
    headers: z.object({ 'if-none-match': z.string().max(200).optional() }),
  },
  responses: {
    200: { description: 'The theme stylesheet', content: css },
    304: { description: 'Not modified (If-None-Match matched)' },
    ...problems,
  },
});

/** The theme a tenant's widgets use now: its current version, else the kit's default. */
async function themeInUse(
  c: Context<AppEnv>,
  tenantId: string,
): Promise<{ hash: string; css: string; brandJson: string; source: 'published' | 'default' }> {
  const current = await c.get('deps').store.getCurrentTheme(tenantId);
  if (current) return { ...current, source: 'published' };
  const fallback = await defaultTheme();
  return {
    hash: fallback.outputs.hash,
    css: fallback.outputs.css,
    brandJson: JSON.stringify(fallback.brand),
    source: 'default',
  };
}

function serveCss(
  c: Context<AppEnv>,
  version: Pick<ThemeVersion, 'hash' | 'css'>,
  cacheControl: string,
): Response {
  const etag = `"${version.hash}"`;
  const headers = {
    ETag: etag,
    'Cache-Control': cacheControl,
    Vary: 'Origin, Authorization',
  };
  const match = c.req.header('if-none-match');
  if (match?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    cacheAnswer(c, { body: null });
    return c.body(null, 304, headers);
  }
  cacheAnswer(c, { body: version.css });
  return c.body(version.css, 200, { ...headers, 'Content-Type': 'text/css; charset=utf-8' });
}

/** What every widget loads first: the tenant's config. */
export const configModule = defineModule({
  prefix: '/v1/config',
  embeddable: true,
  cors: 'tenant',
  routes: () =>
    router().openapi(getConfig, async (c) => {
      const tenant = tenantOf(c);
      const current = await themeInUse(c, tenant.id);
      // The default theme's brand is the kit's, not the tenant's: no name or logo from it.
      const brand =
        current.source === 'published' ? (JSON.parse(current.brandJson) as StoredBrand) : undefined;
      const font =
        brand?.typography?.fontFamily && brand.typography.fontSource
          ? { family: brand.typography.fontFamily, source: brand.typography.fontSource }
          : null;
      c.header('Cache-Control', 'private, max-age=60');
      // Two tenants' widgets may share a page: the cached answer is per credential.
      c.header('Vary', 'Origin, Authorization');
      const config = {
        tenant: { id: tenant.id, slug: tenant.slug, name: brand?.name ?? tenant.name },
        logo: brand?.logo ?? null,
        theme: {
          hash: current.hash,
          stylesheet: `${c.get('deps').config.publicUrl}/v1/themes/${current.hash}.css`,
          mode: brand?.mode ?? (current.source === 'default' ? 'auto' : 'light'),
          font,
          source: current.source,
        },
        locales: [...LOCALES],
        defaultLocale: 'en' as const,
        widgets: [...WIDGETS],
      };
      // Replayed as these very bytes: `c.json` writes JSON.stringify of the same object.
      cacheAnswer(c, { body: () => JSON.stringify(config) });
      return c.json(config, 200);
    }),
});

/** The tenant's theme stylesheets (content-hashed, immutable; and the current one). */
export const themesModule = defineModule({
  prefix: '/v1/themes',
  embeddable: true,
  cors: 'tenant',
  routes: () =>
    router().openapi(themeByHash, async (c) => {
      const tenant = tenantOf(c);
      const { file } = c.req.valid('param');
      if (file === 'current.css') {
        return serveCss(c, await themeInUse(c, tenant.id), 'public, max-age=60, must-revalidate');
      }
      const hash = file.slice(0, 16);
      const version = await c.get('deps').store.getThemeVersionByHash(tenant.id, hash);
      if (version) return serveCss(c, version, 'public, max-age=31536000, immutable');
      const fallback = await themeInUse(c, tenant.id);
      if (fallback.source === 'default' && fallback.hash === hash)
        return serveCss(c, fallback, 'public, max-age=31536000, immutable');
      throw new Problem(404, 'not-found', 'No theme version with this hash.');
    }),
});
