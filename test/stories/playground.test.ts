// The brand playground, used as a designer would: typing in its controls re-themes both
// widgets from the real engine, the report shows contrast, warnings and errors by JSON Pointer,
// bad input never reaches the widgets, and the copied JSON is a brand the edge accepts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright';
import { launchChromium, type StaticServer, serveStatic } from '../../scripts/storybook-static.js';
import { compileTheme, PAIRS, parseBrand } from '../../themes/index.js';
import { openStory, preparePage, tenantPrimaries, unexpected } from './fixtures.js';

const STORY = 'themes-brand-playground--brand-playground';

let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let drain: () => string[];

before(async () => {
  server = await serveStatic();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await context.newPage();
  ({ drain } = await preparePage(page));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const playground = () => page.locator('gw-brand-playground');
const field = (id: string) => playground().locator(`#${id}`);

/** The widgets' value of a custom property, as each of them computes it. */
const widgetsProperty = (name: string) =>
  page.evaluate(
    (name) =>
      [...document.querySelectorAll('gw-service-catalog, gw-pricing-calculator')].map((el) =>
        getComputedStyle(el).getPropertyValue(name).trim(),
      ),
    name,
  );

/** Types into a control and waits until the engine has run for it. */
async function change(control: Locator, value: string): Promise<void> {
  const applied = page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        document
          .querySelector('gw-brand-playground')
          ?.addEventListener('gw-brand-applied', () => resolve(), { once: true }),
      ),
  );
  if ((await control.evaluate((el) => el.tagName)) === 'SELECT') await control.selectOption(value);
  else await control.fill(value);
  await applied;
}

