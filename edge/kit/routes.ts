/**
 * The widget kit's files: `/embed.js` (the loader), `/gw-<widget>.js` entries and
 * `/chunks/<name>-<hash>.js`, from the Vite build through the injected asset source. They are
 * public and fetched without credentials, so any origin may load them (module scripts need
 * CORS); everything they then ask the edge for is checked per tenant.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { Problem } from '../errors.js';
import { defineModule } from '../module.js';

const CHUNK = /^[A-Za-z0-9_-]+-[A-Za-z0-9_-]{6,}\.js$/;

/**
 * The kit's files at the root (`/embed.js`, `/gw-<widget>.js`, `/chunks/*`): public, for any
 * origin (module scripts need CORS; the files carry no data).
 */
export const kitModule = defineModule({
  prefix: '/',
  embeddable: false,
  cors: 'public',
  routes: () => kitRoutes(),
});

function kitRoutes() {
  const serve =
    (file: string, cacheControl: string) => async (c: import('hono').Context<AppEnv>) => {
      const asset = await c.get('deps').widgetAssets?.get(file);
      if (!asset)
        throw new Problem(404, 'not-found', 'No such widget file (is the widget kit built?).');
      return c.body(asset.body as string, 200, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': cacheControl,
      });
    };
  // Exact patterns: the module's CORS policy applies to these files and nothing else at the root.
  return new Hono<AppEnv>()
    .get('/embed.js', (c) => serve('embed.js', 'public, max-age=300')(c))
    .get('/:file{gw-[a-z-]+\\.js}', (c) => serve(c.req.param('file'), 'public, max-age=300')(c))
    .get('/chunks/:file', async (c) => {
      const file = c.req.param('file');
      if (!CHUNK.test(file)) throw new Problem(404, 'not-found', 'No such widget file.');
      return serve(`chunks/${file}`, 'public, max-age=31536000, immutable')(c);
    });
}
