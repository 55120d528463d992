// Every widget shows its loading, empty, error and offline states with the kit's one state
// template: the same markup and the same ::part names, so a bank that styles
// `::part(state-title)` from its own stylesheet styles it in every widget at once.
import { expect } from '@open-wc/testing';
import { DEMO_CATALOG } from '../../edge/demo/catalog.js';
import { DEMO_PLANS } from '../../edge/demo/pricing.js';
import { EMPTY_CATALOG, NO_PLANS } from '../../edge/demo/variants.js';
import '../../widgets/pricing-calculator/pricing-calculator.js';
import '../../widgets/service-catalog/service-catalog.js';
import { fakeEdge, json, mount, problem, until } from './fixtures.js';

const WIDGETS = [
  {
    tag: 'gw-pricing-calculator',
    route: 'GET /v1/pricing/plans',
    data: DEMO_PLANS,
    empty: NO_PLANS,
    ready: '[part~="total-amount"]',
  },
  {
    tag: 'gw-service-catalog',
    route: 'GET /v1/catalog',
    data: DEMO_CATALOG,
    empty: EMPTY_CATALOG,
    ready: '[part~="card"]',
  },
] as const;

/** What a bank's page might write: one rule per shared part, aimed at every widget. */
const HOST_CSS = `
  .bank ::part(state) { outline: 3px solid rgb(1, 2, 3); }
  .bank ::part(state-title) { color: rgb(200, 0, 100); letter-spacing: 3px; }
  .bank ::part(state-body) { color: rgb(0, 100, 200); }
  .bank ::part(retry-button) { background-color: rgb(10, 20, 30); color: rgb(255, 255, 255); }
  .bank ::part(loading) { outline: 2px dotted rgb(4, 5, 6); }
  .bank ::part(skeleton) { background-color: rgb(40, 50, 60); }
`;

/** The parts of a state message, the same in every widget. */
const MESSAGE_PARTS = (kind: string, retry: boolean) => [
  'state',
  `${kind}-state`,
  'state-title',
  'state-body',
  ...(retry ? ['retry-button'] : []),
];

let sheet: HTMLStyleElement;
let restoreOnline: (() => void) | undefined;

before(() => {
  sheet = document.createElement('style');
  sheet.textContent = HOST_CSS;
  document.head.append(sheet);
});

after(() => sheet.remove());

afterEach(() => {
  restoreOnline?.();
  restoreOnline = undefined;
  for (const el of document.querySelectorAll('body > div')) el.remove();
});

function goOffline(): void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  restoreOnline = () => {
    delete (navigator as { onLine?: boolean }).onLine;
    window.dispatchEvent(new Event('online'));
  };
  window.dispatchEvent(new Event('offline'));
}

const $ = (el: Element, part: string) =>
  el.shadowRoot?.querySelector<HTMLElement>(`[part~="${part}"]`) ?? null;

async function inBank(markup: string, edge: ReturnType<typeof fakeEdge>): Promise<HTMLElement> {
  const { el, container } = await mount<HTMLElement>(markup, edge);
  container.classList.add('bank');
  return el;
}

function expectHostStyles(el: HTMLElement, retry: boolean): void {
  const style = (part: string) => getComputedStyle($(el, part) as HTMLElement);
  expect(style('state').outlineColor, `${el.localName} ::part(state)`).to.equal('rgb(1, 2, 3)');
  expect(style('state-title').color, `${el.localName} ::part(state-title)`).to.equal(
    'rgb(200, 0, 100)',
  );
  expect(style('state-title').letterSpacing).to.equal('3px');
  expect(style('state-body').color, `${el.localName} ::part(state-body)`).to.equal(
    'rgb(0, 100, 200)',
  );
  if (retry)
    expect(style('retry-button').backgroundColor, `${el.localName} ::part(retry-button)`).to.equal(
      'rgb(10, 20, 30)',
    );
}

