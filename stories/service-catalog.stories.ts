/**
 * `<gw-service-catalog>`: the demo bank's services in every state a customer can meet. The data
 * is the seed's (`edge/demo/`), answered by the mock edge.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { DEMO_CATALOG, EMPTY_CATALOG, longCatalog } from '../edge/demo/index.js';
import { SERVICE_CATALOG_STRINGS } from '../widgets/service-catalog/locales.js';
import '../widgets/service-catalog/service-catalog.js';
import type { GwServiceCatalog } from '../widgets/service-catalog/service-catalog.component.js';
import { answer } from './support/mock-edge.js';
import { goOffline, reconnect } from './support/offline.js';
import { gw } from './support/parameters.js';

interface Args {
  query: string;
  category: string;
  region: string;
  compliance: string;
  selected: string;
}

const TAG = 'gw-service-catalog';
const services = DEMO_CATALOG.services;
const en = SERVICE_CATALOG_STRINGS.en;
const unique = (values: string[]) => [...new Set(values)].sort();

const meta: Meta<Args> = {
  title: 'Widgets/Service catalog',
  component: TAG,
  args: { query: '', category: '', region: '', compliance: '', selected: '' },
  argTypes: {
    category: {
      control: 'select',
      options: ['', ...DEMO_CATALOG.categories.map((c) => c.id)],
    },
    region: { control: 'select', options: ['', ...unique(services.flatMap((s) => s.regions))] },
    compliance: {
      control: 'select',
      options: ['', ...unique(services.flatMap((s) => s.compliance))],
    },
    selected: { control: 'select', options: ['', ...services.map((s) => s.id)] },
  },
  render: (args) =>
    html`<gw-service-catalog
      query=${args.query}
      category=${args.category}
      region=${args.region}
      compliance=${args.compliance}
      selected=${args.selected}
    ></gw-service-catalog>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Filled: Story = {
  parameters: gw({ shows: { [TAG]: { '[part~="card"]': services.length } } }),
};

export const Loading: Story = {
  tags: ['!autodocs'],
  parameters: {
    msw: { handlers: { catalog: answer.pending('/v1/catalog') } },
    ...gw({ shows: { [TAG]: { '[part~="skeleton"]': true, '[part~="card"]': 0 } } }),
  },
};

export const Empty: Story = {
  tags: ['!autodocs'],
  parameters: {
    msw: { handlers: { catalog: answer.catalog(EMPTY_CATALOG) } },
    ...gw({ shows: { [TAG]: { '[part~="empty-state"]': en.emptyTitle } } }),
  },
};

export const ErrorWithRetry: Story = {
  name: 'Error with Retry',
  tags: ['!autodocs'],
  parameters: {
    msw: { handlers: { catalog: answer.failing('/v1/catalog') } },
    ...gw({
      failing: ['/v1/catalog'],
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

/** The connection drops after the services loaded: they stay, with a notice. */
export const OfflineAfterLoading: Story = {
  name: 'Offline after loading',
  tags: ['!autodocs'],
  beforeEach: () => reconnect,
  parameters: gw({
    shows: {
      [TAG]: { '[part~="offline-banner"]': en.offlineStale, '[part~="card"]': services.length },
    },
  }),
  play: async ({ canvasElement }) => {
    const catalog = canvasElement.querySelector(TAG) as GwServiceCatalog;
    await waitFor(
      () =>
        expect(catalog.shadowRoot?.querySelectorAll('[part~="card"]').length).toBeGreaterThan(0),
      { timeout: 5000 },
    );
    goOffline();
    await catalog.updateComplete;
  },
};

const LONG = longCatalog(40);

export const LongCatalog: Story = {
  name: 'Long catalog (40 services)',
  tags: ['!autodocs'],
  parameters: {
    msw: { handlers: { catalog: answer.catalog(LONG) } },
    ...gw({ shows: { [TAG]: { '[part~="card"]': LONG.services.length } } }),
  },
};

export const FilteredWithNoMatch: Story = {
  name: 'Filtered, no match',
  args: { query: 'mortgage' },
  parameters: gw({
    shows: { [TAG]: { '[part~="no-match-state"]': en.noMatchTitle, '[part~="card"]': 0 } },
  }),
};

const filtered = services.filter(
  (s) => s.category === 'banking-as-a-service' && s.regions.includes('AE'),
);

export const Filtered: Story = {
  name: 'Filtered by category and region',
  args: { category: 'banking-as-a-service', region: 'AE' },
  parameters: gw({ shows: { [TAG]: { '[part~="card"]': filtered.length } } }),
};

const [fraud] = services;

export const ServiceSelected: Story = {
  name: 'A service selected: its plans',
  args: { selected: fraud?.id ?? '' },
  parameters: gw({
    shows: { [TAG]: { '[part~="detail"]': true, '[part~="tier"]': fraud?.tiers.length ?? 0 } },
  }),
};

/** Ticks the first two plans of the selected service and opens the comparison. */
export const ComparisonOpen: Story = {
  name: 'Tier comparison open',
  tags: ['!autodocs'],
  args: { selected: fraud?.id ?? '' },
  parameters: gw({
    shows: {
      [TAG]: {
        'dialog[open]': true,
        '[part~="comparison-header"]': 2,
        '[part~="comparison"]': 'Uptime',
      },
    },
  }),
  play: async ({ canvasElement }) => {
    const catalog = canvasElement.querySelector(TAG) as GwServiceCatalog;
    const root = () => catalog.shadowRoot as ShadowRoot;
    await waitFor(
      () => expect(root().querySelectorAll('[part~="compare-checkbox"]').length).toBeGreaterThan(1),
      {
        timeout: 5000,
      },
    );
    for (const box of [
      ...root().querySelectorAll<HTMLInputElement>('[part~="compare-checkbox"]'),
    ].slice(0, 2)) {
      box.click();
    }
    await catalog.updateComplete;
    root().querySelector<HTMLButtonElement>('[part~="compare-button"]')?.click();
    await waitFor(() => expect(root().querySelector('dialog')?.open).toBe(true));
  },
};
