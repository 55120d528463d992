// <gw-service-catalog> in real Chromium: themed by every preset in light and dark, in English
// (LTR) and Arabic (RTL), accessible to axe-core, operable by keyboard alone; search, filters,
// comparison, and the loading, empty, error and offline states a customer can run into.
import { expect } from '@open-wc/testing';
import { selectOption, sendKeys, setViewport } from '@web/test-runner-commands';
import type { Catalog } from '../../contracts/catalog.js';
import { DEMO_CATALOG } from '../../edge/demo/catalog.js';
import { EMPTY_CATALOG } from '../../edge/demo/variants.js';
import type { GwServiceSelectEvent } from '../../widgets/service-catalog/events.js';
import '../../widgets/service-catalog/service-catalog.js';
import type { GwServiceCatalog } from '../../widgets/service-catalog/service-catalog.component.js';
import { type FakeEdge, fakeEdge, json, mount, PRESETS, problem, rgb, until } from './fixtures.js';

const MODES = ['light', 'dark'] as const;
const LOCALES = [
  { locale: 'en', dir: 'ltr' },
  { locale: 'ar', dir: 'rtl' },
] as const;

const catalogRoute =
  (catalog: Catalog = DEMO_CATALOG) =>
  () =>
    json(catalog);

const $ = <T extends Element = HTMLElement>(el: GwServiceCatalog, selector: string) =>
  el.shadowRoot?.querySelector<T>(selector) as T;
const $$ = <T extends Element = HTMLElement>(el: GwServiceCatalog, selector: string) => [
  ...(el.shadowRoot?.querySelectorAll<T>(selector) ?? []),
];
const cards = (el: GwServiceCatalog) => $$(el, '[part~="card-button"]');
const count = (el: GwServiceCatalog) => $(el, '[part~="count"]').textContent?.trim() ?? '';
const prop = (el: Element, name: string) => getComputedStyle(el).getPropertyValue(name).trim();
const focused = (el: GwServiceCatalog) => el.shadowRoot?.activeElement as HTMLElement | null;

async function mountCatalog(
  edge: FakeEdge,
  options: { locale?: string; mode?: 'light' | 'dark' } = {},
): Promise<GwServiceCatalog> {
  const { el } = await mount<GwServiceCatalog>(
    '<gw-service-catalog></gw-service-catalog>',
    edge,
    options,
  );
  return el;
}

async function loaded(el: GwServiceCatalog, themed = false): Promise<void> {
  await until(() => cards(el).length > 0, 3000, 'cards');
  if (themed) await until(() => prop(el, '--gw-sys-color-primary').startsWith('#'), 3000, 'theme');
  await el.updateComplete;
}

let restoreOnline: (() => void) | undefined;

function goOffline(): void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  restoreOnline = () => {
    delete (navigator as { onLine?: boolean }).onLine;
  };
  window.dispatchEvent(new Event('offline'));
}

function goOnline(): void {
  restoreOnline?.();
  restoreOnline = undefined;
  window.dispatchEvent(new Event('online'));
}

before(async () => {
  // Three columns of cards: wide enough for rows, as a bank's desktop page would be.
  await setViewport({ width: 1024, height: 900 });
});

afterEach(() => {
  restoreOnline?.();
  restoreOnline = undefined;
  for (const el of document.querySelectorAll('body > div')) el.remove();
});

