/**
 * Opening stories of the built static Storybook in Chromium: one page reused for every story,
 * Storybook's own channel watched for the end of each render (loaders, play function, the a11y
 * addon's axe run), console errors and uncaught exceptions collected per visit, axe-core run
 * on the result, and what each widget shows read from its shadow root.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { DEMO_BRAND } from '../../edge/demo/brand.js';
import { STORYBOOK_STATIC } from '../../scripts/storybook-static.js';
import type { GwParameters } from '../../stories/support/parameters.js';
import { compileTheme } from '../../themes/index.js';

export interface IndexEntry {
  id: string;
  title: string;
  name: string;
  type: 'story' | 'docs';
  tags?: string[];
}

/** index.json of the build: every story and docs page. */
export function storyIndex(): IndexEntry[] {
  const index = JSON.parse(readFileSync(join(STORYBOOK_STATIC, 'index.json'), 'utf8')) as {
    entries: Record<string, IndexEntry>;
  };
  return Object.values(index.entries);
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const WIDGET_TAGS = [
  'gw-service-catalog',
  'gw-pricing-calculator',
  'gw-onboarding-form',
  'gw-support-chat',
  'gw-brand-playground',
];

interface Finished {
  storyId: string;
  status: 'success' | 'error';
  reporters: { type: string; status: string; result?: { violations?: { id: string }[] } }[];
}

interface Probe {
  channel: { finished: Finished[]; exceptions: string[]; docsRendered: string[] };
}

// Runs before any of the page's scripts: Storybook assigns its channel to this global, and
// the setter subscribes to the events that end or break a render.
const CHANNEL_PROBE = `(() => {
  const probe = { finished: [], exceptions: [], docsRendered: [] };
  window.__gwProbe = { channel: probe };
  let channel;
  Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set(next) {
      channel = next;
      next.on('storyFinished', (e) => probe.finished.push(e));
      next.on('docsRendered', (id) => probe.docsRendered.push(id));
      for (const type of ['storyThrewException', 'playFunctionThrewException', 'storyErrored',
        'storyMissing', 'unhandledErrorsWhilePlaying']) {
        next.on(type, (e) => probe.exceptions.push(type + ': ' + JSON.stringify(e)));
      }
    },
  });
})();`;

export interface Visit {
  /** Console errors and uncaught exceptions, less the failures the story asked for. */
  errors: string[];
  finished: Finished | undefined;
  parameters: GwParameters | undefined;
}

const SERVICE_WORKER_UPDATE_RACE =
  /^Failed to update a ServiceWorker for scope \('http:\/\/127\.0\.0\.1:\d+\/'\) with script \('http:\/\/127\.0\.0\.1:\d+\/mockServiceWorker\.js'\): Not found$/;

/** Prepares a page for visits: the channel probe, and console and page errors recorded. */
export async function preparePage(page: Page): Promise<{ drain: () => string[] }> {
  await page.addInitScript(CHANNEL_PROBE);
  await page.addInitScript(SHOWS_HELPER);
  let errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error')
      errors.push(`console: ${message.text()} @ ${message.location().url}`);
  });
  page.on('pageerror', (error) => {
    // The mock edge's service worker: Chromium rejects an update check of MSW's worker with
    // "Not found" when the story iframe re-registers it at the same moment (a harness race
    // between two navigations, seen once in CI; no widget or bank page involves a worker).
    if (SERVICE_WORKER_UPDATE_RACE.test(error.message)) return;
    errors.push(`uncaught: ${error.message}`);
  });
  return {
    drain: () => {
      const out = errors;
      errors = [];
      return out;
    },
  };
}

/** `tenant:sunbeam;mode:dark` from an object, as Storybook writes globals in a URL. */
export const globalsParam = (globals: Record<string, string>) =>
  Object.entries(globals)
    .map(([k, v]) => `${k}:${v}`)
    .join(';');

