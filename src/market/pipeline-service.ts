/**
 * Matches as a tracked pipeline: recommending (new demands and achievements are
 * matched as they arrive, both sides notified), moving a match through its stages
 * (legal moves only, reasons required, the broker recorded), overdue reminders,
 * and notifications.
 */
import { sql, type ExpressionBuilder, type Kysely, type Selectable, type Transaction } from 'kysely';
import { audited, type Actor } from '../audit/audit.js';
import type { AuthUser } from '../auth/access.js';
import type { DB } from '../platform/db/schema.js';
import { DEFAULT_MATCH_FLOOR } from '../platform/config.js';
import { AppError, conflict, forbidden, notFound } from '../platform/errors.js';
import { END_REASONS, move, STAGE_LABEL, type MoveInput, type Stage } from './pipeline.js';
import { matchesForAchievement, matchesForDemand, type TitledMatch } from './service.js';
import { demandViewer, demandVisibleSql, HIDDEN_DEMAND_TITLE, maySeeDemand, type DemandKey } from './visibility.js';

/** Days a party has to answer at each open stage. */
export const RESPONSE_DAYS = 14;
/**
 * Matches below this score are not recommended. 0.40 since the weights were fitted (2026-12-08, docs/benchmarks.md
 * §7a): the lowest value at which eval/market pushes no pair judged irrelevant and the independent set's dev half keeps
 * irrelevant pushes under a fifth (16 pushes, 69% graded ≥ 2, 3 graded 0; at 0.45: 11 pushes and 39 of 48 demands
 * with none; at 0.35 a fifth irrelevant).
 */
export const MIN_SCORE = 0.4;
/** Nor are matches whose text has too little in common, however well the other signals fit. */
export const MIN_TEXT = 0.2;
/** How many are recommended for a new demand or achievement. */
export const RECOMMEND = 5;

type MatchRow = Selectable<DB['market_matches']>;
const SYSTEM: AuthUser = { id: 0, username: 'system', displayName: 'system', role: 'admin', orgId: null, departmentCode: null };
const due = (from = new Date()) => new Date(from.getTime() + RESPONSE_DAYS * 86_400_000);

/** A notification to an organisation (all its users see it) or to one person (a broker). */
async function notify(db: Kysely<DB> | Transaction<DB>, to: { orgId: number } | { userId: number }, kind: string, title: string, body: string, link: string | null) {
  await db
    .insertInto('notifications')
    .values({ org_id: 'orgId' in to ? to.orgId : null, user_id: 'userId' in to ? to.userId : null, kind, title, body, link })
    .execute();
}

/**
 * Recommends the best achievements for a new demand (or demands for a new
 * achievement), records them as matches at stage 推荐 and notifies both sides.
 * A pair already matched is left as it is.
 * `floor` is MARKET_MATCH_FLOOR: nothing below it is recommended (nor below MIN_SCORE, whichever is higher).
 */
