/**
 * The to-do inbox (GET /api/todo): for the signed-in user's role, what waits for them, counted from live data
 * (repository.ts), each entry with the web page to act on it — the piece of work itself when there is one, else the
 * filtered list. Only entries with something to do are returned; acting on the work makes its count drop.
 *
 *   official     初审 (my department not yet signed), 指派专家 / 结束评审, 审批 (those I may approve), 拨付,
 *                公示期满待结束, items with applications and no budget for the year, 科创指数 grades flagged for
 *                human review (departments of items that decide on the grade)
 *   expert       reviews assigned to me to score
 *   enterprise   免申即享 offers to confirm, applications returned for changes, drafts, matches to answer
 *   institution  the same applications as an enterprise (it applies for institutions' items); matches to answer, overdue 对接 steps
 *   admin        departments responsible for items in force with no official account; rule proposals to check;
 *                this or next year's working-day calendar unknown; scheduled jobs that failed in the last 7 days
 */
import type { Kysely } from 'kysely';
import type { AuthUser } from '../auth/access.js';
import type { DB } from '../platform/db/schema.js';
import { suzhouDay, suzhouYear } from '../platform/clock.js';
import { unknownYears } from '../reference/calendar.js';
import { listDepartments } from '../reference/repository.js';
import { queueInstalled } from '../schedule/repository.js';
import { itemsInForce } from '../policy/service.js';
import { latestVersions } from '../policy/repository.js';
import type { TodoEntry, TodoKind, TodoList } from '../shared/todo.js';
import * as repo from './repository.js';
import { factsUsed } from '../policy/engine/channel.js';
import { pendingReviewCount } from '../index/review-service.js';

const APPS = '/funding/applications';
const appLink = (c: repo.Counted, state: string) => (c.n === 1 && c.first !== null ? `${APPS}/${c.first}` : `${APPS}?state=${state}`);
const matchLink = (c: repo.Counted, q: string) => (c.n === 1 && c.first !== null ? `/market/matches/${c.first}` : `/market/matches?${q}`);

function entry(kind: TodoKind, title: string, c: repo.Counted | number, link: string, severity?: TodoEntry['severity']): TodoEntry | null {
  const n = typeof c === 'number' ? c : c.n;
  if (n <= 0) return null;
  return severity ? { kind, title, count: n, link, severity } : { kind, title, count: n, link };
}

const withSubjects = (e: TodoEntry | null, subjects: string[]): TodoEntry | null => (e ? { ...e, subjects } : null);

async function official(db: Kysely<DB>, user: AuthUser): Promise<(TodoEntry | null)[]> {
  const dept = user.departmentCode;
  if (!dept) return [];
  // Every item's newest version, repealed or expired too (as the application list): their applications still need work.
  const versions = (await latestVersions(db)).filter((v) => v.item.departments.includes(dept));
  const mine = versions.map((v) => v.item.id);
  if (mine.length === 0) return [];
  // Grades flagged for human review wait for the departments whose items decide on the grade (科创指数惠).
  const decidesOnGrade = versions.some((v) => factsUsed(v.item).includes('innovationGrade'));
  const today = suzhouDay();
  const [pre, assign, finish, approve, pay, ended, unfunded] = await Promise.all([
    repo.preReviews(db, mine, dept),
    repo.toAssign(db, mine),
    repo.toFinish(db, mine),
    repo.approvals(db, mine, user.id),
    repo.payable(db, mine),
    repo.endedPublicity(db, mine, today),
    repo.itemsWithoutBudget(db, mine),
  ]);
  const toReview = decidesOnGrade ? await pendingReviewCount(db) : 0;
  return [
    entry('pre_review', '待本部门初审的申报', pre, appLink(pre, 'pre_review')),
    entry('assign_expert', '待指派评审专家的申报', assign, appLink(assign, 'expert_review')),
    entry('finish_review', '专家已评完、待结束评审的申报', finish, appLink(finish, 'expert_review')),
    entry('approve', '待我审批的申报', approve, appLink(approve, 'approval')),
    entry('pay', '待拨付的申报', pay, appLink(pay, 'payable')),
    entry('end_publicity', '公示期已满、待结束公示的申报', ended, appLink(ended, 'publicity'), 'warning'),
    entry('no_budget', '有申请但未设本年度预算的事项', unfunded, '/funding/budgets', 'warning'),
    entry('index_review', '科创指数待人工复核的等级', toReview, '/innovation-index/ranking?review=pending'),
  ];
}

