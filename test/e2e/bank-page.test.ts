// A partner bank's own pages on another origin, embedding the kit with the one-line script tag:
// page script talking to the widgets, widgets added later, a strict CSP, and the kit loaded
// twice. Real Chromium, the real edge, the seeded demo tenant.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_CATALOG } from '../../edge/demo/catalog.js';
import { DEMO_PLANS } from '../../edge/demo/pricing.js';
import {
  eventDetail,
  eventsOf,
  type OpenedPage,
  openPage,
  startWorld,
  until,
  type World,
} from './fixtures/harness.js';
import { BANK_JS, bankPage, embedTag } from './fixtures/pages.js';

let world: World;
before(async () => {
  world = await startWorld();
  world.site.set('/bank.js', { body: BANK_JS, type: 'text/javascript; charset=utf-8' });
});
after(async () => {
  await world?.close();
});

const embed = () => ({ edge: world.url, publishableKey: world.publishableKey });
const html = (body: string) => ({ body, type: 'text/html; charset=utf-8' });

async function catalogLoaded(opened: OpenedPage): Promise<void> {
  await until(
    opened,
    'the catalog shows the seeded services',
    (n) =>
      document.querySelector('gw-service-catalog')?.shadowRoot?.querySelectorAll('.grid .select')
        .length === n,
    DEMO_CATALOG.services.length,
  );
}

async function calculatorLoaded(opened: OpenedPage, selector = 'gw-pricing-calculator') {
  await until(
    opened,
    `${selector} shows the seeded plans`,
    ([sel, n]) =>
      document.querySelector(sel)?.shadowRoot?.querySelectorAll('[part~="plan-name"]').length === n,
    [selector, DEMO_PLANS.plans.length] as const,
  );
}

const logText = async (opened: OpenedPage) =>
  (await opened.page.locator('#log').textContent()) ?? '';

async function logShows(opened: OpenedPage, pattern: RegExp): Promise<void> {
  await until(
    opened,
    `the page's event log shows ${pattern}`,
    ([source, flags]) =>
      new RegExp(source, flags).test(document.getElementById('log')?.textContent ?? ''),
    [pattern.source, pattern.flags] as const,
  );
}

async function readQuote(id: string): Promise<{ quote: { total: number; billing: string } }> {
  const res = await fetch(`${world.url}/v1/quotes/${id}`, {
    headers: { authorization: `Bearer ${world.secretKey}` },
  });
  assert.equal(res.status, 200);
  return (await res.json()) as { quote: { total: number; billing: string } };
}

test('a plain HTML bank page on another origin: properties from page script and gw-* events work', async () => {
  world.site.set(
    '/plain.html',
    html(
      bankPage({
        title: 'Acme Bank',
        head: `${embedTag(embed())}\n<script type="module" src="/bank.js"></script>`,
        body: `<main>
<h1>Acme Bank for business</h1>
<button id="find" type="button" value="Card Issuing">Find card issuing</button>
<gw-service-catalog></gw-service-catalog>
<gw-pricing-calculator></gw-pricing-calculator>
<h2>What happened</h2><ol id="log"></ol>
</main>`,
      }),
    ),
  );
  const opened = await openPage(world.browser, `${world.site.url}/plain.html`);
  const { page } = opened;
  try {
    await catalogLoaded(opened);
    await calculatorLoaded(opened);

    // `billing` was set by page script before the widget's code arrived.
    assert.match(
      (await page
        .locator('gw-pricing-calculator [part~="billing-option-selected"]')
        .textContent()) ?? '',
      /Annual/,
    );

    // A property set from page script after load narrows the catalog.
    await page.locator('#find').click();
    await until(
      opened,
      'the catalog is narrowed by the query property',
      (total) => {
        const cards = document
          .querySelector('gw-service-catalog')
          ?.shadowRoot?.querySelectorAll('.grid .select');
        return cards && cards.length > 0 && cards.length < total;
      },
      DEMO_CATALOG.services.length,
    );
    const shown = (
      await page.locator('gw-service-catalog [part~="card-button"]').allInnerTexts()
    ).map((n) => n.trim());
    assert.ok(shown.includes('Card Issuing'), `Card Issuing is shown (shown: ${shown.join(', ')})`);
    assert.equal(
      await page.locator('gw-service-catalog [part~="search-input"]').inputValue(),
      'Card Issuing',
      'the search box shows the query the page set',
    );

    // The page hears the widgets' events.
    await page
      .locator('gw-service-catalog [part~="card-button"]', { hasText: 'Card Issuing' })
      .click();
    await logShows(opened, /Selected Card Issuing/);

    const seats = page.locator('gw-pricing-calculator #seats-number');
    await seats.fill('12');
    await logShows(opened, /Quote growth: 12 seats/);

    await page.locator('gw-pricing-calculator [part~="button"]').click();
    await logShows(opened, /Requested quo_\w+/);
    const id = /Requested (quo_\w+)/.exec(await logText(opened))?.[1] ?? '';
    const issued = await readQuote(id);
    assert.equal(issued.quote.billing, 'annual');
    const accepted = await eventDetail<{ quote: { quote: { total: number } } }>(
      opened,
      'gw-quote-accept',
    );
    assert.equal(accepted.quote.quote.total, issued.quote.total);

    assert.deepEqual(await opened.context.cookies(), [], 'the widgets set no cookies');
    assert.deepEqual(opened.problems, [], 'no console errors and no failed requests');
  } finally {
    await opened.close();
  }
});

