// <gw-onboarding-form> in real Chromium: every preset in light and dark, English and Arabic
// (rtl), axe-core on every step and state; errors inline, in a summary and announced, focus on
// the first field to fix; a whole application from the keyboard-reachable controls to the
// edge with an Idempotency-Key; save (sessionStorage at once, the edge debounced, valid fields
// only) and resume; a cancelled gw-submit; offline and 422 answers; no token; Hindi loaded on
// demand.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { DEMO_CATALOG } from '../../edge/demo/catalog.js';
import '../../widgets/onboarding-form/onboarding-form.js';
import type { Submission } from '../../contracts/applications.js';
import { DEFAULT_PRODUCTS } from '../../contracts/onboarding-products.js';
import type {
  GwApplicationSubmittedEvent,
  GwStepChangeEvent,
  GwSubmitEvent,
} from '../../widgets/onboarding-form/events.js';
import { ONBOARDING_STRINGS_EN as EN } from '../../widgets/onboarding-form/locales.js';
import type { GwOnboardingForm } from '../../widgets/onboarding-form/onboarding-form.component.js';
import { type FakeEdge, fakeEdge, json, mount, PRESETS, rgb, until } from './fixtures.js';

const SERVICE = DEMO_CATALOG.services[0]?.id as string;
const RECEIPT = {
  id: 'app_Abcdefghij0123456789',
  status: 'submitted',
  product: 'business-account',
  createdAt: 1,
};

function onboardingEdge(
  preset: (typeof PRESETS)[number] | null = 'gridworks',
  routes: Parameters<typeof fakeEdge>[1] = {},
  options: { tokens?: boolean } = { tokens: true },
): FakeEdge {
  return fakeEdge(
    preset,
    {
      'GET /v1/catalog': () => json(DEMO_CATALOG),
      'GET /v1/onboarding/products': () => json(DEFAULT_PRODUCTS),
      'GET /v1/applications/draft': () => new Response(null, { status: 204 }),
      'PUT /v1/applications/draft': ({ body }) => json({ ...(body as object), updatedAt: 1 }),
      'POST /v1/applications': () => json(RECEIPT, 201),
      ...routes,
    },
    options,
  );
}

const mounted: HTMLElement[] = [];
async function form(
  edge: FakeEdge,
  options: { locale?: string; mode?: 'light' | 'dark'; attrs?: string } = {},
): Promise<GwOnboardingForm> {
  const { el, container } = await mount<GwOnboardingForm>(
    `<gw-onboarding-form ${options.attrs ?? ''}></gw-onboarding-form>`,
    edge,
    options,
  );
  mounted.push(container);
  await until(() => Boolean(part(el, 'step-heading')), 4000, 'the form');
  return el;
}

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  for (const c of mounted.splice(0)) c.remove();
  sessionStorage.clear();
});

const root = (el: HTMLElement) => el.shadowRoot as ShadowRoot;
const part = (el: HTMLElement, name: string) =>
  root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const field = (el: HTMLElement, name: string) =>
  root(el).querySelector(`[name="${name}"]`) as HTMLInputElement;
const prop = (el: Element, name: string) => getComputedStyle(el).getPropertyValue(name).trim();

async function type(el: GwOnboardingForm, name: string, value: string): Promise<void> {
  const input = field(el, name);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('blur'));
  await el.updateComplete;
}

