/**
 * A Vite plugin giving Storybook every tenant a designer can pick — the four presets of
 * themes/presets and the demo bank — each compiled by the real theme engine (compileTheme, the
 * edge's publish path) when Storybook starts or builds, as `virtual:gw-tenants`. The mock edge
 * serves these stylesheets; the brand playground starts from these brands.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { DEMO_BRAND } from '../edge/demo/brand.js';
import { compileTheme } from '../themes/compile.js';

const ID = 'virtual:gw-tenants';
const RESOLVED = `\0${ID}`;
const PRESETS = join(import.meta.dirname, '..', 'themes', 'presets');

export interface TenantTheme {
  slug: string;
  name: string;
  /** The brand input, as the tenant would send it to `PUT /v1/branding/draft`. */
  brand: Record<string, unknown>;
  css: string;
  hash: string;
  mode: 'light' | 'dark' | 'auto';
}

async function compileTenants(): Promise<TenantTheme[]> {
  const files = (await readdir(PRESETS)).filter((f) => f.endsWith('.json')).sort();
  const brands: Record<string, unknown>[] = [];
  for (const file of files) brands.push(JSON.parse(await readFile(join(PRESETS, file), 'utf8')));
  brands.push(structuredClone(DEMO_BRAND) as unknown as Record<string, unknown>);
  return Promise.all(
    brands.map(async (brand) => {
      const compiled = await compileTheme(brand);
      if (!compiled.ok) {
        const errors = compiled.report.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
        throw new Error(`the brand ${String(brand.slug)} does not compile: ${errors}`);
      }
      return {
        slug: compiled.brand.slug,
        name: compiled.brand.name,
        brand,
        css: compiled.outputs.css,
        hash: compiled.outputs.hash,
        mode: compiled.brand.mode,
      };
    }),
  );
}

export function tenantThemes(): Plugin {
  return {
    name: 'gw-tenant-themes',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      // A preset edited while Storybook runs is compiled again.
      for (const file of await readdir(PRESETS)) this.addWatchFile(join(PRESETS, file));
      return `export const TENANTS = ${JSON.stringify(await compileTenants())};\n`;
    },
  };
}
