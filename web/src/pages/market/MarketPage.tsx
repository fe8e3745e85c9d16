/**
 * 成果与需求 (/market/*): 科技成果, 技术需求, 对接进程, 专家库 (我的专家档案 for experts) and
 * 技术攻关清单, each with its detail pages, as sub-routes gated by the roles of their entry in the
 * module table. The menu lists the parts a role may use; /market itself leads to the first of them.
 */
import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { RoleGate } from '../../components/RoleGate.js';
import { canUse, moduleByKey } from '../../lib/modules.js';
import { useMe } from '../../lib/session.js';
import NotFoundPage from '../NotFoundPage.js';
import { AchievementDetail } from './AchievementDetail.js';
import { AchievementSearch } from './AchievementSearch.js';
import { DemandDetail } from './DemandDetail.js';
import { DemandSearch } from './DemandSearch.js';
import { ExpertLibrary, MyExpertProfile } from './Experts.js';
import { MatchDetailPage } from './MatchDetail.js';
import { PipelineBoard } from './PipelineBoard.js';
import { Tasks } from './Tasks.js';

const market = moduleByKey('market');
function rolesOf(key: string) {
  return market.children?.find((c) => c.key === key)?.roles ?? market.roles;
}

function Landing() {
  const me = useMe();
  const first = market.children?.find((c) => canUse(c.roles, me.role));
  return <Navigate to={first?.path ?? '/'} replace />;
}

export default function MarketPage() {
  const gate = (key: string, page: ReactNode) => <RoleGate roles={rolesOf(key)}>{page}</RoleGate>;
  return (
    <Routes>
      <Route index element={<Landing />} />
      <Route path="achievements" element={gate('achievements', <AchievementSearch />)} />
      <Route path="achievements/:id" element={gate('achievements', <AchievementDetail />)} />
      <Route path="demands" element={gate('demands', <DemandSearch />)} />
      <Route path="demands/:id" element={gate('demands', <DemandDetail />)} />
      <Route path="matches" element={gate('matches', <PipelineBoard />)} />
      <Route path="matches/:id" element={gate('matches', <MatchDetailPage />)} />
      <Route path="experts" element={gate('experts', <ExpertLibrary />)} />
      <Route path="experts/me" element={gate('expertProfile', <MyExpertProfile />)} />
      <Route path="tasks" element={gate('tasks', <Tasks />)} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
