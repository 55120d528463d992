/** Events of `<gw-pricing-calculator>`: bubbling, composed, typed, fired on user action only. */

import type { IssuedQuote, Quote, Selection } from '../../contracts/pricing.js';
import { GwEvent } from '../core/events.js';

export interface GwQuoteChangeDetail {
  planId: string;
  selection: Selection;
  /** The quote computed in the browser by the same `quote()` the edge uses. */
  quote: Quote;
}

export interface GwQuoteAcceptDetail {
  /** The edge's quote id (`quo_…`), to hand to your backend. */
  id: string;
  /** The stored, signed quote as the edge returned it. */
  quote: IssuedQuote;
}

/** The user changed the plan, billing period, region, seats or a usage quantity. */
export class GwQuoteChangeEvent extends GwEvent<GwQuoteChangeDetail> {
  constructor(detail: GwQuoteChangeDetail) {
    super('gw-quote-change', detail);
  }
}

/** The edge stored and signed the quote the user requested. */
export class GwQuoteAcceptEvent extends GwEvent<GwQuoteAcceptDetail> {
  constructor(detail: GwQuoteAcceptDetail) {
    super('gw-quote-accept', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gw-quote-change': GwQuoteChangeEvent;
    'gw-quote-accept': GwQuoteAcceptEvent;
  }
}
