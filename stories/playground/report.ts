/**
 * What the engine said about the brand: validation errors by JSON Pointer (a live region, so
 * a screen reader hears them as they appear), its warnings (e.g. a primary darkened for
 * contrast) and every declared contrast pair in both modes.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ThemeReport } from '../../themes/index.js';

const role = (token: string) => token.replace('--gw-sys-color-', '');
const ratio = (value: number) => `${value.toFixed(2)}:1`;

export function reportTemplate(
  report: ThemeReport | undefined,
  valid: ThemeReport | undefined,
): TemplateResult {
  const errors = report?.errors ?? [];
  const stale = errors.length > 0 && valid;
  return html`<section class="report" aria-labelledby="report-title">
    <h2 id="report-title">Theme engine</h2>
    <div part="errors" class="errors" aria-live="polite">
      ${
        errors.length === 0
          ? nothing
          : html`<h3>${errors.length === 1 ? '1 error' : `${errors.length} errors`}: the widgets keep the last valid brand</h3>
            <ul>
              ${errors.map(
                (e) => html`<li>
                  <code>${e.path || '/'}</code>: ${e.message}
                  <span class="detail">(expected ${e.expected}; received ${e.received})</span>
                </li>`,
              )}
            </ul>`
      }
    </div>
    <h3 id="warnings-title">Warnings</h3>
    <ul part="warnings" class="warnings" aria-labelledby="warnings-title">
      ${
        (valid?.warnings ?? []).length === 0
          ? html`<li class="none">None: every colour is used as given.</li>`
          : valid?.warnings.map((w) => html`<li>${w.message}</li>`)
      }
    </ul>
    <table part="contrast" class="contrast">
      <caption>
        Contrast of every declared pair${stale ? ' (last valid brand)' : ''}${
          valid?.hash ? html`, theme <code>${valid.hash}</code>` : nothing
        }
      </caption>
      <thead>
        <tr>
          <th scope="col">Text or element</th>
          <th scope="col">On</th>
          <th scope="col">Mode</th>
          <th scope="col">Ratio</th>
          <th scope="col">Required</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        ${(valid?.contrast ?? []).map(
          (c) => html`<tr class=${c.pass ? 'pass' : 'fail'}>
            <td><code>${role(c.fg)}</code></td>
            <td><code>${role(c.bg)}</code></td>
            <td>${c.mode}</td>
            <td>${ratio(c.ratio)}</td>
            <td>${ratio(c.required)}</td>
            <td>${c.pass ? 'Pass' : 'Fail'}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}
