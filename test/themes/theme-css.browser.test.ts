// The built preset themes in real Chromium: the same stylesheet themes a shadow root (`:host`)
// and a document subtree (`[data-gw-theme]`), switches modes by attribute and by
// prefers-color-scheme for "auto" themes, and renders text and controls that axe-core finds
// accessible in every mode.
import { expect, fixtureCleanup } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';

const PRESETS = ['gridworks', 'sunbeam', 'nocturne', 'heritage'] as const;
const MODES = ['light', 'dark'] as const;

const SAMPLE_STYLES = `
  :host, .sample { display: block; padding: 16px; background: var(--gw-sys-color-surface);
    color: var(--gw-sys-color-on-surface); font-family: var(--gw-sys-typescale-family-body);
    font-size: var(--gw-sys-typescale-body-size); }
  .variant { background: var(--gw-sys-color-surface-variant); color: var(--gw-sys-color-on-surface-variant); padding: 8px; }
  .primary { background: var(--gw-sys-color-primary); color: var(--gw-sys-color-on-primary); border: 0; padding: 8px 16px; font-size: 16px; }
  .secondary { background: var(--gw-sys-color-secondary); color: var(--gw-sys-color-on-secondary); border: 0; padding: 8px 16px; font-size: 16px; }
  .danger-fill { background: var(--gw-sys-color-danger); color: var(--gw-sys-color-on-danger); padding: 8px; }
  .error { color: var(--gw-sys-color-danger); }
  .ok { color: var(--gw-sys-color-success); }
  .warn { color: var(--gw-sys-color-warning); }
  a { color: var(--gw-sys-color-link); }
  input { border: 1px solid var(--gw-sys-color-outline); background: var(--gw-sys-color-surface); color: var(--gw-sys-color-on-surface); }
`;

const SAMPLE_HTML = `
  <p>Open an account in minutes.</p>
  <p class="variant">Fees are shown before you confirm.</p>
  <button class="primary" type="button">Request this plan</button>
  <button class="secondary" type="button">Compare</button>
  <p class="danger-fill">Your session expired.</p>
  <p class="error">Enter a valid IFSC code.</p>
  <p class="ok">Saved.</p>
  <p class="warn">Rates change on Monday.</p>
  <a href="#terms">Terms</a>
  <label>Name <input autocomplete="name" /></label>
`;

const cssCache = new Map<string, string>();
async function themeCss(slug: string): Promise<string> {
  let css = cssCache.get(slug);
  if (!css) {
    const response = await fetch(`/themes/dist/${slug}.css`);
    if (!response.ok) throw new Error(`themes/dist/${slug}.css missing: run npm run themes:build`);
    css = await response.text();
    cssCache.set(slug, css);
  }
  return css;
}

/** A custom element host whose shadow root adopts the theme as a constructable stylesheet. */
async function shadowSample(slug: string, mode?: string): Promise<HTMLElement> {
  const host = document.createElement('div');
  if (mode) host.dataset.gwMode = mode;
  const root = host.attachShadow({ mode: 'open' });
  const theme = new CSSStyleSheet();
  theme.replaceSync(await themeCss(slug));
  const styles = new CSSStyleSheet();
  styles.replaceSync(SAMPLE_STYLES);
  root.adoptedStyleSheets = [theme, styles];
  root.innerHTML = SAMPLE_HTML;
  document.body.append(host);
  return host;
}

/** A document subtree themed through `[data-gw-theme]`. */
async function documentSample(slug: string, mode?: string): Promise<HTMLElement> {
  const style = document.createElement('style');
  style.textContent = (await themeCss(slug)) + SAMPLE_STYLES;
  document.head.append(style);
  const el = document.createElement('div');
  el.className = 'sample';
  el.dataset.gwTheme = slug;
  if (mode) el.dataset.gwMode = mode;
  el.innerHTML = SAMPLE_HTML;
  document.body.append(el);
  return el;
}

const prop = (el: Element, name: string) => getComputedStyle(el).getPropertyValue(name).trim();
const rgb = (hex: string) => {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
};

