/**
 * The demo tenant's support set-up: premium support, staffed around the clock (so the demo
 * never shows "outside hours" unless a story asks for it), and a few knowledge-base articles
 * the chat suggests while a customer types.
 */
import type { SupportSettings } from '../../contracts/chat.js';

export const DEMO_SUPPORT: SupportSettings = {
  tier: 'premium',
  hours: {
    timeZone: 'Asia/Kolkata',
    days: Object.fromEntries(
      (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((d) => [
        d,
        { open: '00:00', close: '24:00' },
      ]),
    ),
  },
  visitors: true,
};

export const DEMO_ARTICLES: {
  slug: string;
  title: string;
  body: string;
  tags: string[];
  url?: string;
}[] = [
  {
    slug: 'international-transfers',
    title: 'Sending an international transfer',
    body: 'International transfers (SWIFT) leave the same business day when sent before 15:00 IST. You need the beneficiary’s IBAN or account number and the SWIFT/BIC code. Fees depend on your plan; the pricing calculator shows them.',
    tags: ['transfer', 'swift', 'payments'],
  },
  {
    slug: 'card-blocked',
    title: 'My business card is blocked',
    body: 'A card is blocked after three wrong PINs or when we see unusual activity. Unblock it in the app under Cards, or ask us in this chat and a person will verify you and unblock it.',
    tags: ['card', 'pin', 'security'],
  },
  {
    slug: 'kyc-documents',
    title: 'Which documents does onboarding need?',
    body: 'For a private limited company: the certificate of incorporation, the PAN card, proof of the registered address and an ID document of each signatory. PDF, PNG or JPEG, up to 10 MB each.',
    tags: ['onboarding', 'kyc', 'documents'],
  },
  {
    slug: 'statements',
    title: 'Downloading account statements',
    body: 'Statements for any period are in the app under Accounts → Statements, as PDF or CSV. Statements older than seven years are archived; ask us for them.',
    tags: ['statement', 'account', 'csv'],
  },
  {
    slug: 'upi-limits',
    title: 'UPI limits for business accounts',
    body: 'Business accounts can send up to ₹5,00,000 per UPI transfer for verified merchants and ₹1,00,000 otherwise. Limits reset at midnight.',
    tags: ['upi', 'limits', 'payments'],
  },
];
