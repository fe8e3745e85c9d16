/**
 * The Content-Security-Policy (src/platform/http/app.ts, @fastify/helmet) in a real browser: the web
 * app loads and works under it (sign-in, menus, antd's run-time styles), ECharts draws its charts (a
 * canvas on the budget page, the department dashboard, the index overview), and /api/docs (Swagger UI)
 * renders the operation list — with zero CSP violations, counted from `securitypolicyviolation` events in
 * every page and from the console's "Refused to …" messages. Drives Debian's chromium through playwright-core.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, chromiumPath } from '../helpers/browser.js';

const POLL = { timeout: 20_000 };

/** Every CSP violation a page reports, from the DOM event and from the console. */
function watchViolations(page: Page): () => Promise<string[]> {
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/Refused to|Content[- ]Security[- ]Policy/i.test(m.text())) refused.push(m.text());
  });
  return async () => {
    const fromDom = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
    return [...refused, ...fromDom];
  };
}

const RECORD_VIOLATIONS = () => {
  const w = window as unknown as { __csp: string[] };
  w.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
};

describe.skipIf(!chromiumPath)('browser: the web app, ECharts and /api/docs under the CSP', () => {
  const suite = browserSuite();

  it('sends the policy with the page, and the app, its styles and its charts work under it', async () => {
    const context = await suite.browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
    await context.addInitScript(RECORD_VIOLATIONS);
    const page = await context.newPage();
    const violations = watchViolations(page);
    const res = await page.goto(suite.url + '/login');
    const csp = res!.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);

    // antd's CSS-in-JS writes <style> elements at run time (style-src 'unsafe-inline'): the button is antd's
    // (a pointer cursor, a coloured background), not the browser's default.
    const submit = page.getByTestId('login-submit');
    await submit.waitFor();
    expect(await page.locator('style').count()).toBeGreaterThan(0);
    expect(await submit.evaluate((el) => getComputedStyle(el).cursor)).toBe('pointer');
    expect(await submit.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toMatch(/^rgba?\((0, 0, 0, 0|239, 239, 239|240, 240, 240)/);
    await page.getByTestId('login-username').fill('official');
    await page.getByTestId('login-password').fill('Demo@2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('main-menu').waitFor();

    await page.goto(suite.url + '/funding/budgets');
    await page.getByTestId('budget-chart').locator('canvas').first().waitFor();
    // The chart grows with the number of budgets (one bar each): hover inside its first rows, in view.
    await page.getByTestId('budget-chart').scrollIntoViewIfNeeded();
    const box = (await page.getByTestId('budget-chart').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 80));
    await expect.poll(async () => (await page.getByTestId('budget-chart').innerText()).length, POLL).toBeGreaterThan(0);

    await page.getByTestId('budget-view-departments').click();
    await page.getByTestId('department-chart').locator('canvas').first().waitFor();

    await page.goto(suite.url + '/innovation-index');
    await page.getByTestId('index-histogram').locator('canvas').first().waitFor();
    await page.getByTestId('index-district-chart').locator('canvas').first().waitFor();

    expect(await violations()).toEqual([]);
    await context.close();
  });

  it('/api/docs renders its operation list under the same policy', async () => {
    const context = await suite.browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
    await context.addInitScript(RECORD_VIOLATIONS);
    const page = await context.newPage();
    const violations = watchViolations(page);
    const res = await page.goto(suite.url + '/api/docs');
    expect(res!.headers()['content-security-policy']).toContain("script-src 'self'");
    // Swagger UI virtualises a long operation list (only what is near the viewport is in the DOM), so
    // the test scrolls through the page and collects every operation it meets.
    await page.locator('.opblock').first().waitFor();
    const seen = new Set<string>();
    for (let step = 0; step < 400; step++) {
      for (const id of await page.locator('.opblock').evaluateAll((els) => els.map((e) => e.id))) seen.add(id);
      const atEnd = await page.evaluate(() => {
        window.scrollBy(0, window.innerHeight * 0.8);
        return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
      });
      if (atEnd && step > 0) {
        await page.waitForTimeout(200);
        for (const id of await page.locator('.opblock').evaluateAll((els) => els.map((e) => e.id))) seen.add(id);
        break;
      }
      await page.waitForTimeout(30);
    }
    expect(seen.size).toBeGreaterThan(100);
    await page.evaluate(() => window.scrollTo(0, 0));
    // An operation opens (Swagger UI's own scripts and styles at work).
    await page.locator('.opblock-summary').first().click();
    await page.locator('.opblock-body').first().waitFor();
    expect(await violations()).toEqual([]);
    await context.close();
  });
});
