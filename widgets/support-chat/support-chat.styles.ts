import { css } from 'lit';

/**
 * The launcher only (the panel's styles load with the panel): a round button at the
 * inline-end bottom corner of the viewport, its colours from the launcher tokens. The host is
 * the strip along the bottom edge, transparent to the pointer, so the button's place follows
 * the direction (right in English, left in Arabic) by flex alone.
 */
export const styles = css`
  :host {
    --_launcher-bg: var(--gw-support-chat-launcher-background, var(--gw-sys-color-primary, #3d5afe));
    --_launcher-fg: var(--gw-support-chat-launcher-color, var(--gw-sys-color-on-primary, #ffffff));
    position: fixed;
    inset-inline: 0;
    inset-block-end: 0;
    display: flex;
    justify-content: flex-end;
    padding: 16px;
    background: transparent;
    pointer-events: none;
    z-index: 1;
  }
  .launcher {
    pointer-events: auto;
    position: relative;
    display: grid;
    place-items: center;
    inline-size: 56px;
    block-size: 56px;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: var(--_launcher-bg);
    color: var(--_launcher-fg);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.24);
    cursor: pointer;
  }
  .badge {
    position: absolute;
    inset-block-start: -4px;
    inset-inline-end: -4px;
    min-inline-size: 22px;
    block-size: 22px;
    padding-inline: 6px;
    border-radius: 11px;
    background: var(--gw-sys-color-danger, #ba1a1a);
    color: var(--gw-sys-color-on-danger, #ffffff);
    font-size: 13px;
    line-height: 22px;
    font-weight: 600;
  }
  @media (forced-colors: active) {
    .launcher {
      border: 2px solid ButtonText;
    }
  }
`;
