/**
 * The edge, mocked inside Storybook with MSW: `GET /v1/config`, the theme stylesheets, `GET
 * /v1/catalog`, `GET /v1/pricing/plans` and `POST /v1/quotes`, answering for the tenant the
 * credential names, with the demo data the seed and the tests use. Handlers are keyed, so a
 * story replaces one answer (`parameters.msw.handlers.catalog = answer.pending('/v1/catalog')`)
 * and keeps the rest.
 */
import { delay, HttpResponse, http } from 'msw';
import type { Catalog } from '../../contracts/catalog.js';
import { DEFAULT_PRODUCTS, type OnboardingProducts } from '../../contracts/onboarding-products.js';
import type { PricingPlans, QuoteRequest } from '../../contracts/pricing.js';
import { QuoteError } from '../../contracts/pricing.js';
import { DEMO_CATALOG, DEMO_PLANS, issueQuote, widgetConfig } from '../../edge/demo/index.js';
import {
  DEFAULT_TENANT,
  type TenantTheme,
  tenant as tenantNamed,
  tenantOfCredential,
} from './tenants.js';

/** The kit's own theme, which the edge serves until a tenant publishes: the gridworks preset. */
const defaultTheme = () => tenantNamed(DEFAULT_TENANT);

type Path =
  | '/v1/config'
  | '/v1/catalog'
  | '/v1/pricing/plans'
  | '/v1/quotes'
  | '/v1/applications/draft'
  | '/v1/applications'
  | '/v1/applications/documents';

/** RFC 9457 problem+json, as the edge's `app.onError` renders it. */
export function problem(status: number, code: string, detail: string): Response {
  return HttpResponse.json(
    { type: `https://docs.gridworks.example/problems/${code}`, title: detail, status, detail },
    { status, headers: { 'content-type': 'application/problem+json' } },
  );
}

/** The tenant of a request: `?pk=` on reads, `Authorization: Bearer` otherwise. */
function tenantOf(request: Request): TenantTheme | undefined {
  const pk = new URL(request.url).searchParams.get('pk');
  const bearer = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? null;
  return tenantOfCredential(pk ?? bearer);
}

const unauthenticated = () => problem(401, 'unauthenticated', 'A valid credential is required.');

/**
 * `theme: false`: a tenant that has not published a theme yet. The edge then serves the kit's
 * default theme (the `gridworks` preset) with `source: "default"`, never a 404.
 */
export interface EdgeOptions {
  theme?: boolean;
}

const config = (options: EdgeOptions = {}) =>
  http.get('/v1/config', ({ request }) => {
    const tenant = tenantOf(request);
    if (!tenant) return unauthenticated();
    const shown = options.theme === false ? defaultTheme() : tenant;
    const theme = {
      hash: shown.hash,
      stylesheet: `/v1/themes/${shown.hash}.css`,
      mode: shown.mode,
      // The presets name fonts on hosts that exist only in examples; the widgets fall back
      // to the theme's generic family, as they would if a font failed to load.
      font: null,
      source: options.theme === false ? ('default' as const) : ('published' as const),
    };
    return HttpResponse.json(
      widgetConfig({ id: `ten_${tenant.slug}`, slug: tenant.slug, name: tenant.name }, theme),
    );
  });

const theme = (options: EdgeOptions = {}) =>
  http.get('/v1/themes/:file', ({ request, params }) => {
    const tenant = tenantOf(request);
    if (!tenant) return unauthenticated();
    const file = String(params.file);
    const shown = options.theme === false ? defaultTheme() : tenant;
    if (file !== 'current.css' && file !== `${shown.hash}.css`) {
      return problem(404, 'not-found', 'No theme version with this hash.');
    }
    return new HttpResponse(shown.css, {
      headers: { 'content-type': 'text/css; charset=utf-8', etag: `"${shown.hash}"` },
    });
  });

const catalog = (body: Catalog) =>
  http.get('/v1/catalog', ({ request }) =>
    tenantOf(request) ? HttpResponse.json(body) : unauthenticated(),
  );

const plans = (body: PricingPlans) =>
  http.get('/v1/pricing/plans', ({ request }) =>
    tenantOf(request) ? HttpResponse.json(body) : unauthenticated(),
  );