export async function recommendFor(db: Kysely<DB>, actor: Actor, target: { demandId: number } | { achievementId: number }, floor = DEFAULT_MATCH_FLOOR): Promise<number> {
  const found = 'demandId' in target ? await matchesForDemand(db, SYSTEM, target.demandId, RECOMMEND * 2) : await matchesForAchievement(db, SYSTEM, target.achievementId, RECOMMEND * 2);
  const good = found.filter((m) => m.score >= Math.max(MIN_SCORE, floor) && (m.reasons.find((r) => r.kind === 'terms')?.score ?? 0) >= MIN_TEXT).slice(0, RECOMMEND);
  const subject = { action: 'market.recommend', objectType: 'demandId' in target ? 'demand' : 'achievement', objectId: 'demandId' in target ? target.demandId : target.achievementId };
  return audited(db, actor, (created: number) => ({ ...subject, detail: { created } }), async (trx) => {
    let created = 0;
    for (const m of good) {
      const demandId = 'demandId' in target ? target.demandId : m.id;
      const achievementId = 'demandId' in target ? m.id : target.achievementId;
      const row = await trx
        .insertInto('market_matches')
        .values({ demand_id: demandId, achievement_id: achievementId, score: m.score, reasons: JSON.stringify(m.reasons), stage: 'recommended', response_due: due() })
        .onConflict((oc) => oc.columns(['demand_id', 'achievement_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) continue;
      created++;
      // The platform recommends, not the person whose publication set it off (the audit record names them).
      await trx.insertInto('market_match_events').values({ match_id: row.id, from_stage: null, to_stage: 'recommended', action: 'recommend', actor_user_id: null }).execute();
      const d = await trx.selectFrom('demands').select(['org_id', 'title']).where('id', '=', demandId).executeTakeFirstOrThrow();
      const a = await trx.selectFrom('achievements').select(['owner_org_id', 'title']).where('id', '=', achievementId).executeTakeFirstOrThrow();
      const why = m.reasons.map((r) => r.text).slice(0, 3).join('；');
      await notify(trx, { orgId: d.org_id }, 'match', `为您的需求“${d.title}”推荐了科技成果`, `“${a.title}”：${why}`, `/market/matches/${row.id}`);
      await notify(trx, { orgId: a.owner_org_id }, 'match', `您的成果“${a.title}”与一项技术需求匹配`, `“${d.title}”：${why}`, `/market/matches/${row.id}`);
    }
    return created;
  }, subject);
}

async function parties(db: Kysely<DB> | Transaction<DB>, m: MatchRow) {
  const d = await db.selectFrom('demands as d').innerJoin('organisations as o', 'o.id', 'd.org_id').select(['d.org_id', 'd.title', 'd.visibility', 'o.name']).where('d.id', '=', m.demand_id).executeTakeFirstOrThrow();
  const a = await db.selectFrom('achievements as a').innerJoin('organisations as o', 'o.id', 'a.owner_org_id').select(['a.owner_org_id', 'a.title', 'o.name']).where('a.id', '=', m.achievement_id).executeTakeFirstOrThrow();
  const broker = m.broker_user_id === null ? undefined : await db.selectFrom('users').select('display_name').where('id', '=', m.broker_user_id).executeTakeFirst();
  const demand: DemandKey = { id: m.demand_id, org_id: d.org_id, visibility: d.visibility };
  return { demand, demandOrg: d.org_id, achievementOrg: a.owner_org_id, demandTitle: d.title, achievementTitle: a.title, demandOrgName: d.name, achievementOrgName: a.name, brokerName: broker?.display_name ?? null };
}

const BROKERS = new Set(['tech_manager', 'commissioner']);

/**
 * Who may see and move a match: its two parties, the brokers (technology managers, commissioners), officials and
 * administrators — and only if they may see its demand (visibility.ts: a 仅匹配双方可见 demand's matches are not
 * shown to brokers).
 */
async function mayAct(db: Kysely<DB>, user: AuthUser, p: { demand: DemandKey; demandOrg: number; achievementOrg: number }): Promise<boolean> {
  const role = user.role === 'admin' || user.role === 'official' || BROKERS.has(user.role) || user.orgId === p.demandOrg || user.orgId === p.achievementOrg;
  return role && maySeeDemand(await demandViewer(db, user), p.demand);
}

/** A notification's wording for a recipient: the demand's title, or a placeholder when the recipient may not see it. */
async function demandTitleFor(db: Kysely<DB> | Transaction<DB>, to: { orgId: number } | { userId: number }, p: { demand: DemandKey; demandTitle: string }): Promise<string> {
  if (p.demand.visibility === 'public') return p.demandTitle;
  const user =
    'orgId' in to
      ? ({ id: 0, username: '', displayName: '', role: 'enterprise', orgId: to.orgId, departmentCode: null } satisfies AuthUser)
      : await db.selectFrom('users').select(['id', 'username', 'display_name as displayName', 'role', 'org_id as orgId', 'department_code as departmentCode']).where('id', '=', to.userId).executeTakeFirst();
  return user && maySeeDemand(await demandViewer(db, user as AuthUser), p.demand) ? p.demandTitle : HIDDEN_DEMAND_TITLE;
}

export function matchView(m: MatchRow, p: { demandOrg: number; achievementOrg: number; demandTitle: string; achievementTitle: string; demandOrgName?: string | null; achievementOrgName?: string | null; brokerName?: string | null }, now = new Date()) {
  const open = !['signed', 'converted', 'terminated'].includes(m.stage);
  return {
    id: m.id,
    demandId: m.demand_id,
    achievementId: m.achievement_id,
    demandTitle: p.demandTitle,
    achievementTitle: p.achievementTitle,
    demandOrgId: p.demandOrg,
    achievementOrgId: p.achievementOrg,
    demandOrgName: p.demandOrgName ?? null,
    achievementOrgName: p.achievementOrgName ?? null,
    score: m.score,
    reasons: JSON.parse(m.reasons) as unknown,
    stage: m.stage,
    stageLabel: STAGE_LABEL[m.stage as Stage],
    stageSince: new Date(m.stage_since).toISOString(),
    responseDue: m.response_due ? new Date(m.response_due).toISOString() : null,
    overdue: open && !!m.response_due && new Date(m.response_due) < now,
    brokerUserId: m.broker_user_id,
    brokerName: p.brokerName ?? null,
    contractFen: m.contract_fen === null ? null : Number(m.contract_fen),
    endReason: m.end_reason,
    endReasonLabel: m.end_reason ? (END_REASONS[m.end_reason as keyof typeof END_REASONS] ?? m.end_reason) : null,
    endNote: m.end_note,
  };
}

export async function getMatch(db: Kysely<DB>, user: AuthUser, id: number) {
  const m = await db.selectFrom('market_matches').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m) throw notFound('匹配');
  const p = await parties(db, m);
  if (!(await mayAct(db, user, p))) throw notFound('匹配');
  const events = await db.selectFrom('market_match_events as e').leftJoin('users as u', 'u.id', 'e.actor_user_id').select(['e.from_stage', 'e.to_stage', 'e.action', 'e.reason', 'e.note', 'e.contract_fen', 'e.at', 'u.display_name']).where('e.match_id', '=', id).orderBy('e.id').execute();
  return { ...matchView(m, p), events: events.map((e) => ({ from: e.from_stage, to: e.to_stage, action: e.action, reason: e.reason, note: e.note, contractFen: e.contract_fen === null ? null : Number(e.contract_fen), at: new Date(e.at).toISOString(), by: e.display_name })) };
}

/** Moves a match one step; illegal moves are refused with the reason; the broker who acts is recorded. */
export async function moveMatch(db: Kysely<DB>, actor: Actor, user: AuthUser, id: number, input: MoveInput): Promise<Stage> {
  const subject = { action: `market.match.${input.action}`, objectType: 'market_match', objectId: id };
  const moved = await audited(db, actor, (x: { detail: Record<string, unknown> }) => ({ ...subject, detail: x.detail }), async (trx) => {
    const m = await trx.selectFrom('market_matches').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!m) throw notFound('匹配');
    const p = await parties(trx, m);
    if (!(await mayAct(trx, user, p))) throw notFound('匹配');
    if (input.action === 'decline' && user.orgId !== p.demandOrg && user.orgId !== p.achievementOrg) throw forbidden('只有匹配双方可以拒绝');
    const r = move(m.stage as Stage, input);
    if (!r.ok) throw new AppError('INVALID_TRANSITION', 409, r.message, r.field);
    const now = new Date();
    const open = !['signed', 'converted', 'terminated'].includes(r.to);
    await trx
      .updateTable('market_matches')
      .set({
        stage: r.to,
        stage_since: now,
        response_due: open ? due(now) : null,
        reminded_at: null,
        broker_user_id: BROKERS.has(user.role) ? user.id : m.broker_user_id,
        contract_fen: input.action === 'sign' ? input.contractFen! : m.contract_fen,
        end_reason: r.to === 'terminated' ? input.reason! : m.end_reason,
        end_note: r.to === 'terminated' ? (input.note ?? null) : m.end_note,
      })
      .where('id', '=', id)
      .execute();
    await trx.insertInto('market_match_events').values({ match_id: id, from_stage: m.stage, to_stage: r.to, action: input.action, actor_user_id: actor.userId ?? null, reason: input.reason ?? null, note: input.note ?? null, contract_fen: input.contractFen ?? null }).execute();
    if (r.to === 'converted') await trx.updateTable('achievements').set({ status: 'converted', updated_at: now }).where('id', '=', m.achievement_id).execute();
    if (r.to === 'negotiating') await trx.updateTable('achievements').set({ status: 'negotiating', updated_at: now }).where('id', '=', m.achievement_id).where('status', '=', 'unconverted').execute();
    const text = async (to: { orgId: number } | { userId: number }) =>
      `“${await demandTitleFor(trx, to, p)}” × “${p.achievementTitle}”：${STAGE_LABEL[m.stage as Stage]} → ${STAGE_LABEL[r.to]}${input.reason ? `（${END_REASONS[input.reason]}）` : ''}`;
    for (const org of new Set([p.demandOrg, p.achievementOrg])) if (org !== user.orgId) await notify(trx, { orgId: org }, 'match.stage', '匹配进展', await text({ orgId: org }), `/market/matches/${id}`);
    // The broker following the match hears of every move they did not make themselves.
    const broker = BROKERS.has(user.role) ? user.id : m.broker_user_id;
    if (broker !== null && broker !== user.id) await notify(trx, { userId: broker }, 'match.stage', '经办的匹配有进展', await text({ userId: broker }), `/market/matches/${id}`);
    return { to: r.to, detail: { from: m.stage, to: r.to, reason: input.reason ?? null, contractFen: input.contractFen ?? null } };
  }, subject);
  return moved.to;
}

/** The orders of the pipeline board: best match first (the default), or newest first. */
export const MATCH_SORTS = ['score', 'newest'] as const;
export type MatchSort = (typeof MATCH_SORTS)[number];

/** The pipeline board: every match a user may see, with filters; best score first unless `sort` is 'newest'. */
export async function listMatches(db: Kysely<DB>, user: AuthUser, f: { stage?: string; overdue?: boolean; demandId?: number; achievementId?: number; mine?: boolean; sort?: MatchSort; page: number; pageSize: number }) {
  let q = db
    .selectFrom('market_matches as m')
    .innerJoin('demands as d', 'd.id', 'm.demand_id')
    .innerJoin('achievements as a', 'a.id', 'm.achievement_id')
    .innerJoin('organisations as od', 'od.id', 'd.org_id')
    .innerJoin('organisations as oa', 'oa.id', 'a.owner_org_id')
    .leftJoin('users as b', 'b.id', 'm.broker_user_id');
  if (!(user.role === 'admin' || user.role === 'official' || BROKERS.has(user.role))) {
    const org = user.orgId ?? -1;
    q = q.where((eb) => eb.or([eb('d.org_id', '=', org), eb('a.owner_org_id', '=', org)]));
  }
  // The demand visibility rule (visibility.ts), as SQL so that the count and the pages agree.
  q = q.where(demandVisibleSql(user));
  if (f.stage) q = q.where('m.stage', '=', f.stage);
  if (f.demandId) q = q.where('m.demand_id', '=', f.demandId);
  if (f.achievementId) q = q.where('m.achievement_id', '=', f.achievementId);
  if (f.mine) q = q.where('m.broker_user_id', '=', user.id);
  if (f.overdue) q = q.where('m.response_due', '<', new Date()).where('m.stage', 'in', ['recommended', 'contacted', 'negotiating']);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('m')
    .select(['d.org_id as demand_org', 'd.title as demand_title', 'a.owner_org_id as achievement_org', 'a.title as achievement_title', 'od.name as demand_org_name', 'oa.name as achievement_org_name', 'b.display_name as broker_name'])
    .$if(f.sort !== 'newest', (qb) => qb.orderBy('m.score', 'desc'))
    .orderBy('m.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return {
    total: Number(n),
    items: rows.map((r) =>
      matchView(r, { demandOrg: r.demand_org, achievementOrg: r.achievement_org, demandTitle: r.demand_title, achievementTitle: r.achievement_title, demandOrgName: r.demand_org_name, achievementOrgName: r.achievement_org_name, brokerName: r.broker_name }),
    ),
  };
}

/** Reminds both parties of every open match past its response deadline, once per stage. */
export async function remindOverdue(db: Kysely<DB>, actor: Actor, now = new Date()): Promise<number> {
  return audited(db, actor, (reminded: number) => ({ action: 'market.remind', objectType: 'market_match', detail: { reminded } }), async (trx) => {
    const rows = await trx
      .selectFrom('market_matches')
      .selectAll()
      .where('stage', 'in', ['recommended', 'contacted', 'negotiating'])
      .where('response_due', '<', now)
      .where('reminded_at', 'is', null)
      .forUpdate()
      .execute();
    for (const m of rows) {
      const p = await parties(trx, m);
      const recipients: ({ orgId: number } | { userId: number })[] = [...new Set([p.demandOrg, p.achievementOrg])].map((orgId) => ({ orgId }));
      if (m.broker_user_id !== null) recipients.push({ userId: m.broker_user_id });
      for (const to of recipients) await notify(trx, to, 'match.overdue', '匹配待回应已逾期', `“${await demandTitleFor(trx, to, p)}” × “${p.achievementTitle}” 在“${STAGE_LABEL[m.stage as Stage]}”阶段已超过 ${RESPONSE_DAYS} 天未回应`, `/market/matches/${m.id}`);
      await trx.updateTable('market_matches').set({ reminded_at: now }).where('id', '=', m.id).execute();
    }
    return rows.length;
  }, { action: 'market.remind', objectType: 'market_match' });
}

/** A user's notifications: those to their organisation and those to them. */
const addressedTo = (user: AuthUser) => (eb: ExpressionBuilder<DB, 'notifications'>) => (user.orgId ? eb.or([eb('org_id', '=', user.orgId), eb('user_id', '=', user.id)]) : eb('user_id', '=', user.id));

/**
 * A person who chose one digest a day (src/notifications/service.ts) sees their digests; everyone else sees
 * each notification to them or their organisation as it came.
 */
export async function listNotifications(db: Kysely<DB>, user: AuthUser, page: number, pageSize: number) {
  const me = await db.selectFrom('users').select('notify_mode').where('id', '=', user.id).executeTakeFirst();
  const daily = me?.notify_mode === 'daily';
  const base = daily ? db.selectFrom('notifications').where('user_id', '=', user.id).where('kind', '=', 'digest') : db.selectFrom('notifications').where(addressedTo(user)).where('kind', '<>', 'digest');
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const { u } = await base.select((eb) => eb.fn.countAll<number>().as('u')).where('read_at', 'is', null).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { total: Number(n), unread: Number(u), mode: daily ? 'daily' : 'each', items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: new Date(r.created_at).toISOString(), read: r.read_at !== null })) };
}

