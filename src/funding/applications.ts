/**
 * Applications (申报) and 免申即享 offers through their lifecycle. Every action
 * is judged three ways before anything is written: the lifecycle table (is it
 * legal in this state?), the people rules (who may act: the applicant, an
 * official of one of the item's responsible departments, an assigned expert;
 * the applicant, reviewers and approver never the same person; two different
 * officials above the dual-approval amount), and the money rules (an amount in
 * the engine's range, a reason when it differs from the engine's figure, caps
 * and stacking against what is already approved, the budget). The application
 * row is locked for the action, the ledger movement (reserve at approval,
 * release at cancellation, pay) happens in the same transaction, and every
 * read and write is audited.
 */
import crypto from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { appendAudit, type Actor } from '../audit/audit.js';
import type { AuthUser } from '../auth/access.js';
import type { DB } from '../platform/db/schema.js';
import { publicityWindow } from '../reference/calendar.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../platform/errors.js';
import { evaluateItem } from '../policy/engine/evaluate.js';
import { formatFen } from '../policy/engine/money.js';
import { quotaOf } from '../policy/engine/history.js';
import type { SupportItem } from '../policy/engine/schema.js';
import { itemHistory, latestVersions, type ItemVersion } from '../policy/repository.js';
import { audienceFacts, evaluationContext, itemsInForce } from '../policy/service.js';
import { APPLICANT_KIND_OF_ORG } from '../policy/platform-facts.js';
import { APPLICANT_KIND_VALUES } from '../policy/engine/facts.js';
import { declaredFacts } from '../policy/platform-facts.js';
import { canonicalJson } from '../audit/chain.js';
import { REVIEW_CRITERIA, type ActInput, type ApplicationCreate, type ApplicationUpdate } from '../shared/funding.js';
import { capViolation, type ApprovedAward } from './engine/caps.js';
import { ACTION_LABEL, allowedActions, APPROVED_STATES, REJECT_REASONS, STATE_LABEL, transition, viewerActions, type Action, type State } from './engine/lifecycle.js';
import { applyMovement } from './ledger-repo.js';
import type { Config } from '../platform/config.js';
import { conflictOf, expertTies, resolvePartners, storedPartners } from './recusal.js';
import { reviewerView } from './engine/reviewer-view.js';

type AppRow = Selectable<DB['applications']>;
type Trx = Transaction<DB>;

/**
 * The funding settings, from src/platform/config.ts (AppDeps.config): above FUNDING_DUAL_APPROVAL_FEN (分; default
 * 100万元) two different officials must approve; 公示 lasts FUNDING_PUBLICITY_DAYS working days (default 5).
 */
export type FundingRules = Pick<Config, 'FUNDING_DUAL_APPROVAL_FEN' | 'FUNDING_PUBLICITY_DAYS'>;

/** Today's date in Suzhou (UTC+8). */
export { suzhouDay } from '../platform/clock.js';
import { suzhouDay } from '../platform/clock.js';

/** States in which an approval holds money (reserved or paid). */

/** Item versions never change once saved: each (database, item, version) is read and parsed once. */
const versionCache = new WeakMap<Kysely<DB>, Map<string, SupportItem>>();

/**
 * The item in force (no version) or the version an application was made under.
 * `db` is the root handle, not a transaction: versions are immutable, so reading
 * them outside the caller's transaction is safe, and the caches key on it.
 */
async function itemAt(db: Kysely<DB>, itemId: string, version?: number): Promise<{ item: SupportItem; version: number }> {
  if (version === undefined) {
    const v = (await itemsInForce(db)).find((x) => x.item.id === itemId);
    if (!v) throw invalid('itemId', `支持事项“${itemId}”不存在或不在有效期内`);
    return { item: v.item, version: v.version };
  }
  let cache = versionCache.get(db);
  if (!cache) versionCache.set(db, (cache = new Map()));
  const key = `${itemId}@${version}`;
  let item = cache.get(key);
  if (!item) {
    const v = (await itemHistory(db, itemId)).find((x) => x.version === version);
    if (!v) throw notFound('支持事项版本');
    cache.set(key, (item = v.item));
  }
  return { item, version };
}

/** The engine's judgement of the application: platform facts, overridden by what the enterprise declared. */
async function judge(db: Kysely<DB> | Trx, item: SupportItem, orgId: number, declared: Record<string, unknown>) {
  const context = await evaluationContext(db as Kysely<DB>, orgId);
  // An enterprise's records, or for an institution its kind (its facts for the item are what it declares).
  const facts = { ...(await audienceFacts(db as Kysely<DB>, orgId)), ...declaredFacts(declared, context.catalogue) };
  return evaluateItem(item, facts, context);
}

// ------------------------------------------------------------------ who may act

/** Who applies: an enterprise, or an institution (高校、科研院所、新型研发机构…) for the items whose applicants include institutions. */
export const isApplicantRole = (user: AuthUser) => user.role === 'enterprise' || user.role === 'institution';

function isDepartmentOf(user: AuthUser, item: SupportItem) {
  return user.role === 'official' && !!user.departmentCode && item.departments.includes(user.departmentCode);
}

async function expertProfileOf(db: Kysely<DB> | Trx, user: AuthUser) {
  if (user.role !== 'expert') return null;
  return (await db.selectFrom('expert_profiles').select(['id', 'org_id']).where('user_id', '=', user.id).executeTakeFirst()) ?? null;
}

/** Who may read an application: its enterprise, the item's departments, its assigned experts, administrators. */
async function mayRead(db: Kysely<DB> | Trx, user: AuthUser, app: AppRow, item: SupportItem): Promise<boolean> {
  if (user.role === 'admin') return true;
  if (isApplicantRole(user)) return user.orgId === app.org_id;
  if (user.role === 'official') return isDepartmentOf(user, item);
  const expert = await expertProfileOf(db, user);
  if (!expert) return false;
  return !!(await db.selectFrom('expert_reviews').select('expert_id').where('application_id', '=', app.id).where('expert_id', '=', expert.id).executeTakeFirst());
}

// ------------------------------------------------------------------ create and edit

