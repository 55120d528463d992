/**
 * What the edge answers a widget for a demo tenant, for the fakes of the edge that run in a
 * browser: the widget tests' fake fetch and Storybook's mock edge. One description of the
 * config and of an issued quote, so the two fakes cannot drift apart. Quotes are priced by the
 * same `quote()` as the real edge; the times are fixed (nothing here reads the clock) and the
 * signature is a placeholder, as only the edge holds the key.
 */

import {
  type IssuedQuote,
  type PricingPlans,
  type QuoteRequest,
  quote,
} from '../../contracts/pricing.js';
import { LOCALES, WIDGETS, type WidgetConfig } from '../../contracts/widget.js';

export const FAKE_QUOTE_ID = 'quo_FromTheFakeEdge0001';
export const FAKE_QUOTE_CREATED_AT = Date.UTC(2026, 0, 1);
export const FAKE_QUOTE_EXPIRES_AT = Date.UTC(2026, 0, 31);

/** `GET /v1/config` for a tenant; every locale and widget, no logo unless given. */
export function widgetConfig(
  tenant: WidgetConfig['tenant'],
  theme: WidgetConfig['theme'],
  logo: string | null = null,
): WidgetConfig {
  return {
    tenant,
    logo,
    theme,
    locales: [...LOCALES],
    defaultLocale: 'en',
    widgets: [...WIDGETS],
  };
}

/**
 * `POST /v1/quotes`: the selection priced by the shared pricing module. Undefined when the
 * plan is not one of `plans`; throws `QuoteError` when the selection cannot be priced.
 */
export function issueQuote(
  plans: PricingPlans,
  request: QuoteRequest,
  tenantId: string,
): IssuedQuote | undefined {
  const plan = plans.plans.find((p) => p.id === request.planId);
  if (!plan) return undefined;
  return {
    id: FAKE_QUOTE_ID,
    tenantId,
    planId: plan.id,
    selection: request.selection,
    quote: quote(plan, request.selection),
    createdAt: FAKE_QUOTE_CREATED_AT,
    expiresAt: FAKE_QUOTE_EXPIRES_AT,
    signature: 'A'.repeat(43),
  };
}
