// The widget core's controllers, through what a bank's page sees: a widget used alone with its
// own `publishable-key` and `api` still loads, themed, from that edge; a widget with no
// credential at all says so; the provider's one client (built by the same factory as the
// embed's and a lone widget's) carries reads with the publishable key and writes with a widget
// token; and the tenant's theme is fetched once, adopted once per widget and shared by all.
import { expect } from '@open-wc/testing';
import type { QuoteRequest } from '../../contracts/pricing.js';
import { issueQuote, widgetConfig } from '../../edge/demo/answers.js';
import { DEMO_CATALOG } from '../../edge/demo/catalog.js';
import { DEMO_PLANS } from '../../edge/demo/pricing.js';
import { createGwContext, edgeClient } from '../../widgets/core/context.js';
import '../../widgets/pricing-calculator/pricing-calculator.js';
import '../../widgets/provider/provider.js';
import type { GwProvider } from '../../widgets/provider/provider.component.js';
import '../../widgets/service-catalog/service-catalog.js';
import { FAKE_TOKEN, type FakeEdge, fakeEdge, json, until } from './fixtures.js';

const realFetch = globalThis.fetch;
const API = 'https://widgets.bank.example';

/** The demo data on every route, and each request's full URL as it left the page. */
function bankEdge(routes: Parameters<typeof fakeEdge>[1] = {}): FakeEdge & { urls: string[] } {
  const edge = fakeEdge('gridworks', {
    'GET /v1/catalog': () => json(DEMO_CATALOG),
    'GET /v1/pricing/plans': () => json(DEMO_PLANS),
    'POST /v1/quotes': ({ body }) => json(issueQuote(DEMO_PLANS, body as QuoteRequest, 't'), 201),
    ...routes,
  });
  const urls: string[] = [];
  // Widgets and providers build their own clients on the page's fetch: route it to the fake.
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    urls.push(String(input));
    return edge.fetch(input, init);
  }) as typeof fetch;
  return Object.assign(edge, { urls });
}

function onPage(markup: string): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = markup;
  document.body.append(container);
  return container;
}

const primary = (el: Element) =>
  getComputedStyle(el).getPropertyValue('--gw-sys-color-primary').trim();
const shows = (el: Element, selector: string) => Boolean(el.shadowRoot?.querySelector(selector));
const READY = {
  'gw-service-catalog': '[part~="card"]',
  'gw-pricing-calculator': '[part~="total-amount"]',
};
const TAGS = ['gw-service-catalog', 'gw-pricing-calculator'] as const;

afterEach(() => {
  globalThis.fetch = realFetch;
  for (const el of document.querySelectorAll('body > div')) el.remove();
});

describe('a widget used alone', () => {
  for (const tag of TAGS) {
    it(`<${tag} publishable-key api> loads from that edge, themed, in its own locale and mode`, async () => {
      const edge = bankEdge();
      const container = onPage(
        `<${tag} publishable-key="pk_live_alone" api="${API}" locale="ar" mode="dark"></${tag}>`,
      );
      const el = container.firstElementChild as HTMLElement;
      await until(() => shows(el, READY[tag]), 3000, `${tag} data`);
      await until(() => primary(el).startsWith('#'), 3000, `${tag} theme`);
      expect(edge.urls.length).to.be.greaterThan(0);
      for (const url of edge.urls) {
        expect(new URL(url).origin, url).to.equal(API);
        expect(new URL(url).searchParams.get('pk'), url).to.equal('pk_live_alone');
      }
      expect(el.getAttribute('lang')).to.equal('ar');
      expect(el.getAttribute('dir')).to.equal('rtl');
      expect(el.getAttribute('data-gw-mode')).to.equal('dark');
      await expect(el).to.be.accessible();
    });

    it(`<${tag}> with no provider, embed script or key shows the error state and says why`, async () => {
      const loads: { ok: boolean; error?: string }[] = [];
      const listener = (e: Event) => loads.push((e as CustomEvent).detail);
      document.addEventListener('gw-load', listener);
      const el = onPage(`<${tag} locale="en"></${tag}>`).firstElementChild as HTMLElement;
      await until(() => shows(el, '[part~="error-state"]'), 3000, `${tag} error state`);
      document.removeEventListener('gw-load', listener);
      expect(loads).to.deep.equal([{ ok: false, error: 'no-credential' }]);
      expect(shows(el, '[part~="skeleton"]')).to.equal(false);
    });
  }
});

