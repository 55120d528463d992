/**
 * The demo tenant's catalog: four categories, ten services, two or three tiers each. Seeded for
 * the demo bank and used by stories and tests; it must pass `catalogSchema` (a test checks).
 */
import type { Catalog, CatalogSla, CatalogTier } from '../../contracts/catalog.js';

const inr = (rupees: number, period: 'month' | 'year' = 'month') => ({
  amountMinor: rupees * 100,
  currency: 'INR',
  period,
});

const sla = (uptimePercent: number, supportResponseMinutes: number): CatalogSla => ({
  uptimePercent,
  supportResponseMinutes,
});

const growth = (features: string[], rupees: number): CatalogTier => ({
  id: 'growth',
  name: 'Growth',
  features,
  sla: sla(99.9, 240),
  priceFrom: inr(rupees),
});

const enterprise = (features: string[], rupees: number): CatalogTier => ({
  id: 'enterprise',
  name: 'Enterprise',
  features,
  sla: sla(99.95, 60),
  priceFrom: inr(rupees),
});

// Quantum is priced per engagement: no "from" price.
const quantum = (features: string[]): CatalogTier => ({
  id: 'quantum',
  name: 'Quantum',
  features,
  sla: sla(99.99, 15),
});

export const DEMO_CATALOG: Catalog = {
  categories: [
    { id: 'ai-suite', name: 'AI Suite' },
    { id: 'private-wealth', name: 'Private Wealth' },
    { id: 'trading-infrastructure', name: 'Trading Infrastructure' },
    { id: 'banking-as-a-service', name: 'Banking-as-a-Service' },
  ],
  services: [
    {
      id: 'fraud-sentinel',
      name: 'Fraud Sentinel',
      category: 'ai-suite',
      summary:
        'Real-time fraud scoring for cards, UPI and wire payments, with reasons an analyst can read and act on.',
      regions: ['IN', 'SG', 'AE', 'EU', 'UK'],
      compliance: ['RBI', 'PCI-DSS', 'SOC2', 'ISO27001', 'GDPR'],
      tiers: [
        growth(
          ['Scores up to 1 million transactions a month', 'Rules console', 'Email alerts'],
          49_999,
        ),
        enterprise(
          [
            'Scores up to 50 million transactions a month',
            'Custom models on your data',
            'Case management',
            'SIEM export',
          ],
          2_49_999,
        ),
        quantum([
          'Unlimited volume',
          'Dedicated model risk team',
          'On-premises scoring',
          'Consortium signals',
        ]),
      ],
    },
    {
      id: 'kyc-copilot',
      name: 'KYC Copilot',
      category: 'ai-suite',
      summary:
        'Document, face-match and liveness checks with sanctions and PEP screening, in one onboarding call.',
      regions: ['IN', 'SG', 'AE', 'UK'],
      compliance: ['RBI', 'SEBI', 'MAS', 'GDPR', 'ISO27001'],
      tiers: [
        growth(
          ['Aadhaar offline XML and PAN checks', 'Passive liveness', 'Sanctions screening'],
          29_999,
        ),
        enterprise(
          ['Video KYC with agent console', 'Ongoing PEP monitoring', 'Audit-ready evidence packs'],
          1_49_999,
        ),
        quantum([
          'Multi-country document coverage',
          'Custom risk policies',
          'Named compliance partner',
        ]),
      ],
    },
    {
      id: 'credit-decisioning',
      name: 'Credit Decisioning',
      category: 'ai-suite',
      summary:
        'Explainable underwriting that blends bureau, bank-statement and GST data into one decision in seconds.',
      regions: ['IN', 'AE', 'US'],
      compliance: ['RBI', 'SOC2', 'ISO27001'],
      tiers: [
        growth(['Bank-statement analysis', 'Bureau pull', 'Scorecard builder'], 39_999),
        enterprise(
          [
            'GST and account-aggregator data',
            'Champion–challenger testing',
            'Adverse-action reasons',
          ],
          1_99_999,
        ),
      ],
    },
    {
      id: 'advisory-desk',
      name: 'Advisory Desk',
      category: 'private-wealth',
      summary:
        'Goal-based planning, model portfolios and a relationship-manager workbench for advisory mandates.',
      regions: ['IN', 'SG', 'AE', 'UK'],
      compliance: ['SEBI', 'MAS', 'GDPR', 'SOC2'],
      tiers: [
        growth(['Up to 500 client portfolios', 'Goal planner', 'Quarterly statements'], 59_999),
        enterprise(
          ['Unlimited portfolios', 'Rebalancing engine', 'Suitability checks', 'RM mobile app'],
          2_99_999,
        ),
        quantum([
          'Discretionary mandates',
          'Custom model portfolios',
          'White-glove data migration',
        ]),
      ],
    },
    {
      id: 'family-office-ledger',
      name: 'Family Office Ledger',
      category: 'private-wealth',
      summary:
        'Consolidated reporting across custodians, private markets and real assets, reconciled daily.',
      regions: ['SG', 'AE', 'EU', 'UK', 'US'],
      compliance: ['MAS', 'GDPR', 'SOC2', 'ISO27001'],
      tiers: [
        enterprise(
          ['Up to 20 custodian feeds', 'Look-through reporting', 'Capital-call tracking'],
          3_99_999,
        ),
        quantum(['Unlimited feeds', 'Entity structuring views', 'Dedicated reconciliation desk']),
      ],
    },
    {
      id: 'smart-order-router',
      name: 'Smart Order Router',
      category: 'trading-infrastructure',
      summary:
        'Low-latency order routing across NSE, BSE, SGX and LSE with pre-trade risk checks built in.',
      regions: ['IN', 'SG', 'UK', 'US'],
      compliance: ['SEBI', 'MAS', 'ISO27001', 'SOC2'],
      tiers: [
        growth(['Two venues', 'Pre-trade risk limits', 'FIX 4.4 gateway'], 99_999),
        enterprise(
          ['All supported venues', 'Algo strategies (TWAP, VWAP)', 'Co-located gateways'],
          4_99_999,
        ),
        quantum(['Sub-millisecond routing', 'Custom algorithms', 'Dedicated network links']),
      ],
    },
    {
      id: 'market-data-hub',
      name: 'Market Data Hub',
      category: 'trading-infrastructure',
      summary:
        'Normalised real-time and historical market data for equities, derivatives and FX, over one API.',
      regions: ['IN', 'SG', 'AE', 'EU', 'UK', 'US'],
      compliance: ['SOC2', 'ISO27001'],
      tiers: [
        growth(['Delayed data', '10 years of daily history', 'REST API'], 19_999),
        enterprise(['Real-time streaming', 'Tick history', 'WebSocket and FIX feeds'], 1_99_999),
      ],
    },
    {
      id: 'virtual-accounts',
      name: 'Virtual Accounts & Collections',
      category: 'banking-as-a-service',
      summary:
        'Virtual account numbers and UPI collect requests with automatic reconciliation into your ledger.',
      regions: ['IN', 'AE'],
      compliance: ['RBI', 'PCI-DSS', 'ISO27001'],
      tiers: [
        growth(
          ['Up to 10,000 virtual accounts', 'UPI collect', 'Daily reconciliation file'],
          24_999,
        ),
        enterprise(
          ['Unlimited virtual accounts', 'Real-time webhooks', 'Custom remitter rules'],
          99_999,
        ),
        quantum(['Dedicated IFSC sub-member', 'Escrow structures', 'Named relationship manager']),
      ],
    },
    {
      id: 'card-issuing',
      name: 'Card Issuing',
      category: 'banking-as-a-service',
      summary:
        'Issue virtual and physical debit and prepaid cards, with tokenisation and spend controls.',
      regions: ['IN', 'SG', 'AE', 'EU', 'UK'],
      compliance: ['RBI', 'PCI-DSS', 'SOC2', 'MAS', 'GDPR'],
      tiers: [
        growth(['Virtual cards', 'Spend controls', 'Apple Pay and Google Pay'], 74_999),
        enterprise(['Physical cards', 'Custom card programmes', 'Dispute workflows'], 3_49_999),
        quantum(['Multi-currency programmes', 'Own BIN sponsorship', 'Dedicated issuer processor']),
      ],
    },
    {
      id: 'payouts-api',
      name: 'Payouts API',
      category: 'banking-as-a-service',
      summary:
        'Bulk and instant payouts over IMPS, NEFT, RTGS, FAST and SEPA Instant, with beneficiary checks.',
      regions: ['IN', 'SG', 'EU', 'UK'],
      compliance: ['RBI', 'PCI-DSS', 'GDPR', 'SOC2'],
      tiers: [
        growth(['IMPS and NEFT payouts', 'Beneficiary name check', 'Bulk file upload'], 14_999),
        enterprise(
          ['RTGS, FAST and SEPA Instant', 'Approval workflows', 'Real-time status webhooks'],
          89_999,
        ),
      ],
    },
  ],
};
