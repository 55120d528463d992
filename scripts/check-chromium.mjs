// Fails the browser step with one clear line when Chromium is missing, instead of a stack trace
// from Playwright. Browser tests use Debian's Chromium (or CHROMIUM_PATH), never a download.
import { accessSync, constants } from 'node:fs';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
try {
  accessSync(path, constants.X_OK);
} catch {
  console.error(
    `Chromium not found at ${path}: install it with "apt-get update && apt-get install -y chromium", or set CHROMIUM_PATH to a Chromium binary.`,
  );
  process.exit(1);
}
