/**
 * Stored XSS, tried as an attacker would: script payloads are written through the API into every free-text
 * field a user can write (budget and pool names and funding notes; application project, bank account
 * holder and bank, review notes, expert opinion, approval reason, objection and its resolution; achievement
 * title, abstract, keywords, team; demand title, problem and closing reason; expert name, title and
 * expertise; 攻关清单 title and description; organisation names; a user's display name; an API token's
 * name; a qualification type's names), then every page that shows them is visited by the role that sees
 * it — charts hovered (the budget chart, the department dashboard, the index overview, radar and bank
 * trend) so their tooltips render — and nothing may run or be injected:
 *  - `window.__xss` is never set and no dialog opens;
 *  - no element the page did not write itself appears: a MutationObserver installed before the app loads
 *    records any added element with an on* attribute, a <script> without src, an <img src=x>, an <svg>
 *    with onload, or a javascript: href/src;
 *  - no CSP violation is reported (a blocked inline handler would be one: the CSP is a second wall, this
 *    test checks the first — escaping — as well).
 * Each page must show stored payloads as text (else the visit proves nothing). "XSS payloads tried" counts
 * every payload occurrence shown on a visited page plus each payload seen in a hovered chart's tooltips;
 * "executed" counts every sign of one running or being injected (goal 0).
 */
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { browserSuite, chromiumPath } from '../helpers/browser.js';
import { PDF, requiredMaterials } from '../helpers/materials.js';
import { suzhouYear } from '../../src/platform/clock.js';

const NEXT_YEAR = suzhouYear() + 1;

const POLL = { timeout: 20_000 };
const WAN = 1_000_000; // 1 万元 in 分

/** The four payload shapes. Each sets window.__xss if it ever runs (a handler's `__xss=1` is the global). */
const P = {
  img: '<img src=x onerror=__xss=1>',
  script: '<script>__xss=1</script>',
  svg: '"><svg onload=__xss=1>',
  js: 'javascript:__xss=1//',
} as const;
type Shape = keyof typeof P;
const ALL = `${P.img} ${P.script} ${P.svg} ${P.js}`; // 95 characters
const PAD = '（安全测试：以上文字应原样显示为文字，绝不执行。）';
const long = (label: string) => `${label} ${ALL} ${PAD}`;