export async function createApplication(db: Kysely<DB>, actor: Actor, user: AuthUser, input: ApplicationCreate) {
  const orgId = user.role === 'admin' ? input.orgId : user.orgId;
  if (!isApplicantRole(user) && user.role !== 'admin') throw forbidden('申报由申报单位（企业或高校、科研院所等机构）提交');
  if (!orgId) throw invalid('orgId', '请指定申报企业');
  const { item, version } = await itemAt(db, input.itemId);
  // Whom the item is for (item.audience.applicants): an institution does not apply for an enterprise's item, nor the reverse.
  const kinds = item.audience?.applicants;
  if (kinds) {
    const org = await db.selectFrom('organisations').select(['kind', 'name']).where('id', '=', orgId).executeTakeFirst();
    if (!org) throw invalid('orgId', '申报单位不存在');
    const kind = APPLICANT_KIND_OF_ORG[org.kind];
    // A carrier (孵化器, 平台) is often run by an enterprise or an institution: they may apply as its operator.
    const accepted = new Set<string>([...kinds, ...(kinds.includes('platform_operator' as never) ? ['enterprise', 'institution'] : [])]);
    if (!kind || !accepted.has(kind)) throw invalid('itemId', `“${item.title}”的申报对象是${kinds.map((k) => APPLICANT_KIND_VALUES.find((v) => v.code === k)?.label ?? k).join('、')}，${org.name}不在其列${item.audience?.note ? `（${item.audience.note}）` : ''}`);
  }
  if (item.period === 'per_project' && !input.project) throw invalid('project', `“${item.title}”按项目支持，请填写项目名称`);
  const evaluation = await judge(db, item, orgId, input.facts);
  const year = input.year ?? Number(suzhouDay().slice(0, 4));
  const partners = await resolvePartners(db, input.partners);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('applications')
      .values({
        org_id: orgId,
        item_id: item.id,
        item_version: version,
        year,
        origin: 'apply',
        state: 'draft',
        project: input.project,
        facts: JSON.stringify(input.facts),
        evaluation: JSON.stringify(evaluation),
        engine_min_fen: evaluation.amount?.min ?? null,
        engine_max_fen: evaluation.amount?.max ?? null,
        requested_fen: input.requestedFen,
        bank_account: input.bankAccount ? JSON.stringify(input.bankAccount) : null,
        applicant_user_id: user.id,
        partners: JSON.stringify(partners),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('application_events').values({ application_id: row.id, from_state: null, to_state: 'draft', action: 'create', actor_user_id: user.id }).execute();
    await appendAudit(trx, actor, { action: 'funding.application.create', objectType: 'application', objectId: row.id, detail: { itemId: item.id, version, status: evaluation.status } });
    return { id: row.id, state: 'draft' as State, evaluation };
  });
}

