/**
 * The playground's controls: labelled inputs in one shadow root, each tied to its error by
 * `aria-describedby` and marked `aria-invalid` when the engine refuses its value. Colours have
 * a picker and a text field (any notation the engine accepts: hex, rgb(), hsl(), oklch()).
 */
import { html, type TemplateResult } from 'lit';
import {
  BRAND_MODES,
  type BrandForm,
  type BrandFormField,
  COLOR_FIELDS,
  DENSITIES,
  GENERIC_FAMILIES,
} from './brand-form.js';

type OnInput = (field: BrandFormField, value: string) => void;

const LABELS: Record<BrandFormField, string> = {
  primary: 'Primary colour',
  accent: 'Accent colour',
  neutral: 'Neutral colour',
  fontFamily: 'Font family',
  genericFamily: 'Generic family',
  baseSize: 'Base size (px)',
  scale: 'Type scale ratio',
  radius: 'Corner radius (px)',
  density: 'Density',
  mode: 'Mode',
};

const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

function errorOf(field: BrandFormField, invalid: Map<BrandFormField, string>): TemplateResult {
  const message = invalid.get(field);
  return html`<p class="field-error" id="${field}-error" ?hidden=${!message}>${message ?? ''}</p>`;
}

const aria = (field: BrandFormField, invalid: Map<BrandFormField, string>) => ({
  invalid: invalid.has(field) ? 'true' : 'false',
  describedby: `${field}-error`,
});

function colorField(
  field: (typeof COLOR_FIELDS)[number],
  form: BrandForm,
  invalid: Map<BrandFormField, string>,
  onInput: OnInput,
): TemplateResult {
  const a = aria(field, invalid);
  // The picker shows only #rrggbb; other notations stay in the text field.
  const hex = /^#[0-9a-f]{6}$/i.test(form[field]) ? form[field] : '#000000';
  return html`<div class="field">
    <label for=${field}>${LABELS[field]}</label>
    <div class="color">
      <input type="color" aria-label="${LABELS[field]} picker" .value=${hex}
        @input=${(e: Event) => onInput(field, value(e))} />
      <input id=${field} name=${field} type="text" dir="ltr" spellcheck="false" autocomplete="off"
        placeholder=${field === 'primary' ? '#4f6ff0' : 'derived from primary'}
        .value=${form[field]} aria-invalid=${a.invalid} aria-describedby=${a.describedby}
        @input=${(e: Event) => onInput(field, value(e))} />
    </div>
    ${errorOf(field, invalid)}
  </div>`;
}

function numberField(
  field: 'baseSize' | 'scale' | 'radius',
  form: BrandForm,
  invalid: Map<BrandFormField, string>,
  onInput: OnInput,
  range: { min: number; max: number; step: number },
): TemplateResult {
  const a = aria(field, invalid);
  return html`<div class="field">
    <label for=${field}>${LABELS[field]}</label>
    <input id=${field} name=${field} type="number" inputmode="decimal" min=${range.min}
      max=${range.max} step=${range.step} .value=${form[field]} aria-invalid=${a.invalid}
      aria-describedby=${a.describedby} @input=${(e: Event) => onInput(field, value(e))} />
    ${errorOf(field, invalid)}
  </div>`;
}

function selectField(
  field: 'genericFamily' | 'density' | 'mode',
  options: readonly string[],
  form: BrandForm,
  invalid: Map<BrandFormField, string>,
  onInput: OnInput,
): TemplateResult {
  const a = aria(field, invalid);
  return html`<div class="field">
    <label for=${field}>${LABELS[field]}</label>
    <select id=${field} name=${field} aria-invalid=${a.invalid} aria-describedby=${a.describedby}
      @change=${(e: Event) => onInput(field, value(e))}>
      ${options.map((o) => html`<option value=${o} ?selected=${form[field] === o}>${o}</option>`)}
    </select>
    ${errorOf(field, invalid)}
  </div>`;
}

export function controlsTemplate(
  form: BrandForm,
  invalid: Map<BrandFormField, string>,
  onInput: OnInput,
): TemplateResult {
  const a = aria('fontFamily', invalid);
  return html`<form @submit=${(e: Event) => e.preventDefault()}>
    <fieldset>
      <legend>Colours</legend>
      ${COLOR_FIELDS.map((f) => colorField(f, form, invalid, onInput))}
    </fieldset>
    <fieldset>
      <legend>Typography</legend>
      <div class="field">
        <label for="fontFamily">${LABELS.fontFamily}</label>
        <input id="fontFamily" name="fontFamily" type="text" autocomplete="off"
          placeholder="the generic family only" .value=${form.fontFamily}
          aria-invalid=${a.invalid} aria-describedby=${a.describedby}
          @input=${(e: Event) => onInput('fontFamily', value(e))} />
        ${errorOf('fontFamily', invalid)}
      </div>
      ${selectField('genericFamily', GENERIC_FAMILIES, form, invalid, onInput)}
      ${numberField('baseSize', form, invalid, onInput, { min: 14, max: 20, step: 1 })}
      ${numberField('scale', form, invalid, onInput, { min: 1.067, max: 1.618, step: 0.001 })}
    </fieldset>
    <fieldset>
      <legend>Shape and density</legend>
      ${numberField('radius', form, invalid, onInput, { min: 0, max: 24, step: 1 })}
      ${selectField('density', DENSITIES, form, invalid, onInput)}
      ${selectField('mode', BRAND_MODES, form, invalid, onInput)}
    </fieldset>
  </form>`;
}
