import { css } from 'lit';

/**
 * The panel: each public `--gw-support-chat-*` token maps to a private `--_x` with a fallback
 * (it renders without a theme); the rules read only `--_x`. The tokens arrive by inheritance
 * from the launcher's host, where the theme is adopted — the top layer keeps inheritance.
 * Placed with logical properties, so in Arabic it opens on the other side and mirrors.
 */
export const styles = css`
  :host {
    --_background: var(--gw-support-chat-background, var(--gw-sys-color-surface, #fdfcff));
    --_customer-bg: var(--gw-support-chat-customer-bubble-background, var(--gw-sys-color-primary, #3d5afe));
    --_customer-fg: var(--gw-support-chat-customer-bubble-color, var(--gw-sys-color-on-primary, #ffffff));
    --_agent-bg: var(--gw-support-chat-agent-bubble-background, var(--gw-sys-color-surface-variant, #e1e2ec));
    --_agent-fg: var(--gw-support-chat-agent-bubble-color, var(--gw-sys-color-on-surface, #1b1b1f));
    --_bubble-radius: var(--gw-support-chat-bubble-radius, var(--gw-sys-shape-corner-large, 16px));
    --_composer-border: var(--gw-support-chat-composer-border, var(--gw-sys-color-outline, #74777f));
    --_muted: var(--gw-sys-color-on-surface-variant, #44474f);
    --_primary: var(--gw-sys-color-primary, #3d5afe);
    --_on-primary: var(--gw-sys-color-on-primary, #ffffff);
    --_danger: var(--gw-sys-color-danger, #ba1a1a);
    --_radius: var(--gw-sys-shape-corner-medium, 8px);
    --_control: var(--gw-sys-size-control-height, 40px);
    --_xs: var(--gw-sys-space-xs, 4px);
    --_sm: var(--gw-sys-space-sm, 8px);
    --_md: var(--gw-sys-space-md, 16px);
    --_border-width: var(--gw-sys-size-border-width, 1px);
    --_small: var(--gw-sys-typescale-label-size, 14px);
    display: contents;
  }
  .panel {
    position: fixed;
    inset: auto;
    inset-block-end: 88px;
    inset-inline-end: 16px;
    margin: 0;
    inline-size: min(380px, calc(100vw - 32px));
    block-size: min(600px, calc(100vh - 112px));
    padding: 0;
    border: var(--_border-width) solid var(--_composer-border);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--gw-sys-color-on-surface, #1b1b1f);
    box-shadow: 0 8px 32px rgb(0 0 0 / 0.24);
    overflow: hidden;
    flex-direction: column;
    pointer-events: auto;
  }
  .panel:popover-open {
    display: flex;
  }
  p,
  h2,
  ul {
    margin: 0;
  }
  header {
    display: flex;
    align-items: start;
    justify-content: space-between;
    gap: var(--_sm);
    padding: var(--_md);
    border-block-end: var(--_border-width) solid var(--_composer-border);
  }
  h2 {
    font-size: var(--gw-sys-typescale-title-size, 19px);
    font-weight: var(--gw-sys-typescale-heading-weight, 600);
  }
  .promise,
  .connection,
  .meta,
  .typing,
  .zone,
  .counter,
  .day,
  .snippet {
    font-size: var(--_small);
    color: var(--_muted);
  }
  button {
    min-block-size: var(--_control);
    padding-inline: var(--_md);
    border: 0;
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
    cursor: pointer;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  button.close {
    inline-size: var(--_control);
    padding: 0;
    display: grid;
    place-items: center;
    background: transparent;
    color: inherit;
  }
  button.secondary {
    background: transparent;
    color: inherit;
    border: var(--_border-width) solid var(--_composer-border);
  }
  button.link {
    min-block-size: 0;
    padding: 0;
    background: none;
    color: inherit;
    text-decoration: underline;
  }
  .connection {
    display: flex;
    align-items: center;
    gap: var(--_xs);
    padding-block: var(--_xs);
    padding-inline: var(--_md);
  }
  .dot {
    inline-size: 8px;
    block-size: 8px;
    border-radius: 50%;
    border: 2px solid currentColor;
  }
  .connected .dot {
    background: currentColor;
  }
  .notice {
    margin-inline: var(--_md);
    margin-block-end: var(--_sm);
    padding: var(--_sm);
    border-radius: var(--_radius);
    border: var(--_border-width) solid var(--_composer-border);
    display: grid;
    gap: var(--_xs);
  }
  .notice ul {
    padding-inline-start: var(--_md);
  }
  .hours-title {
    font-weight: var(--gw-sys-typescale-heading-weight, 600);
  }
  .log {
    flex: 1;
    overflow-y: auto;
    display: flex;
    flex-direction: column;
    gap: var(--_sm);
    padding: var(--_md);
  }
  .day {
    align-self: center;
    text-align: center;
  }
  .message {
    max-inline-size: 85%;
    padding: var(--_sm) var(--_md);
    border-radius: var(--_bubble-radius);
    background: var(--_agent-bg);
    color: var(--_agent-fg);
    align-self: flex-start;
    display: grid;
    gap: 2px;
  }
  .message .meta {
    color: inherit;
  }
  .message.customer {
    align-self: flex-end;
    background: var(--_customer-bg);
    color: var(--_customer-fg);
  }
  .message.system {
    align-self: center;
    background: transparent;
    color: var(--_muted);
    border: var(--_border-width) dashed var(--_composer-border);
  }
  .author {
    font-size: var(--_small);
    font-weight: var(--gw-sys-typescale-heading-weight, 600);
  }
  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .typing {
    padding-inline: var(--_md);
  }
  .suggestions {
    display: grid;
    gap: var(--_xs);
    padding-inline: var(--_md);
    padding-block: var(--_xs);
  }
  .suggestions ul {
    padding: 0;
    list-style: none;
    display: grid;
    gap: var(--_xs);
  }
  .suggestions li {
    display: grid;
  }
  .suggestions a {
    color: inherit;
    text-decoration: underline;
  }
  .suggestions-title {
    font-weight: var(--gw-sys-typescale-heading-weight, 600);
    font-size: var(--_small);
  }
  .composer {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: var(--_sm);
    padding: var(--_md);
    border-block-start: var(--_border-width) solid var(--_composer-border);
  }
  textarea {
    resize: none;
    padding: var(--_sm);
    border: var(--_border-width) solid var(--_composer-border);
    border-radius: var(--_radius);
    background: var(--_background);
    min-block-size: var(--_control);
  }
  textarea::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  .counter {
    grid-column: 1 / -1;
  }
  .prechat {
    display: grid;
    gap: var(--_md);
    padding: var(--_md);
    overflow-y: auto;
  }
  .field {
    display: grid;
    gap: var(--_xs);
  }
  input {
    min-block-size: var(--_control);
    padding-inline: var(--_sm);
    border: var(--_border-width) solid var(--_composer-border);
    border-radius: var(--_radius);
    background: var(--_background);
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .field-error,
  .notice.error {
    color: var(--_danger);
    font-size: var(--_small);
  }
  .loading,
  .state {
    flex: 1;
  }
  .skeletons {
    display: grid;
    gap: var(--_md);
    padding: var(--_md);
  }
  .skeleton.bubble {
    inline-size: 60%;
    block-size: 48px;
  }
  .skeleton.own {
    justify-self: end;
  }
  .skeleton.composer-skeleton {
    block-size: var(--_control);
  }
  @media (forced-colors: active) {
    .message {
      border: 1px solid CanvasText;
    }
  }
`;