/** The enterprise edits a draft or a returned application; the engine judges it again. */
export async function updateApplication(db: Kysely<DB>, actor: Actor, user: AuthUser, id: number, input: ApplicationUpdate) {
  const { item } = await itemOfApplication(db, id);
  return db.transaction().execute(async (trx) => {
    const app = await lockApp(trx, id);
    if (!(isApplicantRole(user) && user.orgId === app.org_id)) throw notFound('申报');
    if (app.state !== 'draft' && app.state !== 'returned') throw conflict('state', `申报当前为“${STATE_LABEL[app.state as State]}”，不能修改`);
    if (item.period === 'per_project' && !input.project) throw invalid('project', `“${item.title}”按项目支持，请填写项目名称`);
    const evaluation = await judge(trx, item, app.org_id, input.facts);
    const partners = input.partners === undefined ? undefined : await resolvePartners(trx, input.partners);
    await trx
      .updateTable('applications')
      .set({ ...(partners === undefined ? {} : { partners: JSON.stringify(partners) }), project: input.project, facts: JSON.stringify(input.facts), evaluation: JSON.stringify(evaluation), engine_min_fen: evaluation.amount?.min ?? null, engine_max_fen: evaluation.amount?.max ?? null, requested_fen: input.requestedFen, ...(input.bankAccount === undefined ? {} : { bank_account: input.bankAccount ? JSON.stringify(input.bankAccount) : null }), updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, actor, { action: 'funding.application.update', objectType: 'application', objectId: id, detail: { status: evaluation.status } });
    return { id, evaluation };
  });
}

/**
 * The item an application was made under, read before its transaction opens: an
 * application's item and version never change, and on PGlite (one connection)
 * the root handle cannot be used while a transaction holds the connection.
 */
export async function itemOfApplication(db: Kysely<DB>, id: number) {
  const pre = await db.selectFrom('applications').select(['item_id', 'item_version']).where('id', '=', id).executeTakeFirst();
  if (!pre) throw notFound('申报');
  return itemAt(db, pre.item_id, pre.item_version);
}

export async function lockApp(trx: Trx, id: number): Promise<AppRow> {
  const app = await trx.selectFrom('applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!app) throw notFound('申报');
  return app;
}

// ------------------------------------------------------------------ acting

const refuse = (field: string | undefined, message: string) => new AppError('INVALID_TRANSITION', 409, message, field);

/** Advisory-lock key space of the caps lock (two-int keys: this, the enterprise's id). */
const CAPS_LOCK_SPACE = 20261207;

/**
 * Serialises every cap decision of one enterprise: taken in the approving
 * transaction BEFORE the prior awards are read, held until it commits or rolls
 * back. An approval moves an application into an approved state (the only way
 * in) in the same transaction, so the next approval of the enterprise, waiting
 * here, reads the awards only after that commit (READ COMMITTED: each statement
 * sees what committed before it started) and judges once-only, once-a-year, per
 * project, 就高不重复 / 择一 and group totals against them. Without it two
 * approvals read the same awards at the same moment and both pass (PostgreSQL;
 * PGlite runs one transaction at a time and hid it).
 *
 * Why a transaction-scoped advisory lock, keyed by the enterprise alone:
 * - not SERIALIZABLE with retry: every approval would need a retry loop around
 *   the whole action (audit, notifications, ledger), and serialization failures
 *   under load would surface as refusals or latency; a lock makes the second
 *   approval simply wait a few milliseconds and then see the first.
 * - not per (enterprise × stacking group): which awards a cap reads depends on
 *   the item's version (the application's) and on the items in force (their
 *   groups), and an administrator may move an item into another group in a new
 *   version; a key per group would be correct only if both sides always agreed
 *   on the group. One key per enterprise is correct whatever the groups are, is
 *   one lock (no order among caps locks to get wrong), and costs only that one
 *   enterprise's approvals queue behind each other for the length of a
 *   transaction — approvals are people's decisions, rarely many at once for
 *   one enterprise.
 * - not a row lock on the organisation: FOR UPDATE would also block every insert
 *   that references the organisation (notifications, applications), FOR NO KEY
 *   UPDATE would make edits of the organisation's profile wait on approvals; an
 *   advisory lock touches nothing else.
 * Lock order on the approve path: the application row (lockApp), then this lock,
 * then the budget row and its pool (applyMovement). Nothing takes the budget
 * before this lock, so no cycle. Works on PGlite as on PostgreSQL.
 */
async function lockEnterpriseCaps(trx: Trx, orgId: number) {
  await sql`SELECT pg_advisory_xact_lock(${CAPS_LOCK_SPACE}::int, ${orgId}::int)`.execute(trx);
}

/**
 * Effects beyond money (item.effects): once the 公示 ends without an upheld objection, the approval grants the
 * recognition (e.g. measure 4's young scientist becomes a 苏州创新创业领军人才), as a qualification other rules read.
 */
export async function grantEffects(trx: Trx, item: SupportItem, app: AppRow, today: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of item.effects ?? []) {
    const validTo = e.years ? new Date(Date.UTC(Number(today.slice(0, 4)) + e.years, Number(today.slice(5, 7)) - 1, Number(today.slice(8, 10)) - 1)).toISOString().slice(0, 10) : null;
    await trx.insertInto('organisation_qualifications').values({ org_id: app.org_id, type_code: e.qualification, level: 'municipal', certificate_no: null, valid_from: today, valid_to: validTo, source: `application:${app.id}` }).execute();
    out.push(e.qualification);
  }
  return out;
}

/** A clawed-back award no longer carries its recognition: it ends today. */
async function endEffects(trx: Trx, applicationId: number, today: string) {
  await trx
    .updateTable('organisation_qualifications')
    .set({ valid_to: today })
    .where('source', '=', `application:${applicationId}`)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', today)]))
    .execute();
}

/** Everything the enterprise was approved (limits across years and exclusions may name any item). Read under lockEnterpriseCaps. */
async function approvedAwards(trx: Trx, orgId: number): Promise<ApprovedAward[]> {
  const rows = await trx.selectFrom('applications').select(['id', 'item_id', 'year', 'project', 'approved_fen']).where('org_id', '=', orgId).where('state', 'in', APPROVED_STATES).execute();
  return rows.map((r) => ({ applicationId: r.id, itemId: r.item_id, year: r.year, project: r.project, amountFen: Number(r.approved_fen) }));
}

/**
 * The item's yearly quota (名额), held under a lock per item and year so two concurrent approvals cannot
 * both take the last place; counted city-wide or in the enterprise's district as the item declares.
 */
async function checkQuota(trx: Trx, item: SupportItem, app: AppRow) {
  const quota = quotaOf(item);
  if (!quota) return;
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`quota:${item.id}:${app.year}`}))`.execute(trx);
  let q = trx.selectFrom('applications as a').innerJoin('organisations as o', 'o.id', 'a.org_id').select((eb) => eb.fn.countAll<number>().as('n')).where('a.item_id', '=', item.id).where('a.year', '=', app.year).where('a.state', 'in', APPROVED_STATES).where('a.id', '!=', app.id);
  let where = '';
  if (quota.scope === 'district') {
    const org = await trx.selectFrom('organisations').select('district_code').where('id', '=', app.org_id).executeTakeFirst();
    q = org?.district_code ? q.where('o.district_code', '=', org.district_code) : q.where('o.district_code', 'is', null);
    where = '本区';
  }
  const { n } = await q.executeTakeFirstOrThrow();
  if (Number(n) >= quota.perYear) throw refuse('itemId', `“${item.title}”${app.year} 年度${where}名额 ${quota.perYear} 个已满（已批 ${Number(n)} 个）`);
}

async function budgetFor(trx: Trx, app: AppRow, item: SupportItem) {
  const b = await trx.selectFrom('budgets').select(['id', 'name']).where('kind', '=', 'item').where('item_id', '=', app.item_id).where('year', '=', app.year).executeTakeFirst();
  if (!b) throw refuse('budget', `尚未为“${item.title}”设立 ${app.year} 年度预算，不能审批；请先在“预算”中设立`);
  return b;
}

/** People who reviewed: the experts who scored and the officials who signed the pre-review. */
async function reviewers(trx: Trx, id: number): Promise<Set<number>> {
  const experts = await trx.selectFrom('expert_reviews as r').innerJoin('expert_profiles as e', 'e.id', 'r.expert_id').select('e.user_id').where('r.application_id', '=', id).where('r.scored_at', 'is not', null).execute();
  const signers = await trx.selectFrom('application_signoffs').select('user_id').where('application_id', '=', id).execute();
  return new Set([...experts.map((e) => e.user_id), ...signers.map((s) => s.user_id)].filter((x): x is number => x !== null));
}

export async function notifyOrg(trx: Trx, orgId: number, title: string, body: string, id: number) {
  await trx.insertInto('notifications').values({ org_id: orgId, user_id: null, kind: 'funding', title, body, link: `/funding/applications/${id}` }).execute();
}

/**
 * Takes one action on an application. Refusals (illegal in this state, not this
 * person, not this amount) throw with the field and the reason; nothing is
 * written then except the audit record of the refusal.
 */
export async function act(db: Kysely<DB>, actor: Actor, user: AuthUser, id: number, input: ActInput, rules: FundingRules) {
  try {
    const { item } = await itemOfApplication(db, id);
    const inForce = await itemsInForce(db);
    return await db.transaction().execute((trx) => actIn(trx, actor, user, id, input, item, inForce, rules));
  } catch (caught) {
    // Two requests racing with one idempotency key for different applications: the key's unique index decides.
    const raced = (caught as { code?: string }).code === '23505' && String((caught as { constraint?: string }).constraint ?? (caught as Error).message).includes('idempotency');
    const e = raced ? conflict('idempotencyKey', '该幂等键已用于内容不同的另一笔支付请求') : caught;
    const err = e as AppError;
    await appendAudit(db, actor, { action: `funding.application.${input.action}`, objectType: 'application', objectId: id, result: err.status === 403 || err.status === 404 ? 'denied' : 'error', detail: { code: err.code, message: String(err.message).slice(0, 300), field: err.field } });
    throw e;
  }
}

async function actIn(trx: Trx, actor: Actor, user: AuthUser, id: number, input: ActInput, item: SupportItem, inForce: readonly ItemVersion[], rules: FundingRules) {
  const app = await lockApp(trx, id);
  // Anyone signed in may object to an application under public 公示; nothing else is visible to non-readers.
  if (!(await mayRead(trx, user, app, item)) && !(input.action === 'object' && app.state === 'publicity')) throw notFound('申报');
  const from = app.state as State;
  // A payment request seen before is answered from its record, whatever the state now.
  if (input.action === 'pay') {
    const seen = await replayPayment(trx, app, input.idempotencyKey, input.amountFen);
    if (seen) return seen;
  }
  const t = transition(from, input.action);
  if (!t.ok) throw refuse(t.field, t.message);

  const isApplicant = isApplicantRole(user) && user.orgId === app.org_id;
  const isDept = isDepartmentOf(user, item);
  const needs = (ok: boolean, who: string) => {
    if (!ok) throw forbidden(`“${ACTION_LABEL[input.action]}”须由${who}办理`);
  };
  let to: State = t.to === 'stay' ? from : t.to;
  const set: Partial<Record<keyof AppRow, unknown>> = {};
  let detail: Record<string, unknown> = {};
  const today = suzhouDay();

  switch (input.action) {
    case 'submit': {
      needs(isApplicant, '申报企业');
      const evaluation = await judge(trx, item, app.org_id, app.facts as Record<string, unknown>);
      if (evaluation.status === 'needs_input') throw invalid(`facts.${evaluation.missing[0]!.fact}`, `请补充：${evaluation.missing.map((m) => m.label).join('、')}`);
      if (item.period === 'per_project' && !app.project) throw invalid('project', '请填写项目名称');
      if (!app.bank_account) throw invalid('bankAccount', '请填写收款账户（开户名、开户行、账号）后再提交');
      // 申报材料清单: every required entry needs at least one attachment.
      const missingMaterials = await missingRequiredMaterials(trx, id, item);
      if (missingMaterials.length > 0) throw invalid('materials', `缺少必备的申报材料：${missingMaterials.map((m) => m.label).join('、')}。请在“申报材料清单”中逐项上传后再提交`);
      // The platform judged the applicant 不符合条件: submitted only with an explicit override and its reason (audited).
      if (evaluation.status === 'not_eligible' && !('override' in input && input.override)) {
        throw invalid('override', `平台判断不符合条件（${evaluation.failed.join('；') || '见测算说明'}），不能提交。如认为判断有误，请说明理由后坚持提交`);
      }
      Object.assign(set, { evaluation: JSON.stringify(evaluation), engine_min_fen: evaluation.amount?.min ?? null, engine_max_fen: evaluation.amount?.max ?? null, submitted_at: new Date(), return_note: null });
      detail = { engineStatus: evaluation.status, ...(evaluation.status === 'not_eligible' && 'override' in input && input.override ? { override: { reason: input.override.reason, failed: evaluation.failed } } : {}) };
      break;
    }
    case 'confirm': {
      needs(isApplicant, '受惠企业');
      // The account the enterprise already gave (this offer's, copied when it was made, or its latest) is not asked again.
      const account = input.bankAccount ?? (app.bank_account as BankAccountValue | null) ?? (await latestBankAccount(trx, app.org_id));
      if (!account) throw invalid('bankAccount', '请填写收款账户（开户名、开户行、账号）后再确认');
      set.bank_account = JSON.stringify(account);
      // …and carried to its other open offers that have none yet, so the next confirmation does not ask either.
      await trx.updateTable('applications').set({ bank_account: JSON.stringify(account), updated_at: new Date() }).where('org_id', '=', app.org_id).where('state', '=', 'offered').where('bank_account', 'is', null).where('id', '!=', id).execute();
      detail = { bankAccount: input.bankAccount ? 'given' : 'kept' };
      break;
    }
    case 'withdraw':
      needs(isApplicant, '申报企业');
      break;
    case 'pre_pass': {
      needs(isDept, '责任单位的工作人员');
      const signed = await trx.selectFrom('application_signoffs').select('department_code').where('application_id', '=', id).execute();
      if (signed.some((s) => s.department_code === user.departmentCode)) throw refuse('action', '本部门已签署初审意见');
      await trx.insertInto('application_signoffs').values({ application_id: id, department_code: user.departmentCode!, user_id: user.id, note: input.note ?? null }).execute();
      const done = new Set([...signed.map((s) => s.department_code), user.departmentCode!]);
      const waiting = item.departments.filter((d) => !done.has(d));
      if (waiting.length === 0) to = 'expert_review';
      detail = { department: user.departmentCode, waiting };
      break;
    }
    case 'return':
      needs(isDept, '责任单位的工作人员');
      set.return_note = input.note;
      await trx.deleteFrom('application_approvals').where('application_id', '=', id).execute();
      await trx.deleteFrom('application_signoffs').where('application_id', '=', id).execute();
      break;
    case 'reject':
      needs(isDept, '责任单位的工作人员');
      Object.assign(set, { reject_reason: input.reason, reject_note: input.note });
      detail = { reason: input.reason };
      break;
    case 'assign_expert': {
      needs(isDept, '责任单位的工作人员');
      // The expert's row is locked: an official changing the affiliation waits until the assignment is in.
      const locked = await trx.selectFrom('expert_profiles').select('id').where('id', '=', input.expertId).forUpdate().executeTakeFirst();
      const e = locked && (await expertTies(trx, locked.id));
      if (!e || !e.active) throw invalid('expertId', '专家不存在或已停用');
      if (e.userId === null) throw invalid('expertId', `专家${e.name}尚未开通账号，不能在线评审`);
      const tie = await conflictOf(trx, e, app);
      if (tie) throw invalid('expertId', tie.message);
      const prior = await trx.selectFrom('expert_reviews').select(['conflict_declared']).where('application_id', '=', id).where('expert_id', '=', e.id).executeTakeFirst();
      if (prior?.conflict_declared) throw invalid('expertId', `专家${e.name}已声明回避`);
      if (prior) throw invalid('expertId', `专家${e.name}已被指派`);
      await trx.insertInto('expert_reviews').values({ application_id: id, expert_id: e.id, assigned_by: user.id }).execute();
      detail = { expertId: e.id };
      break;
    }
    case 'declare_conflict':
    case 'score': {
      const me = await expertProfileOf(trx, user);
      const review = me && (await trx.selectFrom('expert_reviews').selectAll().where('application_id', '=', id).where('expert_id', '=', me.id).executeTakeFirst());
      needs(!!review, '被指派的专家');
      if (review!.conflict_declared) throw refuse('action', '已声明回避，不能评分');
      if (input.action === 'score') {
        // The ties are judged again as they stand now: an affiliation changed since the assignment counts.
        await trx.selectFrom('expert_profiles').select('id').where('id', '=', me!.id).forUpdate().execute();
        const tie = await conflictOf(trx, (await expertTies(trx, me!.id))!, app);
        if (tie) throw refuse('action', `${tie.message}，不能评分；请声明回避`);
      }
      if (input.action === 'declare_conflict') {
        if (review!.scored_at) throw refuse('action', '已评分，不能再声明回避');
        await trx.updateTable('expert_reviews').set({ conflict_declared: true, opinion: input.note }).where('application_id', '=', id).where('expert_id', '=', me!.id).execute();
        break;
      }
      const scores = input.scores;
      for (const c of REVIEW_CRITERIA) {
        const v = scores[c.code];
        if (v === undefined) throw invalid(`scores.${c.code}`, `请为“${c.label}”评分`);
        if (v > c.max) throw invalid(`scores.${c.code}`, `“${c.label}”满分 ${c.max} 分`);
      }
      const unknown = Object.keys(scores).find((k) => !REVIEW_CRITERIA.some((c) => c.code === k));
      if (unknown) throw invalid(`scores.${unknown}`, `未知的评分项“${unknown}”`);
      const total = REVIEW_CRITERIA.reduce((s, c) => s + scores[c.code]!, 0);
      await trx.updateTable('expert_reviews').set({ scores: JSON.stringify(scores), total, opinion: input.opinion, scored_at: new Date() }).where('application_id', '=', id).where('expert_id', '=', me!.id).execute();
      detail = { total };
      break;
    }
    case 'finish_review': {
      needs(isDept, '责任单位的工作人员');
      const rs = await trx.selectFrom('expert_reviews').select(['total', 'scored_at', 'conflict_declared']).where('application_id', '=', id).execute();
      const active = rs.filter((r) => !r.conflict_declared);
      if (active.length === 0) throw refuse('action', '尚未指派评审专家');
      if (active.some((r) => r.scored_at === null)) throw refuse('action', `还有 ${active.filter((r) => r.scored_at === null).length} 位专家未评分`);
      const mean = active.reduce((s, r) => s + Number(r.total), 0) / active.length;
      detail = { experts: active.length, meanScore: Math.round(mean * 10) / 10 };
      break;
    }
    case 'approve': {
      needs(isDept, '责任单位的工作人员');
      if (user.id === app.applicant_user_id) throw forbidden('申报人不能审批自己的申报');
      if ((await reviewers(trx, id)).has(user.id)) throw forbidden('参与初审或评审的人员不能审批同一申报');
      const budget = await budgetFor(trx, app, item);
      const ev = app.evaluation as { status: string; amount: { min: number; max: number } | null };
      if (ev.status !== 'eligible' || !ev.amount) throw refuse('amountFen', '测算结果不符合支持条件，不能审批（可退回或不予支持）');
      const amount = input.amountFen;
      if (amount < ev.amount.min || amount > ev.amount.max) throw invalid('amountFen', `审批金额应在测算范围 ${formatFen(ev.amount.min)}–${formatFen(ev.amount.max)} 之内`);
      // Never more than the enterprise asked for (no item's rule provides otherwise); with no amount asked, the engine's range bounds it.
      if (app.requested_fen !== null && amount > Number(app.requested_fen)) throw invalid('amountFen', `审批金额 ${formatFen(amount)} 超过企业申请金额 ${formatFen(Number(app.requested_fen))}，不能高于申请金额`);
      if (amount !== ev.amount.max && !input.reason) throw invalid('reason', `审批金额与测算金额 ${formatFen(ev.amount.max)} 不同，须写明理由`);
      const prior = await trx.selectFrom('application_approvals').selectAll().where('application_id', '=', id).execute();
      if (prior.some((p) => p.user_id === user.id)) throw forbidden('同一人不能两次审批');
      if (prior.length && Number(prior[0]!.amount_fen) !== amount) throw invalid('amountFen', `第二位审批人的金额应与第一位（${formatFen(Number(prior[0]!.amount_fen))}）一致；不一致时请退回重审`);
      const items = new Map(inForce.map((v) => [v.item.id, v.item]));
      await lockEnterpriseCaps(trx, app.org_id);
      const others = await approvedAwards(trx, app.org_id);
      const cap = capViolation(item, { applicationId: id, year: app.year, project: app.project, amountFen: amount }, others, (x) => items.get(x));
      if (cap) throw invalid(cap.field, cap.message);
      await trx.insertInto('application_approvals').values({ application_id: id, user_id: user.id, amount_fen: amount, reason: input.reason ?? null }).execute();
      const needTwo = amount > rules.FUNDING_DUAL_APPROVAL_FEN;
      detail = { amountFen: amount, approvals: prior.length + 1, needed: needTwo ? 2 : 1 };
      if (needTwo && prior.length === 0) break; // waits for a second official
      await checkQuota(trx, item, app);
      await applyMovement(trx, { kind: 'reserve', budgetId: budget.id, applicationId: id, amountFen: amount }, user.id, `审批预留：申报 #${id}`);
      to = 'publicity';
      const pub = await publicityWindow(trx, today, rules.FUNDING_PUBLICITY_DAYS);
      detail = { ...detail, publicity: pub };
      Object.assign(set, { approved_fen: amount, approval_reason: input.reason ?? prior[0]?.reason ?? null, budget_id: budget.id, publicity_from: pub.from, publicity_to: pub.to });
      break;
    }
    case 'object': {
      if (user.id === null) throw forbidden();
      if (app.publicity_to && today > String(app.publicity_to)) throw refuse('action', `公示已于 ${String(app.publicity_to)} 期满，不再受理异议`);
      await trx.insertInto('objections').values({ application_id: id, by_user_id: user.id, text: input.text }).execute();
      break;
    }
    case 'resolve_objection': {
      needs(isDept, '责任单位的工作人员');
      const o = await trx.selectFrom('objections').select(['id', 'resolved_at']).where('id', '=', input.objectionId).where('application_id', '=', id).executeTakeFirst();
      if (!o) throw invalid('objectionId', '异议不存在');
      if (o.resolved_at) throw refuse('objectionId', '该异议已处理');
      await trx.updateTable('objections').set({ resolution: input.resolution, upheld: input.upheld, resolved_by: user.id, resolved_at: new Date() }).where('id', '=', o.id).execute();
      detail = { objectionId: o.id, upheld: input.upheld };
      break;
    }
    case 'end_publicity': {
      needs(isDept, '责任单位的工作人员');
      if (app.publicity_to && today <= String(app.publicity_to)) throw refuse('action', `公示期至 ${String(app.publicity_to)}，期满后才能结束`);
      const open = await trx.selectFrom('objections').select(['id', 'upheld', 'resolved_at']).where('application_id', '=', id).execute();
      if (open.some((o) => !o.resolved_at)) throw refuse('action', `还有 ${open.filter((o) => !o.resolved_at).length} 条异议未处理`);
      if (open.some((o) => o.upheld)) throw refuse('action', '有异议成立，请撤销审批');
      detail = { effects: await grantEffects(trx, item, app, today) };
      break;
    }
    case 'cancel': {
      needs(isDept, '责任单位的工作人员');
      const held = await trx.selectFrom('ledger_holdings').select('reserved_fen').where('application_id', '=', id).where('budget_id', '=', app.budget_id!).executeTakeFirst();
      if (held && Number(held.reserved_fen) > 0) await applyMovement(trx, { kind: 'release', budgetId: app.budget_id!, applicationId: id, amountFen: Number(held.reserved_fen) }, user.id, `撤销审批：申报 #${id}`);
      Object.assign(set, { reject_reason: input.reason, reject_note: input.note });
      break;
    }
    case 'pay':
      needs(isDept, '责任单位的工作人员');
      if (input.amountFen !== Number(app.approved_fen)) throw invalid('amountFen', `应拨付金额为审批金额 ${formatFen(Number(app.approved_fen))}`);
      if (!app.bank_account) throw refuse('bankAccount', '收款账户未填写，不能拨付');
      return payIn(trx, actor, user, app, input.idempotencyKey);
    case 'close':
      needs(isDept, '责任单位的工作人员');
      break;
    case 'claw_back': {
      // The money paid goes back to the budget (spent → available), exactly what the payment moved.
      needs(isDept, '责任单位的工作人员');
      const paid = await trx.selectFrom('payments').select(['id', 'amount_fen']).where('application_id', '=', id).where('returned_at', 'is', null).executeTakeFirst();
      if (!paid) throw refuse('action', '该申报没有拨付记录，无可追回');
      const { movementId } = await applyMovement(trx, { kind: 'reverse', budgetId: app.budget_id!, applicationId: id, amountFen: Number(paid.amount_fen) }, user.id, `追回：申报 #${id}`);
      await endEffects(trx, id, today);
      Object.assign(set, { reject_reason: input.reason, reject_note: input.note });
      detail = { reason: input.reason, amountFen: Number(paid.amount_fen), paymentId: paid.id, movementId };
      break;
    }
    case 'return_payment': {
      // The bank sent the money back: spent → available → reserved again, so the same amount waits for a new payment.
      needs(isDept, '责任单位的工作人员');
      const paid = await trx.selectFrom('payments').select(['id', 'amount_fen']).where('application_id', '=', id).where('returned_at', 'is', null).executeTakeFirst();
      if (!paid) throw refuse('action', '该申报没有未退回的拨付记录');
      const amount = Number(paid.amount_fen);
      const back = await applyMovement(trx, { kind: 'reverse', budgetId: app.budget_id!, applicationId: id, amountFen: amount }, user.id, `退票：申报 #${id}`);
      await applyMovement(trx, { kind: 'reserve', budgetId: app.budget_id!, applicationId: id, amountFen: amount }, user.id, `退票后重新预留：申报 #${id}`);
      await trx.updateTable('payments').set({ returned_at: new Date(), return_note: input.note, return_movement_id: back.movementId }).where('id', '=', paid.id).execute();
      detail = { amountFen: amount, paymentId: paid.id };
      await notifyOrg(trx, app.org_id, '拨付被退回，请核对收款账户', `申报 #${id} 的拨付被退回（${input.note}）。请在申报页“更新收款账户”，部门将重新拨付。`, id);
      break;
    }
    case 'update_bank': {
      needs(isApplicant, '申报企业');
      // The history keeps which account it replaced (masked, as every view shows accounts).
      const old = app.bank_account as { holder: string; bank: string; account: string } | null;
      set.bank_account = JSON.stringify(input.bankAccount);
      detail = { previous: old ? { holder: old.holder, bank: old.bank, account: `****${old.account.slice(-4)}` } : null };
      break;
    }
  }

  await trx
    .updateTable('applications')
    .set({ ...(set as object), state: to, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
  await trx.insertInto('application_events').values({ application_id: id, from_state: from, to_state: to, action: input.action, actor_user_id: user.id, note: 'note' in input ? (input.note ?? null) : null, detail: JSON.stringify(detail) }).execute();
  await appendAudit(trx, actor, { action: `funding.application.${input.action}`, objectType: 'application', objectId: id, detail: { from, to, ...detail } });
  if (to !== from && !isApplicant) await notifyOrg(trx, app.org_id, `申报进展：${STATE_LABEL[to]}`, `“${item.title}”申报 #${id}：${STATE_LABEL[from]} → ${STATE_LABEL[to]}`, id);
  return { id, state: to, allowed: allowedActions(to) };
}

// ------------------------------------------------------------------ payment (idempotent)

const requestHash = (applicationId: number, amountFen: number) => crypto.createHash('sha256').update(canonicalJson({ applicationId, amountFen })).digest('hex');

/**
 * Pays an application once. The idempotency key decides: the same key returns
 * the first result without paying again; the same key with another request is
 * refused. The movement, the payment row and the state change commit together,
 * so a crash leaves either all of them or none.
 */
async function replayPayment(trx: Trx, app: AppRow, key: string, amountFen: number) {
  const existing = await trx.selectFrom('payments').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
  if (!existing) return null;
  if (existing.request_hash !== requestHash(app.id, amountFen)) throw conflict('idempotencyKey', '该幂等键已用于内容不同的另一笔支付请求');
  return { id: app.id, state: app.state as State, allowed: allowedActions(app.state as State), payment: { id: existing.id, amountFen: Number(existing.amount_fen), replayed: true } };
}

async function payIn(trx: Trx, actor: Actor, user: AuthUser, app: AppRow, key: string) {
  const amount = Number(app.approved_fen);
  const hash = requestHash(app.id, amount);
  const { movementId } = await applyMovement(trx, { kind: 'pay', budgetId: app.budget_id!, applicationId: app.id, amountFen: amount }, user.id, `拨付：申报 #${app.id}`);
  const p = await trx.insertInto('payments').values({ idempotency_key: key, request_hash: hash, application_id: app.id, amount_fen: amount, movement_id: movementId, paid_by: user.id }).returning('id').executeTakeFirstOrThrow();
  await trx.updateTable('applications').set({ state: 'paid', updated_at: new Date() }).where('id', '=', app.id).execute();
  await trx.insertInto('application_events').values({ application_id: app.id, from_state: app.state, to_state: 'paid', action: 'pay', actor_user_id: user.id, detail: JSON.stringify({ amountFen: amount, paymentId: p.id }) }).execute();
  await appendAudit(trx, actor, { action: 'funding.application.pay', objectType: 'application', objectId: app.id, detail: { amountFen: amount, paymentId: p.id, key } });
  await notifyOrg(trx, app.org_id, '资金已拨付', `申报 #${app.id} 已拨付 ${formatFen(amount)}`, app.id);
  return { id: app.id, state: 'paid' as State, allowed: allowedActions('paid'), payment: { id: p.id, amountFen: amount, replayed: false } };
}

// ------------------------------------------------------------------ reading

type Viewing = { actions: Action[]; waitingFor: string | null };

/**
 * For each application, the actions this user may take now and whom it waits for (engine/lifecycle.ts viewerActions),
 * read in a few batched queries for the whole page: sign-offs, reviews, approvals, open objections, the budgets of the
 * items' years and the department names.
 */
export async function viewingOf(db: Kysely<DB> | Trx, user: AuthUser, apps: readonly AppRow[], itemOf: (a: AppRow) => SupportItem | undefined): Promise<Map<number, Viewing>> {
  const out = new Map<number, Viewing>();
  if (apps.length === 0) return out;
  const ids = apps.map((a) => a.id);
  const [signoffs, reviews, approvals, objections, budgets, depts, me] = await Promise.all([
    db.selectFrom('application_signoffs').select(['application_id', 'department_code', 'user_id']).where('application_id', 'in', ids).execute(),
    db.selectFrom('expert_reviews as r').innerJoin('expert_profiles as e', 'e.id', 'r.expert_id').select(['r.application_id', 'r.expert_id', 'e.user_id', 'r.conflict_declared', 'r.scored_at']).where('r.application_id', 'in', ids).execute(),
    db.selectFrom('application_approvals').select(['application_id', 'user_id']).where('application_id', 'in', ids).execute(),
    db.selectFrom('objections').select('application_id').where('application_id', 'in', ids).where('resolved_at', 'is', null).execute(),
    db.selectFrom('budgets').select(['item_id', 'year']).where('kind', '=', 'item').where('item_id', 'in', [...new Set(apps.map((a) => a.item_id))]).execute(),
    db.selectFrom('departments').select(['code', 'name']).execute(),
    expertProfileOf(db, user),
  ]);
  const deptName = new Map(depts.map((d) => [d.code, d.name]));
  const funded = new Set(budgets.map((b) => `${b.item_id}@${b.year}`));
  const today = suzhouDay();
  for (const a of apps) {
    const item = itemOf(a);
    const departments = item?.departments ?? [];
    const mySignoffs = signoffs.filter((s) => s.application_id === a.id);
    const myReviews = reviews.filter((r) => r.application_id === a.id);
    const active = myReviews.filter((r) => !r.conflict_declared);
    const myApprovals = approvals.filter((p) => p.application_id === a.id);
    const own = me ? myReviews.find((r) => r.expert_id === me.id) : undefined;
    const isDept = user.role === 'official' && !!user.departmentCode && departments.includes(user.departmentCode);
    out.set(
      a.id,
      viewerActions({
        state: a.state as State,
        year: a.year,
        today,
        applicant: isApplicantRole(user) && user.orgId === a.org_id,
        applicantUser: user.id === a.applicant_user_id,
        department: isDept ? user.departmentCode! : null,
        signedIn: user.id !== null,
        expert: own ? { scored: own.scored_at !== null, conflict: own.conflict_declared } : null,
        departments: departments.map((code) => ({ code, name: deptName.get(code) ?? code })),
        signed: mySignoffs.map((s) => s.department_code),
        reviews: { active: active.length, scored: active.filter((r) => r.scored_at !== null).length },
        approvals: { count: myApprovals.length, byViewer: myApprovals.some((p) => p.user_id === user.id) },
        viewerReviewed: mySignoffs.some((s) => s.user_id === user.id) || myReviews.some((r) => r.user_id === user.id && r.scored_at !== null),
        hasBudget: funded.has(`${a.item_id}@${a.year}`),
        publicityTo: a.publicity_to ? String(a.publicity_to) : null,
        openObjections: objections.filter((o) => o.application_id === a.id).length,
      }),
    );
  }
  return out;
}

export function applicationView(a: AppRow, extra: { orgName?: string | null; itemTitle?: string; departments?: readonly string[]; viewing?: Viewing } = {}) {
  const ev = a.evaluation as { status: string; explanation: string; amount: { min: number; max: number } | null; kind: string | null; missing: unknown[] };
  const bank = a.bank_account as { holder: string; bank: string; account: string } | null;
  return {
    id: a.id,
    orgId: a.org_id,
    orgName: extra.orgName ?? null,
    itemId: a.item_id,
    itemTitle: extra.itemTitle ?? a.item_id,
    itemVersion: a.item_version,
    departments: extra.departments ?? [],
    year: a.year,
    origin: a.origin,
    state: a.state as State,
    stateLabel: STATE_LABEL[a.state as State],
    /** The actions this viewer may take now (the lifecycle table, the people rules and the budget); without a viewer, what the state allows. */
    allowed: extra.viewing?.actions ?? allowedActions(a.state as State),
    /** Who must move the application on when it is not this viewer, e.g. "等待 市教育局 初审"; null when it is the viewer's turn or it has ended. */
    waitingFor: extra.viewing?.waitingFor ?? null,
    project: a.project,
    facts: a.facts,
    evaluation: ev,
    engineFen: a.engine_min_fen === null ? null : { min: Number(a.engine_min_fen), max: Number(a.engine_max_fen) },
    requestedFen: a.requested_fen === null ? null : Number(a.requested_fen),
    approvedFen: a.approved_fen === null ? null : Number(a.approved_fen),
    approvalReason: a.approval_reason,
    budgetId: a.budget_id,
    bankAccount: bank ? { holder: bank.holder, bank: bank.bank, account: `****${bank.account.slice(-4)}` } : null,
    publicity: a.publicity_from ? { from: String(a.publicity_from), to: String(a.publicity_to) } : null,
    rejectReason: a.reject_reason,
    rejectReasonLabel: a.reject_reason ? (REJECT_REASONS[a.reject_reason as keyof typeof REJECT_REASONS] ?? a.reject_reason) : null,
    rejectNote: a.reject_note,
    returnNote: a.return_note,
    createdAt: new Date(a.created_at).toISOString(),
    submittedAt: a.submitted_at ? new Date(a.submitted_at).toISOString() : null,
  };
}

/** `rules` null: an access check whose view is not shown (attachments). */
export async function getApplication(db: Kysely<DB>, actor: Actor, user: AuthUser, id: number, rules: FundingRules | null) {
  const a = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a) throw notFound('申报');
  const { item } = await itemAt(db, a.item_id, a.item_version);
  if (!(await mayRead(db, user, a, item))) {
    await appendAudit(db, actor, { action: 'funding.application.read', objectType: 'application', objectId: id, result: 'denied' });
    throw notFound('申报');
  }
  const org = await db.selectFrom('organisations').select('name').where('id', '=', a.org_id).executeTakeFirst();
  const events = await db.selectFrom('application_events as e').leftJoin('users as u', 'u.id', 'e.actor_user_id').select(['e.from_state', 'e.to_state', 'e.action', 'e.note', 'e.detail', 'e.at', 'e.actor_user_id', 'u.display_name']).where('e.application_id', '=', id).orderBy('e.id').execute();
  const signoffs = await db.selectFrom('application_signoffs as s').innerJoin('users as u', 'u.id', 's.user_id').select(['s.department_code', 'u.display_name', 's.note', 's.at']).where('s.application_id', '=', id).execute();
  const office = user.role === 'admin' || user.role === 'official';
  const me = await expertProfileOf(db, user);
  const reviews = await db
    .selectFrom('expert_reviews as r')
    .innerJoin('expert_profiles as e', 'e.id', 'r.expert_id')
    .select(['r.expert_id', 'e.name', 'e.user_id', 'r.conflict_declared', 'r.scores', 'r.total', 'r.opinion', 'r.scored_at'])
    .where('r.application_id', '=', id)
    .orderBy('r.assigned_at')
    .orderBy('r.expert_id')
    .execute();
  const approvals = await db.selectFrom('application_approvals as p').innerJoin('users as u', 'u.id', 'p.user_id').select(['u.display_name', 'p.amount_fen', 'p.reason', 'p.at']).where('p.application_id', '=', id).orderBy('p.at').execute();
  const objections = await db.selectFrom('objections').selectAll().where('application_id', '=', id).orderBy('id').execute();
  await appendAudit(db, actor, { action: 'funding.application.read', objectType: 'application', objectId: id });
  // Officials and administrators see every reviewer; an expert sees themself; the enterprise sees 评审专家 A, B, ….
  const seen = reviewerView(
    office ? { kind: 'office' } : me ? { kind: 'expert', expertId: me.id } : { kind: 'outside' },
    reviews.map((r) => ({ expertId: r.expert_id, userId: r.user_id, name: r.name })),
    events.map((e) => ({ from: e.from_state, to: e.to_state, action: e.action, note: e.note, detail: e.detail, at: new Date(e.at).toISOString(), byUserId: e.actor_user_id, by: e.display_name })),
    reviews.map((r) => ({ expertId: r.expert_id, name: r.name, conflictDeclared: r.conflict_declared, scores: r.scores, total: r.total === null ? null : Number(r.total), opinion: r.opinion, scoredAt: r.scored_at ? new Date(r.scored_at).toISOString() : null })),
  );
  const viewing = (await viewingOf(db, user, [a], () => item)).get(a.id);
  return {
    ...applicationView(a, { orgName: org?.name ?? null, itemTitle: item.title, departments: item.departments, viewing }),
    criteria: REVIEW_CRITERIA,
    /** Above this amount (分) two different officials approve. */
    dualApprovalAboveFen: rules?.FUNDING_DUAL_APPROVAL_FEN ?? null,
    partners: storedPartners(a.partners),
    events: seen.events,
    signoffs: signoffs.map((s) => ({ department: s.department_code, by: s.display_name, note: s.note, at: new Date(s.at).toISOString() })),
    // Experts see their own review; officials and administrators see all; the enterprise sees the scores under letters.
    reviews: seen.reviews,
    approvals: approvals.map((p) => ({ by: p.display_name, amountFen: Number(p.amount_fen), reason: p.reason, at: new Date(p.at).toISOString() })),
    objections: objections.map((o) => ({ id: o.id, text: o.text, at: new Date(o.at).toISOString(), resolution: o.resolution, upheld: o.upheld, resolvedAt: o.resolved_at ? new Date(o.resolved_at).toISOString() : null })),
  };
}

