/**
 * The demo tenant's pricing plans (INR): seats plus two usage components, one priced in
 * graduated tiers and one in volume tiers. Parsed here, so a broken seed fails at boot.
 */

import { type PricingPlans, STANDARD_TAXES } from '../../contracts/pricing.js';
import { pricingPlansSchema } from '../../contracts/pricing-schemas.js';

const regions = Object.entries(STANDARD_TAXES).map(([region, taxes]) => ({
  region,
  taxes: taxes.map((t) => ({ ...t })),
}));

export const DEMO_PLANS: PricingPlans = pricingPlansSchema.parse({
  plans: [
    {
      id: 'growth',
      name: 'Growth',
      description: 'For teams launching embedded payments and alerts.',
      currency: 'INR',
      baseFee: 4_999_00,
      seats: { unitPrice: 499_00, included: 3, min: 1, max: 200, default: 10 },
      usage: [
        {
          id: 'api-calls',
          name: 'API calls',
          unit: 'calls',
          mode: 'graduated',
          per: 1000,
          // First 10,000 free, then ₹25 per 1,000 up to 1 lakh, then ₹15 per 1,000.
          tiers: [
            { upTo: 10_000, unitPrice: 0 },
            { upTo: 100_000, unitPrice: 25_00 },
            { upTo: null, unitPrice: 15_00 },
          ],
          min: 0,
          max: 5_000_000,
          default: 50_000,
          step: 1_000,
        },
        {
          id: 'sms',
          name: 'SMS alerts',
          unit: 'messages',
          mode: 'volume',
          // Every message at the rate of the band the month's total reaches.
          tiers: [
            { upTo: 10_000, unitPrice: 25 },
            { upTo: 100_000, unitPrice: 20 },
            { upTo: null, unitPrice: 15 },
          ],
          min: 0,
          max: 1_000_000,
          default: 20_000,
          step: 500,
        },
      ],
      annualDiscountBp: 1500,
      regions,
    },
    {
      id: 'enterprise',
      name: 'Enterprise',
      description: 'Volume pricing, a dedicated manager and a 99.95% uptime commitment.',
      currency: 'INR',
      baseFee: 49_999_00,
      seats: { unitPrice: 399_00, included: 25, min: 10, max: 5_000, default: 50 },
      usage: [
        {
          id: 'api-calls',
          name: 'API calls',
          unit: 'calls',
          mode: 'graduated',
          per: 1000,
          tiers: [
            { upTo: 100_000, unitPrice: 0 },
            { upTo: 1_000_000, unitPrice: 18_00 },
            { upTo: 10_000_000, unitPrice: 10_00 },
            { upTo: null, unitPrice: 6_00 },
          ],
          min: 0,
          max: 50_000_000,
          default: 500_000,
          step: 10_000,
        },
        {
          id: 'sms',
          name: 'SMS alerts',
          unit: 'messages',
          mode: 'volume',
          tiers: [
            { upTo: 100_000, unitPrice: 18 },
            { upTo: 1_000_000, unitPrice: 14 },
            { upTo: null, unitPrice: 10, flatFee: 5_000_00 },
          ],
          min: 0,
          max: 10_000_000,
          default: 200_000,
          step: 5_000,
        },
      ],
      annualDiscountBp: 2000,
      regions,
    },
  ],
});
