/**
 * The rule editor for analysts (issue #12, item 7), in a real browser: an administrator builds
 * a simple rule in the FORM (the JSON follows), tries the unsaved rule in the live test panel
 * (money typed in 万元), submits it; a second administrator sees the diff and approves it; an
 * enterprise then gets it from the calculator. At 1440 and 390 px, with no horizontal overflow
 * of the page at 390.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, chromiumPath, SHOTS } from '../helpers/browser.js';

const POLL = { timeout: 20_000 };

describe.skipIf(!chromiumPath)('browser: rule editor with maker-checker', () => {
  const suite = browserSuite();

  /** Opens an antd select and picks the option whose text contains `text`. */
  async function pick(page: Page, select: Locator, text: string, search = false) {
    // Wait for the previous dropdown to have closed: one open dropdown at a time.
    await expect.poll(async () => page.locator('.ant-select-dropdown:visible').count(), POLL).toBe(0);
    await select.click();
    if (search) await page.keyboard.type(text);
    const dropdown = page.locator('.ant-select-dropdown:visible');
    await dropdown.waitFor();
    await expect.poll(async () => dropdown.getAttribute('class'), POLL).not.toMatch(/-(appear|enter)/);
    await dropdown.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
  }
  /** Types into a plain input or the input inside an antd AutoComplete. */
  async function type(page: Page, testId: string, text: string) {
    const el = page.getByTestId(testId);
    const tag = await el.evaluate((e) => e.tagName);
    const input = tag === 'INPUT' || tag === 'TEXTAREA' ? el : el.locator('input').first();
    await input.fill(text);
    if (tag !== 'INPUT' && tag !== 'TEXTAREA') await input.press('Escape'); // an AutoComplete's suggestions

  }
  const noOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it('builds a rule in the form, tries it unsaved, proposes it; a second administrator approves; the calculator applies it', async () => {
    const page = await suite.signIn('admin', { width: 1440, height: 1000 });
    await page.goto(suite.url + '/policy?tab=editor&item=new&measure=8');
    const form = page.getByTestId('rule-form');
    await form.waitFor();
    const json = page.getByTestId('rule-json');
    await expect.poll(async () => json.inputValue(), POLL).toContain('"id": "m8.new_item"');

    // The form: a title, eligibility "设备投资额 ≥ 5000万", amount "3% of 设备投资额".
    await type(page, 'rule-form-title', '浏览器测试设备奖励');
    await pick(page, page.getByTestId('rule-cond-eligibility-kind'), '数值比较');
    await pick(page, page.getByTestId('rule-cond-eligibility-fact'), '设备投资额', true);
    await type(page, 'rule-cond-eligibility-value-gte', '5000万');
    await pick(page, page.getByTestId('rule-amount-amount-kind'), '按比例');
    await pick(page, page.getByTestId('rule-amount-amount-of'), '设备投资额', true);
    await type(page, 'rule-amount-amount-rate', '3%');
    // The JSON follows the form.
    await expect.poll(async () => JSON.parse(await json.inputValue()), POLL).toMatchObject({
      title: '浏览器测试设备奖励',
      eligibility: { fact: 'equipmentInvestment', gte: '5000万' },
      amount: { rate: '3%', of: 'equipmentInvestment', rounding: 'half_up' },
    });

    // A bad value: its format is told on the field at once, the checker's error (checked as you type)
    // shows on its node in the form and is listed beside the JSON.
    await type(page, 'rule-cond-eligibility-value-gte', '五千万');
    expect(await form.getByTestId('rule-form-hint').innerText()).toContain('金额应如');
    await form.locator('[data-testid="rule-form-error"][data-field^="eligibility"]').first().waitFor(POLL);
    await expect.poll(async () => page.getByTestId('rule-errors').innerText(), POLL).toContain('eligibility');
    await type(page, 'rule-cond-eligibility-value-gte', '5000万');
    await page.getByTestId('rule-valid').waitFor(POLL);

    // And the JSON edits the form: the title typed in the JSON shows in the form.
    await json.fill((await json.inputValue()).replace('浏览器测试设备奖励', '浏览器测试设备投入奖励'));
    await expect.poll(async () => page.getByTestId('rule-form-title').inputValue(), POLL).toBe('浏览器测试设备投入奖励');
    await page.getByTestId('rule-valid').waitFor(POLL);

    // The live test panel: the unsaved rule with 6000 万元 → 180 万元; 4000 万元 → not eligible.
    const trial = page.getByTestId('rule-trial');
    await type(page, 'rule-trial-fact-equipmentInvestment', '6000');
    await page.getByTestId('rule-trial-run').click();
    const result = trial.getByTestId('rule-trial-result');
    await expect.poll(async () => result.getAttribute('data-status'), POLL).toBe('eligible');
    expect(await result.innerText()).toContain('180 万元');
    await type(page, 'rule-trial-fact-equipmentInvestment', '4000');
    await page.getByTestId('rule-trial-run').click();
    await expect.poll(async () => result.getAttribute('data-status'), POLL).toBe('not_eligible');
    await page.screenshot({ path: path.join(SHOTS, 'rule-editor-form-1440.png'), fullPage: true });

    // Submit: a proposal, not in force.
    await page.getByTestId('rule-note').fill('浏览器测试：表单新建事项');
    await page.getByTestId('rule-save').click();
    const saved = page.getByTestId('rule-saved');
    await saved.waitFor();
    const proposalId = await saved.getAttribute('data-proposal');
    expect(Number(proposalId)).toBeGreaterThan(0);
    await page.close();

    // The second administrator, on a phone: the pending proposal, its diff, approve.
    const checker = await suite.signIn('admin2', { width: 390, height: 844 });
    await checker.goto(suite.url + '/policy?tab=editor');
    await checker.getByTestId(`rule-proposal-${proposalId}`).waitFor(POLL);
    expect(await noOverflow(checker)).toBe(0);
    await checker.getByTestId(`rule-proposal-open-${proposalId}`).click();
    const detail = checker.getByTestId('rule-proposal-detail');
    await detail.waitFor();
    expect(await checker.getByTestId('rule-proposal-diff').innerText()).toContain('"title": "浏览器测试设备投入奖励"');
    expect(await detail.innerText()).toContain('新事项');
    await checker.screenshot({ path: path.join(SHOTS, 'rule-proposal-390.png'), fullPage: true });
    await checker.getByTestId('rule-proposal-note').fill('核对无误');
    await checker.getByTestId('rule-proposal-approve').click();
    await expect.poll(async () => detail.getAttribute('data-status'), POLL).toBe('approved');
    expect(await detail.innerText()).toContain('成为第 1 版');
    expect(await noOverflow(checker)).toBe(0);
    await checker.close();

    // In force: an enterprise's calculator gives 6000 万元 × 3% = 180 万元 for it.
    const ent = await suite.signIn('enterprise', { width: 1440, height: 1000 });
    await ent.goto(suite.url + '/policy?tab=calculator');
    await ent.getByTestId('calc-fact-equipmentInvestment').fill('6000');
    await ent.getByTestId('calc-submit').click();
    const card = ent.getByTestId('calc-result-m8.new_item');
    await card.waitFor(POLL);
    await expect.poll(async () => card.innerText(), POLL).toContain('180 万元');
    expect(await card.innerText()).toContain('浏览器测试设备投入奖励');
    await ent.close();

    // The version history names who proposed and who approved it.
    const admin = await suite.signIn('admin', { width: 1440, height: 1000 });
    await admin.goto(suite.url + '/policy?tab=editor&item=m8.new_item');
    const people = admin.getByTestId('rule-version-1-people');
    await people.waitFor(POLL);
    expect(await people.innerText()).toContain('系统管理员（规则审核） 审核通过');
    await admin.close();
  });

  it('the editor, its form and the test panel fit a 390 px screen', async () => {
    const page = await suite.signIn('admin', { width: 390, height: 844 });
    await page.goto(suite.url + '/policy?tab=editor&item=m8.equipment');
    await page.getByTestId('rule-form').waitFor(POLL);
    await page.getByTestId('rule-cond-eligibility').waitFor();
    await page.getByTestId('rule-trial').waitFor();
    expect(await noOverflow(page)).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'rule-editor-390.png'), fullPage: true });
    await page.close();
  });
});
