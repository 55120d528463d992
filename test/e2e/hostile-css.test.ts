// A bank page whose own CSS is hostile to embedded widgets — `html { font-size: 62.5% }`,
// `* { box-sizing: content-box; line-height: 3; color: red }` and a fixed banner at the
// largest z-index — against the same page without it: the widgets must look the same, and the
// plan comparison must float above the banner (in the top layer).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_CATALOG } from '../../edge/demo/catalog.js';
import { type OpenedPage, openPage, startWorld, until, type World } from './fixtures/harness.js';
import { BASE_CSS, bankPage, embedTag, HOSTILE_CSS } from './fixtures/pages.js';
import type { Measurement, ProbeWindow, Target } from './fixtures/probe.js';

let world: World;
before(async () => {
  world = await startWorld();
  const css = (body: string) => ({ body, type: 'text/css; charset=utf-8' });
  world.site.set('/base.css', css(BASE_CSS));
  world.site.set('/hostile.css', css(HOSTILE_CSS));
  for (const hostile of [false, true]) {
    world.site.set(hostile ? '/hostile.html' : '/clean.html', {
      type: 'text/html; charset=utf-8',
      body: bankPage({
        title: hostile ? 'Hostile Bank' : 'Clean Bank',
        head: [
          embedTag({ edge: world.url, publishableKey: world.publishableKey }),
          '<link rel="stylesheet" href="/base.css">',
          hostile ? '<link rel="stylesheet" href="/hostile.css">' : '',
        ].join('\n'),
        body: `${hostile ? '<div class="promo" role="region" aria-label="Offer">Open an account today!</div>' : ''}
<main>
<gw-service-catalog></gw-service-catalog>
<gw-pricing-calculator></gw-pricing-calculator>
</main>`,
      }),
    });
  }
});
after(async () => {
  await world?.close();
});

const CATALOG = 'gw-service-catalog';
const CALCULATOR = 'gw-pricing-calculator';
const TARGETS: readonly Target[] = [
  ['catalog', CATALOG, null],
  ['catalog search label', CATALOG, '[part~="label"]'],
  ['catalog search box', CATALOG, '[part~="search-input"]'],
  ['catalog filter', CATALOG, '[part~="category-select"]'],
  ['catalog count', CATALOG, '[part~="count"]'],
  ['card', CATALOG, '[part~="card"]'],
  ['card category', CATALOG, '[part~="card-category"]'],
  ['card title', CATALOG, '[part~="card-button"]'],
  ['card summary', CATALOG, '[part~="card-summary"]'],
  ['card regions', CATALOG, '[part~="card-regions"]'],
  ['card badge', CATALOG, '[part~="badge"]'],
  ['card price', CATALOG, '[part~="card-price"]'],
  ['plans title', CATALOG, '[part~="detail-title"]'],
  ['plan', CATALOG, '[part~="tier"]'],
  ['plan features', CATALOG, '[part~="tier-features"]'],
  ['compare bar', CATALOG, '[part~="compare-bar"]'],
  ['dialog', CATALOG, '[part~="dialog"]'],
  ['dialog title', CATALOG, '[part~="dialog-title"]'],
  ['comparison', CATALOG, '[part~="comparison"]'],
  ['comparison cell', CATALOG, '[part~="comparison-cell"]'],
  ['calculator', CALCULATOR, null],
  ['calculator heading', CALCULATOR, '[part~="heading"]'],
  ['plan option', CALCULATOR, '[part~="plan-option"]'],
  ['plan name', CALCULATOR, '[part~="plan-name"]'],
  ['plan description', CALCULATOR, '[part~="plan-description"]'],
  ['region select', CALCULATOR, '[part~="region"]'],
  ['seats label', CALCULATOR, '[part~="label"]'],
  ['seats number', CALCULATOR, '[part~="number"]'],
  ['seats hint', CALCULATOR, '[part~="hint"]'],
  ['line label', CALCULATOR, '[part~="line-label"]'],
  ['total', CALCULATOR, '[part~="total-amount"]'],
  ['request button', CALCULATOR, '[part~="button"]'],
];

/**
 * Loads the page, selects the first service, ticks two of its plans and opens the comparison,
 * all from the keyboard (the hostile banner covers much of the page).
 */
