// A bank's React 19 app using the widgets as custom elements: props set from React reach the
// elements, and the widgets' gw-* events reach React handlers (which write into the page).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { DEMO_CATALOG } from '../../edge/demo/catalog.js';
import { openPage, ROOT, startWorld, until, type World } from './fixtures/harness.js';
import { bankPage, embedTag } from './fixtures/pages.js';

let world: World;
before(async () => {
  world = await startWorld();
  const bundle = await build({
    entryPoints: [join(ROOT, 'test', 'e2e', 'fixtures', 'react-page.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  world.site.set('/react-page.js', {
    body: bundle.outputFiles[0]?.contents ?? '',
    type: 'text/javascript; charset=utf-8',
  });
  world.site.set('/react.html', {
    type: 'text/html; charset=utf-8',
    body: bankPage({
      title: 'React Bank',
      head: [
        embedTag({ edge: world.url, publishableKey: world.publishableKey }),
        '<script type="module" src="/react-page.js"></script>',
      ].join('\n'),
      body: '<div id="root"></div>',
    }),
  });
});
after(async () => {
  await world?.close();
});

test('a React 19 page: props set from React reach the widgets and gw-* events reach React handlers', async () => {
  const opened = await openPage(world.browser, `${world.site.url}/react.html`);
  const { page } = opened;
  try {
    await until(
      opened,
      'the catalog rendered by React shows the seeded services',
      (n) =>
        document.querySelector('gw-service-catalog')?.shadowRoot?.querySelectorAll('.grid .select')
          .length === n,
      DEMO_CATALOG.services.length,
    );

    // `plan="enterprise"` from React: the calculator starts on the Enterprise plan.
    const selectedPlan = page.locator('gw-pricing-calculator [part~="plan-option-selected"]');
    await selectedPlan.waitFor();
    assert.match((await selectedPlan.textContent()) ?? '', /Enterprise/);

    // React state → the catalog's `query` property (the element is defined by now).
    await page.locator('#find').click();
    await until(
      opened,
      'the catalog is narrowed by the query React set',
      (total) => {
        const cards = document
          .querySelector('gw-service-catalog')
          ?.shadowRoot?.querySelectorAll('.grid .select');
        return cards && cards.length > 0 && cards.length < total;
      },
      DEMO_CATALOG.services.length,
    );
    assert.equal(
      await page.locator('gw-service-catalog').evaluate((el) => (el as { query?: string }).query),
      'Payouts API',
    );

    // gw-service-select → a React handler → the page says so.
    await page
      .locator('gw-service-catalog [part~="card-button"]', { hasText: 'Payouts API' })
      .click();
    await until(opened, 'React shows the selected service', () =>
      document.getElementById('selected')?.textContent?.includes('Selected: Payouts API'),
    );

    // gw-quote-change → a React handler → the page says so.
    await page.locator('gw-pricing-calculator #seats-number').fill('60');
    await until(opened, 'React shows the changed quote', () =>
      document.getElementById('quote')?.textContent?.includes('Quote: enterprise, 60 seats'),
    );

    assert.deepEqual(opened.problems, [], 'no console errors and no failed requests');
  } finally {
    await opened.close();
  }
});
