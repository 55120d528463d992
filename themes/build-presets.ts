/** `npm run themes:build`: compiles every preset in themes/presets/ into themes/dist/. */
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './cli.js';

const here = dirname(fileURLToPath(import.meta.url));
const presets = (await readdir(join(here, 'presets'))).filter((f) => f.endsWith('.json')).sort();
let failed = 0;
for (const preset of presets) {
  const code = await runCli(['build', join(here, 'presets', preset), '--out', join(here, 'dist')], {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  });
  if (code !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
