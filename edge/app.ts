/**
 * The edge: one Hono app built from injected dependencies. It never reads process.env, never
 * imports node:*, never touches a binding — `edge/adapters/*` do that and call `createApp`.
 */
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { mergePath } from 'hono/utils/url';
import { onboardingDocumentsModule } from './applications/documents.js';
import { applicationsModule, onboardingModule } from './applications/routes.js';
import { auditModule } from './audit/routes.js';
import { DataKeys } from './auth/data-keys.js';
import { parseMasterKey, SecretBox } from './auth/secret-box.js';
import { KeyRing } from './auth/widget-tokens.js';
import { brandingModule } from './branding/routes.js';
import { catalogModule } from './catalog/routes.js';
import { agentModule } from './chat/agent-routes.js';
import { LocalChatRealtime } from './chat/local-realtime.js';
import { chatModule } from './chat/routes.js';
import { ChatService } from './chat/service.js';
import { supportModule } from './chat/support-routes.js';
import type { AppEnv } from './context.js';
import { demoModule } from './demo-site/routes.js';
import type { EdgeDeps } from './deps.js';
import { docsModule, startModule } from './docs/routes.js';
import { domainsModule } from './domains/routes.js';
import { Problem, problemResponse, renderError } from './errors.js';
import { keysModule } from './keys/routes.js';
import { kitModule } from './kit/routes.js';
import { authenticate } from './middleware/authenticate/index.js';
import { requireJsonBody } from './middleware/content-type/index.js';
import { rateLimit } from './middleware/rate-limit/index.js';
import { requestId } from './middleware/request-id/index.js';
import { securityHeaders } from './middleware/security-headers/index.js';
import { hostRouting, noFraming, publicCors, tenantCors } from './middleware/tenant-cors/index.js';
import type { EdgeModule, ModuleContext } from './module.js';
import { onboardingProductsModule } from './onboarding-products/routes.js';
import { signingKeysModule, tenantsModule } from './operator/routes.js';
import { originsModule } from './origins/routes.js';
import { pricingModule, quotesModule } from './pricing/routes.js';
import { router } from './router.js';
import { screeningModule } from './screening/routes.js';
import { jwksModule, tokensModule } from './tokens/routes.js';
import { webhooksModule } from './webhooks/routes.js';
import { configModule, themesModule } from './widget/routes.js';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

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
  const secretBox = new SecretBox(deps.config.masterKey, deps.config.previousMasterKeys);
  const keyRing = new KeyRing(deps.store, deps.clock, secretBox, {
    ...(deps.sha256 ? { digest: deps.sha256 } : {}),
    ...(deps.ed25519 ? { signer: deps.ed25519 } : {}),
  });
  const publicHost = new URL(deps.config.publicUrl).hostname;
  const maxSize = deps.config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  // Each module's routes, built first: its declared policies apply to exactly its paths.
  const dataKeys = new DataKeys(deps.store, secretBox, deps.clock);
  const chatService = new ChatService(deps.store, dataKeys, deps.clock.now);
  const context: ModuleContext = {
    keyRing,
    dataKeys,
    chat: {
      service: chatService,
      // Without the runtime's rooms (an app built for tests), rooms live in memory and the
      // WebSocket route answers that this runtime has no sockets.
      realtime:
        deps.chat?.(chatService) ??
        new LocalChatRealtime(chatService, (c) =>
          problemResponse(
            c,
            501,
            'websocket-unavailable',
            'This edge serves no WebSockets; use the events stream.',
          ),
        ),
    },
  };
  const build = <R extends Hono<AppEnv>, P extends string>(module: EdgeModule<R, P>) => ({
    module,
    routes: module.routes(context),
  });
  const m = {
    tenants: build(tenantsModule),
    signingKeys: build(signingKeysModule),
    keys: build(keysModule),
    origins: build(originsModule),
    branding: build(brandingModule),
    audit: build(auditModule),
    tokens: build(tokensModule),
    jwks: build(jwksModule),
    config: build(configModule),
    themes: build(themesModule),
    domains: build(domainsModule),
    catalog: build(catalogModule),
    pricing: build(pricingModule),
    quotes: build(quotesModule),
    documents: build(onboardingDocumentsModule),
    onboarding: build(onboardingModule),
    onboardingProducts: build(onboardingProductsModule),
    applications: build(applicationsModule),
    webhooks: build(webhooksModule),
    screening: build(screeningModule),
    chat: build(chatModule),
    agent: build(agentModule),
    support: build(supportModule),
    start: build(startModule),
    docs: build(docsModule),
    demo: build(demoModule),
    kit: build(kitModule),
  };

  const app = router();
  app.use(async function injectDeps(c, next) {
    c.set('deps', deps);
    await next();
  });
  // First, so it sees every answer as sent (see middleware/read-cache).
  if (deps.readCache) app.use(deps.readCache.recorder());
  app.use(requestId());
  app.use(securityHeaders({ hsts: new URL(deps.config.publicUrl).protocol === 'https:' }));
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.use(hostRouting([publicHost, ...(deps.config.extraHosts ?? [])]));
  // Outside authentication and rate limiting, so 401 and 429 answers carry the same CORS and
  // framing headers (a widget must be able to read Retry-After).
  for (const { module, routes } of Object.values(m)) {
    const policy =
      module.cors === 'tenant' ? tenantCors() : module.cors === 'public' ? publicCors() : undefined;
    if (!policy) continue;
    for (const path of new Set(routes.routes.map((r) => mergePath(module.prefix, r.path))))
      app.use(path, policy);
  }
  app.use(noFraming());
  // Modules that take larger bodies (a sanctions list, a document) say so, and may name their
  // own 413; everything else has the edge's default. The longest prefix decides
  // (`/v1/applications/documents` inside `/v1/applications`).
  const owns = (prefix: string, path: string) => path === prefix || path.startsWith(`${prefix}/`);
  const bodyLimits = Object.values(m)
    .filter(({ module }) => module.maxBodyBytes !== undefined)
    .map(({ module }) => ({
      prefix: module.prefix,
      max: module.maxBodyBytes as number,
      tooLarge: module.tooLarge,
    }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const limitFor = (path: string) => bodyLimits.find((l) => owns(l.prefix, path));
  const maxFor = (path: string) => limitFor(path)?.max ?? maxSize;
  const tooLarge = (c: Context<AppEnv>, max = maxFor(c.req.path)) => {
    const own = limitFor(c.req.path)?.tooLarge;
    return own
      ? problemResponse(c, 413, own.code, own.detail, { maxBytes: max })
      : problemResponse(c, 413, 'payload-too-large', `Request bodies are limited to ${max} bytes.`);
  };
  // Modules whose routes take raw bytes (a document upload) are exempt from JSON-only bodies.
  const byteModules = Object.values(m)
    .filter(({ module }) => module.body === 'bytes')
    .map(({ module }) => module.prefix);
  const limiters = new Map<number, ReturnType<typeof bodyLimit>>();
  const limiterFor = (max: number) => {
    let limiter = limiters.get(max);
    if (!limiter) {
      limiter = bodyLimit({ maxSize: max, onError: (c) => tooLarge(c as Context<AppEnv>, max) });
      limiters.set(max, limiter);
    }
    return limiter;
  };
  // Only requests that may carry a body are read through the limiter: reading a GET's body
  // would make the Node adapter build a full web Request for nothing. A body framed by
  // Content-Length is judged by that header alone (as Hono's limiter does), without touching
  // the body stream, so the route can still read it the adapter's fast way; only a chunked
  // body is counted as it streams.
  app.use(async function limitBodies(c, next) {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const max = maxFor(c.req.path);
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number.parseInt(length, 10) > max ? tooLarge(c, max) : next();
    }
    return limiterFor(max)(c, next);
  });
  app.use(requireJsonBody({ except: (path) => byteModules.some((p) => owns(p, path)) }));
  app.use(authenticate(keyRing));
  app.use(rateLimit());

  const routes = app
    .route(m.tenants.module.prefix, m.tenants.routes)
    .route(m.signingKeys.module.prefix, m.signingKeys.routes)
    .route(m.keys.module.prefix, m.keys.routes)
    .route(m.origins.module.prefix, m.origins.routes)
    .route(m.branding.module.prefix, m.branding.routes)
    .route(m.audit.module.prefix, m.audit.routes)
    .route(m.tokens.module.prefix, m.tokens.routes)
    .route(m.jwks.module.prefix, m.jwks.routes)
    .route(m.config.module.prefix, m.config.routes)
    .route(m.themes.module.prefix, m.themes.routes)
    .route(m.domains.module.prefix, m.domains.routes)
    .route(m.catalog.module.prefix, m.catalog.routes)
    .route(m.pricing.module.prefix, m.pricing.routes)
    .route(m.quotes.module.prefix, m.quotes.routes)
    // The customer's routes first: `/draft` and `/documents` are theirs, not application ids.
    .route(m.documents.module.prefix, m.documents.routes)
    .route(m.onboarding.module.prefix, m.onboarding.routes)
    .route(m.onboardingProducts.module.prefix, m.onboardingProducts.routes)
    .route(m.applications.module.prefix, m.applications.routes)
    .route(m.webhooks.module.prefix, m.webhooks.routes)
    .route(m.screening.module.prefix, m.screening.routes)
    .route(m.chat.module.prefix, m.chat.routes)
    .route(m.agent.module.prefix, m.agent.routes)
    .route(m.support.module.prefix, m.support.routes);
  // Pages and files, outside the typed API (the client has no use for them).
  for (const page of [m.start, m.docs, m.demo, m.kit]) app.route(page.module.prefix, page.routes);

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
        'Tenants, keys, allowed origins, branding, widget tokens, custom domains, widget data, onboarding applications and the support chat. Errors are RFC 9457 application/problem+json.',
    },
    servers: [{ url: deps.config.publicUrl }],
  });
  app.notFound((c) => problemResponse(c, 404, 'not-found', 'No such route.'));
  app.onError(renderError(deps.logger));
  const { readCache } = deps;
  if (readCache) {
    // The read cache's front door, before Hono routes anything: a widget read seen before is
    // answered without the router, the middleware or the store. (`app.request()` calls this
    // `fetch` too, so tests go through the same door.)
    const dispatch = routes.fetch;
    routes.fetch = async (request, env, executionCtx) =>
      (await readCache.answer(request, env, deps)) ?? dispatch(request, env, executionCtx);
  }
  return routes;
}

export type AppType = ReturnType<typeof createApp>;
export { Problem };
