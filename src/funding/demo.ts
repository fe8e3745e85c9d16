/**
 * The demo city's money (npm start): a budget for the current year for every item in force, kept by
 * the item's first responsible department, its amount planned from the item's own rule
 * (engine/budget-plan.ts: the most one award can be × the awards expected in a year), so no
 * application meets a missing budget at approval; and three 科技局
 * applications for 创新联合体运营经费 (measure 7) taken through the real service calls, so every rule is checked on the way:
 *
 *   - one awaiting its second approval (150万元 is above the dual-approval threshold): `official`
 *     (科技局, 经办) signed the pre-review, `approver` approved, `approver2` has still to — three
 *     科技局 officials, because whoever signed the pre-review may not approve;
 *   - one whose 公示 has ended: approved by both, then moved back in time as a whole (its events,
 *     reviews, approvals, reserve and 公示 dates, by the same number of days) so an official can end
 *     the 公示 and pay it today. The audit log keeps the true time of the seeding;
 *   - one under 公示 now (80万元, one approval), shown on the public 公示 page.
 *
 * Nothing here is a shortcut around the rules: a demo city whose users differ (no second official,
 * no expert profile) gets no applications rather than applications no one could have approved.
 */
import { addAttachment } from './attachments.js';
import { latestVersionOf } from '../policy/repository.js';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../audit/audit.js';
import type { AuthUser } from '../auth/access.js';
import type { Role } from '../shared/enums.js';
import type { DB } from '../platform/db/schema.js';
import { publicityWindow } from '../reference/calendar.js';
import { act, createApplication, suzhouDay, type FundingRules } from './applications.js';
import { createBudget } from './budgets.js';
import { budgetPlan } from './engine/budget-plan.js';
import { itemsInForce } from '../policy/service.js';

const ITEM = 'm7.consortium';
const WAN = 1_000_000; // 分 in 1万元

async function userOf(db: Kysely<DB>, username: string): Promise<AuthUser | null> {
  const r = await db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'org_id', 'department_code']).where('username', '=', username).executeTakeFirst();
  return r ? { id: r.id, username: r.username, displayName: r.display_name, role: r.role as Role, orgId: r.org_id, departmentCode: r.department_code } : null;
}

/** Moves an application's whole history `days` back, and its 公示 to the window an approval that day would have had. */
async function moveBack(db: Kysely<DB>, id: number, days: number, rules: FundingRules): Promise<void> {
  const shift = sql<Date>`interval '1 day' * ${days}`;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('applications').set({ created_at: sql`created_at - ${shift}`, updated_at: sql`updated_at - ${shift}`, submitted_at: sql`submitted_at - ${shift}` }).where('id', '=', id).execute();
    await trx.updateTable('application_events').set({ at: sql`at - ${shift}` }).where('application_id', '=', id).execute();
    await trx.updateTable('application_signoffs').set({ at: sql`at - ${shift}` }).where('application_id', '=', id).execute();
    await trx.updateTable('expert_reviews').set({ assigned_at: sql`assigned_at - ${shift}`, scored_at: sql`scored_at - ${shift}` }).where('application_id', '=', id).execute();
    await trx.updateTable('application_approvals').set({ at: sql`at - ${shift}` }).where('application_id', '=', id).execute();
    await trx.updateTable('ledger_movements').set({ at: sql`at - ${shift}` }).where('application_id', '=', id).execute();
    const approvedOn = new Date(Date.parse(suzhouDay()) - days * 86_400_000).toISOString().slice(0, 10);
    const pub = await publicityWindow(trx, approvedOn, rules.FUNDING_PUBLICITY_DAYS);
    await trx.updateTable('applications').set({ publicity_from: pub.from, publicity_to: pub.to }).where('id', '=', id).execute();
  });
}

/** A minimal PDF standing in for a scanned document in the demo. */
const DEMO_PDF = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'));

export interface FundingDemoResult {
  budgets: number;
  applications: number;
}

