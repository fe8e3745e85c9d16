/**
 * Browser tests' shared start: Debian's chromium (never a downloaded browser),
 * the web app built as `npm start` builds it, the platform on a demo city, and a
 * headless browser with the flags DESIGN.md lists.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import path from 'node:path';
import { ROOT, startServer, type RunningServer } from './server.js';

const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];

/** The chromium binary, or undefined (tests skip with a notice; REQUIRE_BROWSER makes it an error). */
export const chromiumPath = CANDIDATES.find((p) => fs.existsSync(p));
if (!chromiumPath) {
  if (process.env.REQUIRE_BROWSER) throw new Error('Chromium is required (REQUIRE_BROWSER is set) but not installed: apt-get install -y chromium fonts-wqy-zenhei');
  console.warn('[browser tests skipped] Chromium not found; install with: apt-get install -y chromium fonts-wqy-zenhei');
}

/** Builds the web app (only when missing or stale), starts the platform on a 300-enterprise demo city and a headless browser. */
export async function startPlatformAndBrowser(): Promise<{ server: RunningServer; browser: Browser }> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/ensure-web.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const server = await startServer({ DEMO_ENTERPRISES: '300', DEMO_PASSWORD: 'Demo@2026' });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  return { server, browser };
}
