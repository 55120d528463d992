/**
 * What widgets load: the tenant's config and its theme stylesheet. A widget token, a
 * publishable key from an allowed origin, or (on an active custom domain) nothing at all.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.js';
import { LOCALES, WIDGETS, widgetConfigSchema } from '../contracts/widget.js';
import { Problem } from '../errors.js';
import { requireWidget, tenantOf } from '../middleware/authenticate/index.js';
import { router } from '../router.js';
import type { ThemeVersion } from '../store/store.js';
import { bearer, json, problems } from './openapi-helpers.js';

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
  path: '/v1/config',
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
  path: '/v1/themes/{file}',
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

function serveCss(c: Context<AppEnv>, version: ThemeVersion, cacheControl: string): Response {
  const etag = `"${version.hash}"`;
  const headers = {
    ETag: etag,
    'Cache-Control': cacheControl,
    Vary: 'Origin, Authorization',
  };
  const match = c.req.header('if-none-match');
  if (match?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    return c.body(null, 304, headers);
  }
  return c.body(version.css, 200, { ...headers, 'Content-Type': 'text/css; charset=utf-8' });
}

export const widgetRoutes = () =>
  router()
    .openapi(getConfig, async (c) => {
      const tenant = tenantOf(c);
      const current = await c.get('deps').store.getCurrentTheme(tenant.id);
      const brand = current ? (JSON.parse(current.brandJson) as StoredBrand) : undefined;
      const font =
        brand?.typography?.fontFamily && brand.typography.fontSource
          ? { family: brand.typography.fontFamily, source: brand.typography.fontSource }
          : null;
      c.header('Cache-Control', 'private, max-age=60');
      // Two tenants' widgets may share a page: the cached answer is per credential.
      c.header('Vary', 'Origin, Authorization');
      return c.json(
        {
          tenant: { id: tenant.id, slug: tenant.slug, name: brand?.name ?? tenant.name },
          logo: brand?.logo ?? null,
          theme: current
            ? {
                hash: current.hash,
                stylesheet: `${c.get('deps').config.publicUrl}/v1/themes/${current.hash}.css`,
                mode: brand?.mode ?? 'light',
                font,
              }
            : null,
          locales: [...LOCALES],
          defaultLocale: 'en' as const,
          widgets: [...WIDGETS],
        },
        200,
      );
    })
    .openapi(themeByHash, async (c) => {
      const tenant = tenantOf(c);
      const { file } = c.req.valid('param');
      if (file === 'current.css') {
        const current = await c.get('deps').store.getCurrentTheme(tenant.id);
        if (!current)
          throw new Problem(404, 'no-theme', 'This tenant has not published a theme yet.');
        return serveCss(c, current, 'public, max-age=60, must-revalidate');
      }
      const version = await c.get('deps').store.getThemeVersionByHash(tenant.id, file.slice(0, 16));
      if (!version) throw new Problem(404, 'not-found', 'No theme version with this hash.');
      return serveCss(c, version, 'public, max-age=31536000, immutable');
    });
