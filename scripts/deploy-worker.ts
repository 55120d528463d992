/**
 * `npm run deploy`: builds the Worker and deploys it with wrangler (README "Deploy to
 * Cloudflare" lists what to create first). Refuses the placeholder D1 id in wrangler.toml.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildWorker, ROOT } from './worker-runtime.js';

const config = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
if (config.includes('00000000-0000-0000-0000-000000000000')) {
  process.stderr.write(
    'gridworks deploy: set database_id in wrangler.toml to the id `wrangler d1 create gridworks` printed\n',
  );
  process.exit(1);
}
buildWorker({ force: true });
const result = spawnSync(
  process.execPath,
  [
    join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js'),
    'deploy',
    ...process.argv.slice(2),
  ],
  { cwd: ROOT, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
