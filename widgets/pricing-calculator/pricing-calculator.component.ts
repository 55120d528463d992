import {
  html,
  nothing,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import {
  type Billing,
  defaultSelection,
  type IssuedQuote,
  type Plan,
  type PricingPlans,
  type Quote,
  QuoteError,
  quantityOf,
  quote,
  type Selection,
} from '../../contracts/pricing.js';
import { ApiError } from '../core/api-client.js';
import { GwElement } from '../core/gw-element.js';
import { LoadController } from '../core/load-controller.js';
import { formatMoney, formatNumber } from '../core/localize.js';
import { loadingTemplate } from '../core/states.js';
import { hostReset, stateStyles } from '../core/styles.js';
import {
  describeUsage,
  renderBilling,
  renderPlans,
  renderRegion,
  renderSkeleton,
} from './choices.js';
import { GwQuoteAcceptEvent, GwQuoteChangeEvent } from './events.js';
import type { PricingStrings } from './locales.js';
import { styles } from './pricing-calculator.styles.js';
import { QuantityFields } from './quantity-field.js';
import { PRICING_TABLES, PRICING_TABLES_EN } from './strings/index.js';
import { renderSummary } from './summary.js';

type RequestState =
  | { state: 'idle' }
  | { state: 'sending' }
  | { state: 'sent'; quote: IssuedQuote }
  | { state: 'failed'; message: string };

const IDLE: RequestState = { state: 'idle' };

/**
 * @tagname gw-pricing-calculator
 * @summary Lets a customer price one of the tenant's plans — plan, billing period, region,
 * seats and usage — and request it as a signed quote.
 *
 * Prices are computed in the browser by the same `quote()` the edge uses, so the total shown
 * is the total the edge signs. Money is integer minor units, formatted with Intl for the
 * locale (`en-IN` groups lakhs and crores).
 *
 * "Request this plan" stores a quote, which is a write: it appears only when the page gives
 * widget tokens (`<gw-provider>`'s `fetchToken`, or the embed's `data-token-url`). With a
 * publishable key alone the calculator prices but does not request.
 *
 * @event {GwQuoteChangeEvent} gw-quote-change - The user changed the plan, billing period,
 *   region, seats or a quantity. `detail`: `{ planId, selection, quote }`. Not fired on load.
 * @event gw-load - The plans loaded (`detail.ok`) or failed (`detail.error`: the problem type).
 * @event {GwQuoteAcceptEvent} gw-quote-accept - The edge stored the requested quote.
 *   `detail`: `{ id, quote }` (the signed, stored quote).
 *
 * @csspart base - The calculator.
 * @csspart heading - The title.
 * @csspart plans - The plan choice (fieldset); `legend` is its caption.
 * @csspart legend - The caption of each choice group.
 * @csspart plan-option - One plan (a label around its radio button).
 * @csspart plan-option-selected - The chosen plan, besides `plan-option`.
 * @csspart plan-radio - A plan's radio button.
 * @csspart plan-name - A plan's name.
 * @csspart plan-description - A plan's description.
 * @csspart plan-price - A plan's monthly base fee.
 * @csspart billing - The billing period choice (fieldset).
 * @csspart billing-option - Monthly or annual.
 * @csspart billing-option-selected - The chosen period, besides `billing-option`.
 * @csspart saving - The annual saving next to "Annual".
 * @csspart region-field - The region label and select.
 * @csspart region-label - The region's label.
 * @csspart region - The region select.
 * @csspart field - A quantity (seats or usage): label, number, slider, hint and error.
 * @csspart label - A quantity's label.
 * @csspart number - A quantity's number input.
 * @csspart slider - A quantity's slider.
 * @csspart hint - A quantity's pricing hint.
 * @csspart field-error - A quantity's out-of-range message.
 * @csspart summary - The quote panel.
 * @csspart summary-heading - The quote panel's title.
 * @csspart cannot-price - Shown instead of the lines when a selection cannot be priced.
 * @csspart lines - The list of line items and totals.
 * @csspart line - A line item, subtotal, discount or tax row.
 * @csspart subtotal - The subtotal row, besides `line`.
 * @csspart discount - The annual discount row, besides `line`.
 * @csspart tax - A tax row, besides `line`.
 * @csspart line-label - A line's label.
 * @csspart line-amount - A line's amount.
 * @csspart total - The total row.
 * @csspart total-label - The total's label.
 * @csspart total-amount - The total.
 * @csspart button - "Request this plan".
 * @csspart status - The request's outcome (saved, or why it failed).
 * @csspart loading - The placeholder shown while loading (busy), holding the skeletons.
 * @csspart skeleton - A placeholder block, the size of what it stands for.
 * @csspart state - Every state message: empty, error and offline (the kit's shared states).
 * @csspart empty-state - The message when the tenant has no plans (also `state`).
 * @csspart error-state - The message when loading failed (also `state`).
 * @csspart offline-state - The message when offline without plans (also `state`).
 * @csspart state-title - A state message's title.
 * @csspart state-body - A state message's text.
 * @csspart retry-button - Loads the plans again, after an error or while offline.
 *
 * @cssproperty --gw-pricing-calculator-background - Background.
 * @cssproperty --gw-pricing-calculator-panel-background - Quote panel background.
 * @cssproperty --gw-pricing-calculator-panel-radius - Quote panel corner radius.
 * @cssproperty --gw-pricing-calculator-label-color - Labels, hints and secondary text.
 * @cssproperty --gw-pricing-calculator-value-color - Values and line amounts.
 * @cssproperty --gw-pricing-calculator-total-color - The total.
 * @cssproperty --gw-pricing-calculator-total-size - The total's font size.
 * @cssproperty --gw-pricing-calculator-track-color - Slider track.
 * @cssproperty --gw-pricing-calculator-thumb-color - Slider thumb and filled track.
 * @cssproperty --gw-pricing-calculator-border-color - Plan cards and dividers.
 * @cssproperty --gw-pricing-calculator-selected-border - The chosen plan's border.
 * @cssproperty --gw-pricing-calculator-input-border - Number inputs and the region select.
 * @cssproperty --gw-pricing-calculator-error-color - Validation and request errors.
 * @cssproperty --gw-pricing-calculator-button-background - "Request this plan" background.
 * @cssproperty --gw-pricing-calculator-button-color - "Request this plan" text.
 * @cssproperty --gw-pricing-calculator-button-radius - "Request this plan" corner radius.
 */
export class GwPricingCalculator extends GwElement {
  static override styles = [hostReset, stateStyles, styles];
  static override properties: PropertyDeclarations = { plan: {}, billing: {}, region: {} };

  /** Id of the plan to start with (default: the first). */
  declare plan: string | undefined;
  /** Billing period to start with: `monthly` (default) or `annual`. */
  declare billing: Billing | undefined;
  /** Region code to start with (default: the plan's first), e.g. `IN`, `GB`, `EU`. */
  declare region: string | undefined;

  #planId: string | undefined;
  #selection: Selection | undefined;
  #quote: Quote | QuoteError | undefined;
  #request: RequestState = IDLE;
  #table: PricingStrings | undefined;
  readonly #fields = new QuantityFields(this);

  readonly #plans = new LoadController<Plan[]>(this, {
    client: () => this.client,
    load: async (client, signal) => {
      // The edge validated these plans with the pricing contract when they were saved, so the
      // widget takes them as typed (and keeps zod out of its bundle).
      const body = await client.request<PricingPlans>('/v1/pricing/plans', { signal });
      if (!Array.isArray(body?.plans))
        throw new ApiError(502, 'bad-plans', 'The plans could not be read.');
      return body.plans;
    },
    isEmpty: (plans) => plans.length === 0,
  });

  /** The current selection (a copy), once plans have loaded. */
  get selection(): Selection | undefined {
    return this.#selection && structuredClone(this.#selection);
  }

  /** The quote for the current selection, computed in the browser. */
  get quote(): Quote | undefined {
    return this.#quote instanceof QuoteError ? undefined : this.#quote;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const plans = this.#plans.value;
    if (!plans?.length) return;
    const current = plans.find((p) => p.id === this.#planId);
    const asked = plans.find((p) => p.id === this.plan);
    // First load, the plan vanished, or the host asked for another plan or period: no event.
    if (!current || (changed.has('plan') && asked && asked !== current)) {
      const plan = asked ?? (plans[0] as Plan);
      this.#use(plan, defaultSelection(plan, this.billing ?? 'monthly', this.region));
    } else if (this.#selection && (changed.has('billing') || changed.has('region'))) {
      const sold = current.regions.some((r) => r.region === this.region);
      this.#use(current, {
        ...this.#selection,
        billing: this.billing ?? this.#selection.billing,
        region: sold ? (this.region as string) : this.#selection.region,
      });
    }
  }

  #plan(): Plan | undefined {
    return this.#plans.value?.find((p) => p.id === this.#planId);
  }

  #use(plan: Plan, selection: Selection): void {
    if (plan.id !== this.#planId) this.#fields.reset();
    this.#planId = plan.id;
    this.#selection = selection;
    this.#request = IDLE;
    try {
      this.#quote = quote(plan, selection);
    } catch (error) {
      if (!(error instanceof QuoteError)) throw error;
      this.#quote = error;
    }
  }

  /** A user change: recompute, re-render, and tell the page. */
  #change(plan: Plan, selection: Selection): void {
    this.#use(plan, selection);
    this.requestUpdate();
    if (this.#quote instanceof QuoteError || !this.#quote) return;
    this.dispatchEvent(
      new GwQuoteChangeEvent({
        planId: plan.id,
        selection: structuredClone(selection),
        quote: this.#quote,
      }),
    );
  }

  #pickPlan(plan: Plan): void {
    const previous = this.#selection;
    const next = defaultSelection(plan, previous?.billing, previous?.region);
    // Keep what the user chose where the new plan allows it.
    const keep = (value: number | undefined, range: { min: number; max: number }) =>
      value !== undefined && value >= range.min && value <= range.max;
    if (previous && keep(previous.seats, plan.seats)) next.seats = previous.seats;
    for (const u of plan.usage) {
      const kept = previous && quantityOf(previous, u.id);
      if (kept !== undefined && keep(kept, u)) next.usage[u.id] = kept;
    }
    this.#change(plan, next);
  }

  async #requestQuote(t: PricingStrings): Promise<void> {
    const client = this.client;
    if (!client || !this.#selection || !this.#planId || this.#request.state === 'sending') return;
    this.#request = { state: 'sending' };
    this.requestUpdate();
    try {
      const body = await client.request<unknown>('/v1/quotes', {
        method: 'POST',
        body: { planId: this.#planId, selection: this.#selection },
      });
      const issued = body as IssuedQuote;
      if (typeof issued?.id !== 'string')
        throw new ApiError(502, 'bad-quote', 'The quote could not be read.');
      this.#request = { state: 'sent', quote: issued };
      this.dispatchEvent(new GwQuoteAcceptEvent({ id: issued.id, quote: issued }));
    } catch (error) {
      const api = error instanceof ApiError ? error : undefined;
      const message = api?.offline
        ? t.requestOffline
        : api?.status === 429
          ? t.requestLimited
          : t.requestFailed;
      this.#request = { state: 'failed', message };
    }
    this.requestUpdate();
  }

  protected override render(): TemplateResult {
    // Another language's table is fetched on first use: the loading state the first time, the
    // table shown so far while switching (no flash of a skeleton).
    this.#table =
      PRICING_TABLES.get(this.resolvedLocale, () => this.requestUpdate()) ?? this.#table;
    const t = this.#table;
    if (!t) return loadingTemplate(PRICING_TABLES_EN.loading, renderSkeleton(), true);
    return this.#plans.render(t, { loading: renderSkeleton, ready: () => this.#calculator(t) });
  }

  #calculator(t: PricingStrings): TemplateResult {
    const plan = this.#plan();
    const selection = this.#selection;
    if (!plan || !selection) return renderSkeleton();
    const locale = this.resolvedLocale;
    const count = (n: number) => formatNumber(n, locale);
    const priced = this.#quote instanceof QuoteError ? undefined : this.#quote;
    const change = (patch: Partial<Selection>) => this.#change(plan, { ...selection, ...patch });
    return html`
      <section part="base" class="calculator" aria-labelledby="heading">
        <h2 part="heading" id="heading">${t.heading}</h2>
        ${renderPlans(this.#plans.value ?? [], plan, t, locale, (p) => this.#pickPlan(p))}
        <div class="options">
          ${renderBilling(plan, selection, t, locale, (billing) => change({ billing }))}
          ${renderRegion(plan, selection, t, locale, (region) => change({ region }))}
        </div>
        ${this.#fields.render({
          key: 'seats',
          label: t.seats,
          value: selection.seats,
          min: plan.seats.min,
          max: plan.seats.max,
          step: 1,
          valueText: (n) => t.seatsValue(count(n)),
          hint: t.seatsHint(
            count(plan.seats.included),
            formatMoney(plan.seats.unitPrice, plan.currency, locale),
          ),
          outOfRange: t.outOfRange(count(plan.seats.min), count(plan.seats.max)),
          onValue: (seats) => change({ seats }),
        })}
        ${plan.usage.map((u) =>
          this.#fields.render({
            key: `usage-${u.id}`,
            label: u.name,
            value: quantityOf(selection, u.id) ?? u.min,
            min: u.min,
            max: u.max,
            step: u.step,
            valueText: (n) => t.quantityValue(count(n), u.unit),
            hint: describeUsage(u, plan.currency, t, locale),
            outOfRange: t.outOfRange(count(u.min), count(u.max)),
            onValue: (q) => change({ usage: { ...selection.usage, [u.id]: q } }),
          }),
        )}
        <section part="summary" class="summary" aria-labelledby="summary-heading">
          <h3 part="summary-heading" id="summary-heading">${t.summary}</h3>
          ${priced ? renderSummary(priced, t, locale) : html`<p part="cannot-price" class="cannot-price">${t.cannotPrice}</p>`}
        </section>
        ${this.client?.canWrite ? this.#requestButton(t, priced !== undefined) : nothing}
      </section>
    `;
  }

  /** "Request this plan": only when the page gives widget tokens (a publishable key is read-only). */
  #requestButton(t: PricingStrings, priced: boolean): TemplateResult {
    const request = this.#request;
    const locale = this.resolvedLocale;
    return html`
        <button part="button" class="request" type="button"
          aria-disabled=${priced && request.state !== 'sending' ? 'false' : 'true'}
          @click=${() => (priced ? this.#requestQuote(t) : undefined)}>
          ${request.state === 'sending' ? t.requesting : t.request}
        </button>
        <div part="status" class="status">
          <p role="status">${request.state === 'sent' ? t.requested(request.quote.id, formatDate(request.quote.expiresAt, locale)) : nothing}</p>
          <p role="alert" class="request-error">${request.state === 'failed' ? request.message : nothing}</p>
        </div>`;
  }
}

function formatDate(ms: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(ms);
}