afterEach(async () => {
  fixtureCleanup();
  for (const el of document.querySelectorAll('body > div, head > style')) el.remove();
  await emulateMedia({ colorScheme: 'light' });
});

for (const slug of PRESETS) {
  for (const mode of MODES) {
    describe(`${slug} theme, ${mode} mode`, () => {
      it('themes a shadow root and passes axe-core', async () => {
        const host = await shadowSample(slug, mode);
        const button = host.shadowRoot?.querySelector('.primary') as HTMLElement;
        const primary = prop(host, '--gw-sys-color-primary');
        expect(primary).to.match(/^#[0-9a-f]{6}$/);
        expect(getComputedStyle(button).backgroundColor).to.equal(rgb(primary));
        expect(getComputedStyle(host).backgroundColor).to.equal(
          rgb(prop(host, '--gw-sys-color-surface')),
        );
        await expect(host).to.be.accessible();
      });

      it('themes a document subtree identically and passes axe-core', async () => {
        const host = await shadowSample(slug, mode);
        const el = await documentSample(slug, mode);
        for (const name of [
          '--gw-sys-color-primary',
          '--gw-sys-color-on-primary',
          '--gw-sys-color-surface',
          '--gw-sys-color-danger',
          '--gw-service-catalog-card-background',
        ]) {
          expect(prop(el, name), name).to.equal(prop(host, name));
        }
        expect(getComputedStyle(el.querySelector('.primary') as Element).color).to.equal(
          rgb(prop(el, '--gw-sys-color-on-primary')),
        );
        await expect(el).to.be.accessible();
      });
    });
  }

  it(`${slug}: the mode attribute switches sys colours, component tokens follow`, async () => {
    const light = await shadowSample(slug, 'light');
    const dark = await shadowSample(slug, 'dark');
    expect(prop(dark, '--gw-sys-color-surface')).not.to.equal(
      prop(light, '--gw-sys-color-surface'),
    );
    expect(prop(dark, '--gw-service-catalog-card-background')).to.equal(
      prop(dark, '--gw-sys-color-surface'),
    );
    expect(prop(light, '--gw-service-catalog-card-background')).to.equal(
      prop(light, '--gw-sys-color-surface'),
    );
  });
}

describe('pastel primary (sunbeam)', () => {
  it('keeps #ffd400 with dark text where it passes, and darkens it only in light mode', async () => {
    const dark = await shadowSample('sunbeam', 'dark');
    const light = await shadowSample('sunbeam', 'light');
    expect(prop(dark, '--gw-sys-color-primary')).to.equal('#ffd400');
    expect(prop(light, '--gw-sys-color-primary')).not.to.equal('#ffd400');
    const text = prop(dark, '--gw-sys-color-on-primary');
    expect(Number.parseInt(text.slice(1, 3), 16)).to.be.below(64, 'on-primary is dark');
  });
});

describe('auto mode (gridworks)', () => {
  it('follows prefers-color-scheme, and data-gw-mode overrides it', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const plain = await shadowSample('gridworks');
    const lightSurface = prop(plain, '--gw-sys-color-surface');
    await emulateMedia({ colorScheme: 'dark' });
    const darkSurface = prop(plain, '--gw-sys-color-surface');
    expect(darkSurface).not.to.equal(lightSurface);
    const forcedLight = await shadowSample('gridworks', 'light');
    expect(prop(forcedLight, '--gw-sys-color-surface')).to.equal(lightSurface);
    const doc = await documentSample('gridworks');
    expect(prop(doc, '--gw-sys-color-surface')).to.equal(darkSurface);
  });
});

describe('light-first themes ignore prefers-color-scheme', () => {
  it('sunbeam stays light when the system is dark', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const before = prop(await shadowSample('sunbeam'), '--gw-sys-color-surface');
    await emulateMedia({ colorScheme: 'dark' });
    expect(prop(await shadowSample('sunbeam'), '--gw-sys-color-surface')).to.equal(before);
  });
});