/** What a page records about itself: set before any of its scripts run. */
const WATCH = () => {
  const w = window as unknown as { __evidence: string[]; __xss?: unknown };
  w.__evidence = [];
  const suspicious = (el: Element): string | null => {
    for (const a of Array.from(el.attributes)) {
      if (/^on/i.test(a.name)) return `${el.tagName} ${a.name}=${a.value}`;
      if ((a.name === 'href' || a.name === 'src' || a.name === 'xlink:href') && /^\s*javascript:/i.test(a.value)) return `${el.tagName} ${a.name}=${a.value}`;
    }
    if (el.tagName === 'SCRIPT' && !el.getAttribute('src')) return `inline script: ${el.textContent}`;
    if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') return 'img src=x';
    return null;
  };
  const check = (n: Node) => {
    if (!(n instanceof Element)) return;
    for (const el of [n, ...Array.from(n.querySelectorAll('*'))]) {
      const s = suspicious(el);
      if (s) w.__evidence.push(s);
    }
  };
  new MutationObserver((muts) => muts.forEach((m) => m.addedNodes.forEach(check))).observe(document, { childList: true, subtree: true });
  document.addEventListener('securitypolicyviolation', (e) => w.__evidence.push(`CSP ${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
};

interface Visit {
  who: string | null;
  path: string;
  /** data-testid of a chart to hover over (several points), so its tooltip renders. */
  hover?: string[];
  /** Click these (data-testid) after loading, e.g. a tab. */
  click?: string[];
  /** Wait for this data-testid before looking. */
  ready?: string;
  /** Pages that show no user text (chart-only pages) are visited for their charts. */
  showsText?: boolean;
  /** The hovered charts' tooltips must show a stored payload (as text): the tooltip path is exercised. */
  tooltipShowsText?: boolean;
}

describe.skipIf(!chromiumPath)('browser: stored XSS payloads in every free-text field never run', () => {
  const suite = browserSuite();
  const contexts = new Map<string, BrowserContext>();
  const tally = { tried: 0, executed: 0, pages: 0 };
  let expertsPath = '';
  const ids = { budget: 0, pool: 0, application: 0, demand: 0, achievement: 0, task: 0, entOrg: 0, financeOrg: 0, newOrg: 0, match: 0 };

  afterAll(async () => {
    for (const c of contexts.values()) await c.close();
    console.log(`XSS payloads tried / executed: ${tally.tried} / ${tally.executed} (over ${tally.pages} page visits)`);
  });

  /** A signed-in browser context per user (one sign-in each), with the watch script installed. */
  async function contextOf(who: string | null): Promise<BrowserContext> {
    const key = who ?? '(anonymous)';
    let c = contexts.get(key);
    if (c) return c;
    c = await suite.browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
    await c.addInitScript(WATCH);
    if (who) {
      const r = await c.request.post(suite.url + '/api/auth/login', { data: { username: who, password: 'Demo@2026' } });
      expect(r.status(), `login ${who}`).toBe(200);
    }
    contexts.set(key, c);
    return c;
  }

  /** An API call as `who` through its browser context (cookie + CSRF token), expecting success. */
  async function callAs<T = Record<string, unknown>>(who: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, data?: unknown): Promise<T> {
    const req: APIRequestContext = (await contextOf(who)).request;
    const me = (await (await req.get(suite.url + '/api/auth/me')).json()) as { csrfToken: string | null };
    const r = await req.fetch(suite.url + path, { method, data: data as object | undefined, headers: method === 'GET' ? {} : { 'x-csrf-token': me.csrfToken ?? '' } });
    const body = (await r.json()) as T;
    expect(r.status(), `${who} ${method} ${path}: ${JSON.stringify(body)}`).toBeLessThan(300);
    return body;
  }

  it('stores the payloads through the API in every free-text field', { timeout: 300_000 }, async () => {
    const me = async (who: string) => (await callAs<{ user: { id: number; orgId: number | null } }>(who, 'GET', '/api/auth/me')).user;
    ids.entOrg = (await me('enterprise')).orgId!;
    ids.financeOrg = (await me('finance')).orgId!;
    const expertUser = (await me('expert')).id;

    // Organisations: the demo enterprise's own name (shown in funding, index, publicity) and a new university.
    await callAs('admin', 'PATCH', `/api/orgs/${ids.entOrg}`, { name: `苏州甲${ALL}` });
    ids.newOrg = (await callAs<{ org: { id: number } }>('admin', 'POST', '/api/orgs', { kind: 'university', name: `苏州${ALL}大学` })).org.id;
    // A user's display name, a qualification type's names, an API token's name.
    await callAs('admin', 'POST', '/api/users', { username: 'xss_probe', displayName: `${P.img} ${P.svg}`, password: 'Lantern#Quiet9', role: 'tech_manager' });
    await callAs('admin', 'POST', '/api/reference/qualification-types', { code: 'xss_probe', name: `${P.img} ${P.svg}`, nameEn: `${P.script} ${P.js}` });
    await callAs('official', 'POST', '/api/auth/tokens', { name: ALL });

    // Budgets: an item budget (in the chart) and a pool, named with payloads; a funding note.
    // The demo funds every item for this year already (src/funding/demo.ts): this budget, and the application below, are next year's.
    const budget = await callAs<{ id: number }>('official', 'POST', '/api/funding/budgets', { name: `${P.img} ${P.script} ${P.svg}`, kind: 'item', itemId: 'm6.new_rd_institute', year: NEXT_YEAR, fundFen: 300 * WAN });
    ids.budget = budget.id;
    await callAs('official', 'POST', `/api/funding/budgets/${ids.budget}/fund`, { amountFen: 10 * WAN, note: ALL });
    ids.pool = (await callAs<{ id: number }>('admin', 'POST', '/api/funding/budgets', { name: `${P.svg} ${P.js} ${P.img}`, kind: 'pool', yearFrom: NEXT_YEAR - 1, yearTo: NEXT_YEAR, departmentCode: 'kjj', fundFen: 500 * WAN })).id;

    // An application walked to 公示: project, bank account, every note, the expert's opinion, an objection.
    const app = await callAs<{ id: number }>('enterprise', 'POST', '/api/funding/applications', {
      itemId: 'm6.new_rd_institute',
      year: NEXT_YEAR,
      project: `项目${ALL}`,
      facts: { newRdInstitute: true },
      requestedFen: 50 * WAN,
      bankAccount: { holder: `${P.img} ${P.svg}`, bank: `${P.script}银行`, account: '6216610800012345' },
    });
    ids.application = app.id;
    const act = (who: string, body: object) => callAs(who, 'POST', `/api/funding/applications/${ids.application}/act`, body);
    // The item's required materials (申报材料清单) go up before submission.
    {
      const req = (await contextOf('enterprise')).request;
      const token = ((await (await req.get(suite.url + '/api/auth/me')).json()) as { csrfToken: string | null }).csrfToken ?? '';
      for (const m of requiredMaterials('m6.new_rd_institute')) {
        const r = await req.post(`${suite.url}/api/funding/applications/${ids.application}/attachments?name=${encodeURIComponent(m.label)}.pdf&material=${m.key}`, { headers: { 'x-csrf-token': token, 'content-type': 'application/octet-stream' }, data: PDF });
        expect(r.status(), await r.text()).toBe(200);
      }
    }
    await act('enterprise', { action: 'submit' });
    await act('official', { action: 'pre_pass', note: long('初审意见') });
    const experts = await callAs<{ items: { id: number; userId: number | null }[] }>('admin', 'GET', '/api/market/experts?pageSize=200');
    const reviewer = experts.items.find((e) => e.userId === expertUser);
    expect(reviewer, 'the demo expert has a profile').toBeDefined();
    await act('official', { action: 'assign_expert', expertId: reviewer!.id });
    await act('expert', { action: 'score', scores: { innovation: 25, benefit: 24, capacity: 16, materials: 18 }, opinion: long('评审意见') });
    await act('official', { action: 'finish_review' });
    await act('approver', { action: 'approve', amountFen: 40 * WAN, reason: long('核定理由') });
    await act('institution', { action: 'object', text: long('异议') });
    const detail = await callAs<{ state: string; objections: { id: number }[] }>('official', 'GET', `/api/funding/applications/${ids.application}`);
    expect(detail.state).toBe('publicity');
    await act('official', { action: 'resolve_objection', objectionId: detail.objections[0]!.id, upheld: false, resolution: long('处理意见') });

    // The market: an achievement, demands (one closed with a reason), an expert, a 攻关清单 entry.
    const fields = await callAs<{ fields: { code: string; children: { code: string }[] }[] }>('admin', 'GET', '/api/market/fields');
    const field = fields.fields[0]!.children[0]?.code ?? fields.fields[0]!.code;
    ids.achievement = (
      await callAs<{ id: number }>('institution', 'POST', '/api/market/achievements', {
        title: `成果${ALL}`,
        abstract: long('摘要'),
        keywords: [P.img, P.script, P.svg, P.js],
        fields: [field],
        trl: 6,
        modes: ['transfer'],
        publiclyFunded: false,
        confidential: false,
        team: long('团队'),
      })
    ).id;
    const demand = (title: string) => ({ title, problem: long('问题'), fields: [field], requiredTrl: { min: 3, max: 8 }, deadline: '2027-12-31', visibility: 'public' });
    ids.demand = (await callAs<{ id: number }>('enterprise', 'POST', '/api/market/demands', demand(`需求${ALL}`))).id;
    const closed = (await callAs<{ id: number }>('enterprise', 'POST', '/api/market/demands', demand(`已关闭需求${P.svg} ${P.img} ${P.js} ${P.script}`))).id;
    await callAs('enterprise', 'POST', `/api/market/demands/${closed}/close`, { reason: `${P.img} ${P.script} ${P.svg}` });
    await callAs('official', 'POST', '/api/market/experts', { name: `${P.svg}专家`, title: P.img, fields: [field], expertise: long('专长') });
    // The pool lists by id, 20 a page: the new expert is on the field's last page.
    const pool = await callAs<{ total: number }>('official', 'GET', `/api/market/experts?field=${encodeURIComponent(field)}&pageSize=20`);
    expertsPath = `/market/experts?field=${encodeURIComponent(field)}&page=${Math.ceil(pool.total / 20)}`;
    ids.task = (await callAs<{ id: number }>('official', 'POST', '/api/market/tasks', { title: `攻关${ALL}`, description: long('说明'), fields: [field], priority: 'high', demandIds: [ids.demand] })).id;
    await callAs('official', 'POST', `/api/market/tasks/${ids.task}/publish`);

    // The background matcher pairs the new demand with the new achievement: move it with a note.
    await expect
      .poll(async () => {
        const m = await callAs<{ items: { id: number }[] }>('tech_manager', 'GET', `/api/market/matches?demandId=${ids.demand}`);
        ids.match = m.items[0]?.id ?? 0;
        return ids.match;
      }, POLL)
      .toBeGreaterThan(0);
    await callAs('tech_manager', 'POST', `/api/market/matches/${ids.match}/move`, { action: 'contact', note: long('对接备注') });

    // The enterprise lets the bank read its index (the bank view shows the enterprise's name).
    await callAs('enterprise', 'POST', '/api/index/consents', { institutionId: ids.financeOrg });
  });

  it('visits every page that shows them, hovering the charts: nothing runs, nothing is injected', { timeout: 900_000 }, async () => {
    const visits: Visit[] = [
      { who: 'official', path: `/funding/budgets?year=${NEXT_YEAR}`, ready: 'budget-chart', hover: ['budget-chart'], tooltipShowsText: true },
      { who: 'official', path: '/funding/budgets', click: ['budget-view-departments'], ready: 'department-chart', hover: ['department-chart'] },
      { who: 'admin', path: `/funding/budgets?year=${NEXT_YEAR}`, ready: 'budget-chart', hover: ['budget-chart'], tooltipShowsText: true },
      { who: 'admin', path: '/funding/budgets', click: ['budget-view-departments'], ready: 'department-chart', hover: ['department-chart'] },
      { who: 'official', path: `/funding/budgets/${ids.budget}`, ready: 'budget-ledger' },
      { who: 'admin', path: `/funding/budgets/${ids.pool}`, ready: 'budget-ledger' },
      { who: 'official', path: '/funding/applications' },
      { who: 'official', path: `/funding/applications/${ids.application}`, ready: 'funding-detail' },
      { who: 'enterprise', path: '/funding/applications' },
      { who: 'enterprise', path: `/funding/applications/${ids.application}`, ready: 'funding-detail' },
      { who: 'expert', path: `/funding/applications/${ids.application}`, ready: 'funding-detail' },
      { who: 'approver', path: `/funding/applications/${ids.application}`, ready: 'funding-detail' },
      { who: null, path: '/public/publicity' },
      { who: 'institution', path: '/funding/publicity' },
      { who: 'official', path: '/market/demands' },
      { who: 'official', path: `/market/demands/${ids.demand}` },
      { who: 'enterprise', path: '/market/demands' },
      { who: 'institution', path: '/market/achievements' },
      { who: 'official', path: `/market/achievements/${ids.achievement}` },
      { who: 'enterprise', path: `/market/achievements/${ids.achievement}` },
      { who: 'official', path: expertsPath },
      { who: 'official', path: '/market/tasks' },
      { who: null, path: '/public/tasks' },
      { who: 'tech_manager', path: '/market/matches' },
      { who: 'tech_manager', path: `/market/matches/${ids.match}` },
      { who: 'enterprise', path: `/market/matches/${ids.match}` },
      { who: 'institution', path: `/market/matches/${ids.match}` },
      { who: 'admin', path: '/orgs?kind=university&sort=-id' },
      { who: 'admin', path: `/orgs/${ids.entOrg}` },
      { who: 'admin', path: `/orgs/${ids.newOrg}` },
      { who: 'enterprise', path: `/orgs/${ids.entOrg}` },
      { who: 'admin', path: '/admin/users' },
      { who: 'admin', path: '/admin/qualification-types' },
      { who: 'admin', path: '/admin/audit', showsText: false },
      { who: 'official', path: '/account' },
      { who: 'admin', path: '/innovation-index', ready: 'index-histogram', hover: ['index-histogram', 'index-district-chart'], showsText: false },
      { who: 'admin', path: `/innovation-index/enterprise/${ids.entOrg}`, ready: 'index-radar', hover: ['index-radar'] },
      { who: 'enterprise', path: `/innovation-index/enterprise/${ids.entOrg}`, ready: 'index-radar', hover: ['index-radar'] },
      { who: 'finance', path: '/innovation-index/consents' },
      { who: 'finance', path: `/innovation-index/bank/${ids.entOrg}`, ready: 'index-bank-trend', hover: ['index-bank-trend'] },
    ];

    const failures: string[] = [];
    for (const v of visits) {
      const context = await contextOf(v.who);
      const page: Page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      try {
        await page.goto(suite.url + v.path);
        for (const c of v.click ?? []) await page.getByTestId(c).click();
        if (v.ready) await page.getByTestId(v.ready).first().waitFor({ timeout: 30_000 });
        await page.waitForLoadState('networkidle');
        // Lists load after the page (the market's index is built on first use): wait until a payload shows.
        const anyShown = async () => {
          const text = await page.locator('body').innerText();
          return (Object.values(P) as string[]).some((p) => text.includes(p));
        };
        if (v.showsText !== false) await expect.poll(anyShown, { timeout: 30_000 }).toBe(true);
        // The texts a page showed, tooltips included (ECharts puts its tooltip inside the chart's element).
        const body = await page.locator('body').innerText();
        const occurrences = (text: string, k: Shape) => text.split(P[k]).length - 1;
        // Renderings tried: every occurrence of a payload on the page, plus each payload seen in a chart's tooltips.
        let tried = (Object.keys(P) as Shape[]).reduce((n, k) => n + occurrences(body, k), 0);
        let seen = body;
        for (const chart of v.hover ?? []) {
          let tips = '';
          const el = page.getByTestId(chart).first();
          await el.locator('canvas').first().waitFor();
          const box = (await el.boundingBox())!;
          for (let i = 1; i <= 10; i++) {
            for (const fx of [0.35, 0.7]) {
              await page.mouse.move(box.x + box.width * fx, box.y + (box.height * i) / 11);
              tips += '\n' + (await el.innerText());
            }
          }
          const inTips = (Object.keys(P) as Shape[]).filter((k) => tips.includes(P[k])).length;
          if (v.tooltipShowsText && inTips === 0) failures.push(`${v.who ?? 'anonymous'} ${v.path}: the ${chart} tooltips showed no stored name`);
          tried += inTips;
          seen += tips;
        }
        const shown = (Object.keys(P) as Shape[]).filter((k) => seen.includes(P[k]));
        const state = await page.evaluate(() => {
          const w = window as unknown as { __evidence: string[]; __xss?: unknown };
          return { xss: w.__xss ?? null, evidence: w.__evidence, jsLinks: document.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i]').length };
        });
        const ran = state.xss !== null || dialogs.length > 0 || state.evidence.length > 0 || state.jsLinks > 0;
        tally.pages++;
        tally.tried += tried;
        if (ran) {
          tally.executed += Math.max(1, state.evidence.length + (state.xss !== null ? 1 : 0) + dialogs.length + state.jsLinks);
          failures.push(`${v.who ?? 'anonymous'} ${v.path}: __xss=${String(state.xss)} dialogs=${JSON.stringify(dialogs)} evidence=${JSON.stringify(state.evidence)} javascript: links=${state.jsLinks}`);
        }
        if (v.showsText !== false && shown.length === 0) failures.push(`${v.who ?? 'anonymous'} ${v.path}: no stored payload shown as text (the visit proves nothing)`);
        console.log(`${v.who ?? 'anonymous'} ${v.path}: ${tried} payload renderings (${shown.join(', ')})${ran ? ', RAN' : ''}`);
      } catch (e) {
        failures.push(`${v.who ?? 'anonymous'} ${v.path}: ${(e as Error).message.split('\n')[0]}`);
      } finally {
        await page.close();
      }
    }
    expect(failures).toEqual([]);
    expect(tally.executed).toBe(0);
    expect(tally.tried).toBeGreaterThan(visits.length);
  });
});
