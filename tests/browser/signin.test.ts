/**
 * Key flows in a real browser: start the platform as `npm start` does, sign in
 * as the administrator, open the organisation list and search it; an enterprise
 * uses the policy calculator; the administrator edits a rule in the rule editor.
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

  it('an administrator edits a rule: checks it, sees the bad field, saves a new version and tries it', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
    await page.goto(server.url + '/login');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('Demo@2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('main-menu').waitFor();
    await page.goto(server.url + '/policy?tab=editor');
    await page.getByTestId('rule-editor').waitFor();

    // Pick measure 8's item: its latest (built-in) version is loaded, pretty-printed.
    await page.getByTestId('rule-item-select').click();
    await page.keyboard.type('m8.equipment');
    await page.keyboard.press('Enter');
    const json = page.getByTestId('rule-json');
    await expect.poll(async () => json.inputValue()).toContain('"id": "m8.equipment"');
    const history = page.getByTestId('rule-history');
    await history.getByText('第 1 版').waitFor();
    expect(await history.innerText()).toContain('内置');
    const original = await json.inputValue();
    expect(original).toContain('"value": "5%"');
    const edited = original.replace('"value": "5%"', '"value": "6%"');
    await json.fill(edited);
    expect(await page.getByTestId('rule-save').isDisabled()).toBe(true); // not checked yet

    // 校验: the summary names the item, its channel and its parameters.
    await page.getByTestId('rule-check').click();
    const ok = page.getByTestId('rule-check-ok');
    await ok.waitFor();
    const summary = await ok.innerText();
    expect(summary).toContain('制造业设备投入奖励');
    expect(summary).toContain('6%');
    expect(summary).toContain('申报');
    expect(await page.getByTestId('rule-save').isEnabled()).toBe(true);

    // A count where money is needed: the server names the field, a click selects it in the text.
    await json.fill(edited.replace('"of": "equipmentInvestment"', '"of": "staff"'));
    expect(await page.getByTestId('rule-save').isDisabled()).toBe(true);
    await page.getByTestId('rule-check').click();
    const errors = page.getByTestId('rule-errors');
    await errors.waitFor();
    await expect.poll(async () => errors.innerText()).toContain('amount.of');
    expect(await errors.innerText()).toContain('staff');
    await errors.locator('[data-field="amount.of"] button').click();
    expect(await json.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd))).toBe('"of": "staff"');

    // A JSON syntax error is found here, with its line and column, before anything is sent.
    await json.fill(edited.replace('"label": "门槛",', '"label": "门槛"'));
    await page.getByTestId('rule-check').click();
    await expect.poll(async () => errors.innerText()).toMatch(/JSON 语法错误（第 \d+ 行第 \d+ 列）/);

    // Fixed: checked again and saved with a note as version 2, shown in the history.
    await json.fill(edited);
    await page.getByTestId('rule-check').click();
    await ok.waitFor();
    await page.getByTestId('rule-note').fill('浏览器测试：比例改为 6%');
    await page.getByTestId('rule-save').click();
    const saved = page.getByTestId('rule-saved');
    await saved.waitFor();
    expect(await saved.innerText()).toContain('m8.equipment 第 2 版');
    await history.getByText('浏览器测试：比例改为 6%').waitFor();
    expect(await history.innerText()).toContain('管理员');
    // The same content again creates nothing.
    await page.getByTestId('rule-save').click();
    await expect.poll(async () => saved.innerText()).toContain('内容与最新版本相同，未创建新版本');

    // The trial run uses the saved version at once: 6,000 万元 × 6% = 360 万元.
    await page.getByTestId('rule-trial-facts').fill('{"equipmentInvestment": "6000万", "isManufacturing": true}');
    await page.getByTestId('rule-trial-run').click();
    const trial = page.getByTestId('rule-trial-result');
    await trial.waitFor();
    await expect.poll(async () => trial.innerText()).toContain('360 万元');
    expect(await trial.innerText()).toContain('第 2 版');
    await page.screenshot({ path: path.join(shots, 'rule-editor.png'), fullPage: true });

    // Put measure 8 back as the policy has it (5%): load version 1 and save it as version 3.
    await page.getByTestId('rule-load-1').click();
    await expect.poll(async () => json.inputValue()).toContain('"value": "5%"');
    await page.getByTestId('rule-check').click();
    await ok.waitFor();
    await page.getByTestId('rule-note').fill('浏览器测试：恢复 5%');
    await page.getByTestId('rule-save').click();
    await expect.poll(async () => saved.innerText()).toContain('第 3 版');
    await page.getByTestId('rule-trial-run').click();
    await expect.poll(async () => trial.innerText()).toContain('300 万元');
    await page.close();
  });
});
