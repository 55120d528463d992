import { define } from '../core/define.js';
import { GwPricingCalculator } from './pricing-calculator.component.js';

export type { IssuedQuote, Plan, Quote, Selection } from '../../contracts/pricing.js';
export type {
  GwQuoteAcceptDetail,
  GwQuoteAcceptEvent,
  GwQuoteChangeDetail,
  GwQuoteChangeEvent,
} from './events.js';
export { GwPricingCalculator };

define('gw-pricing-calculator', GwPricingCalculator);

declare global {
  interface HTMLElementTagNameMap {
    'gw-pricing-calculator': GwPricingCalculator;
  }
}
