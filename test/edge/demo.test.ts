// The demo data is the one source the seed, the widget tests and Storybook share: each piece
// must pass the contract the real edge would hold it to, or all three would show a lie.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalogSchema } from '../../contracts/catalog.js';
import { articleInputSchema, supportSettingsSchema } from '../../contracts/chat.js';
import { defaultSelection, QuoteError, quote } from '../../contracts/pricing.js';
import { issuedQuoteSchema, pricingPlansSchema } from '../../contracts/pricing-schemas.js';
import { widgetConfigSchema } from '../../contracts/widget.js';
import {
  DEMO_ARTICLES,
  DEMO_BRAND,
  DEMO_CATALOG,
  DEMO_PLANS,
  DEMO_SUPPORT,
  EMPTY_CATALOG,
  FAKE_QUOTE_ID,
  issueQuote,
  longCatalog,
  NO_PLANS,
  widgetConfig,
} from '../../edge/demo/index.js';
import type { DemoSite } from '../../edge/deps.js';
import { parseBrand } from '../../themes/index.js';
import { createTenant, createTestEdge, ORIGIN } from './helpers.js';

describe('demo data', () => {
  test('the brand, catalogs and plans pass their contracts', () => {
    assert.equal(parseBrand(DEMO_BRAND).ok, true);
    for (const catalog of [DEMO_CATALOG, EMPTY_CATALOG, longCatalog(), longCatalog(12)]) {
      assert.deepEqual(catalogSchema.parse(catalog), catalog);
    }
    for (const plans of [DEMO_PLANS, NO_PLANS]) {
      assert.deepEqual(pricingPlansSchema.parse(plans), plans);
    }
  });

  test('the long catalog holds 40 distinct services: every demo service in four editions', () => {
    const long = longCatalog();
    assert.equal(long.services.length, 40);
    assert.equal(new Set(long.services.map((s) => s.id)).size, 40);
    assert.equal(new Set(long.services.map((s) => s.name)).size, 40);
    assert.deepEqual(long.services.slice(0, 10), DEMO_CATALOG.services);
    assert.equal(
      long.services[10]?.name,
      `${DEMO_CATALOG.services[0]?.name} (Asia-Pacific edition)`,
    );
    assert.equal(longCatalog(3).services.length, 3);
    assert.equal(longCatalog(1000).services.length, 40, 'the editions run out at 40');
  });

  test('the fake edge answers with a valid config and quotes priced by the shared module', () => {
    const config = widgetConfig({ id: 'ten_demo', slug: 'demo-bank', name: 'Demo Bank' }, null);
    assert.deepEqual(widgetConfigSchema.parse(config), config);
    const [plan] = DEMO_PLANS.plans;
    assert.ok(plan);
    const selection = { ...defaultSelection(plan, 'annual', 'IN'), seats: 42 };
    const issued = issueQuote(DEMO_PLANS, { planId: plan.id, selection }, 'ten_demo');
    assert.ok(issued);
    assert.deepEqual(issuedQuoteSchema.parse(issued), issued);
    assert.equal(issued.id, FAKE_QUOTE_ID);
    assert.deepEqual(issued.quote, quote(plan, selection));
    assert.equal(issueQuote(DEMO_PLANS, { planId: 'nope', selection }, 'ten_demo'), undefined);
    assert.throws(
      () => issueQuote(DEMO_PLANS, { planId: plan.id, selection: { ...selection, seats: 0 } }, 't'),
      QuoteError,
    );
  });
});

describe('the demo support set-up', () => {
  test('the support settings and articles pass their contracts', () => {
    assert.deepEqual(supportSettingsSchema.parse(DEMO_SUPPORT), DEMO_SUPPORT);
    for (const { slug, ...article } of DEMO_ARTICLES) {
      assert.match(slug, /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/);
      assert.deepEqual(articleInputSchema.parse(article), { ...article, tags: article.tags });
    }
  });
});

describe("the demo's agent console", () => {
  test("its backend calls the agent API with the demo's key, for agent paths and the page's own origin only", async () => {
    const edge = await createTestEdge();
    const tenant = await createTenant(edge, 'demo-agents', [ORIGIN]);
    const calls: string[] = [];
    const demo: DemoSite = {
      html: '<!doctype html><title>demo</title>',
      css: '',
      credentialsFile: '/tmp/none.json',
      mintToken: async () => undefined,
      agent: async (method, path, body) => {
        calls.push(`${method} ${path}`);
        return edge.call(method, path, {
          auth: tenant.secretKey,
          ...(body ? { body } : {}),
        });
      },
    };
    edge.deps.demo = () => demo;
    const page = await edge.call('GET', '/demo/agent');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const script = await edge.call('GET', '/demo/agent.js');
    assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
    const list = await edge.call('GET', '/demo/agent/api/conversations?status=open');
    assert.equal(list.status, 200);
    assert.deepEqual(await list.json(), { items: [], nextCursor: null });
    // Only the console's own page may POST (no cross-site request rides on the demo's key).
    const foreign = await edge.call('POST', '/demo/agent/api/conversations/cv_x/close', {
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(foreign.status, 403);
    // Only agent paths: the key is never lent to the rest of the API.
    const other = await edge.call('GET', '/demo/agent/api/../keys');
    assert.equal(other.status, 404);
    const keys = await edge.call('GET', '/demo/agent/api/keys');
    assert.equal(keys.status, 404);
    assert.deepEqual(calls, ['GET /v1/agent/conversations?status=open']);
    await edge.close();
  });
});
