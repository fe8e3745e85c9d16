/**
 * 成果与需求 in a real browser, on the demo city that `npm start` builds (300 enterprises, no
 * achievements or demands yet): an institution publishes an achievement through the form; an
 * enterprise posts a fitting demand (an upside-down TRL range and a past deadline are refused
 * under their fields first); the background matching puts the achievement in the demand's
 * matches panel with its reasons; the enterprise finds the achievement by 硅光子 with the term
 * highlighted (markup in the text shows as text); the enterprise moves the match to 对接 on the
 * board, the technology manager to 洽谈 and 签约 with an amount, and a stale move is refused with
 * the server's reason; the institution's bell has the news; an official turns the demand into a
 * 技术攻关清单 entry and publishes it, and an expert reads it; the institution responds to another demand
 * from its page with its achievement (响应需求) and the pair enters 对接. Then the owners: the enterprise sees
 * 能解决的高校院所 and 相关专家 on its demand, edits the demand and closes another one (a too short
 * reason under its field first); the technology manager narrows the board to the matches they
 * handle; the official opens 专家库 and adds an expert (a non-expert account refused under its
 * field); the expert edits their own profile; the institution edits its achievement (the form comes
 * filled in, the change shows) and follows its link to the board narrowed to it.
 * Drives Debian's chromium through playwright-core (never a downloaded browser).
 */
import path from 'node:path';
import { type Locator, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, chromiumPath, formItem, SHOTS } from '../helpers/browser.js';

/** expect.poll waits 1 s by default: too short after a page load on a busy machine. */
const POLL = { timeout: 15_000 };

const ACHIEVEMENT = '硅光子光模块自动耦合封装技术';
const DEMAND = '光模块封装良率提升';
/** Markup in a text must show as characters, never run. */
const MARKUP = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">';

