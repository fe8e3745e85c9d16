/**
 * 我的待办 on the home page, in a real browser at 1440 and at 390 px: the 科技局 official of the demo city signs in,
 * sees the to-do counted from live data, follows an entry's link to the application, acts on it, goes home, and the
 * entry's count has dropped — at 1440 px ending a 公示 that has run its course (then it waits to be paid), at 390 px
 * paying it. Nothing on the home page overflows the phone's width.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, chromiumPath, SHOTS } from '../helpers/browser.js';

const POLL = { timeout: 15_000 };

describe.skipIf(!chromiumPath)('browser: 我的待办', () => {
  const suite = browserSuite();

  /** The count an entry shows (0 when the entry is gone), once the to-do has loaded. */
  const countOf = async (page: Page, kind: string) => {
    await page.getByTestId('todo-card').locator('[data-testid^="todo-"]').first().waitFor();
    const entry = page.getByTestId(`todo-${kind}`);
    return (await entry.count()) ? Number(await entry.getAttribute('data-count')) : 0;
  };
  const home = async (page: Page) => {
    await page.goto(suite.url + '/');
    await page.getByTestId('todo-card').waitFor();
  };
  const state = (page: Page) => page.getByTestId('funding-detail').getAttribute('data-state');

  /** Follows the entry's link, takes the action in its dialog, and returns to the home page. */
  async function actFrom(page: Page, kind: string, action: string, to: string) {
    await page.getByTestId(`todo-${kind}`).click();
    await page.getByTestId('funding-detail').waitFor();
    await page.getByTestId(`act-${action}`).click();
    await page.getByTestId('act-form').waitFor();
    await page.getByTestId('form-submit').click();
    await expect.poll(() => state(page), POLL).toBe(to);
  }

  it('at 1440 px: a 公示 whose period has ended is in the to-do; ending it takes it out (and it waits to be paid)', async () => {
    const page = await suite.signIn('official', { width: 1440, height: 1000 });
    await home(page);
    const ended = await countOf(page, 'end_publicity');
    const pay = await countOf(page, 'pay');
    expect(ended).toBeGreaterThan(0);
    expect(await page.getByTestId('todo-end_publicity').innerText()).toContain('公示期已满、待结束公示的申报');
    await page.screenshot({ path: path.join(SHOTS, 'todo-1440.png'), fullPage: true });
    if (ended > 1) {
      // The link opens the filtered list: take the first row.
      await page.getByTestId('todo-end_publicity').click();
      await page.locator('[data-testid^="funding-row-"]').first().click();
      await page.getByTestId('funding-detail').waitFor();
      await page.getByTestId('act-end_publicity').click();
      await page.getByTestId('form-submit').click();
      await expect.poll(() => state(page), POLL).toBe('payable');
    } else {
      await actFrom(page, 'end_publicity', 'end_publicity', 'payable');
    }
    await home(page);
    await expect.poll(() => countOf(page, 'end_publicity'), POLL).toBe(ended - 1);
    expect(await countOf(page, 'pay')).toBe(pay + 1);
    await page.close();
  });

  it('at 390 px: the payment waiting is in the to-do; paying it takes it out; the page fits the phone', async () => {
    const page = await suite.signIn('official', { width: 390, height: 844 });
    await home(page);
    const pay = await countOf(page, 'pay');
    expect(pay).toBe(1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, 'todo-390.png'), fullPage: true });
    await actFrom(page, 'pay', 'pay', 'paid');
    await home(page);
    await expect.poll(() => countOf(page, 'pay'), POLL).toBe(0);
    await page.close();
  });

  it('an expert with nothing assigned reads 暂无待办', async () => {
    const page = await suite.signIn('expert', { width: 390, height: 844 });
    await home(page);
    await page.getByTestId('todo-empty').waitFor();
    expect(await page.getByTestId('todo-card').innerText()).toContain('暂无待办');
    await page.close();
  });
});
