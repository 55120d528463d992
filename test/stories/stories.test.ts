// Every story of the built Storybook, opened in Chromium from a loopback server, in English
// (left to right) and in Arabic (right to left): it must show the state it promises, themed by
// the toolbar's tenant, with no axe violation (ours and the a11y addon's), no console error
// and no uncaught exception; in Arabic the layout must mirror. Every docs page must document
// what the Custom Elements Manifest says; the toolbar's globals must come back from a shared URL.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright';
import {
  launchChromium,
  ROOT,
  type StaticServer,
  serveStatic,
} from '../../scripts/storybook-static.js';
import {
  axeViolations,
  channelExceptions,
  type IndexEntry,
  openStory,
  preparePage,
  storyIndex,
  TENANT_SLUGS,
  tenantPrimaries,
  unexpected,
  type WidgetState,
  waitForShows,
  widgetStates,
} from './fixtures.js';

const entries = storyIndex();
const stories = entries.filter((e) => e.type === 'story');
const docsPages = entries.filter((e) => e.type === 'docs');
let PRIMARY: Awaited<ReturnType<typeof tenantPrimaries>>;
// Widgets painted by the tenant's theme (the playground is a story tool, not a themed widget).
const THEMED = new Set([
  'gw-service-catalog',
  'gw-pricing-calculator',
  'gw-onboarding-form',
  'gw-support-chat',
]);

let server: StaticServer;
let browser: Browser;
let page: Page;
let drain: () => string[];