describe('the shared states: same parts in every widget', () => {
  it('empty: state, empty-state, state-title and state-body, styled from outside', async () => {
    for (const w of WIDGETS) {
      const el = await inBank(
        `<${w.tag}></${w.tag}>`,
        fakeEdge('gridworks', { [w.route]: () => json(w.empty) }),
      );
      await until(() => Boolean($(el, 'empty-state')), 3000, `${w.tag} empty state`);
      for (const part of MESSAGE_PARTS('empty', false))
        expect($(el, part), `${w.tag} has part ${part}`).to.exist;
      expect($(el, 'retry-button'), `${w.tag}: nothing to retry`).to.equal(null);
      expectHostStyles(el, false);
      await expect(el).to.be.accessible();
    }
  });

  it('error: the message with a Retry button, styled from outside, that loads again', async () => {
    for (const w of WIDGETS) {
      let fail = true;
      const edge = fakeEdge('gridworks', {
        [w.route]: () => (fail ? problem(503, 'unavailable') : json(w.data)),
      });
      const el = await inBank(`<${w.tag}></${w.tag}>`, edge);
      await until(() => Boolean($(el, 'error-state')), 3000, `${w.tag} error state`);
      for (const part of MESSAGE_PARTS('error', true))
        expect($(el, part), `${w.tag} has part ${part}`).to.exist;
      expect($(el, 'state')?.getAttribute('part')).to.equal('state error-state');
      expectHostStyles(el, true);
      await expect(el).to.be.accessible();
      fail = false;
      $(el, 'retry-button')?.click();
      await until(
        () => Boolean(el.shadowRoot?.querySelector(w.ready)),
        3000,
        `${w.tag} after Retry`,
      );
      expect($(el, 'state'), `${w.tag}: the message is gone`).to.equal(null);
    }
  });

  it('offline: the message with Retry, and the data once the connection is back', async () => {
    for (const w of WIDGETS) {
      const edge = fakeEdge('gridworks', { [w.route]: () => json(w.data) });
      goOffline();
      const el = await inBank(`<${w.tag}></${w.tag}>`, edge);
      await until(() => Boolean($(el, 'offline-state')), 3000, `${w.tag} offline state`);
      for (const part of MESSAGE_PARTS('offline', true))
        expect($(el, part), `${w.tag} has part ${part}`).to.exist;
      expectHostStyles(el, true);
      await expect(el).to.be.accessible();
      restoreOnline?.();
      restoreOnline = undefined;
      await until(
        () => Boolean(el.shadowRoot?.querySelector(w.ready)),
        3000,
        `${w.tag} back online`,
      );
    }
  });

  it('loading: a busy loading part holding skeletons, styled from outside', async () => {
    for (const w of WIDGETS) {
      let release: (r: Response) => void = () => {};
      const edge = fakeEdge('gridworks', {
        [w.route]: () => new Promise<Response>((resolve) => (release = resolve)),
      });
      const el = await inBank(`<${w.tag}></${w.tag}>`, edge);
      await until(() => Boolean($(el, 'skeleton')), 3000, `${w.tag} skeleton`);
      const loading = $(el, 'loading') as HTMLElement;
      expect(loading, `${w.tag} has part loading`).to.exist;
      expect(loading.getAttribute('aria-busy')).to.equal('true');
      expect(loading.contains($(el, 'skeleton'))).to.equal(true);
      expect(getComputedStyle(loading).outlineColor).to.equal('rgb(4, 5, 6)');
      expect(getComputedStyle($(el, 'skeleton') as HTMLElement).backgroundColor).to.equal(
        'rgb(40, 50, 60)',
      );
      expect($(el, 'state'), `${w.tag}: no message while loading`).to.equal(null);
      await expect(el).to.be.accessible();
      release(json(w.data));
      await until(() => Boolean(el.shadowRoot?.querySelector(w.ready)), 3000, `${w.tag} loaded`);
      expect($(el, 'loading')).to.equal(null);
    }
  });
});