export async function markRead(db: Kysely<DB>, actor: Actor, user: AuthUser, ids: number[]) {
  const entry = { action: 'market.notification.read', objectType: 'notification', detail: { ids } };
  return audited(db, actor, (updated: number) => ({ ...entry, detail: { ids, updated } }), async (trx) => {
    if (ids.length === 0) return 0;
    const r = await trx.updateTable('notifications').set({ read_at: sql`now()` }).where(addressedTo(user)).where('id', 'in', ids).where('read_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows);
  }, entry);
}

// ------------------------------------------------------------------ matches on the demand and achievement pages

/** A candidate of a demand's (or achievement's) page, with its match in the pipeline when there is one the viewer may act on. */
export type Candidate = TitledMatch & { match: ReturnType<typeof matchView> | null };

/** The pipeline rows of these pairs that the viewer may see and move (mayAct), by "demandId:achievementId". */
async function trackedMatches(db: Kysely<DB>, user: AuthUser, demandIds: number[], achievementIds: number[]) {
  const out = new Map<string, ReturnType<typeof matchView>>();
  if (!demandIds.length || !achievementIds.length) return out;
  const rows = await db
    .selectFrom('market_matches as m')
    .innerJoin('demands as d', 'd.id', 'm.demand_id')
    .innerJoin('achievements as a', 'a.id', 'm.achievement_id')
    .selectAll('m')
    .select(['d.org_id as demand_org', 'd.title as demand_title', 'd.visibility', 'a.owner_org_id as achievement_org', 'a.title as achievement_title'])
    .where('m.demand_id', 'in', demandIds)
    .where('m.achievement_id', 'in', achievementIds)
    .execute();
  for (const r of rows) {
    const p = { demand: { id: r.demand_id, org_id: r.demand_org, visibility: r.visibility }, demandOrg: r.demand_org, achievementOrg: r.achievement_org, demandTitle: r.demand_title, achievementTitle: r.achievement_title };
    if (await mayAct(db, user, p)) out.set(`${r.demand_id}:${r.achievement_id}`, matchView(r, p));
  }
  return out;
}

/**
 * 匹配的科技成果 of a demand page (GET /api/market/demands/:id/matches) or 匹配的技术需求 of an achievement page:
 * the matcher's top 20, those below `floor` (MARKET_MATCH_FLOOR) left out and counted unless `all`, each with its
 * pipeline match (stage, parties) when the viewer may act on it, so the page offers the same moves as the board.
 */
export async function candidatesFor(db: Kysely<DB>, user: AuthUser, target: { demandId: number } | { achievementId: number }, floor: number, all: boolean) {
  const found = 'demandId' in target ? await matchesForDemand(db, user, target.demandId) : await matchesForAchievement(db, user, target.achievementId);
  const shown = all ? found : found.filter((m) => m.score >= floor);
  const ids = shown.map((m) => m.id);
  const tracked = 'demandId' in target ? await trackedMatches(db, user, [target.demandId], ids) : await trackedMatches(db, user, ids, [target.achievementId]);
  const key = (m: TitledMatch) => ('demandId' in target ? `${target.demandId}:${m.id}` : `${m.id}:${target.achievementId}`);
  return { matches: shown.map((m): Candidate => ({ ...m, match: tracked.get(key(m)) ?? null })), hidden: found.length - shown.length, floor };
}

/**
 * 响应需求: an institution proposes one of its own achievements to a demand it may see (or the demand's enterprise
 * contacts an achievement for it). The pair's match is created at 对接, or a 推荐 one moved to 对接 (the table's
 * `contact`); a pair already past 推荐 is returned as it is (asking again changes nothing). The other side is notified;
 * the response (and any refusal) is audited.
 */
export async function respondToDemand(db: Kysely<DB>, actor: Actor, user: AuthUser, demandId: number, input: { achievementId: number; note?: string }) {
  const subject = { action: 'market.demand.respond', objectType: 'demand', objectId: demandId };
  // The pair's score, read before the transaction (the matcher reads the database on its own connection).
  const scored = (await matchesForDemand(db, SYSTEM, demandId, 200).catch(() => [] as TitledMatch[])).find((x) => x.id === input.achievementId);
  return audited(db, actor, (r: { matchId: number; created: boolean; moved: boolean }) => ({ ...subject, detail: { achievementId: input.achievementId, ...r } }), async (trx) => {
    const d = await trx.selectFrom('demands as d').innerJoin('organisations as o', 'o.id', 'd.org_id').select(['d.id', 'd.org_id', 'd.title', 'd.visibility', 'd.status', 'o.name']).where('d.id', '=', demandId).executeTakeFirst();
    if (!d || !maySeeDemand(await demandViewer(trx, user), d)) throw notFound('技术需求');
    const a = await trx.selectFrom('achievements as a').innerJoin('organisations as o', 'o.id', 'a.owner_org_id').select(['a.id', 'a.owner_org_id', 'a.title', 'a.confidential', 'o.name']).where('a.id', '=', input.achievementId).executeTakeFirst();
    const institution = user.role === 'institution' && !!a && user.orgId === a.owner_org_id;
    const enterprise = user.role === 'enterprise' && user.orgId === d.org_id;
    if (!a || (a.confidential && !institution)) throw notFound('科技成果', 'achievementId');
    if (!institution && !enterprise) throw new AppError('FORBIDDEN', 403, user.role === 'institution' ? '科技成果：只能用本机构发布的成果响应需求' : '只有成果所属机构（或发布需求的企业）可以发起对接', 'achievementId');
    if (d.status !== 'open') throw conflict('status', '需求已关闭，不能再响应');
    const now = new Date();
    let m = await trx.selectFrom('market_matches').selectAll().where('demand_id', '=', demandId).where('achievement_id', '=', a.id).forUpdate().executeTakeFirst();
    let created = false;
    let moved = false;
    if (!m) {
      m = await trx
        .insertInto('market_matches')
        .values({ demand_id: demandId, achievement_id: a.id, score: scored?.score ?? 0, reasons: JSON.stringify(scored?.reasons ?? []), stage: 'contacted', response_due: due(now) })
        .onConflict((oc) => oc.columns(['demand_id', 'achievement_id']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!m) throw conflict(undefined, '该匹配刚被他人建立，请刷新后再试');
      created = true;
      await trx.insertInto('market_match_events').values({ match_id: m.id, from_stage: null, to_stage: 'contacted', action: 'contact', actor_user_id: actor.userId ?? null, note: input.note ?? null }).execute();
    } else if (m.stage === 'recommended') {
      await trx.updateTable('market_matches').set({ stage: 'contacted', stage_since: now, response_due: due(now), reminded_at: null }).where('id', '=', m.id).execute();
      await trx.insertInto('market_match_events').values({ match_id: m.id, from_stage: 'recommended', to_stage: 'contacted', action: 'contact', actor_user_id: actor.userId ?? null, note: input.note ?? null }).execute();
      moved = true;
    } else if (m.stage === 'terminated') {
      throw conflict('achievementId', `该成果与此需求的对接已终止（${m.end_reason ? (END_REASONS[m.end_reason as keyof typeof END_REASONS] ?? m.end_reason) : '已结束'}），不能再次响应`);
    }
    if (created || moved) {
      const note = input.note ? `\n留言：${input.note}` : '';
      if (institution) await notify(trx, { orgId: d.org_id }, 'match.respond', `${a.name}响应了您的需求`, `“${d.title}” ← 成果“${a.title}”${note}`, `/market/matches/${m.id}`);
      else await notify(trx, { orgId: a.owner_org_id }, 'match.respond', `${d.name}希望就您的成果对接`, `“${await demandTitleFor(trx, { orgId: a.owner_org_id }, { demand: { id: d.id, org_id: d.org_id, visibility: d.visibility }, demandTitle: d.title })}” × “${a.title}”${note}`, `/market/matches/${m.id}`);
    }
    return { matchId: m.id, created, moved };
  }, subject).then(async (r) => ({ ...r, stage: (await db.selectFrom('market_matches').select('stage').where('id', '=', r.matchId).executeTakeFirstOrThrow()).stage }));
}
