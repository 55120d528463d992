/**
 * `PORT=<n> npm run dev:worker`: the edge as a Cloudflare Worker in local workerd, offline,
 * on 127.0.0.1:<n> (default 8788), with a local D1 migrated and seeded like `npm start`, the
 * demo bank at /demo. Reads the same GW_* variables as `npm start`; `GW_WORKER_STATE` (default
 * ./data/worker) is the state folder (D1, Durable Objects, dev secrets, demo credentials), so
 * two runs can be kept apart. Development only: production deploys with `npm run deploy`.
 */
import { join, resolve } from 'node:path';
import { ConfigError, loadSettings } from '../edge/adapters/node-config.js';
import { seedDemo } from '../edge/adapters/seed.js';
import { buildWorker, startWorkerEdge } from './worker-runtime.js';

async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    process.stderr.write(
      'gridworks worker: dev:worker is for development; deploy with npm run deploy\n',
    );
    process.exit(1);
  }
  const state = resolve(process.env.GW_WORKER_STATE ?? './data/worker');
  let settings: ReturnType<typeof loadSettings>;
  try {
    settings = loadSettings({
      ...process.env,
      PORT: process.env.PORT ?? '8788',
      GW_DB: join(state, 'gridworks.db'),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`gridworks worker: configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const size = buildWorker();
  if (size) process.stderr.write(`Worker bundle: ${size.totalKiB} KiB, ${size.gzipKiB} KiB gzip\n`);
  const vars: Record<string, string> = {
    GW_PUBLIC_URL: settings.publicUrl,
    GW_OPERATOR_KEY: settings.operatorKey,
    GW_PREVIEW_SECRET: settings.previewSecret,
    GW_MASTER_KEY: settings.masterKey,
    GW_MASTER_KEY_PREVIOUS: settings.previousMasterKeys.join(','),
    GW_DOH_URL: settings.dohUrl,
    GW_EXTRA_HOSTS: ['127.0.0.1', 'localhost', settings.host].join(','),
  };
  const edge = await startWorkerEdge({ port: settings.port, stateDir: state, vars });
  const seeded = await seedDemo(edge, { ...settings, publicUrl: edge.url });
  if (seeded.publishableKey) {
    const { secretKey } = (await import(seeded.credentialsFile, { with: { type: 'json' } }))
      .default as { secretKey: string };
    await edge.setVars({
      GW_DEMO: JSON.stringify({
        publishableKey: seeded.publishableKey,
        secretKey,
        credentialsFile: seeded.credentialsFile,
      }),
    });
  }
  process.stderr.write(
    [
      `GridWorks Embed edge (Cloudflare Worker, local workerd) listening on ${edge.url}`,
      `  Start page: ${edge.url}/   Demo bank page: ${edge.url}/demo`,
      `  API reference: ${edge.url}/docs   OpenAPI: ${edge.url}/openapi.json`,
      `  State (D1, Durable Objects): ${state}`,
      `  Demo tenant "${seeded.slug}": credentials in ${seeded.credentialsFile}${seeded.created ? ' (created now)' : ''}`,
      '',
    ].join('\n'),
  );
  const stop = () => {
    edge.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

await main();