test('a widget added by page script after load is loaded (and only widgets on the page are)', async () => {
  world.site.set(
    '/later.html',
    html(
      bankPage({
        title: 'Acme Bank',
        head: `${embedTag(embed())}\n<script type="module" src="/bank.js"></script>`,
        body: `<main>
<h1>Acme Bank for business</h1>
<gw-service-catalog></gw-service-catalog>
<button id="add-pricing" type="button">Show pricing</button>
<h2>What happened</h2><ol id="log"></ol>
</main>`,
      }),
    ),
  );
  const opened = await openPage(world.browser, `${world.site.url}/later.html`);
  const { page } = opened;
  try {
    await catalogLoaded(opened);
    assert.ok(
      !opened.requests.some((url) => url.endsWith('/gw-pricing-calculator.js')),
      'the calculator’s code is not fetched while no calculator is on the page',
    );

    await page.locator('#add-pricing').click();
    await calculatorLoaded(opened);
    await page.locator('gw-pricing-calculator #seats-number').fill('15');
    await logShows(opened, /Quote growth: 15 seats/);

    assert.deepEqual(opened.problems, [], 'no console errors and no failed requests');
  } finally {
    await opened.close();
  }
});

test('a bank page with a strict CSP (no unsafe-inline, no unsafe-eval): widgets render and work', async () => {
  const edge = world.url;
  const csp = [
    "default-src 'none'",
    `script-src ${edge}`,
    `style-src ${edge}`,
    // The edge, and the bank's own backend (its token endpoint).
    `connect-src ${edge} 'self'`,
    `font-src ${edge}`,
    `img-src ${edge} data:`,
  ].join('; ');
  world.site.set('/strict.html', {
    ...html(
      bankPage({
        title: 'Strict Bank',
        head: embedTag(embed()),
        body: `<main>
<h1>Strict Bank</h1>
<gw-service-catalog></gw-service-catalog>
<gw-pricing-calculator></gw-pricing-calculator>
</main>`,
      }),
    ),
    headers: { 'Content-Security-Policy': csp },
  });
  const opened = await openPage(world.browser, `${world.site.url}/strict.html`);
  const { page } = opened;
  try {
    await catalogLoaded(opened);
    await calculatorLoaded(opened);

    // Themed: the theme's stylesheet reached the shadow roots despite `style-src`.
    await until(opened, 'the theme is applied', () => {
      const root = document.querySelector('gw-pricing-calculator')?.shadowRoot;
      return root?.adoptedStyleSheets.some((sheet) =>
        [...sheet.cssRules].some((rule) => rule.cssText.includes('--gw-ref-color-primary')),
      );
    });

    const card = page.locator('gw-service-catalog [part~="card-button"]').first();
    const id = await card.getAttribute('data-id');
    await card.click();
    const select = await eventDetail<{ serviceId: string }>(opened, 'gw-service-select');
    assert.equal(select.serviceId, id);

    // The slider (its filled part is styled from a constructable sheet) and the total move.
    const total = page.locator('gw-pricing-calculator [part~="total-amount"]');
    const before = await total.textContent();
    await page.locator('gw-pricing-calculator #seats-slider').focus();
    await page.keyboard.press('ArrowRight');
    await eventsOf(opened, 'gw-quote-change');
    assert.notEqual(await total.textContent(), before, 'the total follows the slider');

    await page.locator('gw-pricing-calculator [part~="button"]').click();
    const accept = await eventDetail<{ id: string }>(opened, 'gw-quote-accept');
    await readQuote(accept.id);

    const { violations } = await opened.probe();
    assert.deepEqual(violations, [], 'no securitypolicyviolation events');
    assert.deepEqual(opened.problems, [], 'no console errors and no failed requests');
  } finally {
    await opened.close();
  }
});

test('the kit loaded twice (two embed tags and the npm entry): nothing throws, each tag is defined once, widgets work', async () => {
  world.site.set(
    '/twice.html',
    html(
      bankPage({
        title: 'Twice Bank',
        head: [
          embedTag(embed()),
          // A second copy of the loader (another URL, so it runs again)…
          embedTag(embed(), '?copy=2'),
          // …and the npm package's calculator entry from the bank's own bundle.
          '<script type="module" src="/vendor/gridworks-embed/gw-pricing-calculator.js"></script>',
        ].join('\n'),
        body: `<main>
<h1>Twice Bank</h1>
<gw-service-catalog></gw-service-catalog>
<gw-pricing-calculator></gw-pricing-calculator>
</main>`,
      }),
    ),
  );
  const opened = await openPage(world.browser, `${world.site.url}/twice.html`);
  const { page } = opened;
  try {
    await catalogLoaded(opened);
    await calculatorLoaded(opened);
    assert.ok(
      opened.requests.some((url) => url.includes('/embed.js?copy=2')) &&
        opened.requests.some((url) => url.includes('/vendor/gridworks-embed/')),
      'both extra copies were loaded',
    );

    const { defines } = await opened.probe();
    for (const tag of ['gw-service-catalog', 'gw-pricing-calculator']) {
      assert.deepEqual(
        defines.filter((d) => d.name === tag),
        [{ name: tag, ok: true }],
        `<${tag}> is defined exactly once and no define() threw`,
      );
    }

    await page.locator('gw-pricing-calculator #seats-number').fill('9');
    const change = await eventDetail<{ selection: { seats: number } }>(opened, 'gw-quote-change');
    assert.equal(change.selection.seats, 9);
    await page.locator('gw-service-catalog [part~="card-button"]').first().click();
    await eventsOf(opened, 'gw-service-select');

    assert.deepEqual(
      opened.problems,
      [],
      'no errors thrown, no console errors, no failed requests',
    );
    assert.deepEqual(
      opened.warnings.filter((w) => /GridWorks/.test(w)),
      [],
      'the same version loaded twice is silent',
    );
  } finally {
    await opened.close();
  }
});