/** Opens a story and waits for Storybook to finish it (play function and a11y run included). */
export async function openStory(
  page: Page,
  base: string,
  id: string,
  globals: Record<string, string> = {},
): Promise<{ finished: Finished | undefined; parameters: GwParameters | undefined }> {
  const query = Object.keys(globals).length ? `&globals=${globalsParam(globals)}` : '';
  await page.goto(`${base}/iframe.html?id=${id}&viewMode=story${query}`);
  await page.waitForFunction(
    (storyId) =>
      (window as unknown as { __gwProbe: Probe }).__gwProbe.channel.finished.some(
        (f) => f.storyId === storyId,
      ),
    id,
    { timeout: 20_000 },
  );
  return page.evaluate((storyId) => {
    const w = window as unknown as {
      __gwProbe: Probe;
      __STORYBOOK_PREVIEW__: { currentRender?: { story?: { parameters?: { gw?: unknown } } } };
    };
    return {
      finished: w.__gwProbe.channel.finished.find((f) => f.storyId === storyId),
      parameters: w.__STORYBOOK_PREVIEW__.currentRender?.story?.parameters?.gw as
        | GwParameters
        | undefined,
    };
  }, id);
}

/** Exceptions Storybook's channel reported (a story or play function that threw). */
export const channelExceptions = (page: Page) =>
  page.evaluate(() => (window as unknown as { __gwProbe: Probe }).__gwProbe.channel.exceptions);

/** Drops the "Failed to load resource" lines of requests the story makes fail on purpose. */
export function unexpected(errors: string[], failing: string[] = []): string[] {
  return errors.filter(
    (line) =>
      !(
        /^console: Failed to load resource: the server responded with a status of \d+/.test(line) &&
        failing.some((path) => new URL(line.split(' @ ')[1] ?? '', 'http://x').pathname === path)
      ),
  );
}

/**
 * Waits until every widget shows what the story promises: counts of parts (or at least one),
 * and, in English, their text. Returns what was still missing on timeout ([] when all shown).
 */
export async function waitForShows(
  page: Page,
  shows: GwParameters['shows'],
  english: boolean,
  timeoutMs = 10_000,
): Promise<string[]> {
  try {
    await page.waitForFunction(
      ({ shows, english }) => missingShows(shows, english).length === 0,
      { shows, english },
      { timeout: timeoutMs, polling: 100 },
    );
    return [];
  } catch {
    return page.evaluate(({ shows, english }) => missingShows(shows, english), { shows, english });
  }
}

/** The in-page half of waitForShows, installed once per page. */
export const SHOWS_HELPER = `window.missingShows = (shows, english) => {
  const missing = [];
  // A part exported from an inner element (exportparts) is the widget's part as CSS sees it:
  // the support chat's panel is such an element, so its shadow root is searched too.
  const query = (root, selector) => [
    ...root.querySelectorAll(selector),
    ...[...root.querySelectorAll('[exportparts]')].flatMap((inner) =>
      inner.shadowRoot ? query(inner.shadowRoot, selector) : []),
  ];
  for (const [tag, parts] of Object.entries(shows)) {
    const hosts = [...document.querySelectorAll('#storybook-root ' + tag)];
    if (hosts.length === 0) { missing.push(tag + ' is not on the page'); continue; }
    for (const host of hosts) {
      const root = host.shadowRoot;
      for (const [selector, want] of Object.entries(parts)) {
        const found = root ? query(root, selector) : [];
        if (want === true && found.length === 0) missing.push(tag + ' ' + selector + ': none');
        else if (typeof want === 'number' && found.length !== want)
          missing.push(tag + ' ' + selector + ': ' + found.length + ', want ' + want);
        else if (typeof want === 'string') {
          if (found.length === 0) missing.push(tag + ' ' + selector + ': none');
          else if (english && !(found[0].textContent || '').includes(want))
            missing.push(tag + ' ' + selector + ': "' + (found[0].textContent || '').trim().slice(0, 80) + '" lacks "' + want + '"');
        }
      }
    }
  }
  return missing;
};`;

declare global {
  function missingShows(shows: GwParameters['shows'], english: boolean): string[];
}

