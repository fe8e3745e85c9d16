/**
 * Every role's pages on a phone (390×844) and on a desktop (1440×1000), issue #13 items 7 and 14.
 * The pages come from the module table the menu and the routes are built from (web/src/lib/modules.ts),
 * plus each role's 科创指数 and 政策库 tabs and the first detail page each list links to. On a phone
 * the page never scrolls sideways and the sign-out button is inside the screen; at both widths no
 * table is cut by a container that hides its overflow (a wide table scrolls inside its own box).
 * The public 公示 page is checked signed out. One browser, one sign-in per role, pages in a loop.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/shared/enums.js';
import { MODULES, canUse } from '../../web/src/lib/modules.js';
import { browserSuite, chromiumPath, SHOTS } from '../helpers/browser.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 1000 };

/** The demo account of each role (README). */
const USERS: Array<{ username: string; role: Role }> = [
  { username: 'admin', role: 'admin' },
  { username: 'official', role: 'official' },
  { username: 'enterprise', role: 'enterprise' },
  { username: 'institution', role: 'institution' },
  { username: 'expert', role: 'expert' },
  { username: 'tech_manager', role: 'tech_manager' },
  { username: 'commissioner', role: 'commissioner' },
  { username: 'finance', role: 'finance' },
];

/** Tabs kept in the URL that are pages of their own for the role. */
function extraPages(role: Role): string[] {
  const pages: string[] = [];
  if (role === 'admin' || role === 'official') {
    pages.push('/innovation-index/overview', '/innovation-index/ranking', '/innovation-index/screening', '/innovation-index/methods');
    pages.push('/policy?tab=batch', '/policy?tab=whatif');
  }
  if (role === 'admin') pages.push('/policy?tab=editor');
  if (role === 'enterprise') pages.push('/innovation-index', '/policy?tab=calculator', '/policy?tab=benefits', '/funding/applications/new');
  if (role === 'enterprise' || role === 'finance' || role === 'admin') pages.push('/innovation-index/consents');
  return pages;
}

/** The role's menu pages (built modules and their sub-pages) and its extra tabs. */
function pagesOf(role: Role): string[] {
  const paths = MODULES.filter((m) => m.available && canUse(m.roles, role)).flatMap((m) => [
    m.path,
    ...(m.children ?? []).filter((c) => canUse(c.roles, role)).map((c) => c.path),
  ]);
  return [...new Set([...paths, ...extraPages(role)])];
}

/** Lists whose first detail page is also checked (once per role). */
const DETAIL = /^\/(orgs|funding\/applications|funding\/budgets|market\/(achievements|demands|matches))\/\d+$/;

/** Waits until the page has loaded its data: no spinner, no skeleton. */
async function settle(page: Page) {
  await page.waitForTimeout(250);
  await expect
    .poll(async () => page.locator('.ant-spin-spinning:visible, .ant-skeleton-active:visible').count(), { timeout: 20_000 })
    .toBe(0);
}

/** Horizontal overflow of the document (0 = none). */
const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The innermost elements reaching past the right edge of the window (to say what widens the page). */
const widest = (page: Page) =>
  page.evaluate(() => {
    const past = (el: Element) => el.getBoundingClientRect().right > window.innerWidth + 1;
    const found: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (!past(el) || Array.from(el.children).some(past)) continue;
      const cls = typeof el.className === 'string' ? el.className.split(' ').slice(0, 2).join('.') : '';
      found.push(`${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}[${Math.round(el.getBoundingClientRect().right)}]`);
      if (found.length >= 4) break;
    }
    return found.join(' ');
  });

/** Tables cut by an ancestor that hides its overflow (each as a short description), and tables wider than the window. */
const clippedTables = (page: Page) =>
  page.evaluate(() => {
    const found: string[] = [];
    for (const table of Array.from(document.querySelectorAll('table'))) {
      const box = table.getBoundingClientRect();
      if (box.width === 0) continue;
      let scrollsInside = false;
      for (let el = table.parentElement; el && el !== document.body; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (style.overflowX === 'auto' || style.overflowX === 'scroll') {
          scrollsInside = true; // the table scrolls inside this box
          break;
        }
        if (style.overflowX === 'hidden' || style.overflowX === 'clip') {
          if (table.scrollWidth > el.clientWidth + 1 || box.right > el.getBoundingClientRect().right + 1) {
            found.push(`${el.className || el.tagName}: table ${Math.round(box.width)} px in ${el.clientWidth} px`);
          }
          break;
        }
      }
      if (!scrollsInside && box.right > window.innerWidth + 1) found.push(`table reaches ${Math.round(box.right)} px of ${window.innerWidth}`);
    }
    return found;
  });

/** Where the sign-out button is, relative to the screen. */
const logoutInView = (page: Page) =>
  page.getByTestId('logout').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth + 1 && r.top >= 0 && r.bottom <= window.innerHeight;
  });

