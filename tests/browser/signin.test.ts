/**
 * Key flow in a real browser: start the platform as `npm start` does, sign in
 * as the administrator, open the organisation list and search it.
 * Drives Debian's chromium through playwright-core (never a downloaded browser).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startServer, type RunningServer } from '../helpers/server.js';

const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];
const executablePath = CANDIDATES.find((p) => fs.existsSync(p));
if (!executablePath) {
  if (process.env.REQUIRE_BROWSER) throw new Error('Chromium is required (REQUIRE_BROWSER is set) but not installed: apt-get install -y chromium fonts-wqy-zenhei');
  console.warn('[browser tests skipped] Chromium not found; install with: apt-get install -y chromium fonts-wqy-zenhei');
}

describe.skipIf(!executablePath)('browser: sign in and open the organisation list', () => {
  let server: RunningServer;
  let browser: Browser;
  const shots = path.join(os.tmpdir(), 'suchuanghui-screens');

  beforeAll(async () => {
    // Build the web app as npm start does (only when missing or stale).
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/ensure-web.mjs')], { cwd: ROOT, stdio: 'inherit' });
    fs.mkdirSync(shots, { recursive: true });
    server = await startServer({ DEMO_ENTERPRISES: '300', DEMO_PASSWORD: 'Demo@2026' });
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in as admin, lists organisations and finds one by name', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    await page.goto(server.url + '/orgs');
    // Not signed in: the app sends us to the sign-in page.
    await page.getByTestId('login-username').waitFor();
    expect(page.url()).toContain('/login');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await page.getByText('用户名或密码错误').first().waitFor();
    await page.getByTestId('login-password').fill('Demo@2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('main-menu').waitFor();
    await page.waitForURL(/\/orgs/);

    const table = page.getByTestId('org-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const rows = await table.locator('tbody tr.ant-table-row').count();
    expect(rows).toBeGreaterThan(5);
    await page.screenshot({ path: path.join(shots, 'orgs.png') });

    // Search for an enterprise from the second page: the list must narrow to it.
    await page.goto(server.url + '/orgs?kind=enterprise&page=2');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const target = (await table.locator('tbody tr.ant-table-row').nth(3).locator('a').first().innerText()).trim();
    expect(target.length).toBeGreaterThan(3);
    await page.getByTestId('org-search').fill(target);
    await page.getByTestId('org-search').press('Enter');
    await page.waitForURL(/q=/);
    await expect.poll(async () => table.locator('tbody tr.ant-table-row').count(), { timeout: 15_000 }).toBe(1);
    expect(await table.locator('tbody tr.ant-table-row').first().innerText()).toContain(target);

    // Open its detail page: basic information and the yearly figures an administrator may read.
    await table.locator('tbody tr.ant-table-row').first().locator('a').first().click();
    await page.waitForURL(/\/orgs\/\d+$/);
    await page.getByRole('heading', { name: target }).first().waitFor();
    await page.getByText('万元').first().waitFor();
    await page.screenshot({ path: path.join(shots, 'org-detail.png'), fullPage: true });
    await page.close();
  });

  it('an enterprise user calculates its support from its records plus a declared investment', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    await page.goto(server.url + '/login');
    await page.getByTestId('login-username').fill('enterprise');
    await page.getByTestId('login-password').fill('Demo@2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('main-menu').waitFor();
    await page.goto(server.url + '/policy');
    await page.getByTestId('policy-items').waitFor();
    await page.getByTestId('policy-item-m8.equipment').waitFor();
    await page.goto(server.url + '/policy?tab=calculator');
    await page.getByTestId('calc-fact-equipmentInvestment').fill('6000');
    await page.getByTestId('calc-submit').click();
    const result = page.getByTestId('calc-result-m8.equipment');
    await result.waitFor();
    // The demo's first enterprise makes optical instruments (manufacturing): 6,000万 × 5% = 300万.
    await expect.poll(async () => result.innerText()).toContain('300 万元');
    await page.screenshot({ path: path.join(shots, 'calculator.png'), fullPage: true });
    await page.close();
  });
});
