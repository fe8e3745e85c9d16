/**
 * Each role's first day, in a real browser on the demo city: sign in, see 我的待办 on the home page, follow an
 * entry to the place to act, act, come home and see the entry's count drop. The official's walk (ending a 公示,
 * paying) is in todo.test.ts; here the enterprise and the institution answer a recommended match, the
 * administrator creates the missing account of a department whose only official left and checks a rule
 * proposal another administrator made, and the expert scores the application assigned to them — at 1440 px
 * and at 390 px, with nothing wider than the phone.
 *
 * The work the administrator finds is made through the API the way it happens (an account disabled, a proposal
 * submitted by the other administrator, an application applied for, pre-reviewed and assigned); the matches are
 * the demo city's own recommendations.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { suzhouYear } from '../../src/platform/clock.js';
import { ITEMS } from '../../src/policy/items/index.js';
import { browserSuite, chromiumPath, SHOTS } from '../helpers/browser.js';
import { PDF, requiredMaterials } from '../helpers/materials.js';

const POLL = { timeout: 15_000 };
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 1000 };

describe.skipIf(!chromiumPath)('browser: each role’s first day, from the to-do', () => {
  const suite = browserSuite();

  const home = async (page: Page) => {
    await page.goto(suite.url + '/');
    await page.getByTestId('todo-card').waitFor();
    // Loaded: an entry or the empty state.
    await page.getByTestId('todo-card').locator('[data-testid^="todo-"]').first().waitFor();
  };
  const countOf = async (page: Page, kind: string) => {
    const entry = page.getByTestId(`todo-${kind}`);
    return (await entry.count()) ? Number(await entry.getAttribute('data-count')) : 0;
  };
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  /** A signed-in API session outside the browser (another person doing their part). */
  async function apiAs(username: string) {
    const login = await fetch(suite.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Demo@2026' }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    return async (method: string, url: string, body?: unknown) => {
      const raw = body instanceof Blob;
      const r = await fetch(suite.url + url, {
        method,
        headers: { 'content-type': raw ? 'application/octet-stream' : 'application/json', cookie, 'x-csrf-token': csrf },
        body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
      });
      return { status: r.status, json: (await r.json()) as Record<string, unknown> };
    };
  }

  /** A party answers its first recommended match from the to-do: 已联系, with a note. */
  async function answerMatch(username: string, viewport: typeof DESKTOP) {
    const page = await suite.signIn(username, viewport);
    await home(page);
    const before = await countOf(page, 'match_recommended');
    expect(before).toBeGreaterThan(0);
    expect(await page.getByTestId('todo-match_recommended').innerText()).toContain('待回应');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, `first-day-${username}-${viewport.width}.png`), fullPage: true });

    await page.getByTestId('todo-match_recommended').click();
    await page.waitForURL(/\/market\/matches/);
    const row = page.locator('[data-testid^="match-row-"][data-stage="recommended"]').first();
    await row.waitFor(POLL);
    const id = (await row.getAttribute('data-testid'))!.replace('match-row-', '');
    await row.getByTestId('match-action-contact').click();
    await page.getByTestId('move-form').waitFor();
    await page.getByTestId('move-note').fill('已电话联系对方，约定下周面谈');
    await page.getByTestId('form-submit').click();
    await page.getByTestId('move-form').waitFor({ state: 'detached', ...POLL });

    await page.goto(`${suite.url}/market/matches/${id}`);
    await expect.poll(() => page.getByTestId('match-detail').getAttribute('data-stage'), POLL).toBe('contacted');
    await home(page);
    await expect.poll(() => countOf(page, 'match_recommended'), POLL).toBe(before - 1);
    await page.close();
  }

  it('an enterprise at 1440 px answers a recommended match; the to-do counts one fewer', async () => {
    await answerMatch('enterprise', DESKTOP);
  });

  it('an institution at 390 px does the same on a phone', async () => {
    await answerMatch('institution', PHONE);
  });

  it('an administrator at 1440 px: a department lost its only official; the to-do names it and opens 新建用户 for it', async () => {
    const adminApi = await apiAs('admin');
    const found = await adminApi('GET', '/api/users?q=official_gxj');
    const gxj = (found.json.items as { id: number; username: string }[]).find((u) => u.username === 'official_gxj')!;
    expect((await adminApi('PATCH', `/api/users/${gxj.id}`, { status: 'disabled' })).status).toBe(200);

    const page = await suite.signIn('admin', DESKTOP);
    await home(page);
    expect(await countOf(page, 'department_without_account')).toBe(1);
    expect(await page.getByTestId('todo-department_without_account').innerText()).toContain('市工信局');
    await page.getByTestId('todo-department_without_account').click();
    const form = page.getByTestId('user-create-form');
    await form.waitFor();
    // The role and the department are already chosen.
    await expect.poll(() => form.innerText(), POLL).toContain('市工信局');
    await form.getByLabel('用户名', { exact: true }).fill('gxj_new_official');
    await form.getByLabel('姓名', { exact: true }).fill('市工信局新任工作人员');
    await form.getByLabel('初始密码', { exact: true }).fill('Gxj@Suzhou2026!');
    await page.getByTestId('form-submit').click();
    await form.waitFor({ state: 'detached', ...POLL });
    await home(page);
    await expect.poll(() => countOf(page, 'department_without_account'), POLL).toBe(0);
    await page.close();
  });

  it('an administrator at 390 px: a rule proposal by the other administrator is in the to-do until approved', async () => {
    const other = await apiAs('admin2');
    const doc = ((await other('GET', '/api/policy/items/m8.equipment/versions')).json.versions as { document: Record<string, unknown> }[])[0]!.document;
    const proposed = await other('POST', '/api/policy/items', { document: { ...doc, title: `${String(doc.title)}（文字修订）` }, note: '标题文字修订' });
    expect(proposed.status).toBe(202);
    const proposalId = proposed.json.id as number;

    const page = await suite.signIn('admin', PHONE);
    await home(page);
    expect(await countOf(page, 'rule_proposal')).toBe(1);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, 'first-day-admin-390.png'), fullPage: true });
    await page.getByTestId('todo-rule_proposal').click();
    await page.getByTestId(`rule-proposal-open-${proposalId}`).click();
    const detail = page.getByTestId('rule-proposal-detail');
    await detail.waitFor();
    await page.getByTestId('rule-proposal-note').fill('核对无误');
    await page.getByTestId('rule-proposal-approve').click();
    await expect.poll(() => detail.getAttribute('data-status'), POLL).toBe('approved');
    await home(page);
    await expect.poll(() => countOf(page, 'rule_proposal'), POLL).toBe(0);
    await page.close();
  });

  it('an expert at 1440 px: an application assigned to them is in the to-do until scored', async () => {
    // An enterprise applies for 新型研发机构 (the demo expert is a 苏州大学 professor, so a university's application
    // would recuse them); every responsible department passes it, and the first assigns the expert.
    const ITEM = 'm6.new_rd_institute';
    const ent = await apiAs('enterprise2');
    const created = await ent('POST', '/api/funding/applications', {
      itemId: ITEM,
      year: suzhouYear(),
      project: '苏州智能传感新型研发机构建设',
      facts: { newRdInstitute: true },
      requestedFen: 300_000_000,
      bankAccount: { holder: '演示企业', bank: '中国银行苏州分行', account: '6216610800012345' },
    });
    expect(created.status, JSON.stringify(created.json)).toBe(200);
    const id = created.json.id as number;
    for (const m of requiredMaterials(ITEM)) {
      const up = await ent('POST', `/api/funding/applications/${id}/attachments?name=${encodeURIComponent(m.label + '.pdf')}&material=${m.key}`, new Blob([new Uint8Array(PDF)]));
      expect(up.status).toBe(200);
    }
    expect((await ent('POST', `/api/funding/applications/${id}/act`, { action: 'submit' })).status).toBe(200);
    const departments = ITEMS.find((i) => i.id === ITEM)!.departments;
    const officials = await Promise.all(departments.map((d) => apiAs(d === 'kjj' ? 'official' : `official_${d}`)));
    for (const o of officials) expect((await o('POST', `/api/funding/applications/${id}/act`, { action: 'pre_pass', note: '材料齐全' })).status).toBe(200);
    const kjj = officials[0]!;
    // The demo expert's profile in the pool: the one with an account; the ranked candidates say it may be assigned.
    const pool = (await kjj('GET', '/api/market/experts?pageSize=100')).json.items as { id: number; userId: number | null }[];
    const mine = pool.find((e) => e.userId !== null)!;
    const candidates = (await kjj('GET', `/api/funding/applications/${id}/expert-candidates`)).json.items as { expertId: number; assignable: boolean }[];
    expect(candidates.find((c) => c.expertId === mine.id), JSON.stringify(candidates.slice(0, 3))).toMatchObject({ assignable: true });
    expect((await kjj('POST', `/api/funding/applications/${id}/act`, { action: 'assign_expert', expertId: mine.id })).status).toBe(200);

    const page = await suite.signIn('expert', DESKTOP);
    await home(page);
    expect(await countOf(page, 'score')).toBe(1);
    await page.getByTestId('todo-score').click();
    await page.getByTestId('funding-detail').waitFor();
    await page.getByTestId('act-score').click();
    await page.getByTestId('score-innovation').fill('25');
    await page.getByTestId('score-benefit').fill('22');
    await page.getByTestId('score-capacity').fill('15');
    await page.getByTestId('score-materials').fill('17');
    await page.getByTestId('score-opinion').fill('建设方案可行，学科基础扎实，建议支持。');
    await page.getByTestId('form-submit').click();
    await expect.poll(() => page.getByTestId('funding-reviews').innerText(), POLL).toContain('79');
    await home(page);
    await page.getByTestId('todo-empty').waitFor(POLL);
    await page.close();
  });
});