async function expert(db: Kysely<DB>, user: AuthUser) {
  const c = await repo.toScore(db, user.id);
  return [entry('score', '待我评分的申报', c, appLink(c, 'expert_review'))];
}

async function organisation(db: Kysely<DB>, user: AuthUser) {
  if (!user.orgId) return [];
  const now = new Date();
  const [offers, returned, drafts, recommended, overdue] = await Promise.all([
    // Institutions apply too (items whose applicants include them), with the same lifecycle.
    repo.orgApplications(db, user.orgId, 'offered'),
    repo.orgApplications(db, user.orgId, 'returned'),
    repo.orgApplications(db, user.orgId, 'draft'),
    repo.orgMatches(db, user.orgId, 'recommended', now),
    repo.orgMatches(db, user.orgId, 'overdue', now),
  ]);
  return [
    offers && entry('confirm_offer', '免申即享：待确认并填写收款账户', offers, appLink(offers, 'offered')),
    returned && entry('returned', '被退回、待补充材料后重新提交的申报', returned, appLink(returned, 'returned'), 'warning'),
    drafts && entry('draft', '尚未提交的申报草稿', drafts, appLink(drafts, 'draft')),
    entry('match_recommended', user.role === 'enterprise' ? '新推荐的成果对接，待回应' : '新推荐的需求对接，待回应', recommended, matchLink(recommended, 'stage=recommended')),
    entry('match_overdue', '对接进程已逾期、待推进', overdue, matchLink(overdue, 'overdue=true'), 'warning'),
  ];
}

async function admin(db: Kysely<DB>, user: AuthUser) {
  const owners = [...new Set((await itemsInForce(db)).flatMap((v) => v.item.departments))].sort();
  const year = suzhouYear();
  const [missing, names, proposals, unknown, failed] = await Promise.all([
    repo.departmentsWithoutAccount(db, owners),
    listDepartments(db).then((ds) => new Map(ds.map((d) => [d.code, d.name]))),
    repo.pendingProposals(db, user.id),
    unknownYears(db, [year, year + 1]),
    (await queueInstalled(db)) ? repo.failedJobs(db, 7) : Promise.resolve(0),
  ]);
  return [
    // Named (the first three), and the link opens 新建用户 for the first of them with its department chosen.
    withSubjects(
      entry('department_without_account', '负责支持事项但没有工作人员账号的部门', missing.length, `/admin/users?create=official&department=${encodeURIComponent(missing[0] ?? '')}`, 'warning'),
      missing.slice(0, 3).map((c) => names.get(c) ?? c),
    ),
    entry('rule_proposal', '待我审核的规则修订提案', proposals, '/policy?tab=editor'),
    // A year neither an administrator nor the State Council's data has: 公示 there would skip weekends only.
    ...unknown.map((y) => entry('calendar_missing', `${y} 年工作日历尚未录入（国务院办公厅放假安排未收录），公示期只跳过周末`, 1, `/admin/calendar?year=${y}`, y === year ? 'danger' : 'warning')),
    entry('job_failed', '近 7 天运行失败的后台任务', failed, '/admin/jobs', 'danger'),
  ];
}

export async function todoOf(db: Kysely<DB>, user: AuthUser): Promise<TodoList> {
  let entries: (TodoEntry | null)[] = [];
  if (user.role === 'official') entries = await official(db, user);
  else if (user.role === 'expert') entries = await expert(db, user);
  else if (user.role === 'enterprise' || user.role === 'institution') entries = await organisation(db, user);
  else if (user.role === 'admin') entries = await admin(db, user);
  return { entries: entries.filter((e): e is TodoEntry => e !== null) };
}