async function pick(el: GwOnboardingForm, name: string, value: string): Promise<void> {
  const input = root(el).querySelector(
    `[name="${name}"][value="${value}"], select[name="${name}"]`,
  ) as HTMLInputElement | HTMLSelectElement;
  if (input instanceof HTMLSelectElement) input.value = value;
  else input.click();
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

async function next(el: GwOnboardingForm): Promise<void> {
  (part(el, 'button') as HTMLButtonElement).click();
  // Continue may wait for the phone check to load.
  await new Promise((r) => setTimeout(r, 0));
  await el.updateComplete;
}

async function fillCompany(el: GwOnboardingForm): Promise<void> {
  await type(el, 'company.legalName', 'Zephyrine Textiles Private Limited');
  await type(el, 'company.registrationNumbers.0.value', 'U17110MH2019PTC123456');
  await type(el, 'company.incorporationDate', '2019-04-01');
  await type(el, 'company.line1', '42 Marigold Lane');
  await type(el, 'company.city', 'Pune');
  await type(el, 'company.postalCode', '411001');
}

async function fillPeople(el: GwOnboardingForm): Promise<void> {
  await type(el, 'signatories.0.fullName', 'Aurelio Quintanilla');
  await type(el, 'signatories.0.role', 'Director');
  await type(el, 'signatories.0.email', 'aurelio@zephyrine.example');
  await type(el, 'signatories.0.phone', '+91 98123 45678');
}

/** Company → review, every step valid. */
async function fillAll(el: GwOnboardingForm): Promise<void> {
  await fillCompany(el);
  await next(el);
  await pick(el, 'entityType', 'private-limited');
  await next(el);
  await fillPeople(el);
  await next(el);
  await until(() => el.step === 'services', 3000, 'the services step');
  await pick(el, 'services', SERVICE);
  await next(el);
  expect(el.step).to.equal('documents');
  await next(el); // No document is required by the default product.
  await pick(el, 'politicallyExposed', 'no');
  await pick(el, 'sanctioned', 'no');
  (field(el, 'consent') as HTMLInputElement).click();
  await el.updateComplete;
  await next(el);
  expect(el.step).to.equal('review');
}

for (const preset of PRESETS) {
  for (const mode of ['light', 'dark'] as const) {
    for (const locale of ['en', 'ar'] as const) {
      it(`${preset}, ${mode}, ${locale}: themed, mirrored and accessible`, async () => {
        const el = await form(onboardingEdge(preset), { locale, mode });
        await until(() => prop(el, '--gw-sys-color-primary') !== '', 3000, 'the theme');
        await el.updateComplete;
        const button = part(el, 'button') as HTMLElement;
        expect(getComputedStyle(button).backgroundColor).to.equal(
          rgb(prop(el, '--gw-sys-color-primary')),
        );
        expect(prop(el, '--gw-onboarding-form-step-active')).to.match(/^#[0-9a-f]{6}$/);
        expect(el.getAttribute('dir')).to.equal(locale === 'ar' ? 'rtl' : 'ltr');
        if (locale === 'ar') expect(part(el, 'heading')?.textContent).not.to.equal(EN.heading);
        await expect(el).to.be.accessible();
      });
    }
  }
}

for (const preset of PRESETS) {
  for (const locale of ['en', 'ar'] as const) {
    it(`${preset}, ${locale}: every step passes axe-core, errors shown too`, async () => {
      const el = await form(onboardingEdge(preset), {
        locale,
        mode: preset === 'nocturne' ? 'dark' : 'light',
      });
      const seen: string[] = [];
      const check = async () => {
        seen.push(el.step);
        await expect(el).to.be.accessible();
      };
      // The first step with every error showing, then each step as it is filled in.
      await next(el);
      expect(part(el, 'error-summary')).to.exist;
      await check();
      await fillCompany(el);
      await next(el);
      await check();
      await pick(el, 'entityType', 'private-limited');
      await next(el);
      await check();
      await fillPeople(el);
      await next(el);
      await until(() => el.step === 'services', 3000, 'the services step');
      await check();
      await pick(el, 'services', SERVICE);
      await next(el);
      await check();
      await next(el);
      await check();
      await pick(el, 'politicallyExposed', 'no');
      await pick(el, 'sanctioned', 'no');
      (field(el, 'consent') as HTMLInputElement).click();
      await el.updateComplete;
      await next(el);
      await check();
      expect(seen).to.deep.equal([
        'company',
        'entityType',
        'people',
        'services',
        'documents',
        'declarations',
        'review',
      ]);
    });
  }
}

it('Continue on an empty step: inline errors, a summary, an announcement, focus on the first field', async () => {
  const el = await form(onboardingEdge());
  await next(el);
  expect(el.step).to.equal('company');
  const name = field(el, 'company.legalName');
  expect(name.getAttribute('aria-invalid')).to.equal('true');
  const error = root(el).getElementById(`${name.id}-error`);
  expect(error?.textContent).to.equal(EN.errors.required);
  expect(name.getAttribute('aria-describedby')).to.contain(`${name.id}-error`);
  const summary = part(el, 'error-summary') as HTMLElement;
  expect(summary.querySelectorAll('li').length).to.equal(6);
  expect(summary.textContent).to.contain(EN.errorSummary(6));
  expect(root(el).querySelector('[role="status"]')?.textContent).to.contain(EN.errorSummary(6));
  expect(root(el).activeElement).to.equal(name);
  await expect(el).to.be.accessible();
  // Fixing a field takes it out of the summary.
  await type(el, 'company.legalName', 'Zephyrine Textiles');
  expect(name.getAttribute('aria-invalid')).to.equal('false');
  expect(part(el, 'error-summary')?.querySelectorAll('li').length).to.equal(5);
});

it('a registration number is checked by its scheme: a wrong CIN check is refused, a GSTIN must hold the PAN', async () => {
  const el = await form(onboardingEdge());
  await type(el, 'company.registrationNumbers.0.value', 'U17110XX2019PTC123456');
  expect(field(el, 'company.registrationNumbers.0.value').getAttribute('aria-invalid')).to.equal(
    'true',
  );
  await pick(el, 'company.registrationNumbers.0.scheme', 'pan');
  await type(el, 'company.registrationNumbers.0.value', 'AAPFU0939F');
  expect(field(el, 'company.registrationNumbers.0.value').getAttribute('aria-invalid')).to.equal(
    'false',
  );
  (root(el).querySelectorAll('[part~="secondary-button"]')[0] as HTMLButtonElement).click();
  await el.updateComplete;
  await type(el, 'company.registrationNumbers.1.value', '27AAPFU0939F1ZV');
  expect(field(el, 'company.registrationNumbers.1.value').getAttribute('aria-invalid')).to.equal(
    'false',
  );
  await type(el, 'company.registrationNumbers.0.value', 'AAPFU0938F');
  await type(el, 'company.registrationNumbers.1.value', '27AAPFU0939F1ZV');
  const gstin = field(el, 'company.registrationNumbers.1.value');
  expect(gstin.getAttribute('aria-invalid')).to.equal('true');
  expect(root(el).getElementById(`${gstin.id}-error`)?.textContent).to.equal(
    EN.errors.gstin_pan_mismatch,
  );
});

it('a whole application: events in order, one POST with an Idempotency-Key and the typed answers', async () => {
  const current = { ...DEFAULT_PRODUCTS.products[0], id: 'business-current', name: 'Current' };
  const edge = onboardingEdge(undefined, {
    'GET /v1/onboarding/products': () => json({ products: [current] }),
  });
  const el = await form(edge, {
    attrs: 'product="business-current" quote-id="quo_FromTheFakeEdge0001"',
  });
  const changes: GwStepChangeEvent[] = [];
  const submits: GwSubmitEvent[] = [];
  const submitted: GwApplicationSubmittedEvent[] = [];
  el.addEventListener('gw-step-change', (e) => changes.push(e));
  el.addEventListener('gw-submit', (e) => submits.push(e));
  el.addEventListener('gw-application-submitted', (e) => submitted.push(e));
  await fillAll(el);
  expect(changes.map((e) => e.detail.to)).to.deep.equal([
    'entityType',
    'people',
    'services',
    'documents',
    'declarations',
    'review',
  ]);
  expect(root(el).activeElement?.id).to.equal('step-heading');
  await expect(el).to.be.accessible();
  await next(el);
  await until(() => submitted.length === 1, 3000, 'the receipt');
  expect(submits).to.have.length(1);
  expect(submits[0]?.cancelable).to.equal(true);
  const posts = edge.requests.filter((r) => r.method === 'POST' && r.path === '/v1/applications');
  expect(posts).to.have.length(1);
  const body = posts[0]?.body as Submission;
  expect(body.product).to.equal('business-current');
  expect(body.steps.people.signatories[0]?.phone).to.equal('+919812345678');
  expect(body.steps.services?.services).to.deep.equal([SERVICE]);
  expect(body.steps.services?.quoteId).to.equal('quo_FromTheFakeEdge0001');
  expect(body.steps.declarations.consent.text).to.contain('Test Bank');
  expect(Number.isNaN(Date.parse(body.steps.declarations.consent.givenAt))).to.equal(false);
  expect(submitted[0]?.detail.receipt.id).to.equal(RECEIPT.id);
  expect(part(el, 'submitted')?.textContent).to.contain(RECEIPT.id);
  expect(sessionStorage.length).to.equal(0, 'the local copy is gone once the application is in');
  await expect(el).to.be.accessible();
});

it('gw-submit cancelled: nothing is sent', async () => {
  const edge = onboardingEdge();
  const el = await form(edge);
  el.addEventListener('gw-submit', (e) => e.preventDefault());
  await fillAll(el);
  await next(el);
  await new Promise((r) => setTimeout(r, 50));
  expect(edge.requests.some((r) => r.method === 'POST')).to.equal(false);
  expect(el.step).to.equal('review');
});

it('offline at submit: a clear message, and the retry sends the same Idempotency-Key', async () => {
  let down = true;
  const keys: string[] = [];
  const edge = onboardingEdge();
  const el = await form(edge);
  edge.routes.set('POST /v1/applications', () =>
    down ? Promise.reject(new TypeError('offline')) : json(RECEIPT, 201),
  );
  // The fake edge records bodies, not headers: watch the client's requests for the key.
  const client = edge.client as unknown as { request: Request };
  type Request = (path: string, init?: { headers?: Record<string, string> }) => Promise<unknown>;
  const original = client.request.bind(edge.client);
  client.request = (path, init) => {
    const key = init?.headers?.['idempotency-key'];
    if (key) keys.push(key);
    return original(path, init);
  };
  await fillAll(el);
  await next(el);
  await until(() => Boolean(root(el).querySelector('.submit-error')), 3000, 'the failure');
  expect(root(el).querySelector('.submit-error')?.textContent).to.equal(EN.submitOffline);
  down = false;
  await next(el);
  await until(() => Boolean(part(el, 'submitted')), 3000, 'the receipt');
  expect(keys).to.have.length(2);
  expect(keys[0]).to.equal(keys[1]);
});

it('a 422 from the edge lands on its field, on its step', async () => {
  const edge = onboardingEdge(undefined, {
    'POST /v1/applications': () =>
      json(
        {
          type: 'https://docs.gridworks.example/problems/validation-failed',
          status: 422,
          detail: 'The request does not match the schema.',
          errors: [
            {
              path: '/steps/company/registeredAddress/city',
              code: 'custom',
              message: 'City not served',
            },
          ],
        },
        422,
      ),
  });
  const el = await form(edge);
  await fillAll(el);
  await next(el);
  await until(() => el.step === 'company', 3000, 'the company step');
  const city = field(el, 'company.city');
  expect(city.getAttribute('aria-invalid')).to.equal('true');
  expect(root(el).getElementById(`${city.id}-error`)?.textContent).to.equal('City not served');
  expect(root(el).activeElement).to.equal(city);
});

it('saves at once to sessionStorage and, debounced, only valid fields to the edge', async () => {
  const edge = onboardingEdge();
  const el = await form(edge);
  await type(el, 'company.legalName', 'Zephyrine Textiles');
  expect(sessionStorage.length).to.equal(1);
  await fillCompany(el);
  await next(el);
  await pick(el, 'entityType', 'llp');
  await next(el);
  await type(el, 'signatories.0.fullName', 'Aurelio Q');
  await type(el, 'signatories.0.email', 'aurelio@'); // not yet an email
  await until(
    () =>
      edge.requests.some((r) => r.method === 'PUT' && JSON.stringify(r.body).includes('Aurelio Q')),
    4000,
    'the draft save',
  );
  const puts = edge.requests.filter((r) => r.method === 'PUT');
  const last = puts.at(-1)?.body as {
    step: string;
    steps: { people: { signatories: { email?: string }[] } };
  };
  expect(last.step).to.equal('people');
  expect(last.steps.people.signatories[0]?.email).to.equal(undefined);
  expect(puts.length).to.be.below(6, 'debounced, not one save per keystroke');
  await until(() => part(el, 'save-status')?.textContent === EN.saved, 3000, 'the saved line');
});

it('resumes the edge draft at its step (a new tab), and this tab’s newer copy over it', async () => {
  const draft = {
    step: 'people',
    updatedAt: 5,
    steps: {
      company: { legalName: 'Resumed Textiles' },
      entityType: { entityType: 'trust' },
      people: { signatories: [{ fullName: 'Ottoline B' }] },
    },
  };
  const edge = onboardingEdge(undefined, { 'GET /v1/applications/draft': () => json(draft) });
  const el = await form(edge);
  expect(el.step).to.equal('people');
  expect(field(el, 'signatories.0.fullName').value).to.equal('Ottoline B');
  expect(el.answers.company.legalName).to.equal('Resumed Textiles');
  expect(root(el).textContent).to.contain(EN.resumed);
  await expect(el).to.be.accessible();
  (mounted.pop() as HTMLElement).remove();
  // A copy in this tab, newer than the edge's: it wins (it holds what was not valid yet too).
  const again = await form(edge);
  await type(again, 'signatories.0.email', 'half@');
  (mounted.pop() as HTMLElement).remove();
  const third = await form(edge);
  expect(field(third, 'signatories.0.email').value).to.equal('half@');
});

it('Back keeps the answers; keyboard Enter continues', async () => {
  const el = await form(onboardingEdge());
  await fillCompany(el);
  field(el, 'company.city').focus();
  await sendKeys({ press: 'Enter' });
  await until(() => el.step === 'entityType', 3000, 'the next step');
  await pick(el, 'entityType', 'trust');
  (root(el).querySelector('[part~="secondary-button"]') as HTMLButtonElement).click();
  await el.updateComplete;
  expect(el.step).to.equal('company');
  expect(field(el, 'company.legalName').value).to.equal('Zephyrine Textiles Private Limited');
});

it('without widget tokens it says what the page must do', async () => {
  const { el: f, container } = await mount<GwOnboardingForm>(
    '<gw-onboarding-form></gw-onboarding-form>',
    onboardingEdge(undefined, {}, { tokens: false }),
  );
  mounted.push(container);
  await until(() => Boolean(part(f, 'error-state')), 3000, 'the message');
  expect(part(f, 'error-state')?.textContent).to.contain(EN.needsToken);
  await expect(f).to.be.accessible();
});

it('Hindi is fetched on demand and shown; the phone error is translated', async () => {
  const el = await form(onboardingEdge(), { locale: 'hi' });
  await until(() => part(el, 'heading')?.textContent !== EN.heading, 3000, 'the Hindi table');
  expect(el.getAttribute('lang')).to.equal('hi');
  await fillCompany(el);
  await next(el);
  await pick(el, 'entityType', 'llp');
  await next(el);
  await type(el, 'signatories.0.phone', '98123');
  const phone = field(el, 'signatories.0.phone');
  await until(() => phone.getAttribute('aria-invalid') === 'true', 3000, 'the phone verdict');
  const message = root(el).getElementById(`${phone.id}-error`)?.textContent ?? '';
  expect(message).not.to.equal('');
  expect(Object.values(EN.errors)).not.to.include(message);
  await expect(el).to.be.accessible();
});

/**
 * XMLHttpRequest as the edge's upload route answers it (uploads go by XHR for their progress;
 * the fake edge answers fetch only): progress in two steps, then `answer(bytes)`.
 */
function fakeUploads(answer: (size: number, url: string) => { status: number; body: unknown }) {
  const sent: { url: string; headers: Record<string, string>; size: number }[] = [];
  const original = globalThis.XMLHttpRequest;
  class FakeXhr {
    upload: { onprogress: ((e: { loaded: number; total: number }) => void) | null } = {
      onprogress: null,
    };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    status = 0;
    responseText = '';
    #url = '';
    #headers: Record<string, string> = {};
    open(_method: string, url: string) {
      this.#url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.#headers[name.toLowerCase()] = value;
    }
    abort() {
      this.onabort?.();
    }
    send(body: Blob) {
      sent.push({ url: this.#url, headers: this.#headers, size: body.size });
      setTimeout(() => this.upload.onprogress?.({ loaded: body.size / 2, total: body.size }), 5);
      setTimeout(() => {
        const { status, body: answerBody } = answer(body.size, this.#url);
        this.status = status;
        this.responseText = JSON.stringify(answerBody);
        this.onload?.();
      }, 30);
    }
  }
  globalThis.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
  return {
    sent,
    restore: () => {
      globalThis.XMLHttpRequest = original;
    },
  };
}

async function chooseFile(el: GwOnboardingForm, kind: string, file: File): Promise<void> {
  const input = field(el, `documents.${kind}`);
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

async function toDocuments(el: GwOnboardingForm): Promise<void> {
  await fillCompany(el);
  await next(el);
  await pick(el, 'entityType', 'private-limited');
  await next(el);
  await fillPeople(el);
  await next(el);
  await until(() => el.step === 'services', 3000, 'the services step');
  await pick(el, 'services', SERVICE);
  await next(el);
  expect(el.step).to.equal('documents');
}

it('documents: progress, then the file; the edge’s refusal says why; a required one is asked for; the submission carries the ids', async () => {
  const uploads = fakeUploads((size) =>
    size > 20
      ? {
          status: 201,
          body: {
            id: 'doc_Abcdefghij0123456789',
            kind: 'certificate-of-incorporation',
            name: 'certificate.pdf',
            type: 'application/pdf',
            size,
            sha256: 'x',
          },
        }
      : {
          status: 415,
          body: {
            type: 'https://docs.gridworks.example/problems/unsupported-document-type',
            detail: 'application/x-msdownload',
          },
        },
  );
  try {
    const products = {
      products: [
        {
          id: 'business-account',
          name: 'Business account',
          steps: ['services', 'documents'],
          requiredDocuments: ['certificate-of-incorporation'],
        },
      ],
    };
    const edge = onboardingEdge(undefined, { 'GET /v1/onboarding/products': () => json(products) });
    const el = await form(edge);
    await toDocuments(el);
    await expect(el).to.be.accessible();
    // Required and missing: Continue asks for it, on its input.
    await next(el);
    expect(el.step).to.equal('documents');
    const certificate = field(el, 'documents.certificate-of-incorporation');
    expect(certificate.getAttribute('aria-invalid')).to.equal('true');
    expect(root(el).getElementById(`${certificate.id}-error`)?.textContent).to.equal(
      EN.errors.document_required,
    );
    // A refused file: its reason, by the edge's problem type.
    await chooseFile(el, 'certificate-of-incorporation', new File(['MZ'], 'invoice.pdf'));
    await until(
      () => Boolean(root(el).querySelector('.field-error')?.textContent?.includes(EN.upload.type)),
      3000,
      'the refusal',
    );
    // An accepted one: progress, then the file listed, announced.
    await chooseFile(
      el,
      'certificate-of-incorporation',
      new File(['%PDF-1.7 a real enough certificate'], 'certificate.pdf'),
    );
    await until(() => Boolean(part(el, 'upload-progress')), 3000, 'the progress bar');
    await until(() => Boolean(part(el, 'document-item')), 3000, 'the uploaded file');
    expect(part(el, 'document-item')?.textContent).to.contain('certificate.pdf');
    expect(uploads.sent.at(-1)?.url).to.contain(
      '/v1/applications/documents?kind=certificate-of-incorporation',
    );
    expect(uploads.sent.at(-1)?.headers.authorization).to.match(/^Bearer /);
    expect(uploads.sent.at(-1)?.headers['x-file-name']).to.equal('certificate.pdf');
    await expect(el).to.be.accessible();
    await next(el);
    expect(el.step).to.equal('declarations');
    await pick(el, 'politicallyExposed', 'no');
    await pick(el, 'sanctioned', 'no');
    (field(el, 'consent') as HTMLInputElement).click();
    await el.updateComplete;
    await next(el);
    await next(el);
    await until(() => Boolean(part(el, 'submitted')), 3000, 'the receipt');
    const post = edge.requests.find((r) => r.method === 'POST' && r.path === '/v1/applications');
    expect((post?.body as Submission | undefined)?.steps.documents?.documents).to.deep.equal([
      { id: 'doc_Abcdefghij0123456789', kind: 'certificate-of-incorporation' },
    ]);
  } finally {
    uploads.restore();
  }
});

it('a file over 10 MB is refused before it is sent', async () => {
  const uploads = fakeUploads(() => ({ status: 500, body: {} }));
  try {
    const el = await form(onboardingEdge());
    await toDocuments(el);
    await chooseFile(el, 'identity', new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'huge.pdf'));
    expect(root(el).querySelector('.field-error')?.textContent).to.contain(EN.upload.tooLarge);
    expect(uploads.sent).to.have.length(0);
  } finally {
    uploads.restore();
  }
});

it('a product the bank does not offer: an error state, nothing to fill in', async () => {
  const edge = onboardingEdge();
  const { el, container } = await mount<GwOnboardingForm>(
    '<gw-onboarding-form product="no-such-product"></gw-onboarding-form>',
    edge,
  );
  mounted.push(container);
  await until(() => Boolean(part(el, 'error-state')), 3000, 'the error state');
  expect(part(el, 'step')).to.equal(null);
  await expect(el).to.be.accessible();
});
