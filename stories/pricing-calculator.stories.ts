/**
 * `<gw-pricing-calculator>`: the demo bank's plans (`edge/demo/pricing.ts`, what the seed
 * stores) priced in the browser by the shared pricing module, and quotes from the mock edge.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, waitFor } from 'storybook/test';
import type { Billing } from '../contracts/pricing.js';
import { DEMO_PLANS, FAKE_QUOTE_ID, NO_PLANS } from '../edge/demo/index.js';
import { PRICING_STRINGS } from '../widgets/pricing-calculator/locales.js';
import '../widgets/pricing-calculator/pricing-calculator.js';
import type { GwPricingCalculator } from '../widgets/pricing-calculator/pricing-calculator.component.js';
import { provider, storyGlobals } from './support/globals.js';
import { answer } from './support/mock-edge.js';
import { goOffline } from './support/offline.js';
import { gw } from './support/parameters.js';

interface Args {
  plan: string | undefined;
  billing: Billing | undefined;
  region: string | undefined;
}

const TAG = 'gw-pricing-calculator';
const [growth, enterprise] = DEMO_PLANS.plans;
const en = PRICING_STRINGS.en;

const meta: Meta<Args> = {
  title: 'Widgets/Pricing calculator',
  component: TAG,
  args: { plan: undefined, billing: undefined, region: undefined },
  argTypes: {
    plan: { control: 'select', options: DEMO_PLANS.plans.map((p) => p.id) },
    billing: { control: 'inline-radio', options: ['monthly', 'annual'] },
    region: { control: 'select', options: growth?.regions.map((r) => r.region) ?? [] },
  },
  render: (args) =>
    html`<gw-pricing-calculator
      plan=${ifDefined(args.plan)}
      billing=${ifDefined(args.billing)}
      region=${ifDefined(args.region)}
    ></gw-pricing-calculator>`,
};
export default meta;

type Story = StoryObj<Args>;

const shadow = (canvas: HTMLElement) => {
  const el = canvas.querySelector(TAG) as GwPricingCalculator;
  return { el, root: () => el.shadowRoot as ShadowRoot };
};

/** Presses "Request this plan" once the plans are there, and waits for the outcome. */
async function requestQuote({ canvasElement }: { canvasElement: HTMLElement }) {
  const { root } = shadow(canvasElement);
  await waitFor(() => expect(root().querySelector('[part~="button"]')).toBeTruthy(), {
    timeout: 5000,
  });
  root().querySelector<HTMLButtonElement>('[part~="button"]')?.click();
  await waitFor(() =>
    expect(root().querySelector('[part~="status"]')?.textContent?.trim()).toBeTruthy(),
  );
}

export const Filled: Story = {
  name: 'Filled (Growth, monthly)',
  parameters: gw({
    shows: {
      [TAG]: {
        '[part~="plan-option"]': DEMO_PLANS.plans.length,
        '[part~="slider"]': 1 + (growth?.usage.length ?? 0),
        '[part~="total-amount"]': true,
      },
    },
  }),
};

/**
 * A page with the publishable key only (no token endpoint): the customer prices, but the
 * public key cannot write, so there is no "Request this plan".
 */
export const PublishableKeyOnly: Story = {
  name: 'Publishable key only (no request)',
  tags: ['!autodocs'],
  parameters: gw({ provider: false, shows: { [TAG]: { '[part~="total-amount"]': true } } }),
  render: (args, { globals }) =>
    provider(
      storyGlobals(globals),
      html`<gw-pricing-calculator plan=${ifDefined(args.plan)}></gw-pricing-calculator>`,
      { tokens: false },
    ),
  play: async ({ canvasElement }) => {
    const { root } = shadow(canvasElement);
    await waitFor(() => expect(root().querySelector('[part~="total-amount"]')).toBeTruthy(), {
      timeout: 5000,
    });
    await expect(root().querySelector('[part~="button"]')).toBeNull();
  },
};

export const Loading: Story = {
  tags: ['!autodocs'],
  parameters: {
    msw: { handlers: { plans: answer.pending('/v1/pricing/plans') } },
    ...gw({ shows: { [TAG]: { '[part~="skeleton"]': true, '[part~="total-amount"]': 0 } } }),
  },
};

export const Empty: Story = {
  name: 'Empty (no plans yet)',
  tags: ['!autodocs'],
  parameters: {
    msw: { handlers: { plans: answer.plans(NO_PLANS) } },
    ...gw({ shows: { [TAG]: { '[part~="empty-state"]': en.emptyTitle, '[part~="button"]': 0 } } }),
  },
};

export const ErrorWithRetry: Story = {
  name: 'Error with Retry',
  tags: ['!autodocs'],
  parameters: {
    msw: { handlers: { plans: answer.failing('/v1/pricing/plans') } },
    ...gw({
      failing: ['/v1/pricing/plans'],
      shows: {
        [TAG]: { '[part~="error-state"]': en.errorTitle, '[part~="retry-button"]': en.retry },
      },
    }),
  },
};

/** Opened without a connection: nothing loads, not even the theme (built-in fallbacks). */
export const Offline: Story = {
  tags: ['!autodocs'],
  beforeEach: goOffline,
  parameters: gw({
    themed: false,
    shows: {
      [TAG]: { '[part~="offline-state"]': en.offlineTitle, '[part~="retry-button"]': en.retry },
    },
  }),
};

export const AnnualWithDiscountAndTaxes: Story = {
  name: 'Annual, with discount and taxes',
  args: { billing: 'annual', region: 'IN' },
  parameters: gw({
    shows: {
      [TAG]: {
        '[part~="discount"]': `${(growth?.annualDiscountBp ?? 0) / 100}%`,
        '[part~="tax"]': 'GST',
        '[part~="total-label"]': en.totalAnnual,
      },
    },
  }),
};

/** Enterprise, with enough SMS alerts to reach the top volume band (its rate and flat fee). */
export const VolumeTiers: Story = {
  name: 'Volume tiers (Enterprise, 2,000,000 SMS)',
  args: { plan: enterprise?.id },
  parameters: gw({
    shows: { [TAG]: { '#usage-sms-hint': en.tiered.volume, '[part~="line"]': true } },
  }),
  play: async ({ canvasElement }) => {
    const { el, root } = shadow(canvasElement);
    await waitFor(() => expect(root().querySelector('#usage-sms-number')).toBeTruthy(), {
      timeout: 5000,
    });
    const sms = root().querySelector('#usage-sms-number') as HTMLInputElement;
    sms.value = '2000000';
    sms.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    await expect(el.selection?.usage.sms).toBe(2_000_000);
  },
};

/** "Request this plan" pressed: the mock edge stored and signed the quote. */
export const QuoteRequested: Story = {
  name: 'Quote requested',
  tags: ['!autodocs'],
  parameters: gw({ shows: { [TAG]: { '[part~="status"]': FAKE_QUOTE_ID } } }),
  play: requestQuote,
};

/** The edge refused to store the quote: the customer is told why, the selection stays. */
export const QuoteFailed: Story = {
  name: 'Quote request failed',
  tags: ['!autodocs'],
  parameters: {
    msw: { handlers: { quotes: answer.failing('/v1/quotes', 500) } },
    ...gw({
      failing: ['/v1/quotes'],
      shows: {
        [TAG]: { '[role="alert"].request-error': en.requestFailed, '[part~="total-amount"]': true },
      },
    }),
  },
  play: requestQuote,
};
