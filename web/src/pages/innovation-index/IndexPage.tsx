/**
 * 科创指数 (/innovation-index/*): one page with a tab bar of sub-routes, each shown only to
 * the roles the server lets use it. Officials and administrators: 总览, 排名, 培育清单, 方法
 * (administrators edit it) and any enterprise's page; administrators also see every consent.
 * An enterprise: its own page and its consents. A financial institution: the consents granted
 * to it and, through them, the bank view. /innovation-index itself sends each role to its start.
 */
import { Result, Tabs } from 'antd';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader.js';
import { RoleGate } from '../../components/RoleGate.js';
import { useI18n } from '../../lib/i18n.js';
import type { MessageKey } from '../../lib/messages.js';
import { moduleByKey } from '../../lib/modules.js';
import { canEditIndexMethod, canSeeIndexConsents, canSeeIndexOffice } from '../../lib/permissions.js';
import { useMe } from '../../lib/session.js';
import type { Me } from '../../lib/types.js';
import NotFoundPage from '../NotFoundPage.js';
import { BankView } from './BankView.js';
import { Consents } from './Consents.js';
import { EnterpriseIndex } from './EnterpriseIndex.js';
import { MethodEditor } from './MethodEditor.js';
import { Overview } from './Overview.js';
import { INDEX_BASE } from './paths.js';
import { Ranking } from './Ranking.js';
import { Screening } from './Screening.js';
import { ChineseOnly } from '../../components/ChineseOnly.js';

interface IndexTab {
  key: string;
  path: string;
  label: MessageKey;
}

/** The tabs a user sees, in order. */
export function indexTabs(me: Me): IndexTab[] {
  const tabs: IndexTab[] = [];
  if (canSeeIndexOffice(me)) {
    tabs.push(
      { key: 'overview', path: `${INDEX_BASE}/overview`, label: 'index.tab.overview' },
      { key: 'ranking', path: `${INDEX_BASE}/ranking`, label: 'index.tab.ranking' },
      { key: 'screening', path: `${INDEX_BASE}/screening`, label: 'index.tab.screening' },
      { key: 'methods', path: `${INDEX_BASE}/methods`, label: canEditIndexMethod(me) ? 'index.tab.methods' : 'index.tab.methodsRead' },
    );
  }
  if (me.role === 'enterprise' && me.orgId !== null) tabs.push({ key: 'mine', path: `${INDEX_BASE}/enterprise/${me.orgId}`, label: 'index.tab.mine' });
  if (canSeeIndexConsents(me)) tabs.push({ key: 'consents', path: `${INDEX_BASE}/consents`, label: me.role === 'finance' ? 'index.tab.consentsFinance' : 'index.tab.consents' });
  return tabs;
}

/** Where /innovation-index leads each role. */
function Landing() {
  const me = useMe();
  const { t } = useI18n();
  if (canSeeIndexOffice(me)) return <Navigate to={`${INDEX_BASE}/overview`} replace />;
  if (me.role === 'enterprise' && me.orgId !== null) return <Navigate to={`${INDEX_BASE}/enterprise/${me.orgId}`} replace />;
  if (me.role === 'finance') return <Navigate to={`${INDEX_BASE}/consents`} replace />;
  return <Result status="info" title={t('index.noOrg')} />;
}

const OFFICE = ['admin', 'official'] as const;

export default function IndexPage() {
  const { t, pick } = useI18n();
  const me = useMe();
  const mod = moduleByKey('index');
  const location = useLocation();
  const navigate = useNavigate();
  const tabs = indexTabs(me);
  const here = location.pathname;
  // An enterprise's page belongs to the ranking (for officials), the bank view to the consents.
  const active =
    tabs.find((x) => here === x.path || here.startsWith(`${x.path}/`))?.key ??
    (here.startsWith(`${INDEX_BASE}/enterprise/`) && canSeeIndexOffice(me) ? 'ranking' : here.startsWith(`${INDEX_BASE}/bank/`) ? 'consents' : undefined);

  return (
    <>
      <PageHeader title={pick(mod.label)} subtitle={pick(mod.description)} />
      <ChineseOnly />
      {tabs.length > 1 ? (
        <Tabs
          activeKey={active ?? ''}
          onChange={(key) => {
            const tab = tabs.find((x) => x.key === key);
            if (tab) void navigate(tab.path);
          }}
          items={tabs.map((x) => ({ key: x.key, label: <span data-testid={`index-tab-${x.key}`}>{t(x.label)}</span> }))}
          style={{ marginBottom: 8 }}
        />
      ) : null}
      <Routes>
        <Route index element={<Landing />} />
        <Route path="overview" element={<RoleGate roles={OFFICE}><Overview /></RoleGate>} />
        <Route path="ranking" element={<RoleGate roles={OFFICE}><Ranking /></RoleGate>} />
        <Route path="screening" element={<RoleGate roles={OFFICE}><Screening /></RoleGate>} />
        <Route path="methods" element={<RoleGate roles={OFFICE}><MethodEditor /></RoleGate>} />
        <Route path="enterprise/:orgId" element={<RoleGate roles={['admin', 'official', 'enterprise']}><EnterpriseIndex /></RoleGate>} />
        <Route path="consents" element={<RoleGate roles={['enterprise', 'finance', 'admin']}><Consents /></RoleGate>} />
        <Route path="bank/:orgId" element={<RoleGate roles={['finance']}><BankView /></RoleGate>} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </>
  );
}