describe('brand playground', () => {
  test('a pastel primary re-themes both widgets with the repaired colour, and says so', async () => {
    await openStory(page, server.url, STORY);
    drain();
    await change(field('primary'), '#ffd400');
    const expected = await compileTheme({
      slug: 'gridworks',
      name: 'GridWorks',
      colors: { primary: '#ffd400', accent: '#0f8b8d' },
    });
    assert.ok(expected.ok);
    const warning = expected.report.warnings.find((w) => w.code === 'contrast-adjusted');
    assert.ok(warning && 'adjusted' in warning);
    assert.deepEqual(await widgetsProperty('--gw-sys-color-primary'), [
      warning.adjusted,
      warning.adjusted,
    ]);
    const warnings = await playground().locator('[part~="warnings"] li').allTextContents();
    assert.ok(
      warnings.some((w) => w.includes('#ffd400') && w.includes(warning.adjusted)),
      `the warning names both colours: ${warnings.join(' | ')}`,
    );
    // Every declared pair, in both modes, with ratio, requirement and result.
    const rows = playground().locator('[part~="contrast"] tbody tr');
    assert.equal(await rows.count(), PAIRS.length * 2);
    const first = await rows.first().locator('td').allTextContents();
    assert.equal(first.length, 6);
    assert.match(first[3] ?? '', /^\d+\.\d\d:1$/);
    assert.deepEqual(
      new Set(await rows.locator('td:nth-child(3)').allTextContents()),
      new Set(['light', 'dark']),
    );
    assert.deepEqual(
      new Set(await rows.locator('td:last-child').allTextContents()),
      new Set(['Pass']),
    );
    assert.deepEqual(unexpected(drain()), []);
  });

  test('bad input shows the engine’s errors by JSON Pointer; the widgets keep the last valid theme', async () => {
    await openStory(page, server.url, STORY);
    await change(field('primary'), '#123456');
    const valid = await widgetsProperty('--gw-sys-color-primary');
    await change(field('primary'), 'banana');
    await change(field('baseSize'), '30');
    const errors = playground().locator('[part~="errors"]');
    assert.equal(await errors.getAttribute('aria-live'), 'polite');
    const text = (await errors.textContent()) ?? '';
    assert.match(text, /2 errors/);
    assert.match(text, /\/colors\/primary/);
    assert.match(text, /\/typography\/baseSize/);
    assert.match(text, /expected a base font size in px from 14 to 20; received 30/);
    assert.equal(await field('primary').getAttribute('aria-invalid'), 'true');
    const describedBy = (await field('baseSize').getAttribute('aria-describedby')) ?? '';
    assert.match(
      (await playground().locator(`#${describedBy}`).textContent()) ?? '',
      /base font size/,
    );
    assert.deepEqual(await widgetsProperty('--gw-sys-color-primary'), valid);
    const copy = playground().locator('[part~="copy"]');
    assert.equal(await copy.getAttribute('aria-disabled'), 'true');
    // Fixing the input clears the errors and re-themes again.
    await change(field('primary'), '#0b6e4f');
    await change(field('baseSize'), '18');
    assert.equal((await errors.textContent())?.trim(), '');
    assert.equal(await field('primary').getAttribute('aria-invalid'), 'false');
    assert.notDeepEqual(await widgetsProperty('--gw-sys-color-primary'), valid);
    assert.deepEqual(await widgetsProperty('--gw-sys-typescale-body-size'), ['18px', '18px']);
  });

  test('type, shape, density and mode reach the widgets', async () => {
    await openStory(page, server.url, STORY);
    await change(field('fontFamily'), 'Atkinson Hyperlegible');
    await change(field('genericFamily'), 'serif');
    await change(field('radius'), '0');
    await change(field('density'), 'compact');
    const family = await widgetsProperty('--gw-sys-typescale-family-body');
    assert.ok(family.every((f) => f.startsWith('"Atkinson Hyperlegible"') && f.includes('serif')));
    assert.deepEqual(await widgetsProperty('--gw-sys-shape-corner-medium'), ['0px', '0px']);
    assert.deepEqual(await widgetsProperty('--gw-sys-size-control-height'), ['32px', '32px']);
    await change(field('mode'), 'dark');
    const modes = await page.evaluate(() =>
      [...document.querySelectorAll('gw-service-catalog, gw-pricing-calculator')].map((el) =>
        el.getAttribute('data-gw-mode'),
      ),
    );
    assert.deepEqual(modes, ['dark', 'dark']);
    const surface = await widgetsProperty('--gw-sys-color-surface');
    assert.ok(
      surface.every((s) => /^#[0-3][0-9a-f]/.test(s)),
      `a dark surface: ${surface}`,
    );
  });

  test('the copy button puts a brand the edge accepts on the clipboard', async () => {
    await openStory(page, server.url, STORY);
    await change(field('primary'), 'oklch(0.55 0.15 30)');
    await playground().locator('[part~="copy"]').click();
    await playground().locator('#copy-status').getByText('Copied').waitFor();
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    const parsed = parseBrand(copied);
    assert.ok(parsed.ok, JSON.stringify(copied));
    assert.equal(copied.colors.primary, 'oklch(0.55 0.15 30)');
    assert.equal(copied.slug, 'gridworks');
    assert.equal(copied.typography.fontFamily, 'Inter', 'what the form does not show is kept');
  });

  test('the toolbar’s tenant is where the playground starts, and a shared URL carries the changes', async () => {
    const primaries = await tenantPrimaries();
    await openStory(page, server.url, STORY, { tenant: 'heritage' });
    assert.equal(await field('fontFamily').inputValue(), 'Libre Baskerville');
    assert.equal(await field('genericFamily').inputValue(), 'serif');
    assert.deepEqual(await widgetsProperty('--gw-sys-color-primary'), [
      primaries.get('heritage')?.light,
      primaries.get('heritage')?.light,
    ]);
    // The recipient of a link: the manager with the story's args in its URL.
    const recipient = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const other = await recipient.newPage();
    await other.goto(
      `${server.url}/?path=/story/${STORY}&args=primary:!hex(ffd400);radius:0&globals=tenant:sunbeam`,
    );
    const frame = other.frameLocator('#storybook-preview-iframe');
    const primary = frame.locator('gw-brand-playground').locator('#primary');
    await primary.waitFor({ timeout: 20_000 });
    await frame
      .locator('gw-brand-playground [part~="contrast"] tbody tr')
      .first()
      .waitFor({ timeout: 20_000 });
    assert.equal(await primary.inputValue(), '#ffd400');
    assert.equal(await frame.locator('gw-brand-playground').locator('#radius').inputValue(), '0');
    assert.equal(
      await frame.locator('gw-brand-playground').locator('#fontFamily').inputValue(),
      'Nunito Sans',
      'the shared tenant is the base',
    );
    await recipient.close();
  });

  test('it is operable from the keyboard: every control is reached by Tab, in order', async () => {
    await openStory(page, server.url, STORY);
    await field('primary').focus();
    const order: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      order.push(
        await page.evaluate(() => {
          const active = document.querySelector('gw-brand-playground')?.shadowRoot?.activeElement;
          return active?.id || active?.getAttribute('part') || active?.tagName || '';
        }),
      );
    }
    const controls = [
      'fontFamily',
      'genericFamily',
      'baseSize',
      'scale',
      'radius',
      'density',
      'mode',
    ];
    const reached = order.filter((id) => controls.includes(id) || id === 'copy');
    assert.deepEqual(reached, [...controls, 'copy']);
  });
});
