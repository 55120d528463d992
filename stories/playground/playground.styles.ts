/** The playground's own look: a neutral tool beside the themed widgets, logical properties only. */
import { css } from 'lit';

export const playgroundStyles = css`
  :host {
    display: block;
    padding: 16px;
    color: #1b1b1f;
    background: #ffffff;
    font: 14px/1.5 system-ui, sans-serif;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(240px, 300px) minmax(0, 1fr);
    grid-template-areas: 'controls preview' 'controls report';
    gap: 24px;
    align-items: start;
  }
  .controls {
    grid-area: controls;
    position: sticky;
    inset-block-start: 0;
  }
  .preview {
    grid-area: preview;
    display: grid;
    gap: 24px;
    min-inline-size: 0;
  }
  .report {
    grid-area: report;
  }
  h2 {
    margin: 0 0 8px;
    font-size: 18px;
  }
  h3 {
    margin: 16px 0 4px;
    font-size: 15px;
  }
  fieldset {
    margin: 0 0 12px;
    padding: 8px 12px;
    border: 1px solid #8e9099;
    border-radius: 8px;
  }
  legend {
    padding-inline: 4px;
    font-weight: 600;
  }
  .field {
    display: grid;
    gap: 2px;
    margin-block: 6px;
  }
  label {
    font-weight: 500;
  }
  input,
  select,
  button {
    font: inherit;
    color: inherit;
  }
  input[type='text'],
  input[type='number'],
  select {
    min-block-size: 32px;
    padding-inline: 8px;
    border: 1px solid #74777f;
    border-radius: 6px;
    background: #ffffff;
  }
  input[aria-invalid='true'] {
    border-color: #ba1a1a;
    outline: 2px solid #ba1a1a;
  }
  .color {
    display: grid;
    grid-template-columns: 40px minmax(0, 1fr);
    gap: 6px;
  }
  input[type='color'] {
    inline-size: 40px;
    block-size: 32px;
    padding: 0;
    border: 1px solid #74777f;
    border-radius: 6px;
  }
  .field-error,
  .errors {
    color: #ba1a1a;
  }
  .field-error {
    margin: 0;
  }
  .errors ul,
  .warnings {
    margin: 0;
    padding-inline-start: 20px;
  }
  .detail {
    color: #44474f;
  }
  button {
    min-block-size: 36px;
    padding-inline: 16px;
    border: 0;
    border-radius: 6px;
    background: #2a4bd1;
    color: #ffffff;
    cursor: pointer;
  }
  button[aria-disabled='true'] {
    background: #5d5e67;
  }
  :focus-visible {
    outline: 2px solid #2a4bd1;
    outline-offset: 2px;
  }
  pre {
    overflow: auto;
    max-block-size: 240px;
    padding: 8px;
    background: #f2f3fa;
    font-size: 12px;
  }
  .contrast {
    border-collapse: collapse;
    inline-size: 100%;
    font-size: 13px;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block: 8px;
  }
  th,
  td {
    padding: 4px 8px;
    border-block-end: 1px solid #c4c6d0;
    text-align: start;
  }
  tr.fail td:last-child {
    color: #ba1a1a;
    font-weight: 600;
  }
  [hidden] {
    display: none;
  }
`;
