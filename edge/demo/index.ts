/**
 * The demo tenant's data — brand, catalog, plans, their variants, a fictional sanctions list — and the fake edge's
 * answers. Pure data (it imports only contracts), so the seed, the tests and Storybook all
 * read this one source.
 */
export { FAKE_QUOTE_ID, issueQuote, widgetConfig } from './answers.js';
export { DEMO_BRAND, DEMO_SLUG } from './brand.js';
export { DEMO_CATALOG } from './catalog.js';
export { DEMO_PLANS } from './pricing.js';
export { DEMO_SANCTIONS_LIST, type DemoListEntry } from './sanctions.js';
export { DEMO_ARTICLES, DEMO_SUPPORT } from './support.js';
export { EMPTY_CATALOG, longCatalog, NO_PLANS } from './variants.js';