describe('the provider’s client', () => {
  it('reads with the publishable key, writes with a widget token from fetchToken', async () => {
    const edge = bankEdge();
    let asked = 0;
    const container = onPage(
      `<gw-provider publishable-key="pk_live_bank" api="${API}"><gw-pricing-calculator></gw-pricing-calculator></gw-provider>`,
    );
    const provider = container.querySelector('gw-provider') as GwProvider;
    provider.fetchToken = async () => {
      asked++;
      return FAKE_TOKEN;
    };
    const calculator = container.querySelector('gw-pricing-calculator') as HTMLElement;
    await until(() => shows(calculator, '[part~="button"]'), 3000, 'the request button');
    expect(asked, 'reading needs no token').to.equal(0);
    calculator.shadowRoot?.querySelector<HTMLButtonElement>('[part~="button"]')?.click();
    await until(() => edge.requests.some((r) => r.method === 'POST'), 3000, 'the quote request');
    const sent = edge.requests.map((r, i) => `${r.method} ${r.path} ${edge.credentials[i]}`);
    expect(sent).to.include('POST /v1/quotes token');
    expect(sent.filter((r) => r.startsWith('GET')).every((r) => r.endsWith(' pk'))).to.equal(true);
    expect(asked).to.equal(1);
  });

  it('stays the same client while the edge and credentials stay', () => {
    const fetchToken = async () => FAKE_TOKEN;
    const first = createGwContext({ api: API, publishableKey: 'pk_a', fetchToken, locale: 'en' });
    const relocated = createGwContext(
      { api: `${API}/`, publishableKey: 'pk_a', fetchToken, locale: 'ar' },
      first,
    );
    expect(relocated.client, 'a new locale keeps the client').to.equal(first.client);
    expect(relocated.dir).to.equal('rtl');
    for (const changed of [
      { api: 'https://other.example', publishableKey: 'pk_a', fetchToken },
      { api: API, publishableKey: 'pk_b', fetchToken },
      { api: API, publishableKey: 'pk_a', fetchToken: async () => FAKE_TOKEN },
      { api: API, publishableKey: 'pk_a' },
    ])
      expect(createGwContext(changed, first).client).to.not.equal(first.client);
    expect(edgeClient({}).baseUrl, 'the page’s origin by default').to.equal(location.origin);
  });

  it('takes only ltr or rtl as a direction and light, dark or auto as a mode', () => {
    const odd = createGwContext({ locale: 'ar', dir: 'sideways', mode: 'purple' });
    expect(odd.dir).to.equal('rtl');
    expect(odd.mode).to.equal('auto');
    const forced = createGwContext({ locale: 'ar', dir: 'ltr', mode: 'dark' });
    expect(forced.dir).to.equal('ltr');
    expect(forced.mode).to.equal('dark');
  });
});

describe('the theme', () => {
  it('is fetched once, adopted once by each widget, and the same stylesheet in all', async () => {
    const edge = bankEdge({
      'GET /v1/config': () =>
        json(
          widgetConfig(
            { id: 'ten_test', slug: 'gridworks', name: 'Test Bank' },
            {
              hash: '0000000000000000',
              stylesheet: '/themes/dist/gridworks.css',
              mode: 'auto',
              // Not a real font (its load fails quietly, the fallback stack stays); no request either.
              font: { family: 'Core Test Sans', source: 'data:font/woff2;base64,AAAA' },
              source: 'published',
            },
          ),
        ),
    });
    const applied = new Map<string, number>();
    const listener = (e: Event) => {
      const tag = (e.target as Element).localName;
      applied.set(tag, (applied.get(tag) ?? 0) + 1);
    };
    document.addEventListener('gw-theme-applied', listener);
    const container = onPage(
      `<gw-provider publishable-key="pk_live_bank" locale="en"><gw-service-catalog></gw-service-catalog><gw-pricing-calculator></gw-pricing-calculator></gw-provider>`,
    );
    const provider = container.querySelector('gw-provider') as GwProvider;
    const widgets = TAGS.map((tag) => container.querySelector(tag) as HTMLElement);
    await until(() => widgets.every((w) => primary(w).startsWith('#')), 3000, 'both themed');
    const sheets = widgets.map((w) => w.shadowRoot?.adoptedStyleSheets[0]);
    expect(sheets[0], 'the theme goes first').to.be.instanceOf(CSSStyleSheet);
    expect(sheets[1], 'one stylesheet, shared').to.equal(sheets[0]);
    const fetched = (path: string) => edge.requests.filter((r) => r.path === path).length;
    expect(fetched('/v1/themes/current.css')).to.equal(1);
    expect(fetched('/v1/config')).to.equal(1);
    const faces = () => [...document.fonts].filter((f) => f.family.includes('Core Test Sans'));
    expect(faces(), 'the font is registered on the document, once').to.have.length(1);

    // Re-rendering in another locale neither fetches nor adopts again.
    provider.locale = 'fr';
    await until(() => widgets.every((w) => w.getAttribute('lang') === 'fr'), 3000, 'French');
    expect(fetched('/v1/themes/current.css')).to.equal(1);
    expect(fetched('/v1/config')).to.equal(1);
    expect(Object.fromEntries(applied)).to.deep.equal({
      'gw-service-catalog': 1,
      'gw-pricing-calculator': 1,
    });

    // Another credential is another client: its theme replaces the first one, once per widget.
    provider.publishableKey = 'pk_live_rotated';
    await until(() => fetched('/v1/themes/current.css') === 2, 3000, 'the theme again');
    await until(() => applied.get('gw-pricing-calculator') === 2, 3000, 'adopted again');
    await until(() => applied.get('gw-service-catalog') === 2, 3000, 'adopted again');
    document.removeEventListener('gw-theme-applied', listener);
    const [catalogRoot, calculatorRoot] = widgets.map((w) => w.shadowRoot as ShadowRoot);
    expect(catalogRoot?.adoptedStyleSheets).to.not.include(sheets[0]);
    expect(catalogRoot?.adoptedStyleSheets[0]).to.equal(calculatorRoot?.adoptedStyleSheets[0]);
    expect(faces()).to.have.length(1);
  });
});