for (const preset of PRESETS) {
  for (const mode of MODES) {
    for (const { locale, dir } of LOCALES) {
      it(`${preset}, ${mode}, ${locale} (${dir}): themed, accessible, keyboard-operable`, async () => {
        const edge = fakeEdge(preset, { 'GET /v1/catalog': catalogRoute() });
        const el = await mountCatalog(edge, { locale, mode });
        await loaded(el, true);
        expect(el.getAttribute('dir')).to.equal(dir);
        expect(el.getAttribute('data-gw-mode')).to.equal(mode);

        // Colours come from the theme: sys roles through the component tokens.
        const card = $(el, '[part~="card"]');
        const surface = prop(el, '--gw-sys-color-surface');
        expect(prop(el, '--gw-service-catalog-card-background')).to.equal(surface);
        expect(getComputedStyle(card).backgroundColor).to.equal(rgb(surface));
        expect(getComputedStyle($(el, '[part~="card-title"]')).color).to.equal(
          rgb(prop(el, '--gw-sys-color-on-surface')),
        );
        expect(getComputedStyle($(el, '[part~="card-summary"]')).color).to.equal(
          rgb(prop(el, '--gw-service-catalog-text-color')),
        );
        expect(getComputedStyle($(el, '[part~="badge"]')).backgroundColor).to.equal(
          rgb(prop(el, '--gw-sys-color-primary-container')),
        );
        expect(el.shadowRoot?.querySelectorAll('[style]').length, 'inline styles').to.equal(0);
        // In Arabic, axe's colour-contrast check skips most text (it takes the font's shaped
        // ligatures for an icon font); the English run checks the same colours in full.
        await expect(el).to.be.accessible();

        // Keyboard: one tab stop, reading order mirrored in RTL, rows, Home/End, Enter.
        const buttons = cards(el);
        expect(buttons.filter((b) => b.tabIndex === 0)).to.have.length(1);
        buttons[0]?.focus();
        const forward = dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
        const back = dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
        await sendKeys({ press: forward });
        expect(focused(el)).to.equal(buttons[1]);
        await sendKeys({ press: back });
        expect(focused(el)).to.equal(buttons[0]);
        await sendKeys({ press: 'ArrowDown' });
        expect(focused(el)).to.equal(buttons[3], 'three columns: down is three cards on');
        await sendKeys({ press: 'ArrowUp' });
        expect(focused(el)).to.equal(buttons[0]);
        await sendKeys({ press: 'End' });
        expect(focused(el)).to.equal(buttons.at(-1));
        await sendKeys({ press: 'Home' });
        expect(focused(el)).to.equal(buttons[0]);
        await sendKeys({ press: forward });
        expect(buttons[1]?.tabIndex).to.equal(0);
        expect(buttons[0]?.tabIndex).to.equal(-1);

        const selected = new Promise<GwServiceSelectEvent>((resolve) =>
          el.addEventListener('gw-service-select', resolve, { once: true }),
        );
        await sendKeys({ press: 'Enter' });
        const event = await selected;
        const second = DEMO_CATALOG.services[1];
        expect(event.detail.serviceId).to.equal(second?.id);
        expect(event.detail.tierId).to.equal(undefined);
        expect(event.detail.service).to.deep.equal(second);
        expect(event.bubbles && event.composed).to.equal(true);
        expect(el.selected).to.equal(second?.id);
        await el.updateComplete;
        expect(buttons[1]?.getAttribute('aria-current')).to.equal('true');
        expect($(el, '[part~="detail-title"]').textContent).to.contain(second?.name);
        // The plans and the comparison dialog pass axe too.
        await expect(el).to.be.accessible();
        for (const box of $$<HTMLInputElement>(el, '[part~="compare-checkbox"]').slice(0, 2))
          box.click();
        await el.updateComplete;
        $(el, '[part~="compare-button"]').click();
        await until(() => $<HTMLDialogElement>(el, 'dialog').open, 2000, 'dialog');
        await expect(el).to.be.accessible();
      });
    }
  }
}

