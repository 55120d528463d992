/**
 * `npm start` until the edge lands: compiles every preset in memory and serves a page that
 * previews each one in light and dark, with its contrast report. Listens on 127.0.0.1:PORT
 * (default 8787; HOST to change the interface).
 */
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CompiledTheme, compileTheme } from '../themes/compile.js';

const here = dirname(fileURLToPath(import.meta.url));
const presetsDir = join(here, '..', 'themes', 'presets');
const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PORT must be a TCP port number, got ${JSON.stringify(process.env.PORT)}`);
  process.exit(1);
}

const themes: Extract<CompiledTheme, { ok: true }>[] = [];
for (const file of (await readdir(presetsDir)).filter((f) => f.endsWith('.json')).sort()) {
  const compiled = await compileTheme(JSON.parse(await readFile(join(presetsDir, file), 'utf8')));
  if (!compiled.ok)
    throw new Error(`preset ${file} is invalid: ${compiled.report.errors[0]?.message}`);
  themes.push(compiled);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const PAGE_CSS = `
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; background: #f4f4f5; color: #18181b; }
header, main { max-width: 1100px; margin: 0 auto; padding: 24px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 16px; }
.card { background: var(--gw-sys-color-surface); color: var(--gw-sys-color-on-surface);
  font-family: var(--gw-sys-typescale-family-body); font-size: var(--gw-sys-typescale-body-size);
  border: 1px solid var(--gw-sys-color-outline-variant); border-radius: var(--gw-sys-shape-corner-large);
  padding: var(--gw-sys-space-lg); box-shadow: var(--gw-sys-elevation-1); }
.card h2 { font-family: var(--gw-sys-typescale-family-heading); font-size: var(--gw-sys-typescale-title-size); margin: 0 0 8px; }
.muted { color: var(--gw-sys-color-on-surface-variant); }
.card button { background: var(--gw-sys-color-primary); color: var(--gw-sys-color-on-primary); border: 0;
  border-radius: var(--gw-sys-shape-corner-medium); min-height: var(--gw-sys-size-control-height);
  padding: 0 var(--gw-sys-space-md); font: inherit; cursor: pointer; }
.card button:hover { background: var(--gw-sys-color-primary-hover); }
.card button:focus-visible { outline: var(--gw-sys-size-focus-ring-width) solid var(--gw-sys-color-focus-ring); outline-offset: var(--gw-sys-size-focus-ring-offset); }
.swatches { display: flex; gap: 4px; margin: 12px 0; }
.swatches span { inline-size: 24px; block-size: 24px; border-radius: 4px; border: 1px solid var(--gw-sys-color-outline-variant); }
.s-primary { background: var(--gw-sys-color-primary); } .s-secondary { background: var(--gw-sys-color-secondary); }
.s-accent { background: var(--gw-sys-color-accent); } .s-danger { background: var(--gw-sys-color-danger); }
.s-success { background: var(--gw-sys-color-success); } .s-warning { background: var(--gw-sys-color-warning); }
.error { color: var(--gw-sys-color-danger); } a { color: var(--gw-sys-color-link); }
details { margin-top: 12px; font-size: 13px; }
`;

function card(theme: (typeof themes)[number], mode: 'light' | 'dark'): string {
  const { brand, report } = theme;
  const passed = report.contrast.filter((c) => c.pass && c.mode === mode).length;
  const total = report.contrast.filter((c) => c.mode === mode).length;
  const warnings = report.warnings.filter((w) => w.code !== 'contrast-adjusted' || w.mode === mode);
  return `<section class="card" data-gw-theme="${brand.slug}" data-gw-mode="${mode}" aria-label="${escapeHtml(brand.name)}, ${mode}">
  <h2>${escapeHtml(brand.name)} <span class="muted">· ${mode}</span></h2>
  <p class="muted">Theme ${report.hash} · ${passed}/${total} contrast pairs pass WCAG 2.2 AA</p>
  <div class="swatches" aria-hidden="true">${['primary', 'secondary', 'accent', 'danger', 'success', 'warning'].map((s) => `<span class="s-${s}"></span>`).join('')}</div>
  <button type="button">Request this plan</button>
  <p class="error">Enter a valid account number.</p>
  <p><a href="/themes/${brand.slug}.report.json">Contrast report</a> · <a href="/themes/${brand.slug}.css">CSS</a></p>
  ${warnings.length ? `<details><summary>${warnings.length} adjustment(s)</summary><ul>${warnings.map((w) => `<li>${escapeHtml(w.message)}</li>`).join('')}</ul></details>` : ''}
</section>`;
}

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>GridWorks Embed — theme presets</title>
<link rel="stylesheet" href="/preview.css">${themes.map((t) => `<link rel="stylesheet" href="/themes/${t.brand.slug}.css">`).join('')}
</head><body><header><h1>GridWorks Embed — theme presets</h1>
<p>Every preset compiled by the theming engine, in light and dark. Build your own with <code>npm run theme -- build brand.json --out dir</code>.</p></header>
<main class="grid">${themes.flatMap((t) => [card(t, 'light'), card(t, 'dark')]).join('\n')}</main></body></html>`;

const routes = new Map<string, { type: string; body: string }>([
  ['/', { type: 'text/html; charset=utf-8', body: page }],
  ['/preview.css', { type: 'text/css; charset=utf-8', body: PAGE_CSS }],
]);
for (const t of themes) {
  routes.set(`/themes/${t.brand.slug}.css`, {
    type: 'text/css; charset=utf-8',
    body: t.outputs.css,
  });
  routes.set(`/themes/${t.brand.slug}.report.json`, {
    type: 'application/json',
    body: JSON.stringify(t.report, null, 2),
  });
}

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const route = routes.get(path);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; style-src 'self'; script-src 'none'",
  );
  if (!route || (req.method !== 'GET' && req.method !== 'HEAD')) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  res
    .writeHead(200, { 'Content-Type': route.type })
    .end(req.method === 'HEAD' ? undefined : route.body);
});
server.listen(port, host, () => {
  console.log(`GridWorks Embed theme preview: http://${host}:${port}/ (${themes.length} presets)`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
