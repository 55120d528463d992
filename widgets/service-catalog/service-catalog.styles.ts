import { css } from 'lit';

/**
 * Every public token maps to a private `--_x` with a fallback (the widget renders without a
 * theme); the rules below read only `--_x` and `--gw-sys-*`. Sizes are px from tokens and
 * every box uses logical properties, so right-to-left locales need no extra rules.
 */
export const serviceCatalogStyles = css`
  :host {
    --_bg: var(--gw-service-catalog-background, var(--gw-sys-color-surface, #fdfcff));
    --_card-bg: var(--gw-service-catalog-card-background, var(--gw-sys-color-surface, #fdfcff));
    --_card-border: var(--gw-service-catalog-card-border, var(--gw-sys-color-outline-variant, #c5c6d0));
    --_card-radius: var(--gw-service-catalog-card-radius, var(--gw-sys-shape-corner-medium, 8px));
    --_card-shadow: var(--gw-service-catalog-card-shadow, var(--gw-sys-elevation-1, 0 1px 3px #0000001f));
    --_card-padding: var(--gw-service-catalog-card-padding, var(--gw-sys-space-md, 16px));
    --_card-min-width: var(--gw-service-catalog-card-min-width, 264px);
    --_card-min-height: var(--gw-service-catalog-card-min-height, 300px);
    --_gap: var(--gw-service-catalog-grid-gap, var(--gw-sys-space-md, 16px));
    --_heading: var(--gw-service-catalog-heading-color, var(--gw-sys-color-on-surface, #1b1b1f));
    --_text: var(--gw-service-catalog-text-color, var(--gw-sys-color-on-surface-variant, #44474f));
    --_badge-bg: var(--gw-service-catalog-badge-background, var(--gw-sys-color-primary-container, #dde1ff));
    --_badge-color: var(--gw-service-catalog-badge-color, var(--gw-sys-color-on-primary-container, #00105c));
    --_selected: var(--gw-service-catalog-selected-border, var(--gw-sys-color-primary, #3d5afe));
    --_primary: var(--gw-sys-color-primary, #3d5afe);
    --_on-primary: var(--gw-sys-color-on-primary, #ffffff);
    --_surface: var(--gw-sys-color-surface, #fdfcff);
    --_surface-variant: var(--gw-sys-color-surface-variant, #e1e2ec);
    --_on-surface: var(--gw-sys-color-on-surface, #1b1b1f);
    --_outline: var(--gw-sys-color-outline, #757780);
    --_link: var(--gw-sys-color-link, #2a44c9);
    --_space-xs: var(--gw-sys-space-xs, 4px);
    --_space-sm: var(--gw-sys-space-sm, 8px);
    --_space-md: var(--gw-sys-space-md, 16px);
    --_space-lg: var(--gw-sys-space-lg, 24px);
    --_control-height: var(--gw-sys-size-control-height, 40px);
    --_border-width: var(--gw-sys-size-border-width, 1px);
    --_radius-small: var(--gw-sys-shape-corner-small, 4px);
    --_radius-medium: var(--gw-sys-shape-corner-medium, 8px);
    --_radius-large: var(--gw-sys-shape-corner-large, 12px);
    --_radius-full: var(--gw-sys-shape-corner-full, 9999px);
    --_caption: var(--gw-sys-typescale-caption-size, 11px);
    --_label: var(--gw-sys-typescale-label-size, 13px);
    --_title: var(--gw-sys-typescale-title-size, 19px);
    --_headline: var(--gw-sys-typescale-headline-size, 23px);
    --_heading-family: var(--gw-sys-typescale-family-heading, inherit);
    --_heading-weight: var(--gw-sys-typescale-heading-weight, 600);
    --_heading-line-height: var(--gw-sys-typescale-heading-line-height, 1.25);
    --_label-weight: var(--gw-sys-typescale-label-weight, 500);
    --_motion: var(--gw-sys-motion-duration, 200ms) var(--gw-sys-motion-easing, ease);

    background: var(--_bg);
  }

  [hidden] {
    display: none !important;
  }

  p,
  h2,
  h3,
  h4,
  ul,
  dl,
  dd {
    margin: 0;
  }

  /* Tenant text takes its own direction (dir=auto) but keeps the widget's alignment. */
  [dir='auto'] {
    /* Chromium and WebKit know only the prefixed keyword; Firefox only the standard one. */
    text-align: -webkit-match-parent;
    text-align: match-parent;
  }

  .catalog {
    display: grid;
    gap: var(--_space-md);
    /* Room for focus rings: the host's containment would clip them at its edges. */
    padding: calc(
      var(--gw-sys-size-focus-ring-width, 2px) + var(--gw-sys-size-focus-ring-offset, 2px)
    );
  }

  /* Filters: real labels above real controls, wrapping to as many rows as needed. */
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-sm) var(--_space-md);
    align-items: end;
  }
  .field {
    display: grid;
    gap: var(--_space-xs);
    flex: 1 1 160px;
    min-inline-size: 0;
  }
  .field.search {
    flex: 2 1 240px;
  }
  label {
    font-size: var(--_label);
    font-weight: var(--_label-weight);
    color: var(--_on-surface);
  }
  input[type='search'],
  select {
    inline-size: 100%;
    min-block-size: var(--_control-height);
    padding-inline: var(--_space-sm);
    border: var(--_border-width) solid var(--_outline);
    border-radius: var(--_radius-small);
    background: var(--_surface);
    color: var(--_on-surface);
  }
  input::placeholder {
    color: var(--_text);
    opacity: 1;
  }

  .status-bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space-sm);
    min-block-size: var(--_control-height);
  }
  .count {
    color: var(--_text);
    font-size: var(--_label);
  }
  .text-button {
    min-block-size: var(--_control-height);
    padding-inline: var(--_space-sm);
    border: 0;
    background: none;
    color: var(--_link);
    text-decoration: underline;
    cursor: pointer;
  }
  .banner {
    padding: var(--_space-sm) var(--_space-md);
    border-radius: var(--_radius-small);
    background: var(--_surface-variant);
    color: var(--_on-surface);
  }

  /* The grid: as many columns of at least --_card-min-width as fit. */
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, var(--_card-min-width)), 1fr));
    gap: var(--_gap);
    padding: 0;
    list-style: none;
  }
  .cell {
    display: grid;
  }
  .card {
    position: relative;
    display: grid;
    grid-template-rows: auto auto auto 1fr auto auto;
    align-content: start;
    gap: var(--_space-sm);
    min-block-size: var(--_card-min-height);
    padding: var(--_card-padding);
    border: var(--_border-width) solid var(--_card-border);
    border-radius: var(--_card-radius);
    background: var(--_card-bg);
    box-shadow: var(--_card-shadow);
    color: var(--_text);
    transition: border-color var(--_motion), box-shadow var(--_motion);
  }
  .card.selected {
    border-color: var(--_selected);
    box-shadow: 0 0 0 var(--_border-width) var(--_selected), var(--_card-shadow);
  }
  .eyebrow {
    font-size: var(--_caption);
    font-weight: var(--_label-weight);
    letter-spacing: 0.04em;
    text-transform: uppercase;
  }
  .title {
    font-family: var(--_heading-family);
    font-size: var(--_title);
    font-weight: var(--_heading-weight);
    line-height: var(--_heading-line-height);
    color: var(--_heading);
  }
  .regions > span:last-child {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    line-clamp: 2;
    overflow: hidden;
  }
  .select {
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
    text-align: start;
    cursor: pointer;
  }
  /* The whole card is the button's hit area; the ring is drawn on the card instead. */
  .select::after {
    content: '';
    position: absolute;
    inset: 0;
    border-radius: var(--_card-radius);
  }
  /* The ring goes round the whole card (the button's hit area) where :has() is known. */
  @supports selector(:has(*)) {
    .select:focus-visible {
      outline: none;
    }
    .card:has(.select:focus-visible) {
      outline: var(--gw-sys-size-focus-ring-width, 2px) solid
        var(--gw-sys-color-focus-ring, #3d5afe);
      outline-offset: var(--gw-sys-size-focus-ring-offset, 2px);
    }
  }
  .summary {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 3;
    line-clamp: 3;
    overflow: hidden;
  }
  .regions,
  .price {
    font-size: var(--_label);
  }
  .regions .label {
    display: block;
    font-weight: var(--_label-weight);
    color: var(--_heading);
  }
  .price {
    font-weight: var(--_label-weight);
    color: var(--_heading);
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs);
    padding: 0;
    list-style: none;
  }
  .badge {
    padding: 2px var(--_space-sm);
    border-radius: var(--_radius-full);
    background: var(--_badge-bg);
    color: var(--_badge-color);
    font-size: var(--_caption);
    font-weight: var(--_label-weight);
  }

  .skeleton-card {
    box-shadow: none;
  }
  .skeleton.bar {
    display: block;
    block-size: 14px;
    inline-size: 100%;
  }
  .skeleton.bar.short {
    inline-size: 40%;
  }
  .skeleton.bar.title {
    block-size: 22px;
    inline-size: 70%;
  }
  .skeleton.bar.badges {
    block-size: 20px;
    inline-size: 55%;
    border-radius: var(--_radius-full);
  }

  .state {
    min-block-size: var(--_card-min-height);
    align-content: center;
    border: var(--_border-width) dashed var(--_card-border);
    border-radius: var(--_card-radius);
    color: var(--_text);
  }
  .state-title {
    color: var(--_heading);
  }

  .button {
    min-block-size: var(--_control-height);
    padding-inline: var(--_space-md);
    border: var(--_border-width) solid var(--_primary);
    border-radius: var(--_radius-medium);
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: var(--_label-weight);
    cursor: pointer;
  }
  .button:hover {
    background: var(--gw-sys-color-primary-hover, var(--_primary));
  }
  .button.secondary {
    background: var(--_surface);
    color: var(--_on-surface);
    border-color: var(--_outline);
  }
  .button:disabled {
    border-color: transparent;
    background: var(--gw-sys-color-disabled, #e3e3e8);
    color: var(--gw-sys-color-on-disabled, #76777f);
    cursor: not-allowed;
  }

  @media (forced-colors: active) {
    .card.selected {
      border-width: 3px;
    }
  }
`;
