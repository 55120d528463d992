/**
 * The kit's own theme, for a tenant that has not published one yet: the `gridworks` preset,
 * compiled once per process on first use (not per request) and kept.
 */
import { type CompiledTheme, compileTheme } from './compile.js';
import gridworks from './presets/gridworks.json' with { type: 'json' };

export const DEFAULT_BRAND = gridworks;

let compiled: Promise<Extract<CompiledTheme, { ok: true }>> | undefined;

/** The default theme's compiled outputs (same bytes and hash on every call). */
export function defaultTheme(): Promise<Extract<CompiledTheme, { ok: true }>> {
  compiled ??= compileTheme(DEFAULT_BRAND).then((theme) => {
    if (!theme.ok) throw new Error('the default theme preset does not compile');
    return theme;
  });
  compiled.catch(() => {
    compiled = undefined;
  });
  return compiled;
}
