import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { ApplicationReceipt, Draft, Submission } from '../../contracts/applications.js';
import type { Catalog } from '../../contracts/catalog.js';
import type { OnboardingProduct, OnboardingProducts } from '../../contracts/onboarding-products.js';
import { ApiError } from '../core/api-client.js';
import { GwElement } from '../core/gw-element.js';
import { LoadController } from '../core/load-controller.js';
import { loadingTemplate, stateTemplate } from '../core/states.js';
import { hostReset, stateStyles } from '../core/styles.js';
import { DocumentUploads } from './documents.js';
import { DraftSaver, type LocalCopy, type SaveStatus } from './draft-saver.js';
import { GwApplicationSubmittedEvent, GwStepChangeEvent, GwSubmitEvent } from './events.js';
import { errorText, fieldId, inputField, radioGroup, selectField } from './fields.js';
import { ONBOARDING_STRINGS, ONBOARDING_STRINGS_EN, type OnboardingStrings } from './locales.js';
import {
  emptyContact,
  emptySignatory,
  emptyState,
  FORM_STEPS,
  type FormState,
  type FormStep,
  fromDraft,
  type Scheme,
  toDraft,
  toSubmission,
} from './model.js';
import { styles } from './onboarding-form.styles.js';
import {
  type Checked,
  checkStep,
  ENTITY_TYPES,
  type Errors,
  type FieldError,
  formPathOf,
  type PhoneChecker,
  SCHEMES,
  stepOfPath,
} from './validate.js';

/** Countries the registered address may be in (the form's phone and registration rules). */
const COUNTRIES = ['IN', 'GB', 'AE', 'FR', 'ES', 'US'] as const;
const IN_FLIGHT_RETRIES = 5;

interface Loaded {
  services: { id: string; name: string }[];
  bank: string;
  resumed: boolean;
  /** The product applied for, as the tenant configured it (its optional steps, documents). */
  product: OnboardingProduct;
}

type SubmitState =
  | { state: 'idle' }
  | { state: 'sending' }
  | { state: 'sent'; receipt: ApplicationReceipt }
  | { state: 'failed'; message: string };

/**
 * @tagname gw-onboarding-form
 * @summary A multi-step business onboarding (KYC) form: company, entity type, signatories and
 * contacts, services, documents, declarations, review and submit — saved as the customer types and
 * resumed after a reload, a new tab or a lost connection.
 *
 * Every field is checked by the same rules the edge applies (India's CIN, GSTIN and PAN with
 * their check characters, UK company numbers, phone numbers through libphonenumber-js); errors
 * show inline and in a summary at the top of the step, are announced, and focus moves to the
 * first field to fix. The edge validates again; its answers land on the same fields.
 *
 * The form writes (drafts and the application), so it needs widget tokens scoped
 * `onboarding:write` (`<gw-provider>`'s `fetchToken`, or the embed's `data-token-url`): the
 * token's `sub` is the customer whose draft is resumed. With a publishable key alone it says so.
 *
 * @event {GwStepChangeEvent} gw-step-change - The customer moved to another step.
 *   `detail`: `{ from, to, index }`.
 * @event {GwSubmitEvent} gw-submit - Cancelable, fired before the application is sent.
 *   `detail`: `{ submission }`; `preventDefault()` keeps it from being sent.
 * @event {GwApplicationSubmittedEvent} gw-application-submitted - The edge accepted the
 *   application. `detail`: `{ receipt }` (`id`, `status`, `product`, `createdAt`).
 * @event gw-load - The form loaded (`detail.ok`) or failed (`detail.error`: the problem type).
 *
 * @csspart base - The form.
 * @csspart heading - The title.
 * @csspart progress - The step list (an ordered list).
 * @csspart progress-step - One step in it; also `progress-step-current` or `progress-step-done`.
 * @csspart step-marker - The number in a progress step's circle.
 * @csspart step - The current step's section.
 * @csspart step-heading - The current step's heading (focused on a step change).
 * @csspart error-summary - The list of problems at the top of the step.
 * @csspart field - A field: label, control, hint and error.
 * @csspart label - A field's label.
 * @csspart input - A text, email, phone or date input.
 * @csspart select - A select.
 * @csspart hint - A field's hint.
 * @csspart field-error - A field's error.
 * @csspart choice-group - A group of radio buttons or checkboxes (fieldset).
 * @csspart legend - A group's caption.
 * @csspart choice - One radio button or checkbox with its label.
 * @csspart person - One signatory's or contact's fields.
 * @csspart document - One kind of document: its label, file input, progress and files.
 * @csspart file - A document's file input (also `input`).
 * @csspart upload-progress - The progress bar of an upload under way.
 * @csspart documents - The list of a kind's uploaded files.
 * @csspart document-item - One uploaded file: name, size and Remove.
 * @csspart review - The review of every answer.
 * @csspart actions - The Back / Continue / Submit buttons.
 * @csspart button - Continue and Submit.
 * @csspart secondary-button - Back, Add, Remove and Change.
 * @csspart save-status - Whether the answers are saved (polite live region).
 * @csspart submitted - The confirmation after submitting.
 * @csspart loading - The placeholder shown while loading (busy), holding the skeletons.
 * @csspart skeleton - A placeholder block, the size of what it stands for.
 * @csspart state - Every state message: empty, error and offline (the kit's shared states).
 * @csspart empty-state - The message when there is nothing to apply for (also `state`).
 * @csspart error-state - The message when loading failed (also `state`).
 * @csspart offline-state - The message when offline before loading (also `state`).
 * @csspart state-title - A state message's title.
 * @csspart state-body - A state message's text.
 * @csspart retry-button - Loads the form again, after an error or while offline.
 *
 * @cssproperty --gw-onboarding-form-background - Background.
 * @cssproperty --gw-onboarding-form-field-background - Inputs' background.
 * @cssproperty --gw-onboarding-form-field-border - Inputs' border colour.
 * @cssproperty --gw-onboarding-form-field-radius - Inputs' corner radius.
 * @cssproperty --gw-onboarding-form-label-color - Labels.
 * @cssproperty --gw-onboarding-form-hint-color - Hints and secondary text.
 * @cssproperty --gw-onboarding-form-error-color - Errors.
 * @cssproperty --gw-onboarding-form-step-active - The current step in the progress list.
 * @cssproperty --gw-onboarding-form-step-done - Completed steps.
 * @cssproperty --gw-onboarding-form-step-todo - Steps still to come.
 */
