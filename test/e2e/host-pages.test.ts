// Bank pages as they are, not as we write ours: no `lang` at all, an empty one, malformed ones
// (`en_US`, ` EN-us `, `xx-!!`), and a bank that embeds before its brand, catalog and plans
// exist. Every widget must render, and the console must stay clean.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_CATALOG } from '../../edge/demo/catalog.js';
import { DEMO_PLANS } from '../../edge/demo/pricing.js';
import { openPage, startWorld, until, type World } from './fixtures/harness.js';
import { bankPage, embedTag } from './fixtures/pages.js';

let world: World;
before(async () => {
  world = await startWorld();
});
after(async () => {
  await world?.close();
});

const html = (body: string) => ({ body, type: 'text/html; charset=utf-8' });

const WIDGETS = `<main>
<h1>Bank</h1>
<gw-service-catalog></gw-service-catalog>
<gw-pricing-calculator></gw-pricing-calculator>
</main>`;

/**
 * What each widget's shadow root says about itself once loaded. Runs in the page; no named
 * inner functions (the test's TypeScript build would wrap them in a helper the page lacks).
 */
interface WidgetState {
  lang: string | null;
  dir: string | null;
  state: string;
  themed: boolean;
}

function widgetState(): { catalog: WidgetState; calculator: WidgetState } {
  const [catalog, calculator] = ['gw-service-catalog', 'gw-pricing-calculator'].map((tag) => {
    const el = document.querySelector(tag);
    const root = el?.shadowRoot;
    return {
      lang: el?.getAttribute('lang') ?? null,
      dir: el?.getAttribute('dir') ?? null,
      state: root?.querySelector('[part~="state"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
      themed:
        root?.adoptedStyleSheets.some((sheet) =>
          [...sheet.cssRules].some((rule) => rule.cssText.includes('--gw-ref-color-primary')),
        ) ?? false,
    };
  }) as [WidgetState, WidgetState];
  return { catalog, calculator };
}

for (const [label, lang, expected] of [
  ['no lang attribute', null, 'en'],
  ['an empty lang', '', 'en'],
  ['lang="en_US"', 'en_US', 'en-US'],
  ['lang=" EN-us "', ' EN-us ', 'en-US'],
  ['lang="xx-!!"', 'xx-!!', 'en'],
  ['lang="ar_EG"', 'ar_EG', 'ar-EG'],
] as const) {
  test(`a bank page with ${label}: every widget renders (as ${expected}), console clean`, async () => {
    const path = `/lang-${encodeURIComponent(label)}.html`;
    world.site.set(
      path,
      html(
        bankPage({
          title: 'Bank',
          lang,
          head: embedTag({ edge: world.url, publishableKey: world.publishableKey }),
          body: WIDGETS,
        }),
      ),
    );
    const opened = await openPage(world.browser, `${world.site.url}${path}`);
    try {
      await until(
        opened,
        'both widgets show the seeded data',
        ([services, plans]) =>
          document
            .querySelector('gw-service-catalog')
            ?.shadowRoot?.querySelectorAll('.grid .select').length === services &&
          document
            .querySelector('gw-pricing-calculator')
            ?.shadowRoot?.querySelectorAll('[part~="plan-name"]').length === plans,
        [DEMO_CATALOG.services.length, DEMO_PLANS.plans.length] as const,
      );
      const state = await opened.page.evaluate(widgetState);
      for (const widget of [state.catalog, state.calculator]) {
        assert.equal(widget.lang, expected);
        assert.equal(widget.dir, expected.startsWith('ar') ? 'rtl' : 'ltr');
      }
      assert.deepEqual(opened.problems, [], 'no RangeError, no console errors');
    } finally {
      await opened.close();
    }
  });
}

test('a bank embedding before its first publish: default theme, empty states, clean console', async () => {
  // A brand-new tenant: origins set, nothing else (no brand, no catalog, no plans).
  const call = (path: string, auth: string, body?: unknown) =>
    fetch(`${world.url}${path}`, {
      method: body === undefined ? 'GET' : path === '/v1/origins' ? 'PUT' : 'POST',
      headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const created = await call('/v1/tenants', world.operatorKey, {
    slug: 'fresh-bank',
    name: 'Fresh',
  });
  assert.equal(created.status, 201);
  const fresh = (await created.json()) as { secretKey: string; publishableKey: string };
  assert.equal(
    (await call('/v1/origins', fresh.secretKey, { origins: [world.site.url] })).status,
    200,
  );

  world.site.set(
    '/fresh.html',
    html(
      bankPage({
        title: 'Fresh Bank',
        head: embedTag({ edge: world.url, publishableKey: fresh.publishableKey, tokenUrl: null }),
        body: WIDGETS,
      }),
    ),
  );
  const opened = await openPage(world.browser, `${world.site.url}/fresh.html`);
  try {
    await until(opened, 'both widgets show their empty state, themed', () =>
      ['gw-service-catalog', 'gw-pricing-calculator'].every((tag) => {
        const root = document.querySelector(tag)?.shadowRoot;
        return (
          root?.querySelector('[part~="state"]') &&
          root.adoptedStyleSheets.some((sheet) =>
            [...sheet.cssRules].some((rule) => rule.cssText.includes('--gw-ref-color-primary')),
          )
        );
      }),
    );
    const state = await opened.page.evaluate(widgetState);
    assert.match(state.catalog.state, /No services yet/);
    assert.match(state.calculator.state, /No plans are available/);
    assert.ok(state.catalog.themed && state.calculator.themed, 'the default theme is adopted');
    assert.deepEqual(opened.problems, [], 'no 404 from current.css, no console errors');
  } finally {
    await opened.close();
  }
});