/** axe-core on the whole story (shadow roots included): the violations, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown) => Promise<AxeResult> } }).axe;
    const result = await axe.run(document.querySelector('#storybook-root'));
    return result.violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' >>> ')).join(', ')}`,
    );
  });
}

interface AxeResult {
  violations: { id: string; nodes: { target: string[] }[] }[];
}

/** Per widget on the page: direction, mode, theme colour and the geometry the RTL check needs. */
export interface WidgetState {
  tag: string;
  dir: string | null;
  direction: string;
  lang: string | null;
  mode: string | null;
  primary: string;
  /** Distance of the widget's probe element from the host's left and right edges. */
  probe: { from: string; left: number; right: number } | undefined;
}

// The element whose place shows the layout's direction: the first card (or placeholder) of
// the catalog, the seats number field of the calculator, the playground's controls.
const PROBES: Record<string, string> = {
  'gw-service-catalog': '[part~="card"], [part~="skeleton"]',
  'gw-pricing-calculator': '#seats-number',
  // The first step's number (a fixed-size circle) sits at the inline start.
  'gw-onboarding-form': '[part~="step-marker"]',
  // The launcher sits at the inline end of the host, a strip along the viewport's bottom.
  'gw-support-chat': '[part~="launcher"]',
  'gw-brand-playground': '[part~="controls"]',
};

export async function widgetStates(page: Page): Promise<WidgetState[]> {
  return page.evaluate(
    ({ tags, probes }) =>
      tags.flatMap((tag) =>
        [...document.querySelectorAll(`#storybook-root ${tag}`)].map((host) => {
          const style = getComputedStyle(host);
          const selector = probes[tag];
          const probe = selector ? host.shadowRoot?.querySelector(selector) : null;
          const box = host.getBoundingClientRect();
          const rect = probe?.getBoundingClientRect();
          return {
            tag,
            dir: host.getAttribute('dir'),
            direction: style.direction,
            lang: host.getAttribute('lang'),
            mode: host.getAttribute('data-gw-mode'),
            primary: style.getPropertyValue('--gw-sys-color-primary').trim(),
            probe:
              rect && rect.width > 0
                ? {
                    from: selector as string,
                    left: Math.round(rect.left - box.left),
                    right: Math.round(box.right - rect.right),
                  }
                : undefined,
          };
        }),
      ),
    { tags: WIDGET_TAGS, probes: PROBES },
  );
}

export const TENANT_SLUGS = ['gridworks', 'sunbeam', 'nocturne', 'heritage', 'demo-bank'];

/**
 * Every tenant of the toolbar with its primary colour in each mode, as the real engine
 * compiles it: the stylesheet's first block is the brand's default mode, the second the other.
 */
export async function tenantPrimaries(): Promise<
  Map<string, { light: string; dark: string; base: string }>
> {
  const presets = join(import.meta.dirname, '..', '..', 'themes', 'presets');
  const out = new Map<string, { light: string; dark: string; base: string }>();
  for (const slug of TENANT_SLUGS) {
    const input =
      slug === DEMO_BRAND.slug
        ? DEMO_BRAND
        : JSON.parse(readFileSync(join(presets, `${slug}.json`), 'utf8'));
    const compiled = await compileTheme(input);
    if (!compiled.ok) throw new Error(`${slug} does not compile`);
    // Blocks of custom properties: the default mode's, then the other mode's sys colours.
    const blocks = compiled.outputs.css
      .split('}')
      .map(
        (block) =>
          new Map(
            [...block.matchAll(/(--[a-z0-9-]+): ([^;]+);/g)].map(
              (m) => [m[1] as string, m[2] as string] as const,
            ),
          ),
      );
    const base = blocks[0] ?? new Map<string, string>();
    const resolve = (name: string, block: Map<string, string>): string => {
      const value = block.get(name) ?? base.get(name) ?? '';
      const ref = /^var\((--[a-z0-9-]+)\)$/.exec(value);
      return ref ? resolve(ref[1] as string, block) : value;
    };
    const first = resolve('--gw-sys-color-primary', base);
    const second = resolve('--gw-sys-color-primary', blocks[1] ?? base);
    assert.match(
      `${first} ${second}`,
      /^#[0-9a-f]{6} #[0-9a-f]{6}$/,
      `${slug}: primary in both modes`,
    );
    const darkFirst = compiled.brand.mode === 'dark';
    out.set(slug, {
      light: darkFirst ? second : first,
      dark: darkFirst ? first : second,
      base: first,
    });
  }
  return out;
}
