// The demo partner-bank page the edge serves at /demo, in real Chromium against the real edge
// and the seeded demo tenant: what a visitor of `npm start` sees and does.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_CATALOG } from '../../edge/demo/catalog.js';
import { DEMO_PLANS } from '../../edge/demo/pricing.js';
import {
  eventDetail,
  openPage,
  startEdge,
  startWorld,
  until,
  type World,
} from './fixtures/harness.js';
import { hexToRgb, themeToken } from './fixtures/theme.js';

let world: World;
before(async () => {
  world = await startWorld();
});
after(async () => {
  await world?.close();
});

const sorted = (names: readonly string[]) => [...names].map((n) => n.trim()).sort();

async function themeCss(url: string, publishableKey: string): Promise<string> {
  const headers = { authorization: `Bearer ${publishableKey}`, origin: url };
  const config = (await (await fetch(`${url}/v1/config`, { headers })).json()) as {
    theme: { hash: string };
  };
  const css = await fetch(`${url}/v1/themes/${config.theme.hash}.css`, { headers });
  assert.equal(css.status, 200);
  return css.text();
}

test('/demo: both widgets load through the one-line embed, themed, with the seeded data, and work', async () => {
  const opened = await openPage(world.browser, `${world.url}/demo`);
  const { page } = opened;
  try {
    const css = await themeCss(world.url, world.publishableKey);
    const surface = hexToRgb(themeToken(css, '--gw-sys-color-surface'));
    const buttonBackground = hexToRgb(themeToken(css, '--gw-pricing-calculator-button-background'));

    // The catalog shows every seeded service, on the theme's surface colour.
    const cards = page.locator('gw-service-catalog [part~="card-button"]');
    await until(
      opened,
      'the catalog shows the seeded services',
      (n) =>
        document.querySelector('gw-service-catalog')?.shadowRoot?.querySelectorAll('.grid .select')
          .length === n,
      DEMO_CATALOG.services.length,
    );
    assert.deepEqual(
      sorted(await cards.allTextContents()),
      sorted(DEMO_CATALOG.services.map((s) => s.name)),
    );
    const card = page.locator('gw-service-catalog [part~="card"]').first();
    await until(
      opened,
      'the theme is applied to the catalog',
      (colour) => {
        const el = document
          .querySelector('gw-service-catalog')
          ?.shadowRoot?.querySelector('[part~="card"]');
        return el && getComputedStyle(el).backgroundColor === colour;
      },
      surface,
    );
    assert.equal(
      await card.evaluate((el) => getComputedStyle(el).backgroundColor),
      surface,
      'a card is painted with the theme’s surface colour',
    );

    // Selecting a service with the keyboard: focus the card, press Enter.
    const first = cards.first();
    const firstId = await first.getAttribute('data-id');
    const firstName = (await first.textContent())?.trim() ?? '';
    await first.focus();
    await page.keyboard.press('Enter');
    const select = await eventDetail<{ serviceId: string }>(opened, 'gw-service-select');
    assert.equal(select.serviceId, firstId);
    assert.match(
      (await page.locator('gw-service-catalog [part~="detail-title"]').textContent()) ?? '',
      new RegExp(firstName),
      'the selected service’s plans are shown',
    );

    // The calculator shows the seeded plans, themed.
    const planNames = page.locator('gw-pricing-calculator [part~="plan-name"]');
    await planNames.first().waitFor();
    assert.deepEqual(
      sorted(await planNames.allTextContents()),
      sorted(DEMO_PLANS.plans.map((p) => p.name)),
    );
    const request = page.locator('gw-pricing-calculator [part~="button"]');
    await until(
      opened,
      'the theme is applied to the calculator',
      (colour) => {
        const el = document
          .querySelector('gw-pricing-calculator')
          ?.shadowRoot?.querySelector('[part~="button"]');
        return el && getComputedStyle(el).backgroundColor === colour;
      },
      buttonBackground,
    );

    // Changing the seats updates the total.
    const total = page.locator('gw-pricing-calculator [part~="total-amount"]');
    const before = (await total.textContent())?.trim();
    const seats = page.locator('gw-pricing-calculator #seats-number');
    const newSeats = Number(await seats.inputValue()) + 7;
    await seats.fill(String(newSeats));
    await until(
      opened,
      'the total changes',
      (was) =>
        document
          .querySelector('gw-pricing-calculator')
          ?.shadowRoot?.querySelector('[part~="total-amount"]')
          ?.textContent?.trim() !== was,
      before,
    );
    const change = await eventDetail<{
      selection: { seats: number };
      quote: { total: number; currency: string };
    }>(opened, 'gw-quote-change');
    assert.equal(change.selection.seats, newSeats);
    const shown = (await total.textContent())?.trim();
    assert.equal(
      shown,
      await page.evaluate(
        ({ minor, currency }) =>
          new Intl.NumberFormat('en-IN', { style: 'currency', currency }).format(minor / 100),
        { minor: change.quote.total, currency: change.quote.currency },
      ),
      'the total shown is the new quote’s total',
    );

    // "Request this plan" stores a quote the bank's backend can read back, with the same total.
    await request.click();
    const accept = await eventDetail<{ id: string; quote: { quote: { total: number } } }>(
      opened,
      'gw-quote-accept',
    );
    assert.match(accept.id, /^quo_/);
    const stored = await fetch(`${world.url}/v1/quotes/${accept.id}`, {
      headers: { authorization: `Bearer ${world.secretKey}` },
    });
    assert.equal(stored.status, 200);
    const issued = (await stored.json()) as {
      selection: { seats: number };
      quote: { total: number };
    };
    assert.equal(issued.quote.total, change.quote.total);
    assert.equal(issued.quote.total, accept.quote.quote.total);
    assert.equal(issued.selection.seats, newSeats);
    // The quote went with a widget token from the demo bank's backend, not the public key.
    assert.ok(opened.requests.some((url) => url === `${world.url}/demo/token`));

    assert.deepEqual(opened.problems, [], 'no console errors and no failed requests');
    assert.deepEqual((await opened.probe()).violations, [], 'no CSP violations');
  } finally {
    await opened.close();
  }
});

test('the edge started with PORT=0 links the theme stylesheet on the port it listens on', async () => {
  // `npm start` with PORT=0 (a free port): /v1/config's stylesheet URL must be fetchable, or
  // every widget on /demo renders unthemed and the page logs a failed request.
  const edge = await startEdge({ port: 0 });
  try {
    const config = (await (
      await fetch(`${edge.url}/v1/config`, {
        headers: { authorization: `Bearer ${edge.publishableKey}`, origin: edge.url },
      })
    ).json()) as { theme: { stylesheet: string } };
    assert.equal(new URL(config.theme.stylesheet).origin, edge.url);
  } finally {
    await edge.close();
  }
});
