/**
 * The widget build: the embed loader and one entry per widget, ES modules, shared code (Lit,
 * core) in content-hashed chunks. Entries keep fixed names so the loader can import them next
 * to itself and npm `exports` can point at them.
 *
 *   dist/widgets/embed.js                 the loader (short cache)
 *   dist/widgets/gw-<widget>.js           one entry per widget (short cache)
 *   dist/widgets/chunks/<name>-<hash>.js  shared code (immutable)
 */
import { defineConfig } from 'vite';

export const WIDGET_ENTRIES = {
  embed: 'widgets/embed.ts',
  'gw-provider': 'widgets/provider/provider.ts',
  'gw-service-catalog': 'widgets/service-catalog/service-catalog.ts',
  'gw-pricing-calculator': 'widgets/pricing-calculator/pricing-calculator.ts',
} as const;

export default defineConfig({
  publicDir: false,
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
