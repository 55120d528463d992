// The embed loader's download rounds, seen from the network: with a widget on the page, the
// loader asks for the widget's entry, every file the entry imports, its own page context, and
// the theme and config reads at once — not one round per level of imports, which is what the
// first themed paint waited for.
// Real Chromium, the real edge, the seeded demo tenant, the bank's page on another origin.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { startWorld, WIDGETS_DIST, type World } from './fixtures/harness.js';
import { bankPage, embedTag } from './fixtures/pages.js';

let world: World;
before(async () => {
  world = await startWorld();
});
after(async () => {
  await world?.close();
});

/** How long a held file waits for the rest of its round before the test gives up on it. */
const ROUND_MS = 5_000;

const EARLY_READS = ['/v1/themes/current.css', '/v1/config'];

/** A bank page on the bank's site with the one-line embed (publishable key only) and `body`. */
function servePage(path: string, title: string, body: string): string {
  world.site.set(path, {
    type: 'text/html; charset=utf-8',
    body: bankPage({
      title,
      head: embedTag({ edge: world.url, publishableKey: world.publishableKey, tokenUrl: null }),
      body: `<main>${body}</main>`,
    }),
  });
  return `${world.site.url}${path}`;
}

test('the loader requests a widget entry, all its static imports, theme and config in one round, and needs nothing else', async () => {
  const built = (await import(pathToFileURL(join(WIDGETS_DIST, 'embed.js')).href)) as {
    KIT_GRAPH: { context: string[]; entries: Record<string, string[]> };
  };
  const entry = './gw-pricing-calculator.js';
  const graphFiles = [entry, ...(built.KIT_GRAPH.entries[entry] ?? []), ...built.KIT_GRAPH.context];
  const expected = new Set(graphFiles.map((f) => new URL(f, `${world.url}/`).pathname));
  assert.ok(expected.size >= 4, 'the entry, Lit, the core and the page context');

  const url = servePage(
    '/one-round.html',
    'One Round Bank',
    '<gw-pricing-calculator></gw-pricing-calculator>',
  );

  const context = await world.browser.newContext();
  try {
    // Every kit file but embed.js is held until all the expected files have been asked for: a
    // file discovered only once another has arrived cannot be asked for while it is held.
    const requested = new Set<string>();
    const sent: string[] = [];
    const reads: { path: string; firstRound: boolean }[] = [];
    let firstRound: Set<string> | undefined;
    let release: () => void = () => {};
    const released = new Promise<void>((done) => {
      release = done;
    });
    const timer = setTimeout(() => {
      firstRound ??= new Set(requested);
      release();
    }, ROUND_MS);
    await context.route(`${world.url}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (EARLY_READS.includes(path)) reads.push({ path, firstRound: !firstRound });
      if (!path.endsWith('.js') || path === '/embed.js') return route.continue();
      requested.add(path);
      sent.push(path);
      if (!firstRound && [...expected].every((p) => requested.has(p))) {
        firstRound = new Set(requested);
        release();
      }
      await released;
      await route.continue();
    });

    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(
      () =>
        (document
          .querySelector('gw-pricing-calculator')
          ?.shadowRoot?.querySelectorAll('[part~="plan-name"]').length ?? 0) > 0,
      undefined,
      { timeout: 15_000 },
    );
    clearTimeout(timer);

    assert.deepEqual(
      [...expected].filter((p) => !firstRound?.has(p)),
      [],
      'every file of the widget and of the page context was asked for in the first round',
    );
    assert.equal(
      sent.length,
      requested.size,
      'each file fetched once: the imports reuse the preloads',
    );
    assert.deepEqual(
      [...requested].filter((p) => !expected.has(p)),
      [],
      'an English page with the calculator needs no kit file beyond the graph',
    );
    assert.deepEqual(
      reads.sort((a, b) => (a.path < b.path ? -1 : 1)),
      EARLY_READS.map((path) => ({ path, firstRound: true })).sort((a, b) =>
        a.path < b.path ? -1 : 1,
      ),
      'theme and config asked for once each, while the scripts were on their way',
    );
    const preloads = await page.$$eval('link[rel="modulepreload"]', (links) =>
      links.map((l) => new URL((l as HTMLLinkElement).href).pathname),
    );
    assert.deepEqual(new Set(preloads), expected, 'one modulepreload per file, no duplicates');
    assert.equal(preloads.length, expected.size, 'no file preloaded twice');
  } finally {
    await context.close();
  }
});

test('a page without widgets downloads embed.js alone', async () => {
  const url = servePage('/no-widgets.html', 'Quiet Bank', '<h1>No widgets here</h1>');
  const context = await world.browser.newContext();
  try {
    const page = await context.newPage();
    const fromEdge: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(world.url)) fromEdge.push(new URL(request.url()).pathname);
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    assert.deepEqual(fromEdge, ['/embed.js']);
  } finally {
    await context.close();
  }
});
