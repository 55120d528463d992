// Component and browser tests: @web/test-runner in real Chromium through Playwright, using
// Debian's Chromium (or CHROMIUM_PATH) — nothing is downloaded at install time.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export default {
  files: ['test/**/*.browser.test.ts'],
  nodeResolve: true,
  rootDir: '.',
  concurrency: 1,
  testsFinishTimeout: 180_000,
  // json: the phone metadata is imported as JSON; esbuild's es2022 output drops the import
  // attribute, so the file is served as a JS module.
  plugins: [esbuildPlugin({ ts: true, json: true, target: 'es2022' })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    }),
  ],
  testFramework: { config: { timeout: 20_000 } },
};
