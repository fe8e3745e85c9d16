/**
 * 申报与兑现 in a real browser, on the demo city that `npm start` builds: an enterprise comes from the
 * policy calculator's 去申报 to the new-application form with the item chosen (新建苏州市新型研发机构),
 * declares the fact and the project (a missing project is said under its field first), sees the
 * engine's evaluation, uploads an attachment, is told to give its 收款账户 before submitting, adds it by
 * editing the draft (a bad account number said under its field) and submits; the official (市科技局, the item's only
 * department) finds it in the inbox, passes the pre-review with the batch action (a result per row)
 * and assigns the demo expert on its page; the expert scores it with the review criteria; the
 * official sets up the item's budget for next year (the demo funds this year's), adds to it, sees the chart and the ledger; the administrator
 * reconciles the ledger; 免申即享: the official pushes offers from the demo's first batch run and the
 * enterprise confirms one with its bank account (bad values said under their fields first); on the demo's
 * own applications, a second 科技局 approver completes a 150万元 approval, the university's user objects to it on the
 * 公示 page (which a visitor reads without signing in, as the 技术攻关清单), and the official ends a 公示 that
 * has run its course, pays it, takes it back when the bank returns it (退票) while the enterprise
 * updates its account, pays it again and closes it, reads the payment in the budget's ledger and in the per-department
 * dashboard, and finally claws it back (追回). Drives Debian's chromium through playwright-core (never a downloaded browser).
 */
import path from 'node:path';
import { type Locator, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, chromiumPath, formItem, SHOTS } from '../helpers/browser.js';
import { suzhouYear } from '../../src/platform/clock.js';
import { formatFen } from '../../src/policy/engine/money.js';
import { PDF, requiredMaterials } from '../helpers/materials.js';

/** expect.poll waits 1 s by default: too short after a page load on a busy machine. */
const POLL = { timeout: 15_000 };
const NEXT_YEAR = suzhouYear() + 1;
const ITEM = 'm6.new_rd_institute';
const PROJECT = '苏州光电融合新型研发机构建设';