const quotes = (body: PricingPlans) =>
  http.post('/v1/quotes', async ({ request }) => {
    const tenant = tenantOf(request);
    if (!tenant) return unauthenticated();
    try {
      const issued = issueQuote(body, (await request.json()) as QuoteRequest, `ten_${tenant.slug}`);
      return issued
        ? HttpResponse.json(issued, { status: 201 })
        : problem(404, 'not-found', 'No such plan.');
    } catch (error) {
      if (error instanceof QuoteError) return problem(422, 'invalid-quote', error.message);
      throw error;
    }
  });

const products = (body: OnboardingProducts) =>
  http.get('/v1/onboarding/products', ({ request }) =>
    tenantOf(request) ? HttpResponse.json(body) : unauthenticated(),
  );

/** The customer's onboarding draft (none: 204, as the edge answers a first visit). */
const draft = (saved: unknown | undefined) => [
  http.get('/v1/applications/draft', ({ request }) => {
    if (!tenantOf(request)) return unauthenticated();
    return saved === undefined ? new HttpResponse(null, { status: 204 }) : HttpResponse.json(saved);
  }),
  http.put('/v1/applications/draft', async ({ request }) =>
    tenantOf(request)
      ? HttpResponse.json({ ...((await request.json()) as object), updatedAt: Date.now() })
      : unauthenticated(),
  ),
];

/** Uploads: accepted as a PDF, or refused as the edge refuses a file that is not one. */
const documents = (refuse: boolean) =>
  http.post('/v1/applications/documents', async ({ request }) => {
    if (!tenantOf(request)) return unauthenticated();
    const size = (await request.arrayBuffer()).byteLength;
    if (refuse)
      return problem(415, 'unsupported-document-type', 'The file is application/x-msdownload.');
    const kind = new URL(request.url).searchParams.get('kind') ?? 'other';
    const name = decodeURIComponent(request.headers.get('x-file-name') ?? 'document.pdf');
    return HttpResponse.json(
      {
        id: 'doc_StoryDocument000001',
        kind,
        name,
        type: 'application/pdf',
        size,
        sha256: '0'.repeat(64),
      },
      { status: 201 },
    );
  });

const applications = () =>
  http.post('/v1/applications', async ({ request }) => {
    const tenant = tenantOf(request);
    if (!tenant) return unauthenticated();
    const body = (await request.json()) as { product: string };
    return HttpResponse.json(
      { id: 'app_StoryApplication0001', status: 'submitted', product: body.product, createdAt: 1 },
      { status: 201 },
    );
  });

/** The edge as it answers a tenant with the demo catalog and plans. */
export function edgeHandlers(options: EdgeOptions = {}) {
  return {
    config: [config(options)],
    theme: [theme(options)],
    catalog: [catalog(DEMO_CATALOG)],
    plans: [plans(DEMO_PLANS)],
    quotes: [quotes(DEMO_PLANS)],
    draft: draft(undefined),
    products: [products(DEFAULT_PRODUCTS)],
    applications: [applications()],
    documents: [documents(false)],
  };
}

/** Answers a story puts in place of one of `edgeHandlers()`. */
export const answer = {
  catalog: (body: Catalog) => [catalog(body)],
  plans: (body: PricingPlans) => [plans(body), quotes(body)],
  /** Every upload refused (not a PDF, PNG or JPEG). */
  refusedUploads: () => [documents(true)],
  /** A saved onboarding draft the form resumes from. */
  draft: (saved: unknown) => draft(saved),
  /** A request that never gets an answer: the loading state, for as long as one looks. */
  pending: (path: Path) => [
    http.all(path, async () => {
      await delay('infinite');
      return new HttpResponse(null, { status: 504 });
    }),
  ],
  /** The edge failing, with its problem+json. */
  failing: (path: Path, status = 503) => [
    http.all(path, () => problem(status, 'unavailable', 'The service is temporarily unavailable.')),
  ],
  /** Without a theme: `GET /v1/config` says none is published and the stylesheet is a 404. */
  noTheme: () => ({ config: [config({ theme: false })], theme: [theme({ theme: false })] }),
};
