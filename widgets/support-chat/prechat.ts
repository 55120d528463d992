/**
 * The pre-chat form, for a token that names no customer: a name and an email, checked by the
 * same rules the edge applies (contracts/text-rules.ts), errors inline and tied to their field
 * with `aria-describedby`, real `autocomplete` tokens so the browser can fill them in.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { EMAIL_PATTERN, UNSAFE_TEXT } from '../../contracts/text-rules.js';
import type { ChatStrings } from './locales.js';

export interface PrechatValues {
  name: string;
  email: string;
}
export type PrechatErrors = Partial<Record<keyof PrechatValues, string>>;

const MAX_NAME = 100;
const MAX_EMAIL = 254;

export function checkPrechat(values: PrechatValues, t: ChatStrings): PrechatErrors {
  const errors: PrechatErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = t.errors.nameRequired;
  else if (name.length > MAX_NAME || UNSAFE_TEXT.test(name)) errors.name = t.errors.nameInvalid;
  const email = values.email.trim();
  if (email.length > MAX_EMAIL || !EMAIL_PATTERN.test(email)) errors.email = t.errors.email;
  return errors;
}

export function prechatForm(o: {
  values: PrechatValues;
  errors: PrechatErrors;
  t: ChatStrings;
  onInput: (field: keyof PrechatValues, value: string) => void;
  onSubmit: () => void;
}): TemplateResult {
  const field = (
    name: keyof PrechatValues,
    label: string,
    type: 'text' | 'email',
    autocomplete: string,
  ) => {
    const error = o.errors[name];
    return html`<div class="field" part="field">
      <label part="label" for="prechat-${name}">${label}</label>
      <input part="input" id="prechat-${name}" name=${name} type=${type}
        autocomplete=${autocomplete} dir=${type === 'email' ? 'ltr' : nothing}
        .value=${live(o.values[name])}
        aria-required="true"
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `prechat-${name}-error` : nothing}
        @input=${(e: Event) => o.onInput(name, (e.target as HTMLInputElement).value)} />
      ${error ? html`<p class="field-error" part="field-error" id="prechat-${name}-error">${error}</p>` : nothing}
    </div>`;
  };
  return html`<form class="prechat" part="prechat" novalidate
    @submit=${(e: Event) => {
      e.preventDefault();
      o.onSubmit();
    }}>
    <p>${o.t.prechatIntro}</p>
    ${field('name', o.t.name, 'text', 'name')}
    ${field('email', o.t.email, 'email', 'email')}
    <button type="submit" part="button">${o.t.startChat}</button>
  </form>`;
}