describe.skipIf(!chromiumPath)('browser: 申报与兑现', () => {
  const shots = SHOTS;
  const suite = browserSuite();
  let applicationId = 0;

  const signIn = suite.signIn;

  const item = formItem;
  /** Opens an antd select and picks the option whose text contains `text` (once the dropdown has finished opening). */
  async function pick(page: Page, select: Locator, text: string, search = false) {
    await select.click();
    if (search) await page.keyboard.type(text);
    const id = await select.locator('input').first().getAttribute('id');
    const dropdown = page.locator(`.ant-select-dropdown:visible:has([id="${id}_list"])`);
    await dropdown.waitFor();
    await expect.poll(async () => dropdown.getAttribute('class'), POLL).not.toMatch(/-(appear|enter)/);
    await dropdown.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
  }
  const state = (page: Page) => page.getByTestId('funding-detail').getAttribute('data-state');

  it('an enterprise goes from the calculator to a new application, saves it, attaches a file and submits', async () => {
    const page = await signIn('enterprise');
    // The calculator: declaring the fact makes the item eligible, with 去申报 on its result.
    await page.goto(suite.url + '/policy?tab=calculator');
    await page.getByTestId('calc-fact-newRdInstitute').click();
    await page.getByTestId('calc-submit').click();
    await page.getByTestId(`calc-apply-${ITEM}`).click();
    await page.waitForURL(/\/funding\/applications\/new\?itemId=/);

    const form = page.getByTestId('funding-form');
    await form.waitFor();
    await expect.poll(async () => form.getByTestId('funding-form-item').innerText(), POLL).toContain('新建苏州市新型研发机构');
    // Per-project item: the project is required, said under its field.
    await page.getByTestId('form-submit').click();
    // Said by the form's own rule, or — if the click beat the rule's first render — by the server, under the same field.
    await item(page.getByTestId('funding-form-project')).getByText(/按项目支持，请填写项目名称/).waitFor();
    await page.getByTestId('funding-form-project').fill(PROJECT);
    // A partner not on the platform, typed by name (experts tied to it will be recused).
    await page.getByTestId('funding-form-partners').click();
    await page.keyboard.type('苏州合作测试研究院');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-content', { hasText: '苏州合作测试研究院' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await pick(page, page.getByTestId('funding-fact-newRdInstitute'), '是');
    // Finer than one 分 is refused under the amount.
    await page.getByTestId('funding-form-requested').fill('800.0000001');
    await page.getByTestId('form-submit').click();
    await item(page.getByTestId('funding-form-requested')).getByText('最多 6 位小数（精确到分）').waitFor();
    await page.getByTestId('funding-form-requested').fill('800');
    await page.screenshot({ path: path.join(shots, 'funding-form.png'), fullPage: true });
    await page.getByTestId('form-submit').click();

    await page.waitForURL(/\/funding\/applications\/\d+$/);
    applicationId = Number(/(\d+)$/.exec(page.url())![1]);
    await page.getByTestId('funding-detail').waitFor();
    expect(await state(page)).toBe('draft');
    // The engine's evaluation: eligible, a ceiling decided by review.
    expect(await page.getByTestId('funding-evaluation').getAttribute('data-status')).toBe('eligible');
    expect(await page.getByTestId('funding-eval-amount').innerText()).toBe('最高 1,000 万元（经评审确定）');
    // Stored exactly: 800 万元 = 800,000,000 分, the fact as declared.
    const stored = (await (await page.request.get(`${suite.url}/api/funding/applications/${applicationId}`)).json()) as { requestedFen: number; facts: Record<string, unknown>; project: string };
    expect(stored).toMatchObject({ requestedFen: 800_000_000, facts: { newRdInstitute: true }, project: PROJECT, partners: [{ orgId: null, name: '苏州合作测试研究院' }] });
    expect(await page.getByTestId('funding-partners').innerText()).toBe('苏州合作测试研究院');

    // An attachment before submission: the type is sniffed from the bytes.
    await page.getByTestId('attachment-file').setInputFiles({ name: '可行性研究报告.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') });
    await page.getByTestId('attachment-list').getByText('可行性研究报告.pdf').waitFor();
    expect(await page.getByTestId('attachment-list').innerText()).toContain('PDF');

    // The materials checklist (申报材料清单): one upload per required entry.
    for (const m of requiredMaterials(ITEM)) {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId(`material-upload-${m.key}`).click()]);
      await chooser.setFiles({ name: `${m.label}.pdf`, mimeType: 'application/pdf', buffer: PDF });
      await expect.poll(async () => page.getByTestId(`material-${m.key}`).getAttribute('data-done'), POLL).toBe('yes');
    }

    // No 收款账户 yet: submitting is refused in the server's words; the account is added by editing the draft.
    await page.getByTestId('act-submit').click();
    await page.getByTestId('act-form').waitFor();
    await page.getByTestId('form-submit').click();
    await expect.poll(async () => page.getByTestId('act-refused').innerText(), POLL).toContain('请填写收款账户');
    await page.locator('.ant-modal-close').click();
    await page.getByTestId('funding-edit').click();
    await page.getByTestId('funding-form').waitFor();
    await page.getByTestId('bank-holder').fill('苏州聚领光学仪器有限公司');
    await page.getByTestId('bank-bank').fill('中国银行苏州分行');
    await page.getByTestId('bank-account').fill('6216 61x0');
    await page.getByTestId('form-submit').click();
    await item(page.getByTestId('bank-account')).getByText('账号应为 8–30 位数字').waitFor();
    await page.getByTestId('bank-account').fill('6216 6108 0001 2345');
    await page.getByTestId('form-submit').click();
    await expect.poll(async () => page.getByTestId('funding-detail').innerText(), POLL).toContain('****2345');
    await page.getByTestId('act-submit').click();
    await page.getByTestId('act-form').waitFor();
    await page.getByTestId('form-submit').click();
    await expect.poll(() => state(page), POLL).toBe('pre_review');
    // The decision record downloads as a PDF (a server without a CJK font would answer 503 in words).
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('funding-record').click()]);
    expect(pdf.suggestedFilename()).toBe(`申报${applicationId}决定记录.pdf`);
    // Submitted: attachments are fixed, the list in 我的申报 shows the state.
    expect(await page.getByTestId('attachment-upload').count()).toBe(0);
    await page.screenshot({ path: path.join(shots, 'funding-submitted.png'), fullPage: true });
    await page.goto(suite.url + '/funding/applications');
    const row = page.locator(`tr[data-row-key="${applicationId}"]`);
    await row.waitFor();
    expect(await row.getByTestId('funding-state').innerText()).toBe('部门初审');
    await page.close();
  });

  it('the official passes the pre-review as a batch, assigns the expert, who scores it', async () => {
    expect(applicationId).toBeGreaterThan(0);
    const page = await signIn('official');
    await page.goto(suite.url + '/funding/applications?state=pre_review');
    const row = page.locator(`tr[data-row-key="${applicationId}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain(PROJECT);
    await row.locator('.ant-checkbox-input').check();
    await page.getByTestId('batch-pre_pass').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    const results = page.getByTestId('batch-results');
    await results.getByText(`#${applicationId}`).waitFor();
    // The item has one department (科技局): its sign-off completes the pre-review.
    await expect.poll(async () => results.innerText(), POLL).toContain('专家评审');
    await expect.poll(async () => page.getByTestId('batch-progress').innerText(), POLL).toContain('成功 1 条');
    await page.getByTestId('batch-close').click();

    await page.goto(`${suite.url}/funding/applications/${applicationId}`);
    await page.getByTestId('funding-detail').waitFor();
    expect(await state(page)).toBe('expert_review');
    expect(await page.getByTestId('funding-steps').innerText()).toContain('专家评审');
    // The demo expert account's profile in the pool.
    const experts = (await (await page.request.get(`${suite.url}/api/market/experts?pageSize=100`)).json()) as { items: Array<{ id: number; name: string; userId: number | null }> };
    const mine = experts.items.find((e) => e.userId !== null);
    expect(mine).toBeTruthy();
    await page.getByTestId('act-assign_expert').click();
    await pick(page, page.getByTestId('act-expert'), mine!.name);
    await page.getByTestId('form-submit').click();
    await expect.poll(async () => page.getByTestId('funding-reviews').innerText(), POLL).toContain(mine!.name);
    // Before the expert has scored, 结束评审 is not offered (the server would refuse it); the page says whom it waits for.
    await expect.poll(async () => page.getByTestId('funding-waiting').innerText(), POLL).toBe('等待 评审专家 评分（还有 1 位未评分）');
    expect(await page.getByTestId('act-finish_review').count()).toBe(0);
    await page.close();

    const expert = await signIn('expert');
    await expert.goto(suite.url + '/funding/applications');
    await expert.getByTestId(`funding-row-${applicationId}`).click();
    await expert.getByTestId('funding-detail').waitFor();
    await expert.getByTestId('act-score').click();
    // A score above the criterion's maximum is not taken; the opinion is required.
    await expert.getByTestId('score-innovation').fill('26');
    await expert.getByTestId('score-benefit').fill('24');
    await expert.getByTestId('score-capacity').fill('16');
    await expert.getByTestId('score-materials').fill('18');
    await expert.getByTestId('form-submit').click();
    await item(expert.getByTestId('score-opinion')).getByText('请填写评审意见（至少 5 个字）').waitFor();
    await expert.getByTestId('score-opinion').fill('建设方案清晰，研发基础扎实，建议支持。');
    await expert.getByTestId('form-submit').click();
    await expect.poll(async () => expert.getByTestId('funding-reviews').innerText(), POLL).toContain('84');
    await expert.screenshot({ path: path.join(shots, 'funding-review.png'), fullPage: true });
    await expert.close();

    // The enterprise sees the score and the history, the reviewer only as 评审专家 A.
    const enterprise = await signIn('enterprise');
    await enterprise.goto(`${suite.url}/funding/applications/${applicationId}`);
    await enterprise.getByTestId('funding-detail').waitFor();
    await expect.poll(async () => enterprise.getByTestId('funding-reviews').innerText(), POLL).toContain('评审专家 A');
    expect(await enterprise.getByTestId('funding-events').innerText()).toContain('评审专家 A');
    expect(await enterprise.getByTestId('funding-detail').innerText()).not.toContain(mine!.name);
    await enterprise.close();
  });

  it('the official sets up the item\'s budget, adds to it and reads its ledger; the administrator reconciles', async () => {
    const page = await signIn('official');
    await page.getByTestId('main-menu').getByText('申报与兑现', { exact: true }).click();
    await page.getByTestId('main-menu').getByText('预算', { exact: true }).click();
    await page.waitForURL(/\/funding\/budgets$/);
    await page.getByTestId('budgets-page').waitFor();

    await page.getByTestId('budget-create').click();
    await page.getByTestId('budget-form').waitFor();
    await page.getByTestId('budget-name').fill('新型研发机构建设资金');
    await pick(page, page.getByTestId('budget-item'), '新建苏州市新型研发机构', true);
    // The demo city funds every item for this year already (src/funding/demo.ts): this one is next year's.
    await page.getByTestId('budget-year').fill(String(NEXT_YEAR));
    await page.getByTestId('budget-fund').fill('2000');
    await page.getByTestId('form-submit').click();
    const row = page.locator('[data-testid="budget-table"] tr').filter({ hasText: '新型研发机构建设资金' });
    await row.waitFor();
    const id = Number(await row.getAttribute('data-row-key'));
    expect(await page.getByTestId(`budget-funded-${id}`).innerText()).toBe('2,000 万元');
    await page.getByTestId('budget-chart').locator('canvas').first().waitFor();

    // A second budget for the same item and year is refused under 年度.
    await page.getByTestId('budget-create').click();
    await page.getByTestId('budget-name').fill('重复的预算');
    await pick(page, page.getByTestId('budget-item'), '新建苏州市新型研发机构', true);
    await page.getByTestId('budget-year').fill(String(NEXT_YEAR));
    await page.getByTestId('form-submit').click();
    await item(page.getByTestId('budget-year')).getByText('请追加而不是新设', { exact: false }).waitFor();
    await page.locator('.ant-modal-close').click();

    await page.getByTestId(`budget-fund-${id}`).click();
    await page.getByTestId('fund-amount').fill('100.5');
    await page.getByTestId('fund-note').fill('年中追加');
    await page.getByTestId('form-submit').click();
    await expect.poll(async () => page.getByTestId(`budget-funded-${id}`).innerText(), POLL).toBe('2,100.5 万元');
    await page.screenshot({ path: path.join(shots, 'funding-budgets.png'), fullPage: true });

    await page.getByTestId(`budget-row-${id}`).click();
    await page.getByTestId('budget-ledger').waitFor();
    expect(await page.getByTestId('ledger-available').innerText()).toBe('2,100.5 万元');
    const ledger = page.getByTestId('ledger-table');
    await ledger.getByText('年中追加').waitFor();
    expect(await ledger.locator('tbody tr.ant-table-row').count()).toBe(2);
    await page.close();

    // The administrator reconciles the ledger: debits equal credits, balances equal the entries.
    const admin = await signIn('admin');
    await admin.goto(suite.url + '/funding/budgets');
    await admin.getByTestId('budget-reconcile').click();
    const report = admin.getByTestId('reconcile-result');
    await report.waitFor();
    expect(await report.innerText()).toContain('对账通过');
    await admin.close();
  });

  it('免申即享: the official pushes offers, the enterprise confirms with its bank account (errors under their fields)', async () => {
    // An item the first run found the demo enterprise eligible for, without an application, kept by 科技局.
    const enterprise = await signIn('enterprise');
    const me = (await (await enterprise.request.get(`${suite.url}/api/auth/me`)).json()) as { user: { orgId: number } };
    const benefits = (await (await enterprise.request.get(`${suite.url}/api/policy/benefits/${me.user.orgId}`)).json()) as {
      benefits: Array<{ itemId: string; title: string; channel: string; status: string; departments: string[]; setAside: string | null }>;
    };
    const offerItem = benefits.benefits.find((b) => b.channel === 'no_application' && b.status === 'eligible' && !b.setAside && b.departments.includes('kjj'));
    expect(offerItem, 'the demo enterprise is eligible for a 科技局 免申即享 item').toBeTruthy();

    const page = await signIn('official');
    await page.goto(suite.url + '/funding/applications');
    await page.getByTestId('funding-offers').click();
    await page.getByTestId('offers-form').waitFor();
    await pick(page, page.getByTestId('offers-item'), offerItem!.title);
    await page.getByTestId('form-submit').click();
    const result = page.getByTestId('offers-result');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/新发送的确认请求\s*[1-9]/);
    await page.locator('.ant-modal-close').click();
    // The department's lists download as .xlsx.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('funding-dl-publicity').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/公示名单.*\.xlsx$/);
    await page.close();

    await enterprise.goto(suite.url + '/funding/applications?origin=proactive&state=offered');
    const row = enterprise.locator('[data-testid="funding-table"] tr.ant-table-row').filter({ hasText: offerItem!.title });
    await row.waitFor();
    await row.getByRole('button', { name: '去确认' }).click();
    await enterprise.getByTestId('funding-detail').waitFor();
    expect(await state(enterprise)).toBe('offered');
    await enterprise.getByTestId('act-confirm').click();
    await enterprise.getByTestId('bank-holder').fill('某');
    await enterprise.getByTestId('bank-bank').fill('中国银行苏州分行');
    await enterprise.getByTestId('bank-account').fill('6222 ab');
    await enterprise.getByTestId('form-submit').click();
    await item(enterprise.getByTestId('bank-holder')).getByText('请填写开户名（至少 2 个字）').waitFor();
    await item(enterprise.getByTestId('bank-account')).getByText('账号应为 8–30 位数字').waitFor();
    await enterprise.getByTestId('bank-holder').fill('苏州聚领光学仪器有限公司');
    await enterprise.getByTestId('bank-account').fill('6222 0210 0100 2222');
    await enterprise.getByTestId('form-submit').click();
    await expect.poll(() => state(enterprise), POLL).toBe('approval');
    // The account is shown masked.
    expect(await enterprise.getByTestId('funding-detail').innerText()).toContain('****2222');
    await enterprise.close();
  });

  it('a second 科技局 approver completes a 150万元 approval; the official ends a 公示 that has run its course, pays it (the dialog names the amount to the 分), closes it and finally claws it back', async () => {
    // The demo city's application awaiting its second approver (src/funding/demo.ts).
    const page = await signIn('approver2');
    await page.goto(suite.url + '/funding/applications?state=approval');
    const row = page.locator('[data-testid="funding-table"] tr.ant-table-row').filter({ hasText: '集成电路创新联合体' });
    await row.waitFor();
    await row.locator('[data-testid^="funding-row-"]').click();
    await page.getByTestId('funding-detail').waitFor();
    expect(await page.getByTestId('funding-second-approval').innerText()).toContain('市科技局审批人（处长） 已审批 150 万元');
    await page.getByTestId('act-approve').click();
    await page.getByTestId('act-form').waitFor();
    // The first approver's amount is proposed; it differs from the engine's 200万元, so a reason is asked for under its field.
    expect(await page.getByTestId('act-amount').inputValue()).toBe('150');
    await page.getByTestId('form-submit').click();
    await item(page.getByTestId('act-approve-reason')).getByText('金额与测算金额不同，请写明理由').waitFor();
    await page.getByTestId('act-approve-reason').fill('同意处长审批意见，按专家评审核定');
    await page.getByTestId('form-submit').click();
    await expect.poll(() => state(page), POLL).toBe('publicity');
    await expect.poll(async () => page.getByTestId('funding-detail').innerText(), POLL).toContain('公示期');
    const waitingId = Number(/(\d+)$/.exec(page.url())![1]);
    await page.close();

    // 公示 is for everyone: the university's user finds it under 申报与兑现 → 公示 and objects (too short first).
    const uni = await signIn('institution');
    await uni.getByTestId('main-menu').getByText('申报与兑现', { exact: true }).click();
    await uni.getByTestId('main-menu').getByText('公示', { exact: true }).click();
    await uni.waitForURL(/\/funding\/publicity$/);
    const notice = uni.getByTestId(`publicity-row-${waitingId}`);
    await notice.waitFor();
    const noticeText = await notice.innerText();
    expect(noticeText).toContain('集成电路创新联合体');
    expect(noticeText).toContain('150 万元');
    await uni.getByTestId(`publicity-object-${waitingId}`).click();
    await uni.getByTestId('objection-text').fill('不实');
    await uni.getByTestId('form-submit').click();
    await item(uni.getByTestId('objection-text')).getByText('请填写异议内容（至少 5 个字）').waitFor();
    await uni.getByTestId('objection-text').fill('牵头企业并非实体化运营的创新联合体，请核实');
    await uni.getByTestId('form-submit').click();
    await expect.poll(async () => notice.getByTestId('publicity-objections').innerText(), POLL).toBe('1');
    await uni.screenshot({ path: path.join(shots, 'funding-publicity.png'), fullPage: true });
    await uni.close();

    // …and for visitors who are not signed in: from the sign-in page to the public 公示 and 技术攻关清单.
    const visitor = await suite.browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
    await visitor.goto(suite.url + '/login');
    await visitor.getByTestId('login-public-links').getByText('公示', { exact: true }).click();
    await visitor.waitForURL(/\/public\/publicity$/);
    const open = visitor.getByTestId(`publicity-row-${waitingId}`);
    await open.waitFor();
    expect(await open.innerText()).toContain('150 万元');
    await expect.poll(async () => open.getByTestId('publicity-objections').innerText(), POLL).toBe('1');
    expect(await visitor.getByTestId(`publicity-object-${waitingId}`).count()).toBe(0);
    expect(await visitor.getByTestId(`publicity-login-${waitingId}`).innerText()).toBe('登录后提出异议');
    await visitor.screenshot({ path: path.join(shots, 'public-publicity.png'), fullPage: true });
    await visitor.getByTestId('public-menu').getByText('技术攻关清单', { exact: true }).click();
    await visitor.waitForURL(/\/public\/tasks$/);
    await visitor.getByTestId('task-list').waitFor();
    expect(visitor.url()).not.toContain('/login');
    await visitor.close();

    // The other demo application's 公示 ended before today.
    const official = await signIn('official');
    await official.goto(suite.url + '/funding/applications?state=publicity');
    const ended = official.locator('[data-testid="funding-table"] tr.ant-table-row').filter({ hasText: '光电材料创新联合体' });
    await ended.waitFor();
    await ended.locator('[data-testid^="funding-row-"]').click();
    await official.getByTestId('funding-detail').waitFor();
    await official.getByTestId('act-end_publicity').click();
    await official.getByTestId('form-submit').click();
    await expect.poll(() => state(official), POLL).toBe('payable');
    await official.getByTestId('act-pay').click();
    expect(await official.getByTestId('act-pay-amount').innerText()).toContain('1,200,000.00 元（120 万元）');
    await official.screenshot({ path: path.join(shots, 'funding-pay.png'), fullPage: true });
    await official.getByTestId('form-submit').click();
    await expect.poll(() => state(official), POLL).toBe('paid');
    const appId = Number(/(\d+)$/.exec(official.url())![1]);

    // 退票: the bank returns it (closed account); the enterprise updates its account; paid again.
    await official.getByTestId('act-return_payment').click();
    expect(await official.getByTestId('act-return-payment').innerText()).toContain('1,200,000.00 元');
    await official.getByTestId('act-note').fill('收款账户已销户，银行退回');
    await official.getByTestId('form-submit').click();
    await expect.poll(() => state(official), POLL).toBe('payable');
    const enterprise = await signIn('enterprise');
    await enterprise.goto(`${suite.url}/funding/applications/${appId}`);
    await enterprise.getByTestId('funding-detail').waitFor();
    await enterprise.getByTestId('act-update_bank').click();
    await enterprise.getByTestId('bank-holder').fill('苏州聚领光学仪器有限公司');
    await enterprise.getByTestId('bank-bank').fill('工商银行苏州分行');
    await enterprise.getByTestId('bank-account').fill('6222 0210 0100 7777');
    await enterprise.getByTestId('form-submit').click();
    await expect.poll(async () => enterprise.getByTestId('funding-detail').innerText(), POLL).toContain('****7777');
    await enterprise.close();
    await official.reload();
    await official.getByTestId('act-pay').click();
    expect(await official.getByTestId('act-pay-amount').innerText()).toContain('****7777');
    await official.getByTestId('form-submit').click();
    await expect.poll(() => state(official), POLL).toBe('paid');
    // The 拨付 dialog is gone before the next one opens (else its closing submit button takes the click).
    await expect.poll(() => official.getByTestId('act-form').count(), POLL).toBe(0);
    await official.getByTestId('act-close').click();
    await official.getByTestId('act-form').waitFor();
    await official.getByTestId('form-submit').click();
    await expect.poll(() => state(official), POLL).toBe('closed');

    // The budget's ledger shows the payment; the budget's parts still add up.
    await official.goto(suite.url + '/funding/budgets');
    const budget = official.locator('[data-testid="budget-table"] tr').filter({ hasText: '创新联合体运营经费' });
    await budget.waitFor();
    await budget.locator('[data-testid^="budget-row-"]').click();
    await official.getByTestId('budget-ledger').waitFor();
    expect(await official.getByTestId('ledger-spent').innerText()).toBe('120 万元');
    expect(await official.getByTestId('ledger-reserved').innerText()).toBe('230 万元'); // the waiting 150万 and the demo's 80万 under 公示
    const moves = official.getByTestId('ledger-table').locator('tbody tr.ant-table-row').filter({ hasText: `#${appId}` });
    // Paid, returned (冲回支付 then 审批预留 again), paid again: two payments, one reversal.
    expect(await moves.filter({ has: official.getByText('支付', { exact: true }) }).count()).toBe(2);
    expect(await moves.filter({ has: official.getByText('冲回支付', { exact: true }) }).count()).toBe(1);

    // 按部门: 科技局's budgets of the year added up (the demo's, one per item it keeps; this test's is next year's) — with the payment.
    const mine = (await (await official.request.get(`${suite.url}/api/funding/budgets?year=${NEXT_YEAR - 1}`)).json()) as { budgets: Array<{ kind: string; year: number | null; fundedFen: number }> };
    const funded = mine.budgets.filter((b) => b.kind === 'item' && b.year === NEXT_YEAR - 1).reduce((sum, b) => sum + b.fundedFen, 0);
    await official.goto(suite.url + '/funding/budgets');
    await official.getByTestId('budget-view-departments').click();
    const kjj = official.getByTestId('department-row-kjj');
    await kjj.waitFor();
    await official.getByTestId('department-chart').locator('canvas').first().waitFor();
    const totals = await kjj.innerText();
    expect(totals).toContain('市科技局');
    expect(totals).toContain(formatFen(funded));
    expect(totals).toContain('120 万元');
    await official.screenshot({ path: path.join(shots, 'funding-departments.png'), fullPage: true });

    // 追回: found untrue after payment, the department claws it back; the dialog names the amount, a reason and a note are required.
    await official.goto(`${suite.url}/funding/applications/${appId}`);
    await official.getByTestId('funding-detail').waitFor();
    await official.getByTestId('act-claw_back').click();
    expect(await official.getByTestId('act-claw-back-amount').innerText()).toContain('1,200,000.00 元');
    await official.getByTestId('form-submit').click();
    await item(official.getByTestId('act-note')).getByText(/请填写/).waitFor();
    await pick(official, official.getByTestId('act-reason'), '材料不全或不实');
    await official.getByTestId('act-note').fill('事后核查发现联合体成员单位与申报材料不符');
    await official.getByTestId('form-submit').click();
    await expect.poll(() => state(official), POLL).toBe('clawed_back');
    expect(await official.getByTestId('funding-actions').count()).toBe(0);
    await official.close();
  });
});
