/**
 * What the UI offers to whom. The server decides for real; these only keep
 * buttons away from people who would get a 403 for pressing them.
 */
import type { Me, OrgDetail } from './types.js';

export function isOwnOrg(me: Me, org: Pick<OrgDetail, 'id'>): boolean {
  return me.orgId !== null && me.orgId === org.id;
}

/** Basic data (PATCH /api/orgs/:id): administrators, and enterprise / institution / finance users of the organisation itself. */
export function canEditOrg(me: Me, org: Pick<OrgDetail, 'id'>): boolean {
  if (me.role === 'admin') return true;
  return (me.role === 'enterprise' || me.role === 'institution' || me.role === 'finance') && isOwnOrg(me, org);
}

/** Yearly figures (PUT /api/orgs/:id/figures/:year): administrators and the enterprise's own users. */
export function canEditFigures(me: Me, org: Pick<OrgDetail, 'id' | 'kind'>): boolean {
  return me.role === 'admin' || (me.role === 'enterprise' && isOwnOrg(me, org));
}

/** Confirming an enterprise's self-declared year (POST /api/orgs/:id/figures/:year/verify): administrators and department officials. */
export function canVerifyFigures(me: Me): boolean {
  return me.role === 'admin' || me.role === 'official';
}

/** Qualifications (POST/DELETE): administrators and department officials. */
export function canManageQualifications(me: Me): boolean {
  return me.role === 'admin' || me.role === 'official';
}

/** The policy rule editor (POST /api/policy/items and /check): administrators. */
export function canEditRules(me: Me): boolean {
  return me.role === 'admin';
}

/** 免申即享 runs and what-if (POST /api/policy/runs, /api/policy/whatif): administrators and department officials. */
export function canRunBenefits(me: Me): boolean {
  return me.role === 'admin' || me.role === 'official';
}

/** An enterprise's 免申即享 results (GET /api/policy/benefits/:orgId): the enterprise itself, administrators and officials. */
export function canSeeBenefits(me: Me): boolean {
  return me.role === 'enterprise' || canRunBenefits(me);
}

/** 科创指数 overview, ranking, runs and screening lists (/api/index/overview, /scores, /runs, /screening): administrators and officials. */
export function canSeeIndexOffice(me: Me): boolean {
  return me.role === 'admin' || me.role === 'official';
}

/** The 科创指数 method: officials read its versions, administrators preview and save new ones (POST /api/index/methods[/preview]). */
export function canEditIndexMethod(me: Me): boolean {
  return me.role === 'admin';
}

/** An enterprise's 科创指数 page (GET /api/index/scores/:orgId): administrators, officials, and the enterprise's own users. */
export function canSeeEnterpriseIndex(me: Me, orgId: number): boolean {
  return canSeeIndexOffice(me) || (me.role === 'enterprise' && me.orgId === orgId);
}

/** 科创指数 consents (GET /api/index/consents): enterprises (their grants), financial institutions (grants to them), administrators (all). */
export function canSeeIndexConsents(me: Me): boolean {
  return me.role === 'enterprise' || me.role === 'finance' || me.role === 'admin';
}

/** 发布成果 (POST /api/market/achievements): institution users for their own university or institute; administrators name the owner. */
export function canPublishAchievement(me: Me): boolean {
  return me.role === 'admin' || (me.role === 'institution' && me.orgId !== null);
}

/** 发布需求 (POST /api/market/demands): enterprise users, for their own enterprise. */
export function canPublishDemand(me: Me): boolean {
  return me.role === 'enterprise' && me.orgId !== null;
}

/** Every match on the board (GET /api/market/matches): administrators, officials, technology managers and commissioners; the parties see theirs. */
export function canSeeAllMatches(me: Me): boolean {
  return me.role === 'admin' || me.role === 'official' || me.role === 'tech_manager' || me.role === 'commissioner';
}

/** A party of a match: the demand's enterprise or the achievement's owner (only they may 拒绝). */
export function isMatchParty(me: Me, m: { demandOrgId: number; achievementOrgId: number }): boolean {
  return me.orgId !== null && (me.orgId === m.demandOrgId || me.orgId === m.achievementOrgId);
}

/** The 整理 view of the 技术攻关清单 (GET /api/market/tasks/all): administrators and officials. */
export function canSeeTaskDrafts(me: Me): boolean {
  return me.role === 'admin' || me.role === 'official';
}

/** 新建条目 (POST /api/market/tasks): officials of a department (administrators may publish and withdraw, not create). */
export function canCreateTask(me: Me): boolean {
  return me.role === 'official' && me.departmentCode !== null;
}

/**
 * 发布 / 撤回 an entry (POST /api/market/tasks/:id/publish|withdraw): administrators, and officials of the
 * department that curated it. The list names the department, not its code, so the name is compared.
 */
export function canPublishTask(me: Me, task: { department: string }): boolean {
  return me.role === 'admin' || (me.role === 'official' && me.departmentName !== null && me.departmentName === task.department);
}
