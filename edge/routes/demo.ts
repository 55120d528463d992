/** The demo partner-bank page (`npm start` only): set by the Node adapter after seeding. */
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { Problem } from '../errors.js';

const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; font-src 'self' https:; connect-src 'self'; frame-ancestors 'none'";

export const demoRoutes = () =>
  new Hono<AppEnv>()
    .get('/demo', (c) => {
      const demo = c.get('deps').demo?.();
      if (!demo) throw new Problem(404, 'not-found', 'No demo page on this edge.');
      c.header('Content-Security-Policy', DEMO_CSP);
      return c.html(demo.html);
    })
    .get('/demo/bank.css', (c) => {
      const demo = c.get('deps').demo?.();
      if (!demo) throw new Problem(404, 'not-found', 'No demo page on this edge.');
      return c.body(demo.css, 200, {
        'Content-Type': 'text/css; charset=utf-8',
        'Cache-Control': 'no-cache',
      });
    });
