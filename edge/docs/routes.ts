/**
 * API documentation: the OpenAPI 3.1 document is generated from the zod schemas by the app
 * (`/openapi.json`); `/docs` renders it with Swagger UI served from the npm package
 * `swagger-ui-dist` through the injected asset source — no CDN, no inline script.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { Problem } from '../errors.js';
import { escapeHtml } from '../html.js';
import { defineModule } from '../module.js';

const ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'index.css']);

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>GridWorks Embed edge API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"><p>Loading the API reference… The raw document is at <a href="/openapi.json">/openapi.json</a>.</p></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script><script src="/docs/init.js"></script></body></html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`;

const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

/**
 * The start page. In development (a demo site is attached) it leads a newcomer through the
 * first steps: the demo bank page, the API reference, and where the demo credentials are.
 */
function indexPage(demo: { credentialsFile: string } | undefined): string {
  const start = demo
    ? `<section aria-labelledby="start"><h2 id="start">Start here (development)</h2><ol>
<li>See every widget on a partner bank's page: <a href="/demo">the demo bank</a>; answer its chat as the bank's agent in <a href="/demo/agent">the agent console</a>.</li>
<li>Read the <a href="/docs">API reference</a>; try it with the demo tenant's keys.</li>
<li>The demo tenant's secret and publishable keys (and the operator key) are in <code>${escapeHtml(demo.credentialsFile)}</code> on this machine.</li>
<li>Embed a widget on your own page: <code>&lt;script type="module" src="/embed.js" data-publishable-key="pk_live_…"&gt;&lt;/script&gt;</code> and <code>&lt;gw-service-catalog&gt;&lt;/gw-service-catalog&gt;</code>, with your page's origin allowed (<code>PUT /v1/origins</code>).</li>
</ol></section>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GridWorks Embed edge</title></head>
<body><main><h1>GridWorks Embed edge</h1>${start}<h2>Links</h2><ul>
<li><a href="/docs">API reference</a> (<a href="/openapi.json">OpenAPI 3.1 document</a>)</li>
<li><a href="/.well-known/jwks.json">Widget-token signing keys (JWKS)</a></li>
<li><a href="/healthz">Health</a></li></ul></main></body></html>`;
}

/** The start page at the root. */
export const startModule = defineModule({
  prefix: '/',
  embeddable: false,
  cors: 'none',
  routes: () =>
    new Hono<AppEnv>().get('/', (c) => {
      c.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
      return c.html(indexPage(c.get('deps').demo?.()));
    }),
});

/** The API reference viewer (Swagger UI from swagger-ui-dist, no CDN, no inline script). */
export const docsModule = defineModule({
  prefix: '/docs',
  embeddable: false,
  cors: 'none',
  routes: () =>
    new Hono<AppEnv>()
      .get('/', (c) => {
        c.header('Content-Security-Policy', DOCS_CSP);
        c.header('Cache-Control', 'public, max-age=300');
        return c.html(PAGE);
      })
      .get('/init.js', (c) => {
        c.header('Cache-Control', 'public, max-age=300');
        return c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
      })
      .get('/assets/:name', async (c) => {
        const name = c.req.param('name');
        const asset = ASSETS.has(name) ? await c.get('deps').assets?.get(name) : undefined;
        if (!asset) throw new Problem(404, 'not-found', 'No such documentation asset.');
        c.header('Cache-Control', 'public, max-age=86400');
        return c.body(asset.body as string, 200, { 'Content-Type': asset.type });
      }),
});