/** The page title starts below the header (does not sit under it). */
const titleBelowHeader = (page: Page) =>
  page.evaluate(() => {
    const header = document.querySelector('.ant-layout-header');
    const title = document.querySelector('.ant-layout-content h1, .ant-layout-content h2, .ant-layout-content h3, .ant-layout-content h4');
    if (!header || !title) return true;
    return title.getBoundingClientRect().top >= header.getBoundingClientRect().bottom - 1;
  });

describe.skipIf(!chromiumPath)('browser: every page fits a phone and no table is cut on a desktop', () => {
  const suite = browserSuite();

  it('the public 公示 page fits a phone, signed out', async () => {
    const page = await suite.browser.newPage({ locale: 'zh-CN', viewport: PHONE });
    for (const p of ['/public/publicity', '/public/tasks']) {
      await page.goto(suite.url + p);
      await page.getByTestId('public-layout').waitFor();
      await settle(page);
      expect(await pageOverflow(page), p).toBeLessThanOrEqual(1);
      expect(await clippedTables(page), p).toEqual([]);
      const login = page.getByTestId('public-login');
      const box = await login.boundingBox();
      expect(box, p).not.toBeNull();
      expect(box!.x + box!.width, p).toBeLessThanOrEqual(PHONE.width + 1);
      expect(box!.x, p).toBeGreaterThanOrEqual(0);
    }
    await page.screenshot({ path: path.join(SHOTS, 'public-publicity-390.png'), fullPage: true });
    await page.close();
  });

  it('on a phone the menu opens from ☰ and closes once a page is chosen', async () => {
    const page = await suite.signIn('enterprise', PHONE);
    expect(await page.getByTestId('main-menu').count()).toBe(0); // no sider eating the phone's width
    await page.getByTestId('menu-toggle').click();
    const menu = page.getByTestId('main-menu');
    await menu.waitFor();
    await menu.getByText('政策库与计算器', { exact: true }).click();
    await page.waitForURL(/\/policy$/);
    await expect.poll(async () => page.getByTestId('main-menu').isVisible(), { timeout: 10_000 }).toBe(false);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(1);
    await page.close();
  });

  it('in English, pages with generated Chinese text say it is Chinese only; in Chinese they do not', async () => {
    const page = await suite.signIn('enterprise', DESKTOP);
    await page.goto(suite.url + '/policy');
    await page.getByTestId('policy-items').waitFor();
    expect(await page.getByTestId('chinese-only').count()).toBe(0);
    await page.getByTestId('lang-toggle').click();
    await page.getByTestId('chinese-only').waitFor();
    for (const p of ['/innovation-index', '/funding/applications']) {
      await page.goto(suite.url + p);
      await page.getByTestId('chinese-only').waitFor();
      expect(await page.getByTestId('chinese-only').innerText()).toContain('此内容仅提供中文 / Chinese only');
    }
    await page.close();
  });

  /** Pages already checked at 1440 px by an earlier role: a desktop table is as wide for every role. */
  const desktopDone = new Set<string>();

  for (const { username, role } of USERS) {
    it(`${username}: every page at 390 px and at 1440 px`, { timeout: 600_000 }, async () => {
      const page = await suite.signIn(username, PHONE);
      const problems: string[] = [];
      const details = new Set<string>();
      const pages = pagesOf(role);
      for (const viewport of [PHONE, DESKTOP]) {
        await page.setViewportSize(viewport);
        // On the phone the detail pages found on the way are visited too; on the desktop those not checked yet.
        const visit = viewport === PHONE ? [...pages] : [...pages, ...details].filter((p) => p === '/' || !desktopDone.has(p));
        if (viewport === DESKTOP) visit.forEach((p) => desktopDone.add(p));
        for (let i = 0; i < visit.length; i++) {
          const p = visit[i]!;
          const before = problems.length;
          await page.goto(suite.url + p);
          await page.getByTestId('logout').waitFor();
          await settle(page);
          const where = `${viewport.width} px ${p}`;
          const over = await pageOverflow(page);
          if (over > 1) problems.push(`${where}: the page is ${over} px wider than the screen (${await widest(page)})`);
          if (viewport === PHONE) {
            if (!(await logoutInView(page))) problems.push(`${where}: the sign-out button is not inside the screen`);
            if (!(await titleBelowHeader(page))) problems.push(`${where}: the header covers the title`);
          }
          for (const c of await clippedTables(page)) problems.push(`${where}: ${c}`);
          if (problems.length > before) {
            console.log(`[${username}] ${problems.slice(before).join('\n')}`);
            await page.screenshot({ path: path.join(SHOTS, `fit-${username}-${viewport.width}-${p.replace(/[^a-z0-9]+/gi, '_')}.png`), fullPage: true });
          }
          if (viewport === PHONE && details.size < 8) {
            const links = await page.locator('.ant-layout-content a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
            for (const href of links) {
              const m = DETAIL.exec(href);
              if (!m || [...details].some((d) => d.startsWith(`/${m[1]}/`))) continue;
              details.add(href);
              visit.push(href);
            }
          }
        }
      }
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});
