/**
 * 政策库 with more than one policy, in a real browser at 1440 and 390 px: an administrator has
 * added a (fictional) district top-up policy and an item quoting its article 2 through the API;
 * the library lists the city and district documents, shows the district one's metadata, its
 * articles and, under article 2, the item (named by its policy); Suzhou's 19 measures still show
 * by section. At 390 px nothing overflows horizontally. The calculator names the district
 * item's policy.
 * Drives Debian's chromium through playwright-core (never a downloaded browser).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, chromiumPath, SHOTS } from '../helpers/browser.js';

const POLL = { timeout: 15_000 };
const CODE = 'sample-district-2026';
const TITLE = '示例区科技创新补充政策（测试样例）';
const TEXT = [
  TITLE,
  '（本文为测试用虚构样例，不是任何真实政策。）',
  '第一章 总则',
  '第一条 为支持示例区制造业企业技术改造，结合本区实际，制定本政策。',
  '第二章 支持措施',
  '第二条 设备投入补充奖励。对获得市级设备投入奖励的制造业企业，按照设备投资额2%再给予补充奖励，与市级奖励合计不超过400万元。（责任单位：示例区科技局）',
  '第三条 本政策自2026年1月1日起施行。',
].join('\n');
const ITEM = 'sample-district.equipment_topup';

describe.skipIf(!chromiumPath)('browser: 政策库 with a district policy', () => {
  const suite = browserSuite();

  /** The administrator's API session (cookie + CSRF token). */
  async function adminApi(username = 'admin') {
    const login = await fetch(suite.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Demo@2026' }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    return async (method: string, url: string, body: unknown) => {
      const r = await fetch(suite.url + url, { method, headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: JSON.stringify(body) });
      return { status: r.status, body: await r.text() };
    };
  }
  /** Saving an item version under maker-checker: `admin` proposes, `admin2` approves. */
  const saveItem = async (send: Awaited<ReturnType<typeof adminApi>>, document: unknown) => {
    const proposed = await send('POST', '/api/policy/items', { document, note: '示例区补充奖励（测试样例）' });
    if (proposed.status !== 202) return proposed;
    const checker = await adminApi('admin2');
    return checker('POST', `/api/policy/proposals/${(JSON.parse(proposed.body) as { id: number }).id}/approve`, {});
  };

  /**
   * The library's elements that stick out to the right of the viewport (none: the page needs no
   * horizontal scrolling). Only the library is measured: the shell's header is not this page's.
   */
  const overflowing = (page: Page) =>
    page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll('[data-testid="policy-items"], [data-testid="policy-items"] *')]
        .filter((e) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > width + 1)
        .slice(0, 8)
        .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 60)} [${e.getAttribute('data-testid') ?? ''}] right=${Math.round(e.getBoundingClientRect().right)}`);
    });

  it('an administrator adds a district policy and an item quoting it; the library shows both documents, article by article', async () => {
    const send = await adminApi();
    const created = await send('POST', '/api/policies', { code: CODE, title: TITLE, level: 'district', region: '示例区', issuer: '示例区人民政府（虚构）', effectiveFrom: '2026-01-01', fullText: TEXT });
    expect(created.status, created.body).toBe(200);
    expect((await send('POST', '/api/reference/departments', { code: 'sample_kjj', name: '示例区科技局' })).status).toBe(200);
    const saved = await saveItem(send, {
      id: ITEM,
      policy: CODE,
      measure: 2,
      title: '设备投入补充奖励（示例区）',
      clause: '按照设备投资额2%再给予补充奖励',
      departments: ['sample_kjj'],
      form: '奖励',
      period: 'per_project',
      status: 'draft',
      effective: { from: '2026-01-01' },
      parameters: { rate: { kind: 'rate', value: '2%', label: '补充奖励比例', clause: '按照设备投资额2%再给予补充奖励' } },
      eligibility: { all: [{ fact: 'isManufacturing', is: true, label: '制造业企业' }, { fact: 'equipmentInvestment', gte: '5000万', label: '设备投资' }] },
      amount: { rate: '$rate', of: 'equipmentInvestment', rounding: 'half_up' },
    });
    expect(saved.status, saved.body).toBe(200);

    for (const viewport of [{ width: 1440, height: 1000 }, { width: 390, height: 844 }]) {
      const page = await suite.signIn('enterprise', viewport);
      await page.goto(suite.url + '/policy');
      const docs = page.getByTestId('policy-documents');
      await docs.waitFor();
      expect(await docs.innerText()).toContain('市级');
      expect(await docs.innerText()).toContain('区级');
      // Suzhou's measures by default, with the document's metadata and the item of measure 8.
      await page.getByTestId('policy-item-m8.equipment').waitFor();
      await expect.poll(async () => page.getByTestId('policy-meta').innerText(), POLL).toContain('苏州市人民政府');
      expect(await overflowing(page), `Suzhou's measures at ${viewport.width}px`).toEqual([]);

      await page.getByTestId(`policy-doc-${CODE}`).click();
      await page.waitForURL(new RegExp(`policy=${CODE}`));
      await page.getByTestId('policy-article-2').waitFor();
      const meta = await page.getByTestId('policy-meta').innerText();
      expect(meta).toContain(TITLE);
      expect(meta).toContain('示例区人民政府（虚构）');
      expect(meta).toContain('区级 · 示例区');
      expect(await page.getByTestId('policy-article-2').innerText()).toContain('第 2 条 设备投入补充奖励');
      const card = page.getByTestId(`policy-item-${ITEM}`);
      await card.waitFor();
      expect(await card.getByTestId('policy-tag').innerText()).toBe(TITLE);
      await page.getByText('政策全文').click();
      await expect.poll(async () => page.getByTestId('policy-full-text').innerText(), POLL).toContain('本文为测试用虚构样例');
      expect(await overflowing(page), `the district policy at ${viewport.width}px`).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `policy-library-${viewport.width}.png`), fullPage: true });
      await page.close();
    }
  });

  it('the calculator names the policy of a district item', async () => {
    const page = await suite.signIn('enterprise');
    await page.goto(suite.url + '/policy?tab=calculator');
    await page.getByTestId('calc-fact-equipmentInvestment').fill('6000');
    await page.getByTestId('calc-submit').click();
    const result = page.getByTestId(`calc-result-${ITEM}`);
    await result.waitFor();
    // the policies' titles are fetched once per page load, possibly after the results arrive
    await expect.poll(async () => result.getByTestId('policy-tag').innerText(), { timeout: 15_000 }).toBe(TITLE);
    expect(await page.getByTestId('calc-result-m8.equipment').getByTestId('policy-tag').count()).toBe(0);
    await page.close();
  });
});