describe('search and filters', () => {
  it('search is debounced, case- and accent-insensitive, and announces the count', async () => {
    const catalog = structuredClone(DEMO_CATALOG);
    (catalog.services[0] as { name: string }).name = 'Café Sentinel';
    const edge = fakeEdge('gridworks', { 'GET /v1/catalog': catalogRoute(catalog) });
    const el = await mountCatalog(edge);
    await loaded(el);
    expect(count(el)).to.equal('10 services');
    expect($(el, '[part~="count"]').getAttribute('role')).to.equal('status');
    const changes: unknown[] = [];
    el.addEventListener('gw-filter-change', (e) => changes.push(e.detail));
    $(el, '[part~="search-input"]').focus();
    await sendKeys({ type: 'CAFE sent' });
    expect(changes, 'debounced: nothing while typing').to.have.length(0);
    await until(() => cards(el).length === 1, 2000, 'one result');
    expect(cards(el)[0]?.textContent).to.equal('Café Sentinel');
    expect(count(el)).to.equal('Showing 1 of 10 services');
    expect(changes).to.deep.equal([
      { query: 'CAFE sent', category: '', region: '', compliance: '', count: 1 },
    ]);
    // Features, regulators and localised region names are searchable too.
    el.query = 'sepa instant';
    await el.updateComplete;
    expect(cards(el).map((b) => b.textContent)).to.deep.equal(['Payouts API']);
    el.query = 'emirates';
    await el.updateComplete;
    const inUae = DEMO_CATALOG.services.filter((s) => s.regions.includes('AE')).length;
    expect(cards(el)).to.have.length(inUae);
    expect(changes, 'no events for host changes').to.have.length(1);
    el.query = 'zzzz';
    await el.updateComplete;
    expect($(el, '[part~="no-match-state"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('category, region and compliance filters are labelled selects that combine', async () => {
    const edge = fakeEdge('gridworks', { 'GET /v1/catalog': catalogRoute() });
    const el = await mountCatalog(edge);
    await loaded(el);
    const select = (name: string) => $<HTMLSelectElement>(el, `[part~="${name}-select"]`);
    for (const name of ['category', 'region', 'compliance']) {
      const label = $(el, `label[for="${select(name).id}"]`);
      expect(label.textContent?.trim()).to.not.equal('');
    }
    const changes: { count: number }[] = [];
    el.addEventListener('gw-filter-change', (e) => changes.push(e.detail));
    const choose = async (name: string, value: string) => {
      select(name).value = value;
      select(name).dispatchEvent(new Event('change', { bubbles: true }));
      await el.updateComplete;
    };
    // A real user selection first (Playwright), then scripted ones.
    await selectOption({ selector: '[part~="category-select"]', value: 'ai-suite' });
    await until(() => changes.length === 1, 2000, 'first change');
    await el.updateComplete;
    const ai = DEMO_CATALOG.services.filter((s) => s.category === 'ai-suite');
    expect(cards(el).map((b) => b.textContent)).to.deep.equal(ai.map((s) => s.name));
    await choose('region', 'US');
    expect(cards(el).map((b) => b.textContent)).to.deep.equal(
      ai.filter((s) => s.regions.includes('US')).map((s) => s.name),
    );
    await choose('category', '');
    await choose('region', '');
    await choose('compliance', 'MAS');
    const mas = DEMO_CATALOG.services.filter((s) => s.compliance.includes('MAS'));
    expect(cards(el)).to.have.length(mas.length);
    expect(count(el)).to.equal(`Showing ${mas.length} of 10 services`);
    await until(() => changes.length === 5);
    expect(changes.at(-1)?.count).to.equal(mas.length);
    // Clearing brings everything back and is itself a user change.
    $(el, '.status-bar [part~="clear-button"]').click();
    await el.updateComplete;
    expect(cards(el)).to.have.length(10);
    expect(el.compliance).to.equal('');
    await until(() => changes.length === 6);
    // The host may set the state too; the controls follow it.
    el.category = 'private-wealth';
    await el.updateComplete;
    expect(select('category').value).to.equal('private-wealth');
    expect(cards(el)).to.have.length(2);
    el.category = '';
    await el.updateComplete;
    expect(select('category').selectedOptions[0]?.textContent).to.equal('All categories');
    expect(changes, 'no events for host changes').to.have.length(6);
  });
});

describe('comparison', () => {
  it('compares two plans side by side in a modal dialog and chooses one', async () => {
    const edge = fakeEdge('gridworks', { 'GET /v1/catalog': catalogRoute() });
    const el = await mountCatalog(edge);
    await loaded(el);
    cards(el)[0]?.click();
    await el.updateComplete;
    const boxes = $$<HTMLInputElement>(el, '[part~="compare-checkbox"]');
    const [fraud] = DEMO_CATALOG.services;
    expect(boxes).to.have.length(fraud?.tiers.length ?? 0);
    expect($(el, '[part~="compare-bar"]')).to.equal(null);
    boxes[0]?.click();
    await el.updateComplete;
    expect($<HTMLButtonElement>(el, '[part~="compare-button"]').disabled).to.equal(true);
    // A plan of another service can join the comparison.
    cards(el)[1]?.click();
    await el.updateComplete;
    $$<HTMLInputElement>(el, '[part~="compare-checkbox"]')[1]?.click();
    await el.updateComplete;
    const open = $<HTMLButtonElement>(el, '[part~="compare-button"]');
    expect(open.disabled).to.equal(false);
    open.click();
    const dialog = $<HTMLDialogElement>(el, 'dialog');
    await until(() => dialog.open);
    expect(dialog.matches(':modal'), 'in the top layer').to.equal(true);
    const heads = [...dialog.querySelectorAll('[part~="comparison-header"]')].map((th) =>
      th.textContent?.replace(/\s+/g, ' ').trim(),
    );
    const kyc = DEMO_CATALOG.services[1];
    expect(heads).to.deep.equal([
      `${fraud?.name} ${fraud?.tiers[0]?.name}`,
      `${kyc?.name} ${kyc?.tiers[1]?.name}`,
    ]);
    const table = dialog.querySelector('table')?.textContent ?? '';
    for (const text of [
      'Uptime',
      '99.9%',
      '99.95%',
      'Support response',
      '4 hours',
      '1 hour',
      'Regions',
      'Compliance',
    ]) {
      expect(table).to.contain(text);
    }
    for (const feature of [
      ...(fraud?.tiers[0]?.features ?? []),
      ...(kyc?.tiers[1]?.features ?? []),
    ]) {
      expect(table).to.contain(feature);
    }
    expect(table).to.contain('Not included');
    // Closing returns focus to the button that opened it; Escape closes too.
    $(el, '[part~="dialog-close"]').click();
    expect(dialog.open).to.equal(false);
    await until(() => focused(el) === open, 2000, 'focus back on the compare button');
    open.click();
    await until(() => dialog.open);
    await sendKeys({ press: 'Escape' });
    expect(dialog.open).to.equal(false);
    open.click();
    await until(() => dialog.open);
    const chosen = new Promise<GwServiceSelectEvent>((resolve) =>
      el.addEventListener('gw-service-select', resolve, { once: true }),
    );
    dialog.querySelectorAll<HTMLButtonElement>('[part~="choose-button"]')[1]?.click();
    const { detail } = await chosen;
    expect(detail).to.deep.include({ serviceId: kyc?.id, tierId: kyc?.tiers[1]?.id });
    expect(dialog.open).to.equal(false);
  });

  it('allows at most three plans', async () => {
    const edge = fakeEdge('gridworks', { 'GET /v1/catalog': catalogRoute() });
    const el = await mountCatalog(edge);
    await loaded(el);
    cards(el)[0]?.click();
    await el.updateComplete;
    for (const box of $$<HTMLInputElement>(el, '[part~="compare-checkbox"]')) box.click();
    cards(el)[1]?.click();
    await el.updateComplete;
    const boxes = $$<HTMLInputElement>(el, '[part~="compare-checkbox"]');
    expect(boxes.every((b) => b.disabled && !b.checked)).to.equal(true);
    expect(boxes[0]?.getAttribute('aria-describedby')).to.equal('compare-limit');
    expect($(el, '#compare-limit').hidden).to.equal(false);
  });
});

describe('states', () => {
  it('shows a skeleton the size of the cards while loading, busy and announced', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const edge = fakeEdge('gridworks', {
      'GET /v1/catalog': async () => {
        await gate;
        return json(DEMO_CATALOG);
      },
    });
    const el = await mountCatalog(edge);
    await until(() => $$(el, '[part~="skeleton"]').length > 0, 2000, 'skeleton');
    expect($(el, '.results').getAttribute('aria-busy')).to.equal('true');
    expect(count(el)).to.equal('Loading services…');
    await expect(el).to.be.accessible();
    const skeleton = $(el, '[part~="skeleton"]').getBoundingClientRect();
    const before = el.getBoundingClientRect();
    release();
    await loaded(el);
    const card = $(el, '[part~="card"]').getBoundingClientRect();
    expect(Math.round(card.width)).to.equal(Math.round(skeleton.width));
    expect(Math.round(card.height)).to.equal(Math.round(skeleton.height));
    expect(Math.round(card.top)).to.equal(Math.round(skeleton.top));
    expect(el.getBoundingClientRect().top).to.equal(before.top);
    expect($(el, '.results').getAttribute('aria-busy')).to.equal('false');
  });

  it('shows an empty state for a catalog without services', async () => {
    const edge = fakeEdge('gridworks', {
      'GET /v1/catalog': catalogRoute(EMPTY_CATALOG),
    });
    const el = await mountCatalog(edge);
    await until(() => Boolean($(el, '[part~="empty-state"]')), 2000, 'empty state');
    expect($(el, '[part~="empty-state"]').textContent).to.contain('No services yet');
    expect(count(el)).to.equal('0 services');
    await expect(el).to.be.accessible();
  });

  it('shows an error with Retry, which loads again and recovers', async () => {
    let fail = true;
    const edge = fakeEdge('gridworks', {
      'GET /v1/catalog': () => (fail ? problem(503, 'unavailable') : json(DEMO_CATALOG)),
    });
    const loads: { ok: boolean; error?: string }[] = [];
    document.addEventListener('gw-load', (e) => loads.push(e.detail), { once: true });
    const el = await mountCatalog(edge);
    await until(() => Boolean($(el, '[part~="error-state"]')), 2000, 'error state');
    expect(loads).to.deep.equal([{ ok: false, error: 'unavailable' }]);
    expect(count(el)).to.equal('We couldn’t load the services');
    await expect(el).to.be.accessible();
    fail = false;
    $(el, '[part~="retry-button"]').click();
    await loaded(el);
    expect(cards(el)).to.have.length(10);
    expect(edge.requests.filter((r) => r.path === '/v1/catalog')).to.have.length(2);
  });

  it('without a provider, key or embed script it shows the error state', async () => {
    const container = document.createElement('div');
    container.innerHTML = '<gw-service-catalog locale="en"></gw-service-catalog>';
    document.body.append(container);
    const el = container.firstElementChild as GwServiceCatalog;
    await until(() => Boolean($(el, '[part~="error-state"]')), 2000, 'error state');
    expect(el.shadowRoot?.querySelectorAll('[part~="skeleton"]')).to.have.length(0);
  });

  it('shows an offline state, and loads by itself when the connection is back', async () => {
    const edge = fakeEdge('gridworks', { 'GET /v1/catalog': catalogRoute() });
    goOffline();
    const el = await mountCatalog(edge);
    await until(() => Boolean($(el, '[part~="offline-state"]')), 2000, 'offline state');
    expect(count(el)).to.equal('You’re offline');
    expect(edge.requests.some((r) => r.path === '/v1/catalog')).to.equal(false);
    await expect(el).to.be.accessible();
    goOnline();
    await loaded(el);
    expect(cards(el)).to.have.length(10);
  });

  it('keeps loaded services while offline, with a notice', async () => {
    const edge = fakeEdge('gridworks', { 'GET /v1/catalog': catalogRoute() });
    const el = await mountCatalog(edge);
    await loaded(el);
    window.dispatchEvent(new Event('offline'));
    await el.updateComplete;
    expect($(el, '[part~="offline-banner"]')).to.exist;
    expect(cards(el)).to.have.length(10);
    window.dispatchEvent(new Event('online'));
    await el.updateComplete;
    expect($(el, '[part~="offline-banner"]')).to.equal(null);
    expect(
      edge.requests.filter((r) => r.path === '/v1/catalog'),
      'no reload needed',
    ).to.have.length(1);
  });
});
