/**
 * `<gw-onboarding-form>`: the multi-step onboarding (KYC) form against the mock edge — the first
 * step, validation errors, a resumed draft, the review, offline and a page without widget tokens.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { ONBOARDING_STRINGS_EN as en } from '../widgets/onboarding-form/locales.js';
import '../widgets/onboarding-form/onboarding-form.js';
import type { GwOnboardingForm } from '../widgets/onboarding-form/onboarding-form.component.js';
import { provider, storyGlobals } from './support/globals.js';
import { answer } from './support/mock-edge.js';
import { goOffline } from './support/offline.js';
import { gw } from './support/parameters.js';

const TAG = 'gw-onboarding-form';

const meta: Meta = {
  title: 'Widgets/Onboarding form',
  component: TAG,
  render: () => html`<gw-onboarding-form product="business-account"></gw-onboarding-form>`,
};
export default meta;

type Story = StoryObj;

const shadow = (canvas: HTMLElement) => {
  const el = canvas.querySelector(TAG) as GwOnboardingForm;
  return () => el.shadowRoot as ShadowRoot;
};

const RESUMED = {
  step: 'people',
  updatedAt: 1,
  steps: {
    company: {
      legalName: 'Zephyrine Textiles Private Limited',
      registrationNumbers: [{ scheme: 'cin', value: 'U17110MH2019PTC123456' }],
      incorporationDate: '2019-04-01',
      registeredAddress: {
        line1: '42 Marigold Lane',
        city: 'Pune',
        postalCode: '411001',
        country: 'IN',
      },
    },
    entityType: { entityType: 'private-limited' },
    people: { signatories: [{ fullName: 'Aurelio Quintanilla', role: 'Director' }] },
  },
};

export const CompanyStep: Story = {
  name: 'Company (first step)',
  parameters: gw({
    shows: {
      [TAG]: {
        '[part~="progress-step"]': 7,
        '[part~="step-heading"]': en.steps.company,
        '[part~="field-error"]': 0,
      },
    },
  }),
};

export const ValidationErrors: Story = {
  name: 'Validation errors',
  tags: ['!autodocs'],
  parameters: gw({ shows: { [TAG]: { '[part~="error-summary"]': en.errorSummary(6) } } }),
  play: async ({ canvasElement }) => {
    const root = shadow(canvasElement);
    await waitFor(() => expect(root().querySelector('[part~="button"]')).toBeTruthy(), {
      timeout: 5000,
    });
    root().querySelector<HTMLButtonElement>('[part~="button"]')?.click();
    await waitFor(() => expect(root().querySelector('[part~="error-summary"]')).toBeTruthy());
  },
};

export const ResumedDraft: Story = {
  name: 'Resumed draft (people step)',
  tags: ['!autodocs'],
  parameters: {
    msw: { handlers: { draft: answer.draft(RESUMED) } },
    ...gw({
      shows: { [TAG]: { '[part~="step-heading"]': en.steps.people, '[part~="person"]': 1 } },
    }),
  },
};

export const Review: Story = {
  tags: ['!autodocs'],
  parameters: {
    msw: {
      handlers: {
        draft: answer.draft({
          ...RESUMED,
          step: 'review',
          steps: {
            ...RESUMED.steps,
            people: {
              signatories: [
                {
                  fullName: 'Aurelio Quintanilla',
                  role: 'Director',
                  email: 'aurelio@zephyrine.example',
                  phone: '+919812345678',
                },
              ],
            },
            services: { services: ['fraud-sentinel'] },
            declarations: { politicallyExposed: false, sanctioned: false },
          },
        }),
      },
    },
    ...gw({ shows: { [TAG]: { '[part~="review"]': true, '[part~="button"]': en.submit } } }),
  },
};

const COMPLETE = {
  ...RESUMED,
  step: 'review',
  steps: {
    ...RESUMED.steps,
    people: {
      signatories: [
        {
          fullName: 'Aurelio Quintanilla',
          role: 'Director',
          email: 'aurelio@zephyrine.example',
          phone: '+919812345678',
        },
      ],
    },
    services: { services: ['fraud-sentinel'] },
    declarations: {
      politicallyExposed: false,
      sanctioned: false,
      consent: { accepted: true, text: 'I agree.', givenAt: '2026-11-30T10:00:00.000Z' },
    },
  },
};

/** The whole application submitted: the confirmation with the application's id. */
export const Submitted: Story = {
  tags: ['!autodocs'],
  parameters: {
    msw: { handlers: { draft: answer.draft(COMPLETE) } },
    ...gw({ shows: { [TAG]: { '[part~="submitted"]': 'app_StoryApplication0001' } } }),
  },
  play: async ({ canvasElement }) => {
    const root = shadow(canvasElement);
    await waitFor(() => expect(root().querySelector('[part~="review"]')).toBeTruthy(), {
      timeout: 5000,
    });
    root().querySelector<HTMLButtonElement>('[part~="button"]')?.click();
    await waitFor(() => expect(root().querySelector('[part~="submitted"]')).toBeTruthy(), {
      timeout: 5000,
    });
  },
};

/** A file the edge refuses (not a PDF, PNG or JPEG, whatever its name): the reason, on its field. */
export const UploadFailure: Story = {
  name: 'Upload failure',
  tags: ['!autodocs'],
  parameters: {
    msw: {
      handlers: {
        draft: answer.draft({ ...RESUMED, step: 'documents', steps: { ...COMPLETE.steps } }),
        documents: answer.refusedUploads(),
      },
    },
    ...gw({
      failing: ['/v1/applications/documents'],
      shows: { [TAG]: { '[part~="field-error"]': en.upload.type } },
    }),
  },
  play: async ({ canvasElement }) => {
    const root = shadow(canvasElement);
    await waitFor(
      () =>
        expect(
          root().querySelector('[name="documents.certificate-of-incorporation"]'),
        ).toBeTruthy(),
      { timeout: 5000 },
    );
    const input = root().querySelector<HTMLInputElement>(
      '[name="documents.certificate-of-incorporation"]',
    ) as HTMLInputElement;
    const transfer = new DataTransfer();
    transfer.items.add(new File(['MZ not a pdf'], 'certificate.pdf'));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect(root().querySelector('[part~="field-error"]')).toBeTruthy(), {
      timeout: 5000,
    });
  },
};

export const Loading: Story = {
  tags: ['!autodocs'],
  parameters: {
    msw: { handlers: { draft: answer.pending('/v1/applications/draft') } },
    ...gw({ shows: { [TAG]: { '[part~="skeleton"]': true, '[part~="step"]': 0 } } }),
  },
};

/** Opened without a connection: nothing loads; answers typed earlier stay in this tab. */
export const Offline: Story = {
  tags: ['!autodocs'],
  beforeEach: goOffline,
  parameters: gw({
    themed: false,
    shows: { [TAG]: { '[part~="offline-state"]': true, '[part~="retry-button"]': en.retry } },
  }),
};

/** A page with the publishable key only: the form cannot save, and says what the page must do. */
export const WithoutTokens: Story = {
  name: 'Without widget tokens',
  tags: ['!autodocs'],
  parameters: gw({ provider: false, shows: { [TAG]: { '[part~="error-state"]': en.needsToken } } }),
  render: (_args, { globals }) =>
    provider(storyGlobals(globals), html`<gw-onboarding-form></gw-onboarding-form>`, {
      tokens: false,
    }),
};
