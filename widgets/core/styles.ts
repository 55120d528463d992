/**
 * Styles every widget starts from: the host resets what it inherits from the page (font, line
 * height, colour, box sizing) and sizes everything in px from tokens, so a host page with
 * `html { font-size: 62.5% }` or `* { line-height: 3 }` cannot reach inside.
 */
import { css } from 'lit';

// A host page's own rules reach the host element itself (a page's "* { color: red;
// line-height: 3 }" matches it, and beats :host). What the widget inherits from its host is
// therefore pinned with !important, which a page's ordinary rules cannot override; layout
// properties (width, margin) stay the host page's to set. (Comments stay out of the CSS text:
// the build ships template literals as written.)
export const hostReset = css`
  :host {
    display: block;
    box-sizing: border-box !important;
    contain: layout style;
    color: var(--gw-sys-color-on-surface, #1b1b1f) !important;
    background: var(--gw-sys-color-surface, #fdfcff);
    font-family: var(--gw-sys-typescale-family-body, system-ui, sans-serif) !important;
    font-size: var(--gw-sys-typescale-body-size, 16px) !important;
    font-weight: var(--gw-sys-typescale-body-weight, 400) !important;
    font-style: normal !important;
    line-height: var(--gw-sys-typescale-body-line-height, 1.5) !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-align: start !important;
    text-transform: none !important;
    text-indent: 0 !important;
    text-shadow: none !important;
    white-space: normal !important;
    visibility: visible !important;
    cursor: auto;
    -webkit-text-size-adjust: 100%;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
    line-height: inherit;
    color: inherit;
    font: inherit;
  }
  :focus-visible {
    outline: var(--gw-sys-size-focus-ring-width, 2px) solid var(--gw-sys-color-focus-ring, #3d5afe);
    outline-offset: var(--gw-sys-size-focus-ring-offset, 2px);
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      transition-duration: 0.01ms !important;
    }
  }
`;

/**
 * Shared look of the loading, empty, error and offline states (widgets/core/states.ts): the
 * same in every widget; a widget may size them (the catalog's are a card tall).
 */
export const stateStyles = css`
  .state {
    display: grid;
    place-items: center;
    gap: var(--gw-sys-space-sm, 8px);
    padding: var(--gw-sys-space-lg, 24px);
    text-align: center;
    color: var(--gw-sys-color-on-surface-variant, #44474f);
  }
  .state p {
    margin: 0;
  }
  .state-title {
    font-size: var(--gw-sys-typescale-title-size, 19px);
    font-weight: var(--gw-sys-typescale-heading-weight, 600);
    color: var(--gw-sys-color-on-surface, #1b1b1f);
  }
  .state button {
    min-block-size: var(--gw-sys-size-control-height, 40px);
    padding-inline: var(--gw-sys-space-md, 16px);
    border: 0;
    border-radius: var(--gw-sys-shape-corner-medium, 8px);
    background: var(--gw-sys-color-primary, #3d5afe);
    color: var(--gw-sys-color-on-primary, #fff);
    cursor: pointer;
  }
  .skeleton {
    border-radius: var(--gw-sys-shape-corner-small, 4px);
    background: var(--gw-sys-color-surface-variant, #e1e2ec);
    animation: gw-pulse 1.2s ease-in-out infinite alternate;
  }
  @keyframes gw-pulse {
    from {
      opacity: 1;
    }
    to {
      opacity: 0.5;
    }
  }
  @media (forced-colors: active) {
    .skeleton {
      background: GrayText;
    }
  }
`;
