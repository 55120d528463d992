// <gw-pricing-calculator> in real Chromium: themed by every preset in light and dark, in English
// (ltr) and Arabic (rtl), accessible by axe-core, usable from the keyboard, firing its events on
// user action only, showing Indian digit grouping for en-IN, and its loading, empty, error and
// offline states.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { FAKE_QUOTE_ID, issueQuote } from '../../edge/demo/answers.js';
import { DEMO_PLANS } from '../../edge/demo/pricing.js';
import { NO_PLANS } from '../../edge/demo/variants.js';
import '../../widgets/pricing-calculator/pricing-calculator.js';
import {
  defaultSelection,
  type Plan,
  type PricingPlans,
  type QuoteRequest,
  quote,
} from '../../contracts/pricing.js';
import { formatMoney } from '../../widgets/core/localize.js';
import type {
  GwQuoteAcceptEvent,
  GwQuoteChangeEvent,
} from '../../widgets/pricing-calculator/events.js';
import { PRICING_STRINGS } from '../../widgets/pricing-calculator/locales.js';
import type { GwPricingCalculator } from '../../widgets/pricing-calculator/pricing-calculator.component.js';
import { type FakeEdge, fakeEdge, json, mount, PRESETS, problem, rgb, until } from './fixtures.js';

// The demo tenant's plans, as the seed stores them and Storybook shows them.
const PLANS: PricingPlans = DEMO_PLANS;
const GROWTH = PLANS.plans[0] as Plan;
const ENTERPRISE = PLANS.plans[1] as Plan;

/** The edge's answers: the plans, and quotes priced by the same quote(). */
function pricingEdge(
  preset: (typeof PRESETS)[number] | null = 'gridworks',
  plans: PricingPlans = PLANS,
  options: { tokens?: boolean } = { tokens: true },
): FakeEdge {
  return fakeEdge(
    preset,
    {
      'GET /v1/pricing/plans': () => json(plans),
      'POST /v1/quotes': ({ body }) => {
        const issued = issueQuote(plans, body as QuoteRequest, 'ten_test');
        return issued ? json(issued, 201) : problem(404, 'not-found');
      },
    },
    options,
  );
}

const mounted: HTMLElement[] = [];
async function calculator(
  edge: FakeEdge,
  options: { locale?: string; mode?: 'light' | 'dark' } = {},
): Promise<GwPricingCalculator> {
  const { el, container } = await mount<GwPricingCalculator>(
    '<gw-pricing-calculator></gw-pricing-calculator>',
    edge,
    options,
  );
  mounted.push(container);
  await until(() => Boolean(part(el, 'total-amount')), 3000, 'the calculator');
  return el;
}

afterEach(() => {
  for (const c of mounted.splice(0)) c.remove();
});

const root = (el: HTMLElement) => el.shadowRoot as ShadowRoot;
const part = (el: HTMLElement, name: string) =>
  root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const $ = <T extends Element = HTMLInputElement>(el: HTMLElement, selector: string) =>
  root(el).querySelector(selector) as T;
const prop = (el: Element, name: string) => getComputedStyle(el).getPropertyValue(name).trim();
const nextFrame = () => new Promise((r) => requestAnimationFrame(r));

function record<T extends Event>(el: HTMLElement, type: string): T[] {
  const seen: T[] = [];
  el.addEventListener(type, (e) => seen.push(e as T));
  return seen;
}

/** Presses Tab until the given element of the shadow root has focus. */
async function tabTo(el: HTMLElement, target: Element, max = 12): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await sendKeys({ press: 'Tab' });
    if (root(el).activeElement === target) return i;
  }
  throw new Error(`Tab never reached #${target.id}`);
}

