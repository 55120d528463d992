/**
 * A typed client for banks' TypeScript backends, from the app's own route types:
 *
 *   const edge = createEdgeClient('https://edge.gridworks.example', process.env.GW_SECRET_KEY);
 *   const res = await edge.v1.tokens.$post({ json: { scopes: ['config:read'], origin } });
 *   if (res.ok) console.log((await res.json()).token);
 */
import { hc } from 'hono/client';
import type { AppType } from './app.js';

export type { AppType };

export function createEdgeClient(
  baseUrl: string,
  credential: string,
  options: { fetch?: typeof fetch } = {},
) {
  return hc<AppType>(baseUrl, {
    headers: { authorization: `Bearer ${credential}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
