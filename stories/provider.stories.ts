/**
 * `<gw-provider>`: one edge client, theme, locale, mode and direction for every widget inside
 * it. These stories render the provider themselves, from the toolbar's globals.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { DEMO_CATALOG, DEMO_PLANS } from '../edge/demo/index.js';
import '../widgets/pricing-calculator/pricing-calculator.js';
import '../widgets/provider/provider.js';
import '../widgets/service-catalog/service-catalog.js';
import { provider, storyGlobals } from './support/globals.js';
import { answer } from './support/mock-edge.js';
import { gw, type Shows } from './support/parameters.js';
import { fakeWidgetToken } from './support/tenants.js';

const both = html`<gw-service-catalog></gw-service-catalog>
  <gw-pricing-calculator></gw-pricing-calculator>`;

const bothShow: Shows = {
  'gw-service-catalog': { '[part~="card"]': DEMO_CATALOG.services.length },
  'gw-pricing-calculator': { '[part~="plan-option"]': DEMO_PLANS.plans.length },
};

const meta: Meta = {
  title: 'Widgets/Provider',
  component: 'gw-provider',
  render: (_args, { globals }) => provider(storyGlobals(globals), both),
};
export default meta;

type Story = StoryObj;

/** Both widgets share the provider's client: one config, one theme stylesheet for all. */
export const TwoWidgetsOneProvider: Story = {
  name: 'Two widgets, one provider',
  parameters: gw({ provider: false, shows: bothShow }),
};

/**
 * A bank's backend mints widget tokens; the provider asks `fetchToken` for one when a widget
 * first needs it and again before it expires, and sends it as `Authorization: Bearer`.
 */
export const WithWidgetToken: Story = {
  name: 'With a widget token',
  parameters: gw({ provider: false, shows: bothShow }),
  render: (_args, { globals }) => {
    const g = storyGlobals(globals);
    const fetchToken = () => Promise.resolve(fakeWidgetToken(g.tenant));
    return html`<gw-provider
      .fetchToken=${fetchToken}
      locale=${g.locale}
      mode=${g.mode}
      dir=${ifDefined(g.dir)}
      >${both}</gw-provider
    >`;
  },
};

/** A tenant that has not published a theme yet: the edge serves the kit's default theme. */
export const NoPublishedTheme: Story = {
  name: 'No published theme yet',
  tags: ['!autodocs'],
  parameters: {
    msw: { handlers: answer.noTheme() },
    ...gw({ provider: false, themed: 'kit-default', shows: bothShow }),
  },
};
