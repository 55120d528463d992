import { css } from 'lit';

/**
 * Each public token maps to a private `--_x` with a fallback (the widget renders without a
 * theme); the rules read only `--_x`. Sizes in px, layout in logical properties.
 */
export const styles = css`
  :host {
    --_background: var(--gw-pricing-calculator-background, var(--gw-sys-color-surface, #fdfcff));
    --_panel-background: var(
      --gw-pricing-calculator-panel-background,
      var(--gw-sys-color-surface-variant, #e1e2ec)
    );
    --_panel-radius: var(--gw-pricing-calculator-panel-radius, var(--gw-sys-shape-corner-large, 12px));
    --_label: var(--gw-pricing-calculator-label-color, var(--gw-sys-color-on-surface-variant, #44474f));
    --_value: var(--gw-pricing-calculator-value-color, var(--gw-sys-color-on-surface, #1b1b1f));
    --_total: var(--gw-pricing-calculator-total-color, var(--gw-sys-color-on-surface, #1b1b1f));
    --_total-size: var(--gw-pricing-calculator-total-size, var(--gw-sys-typescale-headline-size, 24px));
    --_track: var(--gw-pricing-calculator-track-color, var(--gw-sys-color-outline, #74777f));
    --_thumb: var(--gw-pricing-calculator-thumb-color, var(--gw-sys-color-primary, #3d5afe));
    --_border: var(--gw-pricing-calculator-border-color, var(--gw-sys-color-outline-variant, #c4c6d0));
    --_selected: var(--gw-pricing-calculator-selected-border, var(--gw-sys-color-primary, #3d5afe));
    --_input-border: var(--gw-pricing-calculator-input-border, var(--gw-sys-color-outline, #74777f));
    --_error: var(--gw-pricing-calculator-error-color, var(--gw-sys-color-danger, #ba1a1a));
    --_button-background: var(
      --gw-pricing-calculator-button-background,
      var(--gw-sys-color-primary, #3d5afe)
    );
    --_button-color: var(--gw-pricing-calculator-button-color, var(--gw-sys-color-on-primary, #ffffff));
    --_button-radius: var(
      --gw-pricing-calculator-button-radius,
      var(--gw-sys-shape-corner-medium, 8px)
    );
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
    color: var(--_value);
  }
  /* Native controls (select list, number spinners) follow the theme's mode. */
  :host([data-gw-mode='dark']) {
    color-scheme: dark;
  }
  .calculator {
    display: grid;
    gap: var(--_md);
    padding: var(--_md);
  }
  h2,
  h3,
  p {
    margin: 0;
  }
  h2 {
    font-size: var(--gw-sys-typescale-title-size, 20px);
    font-weight: var(--_heading-weight);
    line-height: var(--gw-sys-typescale-heading-line-height, 1.25);
  }
  h3 {
    font-size: var(--gw-sys-typescale-body-size, 16px);
    font-weight: var(--_heading-weight);
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  legend,
  label,
  .hint {
    color: var(--_label);
    font-size: var(--_label-size);
  }
  legend {
    padding: 0;
    margin-block-end: var(--_xs);
  }
  .plans {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(180px, 1fr));
    gap: var(--_sm);
  }
  .plans legend {
    grid-column: 1 / -1;
  }
  .plan-option {
    display: grid;
    grid-template-columns: auto 1fr;
    align-content: start;
    column-gap: var(--_sm);
    row-gap: var(--_xs);
    padding: var(--_md);
    border: var(--_border-width) solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .plan-option:has(input:checked) {
    border-color: var(--_selected);
    box-shadow: inset 0 0 0 var(--_border-width) var(--_selected);
  }
  .plan-option input {
    margin: 0;
    accent-color: var(--_thumb);
    block-size: 20px;
    inline-size: 20px;
  }
  .plan-name {
    color: var(--_value);
    font-size: var(--gw-sys-typescale-body-size, 16px);
    font-weight: var(--_heading-weight);
  }
  .plan-description,
  .plan-price {
    grid-column: 2;
  }
  .plan-price {
    color: var(--_value);
  }
  .options {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_md);
    align-items: end;
    justify-content: space-between;
  }
  .billing {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_md);
  }
  .choice {
    display: inline-flex;
    align-items: center;
    gap: var(--_xs);
    min-block-size: var(--_control);
    color: var(--_value);
    font-size: var(--gw-sys-typescale-body-size, 16px);
    cursor: pointer;
  }
  .choice input {
    margin: 0;
    accent-color: var(--_thumb);
    block-size: 20px;
    inline-size: 20px;
  }
  .saving {
    color: var(--_label);
    font-size: var(--_label-size);
  }
  .region-field {
    display: grid;
    gap: var(--_xs);
  }
  select,
  .number {
    min-block-size: var(--_control);
    padding-inline: var(--_sm);
    border: var(--_border-width) solid var(--_input-border);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--_value);
  }
  .field {
    display: grid;
    grid-template-columns: 1fr auto;
    align-items: center;
    column-gap: var(--_md);
    row-gap: var(--_xs);
  }
  .number {
    inline-size: 140px;
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .number[aria-invalid='true'] {
    border-color: var(--_error);
    outline: var(--_border-width) solid var(--_error);
  }
  .slider,
  .hint,
  .field-error {
    grid-column: 1 / -1;
  }
  .field-error {
    color: var(--_error);
    font-size: var(--_label-size);
    min-block-size: 0;
  }
  .slider {
    --_fill: 0%;
    appearance: none;
    margin: 0;
    inline-size: 100%;
    block-size: 24px;
    background: transparent;
    cursor: pointer;
  }
  .slider::-webkit-slider-runnable-track {
    block-size: 6px;
    border-radius: 3px;
    background: linear-gradient(to right, var(--_thumb) var(--_fill), var(--_track) var(--_fill));
  }
  :host([dir='rtl']) .slider::-webkit-slider-runnable-track {
    background: linear-gradient(to left, var(--_thumb) var(--_fill), var(--_track) var(--_fill));
  }
  .slider::-webkit-slider-thumb {
    appearance: none;
    inline-size: 20px;
    block-size: 20px;
    margin-block-start: -7px;
    border: 2px solid var(--_background);
    border-radius: 50%;
    background: var(--_thumb);
  }
  .slider::-moz-range-track {
    block-size: 6px;
    border-radius: 3px;
    background: var(--_track);
  }
  .slider::-moz-range-progress {
    block-size: 6px;
    border-radius: 3px;
    background: var(--_thumb);
  }
  .slider::-moz-range-thumb {
    inline-size: 16px;
    block-size: 16px;
    border: 2px solid var(--_background);
    border-radius: 50%;
    background: var(--_thumb);
  }
  .summary {
    display: grid;
    gap: var(--_sm);
    padding: var(--_md);
    border-radius: var(--_panel-radius);
    background: var(--_panel-background);
  }
  .lines {
    display: grid;
    gap: var(--_xs);
    margin: 0;
  }
  .lines > div {
    display: flex;
    justify-content: space-between;
    gap: var(--_md);
  }
  dt {
    color: var(--_label);
  }
  dd {
    margin: 0;
    color: var(--_value);
    font-variant-numeric: tabular-nums;
    text-align: end;
    white-space: nowrap;
  }
  .subtotal {
    padding-block-start: var(--_xs);
    border-block-start: var(--_border-width) solid var(--_border);
  }
  .total {
    align-items: baseline;
    padding-block-start: var(--_sm);
    border-block-start: var(--_border-width) solid var(--_border);
  }
  .total dt {
    color: var(--_total);
    font-weight: var(--_heading-weight);
  }
  .total-amount {
    color: var(--_total);
    font-size: var(--_total-size);
    font-weight: var(--_heading-weight);
  }
  .request {
    min-block-size: var(--_control);
    padding-inline: var(--_lg);
    border: 0;
    border-radius: var(--_button-radius);
    background: var(--_button-background);
    color: var(--_button-color);
    font-weight: var(--gw-sys-typescale-label-weight, 500);
    cursor: pointer;
  }
  .request[aria-disabled='true'] {
    cursor: not-allowed;
  }
  .request-error {
    color: var(--_error);
  }
  .skeleton {
    inline-size: 100%;
  }
  /* Sized like what they stand for (a plan choice with its legend, a quantity with its hint,
     the quote panel), so nothing jumps when the plans arrive. */
  .heading-block {
    inline-size: 40%;
    block-size: 24px;
  }
  .plan-block {
    block-size: 150px;
  }
  .row-block {
    block-size: 64px;
  }
  .field-block {
    block-size: 108px;
  }
  .summary-block {
    block-size: 280px;
    border-radius: var(--_panel-radius);
  }
  .button-block {
    block-size: var(--_control);
  }
`;
