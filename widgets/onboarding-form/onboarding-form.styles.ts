import { css } from 'lit';

/**
 * Each public token maps to a private `--_x` with a fallback (the form renders without a
 * theme); the rules read only `--_x`. Layout in logical properties, so Arabic mirrors.
 */
export const styles = css`
  :host {
    --_background: var(--gw-onboarding-form-background, var(--gw-sys-color-surface, #fdfcff));
    --_field-background: var(--gw-onboarding-form-field-background, var(--gw-sys-color-surface, #fdfcff));
    --_field-border: var(--gw-onboarding-form-field-border, var(--gw-sys-color-outline, #74777f));
    --_field-radius: var(--gw-onboarding-form-field-radius, var(--gw-sys-shape-corner-small, 4px));
    --_label: var(--gw-onboarding-form-label-color, var(--gw-sys-color-on-surface, #1b1b1f));
    --_hint: var(--gw-onboarding-form-hint-color, var(--gw-sys-color-on-surface-variant, #44474f));
    --_error: var(--gw-onboarding-form-error-color, var(--gw-sys-color-danger, #ba1a1a));
    --_step-active: var(--gw-onboarding-form-step-active, var(--gw-sys-color-primary, #3d5afe));
    --_step-done: var(--gw-onboarding-form-step-done, var(--gw-sys-color-success, #1e6b32));
    --_step-todo: var(--gw-onboarding-form-step-todo, var(--gw-sys-color-outline, #74777f));
    --_primary: var(--gw-sys-color-primary, #3d5afe);
    --_on-primary: var(--gw-sys-color-on-primary, #ffffff);
    --_radius: var(--gw-sys-shape-corner-medium, 8px);
    --_control: var(--gw-sys-size-control-height, 40px);
    --_xs: var(--gw-sys-space-xs, 4px);
    --_sm: var(--gw-sys-space-sm, 8px);
    --_md: var(--gw-sys-space-md, 16px);
    --_lg: var(--gw-sys-space-lg, 24px);
    --_border-width: var(--gw-sys-size-border-width, 1px);
    --_label-size: var(--gw-sys-typescale-label-size, 14px);
    --_heading-weight: var(--gw-sys-typescale-heading-weight, 600);
    background: var(--_background);
  }
  :host([data-gw-mode='dark']) {
    color-scheme: dark;
  }
  .form {
    display: grid;
    gap: var(--_md);
    padding: var(--_md);
  }
  h2,
  h3,
  h4,
  p {
    margin: 0;
  }
  h2 {
    font-size: var(--gw-sys-typescale-title-size, 20px);
    font-weight: var(--_heading-weight);
  }
  h3,
  h4 {
    font-size: var(--gw-sys-typescale-body-size, 16px);
    font-weight: var(--_heading-weight);
  }
  .progress {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_sm);
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: var(--_label-size);
  }
  .progress-step {
    display: flex;
    align-items: center;
    gap: var(--_xs);
    color: var(--_hint);
  }
  .marker {
    display: inline-grid;
    place-items: center;
    inline-size: 24px;
    block-size: 24px;
    border-radius: 50%;
    border: 2px solid var(--_step-todo);
  }
  .done .marker {
    border-color: var(--_step-done);
    background: var(--_step-done);
    color: var(--_on-primary);
  }
  .current {
    color: var(--_label);
    font-weight: var(--_heading-weight);
  }
  .current .marker {
    border-color: var(--_step-active);
    background: var(--_step-active);
    color: var(--_on-primary);
  }
  .step {
    display: grid;
    gap: var(--_md);
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
    display: grid;
    gap: var(--_sm);
  }
  .person {
    padding: var(--_md);
    border: var(--_border-width) solid var(--_step-todo);
    border-radius: var(--_radius);
  }
  legend {
    padding: 0;
    margin-block-end: var(--_sm);
    font-weight: var(--_heading-weight);
    color: var(--_label);
  }
  .row {
    display: grid;
    grid-template-columns: minmax(10em, 1fr) 2fr auto;
    gap: var(--_sm);
    align-items: end;
  }
  .field {
    display: grid;
    gap: var(--_xs);
  }
  label {
    color: var(--_label);
    font-size: var(--_label-size);
  }
  .optional,
  .hint {
    color: var(--_hint);
    font-size: var(--_label-size);
  }
  input:not([type='radio'], [type='checkbox']),
  select {
    box-sizing: border-box;
    min-block-size: var(--_control);
    inline-size: 100%;
    padding-inline: var(--_sm);
    border: var(--_border-width) solid var(--_field-border);
    border-radius: var(--_field-radius);
    background: var(--_field-background);
    color: var(--_label);
    font: inherit;
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
    border-width: 2px;
  }
  .field-error {
    color: var(--_error);
    font-size: var(--_label-size);
    font-weight: var(--_heading-weight);
  }
  .choice {
    display: flex;
    align-items: center;
    gap: var(--_sm);
    min-block-size: var(--_control);
    font-size: var(--gw-sys-typescale-body-size, 16px);
  }
  .choice input {
    inline-size: 20px;
    block-size: 20px;
    margin: 0;
    accent-color: var(--_primary);
  }
  .error-summary {
    padding: var(--_md);
    border: 2px solid var(--_error);
    border-radius: var(--_radius);
  }
  .error-summary ul {
    margin: var(--_sm) 0 0;
    padding-inline-start: var(--_md);
  }
  .error-summary a {
    color: var(--_error);
  }
  .actions {
    display: flex;
    gap: var(--_sm);
    justify-content: space-between;
    flex-wrap: wrap;
  }
  button {
    min-block-size: var(--_control);
    padding-inline: var(--_md);
    border-radius: var(--_radius);
    font: inherit;
    cursor: pointer;
  }
  .primary {
    margin-inline-start: auto;
    border: 0;
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .secondary {
    justify-self: start;
    border: var(--_border-width) solid var(--_field-border);
    background: transparent;
    color: var(--_label);
  }
  .review-section {
    display: grid;
    gap: var(--_xs);
    padding-block: var(--_sm);
    border-block-end: var(--_border-width) solid var(--_step-todo);
  }
  dl {
    display: grid;
    grid-template-columns: minmax(8em, 1fr) 2fr;
    gap: var(--_xs) var(--_md);
    margin: 0;
  }
  dt {
    color: var(--_hint);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .skeleton {
    block-size: 480px;
  }
  @media (max-width: 480px) {
    .row,
    dl {
      grid-template-columns: 1fr;
    }
  }
`;
