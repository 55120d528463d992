/**
 * A quantity as a slider and a number input kept in sync, both labelled by the same visible
 * label. The slider announces the formatted value (`aria-valuetext`); the number input accepts
 * any whole number while typing, keeps an out-of-range entry as a draft (marked invalid, with
 * its message tied by `aria-describedby` and announced politely) and clamps it on commit.
 * The slider's filled part comes from a constructable stylesheet (no inline styles).
 */
import {
  html,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { live } from 'lit/directives/live.js';

export interface QuantityField {
  /** Unique in the shadow root and a valid CSS identifier: `seats`, `usage-sms`. */
  key: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  /** The value as a screen reader should hear it, e.g. "2,50,000 calls". */
  valueText: (value: number) => string;
  hint: string;
  /** Message for a draft outside min..max. */
  outOfRange: string;
  /** Called with a whole number within min..max on user input. */
  onValue: (value: number) => void;
}

type Host = ReactiveControllerHost & HTMLElement;

export class QuantityFields implements ReactiveController {
  readonly #host: Host;
  /** Number-input text that is not (yet) a valid value, by field key. */
  readonly #drafts = new Map<string, string>();
  readonly #fills = new Map<string, number>();
  readonly #sheet = new CSSStyleSheet();
  #sheetText = '';

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostUpdated(): void {
    const root = this.#host.shadowRoot;
    if (root && !root.adoptedStyleSheets.includes(this.#sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#sheet];
    }
    const text = [...this.#fills]
      .map(([key, percent]) => `#${key}-slider { --_fill: ${percent}%; }`)
      .join('\n');
    if (text !== this.#sheetText) {
      this.#sheetText = text;
      this.#sheet.replaceSync(text);
    }
  }

  /** Forgets drafts and fills, e.g. when another plan brings other fields. */
  reset(): void {
    this.#drafts.clear();
    this.#fills.clear();
  }

  render(field: QuantityField): TemplateResult {
    const { key, min, max } = field;
    const draft = this.#drafts.get(key);
    const span = max - min;
    this.#fills.set(key, span > 0 ? Math.round(((field.value - min) / span) * 10_000) / 100 : 100);
    const commitText = (input: HTMLInputElement, final: boolean) => {
      const text = input.value.trim();
      const value = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
      if (value >= min && value <= max) {
        this.#drafts.delete(key);
        if (value !== field.value) field.onValue(value);
      } else if (final) {
        this.#drafts.delete(key);
        const clamped = Number.isNaN(value) ? field.value : Math.min(max, Math.max(min, value));
        if (clamped !== field.value) field.onValue(clamped);
        input.value = String(clamped);
      } else {
        this.#drafts.set(key, text);
      }
      this.#host.requestUpdate();
    };
    return html`
      <div part="field" class="field">
        <label part="label" id="${key}-label" for="${key}-number">${field.label}</label>
        <input
          part="number"
          class="number"
          id="${key}-number"
          type="number"
          inputmode="numeric"
          min=${min}
          max=${max}
          step="1"
          .value=${live(draft ?? String(field.value))}
          aria-invalid=${draft === undefined ? 'false' : 'true'}
          aria-describedby="${key}-hint ${key}-error"
          @input=${(e: Event) => commitText(e.target as HTMLInputElement, false)}
          @change=${(e: Event) => commitText(e.target as HTMLInputElement, true)}
        />
        <input
          part="slider"
          class="slider"
          id="${key}-slider"
          type="range"
          min=${min}
          max=${max}
          step=${field.step}
          .value=${live(String(field.value))}
          aria-labelledby="${key}-label"
          aria-valuetext=${field.valueText(field.value)}
          aria-describedby="${key}-hint"
          @input=${(e: Event) => {
            this.#drafts.delete(key);
            const value = Number((e.target as HTMLInputElement).value);
            if (value !== field.value) field.onValue(value);
          }}
        />
        <p part="hint" class="hint" id="${key}-hint">${field.hint}</p>
        <p part="field-error" class="field-error" id="${key}-error" aria-live="polite">
          ${draft === undefined ? '' : field.outOfRange}
        </p>
      </div>
    `;
  }
}