export async function seedFundingDemo(db: Kysely<DB>, actor: Actor, rules: FundingRules): Promise<FundingDemoResult> {
  const [admin, official, approver, approver2, expert, ent1, ent2] = await Promise.all(['admin', 'official', 'approver', 'approver2', 'expert', 'enterprise', 'enterprise2'].map((u) => userOf(db, u)));
  if (!admin || !official || !approver || !approver2 || !expert || !ent1 || !ent2) return { budgets: 0, applications: 0 };
  const profile = await db.selectFrom('expert_profiles').select('id').where('user_id', '=', expert.id).executeTakeFirst();
  if (!profile) return { budgets: 0, applications: 0 };
  const year = Number(suzhouDay().slice(0, 4));
  const budgets = await seedBudgets(db, actor, admin, year);

  /** Draft → submitted → pre-review (`official`) → expert review → the first approval (`approver`: who signed the pre-review may not approve). */
  const upToApproval = async (ent: AuthUser, project: string, amountFen: number, account: string) => {
    const holder = ent.displayName.replace(/（企业用户）$/, '');
    const bankAccount = { holder, bank: '中国银行苏州分行', account };
    const { id } = await createApplication(db, actor, ent, { itemId: ITEM, year, project, facts: { innovationConsortium: true }, requestedFen: 200 * WAN, partners: [], bankAccount });
    // The item's required materials (申报材料清单): a one-page PDF each, as an enterprise would upload.
    for (const m of ((await latestVersionOf(db, ITEM))?.item.materials ?? []).filter((x) => x.required)) {
      await addAttachment(db, actor, ent, id, { name: `${m.label}.pdf`, kind: m.label, material: m.key, bytes: DEMO_PDF });
    }
    await act(db, actor, ent, id, { action: 'submit' }, rules);
    await act(db, actor, official, id, { action: 'pre_pass', note: '材料齐全，符合申报条件' }, rules);
    await act(db, actor, official, id, { action: 'assign_expert', expertId: profile.id }, rules);
    await act(db, actor, expert, id, { action: 'score', scores: { innovation: 24, benefit: 23, capacity: 16, materials: 18 }, opinion: '联合体组建实体化，任务清晰，上下游协同基础好，建议支持。' }, rules);
    await act(db, actor, official, id, { action: 'finish_review' }, rules);
    await act(db, actor, approver, id, { action: 'approve', amountFen, reason: '按专家评审意见核定运营经费' }, rules);
    return id;
  };

  const waiting = await upToApproval(ent2, `${ent2.displayName.replace(/（企业用户）$/, '')}牵头的集成电路创新联合体`, 150 * WAN, '6216610800012345678');
  const ended = await upToApproval(ent1, `${ent1.displayName.replace(/（企业用户）$/, '')}牵头的光电材料创新联合体`, 120 * WAN, '6216610800087654321');
  await act(db, actor, approver2, ended, { action: 'approve', amountFen: 120 * WAN, reason: '按专家评审意见核定运营经费' }, rules);
  // Back far enough that the 公示 (5 working days, maybe over a holiday) ended before today.
  await moveBack(db, ended, 21, rules);
  // Under 公示 now (80万元: one approval is enough), so the public page has something to show.
  await upToApproval(ent2, `${ent2.displayName.replace(/（企业用户）$/, '')}牵头的智能装备创新联合体`, 80 * WAN, '6216610800012345678');
  void waiting;
  return { budgets, applications: 3 };
}

/**
 * Every item in force gets its year's budget (none already set is replaced), planned from its rule and kept by
 * its first responsible department; 创新联合体运营经费 (the demo applications' item) first, so it is that
 * department's first budget.
 */
export async function seedBudgets(db: Kysely<DB>, actor: Actor, admin: AuthUser, year: number): Promise<number> {
  const items = (await itemsInForce(db)).map((v) => v.item).sort((a, b) => Number(b.id === ITEM) - Number(a.id === ITEM));
  const existing = new Set((await db.selectFrom('budgets').select('item_id').where('kind', '=', 'item').where('year', '=', year).execute()).map((b) => b.item_id));
  let n = 0;
  for (const item of items) {
    if (existing.has(item.id)) continue;
    const plan = budgetPlan(item);
    await createBudget(db, actor, admin, { name: `${item.title}（${year} 年）`.slice(0, 80), kind: 'item', itemId: item.id, year, yearFrom: null, yearTo: null, poolId: null, fundFen: plan.fen, departmentCode: item.departments[0]! });
    n++;
  }
  return n;
}