async function openComparison(opened: OpenedPage): Promise<void> {
  const { page } = opened;
  await until(
    opened,
    'both widgets are loaded and themed',
    (n) =>
      [...document.querySelectorAll('gw-service-catalog, gw-pricing-calculator')].every((el) =>
        el.shadowRoot?.adoptedStyleSheets.some((s) =>
          [...s.cssRules].some((r) => r.cssText.includes('--gw-ref-color-primary')),
        ),
      ) &&
      document.querySelector('gw-service-catalog')?.shadowRoot?.querySelectorAll('.grid .select')
        .length === n &&
      document.querySelector('gw-pricing-calculator')?.shadowRoot?.querySelector('[part~="total"]'),
    DEMO_CATALOG.services.length,
  );
  await page.locator(`${CATALOG} [part~="card-button"]`).first().focus();
  await page.keyboard.press('Enter');
  const boxes = page.locator(`${CATALOG} [part~="compare-checkbox"]`);
  await boxes.first().waitFor();
  for (const i of [0, 1]) {
    await boxes.nth(i).focus();
    await page.keyboard.press('Space');
  }
  await page.locator(`${CATALOG} [part~="compare-button"]`).focus();
  await page.keyboard.press('Enter');
  await until(
    opened,
    'the comparison is open',
    () => document.querySelector('gw-service-catalog')?.shadowRoot?.querySelector('dialog')?.open,
  );
}

const measure = (opened: OpenedPage) =>
  opened.page.evaluate(
    (targets) => (window as unknown as ProbeWindow).__gw.measure(targets),
    TARGETS,
  );

test('hostile host CSS does not reach the widgets: same sizes and line heights as on a clean page', async () => {
  const clean = await openPage(world.browser, `${world.site.url}/clean.html`);
  const hostile = await openPage(world.browser, `${world.site.url}/hostile.html`);
  try {
    await openComparison(clean);
    await openComparison(hostile);
    const expected = await measure(clean);
    const actual = await measure(hostile);
    for (const [label] of TARGETS) {
      assert.ok(expected[label], `${label} exists on the clean page`);
    }
    const differences = TARGETS.flatMap(([label]) => {
      const want = expected[label] as Measurement;
      const got = actual[label];
      if (!got) return [`${label}: missing`];
      return (Object.keys(want) as (keyof Measurement)[])
        .filter((key) => want[key] !== got[key])
        .map((key) => `${label} ${key}: ${got[key]} (clean page: ${want[key]})`);
    });
    assert.equal(
      differences.length,
      0,
      `the widgets measure differently under the host's CSS:\n${differences.join('\n')}`,
    );
    assert.deepEqual(hostile.problems, [], 'no console errors and no failed requests');
  } finally {
    await clean.close();
    await hostile.close();
  }
});

test('hostile host CSS does not reach the widgets: no text inside them takes the host page’s red', async () => {
  const opened = await openPage(world.browser, `${world.site.url}/hostile.html`);
  try {
    await openComparison(opened);
    const red = await opened.page.evaluate(() =>
      (window as unknown as ProbeWindow).__gw.elementsColoured('rgb(255, 0, 0)'),
    );
    assert.equal(red.length, 0, `red text inside the widgets:\n${red.join('\n')}`);
  } finally {
    await opened.close();
  }
});

test('the plan comparison floats above a host banner at z-index 2147483647 (top layer)', async () => {
  const opened = await openPage(world.browser, `${world.site.url}/hostile.html`);
  const { page } = opened;
  try {
    await openComparison(opened);
    const where = await page.evaluate(() => {
      const host = document.querySelector('gw-service-catalog');
      const root = host?.shadowRoot;
      const dialog = root?.querySelector('dialog');
      const close = root?.querySelector('[part~="dialog-close"]');
      const banner = document.querySelector('.promo')?.getBoundingClientRect();
      if (!host || !root || !dialog || !close || !banner) return undefined;
      const box = close.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      return {
        modal: dialog.matches(':modal'),
        underBanner: x >= banner.left && x <= banner.right && y >= banner.top && y <= banner.bottom,
        hitHost: document.elementFromPoint(x, y) === host,
        hitClose: close.contains(root.elementFromPoint(x, y)),
      };
    });
    assert.deepEqual(
      where,
      { modal: true, underBanner: true, hitHost: true, hitClose: true },
      'the dialog is modal, in the top layer, above the banner that covers its spot',
    );
    // A real click reaches the close button (Playwright refuses if the banner intercepts it).
    await page.locator(`${CATALOG} [part~="dialog-close"]`).click({ timeout: 5_000 });
    await until(
      opened,
      'the comparison is closed',
      () =>
        document.querySelector('gw-service-catalog')?.shadowRoot?.querySelector('dialog')?.open ===
        false,
    );
  } finally {
    await opened.close();
  }
});
