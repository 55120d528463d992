/**
 * The widget build: the embed loader and one entry per widget, ES modules, shared code (Lit,
 * core) in content-hashed chunks. Entries keep fixed names so the loader can import them next
 * to itself and npm `exports` can point at them.
 *
 *   dist/widgets/embed.js                 the loader (short cache)
 *   dist/widgets/gw-<widget>.js           one entry per widget (short cache)
 *   dist/widgets/chunks/<name>-<hash>.js  shared code (immutable)
 */
import { defineConfig, type Plugin } from 'vite';

export const WIDGET_ENTRIES = {
  embed: 'widgets/embed.ts',
  'gw-provider': 'widgets/provider/provider.ts',
  'gw-service-catalog': 'widgets/service-catalog/service-catalog.ts',
  'gw-pricing-calculator': 'widgets/pricing-calculator/pricing-calculator.ts',
  'gw-onboarding-form': 'widgets/onboarding-form/onboarding-form.ts',
} as const;

/**
 * The widgets' stylesheets are css`` template literals, which the minifier ships as written:
 * this drops their comments (kept for readers of the source) and indentation. Line breaks stay,
 * so source maps still point at the right lines.
 */
export function compactWidgetCss(): Plugin {
  return {
    name: 'gw-compact-widget-css',
    transform(code, id) {
      if (!/[\\/]widgets[\\/].*styles\.ts$/.test(id)) return null;
      const compact = code.replace(
        /\bcss`([^`]*)`/g,
        (_, text: string) =>
          `css\`${text
            .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ''))
            .replace(/^[ \t]+/gm, '')}\``,
      );
      return { code: compact, map: null };
    },
  };
}

export default defineConfig({
  publicDir: false,
  plugins: [compactWidgetCss()],
  build: {
    outDir: 'dist/widgets',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    // Maps for debugging and size analysis, without a sourceMappingURL comment in what ships.
    sourcemap: 'hidden',
    modulePreload: false,
    rollupOptions: {
      input: WIDGET_ENTRIES,
      preserveEntrySignatures: 'strict',
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
  // Lit's dev mode warnings are for development builds only.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  resolve: { conditions: ['production', 'browser', 'import', 'module', 'default'] },
});
