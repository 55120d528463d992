/**
 * The edge on the real workerd, locally and offline: the bundle `wrangler deploy --dry-run`
 * writes (what would deploy), run by Miniflare with the bindings wrangler.toml declares, a
 * local D1, R2, Durable Objects and the static assets persisted under a state folder. Used by
 * `npm run dev:worker`, the Workers contract tests and `npm run bench:worker`.
 *
 *   build:  dist/widgets (Vite) → dist/worker-assets (kit + API docs viewer) → dist/worker/workers.js
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { type Log, Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const BUNDLE = join(ROOT, 'dist', 'worker', 'workers.js');
const ASSETS = join(ROOT, 'dist', 'worker-assets');
const DOCS_ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js', 'index.css'];

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return `${result.stdout}\n${result.stderr}`;
}

/** The bundle's size as wrangler reports it (KiB), from the last build. */
export interface BundleSize {
  totalKiB: number;
  gzipKiB: number;
}

/**
 * Builds the widget kit, the assets folder and the Worker bundle (only what is stale unless
 * `force`). Returns wrangler's size report when it bundled.
 */
export function buildWorker(options: { force?: boolean } = {}): BundleSize | undefined {
  const sources = Math.max(
    ...['edge', 'themes', 'widgets', 'contracts']
      .map((d) => join(ROOT, d))
      .filter((d) => existsSync(d))
      .map(newest),
    statSync(join(ROOT, 'wrangler.toml')).mtimeMs,
  );
  if (!options.force && existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= sources) return undefined;
  run(process.execPath, [
    join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
    'build',
    '--logLevel',
    'silent',
  ]);
  rmSync(ASSETS, { recursive: true, force: true });
  cpSync(join(ROOT, 'dist', 'widgets'), ASSETS, {
    recursive: true,
    filter: (src) => !src.endsWith('.map'),
  });
  const swagger = dirname(require.resolve('swagger-ui-dist/package.json'));
  mkdirSync(join(ASSETS, 'docs'), { recursive: true });
  for (const name of DOCS_ASSETS) cpSync(join(swagger, name), join(ASSETS, 'docs', name));
  const report = run(process.execPath, [
    join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js'),
    'deploy',
    '--dry-run',
    '--outdir',
    join(ROOT, 'dist', 'worker'),
  ]);
  const size = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(report);
  return size ? { totalKiB: Number(size[1]), gzipKiB: Number(size[2]) } : undefined;
}

export interface WorkerEdgeOptions {
  /** 0: any free port. */
  port?: number;
  /** Where D1, Durable Objects and caches persist (a GW_DB-like folder), or in memory. */
  stateDir?: string;
  /** The `GW_*` variables and secrets the Worker reads. */
  vars: Record<string, string>;
  /** Miniflare's own log (default: its info log). */
  log?: Log;
  /** Each line the Worker writes to its console (default: passed through to this process). */
  onLogLine?: (line: string) => void;
  /** How many isolates of the Worker share the one D1 (default 1); requests go to the first. */
  instances?: number;
}

export interface WorkerEdge {
  url: string;
  mf: Miniflare;
  /** Names of the isolates (`instances` of them), for `mf.getWorker(name)`. */
  workers: string[];
  /** Replace some variables (the Worker restarts with them; D1 and state are kept). */
  setVars: (vars: Record<string, string>) => Promise<void>;
  /** Runs the Cron Trigger once. */
  scheduled: () => Promise<void>;
  close: () => Promise<void>;
}

/** Starts the built Worker in local workerd on 127.0.0.1. */
export async function startWorkerEdge(options: WorkerEdgeOptions): Promise<WorkerEdge> {
  if (!existsSync(BUNDLE)) buildWorker();
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(ROOT, 'wrangler.toml'));
  let vars = { ...options.vars };
  const workers = Array.from({ length: options.instances ?? 1 }, (_, i) =>
    i === 0 ? 'gridworks-edge' : `gridworks-edge-${i + 1}`,
  );
  const configure = () =>
    ({
      workers: workers.map((name) => ({
        ...workerOptions,
        name,
        // The bundle is one self-contained module: listed, not traversed (it holds dynamic
        // imports of optional code that never runs here).
        modules: [{ type: 'ESModule', path: BUNDLE }],
        modulesRoot: dirname(BUNDLE),
        bindings: { ...workerOptions.bindings, ...vars },
        // Every isolate binds the same database and bucket.
        d1Databases: { DB: 'gridworks-local' },
        r2Buckets: { UPLOADS: 'gridworks-uploads-local' },
      })),
      host: '127.0.0.1',
      port: options.port ?? 0,
      ...(options.log ? { log: options.log } : {}),
      ...(options.onLogLine
        ? {
            handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
              for (const stream of [stdout, stderr]) {
                createInterface({ input: stream }).on('line', (line) => options.onLogLine?.(line));
              }
            },
          }
        : {}),
      ...(options.stateDir
        ? {
            d1Persist: join(options.stateDir, 'd1'),
            r2Persist: join(options.stateDir, 'r2'),
            durableObjectsPersist: join(options.stateDir, 'do'),
            cachePersist: join(options.stateDir, 'cache'),
          }
        : {}),
    }) as ConstructorParameters<typeof Miniflare>[0];
  const mf = new Miniflare(configure());
  const url = (await mf.ready).origin;
  return {
    url,
    mf,
    workers,
    setVars: async (next) => {
      vars = { ...vars, ...next };
      await mf.setOptions(configure());
    },
    scheduled: async () => {
      const worker = (await mf.getWorker()) as unknown as {
        scheduled(controller: { cron: string }): Promise<unknown>;
      };
      await worker.scheduled({ cron: '* * * * *' });
    },
    close: () => mf.dispose(),
  };
}
