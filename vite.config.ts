/**
 * The widget build: the embed loader and one entry per widget, ES modules, shared code (Lit,
 * core) in content-hashed chunks. Entries keep fixed names so the loader can import them next
 * to itself and npm `exports` can point at them.
 *
 *   dist/widgets/embed.js                 the loader (short cache)
 *   dist/widgets/gw-<widget>.js           one entry per widget (short cache)
 *   dist/widgets/chunks/<name>-<hash>.js  shared code (immutable)
 */
import { posix } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

export const WIDGET_ENTRIES = {
  embed: 'widgets/embed.ts',
  'gw-provider': 'widgets/provider/provider.ts',
  'gw-service-catalog': 'widgets/service-catalog/service-catalog.ts',
  'gw-pricing-calculator': 'widgets/pricing-calculator/pricing-calculator.ts',
  'gw-onboarding-form': 'widgets/onboarding-form/onboarding-form.ts',
  'gw-support-chat': 'widgets/support-chat/support-chat.ts',
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

/** The loader's placeholder for the graph, a string literal in `widgets/embed.ts`. */
export const KIT_GRAPH_PLACEHOLDER = '__GW_KIT_GRAPH__';

/** The parts of a rendered chunk the graph is read from (file names may hold hash placeholders). */
interface GraphChunk {
  fileName: string;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
}

/** `from` and every file it imports statically, transitively, in a stable order. */
function staticClosure(chunks: Record<string, GraphChunk>, from: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of chunks[file]?.imports ?? []) visit(next);
  };
  visit(from);
  return [...seen];
}

/** The page context's entry name; it is built as `chunks/embed-context-<hash>.js`. */
export const PAGE_CONTEXT_ENTRY = 'embed-context';

/**
 * Writes the chunk graph into the loader (`KitGraph` in widgets/embed.ts), so that it requests a
 * widget's entry and everything the entry imports statically in one round, and its page context
 * (emitted here as an entry of its own, which the loader imports by the name the graph gives)
 * beside them. Done while chunks are rendered, before minification: the file names still hold
 * hash placeholders, which the bundler then replaces here as in any import.
 */
export function kitGraph(
  options = { loader: 'embed', context: 'widgets/embed-context.ts' },
): Plugin {
  return {
    name: 'gw-kit-graph',
    // There is a chunk graph only in a build.
    apply: 'build',
    buildStart() {
      this.emitFile({
        type: 'chunk',
        id: options.context,
        name: PAGE_CONTEXT_ENTRY,
        preserveSignature: 'strict',
      });
    },
    renderChunk(code, chunk, _options, meta) {
      if (!chunk.isEntry || chunk.name !== options.loader) return null;
      const chunks = meta.chunks as Record<string, GraphChunk>;
      const here = posix.dirname(chunk.fileName);
      const relative = (file: string) => {
        const path = posix.relative(here, file);
        return path.startsWith('.') ? path : `./${path}`;
      };
      let context: string[] = [];
      const entries: Record<string, string[]> = {};
      for (const [file, other] of Object.entries(meta.chunks)) {
        if (!other.isEntry || file === chunk.fileName) continue;
        const files = staticClosure(chunks, file).map(relative);
        if (other.name === PAGE_CONTEXT_ENTRY) context = files;
        else entries[relative(file)] = files.slice(1);
      }
      const literal = new RegExp(`(["'\`])${KIT_GRAPH_PLACEHOLDER}\\1`, 'g');
      const found = code.match(literal)?.length ?? 0;
      if (found !== 1 || context.length === 0) {
        this.error(
          `${chunk.fileName}: ${found} kit graph placeholders (expected 1), or no page context`,
        );
      }
      // A JSON string in a string literal: the loader parses it. No sourcemap of its own: only
      // what follows the literal on its line (a `;`) moves.
      const graph = JSON.stringify(JSON.stringify({ context, entries }));
      return { code: code.replace(literal, () => graph), map: null };
    },
  };
}

export default defineConfig({
  publicDir: false,
  plugins: [compactWidgetCss(), kitGraph()],
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
        // Widget entries keep fixed names; the page context is loaded by its hashed name.
        entryFileNames: (chunk) =>
          chunk.name === PAGE_CONTEXT_ENTRY ? 'chunks/[name]-[hash].js' : '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
  // Lit's dev mode warnings are for development builds only.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  resolve: { conditions: ['production', 'browser', 'import', 'module', 'default'] },
});
