// Runs every Node-side test (test/**/*.test.ts, not browser, e2e, story, contract or crash ones)
// with Node's own test runner and tsx. Node 20's `--test` does not expand globs, so the files
// are listed here.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2);
const roots = only.length > 0 ? only : ['test'];
const files = roots
  .flatMap((root) =>
    root.endsWith('.ts')
      ? [root]
      : readdirSync(root, { recursive: true }).map((f) => join(root, String(f))),
  )
  .filter(
    (f) =>
      f.endsWith('.test.ts') &&
      !f.endsWith('.browser.test.ts') &&
      !f.includes('/e2e/') &&
      !f.includes('/stories/') &&
      // The contract suite runs the built Worker too: its own step (npm run test:contract).
      !f.includes('/contract/') &&
      // The crash test keeps a server and 50 clients busy for over a minute: its own step
      // (npm run test:crash), alone, so it neither slows nor is slowed by other files.
      !f.includes('/crash/'),
  )
  .sort();
if (files.length === 0) {
  console.error(`no Node tests found under ${roots.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