describe.skipIf(!chromiumPath)('browser: 成果与需求', () => {
  const shots = SHOTS;
  const suite = browserSuite();
  let achievementId = 0;
  let demandId = 0;
  let matchId = 0;

  const signIn = suite.signIn;

  const item = formItem;
  /**
   * The open dropdown of an antd select, found through its input's list id (a closing dropdown may
   * still be in the page), once its opening animation is over (a click during it is lost).
   */
  async function dropdownOf(page: Page, select: Locator): Promise<Locator> {
    const id = await select.locator('input').first().getAttribute('id');
    const dropdown = page.locator(`.ant-select-dropdown:has([id="${id}_list"])`);
    await dropdown.waitFor();
    await expect.poll(async () => dropdown.getAttribute('class'), POLL).not.toMatch(/-(appear|enter)/);
    return dropdown;
  }
  /** Opens an antd select and picks the option whose text contains `text`. */
  async function pick(page: Page, select: Locator, text: string) {
    await select.click();
    await (await dropdownOf(page, select)).locator('.ant-select-item-option').filter({ hasText: text }).first().click();
  }
  async function typeTags(page: Page, select: Locator, tags: string[]) {
    await select.click();
    for (const tag of tags) {
      await page.keyboard.type(tag);
      await page.keyboard.press('Enter');
    }
  }
  async function pickField(page: Page, picker: Locator, name: string) {
    await picker.click();
    await page.keyboard.type(name);
    const dropdown = page.locator('.ant-select-dropdown:visible').filter({ has: page.locator('.ant-select-tree') });
    await dropdown.waitFor();
    await expect.poll(async () => dropdown.getAttribute('class'), POLL).not.toMatch(/-(appear|enter)/);
    await dropdown.locator(`.ant-select-tree-node-content-wrapper[title="${name}"]`).click();
    await page.keyboard.press('Escape');
    await expect.poll(async () => picker.innerText(), POLL).toContain(name);
  }
  async function typeDate(page: Page, picker: Locator, date: string) {
    await picker.click();
    await picker.fill(date);
    await page.keyboard.press('Enter');
  }

  it('an institution publishes an achievement through the form, with validation messages first', async () => {
    const page = await signIn('institution');
    await page.getByTestId('main-menu').getByText('成果与需求', { exact: true }).click();
    await page.getByTestId('main-menu').getByText('科技成果', { exact: true }).click();
    await page.waitForURL(/\/market\/achievements$/);
    await page.getByTestId('market-search').waitFor();

    await page.getByTestId('achievement-create').click();
    const form = page.getByTestId('achievement-form');
    await form.waitFor();
    // Nothing filled in: each required field says what it needs.
    await page.getByTestId('form-submit').click();
    await form.getByText('请填写标题').waitFor();
    await form.getByText('请选择技术成熟度').waitFor();
    await form.getByText('请至少选择一种转化方式').waitFor();

    await page.getByTestId('achievement-title').fill(ACHIEVEMENT);
    await page.getByTestId('achievement-abstract').fill(`提出一种硅光子光模块的自动耦合对准与封装方法，以机器视觉引导六轴对准，将耦合时间缩短到 30 秒以内，封装良率提升到 98%，适用于 400G/800G 光模块量产。${MARKUP}`);
    await typeTags(page, page.getByTestId('achievement-keywords'), ['硅光子', '光模块', '自动耦合']);
    await pickField(page, page.getByTestId('achievement-fields'), '硅光子');
    // The TRL select shows each level's definition.
    await pick(page, page.getByTestId('achievement-trl'), 'TRL 6 · 相关环境中系统或原型验证（中试）');
    // A valuation amount needs its method and date; finer than one 分 is refused.
    await page.getByTestId('achievement-valuation').fill('300.0000001');
    await page.getByTestId('form-submit').click();
    await item(page.getByTestId('achievement-valuation')).getByText('最多 6 位小数（精确到分）').waitFor();
    await page.getByTestId('achievement-valuation').fill('300');
    await page.getByTestId('form-submit').click();
    await form.getByText('请选择评估方法').waitFor();
    await form.getByText('收益法').click();
    await typeDate(page, page.getByTestId('achievement-valuation-date'), '2026-01-15');
    await form.getByText('独占许可', { exact: true }).click();
    await page.getByTestId('achievement-publicly-funded').click();
    await page.screenshot({ path: path.join(shots, 'market-achievement-form.png'), fullPage: true });

    await page.getByTestId('form-submit').click();
    await page.waitForURL(/\/market\/achievements\/\d+$/);
    achievementId = Number(/(\d+)$/.exec(page.url())![1]);
    const detail = page.getByTestId('achievement-detail');
    await detail.waitFor();
    expect(await page.getByRole('heading', { name: ACHIEVEMENT }).count()).toBe(1);
    expect(await page.getByTestId('achievement-trl-definition').innerText()).toBe('TRL 6：相关环境中系统或原型验证（中试）');
    expect(await page.getByTestId('achievement-valuation-view').innerText()).toContain('300 万元（收益法，估值日 2026-01-15）');
    expect(await detail.innerText()).toContain('独占许可');
    await page.getByTestId('market-disclosed').waitFor(); // publicly funded, not confidential, unconverted
    expect(await detail.innerText()).toContain('苏州大学');
    // The abstract's markup is text.
    expect(await detail.innerText()).toContain('<script>window.__xss = 1</script>');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // Stored exactly: 300 万元 = 300,000,000 分.
    const stored = (await (await page.request.get(`${suite.url}/api/market/achievements/${achievementId}`)).json()) as { valuation: { amountFen: number; method: string; date: string } };
    expect(stored.valuation).toEqual({ amountFen: 300_000_000, method: 'income', date: '2026-01-15' });
    await page.getByTestId('matches-panel').waitFor();
    await page.close();
  });

  it('an enterprise posts a fitting demand: an upside-down TRL range and a past deadline are shown on their fields', async () => {
    const page = await signIn('enterprise');
    await page.goto(suite.url + '/market/demands');
    await page.getByTestId('market-search').waitFor();
    await page.getByTestId('demand-create').click();
    const form = page.getByTestId('demand-form');
    await form.waitFor();

    await page.getByTestId('demand-title').fill(DEMAND);
    await page.getByTestId('demand-problem').fill('我司光模块封装环节的耦合对准依赖人工调节，良率不足 85%，产能受限；希望引进自动耦合封装技术，把封装良率提升到 95% 以上。');
    await pickField(page, page.getByTestId('demand-fields'), '光通信与光模块');
    await pick(page, page.getByTestId('demand-trl-min'), 'TRL 7');
    await pick(page, page.getByTestId('demand-trl-max'), 'TRL 5');
    await page.getByTestId('demand-budget-min').fill('100');
    await page.getByTestId('demand-budget-max').fill('500');
    await form.getByText('独占许可', { exact: true }).click();
    await typeDate(page, page.getByTestId('demand-deadline'), '2020-06-30');

    // Upside down: the shared schema says so under the upper end, before anything is sent.
    await page.getByTestId('form-submit').click();
    const trlMax = item(page.getByTestId('demand-trl-max'));
    await trlMax.getByText('成熟度上限不能低于下限').waitFor();
    await pick(page, page.getByTestId('demand-trl-min'), 'TRL 5');
    await pick(page, page.getByTestId('demand-trl-max'), 'TRL 7');

    // A past deadline: the server refuses it with field "deadline", shown under the date.
    await page.getByTestId('form-submit').click();
    const deadline = item(page.getByTestId('demand-deadline'));
    await deadline.getByText('截止日期已过').waitFor();
    expect(await trlMax.locator('.ant-form-item-explain-error').count()).toBe(0);
    await page.screenshot({ path: path.join(shots, 'market-demand-errors.png'), fullPage: true });

    await typeDate(page, page.getByTestId('demand-deadline'), `${new Date().getFullYear() + 1}-06-30`);
    await page.getByTestId('form-submit').click();
    await page.waitForURL(/\/market\/demands\/\d+$/);
    demandId = Number(/(\d+)$/.exec(page.url())![1]);
    // Matching runs in the background, and the enterprise will be notified.
    const published = page.getByTestId('demand-published');
    await published.waitFor();
    expect(await published.innerText()).toContain('后台');
    expect(await published.innerText()).toContain('通知');
    expect(await page.getByTestId('demand-budget-view').innerText()).toBe('100–500 万元');

    // The achievement appears among the matches, with every reason in words.
    const panel = page.getByTestId('matches-panel');
    const candidate = panel.getByTestId(`match-candidate-${achievementId}`);
    await expect
      .poll(async () => {
        if ((await candidate.count()) === 0) await page.getByTestId('matches-refresh').click();
        return candidate.count();
      }, POLL)
      .toBe(1);
    expect(await candidate.getByTestId('match-candidate-title').innerText()).toBe(ACHIEVEMENT);
    // The score in words; the number is on hover.
    expect(await candidate.getByTestId('match-candidate-score').innerText()).toMatch(/^[高中低]匹配$/);
    expect(Number(await candidate.getByTestId('match-candidate-score').getAttribute('data-score'))).toBeGreaterThan(0);
    const reasons = candidate.getByTestId('match-reason');
    expect(await reasons.count()).toBe(6);
    const kinds = await reasons.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['terms', 'field', 'trl', 'budget', 'modes', 'district']);
    const text = await candidate.innerText();
    expect(text).toContain('共同关键词');
    expect(text).toContain('成熟度 TRL 6，在需求要求的 5–7 之内');
    expect(text).toContain('估值 300 万元 在预算 500 万元 以内');
    expect(text).toContain('双方都接受：独占许可');
    await page.screenshot({ path: path.join(shots, 'market-demand.png'), fullPage: true });
    await page.close();
  });

  it('the enterprise finds the achievement by 硅光子 with the term highlighted, markup shown as text', async () => {
    const page = await signIn('enterprise');
    await page.goto(suite.url + '/market/achievements');
    await page.getByTestId('market-q').fill('硅光子');
    await page.getByTestId('market-q').press('Enter');
    await page.waitForURL(/q=/);
    const result = page.getByTestId(`market-result-${achievementId}`);
    await result.waitFor();
    const marks = result.getByTestId('market-highlight');
    await expect.poll(async () => marks.count(), POLL).toBeGreaterThanOrEqual(3); // title, abstract, keyword
    expect(await marks.first().innerText()).toBe('硅光子');
    expect(await result.getByTestId('market-result-title').locator('mark').count()).toBe(1);
    expect(await result.getByTestId('market-result-abstract').innerText()).toContain('<img src=x');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await result.getByTestId('market-trl').innerText()).toBe('TRL 6');
    expect(await result.getByTestId('market-result-valuation').innerText()).toContain('300 万元');
    expect(await result.innerText()).toContain('公开披露');
    await page.screenshot({ path: path.join(shots, 'market-search.png'), fullPage: true });

    // Filters live in the URL: a TRL range above the achievement's hides it, with the empty state.
    await page.goto(suite.url + '/market/achievements?q=%E7%A1%85%E5%85%89%E5%AD%90&trlMin=7');
    await page.getByTestId('market-empty').waitFor();
    expect(await page.getByTestId('market-empty').innerText()).toContain('没有符合条件的科技成果');
    await page.close();
  });

  it('the enterprise moves the match to 对接 on the board; the technology manager to 洽谈 and 签约; a stale move is refused', async () => {
    const enterprise = await signIn('enterprise');
    await enterprise.goto(suite.url + '/market/matches');
    const board = enterprise.getByTestId('pipeline-board');
    await board.locator('tbody tr.ant-table-row').first().waitFor();
    // (the demo's own demands may have been matched with the achievement too)
    const row = board.locator('tbody tr.ant-table-row').filter({ hasText: ACHIEVEMENT }).filter({ hasText: DEMAND }).first();
    matchId = Number((await row.getAttribute('data-testid'))!.replace('match-row-', ''));
    expect(matchId).toBeGreaterThan(0);
    expect(await row.getAttribute('data-stage')).toBe('recommended');
    expect(await row.innerText()).toContain(DEMAND);
    // A party may decline, not terminate; nobody may skip ahead.
    expect(await row.getByTestId('match-action-decline').count()).toBe(1);
    expect(await row.getByTestId('match-action-terminate').count()).toBe(0);
    expect(await row.getByTestId('match-action-sign').count()).toBe(0);
    await row.getByTestId('match-action-contact').click();
    await enterprise.getByTestId('move-form').waitFor();
    await enterprise.getByTestId('move-note').fill('已联系成果方，约定下周现场交流');
    await enterprise.getByTestId('form-submit').click();
    await expect.poll(async () => board.getByTestId(`match-row-${matchId}`).getAttribute('data-stage'), POLL).toBe('contacted');
    await enterprise.getByTestId('pipeline-stage-contacted').click();
    await enterprise.waitForURL(/stage=contacted/);
    await board.getByTestId(`match-row-${matchId}`).waitFor();
    await enterprise.screenshot({ path: path.join(shots, 'market-board.png'), fullPage: true });

    // The technology manager sees every match and moves this one on, from its page.
    const manager = await signIn('tech_manager');
    await manager.goto(`${suite.url}/market/matches/${matchId}`);
    const detail = manager.getByTestId('match-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-stage')).toBe('contacted');
    expect(await manager.getByTestId('match-demand-link').innerText()).toBe(DEMAND);
    expect(await manager.getByTestId('match-achievement-link').innerText()).toBe(ACHIEVEMENT);
    expect(await detail.getByTestId('match-reason').count()).toBe(6);
    await manager.getByTestId('match-action-negotiate').click();
    await manager.getByTestId('form-submit').click();
    await expect.poll(async () => detail.getAttribute('data-stage'), POLL).toBe('negotiating');
    // 签约 asks the contract amount in 万元.
    await manager.getByTestId('match-action-sign').click();
    await manager.getByTestId('form-submit').click();
    await item(manager.getByTestId('move-contract')).getByText('签约须填写合同金额').waitFor();
    await manager.getByTestId('move-contract').fill('280.5');
    await manager.getByTestId('form-submit').click();
    await expect.poll(async () => detail.getAttribute('data-stage'), POLL).toBe('signed');
    expect(await manager.getByTestId('match-contract').innerText()).toBe('280.5 万元');
    expect(await manager.getByTestId('match-broker').innerText()).toBe('您');
    const events = await manager.getByTestId('match-events').innerText();
    expect(events).toContain('平台推荐'); // the recommendation was the platform's, not a person's
    expect(events).toContain('签约');
    expect(events).toContain('280.5 万元');
    expect(events).toContain('已联系成果方，约定下周现场交流');
    await manager.screenshot({ path: path.join(shots, 'market-match.png'), fullPage: true });
    // Stored exactly: 280.5 万元 = 280,500,000 分.
    const stored = (await (await manager.request.get(`${suite.url}/api/market/matches/${matchId}`)).json()) as { contractFen: number };
    expect(stored.contractFen).toBe(280_500_000);
    await manager.close();

    // The enterprise's board still shows 对接: its 进入洽谈 is refused with the server's reason.
    await board.getByTestId(`match-row-${matchId}`).getByTestId('match-action-negotiate').click();
    await enterprise.getByTestId('form-submit').click();
    const refused = enterprise.getByTestId('move-refused');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('当前为“签约”，不能“进入洽谈”');
    // Closing the dialog reloads the board: the match has left 对接.
    await enterprise.getByRole('button', { name: '取消' }).click();
    await expect.poll(async () => board.getByTestId(`match-row-${matchId}`).count(), POLL).toBe(0);
    await enterprise.close();
  });

  it('the institution\'s bell has the news and leads to the match', async () => {
    const page = await signIn('institution');
    const bell = page.getByTestId('notif-bell');
    await bell.waitFor();
    await expect.poll(async () => Number(await bell.getAttribute('data-unread')), POLL).toBeGreaterThanOrEqual(3); // recommended, 对接, 洽谈, 签约
    await bell.click();
    const list = page.getByTestId('notif-list');
    await list.waitFor();
    const text = await list.innerText();
    expect(text).toContain(`您的成果“${ACHIEVEMENT}”与一项技术需求匹配`);
    expect(text).toContain('洽谈 → 签约');
    await page.screenshot({ path: path.join(shots, 'market-bell.png') });
    await list.locator('[data-read="false"]').filter({ hasText: '洽谈 → 签约' }).first().click();
    await page.waitForURL(new RegExp(`/market/matches/${matchId}$`));
    await expect.poll(async () => page.getByTestId('match-detail').getAttribute('data-stage'), POLL).toBe('signed');
    // Opening it marked it read.
    await expect.poll(async () => Number(await bell.getAttribute('data-unread')), POLL).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it('the institution responds to another demand from its page with its achievement: the pair enters 对接', async () => {
    const page = await signIn('institution');
    // A demo demand the achievement is not yet matched with.
    const open = (await (await page.request.get(`${suite.url}/api/market/demands?status=open&pageSize=50`)).json()) as { items: { id: number; title: string }[] };
    let target: { id: number; title: string } | undefined;
    for (const d of open.items) {
      if (d.id === demandId) continue;
      const m = (await (await page.request.get(`${suite.url}/api/market/matches?demandId=${d.id}&achievementId=${achievementId}`)).json()) as { total: number };
      if (m.total === 0) {
        target = d;
        break;
      }
    }
    expect(target).toBeDefined();
    await page.goto(`${suite.url}/market/demands/${target!.id}`);
    await page.getByTestId('demand-detail').waitFor();
    await page.getByTestId('demand-respond').click();
    await page.getByTestId('demand-respond-form').waitFor();
    // Nothing chosen: said under the field before anything is sent.
    await page.getByTestId('form-submit').click();
    await item(page.getByTestId('demand-respond-achievement')).getByText('请选择本机构的一项科技成果').waitFor();
    await pick(page, page.getByTestId('demand-respond-achievement'), ACHIEVEMENT);
    await page.getByTestId('demand-respond-note').fill('可提供样品与现场测试');
    await page.getByTestId('form-submit').click();
    expect(await toast(page)).toContain('已响应');
    const m = (await (await page.request.get(`${suite.url}/api/market/matches?demandId=${target!.id}&achievementId=${achievementId}`)).json()) as { items: { id: number; stage: string }[] };
    expect(m.items.map((x) => x.stage)).toEqual(['contacted']);
    await page.screenshot({ path: path.join(shots, 'market-respond.png'), fullPage: true });
    await page.goto(`${suite.url}/market/matches/${m.items[0]!.id}`);
    await expect.poll(async () => page.getByTestId('match-detail').getAttribute('data-stage'), POLL).toBe('contacted');
    expect(await page.getByTestId('match-events').innerText()).toContain('可提供样品与现场测试');
    await page.close();
  });

  it('an official turns the demand into a 技术攻关清单 entry and publishes it; an expert reads the public list', async () => {
    const page = await signIn('official');
    await page.goto(suite.url + '/market/tasks');
    await page.getByTestId('task-list').waitFor();
    await page.getByTestId('task-view-manage').click();
    await page.waitForURL(/view=manage/);
    await page.getByTestId('task-manage').waitFor();
    await page.getByTestId('task-create').click();
    await page.getByTestId('task-form').waitFor();
    const picker = page.getByTestId('task-demands');
    await picker.click();
    await page.keyboard.type('光模块封装良率');
    await (await dropdownOf(page, picker)).locator('.ant-select-item-option').filter({ hasText: DEMAND }).first().click();
    await page.keyboard.press('Escape');
    await page.getByTestId('task-title').fill('高速光模块自动耦合封装攻关');
    await page.getByTestId('task-description').fill('面向 800G 及以上光模块，攻关自动耦合对准与高良率封装工艺，目标封装良率 95% 以上、单件耦合时间 30 秒以内。');
    await pickField(page, page.getByTestId('task-fields'), '光通信与光模块');
    await page.getByTestId('task-form').getByText('重点', { exact: true }).click();
    await page.getByTestId('form-submit').click();
    const row = page.getByTestId('task-manage').locator('tbody tr.ant-table-row').filter({ hasText: '高速光模块自动耦合封装攻关' });
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('draft');
    expect(await row.innerText()).toContain(`#${demandId}`);
    await row.getByTestId('task-publish').click();
    await expect.poll(async () => row.getAttribute('data-status'), POLL).toBe('published');
    await page.close();

    // 技术攻关清单 is open to every role: an expert reads it, without the source demands.
    const expert = await signIn('expert');
    await expert.getByTestId('main-menu').getByText('成果与需求', { exact: true }).click();
    await expert.getByTestId('main-menu').getByText('技术攻关清单', { exact: true }).click();
    await expert.waitForURL(/\/market\/tasks$/);
    const list = expert.getByTestId('task-list');
    await list.waitFor();
    const card = list.locator('[data-testid^="task-"]').filter({ hasText: '高速光模块自动耦合封装攻关' });
    await expect.poll(async () => card.innerText(), POLL).toContain('光通信与光模块'); // the field's name, once the taxonomy is loaded
    const text = await card.innerText();
    expect(text).toContain('高速光模块自动耦合封装攻关');
    expect(text).toContain('重点');
    expect(text).toContain('市科技局');
    expect(text).toContain('光通信与光模块');
    expect(text).toContain('汇集 1 项企业需求');
    expect(text).not.toContain(`#${demandId}`);
    expect(await expert.getByTestId('task-view-manage').count()).toBe(0);
    await expert.screenshot({ path: path.join(shots, 'market-tasks.png'), fullPage: true });
    await expert.close();
  });
  /** Today in Suzhou (UTC+8), as the server dates things. */
  const suzhouToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  /** The latest success message's text. */
  async function toast(page: Page): Promise<string> {
    const msg = page.locator('.ant-message-notice').last();
    await msg.waitFor();
    return msg.innerText();
  }

  it('the enterprise sees 能解决的高校院所 and 相关专家 on its demand, edits it, and closes another demand with a reason', async () => {
    const page = await signIn('enterprise');
    await page.goto(`${suite.url}/market/demands/${demandId}`);
    await page.getByTestId('demand-detail').waitFor();

    // The institutions that could solve it, each with its score and every reason.
    const institutions = page.getByTestId('market-parties-institutions');
    await institutions.waitFor();
    await expect.poll(async () => Number((await institutions.getAttribute('data-count')) || -1), POLL).toBeGreaterThan(0);
    expect(await institutions.innerText()).toContain('能解决的高校院所');
    const soochow = institutions.locator('[data-testid^="market-party-"]').filter({ has: page.getByTestId('market-party-name').filter({ hasText: '苏州大学' }) }).first();
    await soochow.waitFor();
    expect(await soochow.getByTestId('market-party-score').innerText()).toMatch(/综合 0\.\d\d/);
    const kinds = await soochow.getByTestId('match-reason').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['achievements', 'achievements', 'district']);
    expect(await soochow.innerText()).toContain('最相关的成果');
    expect(await soochow.innerText()).toContain('相关成果'); // the kind in words
    // Related experts from the pool, each with reasons.
    const experts = page.getByTestId('market-parties-experts');
    await experts.waitFor();
    await expect.poll(async () => experts.getAttribute('data-count'), POLL).not.toBe('');
    expect(await experts.innerText()).toContain('相关专家');
    // The matches panel leads to the board narrowed to this demand.
    expect(await page.getByTestId('matches-board-link').getAttribute('href')).toBe(`/market/matches?demandId=${demandId}`);
    await page.screenshot({ path: path.join(shots, 'market-demand-parties.png'), fullPage: true });

    // 修改: the form comes filled in; a new deadline shows once saved.
    await page.getByTestId('demand-edit').click();
    await page.getByTestId('demand-form').waitFor();
    expect(await page.getByTestId('demand-title').inputValue()).toBe(DEMAND);
    expect(await page.getByTestId('demand-budget-min').inputValue()).toBe('100');
    expect(await page.getByTestId('demand-budget-max').inputValue()).toBe('500');
    const deadline = `${new Date().getFullYear() + 1}-07-31`;
    await typeDate(page, page.getByTestId('demand-deadline'), deadline);
    await page.getByTestId('form-submit').click();
    expect(await toast(page)).toContain('截止日期');
    await expect.poll(async () => page.getByTestId('demand-detail').innerText(), POLL).toContain(deadline);

    // 关闭需求 on another of its demands (the demo's): the reason is asked, a too short one refused under it.
    const me = (await (await page.request.get(`${suite.url}/api/auth/me`)).json()) as { user: { orgId: number } };
    const own = (await (await page.request.get(`${suite.url}/api/market/demands?orgId=${me.user.orgId}&status=open&pageSize=50`)).json()) as { items: { id: number; title: string }[] };
    const other = own.items.find((d) => d.id !== demandId)!;
    expect(other).toBeDefined();
    await page.goto(`${suite.url}/market/demands/${other.id}`);
    await page.getByTestId('demand-detail').waitFor();
    await page.getByTestId('demand-close').click();
    await page.getByTestId('demand-close-form').waitFor();
    await page.getByTestId('demand-close-reason').fill('好');
    await page.getByTestId('form-submit').click();
    await item(page.getByTestId('demand-close-reason')).getByText('原因至少 2 个字').waitFor();
    await page.getByTestId('demand-close-reason').fill('已通过合作开发解决');
    await page.getByTestId('form-submit').click();
    await page.getByTestId('demand-closed').waitFor();
    expect(await page.getByTestId('demand-detail').innerText()).toContain('已关闭');
    expect(await page.getByTestId('demand-edit').count()).toBe(0);
    expect(await page.getByTestId('demand-close').count()).toBe(0);
    await page.close();
  });

  it('the technology manager narrows the board to the matches they handle', async () => {
    const page = await signIn('tech_manager');
    await page.goto(suite.url + '/market/matches');
    const board = page.getByTestId('pipeline-board');
    await board.locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('pipeline-mine').click();
    await page.waitForURL(/mine=true/);
    await expect.poll(async () => board.getAttribute('data-total'), POLL).toBe('1'); // the one they moved
    const row = board.getByTestId(`match-row-${matchId}`);
    await row.waitFor();
    expect(await row.getByTestId('match-row-broker').innerText()).toBe('您');
    expect(await row.getByTestId('match-achievement-org').innerText()).toContain('苏州大学');
    await page.close();
  });

  it('the official opens 专家库 and adds an expert; an account that is not an expert\'s is refused under its field', async () => {
    const page = await signIn('official');
    await page.getByTestId('main-menu').getByText('成果与需求', { exact: true }).click();
    await page.getByTestId('main-menu').getByText('专家库', { exact: true }).click();
    await page.waitForURL(/\/market\/experts$/);
    const table = page.getByTestId('expert-table');
    await expect.poll(async () => Number((await table.getAttribute('data-total')) || 0), POLL).toBeGreaterThan(0);
    const all = Number(await table.getAttribute('data-total'));
    // A field narrows the pool (in the URL).
    await page.goto(suite.url + '/market/experts?field=photonics&pageSize=100');
    await expect.poll(async () => Number((await table.getAttribute('data-total')) || -1), POLL).toBeLessThan(all);
    await page.goto(suite.url + '/market/experts?pageSize=100');
    await expect.poll(async () => Number(await table.getAttribute('data-total')), POLL).toBe(all);

    await page.getByTestId('expert-create').click();
    const form = page.getByTestId('expert-form');
    await form.waitFor();
    await page.getByTestId('form-submit').click();
    await form.getByText('请填写姓名').waitFor();
    await form.getByText('请填写专长描述').waitFor();
    await page.getByTestId('expert-name').fill('顾光明');
    await page.getByTestId('expert-title').fill('研究员');
    await pickField(page, page.getByTestId('expert-fields'), '硅光子');
    await page.getByTestId('expert-expertise').fill('长期从事硅光子器件的耦合封装与测试，熟悉光模块量产工艺。');
    // The official's own account is not an expert's: the server says so under the field.
    const me = (await (await page.request.get(`${suite.url}/api/auth/me`)).json()) as { user: { id: number } };
    const account = form.getByLabel('关联专家账号（用户编号）');
    await account.fill(String(me.user.id));
    await page.getByTestId('form-submit').click();
    await item(account).getByText('关联账号应为专家账号').waitFor();
    await account.fill('');
    await page.getByTestId('form-submit').click();
    await expect.poll(async () => Number(await table.getAttribute('data-total')), POLL).toBe(all + 1);
    const row = table.locator('tbody tr.ant-table-row').filter({ hasText: '顾光明' });
    await row.waitFor();
    expect(await row.innerText()).toContain('硅光子');
    expect(await row.innerText()).toContain('研究员');
    await page.screenshot({ path: path.join(shots, 'market-experts.png'), fullPage: true });
    await page.close();
  });

  it('the expert reads and edits their own profile', async () => {
    const page = await signIn('expert');
    await page.getByTestId('main-menu').getByText('成果与需求', { exact: true }).click();
    await page.getByTestId('main-menu').getByText('我的专家档案', { exact: true }).click();
    await page.waitForURL(/\/market\/experts\/me$/);
    const profile = page.getByTestId('expert-profile');
    await profile.waitFor();
    const name = await page.getByTestId('expert-profile-name').innerText();
    expect(name.length).toBeGreaterThanOrEqual(2);
    await page.getByTestId('expert-edit-mine').click();
    await page.getByTestId('expert-form').waitFor();
    expect(await page.getByTestId('expert-name').inputValue()).toBe(name);
    expect(await page.getByTestId('expert-form').getByLabel('关联专家账号（用户编号）').count()).toBe(0); // the account link is the office's
    // so are the affiliation and the 回避单位 (they decide recusal in reviews): shown, not editable
    expect(await page.getByTestId('expert-org-locked').isDisabled()).toBe(true);
    expect(await page.getByTestId('expert-avoid').count()).toBe(0);
    const expertise = page.getByTestId('expert-expertise');
    await expertise.fill(`${await expertise.inputValue()}近年兼任产业技术顾问。`);
    await page.getByTestId('form-submit').click();
    await expect.poll(async () => page.getByTestId('expert-profile-expertise').innerText(), POLL).toContain('近年兼任产业技术顾问。');
    expect(await page.getByTestId('expert-org-office').innerText()).toContain('由主管部门维护');
    await page.close();
  });

  it('the institution edits its achievement: the form comes filled in, the change shows; its link leads to its matches', async () => {
    const page = await signIn('institution');
    await page.goto(`${suite.url}/market/achievements/${achievementId}`);
    const detail = page.getByTestId('achievement-detail');
    await detail.waitFor();
    await page.getByTestId('achievement-edit').click();
    const form = page.getByTestId('achievement-form');
    await form.waitFor();
    expect(await page.getByTestId('achievement-title').inputValue()).toBe(ACHIEVEMENT);
    expect(await page.getByTestId('achievement-valuation').inputValue()).toBe('300');
    expect(await page.getByTestId('achievement-status').innerText()).toContain('洽谈中'); // the pipeline moved it
    const team = form.getByLabel('团队介绍');
    await team.fill('光电子封装课题组：教授 2 名、博士后 3 名');
    await pick(page, page.getByTestId('achievement-status'), '已转化');
    await page.getByTestId('form-submit').click();
    expect(await toast(page)).toContain('团队介绍、转化状态');
    await expect.poll(async () => detail.innerText(), POLL).toContain('光电子封装课题组：教授 2 名、博士后 3 名');
    expect(await page.getByRole('heading', { name: ACHIEVEMENT }).count()).toBe(1);
    expect(await detail.innerText()).toContain('已转化');
    expect(await page.getByTestId('market-disclosed').count()).toBe(0); // converted: no longer disclosed
    expect(await page.getByTestId('achievement-data-as-of').innerText()).toBe(suzhouToday());
    const stored = (await (await page.request.get(`${suite.url}/api/market/achievements/${achievementId}`)).json()) as { team: string; status: string; mine: boolean };
    expect(stored).toMatchObject({ team: '光电子封装课题组：教授 2 名、博士后 3 名', status: 'converted', mine: true });
    await page.screenshot({ path: path.join(shots, 'market-achievement-edited.png'), fullPage: true });

    // 查看该成果的对接进程: the board narrowed to this achievement.
    await page.getByTestId('matches-board-link').click();
    await page.waitForURL(new RegExp(`/market/matches\\?achievementId=${achievementId}$`));
    await expect.poll(async () => page.getByTestId('pipeline-filter-achievement').innerText(), POLL).toContain(ACHIEVEMENT);
    const board = page.getByTestId('pipeline-board');
    await board.getByTestId(`match-row-${matchId}`).waitFor();
    const titles = await board.locator('tbody tr.ant-table-row').evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
    for (const text of titles) expect(text).toContain(ACHIEVEMENT);

    // Rankings of a demand's parties are not the institution's to see.
    await page.goto(`${suite.url}/market/demands/${demandId}`);
    await page.getByTestId('matches-panel').waitFor();
    expect(await page.getByTestId('market-parties-institutions').count()).toBe(0);
    expect(await page.getByTestId('demand-edit').count()).toBe(0);
    await page.close();
  });

  it('an administrator at 390 px re-fits the ranking from the pipeline: one signed match is too little, the weights stay and the record says so; an official reads it', async () => {
    const page = await signIn('admin', { width: 390, height: 844 });
    await page.goto(`${suite.url}/admin/ranker`);
    const inUse = page.getByTestId('ranker-in-use');
    await expect.poll(async () => inUse.innerText(), POLL).toContain('默认权重');
    const fits = page.getByTestId('ranker-fits');
    await fits.getByText('尚未拟合').waitFor();
    await page.getByRole('button', { name: '立即重新拟合' }).click();
    expect(await toast(page)).toContain('数据不足，权重不变');
    await expect.poll(async () => fits.innerText(), POLL).toContain('数据不足，权重不变');
    expect(await fits.innerText()).toContain('手动 · ');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(shots, 'ranker-phone.png'), fullPage: true });
    await page.close();

    const official = await signIn('official');
    await official.getByTestId('main-menu').getByText('匹配排序学习', { exact: true }).click();
    await official.waitForURL(/\/admin\/ranker/);
    await expect.poll(async () => official.getByTestId('ranker-fits').innerText(), POLL).toContain('数据不足，权重不变');
    expect(await official.getByRole('button', { name: '立即重新拟合' }).count()).toBe(0);
    await official.close();
  });
});
