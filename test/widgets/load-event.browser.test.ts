// Every widget tells the page when its data has loaded or failed, with `gw-load`.
import { expect } from '@open-wc/testing';
import { EMPTY_CATALOG, NO_PLANS } from '../../edge/demo/variants.js';
import '../../widgets/pricing-calculator/pricing-calculator.js';
import '../../widgets/service-catalog/service-catalog.js';
import { fakeEdge, json, mount, problem, until } from './fixtures.js';

const CASES = [
  { tag: 'gw-pricing-calculator', route: 'GET /v1/pricing/plans', empty: NO_PLANS },
  { tag: 'gw-service-catalog', route: 'GET /v1/catalog', empty: EMPTY_CATALOG },
] as const;

afterEach(() => {
  for (const el of document.querySelectorAll('body > div')) el.remove();
});

for (const { tag, route, empty } of CASES) {
  describe(`${tag} gw-load`, () => {
    it('fires ok when the data arrives', async () => {
      const seen: { ok: boolean; error?: string }[] = [];
      document.addEventListener('gw-load', (e) => seen.push(e.detail), { once: true });
      await mount(`<${tag}></${tag}>`, fakeEdge('gridworks', { [route]: () => json(empty) }));
      await until(() => seen.length > 0, 3000, 'gw-load');
      expect(seen[0]).to.deep.equal({ ok: true });
    });

    it('fires not ok with the problem type when the edge fails', async () => {
      const seen: { ok: boolean; error?: string }[] = [];
      document.addEventListener('gw-load', (e) => seen.push(e.detail), { once: true });
      await mount(
        `<${tag}></${tag}>`,
        fakeEdge('gridworks', { [route]: () => problem(503, 'unavailable') }),
      );
      await until(() => seen.length > 0, 3000, 'gw-load');
      expect(seen[0]?.ok).to.equal(false);
      expect(seen[0]?.error).to.equal('unavailable');
    });
  });
}
