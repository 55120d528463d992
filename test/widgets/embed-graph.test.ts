// The loader fetches a widget's entry and everything the entry imports in one round, from a
// graph the build writes into embed.js (vite.config.ts `kitGraph()`). A graph missing a file
// costs a round trip; one naming a file the entry does not import statically (an on-demand
// string table) wastes a download. So the graph is checked against the bundler's own output.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { build, type Rollup } from 'vite';

const ROOT = join(import.meta.dirname, '..', '..');

let dir: string;
let chunks: Map<string, Rollup.OutputChunk>;
let loader: typeof import('../../widgets/embed.js');

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gw-embed-graph-'));
  const result = (await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: dir, emptyOutDir: false },
  })) as Rollup.RollupOutput;
  chunks = new Map(
    result.output.flatMap((o) => (o.type === 'chunk' ? [[o.fileName, o] as const] : [])),
  );
  // The built loader imports nothing and touches the document only in a browser.
  loader = await import(pathToFileURL(join(dir, 'embed.js')).href);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every file `file` imports statically, transitively, per the bundler (not `file` itself). */
function staticImports(file: string): string[] {
  const seen = new Set<string>();
  const visit = (f: string) => {
    for (const next of chunks.get(f)?.imports ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      visit(next);
    }
  };
  visit(file);
  return [...seen].sort();
}

const fromLoader = (file: string) => `./${file}`;

test('embed.js imports nothing, so it runs as soon as it has arrived', () => {
  const embed = chunks.get('embed.js');
  assert.ok(embed, 'the build has embed.js');
  assert.deepEqual(embed.imports, [], 'no static import');
  assert.deepEqual(embed.dynamicImports, [], 'no import() the bundler resolved (nor its helper)');
});

test('for every widget entry, the graph lists exactly the files that entry imports statically', () => {
  const { KIT_GRAPH, WIDGET_ENTRIES } = loader;
  const entries = [...chunks.values()].filter(
    (c) => c.isEntry && c.name !== 'embed' && c.name !== 'embed-context',
  );
  assert.deepEqual(
    Object.keys(KIT_GRAPH.entries).sort(),
    entries.map((c) => fromLoader(c.fileName)).sort(),
    'one graph entry per widget entry the build emitted',
  );
  for (const entry of entries) {
    const listed = KIT_GRAPH.entries[fromLoader(entry.fileName)] ?? [];
    assert.deepEqual(
      [...listed].sort(),
      staticImports(entry.fileName).map(fromLoader),
      `${entry.fileName}: its static imports, transitively`,
    );
    const lazy = entry.dynamicImports.filter((f) => !staticImports(entry.fileName).includes(f));
    for (const file of lazy) {
      assert.ok(!listed.includes(fromLoader(file)), `${file} loads on demand only`);
    }
  }
  for (const [tag, file] of Object.entries(WIDGET_ENTRIES)) {
    assert.ok(KIT_GRAPH.entries[file], `<${tag}>'s entry ${file} is in the graph`);
  }
  assert.ok(
    entries.some((c) => c.dynamicImports.length > 0),
    'some widget has on-demand chunks (the check above is not vacuous)',
  );
});

test('the page context comes first in its list, with everything it imports', () => {
  const { KIT_GRAPH } = loader;
  const context = [...chunks.values()].find((c) => c.isEntry && c.name === 'embed-context');
  assert.ok(context, 'the build emits the page context as an entry of its own');
  assert.match(context.fileName, /^chunks\/embed-context-[\w-]{6,}\.js$/, 'content-hashed');
  assert.equal(KIT_GRAPH.context[0], fromLoader(context.fileName));
  assert.deepEqual(
    KIT_GRAPH.context.slice(1).sort(),
    staticImports(context.fileName).map(fromLoader),
  );
});
