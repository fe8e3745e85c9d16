/**
 * Browser tests' shared start: Debian's chromium (never a downloaded browser),
 * the web app built as `npm start` builds it, the platform on a demo city, and a
 * headless browser with the flags DESIGN.md lists.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import os from 'node:os';
import { afterAll, beforeAll } from 'vitest';
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
export async function startPlatformAndBrowser(env: Record<string, string> = {}): Promise<{ server: RunningServer; browser: Browser }> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/ensure-web.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const server = await startServer({ DEMO_ENTERPRISES: '300', DEMO_PASSWORD: 'Demo@2026', ...env });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  return { server, browser };
}

/** Where browser tests leave their screenshots. */
export const SHOTS = path.join(os.tmpdir(), 'suchuanghui-screens');

/**
 * A describe block's platform and browser, started before its tests and stopped after them,
 * and a sign-in as a demo user (password Demo@2026) that returns the page once the signed-in header shows.
 */
/** `env`: the server's settings for this suite (e.g. JOBS: 'true' to run scheduled work). */
export function browserSuite(env: Record<string, string> = {}) {
  let running: { server: RunningServer; browser: Browser } | null = null;
  const started = () => {
    if (!running) throw new Error('browserSuite: used outside its tests');
    return running;
  };
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    running = await startPlatformAndBrowser(env);
  });
  afterAll(async () => {
    await running?.browser.close();
    await running?.server.stop();
  });
  return {
    get url(): string {
      return started().server.url;
    },
    get browser(): Browser {
      return started().browser;
    },
    async signIn(username: string, viewport = { width: 1400, height: 1000 }): Promise<Page> {
      const page = await started().browser.newPage({ locale: 'zh-CN', viewport });
      await page.goto(started().server.url + '/login');
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill('Demo@2026');
      await page.getByTestId('login-submit').click();
      // The header's sign-out button: on a phone the menu is in a drawer, closed until asked for.
      await page.getByTestId('logout').waitFor();
      return page;
    },
  };
}

/** The antd form item (label, control, messages) holding a control. */
export const formItem = (control: Locator) => control.locator('xpath=ancestor::div[contains(@class,"ant-form-item ")][1]');