export class GwOnboardingForm extends GwElement {
  static override styles = [hostReset, stateStyles, styles];
  static override properties: PropertyDeclarations = {
    product: {},
    services: {},
    quoteId: { attribute: 'quote-id' },
    country: {},
  };

  /** The tenant's onboarding product applied for (default `business-account`). */
  declare product: string | undefined;
  /** Service ids to preselect, comma-separated (e.g. from the catalog's `gw-service-select`). */
  declare services: string | undefined;
  /** A quote id from `<gw-pricing-calculator>`'s `gw-quote-accept`, sent with the services. */
  declare quoteId: string | undefined;
  /** The company's country to start with (`IN` by default); national phone numbers use it. */
  declare country: string | undefined;

  #state: FormState = emptyState();
  #step: FormStep = 'company';
  /** Errors shown now (a field's shows once it was left, or after Continue). */
  #errors: Errors = new Map();
  #summary: string[] = [];
  #touched = new Set<string>();
  #phone: PhoneChecker | undefined;
  #save: SaveStatus = 'idle';
  #resumed = false;
  #submit: SubmitState = { state: 'idle' };
  #announcement = '';
  #focusAfterRender: string | undefined;
  #table: OnboardingStrings | undefined;

  readonly #documents = new DocumentUploads({
    client: () => this.client,
    documents: () => this.#state.documents,
    changed: (add, removeId) =>
      this.#change('documents', (s) => {
        if (add) s.documents = [...s.documents, add];
        if (removeId) s.documents = s.documents.filter((d) => d.id !== removeId);
      }),
    announce: (text) => {
      this.#announcement = text;
    },
    requestUpdate: () => this.requestUpdate(),
  });

  readonly #saver = new DraftSaver({
    client: () => this.client,
    storageKey: () => `gw-onboarding:${this.client?.baseUrl ?? ''}:${this.#product}`,
    onStatus: (status) => {
      this.#save = status;
      this.requestUpdate();
    },
  });

  readonly #form = new LoadController<Loaded>(this, {
    client: () => this.client,
    load: async (client, signal) => {
      if (!client.canWrite)
        throw new ApiError(401, 'needs-token', 'The form needs widget tokens to save.');
      const [catalog, config, remote, products] = await Promise.all([
        client.request<Catalog>('/v1/catalog', { signal }).catch(() => undefined),
        client.config(),
        this.#saver.readRemote(signal),
        client.request<OnboardingProducts>('/v1/onboarding/products', { signal }),
      ]);
      const product = products.products.find((p) => p.id === this.#product);
      if (!product)
        throw new ApiError(404, 'unknown-product', `The bank offers no product ${this.#product}.`);
      const resumed = this.#resume(remote);
      void this.#loadPhoneCheck();
      return {
        services: (catalog?.services ?? []).map((s) => ({ id: s.id, name: s.name })),
        bank: config.tenant.name,
        resumed,
        product,
      };
    },
    isEmpty: () => false,
  });

  get #product(): string {
    return this.product?.trim() || 'business-account';
  }

  /** The steps shown: the fixed ones and the optional ones the product switches on. */
  get #steps(): readonly FormStep[] {
    const on = this.#form.value?.product.steps ?? [];
    return FORM_STEPS.filter(
      (s) => (s !== 'services' && s !== 'documents') || (on as readonly string[]).includes(s),
    );
  }

  /** The current step, e.g. to restore a bookmark or for tests. */
  get step(): FormStep {
    return this.#step;
  }

  /** The answers as typed (a copy). */
  get answers(): FormState {
    return structuredClone(this.#state);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    globalThis.addEventListener('online', this.#onOnline);
    globalThis.addEventListener('pagehide', this.#onPageHide);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    globalThis.removeEventListener('online', this.#onOnline);
    globalThis.removeEventListener('pagehide', this.#onPageHide);
    this.#documents.abortAll();
    void this.#saver.flush();
  }

  readonly #onOnline = () => void this.#saver.flush();
  readonly #onPageHide = () => void this.#saver.flush();

  /** Picks the newer of this tab's copy and the edge's draft; true when either existed. */
  #resume(remote: (Draft & { updatedAt: number }) | undefined): boolean {
    const base = emptyState(this.country?.toUpperCase() || 'IN');
    const preset = (this.services ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    base.services = preset;
    base.quoteId = this.quoteId ?? '';
    const local = this.#saver.readLocal();
    let copy: Pick<LocalCopy, 'state' | 'step'> | undefined;
    if (local && (!remote || local.savedAt >= remote.updatedAt)) copy = local;
    else if (remote)
      copy = {
        state: fromDraft(remote, base),
        step: remote.step ?? 'company',
      };
    if (!copy) {
      this.#state = base;
      return false;
    }
    this.#state = { ...base, ...copy.state };
    if (preset.length > 0) this.#state.services = preset;
    if (this.quoteId) this.#state.quoteId = this.quoteId;
    this.#step = FORM_STEPS.includes(copy.step) ? copy.step : 'company';
    this.#resumed = true;
    this.#announcement = '';
    return true;
  }

  async #loadPhoneCheck(): Promise<void> {
    if (this.#phone) return;
    const { checkPhoneNumber } = await import('../../contracts/phone-number.js');
    this.#phone = checkPhoneNumber;
    // Phone fields that were waiting for the check get their verdict now.
    this.#revalidate();
    this.requestUpdate();
  }

  #check(step: FormStep = this.#step): Checked {
    return checkStep(this.#state, step, {
      phone: this.#phone,
      steps: this.#steps,
      requiredDocuments: this.#form.value?.product.requiredDocuments,
    });
  }

  /** Re-checks the fields already showing a verdict (touched or in error). */
  #revalidate(): void {
    const checked = this.#check();
    const shown: Errors = new Map();
    for (const [path, error] of checked.errors)
      if (this.#touched.has(path) || this.#errors.has(path)) shown.set(path, error);
    for (const [path, error] of this.#errors)
      if (error.code === 'server' && !this.#touched.has(path)) shown.set(path, error);
    this.#errors = shown;
    if (this.#summary.length > 0) this.#summary = [...shown.keys()];
  }

  /** A change to the answers: re-check what shows a verdict, save locally now, remotely soon. */
  #change(path: string, mutate: (state: FormState) => void): void {
    mutate(this.#state);
    if (this.#errors.get(path)?.code === 'server') this.#errors.delete(path);
    this.#revalidate();
    this.#persist();
    this.requestUpdate();
  }

  #persist(): void {
    if (this.#submit.state === 'sent') return;
    const idempotencyKey = this.#saver.readLocal()?.idempotencyKey;
    this.#saver.writeLocal({ state: this.#state, step: this.#step, idempotencyKey });
    const all = checkStep(this.#state, 'review', {
      phone: this.#phone,
      steps: FORM_STEPS,
    });
    const valid = (path: string) => !all.errors.has(path) && !all.unchecked.has(path);
    this.#saver.schedule(toDraft(this.#state, this.#product, this.#step, valid, all.phones));
  }

  #blur(path: string): void {
    this.#touched.add(path);
    this.#revalidate();
    this.requestUpdate();
  }

  #goTo(to: FormStep, focus = `step-heading`): void {
    const from = this.#step;
    if (to === from) return;
    this.#step = to;
    this.#summary = [];
    this.#errors = new Map();
    this.#touched = new Set();
    this.#focusAfterRender = focus;
    this.#persist();
    this.requestUpdate();
    const index = this.#steps.indexOf(to);
    this.dispatchEvent(new GwStepChangeEvent({ from, to, index }));
  }

  /** Continue: the step's fields must pass; otherwise the summary and the first field. */
  async #next(t: OnboardingStrings): Promise<void> {
    if (this.#step === 'people' && !this.#phone) await this.#loadPhoneCheck();
    const checked = this.#check();
    if (checked.errors.size > 0) {
      this.#showErrors(checked.errors, t);
      return;
    }
    const steps = this.#steps;
    const next = steps[steps.indexOf(this.#step) + 1];
    if (next) this.#goTo(next);
  }

  #showErrors(errors: Errors, t: OnboardingStrings): void {
    this.#errors = new Map(errors);
    for (const path of errors.keys()) this.#touched.add(path);
    this.#summary = [...errors.keys()];
    this.#announcement = t.errorSummary(errors.size);
    this.#focusAfterRender = fieldId(this.#summary[0] as string);
    this.requestUpdate();
  }

  #back(): void {
    const steps = this.#steps;
    const previous = steps[steps.indexOf(this.#step) - 1];
    if (previous) this.#goTo(previous);
  }

  async #submitApplication(t: OnboardingStrings): Promise<void> {
    const client = this.client;
    if (!client || this.#submit.state === 'sending') return;
    if (!this.#phone) await this.#loadPhoneCheck();
    const steps = this.#steps;
    const checked = checkStep(this.#state, 'review', {
      phone: this.#phone,
      steps,
      requiredDocuments: this.#form.value?.product.requiredDocuments,
    });
    if (checked.errors.size > 0) {
      const first = [...checked.errors.keys()][0] as string;
      this.#goTo(stepOfPath(first));
      this.#showErrors(
        new Map([...checked.errors].filter(([path]) => stepOfPath(path) === stepOfPath(first))),
        t,
      );
      return;
    }
    const submission: Submission = toSubmission(this.#state, this.#product, steps, checked.phones);
    if (!this.dispatchEvent(new GwSubmitEvent({ submission: structuredClone(submission) }))) return;
    // One key per application: a retry after a timeout or a reload replays the first answer.
    const local = this.#saver.readLocal();
    const idempotencyKey = local?.idempotencyKey ?? crypto.randomUUID();
    this.#saver.writeLocal({ state: this.#state, step: this.#step, idempotencyKey });
    this.#submit = { state: 'sending' };
    this.#announcement = t.submitting;
    this.requestUpdate();
    await this.#saver.flush();
    try {
      const receipt = await this.#post(submission, idempotencyKey);
      this.#submit = { state: 'sent', receipt };
      this.#saver.clearLocal();
      this.#announcement = t.submitted(receipt.id);
      this.#focusAfterRender = 'submitted';
      this.dispatchEvent(new GwApplicationSubmittedEvent({ receipt }));
    } catch (error) {
      this.#submit = { state: 'failed', message: this.#failure(error, t) };
      this.#announcement = this.#submit.message;
    }
    this.requestUpdate();
  }

  async #post(submission: Submission, key: string): Promise<ApplicationReceipt> {
    const client = this.client;
    if (!client) throw new ApiError(401, 'no-credential', 'No client.');
    for (let attempt = 0; ; attempt++) {
      try {
        return await client.request<ApplicationReceipt>('/v1/applications', {
          method: 'POST',
          body: submission,
          headers: { 'idempotency-key': key },
        });
      } catch (error) {
        // 409: the same submission is still being written (a double click, a retried
        // request): its answer is replayed once it is in.
        if (!(error instanceof ApiError && error.status === 409) || attempt >= IN_FLIGHT_RETRIES)
          throw error;
        await new Promise((resolve) => setTimeout(resolve, 300 * 2 ** attempt));
      }
    }
  }

  #failure(error: unknown, t: OnboardingStrings): string {
    if (!(error instanceof ApiError)) return t.submitFailed;
    if (error.offline) return t.submitOffline;
    if (error.status === 429) return t.submitLimited;
    if (error.status === 422) {
      const errors: Errors = new Map();
      for (const problem of error.errors) {
        const path = formPathOf(problem.path);
        if (path && !errors.has(path))
          errors.set(path, { code: 'server', message: problem.message });
      }
      if (errors.size > 0) {
        const first = [...errors.keys()][0] as string;
        const step = stepOfPath(first);
        this.#goTo(step);
        this.#showErrors(new Map([...errors].filter(([path]) => stepOfPath(path) === step)), t);
      }
      return t.submitRejected;
    }
    return t.submitFailed;
  }

  protected override updated(): void {
    const target = this.#focusAfterRender;
    if (!target) return;
    this.#focusAfterRender = undefined;
    const root = this.renderRoot as ShadowRoot;
    const el =
      root.getElementById(target) ??
      root.querySelector<HTMLElement>(`[name="${target.replace(/^f-/, '')}"]`);
    // After this update has finished: the blur it causes re-renders the field it leaves.
    queueMicrotask(() => el?.focus());
  }

  protected override render(): TemplateResult {
    // Another language's table is fetched on first use: the loading state the first time, the
    // table shown so far while switching (no flash of a skeleton).
    this.#table =
      ONBOARDING_STRINGS.get(this.resolvedLocale, () => this.requestUpdate()) ?? this.#table;
    const t = this.#table;
    if (!t) return loadingTemplate(ONBOARDING_STRINGS_EN.loading, this.#skeleton(), true);
    if (this.client && !this.client.canWrite)
      return stateTemplate({
        kind: 'error',
        title: t.errorTitle,
        body: t.needsToken,
        action: nothing,
        live: true,
      });
    return this.#form.render(t, {
      loading: () => this.#skeleton(),
      ready: (loaded) => this.#formTemplate(t, loaded),
    });
  }

  #skeleton(): TemplateResult {
    return html`<div part="skeleton" class="skeleton"></div>`;
  }

  #formTemplate(t: OnboardingStrings, loaded: Loaded): TemplateResult {
    if (this.#submit.state === 'sent') {
      return html`<section part="base submitted" class="form" aria-labelledby="submitted">
        <h2 part="heading" id="submitted" tabindex="-1">${t.submittedTitle}</h2>
        <p>${t.submitted(this.#submit.receipt.id)}</p>
        <p role="status" class="visually-hidden">${this.#announcement}</p>
      </section>`;
    }
    const steps = this.#steps;
    const index = steps.indexOf(this.#step);
    const name = t.steps[this.#step];
    return html`<form part="base" class="form" novalidate aria-labelledby="heading"
        @submit=${(e: Event) => {
          e.preventDefault();
          void (this.#step === 'review' ? this.#submitApplication(t) : this.#next(t));
        }}>
      <h2 part="heading" id="heading">${t.heading}</h2>
      <nav aria-label=${t.progressLabel}>
        <ol part="progress" class="progress">
          ${steps.map((step, i) => {
            const state = i < index ? 'done' : i === index ? 'current' : 'todo';
            return html`<li part="progress-step progress-step-${state}" class="progress-step ${state}"
              aria-current=${state === 'current' ? 'step' : nothing}>
              <span part="step-marker" class="marker" aria-hidden="true">${i + 1}</span>
              <span>${t.steps[step]}</span>
              ${state === 'done' ? html`<span class="visually-hidden">(${t.stepDone})</span>` : nothing}
            </li>`;
          })}
        </ol>
      </nav>
      <section part="step" class="step" aria-labelledby="step-heading">
        <h3 part="step-heading" id="step-heading" tabindex="-1">
          <span class="visually-hidden">${t.stepOf(index + 1, steps.length, name)}</span>
          <span aria-hidden="true">${name}</span>
        </h3>
        ${loaded.resumed && this.#resumed ? html`<p part="hint" class="hint">${t.resumed}</p>` : nothing}
        ${this.#errorSummary(t)}
        ${this.#stepTemplate(t, loaded)}
      </section>
      <div part="actions" class="actions">
        ${index > 0 ? html`<button part="secondary-button" class="secondary" type="button" @click=${() => this.#back()}>${t.back}</button>` : nothing}
        <button part="button" class="primary" type="submit"
          aria-disabled=${this.#submit.state === 'sending' ? 'true' : 'false'}>
          ${this.#step === 'review' ? (this.#submit.state === 'sending' ? t.submitting : t.submit) : t.next}
        </button>
      </div>
      ${this.#submit.state === 'failed' ? html`<p part="field-error" class="field-error submit-error">${this.#submit.message}</p>` : nothing}
      <p part="save-status" class="save-status hint">${this.#saveText(t)}</p>
      <div role="status" aria-live="polite" class="visually-hidden">${this.#announcement}</div>
    </form>`;
  }

  #saveText(t: OnboardingStrings): string {
    if (this.#save === 'saved') return t.saved;
    if (this.#save === 'offline' || this.#save === 'failed') return t.savedOffline;
    return '';
  }

  #errorSummary(t: OnboardingStrings): TemplateResult | typeof nothing {
    const paths = this.#summary.filter((p) => this.#errors.has(p));
    if (paths.length === 0) return nothing;
    return html`<div part="error-summary" class="error-summary" id="error-summary">
      <h4>${t.errorSummary(paths.length)}</h4>
      <ul>
        ${paths.map(
          (path) =>
            html`<li><a href="#${fieldId(path)}" @click=${(e: Event) => {
              e.preventDefault();
              (this.renderRoot as ShadowRoot).getElementById(fieldId(path))?.focus();
            }}>${this.#labelOf(path, t)}: ${errorText(this.#errors.get(path) as FieldError, t)}</a></li>`,
        )}
      </ul>
    </div>`;
  }

  /** The label of the field at `path`, for the summary. */
  #labelOf(path: string, t: OnboardingStrings): string {
    const parts = path.split('.');
    const field = parts.at(-1) as string;
    if (parts[0] === 'signatories' || parts[0] === 'contacts') {
      const who =
        parts[0] === 'signatories'
          ? t.signatory(Number(parts[1]) + 1)
          : t.contact(Number(parts[1]) + 1);
      return `${who} — ${(t as unknown as Record<string, string>)[field] ?? field}`;
    }
    if (parts[1] === 'registrationNumbers') return t.registrationNumber;
    const labels: Record<string, string> = {
      entityType: t.entityTypeLegend,
      services: t.servicesLegend,
      politicallyExposed: t.pepQuestion,
      sanctioned: t.sanctionsQuestion,
      consent: t.consentLabel,
    };
    return labels[field] ?? (t as unknown as Record<string, string>)[field] ?? field;
  }

  #stepTemplate(t: OnboardingStrings, loaded: Loaded): TemplateResult {
    switch (this.#step) {
      case 'company':
        return this.#company(t);
      case 'entityType':
        return radioGroup({
          path: 'entityType',
          legend: t.entityTypeLegend,
          value: this.#state.entityType,
          options: ENTITY_TYPES.map((value) => ({ value, label: t.entityTypes[value] })),
          error: this.#errors.get('entityType'),
          t,
          onChange: (value) =>
            this.#change('entityType', (s) => {
              s.entityType = value;
            }),
        });
      case 'people':
        return this.#people(t);
      case 'services':
        return this.#servicesStep(t, loaded);
      case 'documents':
        return this.#documents.render(t, this.resolvedLocale, this.#errors);
      case 'declarations':
        return this.#declarations(t, loaded);
      default:
        return this.#review(t, loaded);
    }
  }

  #input(
    t: OnboardingStrings,
    path: string,
    label: string,
    value: string,
    set: (state: FormState, value: string) => void,
    extra: Partial<Parameters<typeof inputField>[0]> = {},
  ): TemplateResult {
    return inputField({
      path,
      label,
      value,
      error: this.#errors.get(path),
      t,
      onInput: (v) => this.#change(path, (s) => set(s, v)),
      onBlur: () => this.#blur(path),
      ...extra,
    });
  }

  #company(t: OnboardingStrings): TemplateResult {
    const c = this.#state.company;
    const locale = this.resolvedLocale;
    const regionName = new Intl.DisplayNames([locale, 'en'], { type: 'region' });
    return html`
      ${this.#input(
        t,
        'company.legalName',
        t.legalName,
        c.legalName,
        (s, v) => {
          s.company.legalName = v;
        },
        { autocomplete: 'organization', maxlength: 160 },
      )}
      <fieldset part="choice-group" class="group">
        <legend part="legend">${t.registrationNumbers}</legend>
        ${c.registrationNumbers.map(
          (n, i) => html`<div class="row" part="person">
            ${selectField({
              path: `company.registrationNumbers.${i}.scheme`,
              label: t.scheme,
              value: n.scheme,
              options: SCHEMES.map((value) => ({ value, label: t.schemes[value] })),
              error: undefined,
              t,
              onChange: (v) =>
                this.#change(`company.registrationNumbers.${i}.value`, (s) => {
                  (s.company.registrationNumbers[i] as { scheme: Scheme }).scheme = v as Scheme;
                }),
            })}
            ${this.#input(
              t,
              `company.registrationNumbers.${i}.value`,
              t.registrationNumber,
              n.value,
              (s, v) => {
                (s.company.registrationNumbers[i] as { value: string }).value = v;
              },
              { ltr: true, maxlength: 40 },
            )}
            ${
              c.registrationNumbers.length > 1
                ? html`<button part="secondary-button" class="secondary" type="button"
                    @click=${() => this.#change('company', (s) => void s.company.registrationNumbers.splice(i, 1))}>${t.remove}</button>`
                : nothing
            }
          </div>`,
        )}
        ${
          c.registrationNumbers.length < 5
            ? html`<button part="secondary-button" class="secondary" type="button"
                @click=${() => this.#change('company', (s) => void s.company.registrationNumbers.push({ scheme: 'gstin', value: '' }))}>${t.addRegistration}</button>`
            : nothing
        }
      </fieldset>
      ${this.#input(
        t,
        'company.incorporationDate',
        t.incorporationDate,
        c.incorporationDate,
        (s, v) => {
          s.company.incorporationDate = v;
        },
        { type: 'date', ltr: true },
      )}
      <fieldset part="choice-group" class="group">
        <legend part="legend">${t.registeredAddress}</legend>
        ${this.#input(
          t,
          'company.line1',
          t.line1,
          c.line1,
          (s, v) => {
            s.company.line1 = v;
          },
          { autocomplete: 'address-line1', maxlength: 120 },
        )}
        ${this.#input(
          t,
          'company.line2',
          t.line2,
          c.line2,
          (s, v) => {
            s.company.line2 = v;
          },
          { autocomplete: 'address-line2', optional: true, maxlength: 120 },
        )}
        ${this.#input(
          t,
          'company.city',
          t.city,
          c.city,
          (s, v) => {
            s.company.city = v;
          },
          { autocomplete: 'address-level2', maxlength: 80 },
        )}
        ${this.#input(
          t,
          'company.region',
          t.region,
          c.region,
          (s, v) => {
            s.company.region = v;
          },
          { autocomplete: 'address-level1', optional: true, maxlength: 80 },
        )}
        ${this.#input(
          t,
          'company.postalCode',
          t.postalCode,
          c.postalCode,
          (s, v) => {
            s.company.postalCode = v;
          },
          { autocomplete: 'postal-code', ltr: true, maxlength: 16 },
        )}
        ${selectField({
          path: 'company.country',
          label: t.country,
          value: c.country,
          options: COUNTRIES.map((value) => ({ value, label: regionName.of(value) ?? value })),
          error: this.#errors.get('company.country'),
          t,
          autocomplete: 'country',
          onChange: (v) =>
            this.#change('company.country', (s) => {
              s.company.country = v;
            }),
        })}
      </fieldset>`;
  }

  #people(t: OnboardingStrings): TemplateResult {
    const st = this.#state;
    const person = (kind: 'signatories' | 'contacts', i: number) => {
      const p = st[kind][i] as unknown as Record<string, string>;
      const set = (field: string) => (s: FormState, v: string) => {
        (s[kind][i] as unknown as Record<string, string>)[field] = v;
      };
      const base = `${kind}.${i}`;
      const title = kind === 'signatories' ? t.signatory(i + 1) : t.contact(i + 1);
      const removable = kind === 'contacts' || st.signatories.length > 1;
      return html`<fieldset part="person" class="group person">
        <legend part="legend">${title}</legend>
        ${this.#input(t, `${base}.fullName`, t.fullName, p.fullName ?? '', set('fullName'), { autocomplete: 'name', maxlength: 120 })}
        ${kind === 'signatories' ? this.#input(t, `${base}.role`, t.role, p.role ?? '', set('role'), { autocomplete: 'organization-title', maxlength: 80 }) : nothing}
        ${this.#input(t, `${base}.email`, t.email, p.email ?? '', set('email'), { type: 'email', autocomplete: 'email', ltr: true, maxlength: 254 })}
        ${this.#input(t, `${base}.phone`, t.phone, p.phone ?? '', set('phone'), { type: 'tel', autocomplete: 'tel', hint: t.phoneHint, ltr: true, optional: kind === 'contacts', maxlength: 40 })}
        ${kind === 'signatories' ? this.#input(t, `${base}.dateOfBirth`, t.dateOfBirth, p.dateOfBirth ?? '', set('dateOfBirth'), { type: 'date', autocomplete: 'bday', optional: true, ltr: true }) : nothing}
        ${
          removable
            ? html`<button part="secondary-button" class="secondary" type="button"
                @click=${() => this.#change(base, (s) => void s[kind].splice(i, 1))}>${t.remove} — ${title}</button>`
            : nothing
        }
      </fieldset>`;
    };
    return html`
      <h4>${t.signatories}</h4>
      ${st.signatories.map((_, i) => person('signatories', i))}
      ${st.signatories.length < 10 ? html`<button part="secondary-button" class="secondary" type="button" @click=${() => this.#change('signatories', (s) => void s.signatories.push(emptySignatory()))}>${t.addSignatory}</button>` : nothing}
      <h4>${t.contacts}</h4>
      ${st.contacts.map((_, i) => person('contacts', i))}
      ${st.contacts.length < 10 ? html`<button part="secondary-button" class="secondary" type="button" @click=${() => this.#change('contacts', (s) => void s.contacts.push(emptyContact()))}>${t.addContact}</button>` : nothing}`;
  }

  #servicesStep(t: OnboardingStrings, loaded: Loaded): TemplateResult {
    const error = this.#errors.get('services');
    const id = fieldId('services');
    const chosen = new Set(this.#state.services);
    return html`<fieldset part="choice-group" class="choices" id=${id} tabindex="-1"
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-error` : nothing}>
      <legend part="legend">${t.servicesLegend}</legend>
      ${loaded.services.map(
        (service) => html`<label part="choice" class="choice">
          <input type="checkbox" name="services" .value=${service.id} .checked=${chosen.has(service.id)}
            @change=${(e: Event) =>
              this.#change('services', (s) => {
                const on = (e.target as HTMLInputElement).checked;
                s.services = on
                  ? [...new Set([...s.services, service.id])]
                  : s.services.filter((x) => x !== service.id);
              })} />
          <span>${service.name}</span>
        </label>`,
      )}
      ${this.#state.quoteId ? html`<p part="hint" class="hint">${t.fromQuote(this.#state.quoteId)}</p>` : nothing}
      ${error ? html`<p part="field-error" class="field-error" id="${id}-error">${errorText(error, t)}</p>` : nothing}
    </fieldset>`;
  }

  #declarations(t: OnboardingStrings, loaded: Loaded): TemplateResult {
    const st = this.#state;
    const yesNo = [
      { value: 'yes', label: t.yes },
      { value: 'no', label: t.no },
    ];
    const asChoice = (v: boolean | undefined) => (v === undefined ? undefined : v ? 'yes' : 'no');
    const consentError = this.#errors.get('consent');
    const consentId = fieldId('consent');
    const text = t.consentText(loaded.bank);
    return html`
      ${radioGroup({
        path: 'politicallyExposed',
        legend: t.pepQuestion,
        value: asChoice(st.politicallyExposed),
        options: yesNo,
        error: this.#errors.get('politicallyExposed'),
        t,
        onChange: (v) =>
          this.#change('politicallyExposed', (s) => {
            s.politicallyExposed = v === 'yes';
          }),
      })}
      ${radioGroup({
        path: 'sanctioned',
        legend: t.sanctionsQuestion,
        value: asChoice(st.sanctioned),
        options: yesNo,
        error: this.#errors.get('sanctioned'),
        t,
        onChange: (v) =>
          this.#change('sanctioned', (s) => {
            s.sanctioned = v === 'yes';
          }),
      })}
      <div part="field" class="field consent">
        <p class="consent-text" id="${consentId}-text">${text}</p>
        <label part="choice" class="choice">
          <input type="checkbox" id=${consentId} name="consent" .checked=${st.consentAccepted}
            aria-invalid=${consentError ? 'true' : 'false'}
            aria-describedby="${consentId}-text${consentError ? ` ${consentId}-error` : ''}"
            @change=${(e: Event) =>
              this.#change('consent', (s) => {
                s.consentAccepted = (e.target as HTMLInputElement).checked;
                // The time and the words the customer agreed to, as shown.
                s.consentGivenAt = s.consentAccepted ? new Date().toISOString() : '';
                s.consentText = s.consentAccepted ? text : '';
              })} />
          <span>${t.consentLabel}</span>
        </label>
        ${consentError ? html`<p part="field-error" class="field-error" id="${consentId}-error">${errorText(consentError, t)}</p>` : nothing}
      </div>`;
  }

  #review(t: OnboardingStrings, loaded: Loaded): TemplateResult {
    const st = this.#state;
    const c = st.company;
    const shown = (v: string | undefined) => (v?.trim() ? v.trim() : t.notGiven);
    const yes = (v: boolean | undefined) => (v === undefined ? t.notGiven : v ? t.yes : t.no);
    const names = new Map(loaded.services.map((s) => [s.id, s.name]));
    const section = (step: FormStep, rows: [string, string][]) =>
      this.#steps.includes(step)
        ? html`<div class="review-section">
          <h4>${t.steps[step]}</h4>
          <dl>${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
          <button part="secondary-button" class="secondary" type="button"
            @click=${() => this.#goTo(step)}>${t.edit(t.steps[step])}</button>
        </div>`
        : nothing;
    const address = [c.line1, c.line2, c.city, c.region, c.postalCode, c.country]
      .filter((v) => v.trim())
      .join(', ');
    return html`<div part="review" class="review">
      <p>${t.reviewIntro}</p>
      ${section('company', [
        [t.legalName, shown(c.legalName)],
        ...c.registrationNumbers.map(
          (n) => [t.schemes[n.scheme], shown(n.value)] as [string, string],
        ),
        [t.incorporationDate, shown(c.incorporationDate)],
        [t.registeredAddress, shown(address)],
      ])}
      ${section('entityType', [
        [
          t.entityTypeLegend,
          st.entityType
            ? t.entityTypes[st.entityType as keyof OnboardingStrings['entityTypes']]
            : t.notGiven,
        ],
      ])}
      ${section('people', [
        ...st.signatories.map(
          (p, i) =>
            [
              t.signatory(i + 1),
              [p.fullName, p.role, p.email, p.phone].filter(Boolean).join(' · ') || t.notGiven,
            ] as [string, string],
        ),
        ...st.contacts.map(
          (p, i) =>
            [
              t.contact(i + 1),
              [p.fullName, p.email, p.phone].filter(Boolean).join(' · ') || t.notGiven,
            ] as [string, string],
        ),
      ])}
      ${section('services', [[t.servicesLegend, st.services.map((id) => names.get(id) ?? id).join(', ') || t.notGiven]])}
      ${section('documents', [
        ...st.documents.map((d) => [t.documentKinds[d.kind], d.name] as [string, string]),
        ...(st.documents.length === 0 ? [[t.steps.documents, t.notGiven] as [string, string]] : []),
      ])}
      ${section('declarations', [
        [t.pepQuestion, yes(st.politicallyExposed)],
        [t.sanctionsQuestion, yes(st.sanctioned)],
        [t.consentLabel, st.consentAccepted ? t.yes : t.no],
      ])}
    </div>`;
  }
}
