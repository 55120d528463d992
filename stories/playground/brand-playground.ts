/**
 * `<gw-brand-playground>`: try a bank's brand before anyone writes JSON. Every change runs the
 * real theme engine (`compileTheme`: parseBrand → derive → build, the edge's publish path) in
 * the browser and puts the stylesheet into the one constructable stylesheet every widget inside
 * it has adopted (`client.theme()`), so all of them re-theme at once. Beside them: the engine's
 * contrast report, its warnings, its validation errors by JSON Pointer, and the brand JSON ready
 * for `PUT /v1/branding/draft`.
 *
 * @slot - A `<gw-provider>` with the widgets to re-theme.
 * @event gw-brand-input - The designer changed a control. `detail: { form }`.
 * @event gw-brand-applied - The engine ran for the latest input. `detail: { ok, hash, errors }`.
 * @csspart controls - The form.
 * @csspart preview - Where the widgets are.
 * @csspart errors - The validation errors, a live region.
 * @csspart warnings - The engine's warnings.
 * @csspart contrast - The contrast table.
 * @csspart copy - The copy button.
 */
import { html, LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { compileTheme, type ThemeReport } from '../../themes/index.js';
import { define, KIT_VERSION } from '../../widgets/core/define.js';
import type { GwElement } from '../../widgets/core/gw-element.js';
import type { GwProvider } from '../../widgets/provider/provider.component.js';
import { type BrandForm, type BrandFormField, brandOf, fieldOfPath, formOf } from './brand-form.js';
import { controlsTemplate } from './controls.js';
import { playgroundStyles } from './playground.styles.js';
import { reportTemplate } from './report.js';

type BrandInput = Record<string, unknown>;

export interface BrandAppliedDetail {
  ok: boolean;
  hash: string | null;
  errors: number;
}

const isWidget = (el: Element): el is GwElement => 'client' in el && 'resolvedMode' in el;

export class GwBrandPlayground extends LitElement {
  static gwVersion = KIT_VERSION;
  static override styles = playgroundStyles;
  static override properties: PropertyDeclarations = {
    base: { attribute: false },
    values: { attribute: false },
  };

  /** The tenant's brand to start from (slug, name and what the form does not show stay). */
  declare base: BrandInput;
  /** Values set from outside, e.g. Storybook's Controls panel; unset ones keep `base`'s. */
  declare values: Partial<BrandForm> | undefined;

  #form: BrandForm = formOf({});
  /** The last report, and the last one of a valid brand (its contrast and warnings). */
  #report: ThemeReport | undefined;
  #valid: ThemeReport | undefined;
  #copyStatus = '';
  #pending: BrandInput | undefined;
  #lastBase: BrandInput | undefined;
  #lastValues: Partial<BrandForm> = {};
  #running: Promise<void> | undefined;

  constructor() {
    super();
    this.base = {};
  }

  /** The brand input the form describes now. */
  get brand(): BrandInput {
    return brandOf(this.base, this.#form);
  }

  /** The latest engine report (errors, warnings, contrast). */
  get report(): ThemeReport | undefined {
    return this.#report;
  }

  /** Resolves when the engine has run for every change so far and the widgets show it. */
  get settled(): Promise<void> {
    return this.#running ?? Promise.resolve();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (!changed.has('base') && !changed.has('values')) return;
    const values = Object.fromEntries(
      Object.entries(this.values ?? {}).filter(([, v]) => v !== undefined && v !== null),
    ) as Partial<BrandForm>;
    const fromBase = formOf(this.base);
    let form: BrandForm;
    if (this.base !== this.#lastBase) {
      form = { ...fromBase, ...values };
    } else {
      // Only what changed outside (a control reset or moved) replaces what the designer typed.
      form = { ...this.#form };
      for (const key of Object.keys(fromBase) as BrandFormField[]) {
        if (values[key] === this.#lastValues[key]) continue;
        form[key] = values[key] ?? fromBase[key];
      }
    }
    this.#lastBase = this.base;
    this.#lastValues = values;
    if (this.#report && JSON.stringify(form) === JSON.stringify(this.#form)) return;
    this.#form = form;
    this.#schedule();
  }

  #onInput = (field: BrandFormField, value: string): void => {
    if (this.#form[field] === value) return;
    this.#form = { ...this.#form, [field]: value };
    this.#copyStatus = '';
    this.dispatchEvent(
      new CustomEvent('gw-brand-input', { detail: { form: { ...this.#form } }, bubbles: true }),
    );
    this.#schedule();
    this.requestUpdate();
  };

  /** Runs the engine for the latest input; inputs arriving meanwhile coalesce into one run. */
  #schedule(): void {
    this.#pending = this.brand;
    this.#running ??= this.#drain().finally(() => {
      this.#running = undefined;
    });
  }

  async #drain(): Promise<void> {
    while (this.#pending) {
      const input = this.#pending;
      this.#pending = undefined;
      await this.#apply(input);
    }
  }

  async #apply(input: BrandInput): Promise<void> {
    // User Timing marks, for `npm run bench:playground` and the browser's performance panel.
    performance.mark('gw-brand:compile');
    const compiled = await compileTheme(input);
    performance.mark('gw-brand:compiled');
    if (compiled.ok) {
      const sheets = await this.#sheets();
      for (const sheet of sheets) sheet.replaceSync(compiled.outputs.css);
      performance.mark('gw-brand:rethemed');
      for (const provider of this.querySelectorAll<GwProvider>('gw-provider')) {
        provider.mode = compiled.brand.mode;
      }
      this.#valid = compiled.report;
    }
    this.#report = compiled.report;
    this.requestUpdate();
    await this.updateComplete;
    this.dispatchEvent(
      new CustomEvent<BrandAppliedDetail>('gw-brand-applied', {
        detail: {
          ok: compiled.ok,
          hash: compiled.report.hash,
          errors: compiled.report.errors.length,
        },
        bubbles: true,
      }),
    );
  }

  /**
   * The stylesheets the widgets inside have adopted: one per edge client, shared by every
   * widget using it, so replacing its rules re-themes all of them in one go.
   */
  async #sheets(): Promise<CSSStyleSheet[]> {
    const clients = new Set(
      [...this.querySelectorAll('*')].filter(isWidget).flatMap((w) => w.client ?? []),
    );
    const sheets = await Promise.all(
      [...clients].map((client) => client.theme().catch(() => undefined)),
    );
    return [...new Set(sheets.filter((s): s is CSSStyleSheet => Boolean(s)))];
  }

  async #copy(): Promise<void> {
    const json = `${JSON.stringify(this.brand, null, 2)}\n`;
    try {
      await navigator.clipboard.writeText(json);
      this.#copyStatus = 'Copied: the brand JSON for PUT /v1/branding/draft.';
    } catch {
      this.#copyStatus = 'Could not reach the clipboard: copy the JSON shown below.';
    }
    this.requestUpdate();
  }

  protected override render() {
    const report = this.#report;
    const errors = report?.errors ?? [];
    const invalid = new Map<BrandFormField, string>();
    for (const error of errors) {
      const field = fieldOfPath(error.path);
      if (field && !invalid.has(field)) invalid.set(field, error.message);
    }
    return html`<div class="layout">
      <section part="controls" class="controls" aria-labelledby="controls-title">
        <h2 id="controls-title">Brand</h2>
        ${controlsTemplate(this.#form, invalid, this.#onInput)}
        <div class="copy">
          <button part="copy" type="button" aria-disabled=${errors.length > 0 ? 'true' : 'false'}
            aria-describedby="copy-status"
            @click=${() => (errors.length > 0 ? undefined : this.#copy())}>
            Copy brand JSON
          </button>
          <p id="copy-status" role="status">${
            errors.length > 0
              ? 'Fix the errors to copy a brand the edge accepts.'
              : this.#copyStatus
          }</p>
          <details>
            <summary>Brand JSON for <code>PUT /v1/branding/draft</code></summary>
            <pre part="json" dir="ltr">${JSON.stringify(this.brand, null, 2)}</pre>
          </details>
        </div>
      </section>
      <div part="preview" class="preview"><slot></slot></div>
      ${reportTemplate(report, this.#valid)}
    </div>`;
  }
}

define('gw-brand-playground', GwBrandPlayground);

declare global {
  interface HTMLElementTagNameMap {
    'gw-brand-playground': GwBrandPlayground;
  }
}
