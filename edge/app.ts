/**
 * The edge: one Hono app built from injected dependencies. It never reads process.env, never
 * imports node:*, never touches a binding — `edge/adapters/*` do that and call `createApp`.
 */
import { bodyLimit } from 'hono/body-limit';
import { parseMasterKey, SecretBox } from './auth/secret-box.js';
import { KeyRing } from './auth/widget-tokens.js';
import type { EdgeDeps } from './deps.js';
import { Problem, problemResponse, renderError } from './errors.js';
import { authenticate } from './middleware/authenticate/index.js';
import { requireJsonBody } from './middleware/content-type/index.js';
import { rateLimit } from './middleware/rate-limit/index.js';
import { requestId } from './middleware/request-id/index.js';
import { securityHeaders } from './middleware/security-headers/index.js';
import { hostRouting, noFraming, tenantCors } from './middleware/tenant-cors/index.js';
import { router } from './router.js';
import { auditRoutes } from './routes/audit.js';
import { brandingRoutes } from './routes/branding.js';
import { catalogRoutes } from './routes/catalog.js';
import { demoRoutes } from './routes/demo.js';
import { docsRoutes } from './routes/docs.js';
import { domainRoutes } from './routes/domains.js';
import { embedRoutes } from './routes/embed.js';
import { keyRoutes } from './routes/keys.js';
import { operatorRoutes } from './routes/operator.js';
import { originRoutes } from './routes/origins.js';
import { pricingRoutes } from './routes/pricing.js';
import { tokenRoutes } from './routes/tokens.js';
import { widgetRoutes } from './routes/widget.js';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** Paths widgets load from a bank's page: CORS and frame-ancestors from the tenant's origins. */
const EMBEDDABLE = [
  '/v1/config',
  '/v1/themes/*',
  '/v1/catalog',
  '/v1/pricing/plans',
  '/v1/quotes',
  '/v1/quotes/*',
] as const;

function validateConfig(deps: EdgeDeps): void {
  const { config } = deps;
  let url: URL;
  try {
    url = new URL(config.publicUrl);
  } catch {
    throw new Error(`publicUrl is not a URL: ${JSON.stringify(config.publicUrl)}`);
  }
  if (url.pathname !== '/' || url.search || url.hash)
    throw new Error('publicUrl must be an origin, without a path');
  if (!/^[0-9a-f]{64}$/.test(config.operatorKeyHash))
    throw new Error('operatorKeyHash must be a SHA-256 hex digest');
  if (config.previewSecret.length < 32)
    throw new Error('previewSecret must be at least 32 characters');
  parseMasterKey(config.masterKey);
  for (const [i, key] of (config.previousMasterKeys ?? []).entries())
    parseMasterKey(key, `previous master key ${i + 1}`);
  try {
    if (
      new URL(config.dohUrl).protocol !== 'https:' &&
      !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(config.dohUrl)
    ) {
      throw new Error('not https');
    }
  } catch {
    throw new Error(`dohUrl must be an https URL, got ${JSON.stringify(config.dohUrl)}`);
  }
}

/** Builds the edge app. Bad configuration throws here, at boot, not on the first request. */
export function createApp(deps: EdgeDeps) {
  validateConfig(deps);
  const keyRing = new KeyRing(
    deps.store,
    deps.clock,
    new SecretBox(deps.config.masterKey, deps.config.previousMasterKeys),
    deps.sha256 ? { digest: deps.sha256 } : {},
  );
  const publicHost = new URL(deps.config.publicUrl).hostname;
  const maxSize = deps.config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  const app = router();
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use(requestId());
  app.use(securityHeaders({ hsts: new URL(deps.config.publicUrl).protocol === 'https:' }));
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.use(hostRouting([publicHost, ...(deps.config.extraHosts ?? [])]));
  // Outside authentication and rate limiting, so 401 and 429 answers carry the same CORS and
  // framing headers (a widget must be able to read Retry-After).
  for (const path of EMBEDDABLE) app.use(path, tenantCors());
  app.use(noFraming(EMBEDDABLE));
  const limitBody = bodyLimit({
    maxSize,
    onError: (c) =>
      problemResponse(
        c,
        413,
        'payload-too-large',
        `Request bodies are limited to ${maxSize} bytes.`,
      ),
  });
  // Only requests that may carry a body are read through the limiter: reading a GET's body
  // would make the Node adapter build a full web Request for nothing.
  app.use((c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS'
      ? next()
      : limitBody(c, next),
  );
  app.use(requireJsonBody());
  app.use(authenticate(keyRing));
  app.use(rateLimit());

  const routes = app
    .route('/', operatorRoutes(keyRing))
    .route('/', keyRoutes())
    .route('/', originRoutes())
    .route('/', brandingRoutes())
    .route('/', auditRoutes())
    .route('/', tokenRoutes(keyRing))
    .route('/', widgetRoutes())
    .route('/', domainRoutes())
    .route('/', catalogRoutes())
    .route('/', pricingRoutes())
    .route('/', docsRoutes())
    .route('/', demoRoutes())
    .route('/', embedRoutes());

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description:
      'The operator key, a secret key (sk_…), a publishable key (pk_…) or a widget token.',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'GridWorks Embed edge API',
      version: '1.0.0',
      description:
        'Tenants, keys, allowed origins, branding, widget tokens, custom domains and widget data. Errors are RFC 9457 application/problem+json.',
    },
    servers: [{ url: deps.config.publicUrl }],
  });
  app.notFound((c) => problemResponse(c, 404, 'not-found', 'No such route.'));
  app.onError(renderError(deps.logger));
  return routes;
}

export type AppType = ReturnType<typeof createApp>;
export { Problem };