export interface ApplicationFilter {
  state?: State;
  itemId?: string;
  year?: number;
  origin?: 'apply' | 'proactive';
  page: number;
  pageSize: number;
}

/** The inbox: an enterprise's own, an official's department's items, an expert's assignments, everything for administrators. */
export async function listApplications(db: Kysely<DB>, actor: Actor, user: AuthUser, f: ApplicationFilter) {
  let q = db.selectFrom('applications as a').innerJoin('organisations as o', 'o.id', 'a.org_id');
  if (isApplicantRole(user)) q = q.where('a.org_id', '=', user.orgId ?? -1);
  else if (user.role === 'official') {
    // Every item's newest version, repealed or expired too: applications made under them stay in the inbox.
    const mine = (await latestVersions(db)).filter((v) => v.item.departments.includes(user.departmentCode ?? '')).map((v) => v.item.id);
    q = q.where('a.item_id', 'in', mine.length ? mine : ['']);
  } else if (user.role === 'expert') {
    const me = await expertProfileOf(db, user);
    q = q.where('a.id', 'in', (eb) => eb.selectFrom('expert_reviews').select('application_id').where('expert_id', '=', me?.id ?? -1));
  } else if (user.role !== 'admin') throw forbidden();
  if (f.state) q = q.where('a.state', '=', f.state);
  if (f.itemId) q = q.where('a.item_id', '=', f.itemId);
  if (f.year) q = q.where('a.year', '=', f.year);
  if (f.origin) q = q.where('a.origin', '=', f.origin);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll('a').select('o.name as org_name').orderBy('a.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  const titles = new Map((await itemsInForce(db)).map((v) => [v.item.id, v.item]));
  const viewing = await viewingOf(db, user, rows, (r) => titles.get(r.item_id));
  await appendAudit(db, actor, { action: 'funding.application.list', objectType: 'application', detail: { ...f, total: Number(n) } });
  return { total: Number(n), items: rows.map((r) => applicationView(r, { orgName: r.org_name, itemTitle: titles.get(r.item_id)?.title, departments: titles.get(r.item_id)?.departments, viewing: viewing.get(r.id) })) };
}

type BankAccountValue = { holder: string; bank: string; account: string };

/** The bank account the enterprise gave most recently on any of its applications (null: none yet). */
export async function latestBankAccount(db: Kysely<DB> | Trx, orgId: number): Promise<BankAccountValue | null> {
  const row = await db.selectFrom('applications').select('bank_account').where('org_id', '=', orgId).where('bank_account', 'is not', null).orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return (row?.bank_account as BankAccountValue | null | undefined) ?? null;
}

/** The required entries of the item's materials checklist that have no attachment on the application yet. */
export async function missingRequiredMaterials(db: Kysely<DB> | Trx, applicationId: number, item: Pick<SupportItem, 'materials'>): Promise<{ key: string; label: string }[]> {
  const required = (item.materials ?? []).filter((m) => m.required);
  if (required.length === 0) return [];
  const rows = await db.selectFrom('attachments').select('material_key').where('application_id', '=', applicationId).where('material_key', 'is not', null).execute();
  const have = new Set(rows.map((r) => r.material_key));
  return required.filter((m) => !have.has(m.key)).map((m) => ({ key: m.key, label: m.label }));
}
