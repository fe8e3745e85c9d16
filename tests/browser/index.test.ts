/**
 * The 科创指数 in a real browser, on the demo city that `npm start` builds (300 enterprises,
 * a first index run at start): an official reads the overview, runs the robustness analysis
 * and the byte-for-byte recompute, filters the ranking and opens an enterprise; an enterprise
 * reads its own page and authorises the demo bank; the bank reads the bank view until the
 * enterprise withdraws; an administrator previews a change of weights (with its effective weights) and
 * saves it; an official on a phone reads the nominal beside the effective weights on the method page, and reviews a
 * grade flagged for human review from the to-do.
 * Drives Debian's chromium through playwright-core (never a downloaded browser).
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatMethod, shiftPillarWeight } from '../../web/src/pages/innovation-index/format.js';
import { browserSuite, chromiumPath, SHOTS } from '../helpers/browser.js';

/** expect.poll waits 1 s by default: too short after a page load on a busy machine. */
const POLL = { timeout: 15_000 };

describe.skipIf(!chromiumPath)('browser: 科创指数', () => {
  const shots = SHOTS;
  const suite = browserSuite();

  const signIn = suite.signIn;

  async function me(page: Page): Promise<{ orgId: number | null; orgName: string | null }> {
    const body = (await (await page.request.get(suite.url + '/api/auth/me')).json()) as { user: { orgId: number | null; orgName: string | null } };
    return body.user;
  }

  // Three jobs (a run, the robustness analysis, the recompute) each start a worker thread (src/platform/jobs): more than the default 60 s on a busy machine.
  it('an official reads the overview, checks robustness and the recompute, filters the ranking and opens an enterprise', { timeout: 120_000 }, async () => {
    const page = await signIn('official');
    // The menu leads to the index; officials start on the overview.
    await page.getByTestId('main-menu').getByText('科创指数', { exact: true }).click();
    await page.waitForURL(/\/innovation-index\/overview$/);
    const overview = page.getByTestId('index-overview');
    await overview.waitFor();

    // The run made at first start: method version, edition, input hash.
    const run = page.getByTestId('index-run');
    await run.waitFor();
    const runText = await run.innerText();
    expect(runText).toContain('第 1 版');
    expect(runText).toMatch(/2026 年度（2025 年数据）/);
    expect(await page.getByTestId('index-run-hash').innerText()).toMatch(/^[0-9a-f]{12}$/);
    expect(runText).toMatch(/\d+ ms/);
    // The histogram is drawn (lazy ECharts) and the grades add up to the scored enterprises.
    await page.getByTestId('index-histogram').locator('canvas').first().waitFor();
    const scored = Number(/参评企业\s*(\d+)/.exec(runText)?.[1]);
    expect(scored).toBeGreaterThan(250);
    let graded = 0;
    for (const g of ['A', 'B', 'C', 'D']) graded += Number(await page.getByTestId(`index-grade-count-${g}`).locator('.ant-statistic-content-value').innerText());
    expect(graded).toBe(scored);
    expect(await page.getByTestId('index-by-district').innerText()).toContain('苏州工业园区');
    await page.getByTestId('index-district-chart').locator('canvas').first().waitFor();
    await page.getByTestId('index-coherence-rd').waitFor();
    expect(await page.getByTestId('index-coherence-rd').innerText()).toContain('研发投入强度');

    // 重新计算: a second run over the same data, shown at once.
    expect(await run.getAttribute('data-run')).toBe('1');
    await page.getByTestId('index-run-new').click();
    await expect.poll(async () => run.getAttribute('data-run'), POLL).toBe('2');
    expect(await page.getByTestId('index-run-hash').innerText()).toMatch(/^[0-9a-f]{12}$/);

    // 稳健性分析: 1,000 draws, the cut-offs at their rank, some enterprises flagged.
    await page.getByTestId('index-robustness').click();
    const robust = page.getByTestId('index-robustness-result');
    await robust.waitFor({ timeout: 30_000 });
    expect(await robust.innerText()).toContain('1000 次模拟');
    expect(await robust.innerText()).toContain('A 级（科创指数惠候选）');
    const flagged = Number(await robust.getAttribute('data-flagged'));

    // 复算核验: identical byte for byte.
    await page.getByTestId('index-recompute').click();
    const recompute = page.getByTestId('index-recompute-result');
    await recompute.waitFor({ timeout: 30_000 });
    expect(await recompute.getAttribute('data-identical')).toBe('true');
    expect(await recompute.innerText()).toContain('复算一致 ✓：第 2 次计算');
    expect(await recompute.innerText()).toContain('输入快照哈希一致');
    await page.screenshot({ path: path.join(shots, 'index-overview.png'), fullPage: true });

    // 排名: the robust rank interval is shown now; filter grade A through the select.
    await page.getByTestId('index-tab-ranking').click();
    await page.waitForURL(/\/innovation-index\/ranking/);
    const ranking = page.getByTestId('index-ranking');
    await ranking.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await ranking.locator('tbody tr.ant-table-row').first().innerText()).toMatch(/\d+ \[\d+–\d+\]/);
    await page.getByTestId('index-filter-grade').click();
    await page.locator('.ant-select-item-option[title="A 领先"]').click();
    await page.waitForURL(/grade=A/);
    await expect.poll(async () => ranking.getAttribute('data-total'), POLL).not.toBe('');
    const rows = ranking.locator('tbody tr.ant-table-row');
    await expect.poll(async () => (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-grade')))).every((g) => g === 'A'), POLL).toBe(true);
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    expect(await ranking.getAttribute('data-total')).toBe(String(count));
    const first = rows.first();
    const testId = (await first.getAttribute('data-testid'))!;
    expect(testId).toMatch(/^index-row-\d+$/);
    const orgId = Number(testId.replace('index-row-', ''));
    // The method's grade A threshold (the demo's default method sets it from the distribution).
    const latest = (await (await page.request.get(suite.url + '/api/index/runs/latest')).json()) as { method: { grades: { grade: string; min: number }[] } };
    const aMin = latest.method.grades.find((g) => g.grade === 'A')!.min;
    expect(Number(await first.getByTestId('index-row-score').innerText())).toBeGreaterThanOrEqual(aMin);

    // 待人工复核 filter: as many as the robustness analysis flagged.
    await page.goto(suite.url + '/innovation-index/ranking?flagged=true');
    await expect.poll(async () => ranking.getAttribute('data-total'), POLL).toBe(String(flagged));
    await page.goBack();
    await page.waitForURL(/grade=A/);

    // The enterprise page: score, grade, the radar and what lifts the score.
    await page.getByTestId(testId).getByTestId('index-row-link').click();
    await page.waitForURL(new RegExp(`/innovation-index/enterprise/${orgId}$`));
    const ent = page.getByTestId('index-enterprise');
    await ent.waitFor();
    expect(Number(await page.getByTestId('index-score').locator('.ant-statistic-content-value').innerText())).toBeGreaterThanOrEqual(aMin);
    expect(await page.getByTestId('index-grade').innerText()).toContain('A');
    const radar = page.getByTestId('index-radar');
    expect(Number(await radar.getAttribute('data-pillars'))).toBeGreaterThanOrEqual(5);
    await radar.locator('canvas').first().waitFor();
    const lifts = page.getByTestId('index-lifts');
    expect(Number(await lifts.getAttribute('data-count'))).toBeGreaterThan(0);
    expect(await lifts.innerText()).toContain('高于同类企业中位数');
    await page.getByTestId('index-improvement').waitFor();
    expect(await page.getByTestId('index-indicators').innerText()).toContain('研发投入强度');
    await page.getByTestId('index-tsme').waitFor();
    await page.getByTestId('index-hnte').waitFor();
    expect(await page.getByTestId('index-enterprise-run').innerText()).toContain('可复算核验');
    await page.screenshot({ path: path.join(shots, 'index-enterprise.png'), fullPage: true });

    // 培育清单: 小升高 lists unmet conditions with their gaps and exports an .xlsx.
    await page.goto(suite.url + '/innovation-index/screening?maxUnmet=1');
    const hnte = page.getByTestId('index-hnte-list');
    await hnte.locator('tbody tr.ant-table-row').first().waitFor();
    expect(Number(await hnte.getAttribute('data-total'))).toBeGreaterThan(0);
    const downloading = page.waitForEvent('download');
    await page.getByTestId('index-export-hnte').click();
    const file = await downloading;
    expect(file.suggestedFilename()).toBe('小升高候选.xlsx');
    const bytes = fs.readFileSync((await file.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK'); // a zip: the .xlsx container
    await page.getByTestId('index-list-leaders').click();
    const leaders = page.getByTestId('index-leaders');
    await leaders.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await leaders.innerText()).toContain('高于同类企业中位数');
    await page.close();
  });

  it('an official on a phone reviews a flagged grade from the to-do: adjusting without a grade is refused under its field, the decision is recorded', { timeout: 120_000 }, async () => {
    const page = await signIn('official', { width: 390, height: 844 });
    // The to-do leads to the grades waiting for review.
    const todo = (await (await page.request.get(suite.url + '/api/todo')).json()) as { entries: { kind: string; count: number; link: string }[] };
    const entry = todo.entries.find((e) => e.kind === 'index_review')!;
    expect(entry.count).toBeGreaterThan(0);
    await page.goto(suite.url + entry.link);
    const ranking = page.getByTestId('index-ranking');
    await expect.poll(async () => ranking.getAttribute('data-total'), POLL).toBe(String(entry.count));
    const first = ranking.locator('tbody tr.ant-table-row').first();
    const orgId = Number((await first.getAttribute('data-testid'))!.replace('index-row-', ''));
    expect(await first.getByTestId('index-review-tag').getAttribute('data-status')).toBe('pending');
    await page.goto(`${suite.url}/innovation-index/enterprise/${orgId}`);
    const review = page.getByTestId('index-review');
    await review.waitFor();
    expect(await page.getByTestId('index-review-status').getAttribute('data-status')).toBe('pending');
    const computed = (await page.getByTestId('index-grade').innerText()).trim().slice(0, 1);
    // 调整等级 without choosing one: the server's message under the grade
    await review.getByText('调整等级', { exact: true }).click();
    await page.getByTestId('index-review-reason').fill('核实后研发费用口径有误，按复核结果调整');
    await page.getByTestId('index-review-submit').click();
    await expect.poll(async () => review.innerText(), POLL).toContain('调整等级须选择调整后的等级');
    expect(await page.getByTestId('index-review-reason').inputValue()).toBe('核实后研发费用口径有误，按复核结果调整'); // nothing typed is lost
    await page.getByTestId('index-review-grade').click();
    const target = computed === 'D' ? 'C' : 'D';
    await page.locator(`.ant-select-item-option[title^="${target} "]`).click();
    await page.getByTestId('index-review-submit').click();
    await expect.poll(async () => page.getByTestId('index-review-status').getAttribute('data-status'), POLL).toBe('adjusted');
    expect(await page.getByTestId('index-review-history').innerText()).toContain(`${computed} → ${target}`);
    expect((await page.getByTestId('index-grade').innerText()).trim().startsWith(target)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(shots, 'index-review-phone.png'), fullPage: true });
    const after = (await (await page.request.get(suite.url + '/api/todo')).json()) as { entries: { kind: string; count: number }[] };
    expect(after.entries.find((e) => e.kind === 'index_review')?.count ?? 0).toBe(entry.count - 1);
    await page.close();
  });

  let enterprisePage: Page;
  let enterpriseOrg: number;
  let bankName: string;

  // Two sign-ins, the enterprise's page twice and a consent: more than the default 60 s on a busy machine.
  it('an enterprise reads its own index page and authorises the demo bank', { timeout: 120_000 }, async () => {
    const bank = await signIn('finance');
    const bankUser = await me(bank);
    bankName = bankUser.orgName!;
    expect(bankName.length).toBeGreaterThan(2);
    await bank.close();

    const page = await signIn('enterprise');
    enterprisePage = page;
    enterpriseOrg = (await me(page)).orgId!;
    // The home page and the menu lead to the enterprise's own page.
    await page.getByTestId('my-index-link').click();
    await page.waitForURL(new RegExp(`/innovation-index/enterprise/${enterpriseOrg}$`));
    await page.goto(suite.url + '/');
    await page.getByTestId('main-menu').getByText('科创指数', { exact: true }).click();
    await page.waitForURL(new RegExp(`/innovation-index/enterprise/${enterpriseOrg}$`));
    await page.getByTestId('index-enterprise').waitFor();
    expect(await page.getByTestId('index-score').locator('.ant-statistic-content-value').innerText()).toMatch(/^\d+\.\d{2}$/);
    await page.getByTestId('index-grade').waitFor();
    const tsme = page.getByTestId('index-tsme');
    await tsme.getByTestId('index-tsme-verdict').waitFor();
    expect(await tsme.innerText()).toContain('科技人员');
    expect(await tsme.innerText()).toMatch(/职工总数/);
    expect(await page.getByTestId('index-hnte').innerText()).toContain('研究开发费用占销售收入比例');
    // Another enterprise's page is refused by the server.
    await page.goto(`${suite.url}/innovation-index/enterprise/${enterpriseOrg + 1}`);
    await page.getByText('只能操作本单位的数据').waitFor();
    await page.goBack();
    await page.getByTestId('index-enterprise').waitFor();
    await page.screenshot({ path: path.join(shots, 'index-own.png'), fullPage: true });

    // 授权: pick the bank, grant; the consent is listed as in force.
    await page.getByTestId('index-consent-link').click();
    await page.waitForURL(/\/innovation-index\/consents$/);
    await page.getByTestId('index-consent-institution').click();
    await page.keyboard.type(bankName);
    await page.locator(`.ant-select-item-option[title="${bankName}"]`).click();
    await page.getByTestId('index-consent-grant').click();
    const consents = page.getByTestId('index-consents');
    const row = consents.locator('tbody tr.ant-table-row[data-standing="true"]');
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain(bankName);
    expect(await row.first().innerText()).toContain('有效');
  });

  it('the bank reads the bank view while the consent stands, and is refused once it is withdrawn', async () => {
    const page = await signIn('finance');
    await page.getByTestId('main-menu').getByText('科创指数', { exact: true }).click();
    await page.waitForURL(/\/innovation-index\/consents$/);
    await page.getByTestId(`index-bank-link-${enterpriseOrg}`).click();
    await page.waitForURL(new RegExp(`/innovation-index/bank/${enterpriseOrg}$`));
    const bank = page.getByTestId('index-bank');
    await bank.waitFor();
    expect(await page.getByTestId('index-bank-grade').getAttribute('data-grade')).toMatch(/^[A-D]$/);
    // at most four reasons in words (拉高/拖累 and the label: 研发投入强度高于同类企业中位水平), the code only in data-code
    const reasons = page.getByTestId('index-bank-reasons');
    expect(Number(await reasons.getAttribute('data-count'))).toBeLessThanOrEqual(4);
    expect(await reasons.locator('[data-code]').count()).toBeLessThanOrEqual(4);
    const codes = await reasons.innerText();
    expect(codes).toMatch(/(高|低)于同类企业中位水平/);
    expect(codes).not.toMatch(/[a-z0-9_]+_(high|low)/);
    expect(await page.locator('[data-testid="index-bank"] [data-code]').first().getAttribute('data-code')).toMatch(/^[a-z0-9_]+_(high|low)$/);
    expect(await page.getByTestId('index-bank-note').innerText()).toContain('不含任何财务数据');
    expect(await bank.innerText()).not.toContain('万元'); // no figures
    await page.getByTestId('index-bank-trend').locator('canvas').first().waitFor();
    await page.screenshot({ path: path.join(shots, 'index-bank.png'), fullPage: true });

    // The enterprise withdraws (with confirmation)…
    const ent = enterprisePage;
    await ent.getByTestId('index-consents').locator('tbody tr.ant-table-row[data-standing="true"]').getByTestId('index-consent-withdraw').click();
    await ent.getByTestId('index-consent-withdraw-ok').click();
    await ent.getByTestId('index-consents').locator('tbody tr.ant-table-row[data-standing="false"]').first().waitFor();
    expect(await ent.getByTestId('index-consents').locator('tbody tr.ant-table-row[data-standing="true"]').count()).toBe(0);
    await ent.close();

    // …and the bank view now shows the server's refusal.
    await page.reload();
    const refused = page.getByTestId('index-bank-refused');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('该企业未授权本机构查看其科创指数，或授权已撤回');
    await page.close();
  });

  it('an administrator previews moving 0.05 of weight between two pillars, sees ranks move, and saves it as a new version', async () => {
    const page = await signIn('admin');
    await page.goto(suite.url + '/innovation-index/methods');
    const json = page.getByTestId('index-method-json');
    await expect.poll(async () => json.inputValue(), POLL).toContain('"id": "kczs"');
    expect(await page.getByTestId('index-method-save').isDisabled()).toBe(true);
    const current = JSON.parse(await json.inputValue()) as unknown;

    // A wrong sum first: the server names the field, the save stays disabled.
    const wrong = shiftPillarWeight(current, 'rd', 'none', 0.05);
    await json.fill(formatMethod(wrong));
    await page.getByTestId('index-method-preview').click();
    const errors = page.getByTestId('index-method-errors');
    await errors.waitFor();
    expect(await errors.innerText()).toContain('pillars.weights.startup');
    expect(await page.getByTestId('index-method-save').isDisabled()).toBe(true);

    // R&D −0.05, talent +0.05 in every stage: ranks move.
    await json.fill(formatMethod(shiftPillarWeight(current, 'rd', 'talent', 0.05)));
    await page.getByTestId('index-method-preview').click();
    const result = page.getByTestId('index-method-result');
    await result.waitFor();
    expect(Number(await result.getAttribute('data-moved'))).toBeGreaterThan(0);
    expect(await page.getByTestId('index-method-spearman').innerText()).toMatch(/0\.9\d+/);
    expect(await page.getByTestId('index-method-movers').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    // the new method's effective weights beside its nominal ones: R&D intensity now (0.25 − 0.05) × 0.7 = 14.0%
    const weights = page.getByTestId('index-preview-weights');
    expect(await weights.getByTestId('index-preview-weights-row-rd_intensity').innerText()).toContain('14.0%');
    expect(await weights.getByTestId('index-preview-weights-effective-rd_intensity').innerText()).toMatch(/^\d+\.\d%$/);
    await page.screenshot({ path: path.join(shots, 'index-method.png'), fullPage: true });

    await page.getByTestId('index-method-note').fill('浏览器测试：研发投入 −0.05，人才 +0.05');
    await page.getByTestId('index-method-save').click();
    const saved = page.getByTestId('index-method-saved');
    await saved.waitFor();
    expect(await saved.getAttribute('data-version')).toBe('2');
    await expect.poll(async () => page.getByTestId('index-method-versions').innerText(), POLL).toContain('浏览器测试：研发投入 −0.05，人才 +0.05');
    await page.close();
  });

  it('an official at 390 px reads the latest run’s nominal and effective weights, the warnings and the coherence report on the method page', async () => {
    const page = await signIn('official', { width: 390, height: 844 });
    await page.goto(suite.url + '/innovation-index/methods');
    const card = page.getByTestId('index-weights-card');
    const weights = card.getByTestId('index-weights');
    await weights.waitFor();
    // every indicator with a data source, each with both weights
    const rows = weights.locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(12);
    expect(await weights.getByTestId('index-weights-row-rd_intensity').innerText()).toContain('17.5%');
    // the demo data's growth rates carry far less than their weight: marked and warned in words
    expect(await weights.getByTestId('index-weights-row-revenue_growth').getAttribute('data-flag')).toBe('low');
    const warnings = weights.getByTestId('index-weights-warnings');
    expect(await warnings.innerText()).toMatch(/营业收入成长性：名义权重 \d+\.\d%，实际影响（占得分方差的份额）\d+\.\d%，不到名义的一半/);
    // the method was changed by the administrator after the latest run: said so
    expect(await card.innerText()).toContain('现行方法为第 2 版，尚未按它计算');
    // one stage on its own
    await weights.getByTestId('index-weights-scope').getByText(/^成长 \d+$/).click();
    await expect.poll(async () => weights.getAttribute('data-scope'), POLL).toBe('growth');
    expect(await weights.getByTestId('index-weights-row-rd_intensity').innerText()).toContain('17.5%');
    // the coherence report: the R&D pillar's α, below 0.7 on the demo data
    await card.getByText('一致性报告', { exact: true }).click();
    const rd = card.getByTestId('index-weights-coherence-rd');
    await rd.waitFor();
    expect(Number(await rd.getAttribute('data-alpha'))).toBeLessThan(0.7);
    expect(await rd.innerText()).toContain('Cronbach α');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(shots, 'index-weights-390.png'), fullPage: true });
    await page.close();
  });
});
