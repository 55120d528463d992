/**
 * The demo partner-bank site (`npm start` in development only; absent in production): its
 * page, its stylesheet, and its "backend" route that hands the page a widget token, the way a
 * bank's own server would (README: widget tokens).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { Problem } from '../errors.js';
import { requestOrigin } from '../middleware/authenticate/index.js';
import { defineModule } from '../module.js';
import { AGENT_CONSOLE_HTML, AGENT_CONSOLE_JS } from './agent-console.js';

const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; font-src 'self' https:; connect-src 'self'; frame-ancestors 'none'";

const noDemo = () => new Problem(404, 'not-found', 'No demo page on this edge.');

/** The demo bank's site and its token route (development only: 404 without a demo). */
export const demoModule = defineModule({
  prefix: '/demo',
  embeddable: false,
  cors: 'none',
  routes: () =>
    new Hono<AppEnv>()
      .get('/', (c) => {
        const demo = c.get('deps').demo?.();
        if (!demo) throw noDemo();
        c.header('Content-Security-Policy', DEMO_CSP);
        return c.html(demo.html);
      })
      .get('/bank.css', (c) => {
        const demo = c.get('deps').demo?.();
        if (!demo) throw noDemo();
        return c.body(demo.css, 200, {
          'Content-Type': 'text/css; charset=utf-8',
          'Cache-Control': 'no-cache',
        });
      })
      // The agent console and its backend: the agent API with the demo tenant's secret key,
      // added here on the server (a bank's support tool does the same with its own key).
      .get('/agent', (c) => {
        if (!c.get('deps').demo?.()) throw noDemo();
        c.header('Content-Security-Policy', DEMO_CSP);
        return c.html(AGENT_CONSOLE_HTML);
      })
      .get('/agent.js', (c) => {
        if (!c.get('deps').demo?.()) throw noDemo();
        return c.body(AGENT_CONSOLE_JS, 200, {
          'Content-Type': 'text/javascript; charset=utf-8',
          'Cache-Control': 'no-cache',
        });
      })
      .on(['GET', 'POST'], '/agent/api/*', async (c) => {
        const demo = c.get('deps').demo?.();
        if (!demo) throw noDemo();
        // Only the console page itself may use the demo's key (no cross-site requests).
        if (c.req.method === 'POST' && requestOrigin(c) !== new URL(c.req.url).origin)
          throw new Problem(403, 'origin-not-allowed', 'Only the agent console may call this.');
        const url = new URL(c.req.url);
        const path = url.pathname.slice('/demo/agent/api'.length);
        if (!/^\/(conversations|tickets)(\/|$)/.test(path))
          throw new Problem(404, 'not-found', 'Not an agent API path.');
        const body = c.req.method === 'POST' ? await c.req.text() : undefined;
        const answer = await demo.agent(
          c.req.method,
          `/v1/agent${path}${url.search}`,
          body || undefined,
        );
        // A copy: a fetched response's headers are immutable, and the edge adds its own.
        return new Response(answer.body, {
          status: answer.status,
          headers: { 'Content-Type': answer.headers.get('content-type') ?? 'application/json' },
        });
      })
      .post('/token', async (c) => {
        const demo = c.get('deps').demo?.();
        if (!demo) throw noDemo();
        // Only the demo page itself (same origin, as browsers say) gets a token for itself.
        const origin = requestOrigin(c);
        const own = new URL(c.req.url).origin;
        if (origin !== own)
          throw new Problem(403, 'origin-not-allowed', 'Only the demo page may ask for its token.');
        const minted = await demo.mintToken(origin);
        if (!minted)
          throw new Problem(403, 'origin-not-allowed', 'This origin is not the demo bank’s.');
        c.header('Cache-Control', 'no-store');
        return c.json(minted, 200);
      }),
});
