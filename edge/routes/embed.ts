/**
 * The widget kit's files: `/embed.js` (the loader), `/gw-<widget>.js` entries and
 * `/chunks/<name>-<hash>.js`, from the Vite build through the injected asset source. They are
 * public and fetched without credentials, so any origin may load them (module scripts need
 * CORS); everything they then ask the edge for is checked per tenant.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { Problem } from '../errors.js';

const ENTRY = /^(?:embed|gw-[a-z-]+)\.js$/;
const CHUNK = /^[A-Za-z0-9_-]+-[A-Za-z0-9_-]{6,}\.js$/;

export const embedRoutes = () => {
  const serve =
    (file: string, cacheControl: string) => async (c: import('hono').Context<AppEnv>) => {
      const asset = await c.get('deps').widgetAssets?.get(file);
      if (!asset)
        throw new Problem(404, 'not-found', 'No such widget file (is the widget kit built?).');
      return c.body(asset.body as string, 200, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': cacheControl,
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      });
    };
  return new Hono<AppEnv>()
    .get('/chunks/:file', async (c) => {
      const file = c.req.param('file');
      if (!CHUNK.test(file)) throw new Problem(404, 'not-found', 'No such widget file.');
      return serve(`chunks/${file}`, 'public, max-age=31536000, immutable')(c);
    })
    .get('/:file', async (c, next) => {
      const file = c.req.param('file');
      if (!ENTRY.test(file)) return next();
      return serve(file, 'public, max-age=300')(c);
    });
};
