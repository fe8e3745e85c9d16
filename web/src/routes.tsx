/**
 * Routes, generated from the module table: built modules get their pages,
 * the rest an honest "coming soon"; every route checks the module's roles.
 * Pages are lazy-loaded so each is its own chunk.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { Route } from 'react-router-dom';
import { RoleGate } from './components/RoleGate.js';
import { MODULES, type ModuleKey } from './lib/modules.js';

const HomePage = lazy(() => import('./pages/home/HomePage.js'));
const OrgListPage = lazy(() => import('./pages/orgs/OrgListPage.js'));
const OrgDetailPage = lazy(() => import('./pages/orgs/OrgDetailPage.js'));
const PolicyPage = lazy(() => import('./pages/policy/PolicyPage.js'));
const IndexPage = lazy(() => import('./pages/innovation-index/IndexPage.js'));
const MarketPage = lazy(() => import('./pages/market/MarketPage.js'));
const FundingPage = lazy(() => import('./pages/funding/FundingPage.js'));
const UsersPage = lazy(() => import('./pages/admin/users/UsersPage.js'));
const QualificationTypesPage = lazy(() => import('./pages/admin/qualification-types/QualificationTypesPage.js'));
const CalendarPage = lazy(() => import('./pages/admin/calendar/CalendarPage.js'));
const JobsPage = lazy(() => import('./pages/admin/jobs/JobsPage.js'));
const RankerPage = lazy(() => import('./pages/admin/ranker/RankerPage.js'));
const AuditPage = lazy(() => import('./pages/admin/audit/AuditPage.js'));
const AccountPage = lazy(() => import('./pages/account/AccountPage.js'));
const ComingSoonPage = lazy(() => import('./pages/coming-soon/ComingSoonPage.js'));
export const LoginPage = lazy(() => import('./pages/login/LoginPage.js'));
/** Pages anyone may read without signing in (/public/*). */
export const PublicPublicityPage = lazy(() => import('./pages/funding/PublicityList.js'));
export const PublicTasksPage = lazy(() => import('./pages/market/Tasks.js'));
export const NotFoundPage = lazy(() => import('./pages/NotFoundPage.js'));

type Page = LazyExoticComponent<ComponentType>;
/** Built modules and their pages (extra sub-routes listed with the module). */
const BUILT: Partial<Record<ModuleKey, Array<{ path: string; page: Page }>>> = {
  home: [{ path: '/', page: HomePage }],
  orgs: [
    { path: '/orgs', page: OrgListPage },
    { path: '/orgs/:id', page: OrgDetailPage },
  ],
  policy: [{ path: '/policy', page: PolicyPage }],
  // 总览, 排名, 培育清单, 方法, 授权, an enterprise's page and the bank view: sub-routes inside the page.
  index: [{ path: '/innovation-index/*', page: IndexPage }],
  // 科技成果, 技术需求, 对接进程, 技术攻关清单 and their detail pages: sub-routes inside the page, each gated by its sub-entry's roles.
  market: [{ path: '/market/*', page: MarketPage }],
  // 申报 (list, detail, new) and 预算 (table, ledger): sub-routes inside the page, each gated by its sub-entry's roles.
  funding: [{ path: '/funding/*', page: FundingPage }],
  users: [{ path: '/admin/users', page: UsersPage }],
  qualtypes: [{ path: '/admin/qualification-types', page: QualificationTypesPage }],
  calendar: [{ path: '/admin/calendar', page: CalendarPage }],
  jobs: [{ path: '/admin/jobs', page: JobsPage }],
  ranker: [{ path: '/admin/ranker', page: RankerPage }],
  audit: [{ path: '/admin/audit', page: AuditPage }],
  account: [{ path: '/account', page: AccountPage }],
};

/** The children of the signed-in layout route. */
export function moduleRoutes() {
  return MODULES.flatMap((m) => {
    const built = BUILT[m.key];
    if (m.available && built) {
      return built.map(({ path, page: Page }) => (
        <Route
          key={path}
          path={path}
          element={
            <RoleGate roles={m.roles}>
              <Page />
            </RoleGate>
          }
        />
      ));
    }
    return [
      <Route
        key={m.path}
        path={m.path}
        element={
          <RoleGate roles={m.roles}>
            <ComingSoonPage module={m.key} />
          </RoleGate>
        }
      />,
      ...(m.children ?? []).map((c) => (
        <Route
          key={c.path}
          path={c.path}
          element={
            <RoleGate roles={c.roles}>
              <ComingSoonPage module={m.key} sub={c.key} />
            </RoleGate>
          }
        />
      )),
    ];
  });
}
