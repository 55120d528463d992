import { css } from 'lit';

/**
 * Styles of the selected service's plans, the compare bar and the comparison dialog. They read
 * the private variables `serviceCatalogStyles` defines on `:host`.
 */
export const plansStyles = css`
  /* The selected service's plans. */
  .detail {
    display: grid;
    gap: var(--_space-md);
    padding: var(--_card-padding);
    border: var(--_border-width) solid var(--_card-border);
    border-radius: var(--_card-radius);
    background: var(--_card-bg);
  }
  .detail-title {
    font-family: var(--_heading-family);
    font-size: var(--_headline);
    font-weight: var(--_heading-weight);
    line-height: var(--_heading-line-height);
    color: var(--_heading);
  }
  .detail-summary {
    color: var(--_text);
  }
  .facts {
    display: grid;
    gap: var(--_space-xs);
    font-size: var(--_label);
    color: var(--_text);
  }
  .facts div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_space-sm);
  }
  .facts dt {
    font-weight: var(--_label-weight);
    color: var(--_heading);
  }
  .tiers {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 220px), 1fr));
    gap: var(--_gap);
    padding: 0;
    list-style: none;
  }
  .tier {
    display: grid;
    grid-template-rows: auto auto auto 1fr auto;
    gap: var(--_space-sm);
    padding: var(--_card-padding);
    border: var(--_border-width) solid var(--_card-border);
    border-radius: var(--_card-radius);
    color: var(--_text);
  }
  .tier-name {
    font-size: var(--_title);
    font-weight: var(--_heading-weight);
    color: var(--_heading);
  }
  .tier-price {
    font-weight: var(--_label-weight);
    color: var(--_heading);
  }
  .sla {
    display: grid;
    gap: var(--_space-xs);
    font-size: var(--_label);
  }
  .sla div {
    display: flex;
    justify-content: space-between;
    gap: var(--_space-sm);
  }
  .sla dd {
    font-weight: var(--_label-weight);
    color: var(--_heading);
  }
  .features {
    padding-inline-start: var(--_space-md);
    list-style: disc;
    font-size: var(--_label);
  }
  .tier-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space-sm);
  }
  .compare-toggle {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-xs);
    min-block-size: var(--_control-height);
    cursor: pointer;
  }
  .compare-toggle input {
    inline-size: 18px;
    block-size: 18px;
    margin: 0;
    accent-color: var(--_primary);
  }

  .compare-bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-sm);
    padding: var(--_space-sm) var(--_space-md);
    border-radius: var(--_radius-medium);
    background: var(--_surface-variant);
    color: var(--_on-surface);
  }
  .compare-status {
    flex: 1 1 200px;
  }

  /* The comparison dialog lives in the top layer: no z-index needed, none used. */
  dialog {
    inline-size: min(960px, calc(100vw - 32px));
    max-block-size: calc(100vh - 32px);
    padding: 0;
    border: 0;
    border-radius: var(--_radius-large);
    background: var(--_surface);
    color: var(--_on-surface);
    box-shadow: var(--gw-sys-elevation-3, 0 12px 32px #00000029);
  }
  dialog::backdrop {
    background: color-mix(in srgb, var(--gw-sys-color-scrim, #000000) 45%, transparent);
  }
  .dialog-header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space-md);
    padding: var(--_space-md) var(--_space-lg);
    border-block-end: var(--_border-width) solid var(--_card-border);
  }
  .dialog-title {
    font-family: var(--_heading-family);
    font-size: var(--_headline);
    font-weight: var(--_heading-weight);
  }
  .dialog-body {
    overflow: auto;
    padding: var(--_space-md) var(--_space-lg) var(--_space-lg);
  }
  .comparison {
    inline-size: 100%;
    border-collapse: collapse;
    font-size: var(--_label);
  }
  .comparison th,
  .comparison td {
    padding: var(--_space-sm);
    border-block-end: var(--_border-width) solid var(--_card-border);
    text-align: start;
    vertical-align: top;
  }
  .comparison thead th {
    font-size: var(--_title);
    font-weight: var(--_heading-weight);
  }
  .comparison .col-service {
    display: block;
    font-size: var(--_label);
    font-weight: var(--_label-weight);
  }
  .comparison tbody th {
    font-weight: var(--_label-weight);
  }
  .comparison .group {
    padding-block-start: var(--_space-md);
    font-size: var(--_label);
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .comparison .yes {
    font-weight: var(--_heading-weight);
  }
`;
