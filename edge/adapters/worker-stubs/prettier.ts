/**
 * What the Worker bundle gets instead of prettier (wrangler.toml `[alias]`). Style Dictionary
 * imports prettier for its built-in JavaScript and TypeScript formats; the edge compiles themes
 * with its own CSS format only (themes/build.ts), so prettier — about a third of the bundle —
 * is never called there. If a built-in format ever were, this says so instead of failing oddly.
 */
export function format(): never {
  throw new Error(
    'prettier is not in the Worker bundle: themes are compiled with the edge’s own format',
  );
}
