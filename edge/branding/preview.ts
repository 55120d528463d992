/**
 * The page a signed preview link shows: the draft theme on sample content, in light and dark,
 * with only the draft's stylesheet (no script; the CSP allows nothing else). Pure.
 */
import { escapeHtml } from '../html.js';

export const PREVIEW_CSP =
  "default-src 'none'; style-src 'self'; img-src https:; frame-ancestors 'none'";

/** The preview page for a draft of `brand` (hash `draftHash`) behind `link`. */
export function previewPageHtml(
  brand: { name: string; slug: string },
  draftHash: string,
  link: string,
) {
  const sections = (['light', 'dark'] as const).map(
    (mode) =>
      `<section class="card" data-gw-theme="${escapeHtml(brand.slug)}" data-gw-mode="${mode}"><h1>${escapeHtml(brand.name)} · ${mode} (draft ${escapeHtml(draftHash)})</h1>` +
      `<p>Open an account in minutes.</p><button type="button">Request this plan</button><p class="error">Enter a valid account number.</p><a href="#terms">Terms</a></section>`,
  );
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Preview: ${escapeHtml(brand.name)}</title>` +
    `<link rel="stylesheet" href="${escapeHtml(link)}/theme.css"></head><body>${sections.join('')}</body></html>`
  );
}

const SAMPLE_CSS =
  '.card{background:var(--gw-sys-color-surface);color:var(--gw-sys-color-on-surface);font-family:var(--gw-sys-typescale-family-body);padding:24px;margin:16px;border-radius:var(--gw-sys-shape-corner-large)}' +
  '.card button{background:var(--gw-sys-color-primary);color:var(--gw-sys-color-on-primary);border:0;padding:8px 16px;border-radius:var(--gw-sys-shape-corner-medium)}' +
  '.card .error{color:var(--gw-sys-color-danger)}.card a{color:var(--gw-sys-color-link)}';

/** The draft's theme CSS, then the sample content's own rules (which read only its tokens). */
export const previewStylesheet = (draftCss: string) => `${draftCss}\n${SAMPLE_CSS}\n`;
