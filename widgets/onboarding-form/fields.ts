/**
 * The form's field templates: a label tied to its control, an optional hint and the field's
 * error, both joined to the control through `aria-describedby`, `aria-invalid` on a field with
 * an error, and real `autocomplete` tokens. Ids come from the field's path, unique in the
 * shadow root.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { OnboardingStrings } from './locales.js';
import type { FieldError } from './validate.js';

export const fieldId = (path: string) => `f-${path.replaceAll('.', '-')}`;

/** The translated message for an error code (registration and phone codes fall back). */
export function errorText(error: FieldError, t: OnboardingStrings): string {
  const e = t.errors;
  const [group, code] = error.code.includes('.') ? error.code.split('.') : ['', error.code];
  if (code === 'too_long') return e.too_long(Number(error.params?.max ?? 0));
  if (group === 'registration') {
    if (code === 'check_character' || code === 'length' || code === 'character') return e[code];
    return e.invalidRegistration;
  }
  if (group === 'phone') {
    if (code === 'country_code_missing' || code === 'unsupported_country' || code === 'too_short')
      return e[code];
    return e.invalidPhone;
  }
  if (code === 'server') return error.message ?? e.server;
  const direct = e[code as keyof OnboardingStrings['errors']];
  return typeof direct === 'string' ? direct : (error.message ?? e.server);
}

export interface InputOptions {
  path: string;
  label: string;
  value: string;
  error: FieldError | undefined;
  t: OnboardingStrings;
  onInput: (value: string) => void;
  onBlur?: () => void;
  type?: 'text' | 'email' | 'tel' | 'date';
  autocomplete?: string;
  hint?: string;
  optional?: boolean;
  maxlength?: number;
  /** Numbers, codes and emails read left to right in an RTL form too. */
  ltr?: boolean;
}

function describedBy(id: string, hint: boolean, error: boolean): string | typeof nothing {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || nothing;
}

function errorLine(id: string, error: FieldError | undefined, t: OnboardingStrings) {
  return error
    ? html`<p part="field-error" class="field-error" id="${id}-error">${errorText(error, t)}</p>`
    : nothing;
}

export function inputField(o: InputOptions): TemplateResult {
  const id = fieldId(o.path);
  return html`<div part="field" class="field">
    <label part="label" for=${id}>${o.label}${o.optional ? html` <span class="optional">${o.t.optional}</span>` : nothing}</label>
    <input part="input" id=${id} name=${o.path} type=${o.type ?? 'text'}
      .value=${live(o.value)}
      autocomplete=${o.autocomplete ?? nothing}
      maxlength=${o.maxlength ?? nothing}
      dir=${o.ltr ? 'ltr' : nothing}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-required=${o.optional ? 'false' : 'true'}
      aria-describedby=${describedBy(id, Boolean(o.hint), Boolean(o.error))}
      @input=${(e: Event) => o.onInput((e.target as HTMLInputElement).value)}
      @blur=${() => o.onBlur?.()} />
    ${o.hint ? html`<p part="hint" class="hint" id="${id}-hint">${o.hint}</p>` : nothing}
    ${errorLine(id, o.error, o.t)}
  </div>`;
}

export interface SelectOptions {
  path: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  error: FieldError | undefined;
  t: OnboardingStrings;
  onChange: (value: string) => void;
  autocomplete?: string;
}

export function selectField(o: SelectOptions): TemplateResult {
  const id = fieldId(o.path);
  return html`<div part="field" class="field">
    <label part="label" for=${id}>${o.label}</label>
    <select part="select" id=${id} name=${o.path}
      autocomplete=${o.autocomplete ?? nothing}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${describedBy(id, false, Boolean(o.error))}
      @change=${(e: Event) => o.onChange((e.target as HTMLSelectElement).value)}>
      ${o.options.map((option) => html`<option value=${option.value} ?selected=${option.value === o.value}>${option.label}</option>`)}
    </select>
    ${errorLine(id, o.error, o.t)}
  </div>`;
}

export interface ChoiceOptions {
  path: string;
  legend: string;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  error: FieldError | undefined;
  t: OnboardingStrings;
  onChange: (value: string) => void;
}

/** A radio group in a fieldset; the error is tied to the group. */
export function radioGroup(o: ChoiceOptions): TemplateResult {
  const id = fieldId(o.path);
  return html`<fieldset part="choice-group" class="choices" id=${id} tabindex="-1"
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${describedBy(id, false, Boolean(o.error))}>
    <legend part="legend">${o.legend}</legend>
    ${o.options.map(
      (option) => html`<label part="choice" class="choice">
        <input type="radio" name=${o.path} .value=${option.value}
          .checked=${live(o.value === option.value)}
          @change=${() => o.onChange(option.value)} />
        <span>${option.label}</span>
      </label>`,
    )}
    ${errorLine(id, o.error, o.t)}
  </fieldset>`;
}
