// <gw-provider> gives every widget inside it the edge client, locale, mode and direction: the
// direction follows the locale unless the provider's `dir` forces one.
import { expect } from '@open-wc/testing';
import { DEMO_CATALOG } from '../../edge/demo/catalog.js';
import '../../widgets/provider/provider.js';
import type { GwProvider } from '../../widgets/provider/provider.component.js';
import '../../widgets/service-catalog/service-catalog.js';
import type { GwServiceCatalog } from '../../widgets/service-catalog/service-catalog.component.js';
import { fakeEdge, json, until } from './fixtures.js';

const realFetch = globalThis.fetch;

afterEach(() => {
  globalThis.fetch = realFetch;
  for (const el of document.querySelectorAll('body > div')) el.remove();
});

/** A provider around a catalog, on the page, talking to the fake edge through fetch. */
async function provided(
  attributes: string,
): Promise<{ provider: GwProvider; catalog: GwServiceCatalog }> {
  const edge = fakeEdge('gridworks', { 'GET /v1/catalog': () => json(DEMO_CATALOG) });
  // The provider builds its own client on the page's fetch; route that to the fake edge.
  globalThis.fetch = edge.fetch;
  const container = document.createElement('div');
  container.innerHTML = `<gw-provider publishable-key="pk_test" ${attributes}><gw-service-catalog></gw-service-catalog></gw-provider>`;
  document.body.append(container);
  const provider = container.querySelector('gw-provider') as GwProvider;
  const catalog = container.querySelector('gw-service-catalog') as GwServiceCatalog;
  await until(() => (catalog.shadowRoot?.querySelectorAll('[part~="card"]').length ?? 0) > 0);
  return { provider, catalog };
}

/** Where the first card sits in its grid: at the left edge (ltr) or the right edge (rtl). */
function firstCardEdge(catalog: GwServiceCatalog): 'left' | 'right' {
  const grid = catalog.shadowRoot?.querySelector('[part~="grid"]')?.getBoundingClientRect();
  const card = catalog.shadowRoot?.querySelector('[part~="card"]')?.getBoundingClientRect();
  if (!grid || !card) throw new Error('no grid');
  expect(card.width, 'more than one column').to.be.below(grid.width / 2);
  return Math.abs(card.left - grid.left) < Math.abs(grid.right - card.right) ? 'left' : 'right';
}

const settle = async (provider: GwProvider, catalog: GwServiceCatalog) => {
  await provider.updateComplete;
  await catalog.updateComplete;
};

describe('<gw-provider>', () => {
  it('widgets follow the locale’s direction by default', async () => {
    const { provider, catalog } = await provided('locale="ar"');
    expect(catalog.getAttribute('dir')).to.equal('rtl');
    expect(firstCardEdge(catalog)).to.equal('right');
    provider.locale = 'fr';
    await settle(provider, catalog);
    expect(catalog.getAttribute('dir')).to.equal('ltr');
    expect(catalog.getAttribute('lang')).to.equal('fr');
    expect(firstCardEdge(catalog)).to.equal('left');
  });

  it('its dir attribute forces a direction, whatever the locale', async () => {
    const { provider, catalog } = await provided('locale="en" dir="rtl"');
    expect(catalog.getAttribute('dir')).to.equal('rtl');
    expect(catalog.getAttribute('lang')).to.equal('en');
    expect(firstCardEdge(catalog)).to.equal('right');
    provider.dir = 'ltr';
    provider.locale = 'ar';
    await settle(provider, catalog);
    expect(provider.getAttribute('dir'), 'the property reflects').to.equal('ltr');
    expect(catalog.getAttribute('dir')).to.equal('ltr');
    expect(firstCardEdge(catalog)).to.equal('left');
    provider.removeAttribute('dir');
    await settle(provider, catalog);
    expect(catalog.getAttribute('dir'), 'back to the locale’s').to.equal('rtl');
    // Anything but ltr or rtl is ignored.
    provider.setAttribute('dir', 'sideways');
    await settle(provider, catalog);
    expect(catalog.getAttribute('dir')).to.equal('rtl');
  });
});
