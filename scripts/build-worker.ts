/**
 * `npm run build:worker`: the widget kit, the static assets folder and the Worker bundle
 * exactly as `wrangler deploy` would upload them (a dry run), then its size. Fails when the
 * bundle passes 1 MB gzip (`--json` prints the figures as JSON).
 */
import { buildWorker } from './worker-runtime.js';

const LIMIT_KIB = 1024;
const size = buildWorker({ force: true });
if (!size) {
  process.stderr.write('gridworks worker: wrangler printed no bundle size\n');
  process.exit(1);
}
const ok = size.gzipKiB <= LIMIT_KIB;
if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify({ ...size, limitGzipKiB: LIMIT_KIB, ok })}\n`);
} else {
  process.stdout.write(
    `Worker bundle: ${size.totalKiB} KiB, ${size.gzipKiB} KiB gzip (limit ${LIMIT_KIB} KiB gzip)\n`,
  );
}
if (!ok) process.exit(1);