for (const preset of PRESETS) {
  for (const mode of ['light', 'dark'] as const) {
    for (const locale of ['en', 'ar'] as const) {
      describe(`${preset}, ${mode}, ${locale}`, () => {
        it('renders from the theme, mirrors for the direction and passes axe-core', async () => {
          const el = await calculator(pricingEdge(preset), { locale, mode });
          await until(() => prop(el, '--gw-sys-color-primary') !== '', 3000, 'the theme');
          await el.updateComplete;
          const total = part(el, 'total-amount') as HTMLElement;
          const button = part(el, 'button') as HTMLElement;
          expect(prop(el, '--gw-pricing-calculator-total-color')).to.match(/^#[0-9a-f]{6}$/);
          expect(getComputedStyle(total).color).to.equal(
            rgb(prop(el, '--gw-pricing-calculator-total-color')),
          );
          expect(getComputedStyle(button).backgroundColor).to.equal(
            rgb(prop(el, '--gw-pricing-calculator-button-background')),
          );
          expect(prop(el, '--gw-pricing-calculator-button-background')).to.equal(
            prop(el, '--gw-sys-color-primary'),
          );
          expect(getComputedStyle(button).color).to.equal(
            rgb(prop(el, '--gw-pricing-calculator-button-color')),
          );
          expect(getComputedStyle(total).fontSize).to.equal(
            prop(el, '--gw-pricing-calculator-total-size'),
          );
          expect(getComputedStyle(button).color).to.equal(
            rgb(prop(el, '--gw-sys-color-on-primary')),
          );
          expect(getComputedStyle(el).backgroundColor).to.equal(
            rgb(prop(el, '--gw-sys-color-surface')),
          );
          expect(el.getAttribute('data-gw-mode')).to.equal(mode);
          expect(button.textContent?.trim()).to.equal(PRICING_STRINGS[locale].request);

          expect(el.getAttribute('dir')).to.equal(locale === 'ar' ? 'rtl' : 'ltr');
          const label = $(el, '#seats-label').getBoundingClientRect();
          const number = $(el, '#seats-number').getBoundingClientRect();
          // The number input sits at the inline end: right in English, left in Arabic.
          if (locale === 'ar') expect(number.right).to.be.below(label.left);
          else expect(number.left).to.be.above(label.right);

          await expect(el).to.be.accessible();
        });

        it('keyboard: Tab reaches a slider, arrows and typing keep slider and number in step', async () => {
          const el = await calculator(pricingEdge(preset), { locale, mode });
          const changes = record<GwQuoteChangeEvent>(el, 'gw-quote-change');
          await nextFrame();
          expect(changes, 'no event on first render').to.have.length(0);

          const slider = $(el, '#seats-slider');
          const number = $(el, '#seats-number');
          expect(slider.getAttribute('aria-valuetext')).to.equal(
            PRICING_STRINGS[locale].seatsValue(new Intl.NumberFormat(locale).format(10)),
          );
          ($(el, 'input[name="plan"]') as HTMLInputElement).focus();
          await tabTo(el, slider);
          await sendKeys({ press: 'ArrowRight' });
          await el.updateComplete;
          expect(slider.value).not.to.equal('10');
          expect(number.value).to.equal(slider.value);
          expect(changes).to.have.length(1);
          const seats = Number(slider.value);
          const detail = changes[0]?.detail;
          expect(detail?.planId).to.equal('growth');
          expect(detail?.selection.seats).to.equal(seats);
          const expected = quote(GROWTH, { ...defaultSelection(GROWTH), seats });
          expect(detail?.quote).to.deep.equal(expected);
          expect(part(el, 'total-amount')?.textContent).to.equal(
            formatMoney(expected.total, 'INR', locale),
          );
          expect(changes[0]?.bubbles && changes[0]?.composed).to.equal(true);

          number.focus();
          number.select();
          await sendKeys({ type: '42' });
          await el.updateComplete;
          expect(slider.value).to.equal('42');
          expect(changes.at(-1)?.detail.selection.seats).to.equal(42);
          expect(slider.getAttribute('aria-valuetext')).to.equal(
            PRICING_STRINGS[locale].seatsValue(new Intl.NumberFormat(locale).format(42)),
          );
        });

        it('"Request this plan" posts the selection and fires gw-quote-accept with the edge id', async () => {
          const edge = pricingEdge(preset);
          const el = await calculator(edge, { locale, mode });
          const accepted = record<GwQuoteAcceptEvent>(el, 'gw-quote-accept');
          (part(el, 'button') as HTMLButtonElement).click();
          await until(() => accepted.length > 0, 3000, 'gw-quote-accept');
          expect(accepted[0]?.detail.id).to.equal(FAKE_QUOTE_ID);
          expect(accepted[0]?.detail.quote.quote.total).to.equal(el.quote?.total);
          expect(edge.requests.find((r) => r.method === 'POST')).to.deep.equal({
            method: 'POST',
            path: '/v1/quotes',
            body: { planId: 'growth', selection: el.selection },
          });
          await el.updateComplete;
          expect(part(el, 'status')?.textContent).to.contain(FAKE_QUOTE_ID);
        });
      });
    }
  }
}

describe('who may request a quote', () => {
  it('with a publishable key alone it prices but offers no request (the public key cannot write)', async () => {
    const edge = pricingEdge('gridworks', PLANS, { tokens: false });
    const el = await calculator(edge);
    expect(part(el, 'total-amount')?.textContent).to.not.equal('');
    expect(part(el, 'button')).to.equal(null);
    expect(part(el, 'status')).to.equal(null);
    expect(edge.requests.some((r) => r.method === 'POST')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('reads go with the publishable key, the quote request with the widget token', async () => {
    const edge = pricingEdge();
    const el = await calculator(edge);
    const accepted = record<GwQuoteAcceptEvent>(el, 'gw-quote-accept');
    (part(el, 'button') as HTMLButtonElement).click();
    await until(() => accepted.length > 0, 3000, 'gw-quote-accept');
    const byRequest = edge.requests.map((r, i) => `${r.method} ${r.path} ${edge.credentials[i]}`);
    expect(byRequest).to.include('GET /v1/pricing/plans pk');
    expect(byRequest).to.include('POST /v1/quotes token');
    expect(byRequest.filter((r) => r.startsWith('GET') && !r.endsWith(' pk'))).to.deep.equal([]);
  });
});

describe('behaviour', () => {
  it('fires gw-quote-change for plan, billing, region and usage changes, with the discount shown', async () => {
    // The demo plans, with Enterprise sold in India only: switching plans must fall back.
    const indiaOnly: PricingPlans = {
      plans: [
        GROWTH,
        { ...ENTERPRISE, regions: ENTERPRISE.regions.filter((r) => r.region === 'IN') },
      ],
    };
    const el = await calculator(pricingEdge('gridworks', indiaOnly));
    const changes = record<GwQuoteChangeEvent>(el, 'gw-quote-change');
    const annual = root(el).querySelectorAll<HTMLInputElement>(
      'input[name="billing"]',
    )[1] as HTMLInputElement;
    annual.click();
    await el.updateComplete;
    expect(changes.at(-1)?.detail.selection.billing).to.equal('annual');
    expect(part(el, 'discount')?.textContent).to.contain('15%');
    expect(part(el, 'total-label')?.textContent).to.equal(PRICING_STRINGS.en.totalAnnual);

    const region = $<HTMLSelectElement>(el, '#region');
    region.value = 'US';
    region.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(changes.at(-1)?.detail.selection.region).to.equal('US');
    expect(part(el, 'tax')?.textContent).to.contain(PRICING_STRINGS.en.noTax);

    const sms = $(el, '#usage-sms-slider');
    sms.value = '500000';
    sms.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect($(el, '#usage-sms-number').value).to.equal('500000');
    expect(changes.at(-1)?.detail.selection.usage.sms).to.equal(500_000);

    const enterprise = root(el).querySelectorAll<HTMLInputElement>(
      'input[name="plan"]',
    )[1] as HTMLInputElement;
    const seats = $(el, '#seats-slider');
    seats.value = '5';
    seats.dispatchEvent(new Event('input'));
    enterprise.click();
    await el.updateComplete;
    const last = changes.at(-1)?.detail;
    expect(last?.planId).to.equal('enterprise');
    // Billing and the usage the new plan allows carry over; region and seats fall back to the
    // plan's own (it sells only in India, from 10 seats).
    expect(last?.selection).to.deep.equal({
      billing: 'annual',
      region: 'IN',
      seats: 50,
      usage: { 'api-calls': 50_000, sms: 500_000 },
    });
    expect($(el, '#usage-sms-number').value).to.equal('500000');
    expect(changes).to.have.length(5);
  });

  it('an out-of-range number is flagged while typing and clamped on commit', async () => {
    const el = await calculator(pricingEdge());
    const changes = record<GwQuoteChangeEvent>(el, 'gw-quote-change');
    const number = $(el, '#seats-number');
    number.focus();
    number.select();
    await sendKeys({ type: '999' });
    await el.updateComplete;
    expect(number.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#seats-error').textContent?.trim()).to.equal(
      PRICING_STRINGS.en.outOfRange('1', '200'),
    );
    expect(number.getAttribute('aria-describedby')).to.contain('seats-error');
    expect(changes.map((e) => e.detail.selection.seats)).to.deep.equal([9, 99]);
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(number.value).to.equal('200');
    expect($(el, '#seats-slider').value).to.equal('200');
    expect(number.getAttribute('aria-invalid')).to.equal('false');
    expect(changes.at(-1)?.detail.selection.seats).to.equal(200);
  });

  it('en-IN groups lakhs: 5,00,000 calls and a total over a lakh', async () => {
    const el = await calculator(pricingEdge(), { locale: 'en-IN' });
    el.plan = ENTERPRISE.id;
    await el.updateComplete;
    expect($(el, '#usage-api-calls-slider').getAttribute('aria-valuetext')).to.equal(
      '5,00,000 calls',
    );
    expect(part(el, 'total-amount')?.textContent).to.equal(
      formatMoney(el.quote?.total ?? -1, 'INR', 'en-IN'),
    );
    expect(el.quote?.total).to.be.above(1_00_000_00);
    expect(part(el, 'total-amount')?.textContent).to.match(/^₹\d{1,2}(,\d\d)+,\d{3}\.\d\d$/);
  });

  it('shows why a request failed, and fires no accept event', async () => {
    const edge = pricingEdge();
    edge.routes.set('POST /v1/quotes', () => problem(500, 'internal'));
    const el = await calculator(edge);
    const accepted = record(el, 'gw-quote-accept');
    (part(el, 'button') as HTMLButtonElement).click();
    await until(
      () => (root(el).querySelector('[role="alert"].request-error')?.textContent ?? '') !== '',
      3000,
      'the error',
    );
    expect(root(el).querySelector('.request-error')?.textContent).to.equal(
      PRICING_STRINGS.en.requestFailed,
    );
    expect(accepted).to.have.length(0);
    await expect(el).to.be.accessible();
  });
});

describe('states', () => {
  it('loading: a skeleton close to the final size, then the calculator', async () => {
    let release: (r: Response) => void = () => {};
    const edge = pricingEdge();
    edge.routes.set('GET /v1/pricing/plans', () => new Promise<Response>((r) => (release = r)));
    const { el, container } = await mount<GwPricingCalculator>(
      '<gw-pricing-calculator></gw-pricing-calculator>',
      edge,
    );
    mounted.push(container);
    container.style.inlineSize = '640px';
    await until(() => Boolean(part(el, 'skeleton')), 3000, 'the skeleton');
    expect(part(el, 'loading')?.getAttribute('aria-busy')).to.equal('true');
    expect(root(el).querySelector('[role="status"]')?.textContent).to.equal(
      PRICING_STRINGS.en.loading,
    );
    await expect(el).to.be.accessible();
    // Both sizes in the tenant's theme (its type scale and spacing decide them).
    await until(() => prop(el, '--gw-sys-color-primary') !== '', 3000, 'the theme');
    const loading = el.getBoundingClientRect().height;
    release(json(PLANS));
    await until(() => Boolean(part(el, 'total-amount')), 3000, 'the calculator');
    await el.updateComplete;
    const loaded = el.getBoundingClientRect().height;
    expect(
      Math.abs(loaded - loading) / loaded,
      `skeleton ${loading}px, loaded ${loaded}px`,
    ).to.be.below(0.1);
  });

  it('empty: says there are no plans', async () => {
    const { el, container } = await mount<GwPricingCalculator>(
      '<gw-pricing-calculator></gw-pricing-calculator>',
      pricingEdge('gridworks', NO_PLANS),
    );
    mounted.push(container);
    await until(() => Boolean(part(el, 'empty-state')), 3000, 'the empty state');
    expect(part(el, 'state-title')?.textContent?.trim()).to.equal(PRICING_STRINGS.en.emptyTitle);
    expect(part(el, 'state-body')?.textContent?.trim()).to.equal(PRICING_STRINGS.en.emptyBody);
    expect(part(el, 'button')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('error: offers Retry, which loads the plans', async () => {
    const edge = pricingEdge();
    edge.routes.set('GET /v1/pricing/plans', () => problem(500, 'internal'));
    const { el, container } = await mount<GwPricingCalculator>(
      '<gw-pricing-calculator></gw-pricing-calculator>',
      edge,
    );
    mounted.push(container);
    await until(() => Boolean(part(el, 'retry-button')), 3000, 'the error state');
    expect(part(el, 'error-state')?.textContent).to.contain(PRICING_STRINGS.en.errorTitle);
    await expect(el).to.be.accessible();
    edge.routes.set('GET /v1/pricing/plans', () => json(PLANS));
    (part(el, 'retry-button') as HTMLButtonElement).click();
    await until(() => Boolean(part(el, 'total-amount')), 3000, 'the calculator after retry');
  });

  it('offline: says so, and loads by itself when the browser is back online', async () => {
    const edge = pricingEdge();
    edge.routes.set('GET /v1/pricing/plans', () => {
      throw new TypeError('Failed to fetch');
    });
    const { el, container } = await mount<GwPricingCalculator>(
      '<gw-pricing-calculator></gw-pricing-calculator>',
      edge,
      {
        locale: 'fr',
      },
    );
    mounted.push(container);
    await until(() => Boolean(part(el, 'retry-button')), 3000, 'the offline state');
    expect(part(el, 'offline-state')?.textContent).to.contain(PRICING_STRINGS.fr.offlineTitle);
    edge.routes.set('GET /v1/pricing/plans', () => json(PLANS));
    globalThis.dispatchEvent(new Event('online'));
    await until(() => Boolean(part(el, 'total-amount')), 3000, 'the calculator once online');
  });
});
