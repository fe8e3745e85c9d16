/**
 * 申报与兑现 (/funding/*): 申报 (the list each role is shown, 新建申报, an application's page), 预算
 * (budgets, a budget's ledger) and 公示 (every role: approvals under notice, objections), as sub-routes
 * gated by the roles of their entry in the module table.
 * /funding leads to the first part the role may use.
 */
import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { RoleGate } from '../../components/RoleGate.js';
import { canUse, moduleByKey } from '../../lib/modules.js';
import { useMe } from '../../lib/session.js';
import NotFoundPage from '../NotFoundPage.js';
import { ApplicationDetail } from './ApplicationDetail.js';
import { ApplicationList } from './ApplicationList.js';
import { BudgetLedgerPage, Budgets } from './Budgets.js';
import { PublicityList } from './PublicityList.js';
import { ChineseOnly } from '../../components/ChineseOnly.js';

const funding = moduleByKey('funding');
function rolesOf(key: string) {
  return funding.children?.find((c) => c.key === key)?.roles ?? funding.roles;
}

function Landing() {
  const me = useMe();
  const first = funding.children?.find((c) => canUse(c.roles, me.role));
  return <Navigate to={first?.path ?? '/'} replace />;
}

export default function FundingPage() {
  const gate = (key: string, page: ReactNode) => <RoleGate roles={rolesOf(key)}>{page}</RoleGate>;
  return (
    <>
      <ChineseOnly />
      <Routes>
        <Route index element={<Landing />} />
        <Route path="applications" element={gate('applications', <ApplicationList />)} />
        <Route path="applications/new" element={<RoleGate roles={['enterprise']}>{<ApplicationList creating />}</RoleGate>} />
        <Route path="applications/:id" element={gate('applications', <ApplicationDetail />)} />
        <Route path="budgets" element={gate('budgets', <Budgets />)} />
        <Route path="budgets/:id" element={gate('budgets', <BudgetLedgerPage />)} />
        <Route path="publicity" element={gate('publicity', <PublicityList />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </>
  );
}