before(async () => {
  PRIMARY = await tenantPrimaries();
  server = await serveStatic();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  ({ drain } = await preparePage(page));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits until every themed widget paints the expected primary colour. */
async function themedWith(primary: string): Promise<void> {
  await page
    .waitForFunction(
      ({ primary, tags }) =>
        tags.every((tag) =>
          [...document.querySelectorAll(`#storybook-root ${tag}`)].every(
            (el) =>
              getComputedStyle(el).getPropertyValue('--gw-sys-color-primary').trim() === primary,
          ),
        ),
      { primary, tags: [...THEMED] },
      { timeout: 10_000, polling: 100 },
    )
    .catch(() => undefined); // The assertion below reports what was painted instead.
}

/** Opens a story with the given globals and checks everything a designer relies on. */
async function check(
  story: IndexEntry,
  globals: Record<string, string> = {},
): Promise<WidgetState[]> {
  drain();
  const { finished, parameters } = await openStory(page, server.url, story.id, globals);
  assert.ok(parameters?.shows, `${story.id} declares what it shows in parameters.gw`);
  const english = (globals.locale ?? 'en') === 'en';
  assert.deepEqual(
    await waitForShows(page, parameters.shows, english),
    [],
    `${story.id} shows its state`,
  );
  // A tenant that has not published wears the kit's default theme (the gridworks preset).
  const tenant =
    parameters.themed === 'kit-default' ? 'gridworks' : (globals.tenant ?? 'gridworks');
  const mode = globals.mode ?? 'light';
  const colours = PRIMARY.get(tenant);
  assert.ok(colours, `tenant ${tenant}`);
  const expected = mode === 'dark' ? colours.dark : mode === 'light' ? colours.light : colours.base;
  if (parameters.themed === undefined || parameters.themed === 'kit-default')
    await themedWith(expected);
  const states = await widgetStates(page);
  assert.ok(states.length > 0, `${story.id} shows a widget`);
  for (const state of states.filter((s) => THEMED.has(s.tag))) {
    if (parameters.themed === 'playground') {
      assert.match(state.primary, /^#[0-9a-f]{6}$/, `${story.id}: ${state.tag} is themed`);
    } else {
      assert.equal(
        state.primary,
        parameters.themed === false ? '' : expected,
        `${story.id}: ${state.tag} is themed by ${tenant} (${mode})`,
      );
    }
  }
  assert.deepEqual(await axeViolations(page), [], `${story.id}: axe-core`);
  const a11y = finished?.reporters.find((r) => r.type === 'a11y');
  assert.equal(
    a11y?.status,
    'passed',
    `${story.id}: the a11y addon ran axe and passed (${JSON.stringify(a11y?.result?.violations?.map((v) => v.id))})`,
  );
  assert.equal(finished?.status, 'success', `${story.id}: Storybook finished the story`);
  assert.deepEqual(await channelExceptions(page), [], `${story.id}: no story exception`);
  assert.deepEqual(unexpected(drain(), parameters.failing), [], `${story.id}: no console error`);
  return states;
}

const ltr = new Map<string, WidgetState[]>();
const mirroredWidgets = new Set<string>();

describe('every story, left to right (English)', () => {
  assert.ok(stories.length >= 20, `the build has its stories (${stories.length})`);
  for (const story of stories) {
    test(`${story.title} / ${story.name}`, async () => {
      const states = await check(story);
      for (const state of states) {
        if (THEMED.has(state.tag)) assert.equal(state.dir, 'ltr');
        assert.equal(state.direction, 'ltr', `${state.tag} is laid out left to right`);
      }
      ltr.set(story.id, states);
    });
  }
});

describe('every story, right to left (Arabic): the layout mirrors', () => {
  for (const story of stories) {
    test(`${story.title} / ${story.name}`, async () => {
      const states = await check(story, { locale: 'ar' });
      const before = ltr.get(story.id) ?? [];
      states.forEach((state, i) => {
        assert.equal(state.direction, 'rtl', `${state.tag} is laid out right to left`);
        if (THEMED.has(state.tag)) {
          assert.equal(state.dir, 'rtl');
          assert.equal(state.lang, 'ar');
        }
        const probe = state.probe;
        const mirror = before[i]?.tag === state.tag ? before[i]?.probe : undefined;
        // Measurable: the element sits nearer one side than the other, in both directions.
        if (!probe || !mirror || probe.from !== mirror.from) return;
        if (Math.abs(mirror.left - mirror.right) < 16) return;
        assert.ok(
          Math.abs(probe.right - mirror.left) <= 2 && Math.abs(probe.left - mirror.right) <= 2,
          `${story.id}: ${state.tag} ${probe.from} mirrors (ltr ${mirror.left}|${mirror.right}, rtl ${probe.left}|${probe.right})`,
        );
        mirroredWidgets.add(state.tag);
      });
    });
  }

  test('each widget had a measurable element that mirrored', () => {
    assert.deepEqual([...mirroredWidgets].sort(), [
      'gw-brand-playground',
      'gw-onboarding-form',
      'gw-pricing-calculator',
      'gw-service-catalog',
      'gw-support-chat',
    ]);
  });
});

describe('docs pages', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8')) as {
    modules: {
      declarations?: {
        tagName?: string;
        attributes?: { name: string }[];
        events?: { name: string }[];
        slots?: { name: string }[];
        cssParts?: { name: string }[];
        cssProperties?: { name: string }[];
      }[];
    }[];
  };
  const elements = new Map(
    manifest.modules
      .flatMap((m) => m.declarations ?? [])
      .filter((d) => d.tagName)
      .map((d) => [d.tagName as string, d]),
  );

  test('there is one per widget', () => {
    assert.deepEqual(docsPages.map((d) => d.id).sort(), [
      'widgets-onboarding-form--docs',
      'widgets-pricing-calculator--docs',
      'widgets-provider--docs',
      'widgets-service-catalog--docs',
      'widgets-support-chat--docs',
    ]);
  });

  for (const docs of docsPages) {
    test(`${docs.title}: attributes, events, slots, parts and tokens from the manifest`, async () => {
      drain();
      await page.goto(`${server.url}/iframe.html?id=${docs.id}&viewMode=docs`);
      await page.waitForFunction(
        (id) =>
          (window as unknown as { __gwProbe: { channel: { docsRendered: string[] } } }).__gwProbe
            .channel.docsRendered.length > 0 || id === '',
        docs.id,
        { timeout: 20_000 },
      );
      const tag = `gw-${docs.id.split('--')[0]?.replace('widgets-', '')}`;
      const element = elements.get(tag);
      assert.ok(element, `${tag} is in the manifest`);
      const documented = [
        ...(element.attributes ?? []),
        ...(element.events ?? []),
        ...(element.cssParts ?? []),
        ...(element.cssProperties ?? []),
      ].map((item) => item.name);
      assert.ok(documented.length > 3, `${tag} documents its API`);
      await page.waitForSelector('.docblock-argstable', { timeout: 10_000 });
      const text = (await page.locator('.docblock-argstable').first().textContent()) ?? '';
      const absent = documented.filter((name) => !text.includes(name));
      assert.deepEqual(absent, [], `${docs.title}: the API table lists every documented name`);
      if ((element.slots ?? []).length > 0) assert.match(text, /slots/i);
      assert.deepEqual(unexpected(drain()), [], `${docs.title}: no console error`);
    });
  }
});

describe('the toolbar', () => {
  const catalog = 'widgets-service-catalog--filled';

  for (const tenant of TENANT_SLUGS) {
    for (const mode of ['light', 'dark'] as const) {
      test(`tenant ${tenant}, ${mode}: the widgets wear its theme and pass axe`, async () => {
        const colours = PRIMARY.get(tenant);
        assert.ok(colours);
        const story = stories.find((s) => s.id === 'widgets-provider--two-widgets-one-provider');
        assert.ok(story);
        const states = await check(story, { tenant, mode });
        for (const state of states) {
          assert.equal(state.mode, mode);
          assert.equal(state.primary, colours[mode]);
        }
      });
    }
  }

  test('direction can be forced against the locale (English, right to left)', async () => {
    const story = stories.find((s) => s.id === catalog);
    assert.ok(story);
    const states = await check(story, { dir: 'rtl' });
    assert.equal(states[0]?.dir, 'rtl');
    assert.equal(states[0]?.lang, 'en');
  });

  test('a shared URL opens exactly what its sender saw', async () => {
    // The link's recipient: a browser that has never opened this Storybook.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const { drain } = await preparePage(page);
    const globals = 'tenant:sunbeam;mode:dark;locale:hi;dir:rtl';
    await page.goto(`${server.url}/?path=/story/${catalog}&globals=${globals}`);
    const frame = page.frameLocator('#storybook-preview-iframe');
    const host = frame.locator('gw-service-catalog');
    await host.locator('[part~="card"]').first().waitFor({ timeout: 20_000 });
    assert.equal(await host.getAttribute('dir'), 'rtl');
    assert.equal(await host.getAttribute('lang'), 'hi');
    assert.equal(await host.getAttribute('data-gw-mode'), 'dark');
    const sunbeam = PRIMARY.get('sunbeam');
    const primary = await host.evaluate((el) =>
      getComputedStyle(el).getPropertyValue('--gw-sys-color-primary').trim(),
    );
    assert.equal(primary, sunbeam?.dark);
    // The manager keeps the globals in its own URL and shows them in the toolbar.
    assert.match(decodeURIComponent(page.url()), /globals=.*tenant:sunbeam/);
    await page
      .getByRole('button', { name: /Sunbeam Bank/ })
      .first()
      .waitFor({ timeout: 10_000 });
    assert.deepEqual(unexpected(drain()), []);
  });
});
