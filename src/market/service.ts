/**
 * The technology market's use cases: publishing and reading achievements and
 * demands (with their visibility rules), search, and matching. The search index
 * and the matcher live in the process; one cheap version query per use finds out
 * whether the tables changed, and the changed rows are reloaded into them (the
 * change log of migration 1700), so every process, on PGlite or PostgreSQL,
 * answers from the same data the same way.
 */
import type { Kysely, Selectable } from 'kysely';
import { audited, type Actor } from '../audit/audit.js';
import type { AuthUser } from '../auth/access.js';
import type { DB } from '../platform/db/schema.js';
import { conflict, forbidden, invalid, notFound } from '../platform/errors.js';
import { NO_SEARCH_TERMS, type AchievementInput, type AchievementUpdate, type DemandInput } from '../shared/market.js';
import { findDuplicate } from './duplicates.js';
import { Matcher, type AchievementDoc, type DemandDoc, type Match } from './match.js';
import { weightsInUse } from './ranker-repository.js';
import { ExpertIndex, rankEnterprises, rankInstitutions, type EnterpriseRef, type RankedParty } from './rank.js';
import { Bm25Index, type Hit } from './search/bm25.js';
import { tokenize, tokenText } from './text/tokenize.js';
import { demandViewer, HIDDEN_DEMAND_TITLE, maySeeDemand } from './visibility.js';

type AchievementRow = Selectable<DB['achievements']>;
type DemandRow = Selectable<DB['demands']>;

/** Today's date in Suzhou (UTC+8): deadlines and data dates are local dates. */
export const suzhouToday = (now = new Date()) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const today = () => suzhouToday();

const BROKER_ROLES = new Set(['tech_manager', 'commissioner']);
/** Officials, administrators and the brokers (technology managers, commissioners) work across all parties. */
export const isIntermediary = (user: AuthUser | null) => !!user && (user.role === 'admin' || user.role === 'official' || BROKER_ROLES.has(user.role));

async function checkFields(db: Kysely<DB>, fields: readonly string[]) {
  const known = new Set((await db.selectFrom('tech_fields').select('code').where('code', 'in', fields.length ? [...fields] : ['']).execute()).map((f) => f.code));
  fields.forEach((f, i) => {
    if (!known.has(f)) throw invalid(`fields[${i}]`, `领域代码“${f}”不存在`);
  });
}

// ------------------------------------------------------------------ achievements

/**
 * The same owner may not publish twice under a near-identical title (duplicates.ts): its achievements, or its open
 * demands (a closed demand is withdrawn). Editing an entry compares it with the owner's others only.
 */
async function refuseDuplicate(db: Pick<Kysely<DB>, 'selectFrom'>, kind: 'achievement' | 'demand', orgId: number, title: string, exceptId?: number) {
  const rows =
    kind === 'achievement'
      ? await db.selectFrom('achievements').select(['id', 'title']).where('owner_org_id', '=', orgId).$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId!)).orderBy('id').execute()
      : await db.selectFrom('demands').select(['id', 'title']).where('org_id', '=', orgId).where('status', '=', 'open').$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId!)).orderBy('id').execute();
  const dup = findDuplicate(title, rows);
  if (dup) throw conflict('title', `与已发布的${kind === 'achievement' ? '成果' : '需求'}《${dup.title}》（编号 ${dup.id}）重复；请修改原条目，或换一个能区分的标题`);
}

export async function createAchievement(db: Kysely<DB>, actor: Actor, user: AuthUser, input: AchievementInput, ownerOrgId?: number) {
  const owner = user.role === 'admin' ? ownerOrgId : user.orgId;
  if (!owner) throw invalid('ownerOrgId', user.role === 'admin' ? '请指定成果所属的高校或院所' : '账号未关联机构');
  const org = await db.selectFrom('organisations').select('kind').where('id', '=', owner).executeTakeFirst();
  if (!org || !['university', 'institute'].includes(org.kind)) throw invalid('ownerOrgId', '科技成果应由高校或科研院所发布');
  await checkFields(db, input.fields);
  return audited(
    db,
    actor,
    (r: { id: number }) => ({ action: 'market.achievement.create', objectType: 'achievement', objectId: r.id }),
    async (trx) => {
      await refuseDuplicate(trx, 'achievement', owner, input.title);
      return trx
        .insertInto('achievements')
        .values({
          owner_org_id: owner,
          ...achievementColumns(input),
          status: 'unconverted',
          data_as_of: today(),
          created_by: actor.userId ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    },
    { action: 'market.achievement.create', objectType: 'achievement' },
  );
}

/** Columns an achievement's text and facts set (tokens beside the text). */
function achievementColumns(input: AchievementInput) {
  return {
    title: input.title,
    abstract: input.abstract,
    keywords: input.keywords,
    fields: input.fields,
    patents: input.patents,
    trl: input.trl,
    valuation_fen: input.valuation?.amountFen ?? null,
    valuation_method: input.valuation?.method ?? null,
    valuation_date: input.valuation?.date ?? null,
    modes: input.modes,
    publicly_funded: input.publiclyFunded,
    confidential: input.confidential,
    team: input.team,
    title_tokens: tokenText(input.title),
    keyword_tokens: input.keywords.map((k) => tokenText(k)).filter(Boolean).join(' '),
    abstract_tokens: tokenText(input.abstract),
  };
}

/**
 * The owner edits an achievement (or confirms it unchanged): the data date moves
 * to today, so the entry is no longer flagged stale. Only its owner (or an
 * administrator) may; the fields that changed are audited.
 */
export async function updateAchievement(db: Kysely<DB>, actor: Actor, user: AuthUser, id: number, input: AchievementUpdate) {
  const cur = await db.selectFrom('achievements').selectAll().where('id', '=', id).executeTakeFirst();
  if (!cur || !maySeeAchievement(user, cur)) throw notFound('科技成果');
  if (user.role !== 'admin' && !(user.role === 'institution' && user.orgId === cur.owner_org_id)) throw forbidden('只有成果所属机构可以修改');
  await checkFields(db, input.fields);
  const before = achievementView(cur, null, Number.POSITIVE_INFINITY); // compared field by field; `stale` is not an input
  const changed = Object.keys(input).filter((k) => JSON.stringify((before as Record<string, unknown>)[k]) !== JSON.stringify((input as Record<string, unknown>)[k]));
  return audited(db, actor, { action: 'market.achievement.update', objectType: 'achievement', objectId: id, detail: { changed } }, async (trx) => {
    await refuseDuplicate(trx, 'achievement', cur.owner_org_id, input.title, id);
    await trx
      .updateTable('achievements')
      .set({ ...achievementColumns(input), status: input.status, data_as_of: today(), updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    return { id, changed };
  });
}

/** Who may see an achievement: everyone when it is not confidential; otherwise its owner, officials and administrators. */
function maySeeAchievement(user: AuthUser | null, a: Pick<AchievementRow, 'confidential' | 'owner_org_id'>): boolean {
  if (!a.confidential) return true;
  return !!user && (user.role === 'admin' || user.role === 'official' || user.orgId === a.owner_org_id);
}

/** Entries whose data is older than `staleDays` days (MARKET_STALE_DAYS, passed down from the configuration) are flagged for their owner to refresh. */
export function achievementView(a: AchievementRow, ownerOrgName: string | null, staleDays: number) {
  const age = Math.floor((Date.parse(suzhouToday()) - Date.parse(String(a.data_as_of))) / 86_400_000);
  return {
    id: a.id,
    ownerOrgId: a.owner_org_id,
    ownerOrgName,
    title: a.title,
    abstract: a.abstract,
    keywords: a.keywords,
    fields: a.fields,
    patents: a.patents,
    trl: a.trl,
    valuation: a.valuation_fen === null ? null : { amountFen: Number(a.valuation_fen), method: a.valuation_method, date: a.valuation_date },
    modes: a.modes,
    publiclyFunded: a.publicly_funded,
    confidential: a.confidential,
    team: a.team,
    status: a.status,
    dataAsOf: String(a.data_as_of),
    stale: age > staleDays,
    /** Measure 14: publicly funded, non-confidential, unconverted achievements are disclosed with TRL, valuation and mode. */
    disclosed: a.publicly_funded && !a.confidential && a.status === 'unconverted',
  };
}

const orgName = async (db: Kysely<DB>, id: number) => (await db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null;

export async function getAchievement(db: Kysely<DB>, user: AuthUser | null, id: number, staleDays: number) {
  const a = await db.selectFrom('achievements').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a || !maySeeAchievement(user, a)) throw notFound('科技成果');
  return { ...achievementView(a, await orgName(db, a.owner_org_id), staleDays), mine: !!user && (user.role === 'admin' || user.orgId === a.owner_org_id) };
}

// ------------------------------------------------------------------ demands

function demandColumns(input: DemandInput) {
  return {
    title: input.title,
    problem: input.problem,
    fields: input.fields,
    trl_min: input.requiredTrl.min,
    trl_max: input.requiredTrl.max,
    budget_min_fen: input.budgetFen?.min ?? null,
    budget_max_fen: input.budgetFen?.max ?? null,
    modes: input.modes,
    deadline: input.deadline,
    visibility: input.visibility,
    title_tokens: tokenText(input.title),
    problem_tokens: tokenText(input.problem),
  };
}

export async function createDemand(db: Kysely<DB>, actor: Actor, user: AuthUser, input: DemandInput) {
  if (user.role !== 'enterprise' || !user.orgId) throw forbidden('技术需求由企业用户发布');
  if (input.deadline < today()) throw invalid('deadline', '截止日期已过');
  await checkFields(db, input.fields);
  return audited(
    db,
    actor,
    (r: { id: number }) => ({ action: 'market.demand.create', objectType: 'demand', objectId: r.id }),
    async (trx) => {
      await refuseDuplicate(trx, 'demand', user.orgId!, input.title);
      return trx
        .insertInto('demands')
        .values({
          org_id: user.orgId!,
          ...demandColumns(input),
          status: 'open',
          created_by: actor.userId ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    },
    { action: 'market.demand.create', objectType: 'demand' },
  );
}

async function ownDemand(db: Kysely<DB>, user: AuthUser, id: number) {
  const cur = await db.selectFrom('demands').selectAll().where('id', '=', id).executeTakeFirst();
  if (!cur || !maySeeDemand(await demandViewer(db, user), cur)) throw notFound('技术需求');
  if (user.role !== 'admin' && !(user.role === 'enterprise' && user.orgId === cur.org_id)) throw forbidden('只有发布需求的企业可以修改');
  return cur;
}

/** The enterprise edits its demand; a past deadline is refused as on publishing. */
export async function updateDemand(db: Kysely<DB>, actor: Actor, user: AuthUser, id: number, input: DemandInput) {
  const cur = await ownDemand(db, user, id);
  if (cur.status === 'closed') throw conflict('status', '需求已关闭，不能修改');
  if (input.deadline < today()) throw invalid('deadline', '截止日期已过');
  await checkFields(db, input.fields);
  const before = demandView(cur);
  const changed = Object.keys(input).filter((k) => JSON.stringify((before as Record<string, unknown>)[k]) !== JSON.stringify((input as Record<string, unknown>)[k]));
  return audited(db, actor, { action: 'market.demand.update', objectType: 'demand', objectId: id, detail: { changed } }, async (trx) => {
    await refuseDuplicate(trx, 'demand', cur.org_id, input.title, id);
    await trx.updateTable('demands').set({ ...demandColumns(input), updated_at: new Date() }).where('id', '=', id).execute();
    return { id, changed };
  });
}

/** The enterprise closes its demand (solved, or no longer needed): it leaves search results' open list and matching. */
export async function closeDemand(db: Kysely<DB>, actor: Actor, user: AuthUser, id: number, reason: string) {
  const cur = await ownDemand(db, user, id);
  if (cur.status === 'closed') throw conflict('status', '需求已关闭');
  return audited(db, actor, { action: 'market.demand.close', objectType: 'demand', objectId: id, detail: { reason } }, async (trx) => {
    await trx.updateTable('demands').set({ status: 'closed', updated_at: new Date() }).where('id', '=', id).execute();
    return { id, status: 'closed' as const };
  });
}


export function demandView(d: DemandRow, orgName: string | null = null) {
  return {
    id: d.id,
    orgId: d.org_id,
    orgName,
    title: d.title,
    problem: d.problem,
    fields: d.fields,
    requiredTrl: { min: d.trl_min, max: d.trl_max },
    budgetFen: d.budget_min_fen === null || d.budget_max_fen === null ? null : { min: Number(d.budget_min_fen), max: Number(d.budget_max_fen) },
    modes: d.modes,
    deadline: String(d.deadline),
    visibility: d.visibility,
    status: d.status,
  };
}

export async function getDemand(db: Kysely<DB>, user: AuthUser | null, id: number) {
  const d = await db.selectFrom('demands').selectAll().where('id', '=', id).executeTakeFirst();
  if (!d || !maySeeDemand(await demandViewer(db, user), d)) throw notFound('技术需求');
  return { ...demandView(d, await orgName(db, d.org_id)), mine: !!user && (user.role === 'admin' || user.orgId === d.org_id) };
}

// ------------------------------------------------------------------ the in-process index and matcher

interface OrgInfo {
  name: string;
  kind: string;
  district: string | null;
}

export interface MarketState {
  /** The market version this state reflects. */
  version: number;
  achievements: Map<number, AchievementRow>;
  demands: Map<number, DemandRow>;
  orgs: Map<number, OrgInfo>;
  fieldNames: Map<string, string>;
  achievementIndex: Bm25Index;
  demandIndex: Bm25Index;
  matcher: Matcher;
  experts: ExpertIndex;
}

const FIELDS = [
  { name: 'title', weight: 3, b: 0.6 },
  { name: 'keywords', weight: 2, b: 0.4 },
  { name: 'text', weight: 1, b: 0.75 },
];
const states = new WeakMap<Kysely<DB>, MarketState>();

/** Stored tokens back to a list (older rows may hold doubled spaces where a keyword had no token). */
const split = (s: string) => (s ? s.split(' ').filter(Boolean) : []);

export function achievementDoc(a: AchievementRow, district: string | null = null): AchievementDoc {
  return {
    id: a.id,
    title: a.title,
    abstract: a.abstract,
    keywords: a.keywords,
    fields: a.fields,
    trl: a.trl,
    valuationFen: a.valuation_fen === null ? null : Number(a.valuation_fen),
    modes: a.modes,
    district,
    status: a.status as AchievementDoc['status'],
    confidential: a.confidential,
  };
}

export function demandDoc(d: DemandRow, district: string | null = null): DemandDoc {
  return {
    id: d.id,
    title: d.title,
    problem: d.problem,
    fields: d.fields,
    requiredTrl: { min: d.trl_min, max: d.trl_max },
    budgetFen: d.budget_min_fen === null || d.budget_max_fen === null ? null : { min: Number(d.budget_min_fen), max: Number(d.budget_max_fen) },
    modes: d.modes,
    district,
  };
}

/** Above this many changed rows since the state was built, rebuilding is cheaper than updating. */
export const INCREMENTAL_LIMIT = 5000;
/** Change records older than this are pruned (a state last updated before that rebuilds). */
const KEEP_CHANGES_MS = 24 * 3_600_000;

type Queryable = Pick<Kysely<DB>, 'selectFrom'>;
const updating = new WeakMap<Kysely<DB>, Promise<MarketState>>();

/**
 * The state for this database: built once, then kept up to date from the change log
 * (migration 1700: every write to achievements, demands or expert profiles records the ids
 * under a new market version) by reloading just the changed rows; rebuilt whole when the
 * organisations changed, a table was truncated, too many rows changed or the log was pruned.
 * One update at a time per database; the reads happen first and the indexes change in one
 * synchronous step, so a search never sees half an update.
 */
export async function marketState(db: Kysely<DB>): Promise<MarketState> {
  const version = Number((await db.selectFrom('market_version').select('version').where('id', '=', 1).executeTakeFirstOrThrow()).version);
  const cur = states.get(db);
  if (cur && cur.version === version) return cur;
  const running = updating.get(db);
  if (running) {
    await running.catch(() => undefined);
    return marketState(db);
  }
  const job = refresh(db, cur, version).finally(() => updating.delete(db));
  updating.set(db, job);
  return job;
}

async function refresh(db: Kysely<DB>, cur: MarketState | undefined, version: number): Promise<MarketState> {
  if (cur) {
    const changes = await db
      .selectFrom('market_changes')
      .select(['kind', 'row_id'])
      .where('version', '>', cur.version)
      .where('version', '<=', version)
      .limit(INCREMENTAL_LIMIT + 1)
      .execute();
    const oldest = await db.selectFrom('market_changes').select((eb) => eb.fn.min<number>('version').as('v')).executeTakeFirst();
    const pruned = oldest?.v != null && Number(oldest.v) > cur.version + 1;
    if (!pruned && changes.length <= INCREMENTAL_LIMIT && !changes.some((c) => c.kind === 'all')) {
      await applyChanges(db, cur, changes);
      cur.version = version;
      return cur;
    }
  }
  const state = await buildState(db, version);
  await db.deleteFrom('market_changes').where('at', '<', new Date(Date.now() - KEEP_CHANGES_MS)).execute();
  states.set(db, state);
  return state;
}

/** The organisations a state names: every non-enterprise, and enterprises that published demands. */
async function orgInfo(db: Queryable, ids: readonly number[]): Promise<Map<number, OrgInfo>> {
  const out = new Map<number, OrgInfo>();
  if (ids.length) for (const o of await db.selectFrom('organisations').select(['id', 'name', 'kind', 'district_code']).where('id', 'in', [...ids]).execute()) out.set(o.id, { name: o.name, kind: o.kind, district: o.district_code });
  return out;
}

const expertRows = (db: Queryable) =>
  db.selectFrom('expert_profiles as e').leftJoin('organisations as o', 'o.id', 'e.org_id').select(['e.id', 'e.name', 'e.title', 'e.org_id', 'o.name as org_name', 'e.fields', 'e.expertise_tokens', 'e.active']);
type ExpertRow = Awaited<ReturnType<ReturnType<typeof expertRows>['execute']>>[number];
const expertDoc = (e: ExpertRow) => ({ id: e.id, name: e.name, title: e.title, orgId: e.org_id, orgName: e.org_name, fields: e.fields, tokens: split(e.expertise_tokens) });

/** Puts one achievement / demand in every index of the state (or takes it out). */
function putAchievement(st: MarketState, a: AchievementRow) {
  st.achievements.set(a.id, a);
  st.achievementIndex.add(a.id, [split(a.title_tokens), split(a.keyword_tokens), split(a.abstract_tokens)]);
  st.matcher.addAchievement(achievementDoc(a, st.orgs.get(a.owner_org_id)?.district ?? null));
}
function dropAchievement(st: MarketState, id: number) {
  st.achievements.delete(id);
  st.achievementIndex.remove(id);
  st.matcher.removeAchievement(id);
}
function putDemand(st: MarketState, d: DemandRow) {
  st.demands.set(d.id, d);
  st.demandIndex.add(d.id, [split(d.title_tokens), [], split(d.problem_tokens)]);
  if (d.status === 'open') st.matcher.addDemand(demandDoc(d, st.orgs.get(d.org_id)?.district ?? null));
  else st.matcher.removeDemand(d.id);
}
function dropDemand(st: MarketState, id: number) {
  st.demands.delete(id);
  st.demandIndex.remove(id);
  st.matcher.removeDemand(id);
}

/** Reloads the changed rows, then applies them all at once. */
async function applyChanges(db: Kysely<DB>, st: MarketState, changes: ReadonlyArray<{ kind: string; row_id: number | null }>) {
  const ids = (kind: string) => [...new Set(changes.filter((c) => c.kind === kind && c.row_id !== null).map((c) => Number(c.row_id)))];
  const [aIds, dIds, eIds] = [ids('achievement'), ids('demand'), ids('expert')];
  // A fit of the ranker put in use (or taken out): the weights now in use.
  const weights = changes.some((c) => c.kind === 'ranker') ? (await weightsInUse(db)).weights : null;
  const achievements = aIds.length ? await db.selectFrom('achievements').selectAll().where('id', 'in', aIds).execute() : [];
  const demands = dIds.length ? await db.selectFrom('demands').selectAll().where('id', 'in', dIds).execute() : [];
  const experts = eIds.length ? await expertRows(db).where('e.id', 'in', eIds).execute() : [];
  const newOrgs = [...new Set(demands.map((d) => d.org_id))].filter((id) => !st.orgs.has(id));
  const orgs = await orgInfo(db, newOrgs);
  // From here on nothing awaits: readers see the state before or after, never between.
  if (weights) st.matcher.setWeights(weights);
  for (const [id, o] of orgs) st.orgs.set(id, o);
  const gotA = new Map(achievements.map((a) => [a.id, a]));
  for (const id of aIds) {
    const a = gotA.get(id);
    if (a) putAchievement(st, a);
    else dropAchievement(st, id);
  }
  const gotD = new Map(demands.map((d) => [d.id, d]));
  for (const id of dIds) {
    const d = gotD.get(id);
    if (d) putDemand(st, d);
    else dropDemand(st, id);
  }
  const gotE = new Map(experts.map((e) => [e.id, e]));
  for (const id of eIds) {
    const e = gotE.get(id);
    if (e?.active) st.experts.add(expertDoc(e));
    else st.experts.remove(id);
  }
}

/** A state built from scratch, not kept: what the kept one must equal (for tests). */
export async function freshMarketState(db: Kysely<DB>): Promise<MarketState> {
  const version = Number((await db.selectFrom('market_version').select('version').where('id', '=', 1).executeTakeFirstOrThrow()).version);
  return buildState(db, version);
}

async function buildState(db: Kysely<DB>, version: number): Promise<MarketState> {
  const achievements = await db.selectFrom('achievements').selectAll().orderBy('id').execute();
  const demands = await db.selectFrom('demands').selectAll().orderBy('id').execute();
  const orgs = new Map((await db.selectFrom('organisations').select(['id', 'name', 'kind', 'district_code']).where('kind', '!=', 'enterprise').execute()).map((o) => [o.id, { name: o.name, kind: o.kind, district: o.district_code }]));
  // Enterprises: only those with demands are needed here (the enterprise ranking reads its own list).
  for (const [id, o] of await orgInfo(db, [...new Set(demands.map((d) => d.org_id))])) orgs.set(id, o);
  const fieldNames = new Map((await db.selectFrom('tech_fields').select(['code', 'name']).execute()).map((f) => [f.code, f.name]));
  const fieldName = (code: string) => fieldNames.get(code) ?? code;
  const profiles = await expertRows(db).where('e.active', '=', true).orderBy('e.id').execute();
  const state: MarketState = {
    version,
    achievements: new Map(),
    demands: new Map(),
    orgs,
    fieldNames,
    achievementIndex: new Bm25Index(FIELDS),
    demandIndex: new Bm25Index(FIELDS),
    matcher: new Matcher((await weightsInUse(db)).weights, undefined, fieldName),
    experts: new ExpertIndex(fieldName),
  };
  for (const a of achievements) putAchievement(state, a);
  for (const d of demands) putDemand(state, d);
  for (const e of profiles) state.experts.add(expertDoc(e));
  return state;
}

// ------------------------------------------------------------------ search

/**
 * One page of results and the total: with a query, the index ranks only the
 * best page × size (a bounded top-k) and counts the rest without ranking them;
 * without one (q absent or blank), newest first. A q with no word to search by
 * (only stop words, punctuation, single characters) finds nothing and says so
 * (`notice`), rather than listing everything unranked.
 */
function pageOf(index: Bm25Index, ids: number[], q: string | undefined, accept: (id: number) => boolean, page: number, pageSize: number): { total: number; page: Hit[]; notice?: string } {
  const query = tokenize(q);
  if (query.length === 0 && q?.trim()) return { total: 0, page: [], notice: NO_SEARCH_TERMS };
  if (query.length === 0) {
    const all = ids.filter(accept).sort((a, b) => b - a);
    return { total: all.length, page: all.slice((page - 1) * pageSize, page * pageSize).map((id) => ({ id, score: 0, terms: [] })) };
  }
  const top = index.search(query, page * pageSize, accept);
  return { total: index.count(query, accept), page: top.slice((page - 1) * pageSize) };
}

const inFields = (have: readonly string[], want?: string[]) => !want?.length || have.some((x) => want.some((y) => x === y || x.startsWith(y + '.')));

export interface AchievementFilter {
  q?: string;
  fields?: string[];
  trlMin?: number;
  trlMax?: number;
  modes?: string[];
  status?: string;
  ownerOrgId?: number;
  /** The owner's district. */
  district?: string;
  /** A budget, in 分: achievements valued within it (or not valued). */
  budgetFen?: number;
  /** Only entries flagged for their owner to refresh. */
  stale?: boolean;
  page: number;
  pageSize: number;
}

/** Search achievements: BM25F relevance when there is a query, newest first otherwise; filters; matched terms for highlighting. */
export async function searchAchievements(db: Kysely<DB>, user: AuthUser | null, f: AchievementFilter, staleDays: number) {
  const st = await marketState(db);
  const staleBefore = new Date(Date.parse(suzhouToday()) - staleDays * 86_400_000).toISOString().slice(0, 10);
  const accept = (id: number) => {
    const a = st.achievements.get(id);
    if (!a || !maySeeAchievement(user, a)) return false;
    if (!inFields(a.fields, f.fields)) return false;
    if (f.trlMin !== undefined && a.trl < f.trlMin) return false;
    if (f.trlMax !== undefined && a.trl > f.trlMax) return false;
    if (f.modes?.length && !a.modes.some((m) => f.modes!.includes(m))) return false;
    if (f.status && a.status !== f.status) return false;
    if (f.ownerOrgId && a.owner_org_id !== f.ownerOrgId) return false;
    if (f.district && st.orgs.get(a.owner_org_id)?.district !== f.district) return false;
    if (f.budgetFen !== undefined && a.valuation_fen !== null && Number(a.valuation_fen) > f.budgetFen) return false;
    if (f.stale && !(String(a.data_as_of) < staleBefore)) return false;
    return true;
  };
  const { total, page, notice } = pageOf(st.achievementIndex, [...st.achievements.keys()], f.q, accept, f.page, f.pageSize);
  return {
    total,
    ...(notice ? { notice } : {}),
    items: page.map((h) => {
      const a = st.achievements.get(h.id)!;
      return { ...achievementView(a, st.orgs.get(a.owner_org_id)?.name ?? null, staleDays), score: Math.round(h.score * 1000) / 1000, highlight: h.terms };
    }),
  };
}

export interface DemandFilter {
  q?: string;
  fields?: string[];
  status?: string;
  orgId?: number;
  /** Demands whose required TRL range includes this level (an achievement's). */
  trl?: number;
  modes?: string[];
  district?: string;
  /** Demands whose budget reaches at least this much (分), e.g. an achievement's valuation. */
  budgetMinFen?: number;
  page: number;
  pageSize: number;
}

export async function searchDemands(db: Kysely<DB>, user: AuthUser | null, f: DemandFilter) {
  const st = await marketState(db);
  const viewer = await demandViewer(db, user);
  const accept = (id: number) => {
    const d = st.demands.get(id);
    if (!d || !maySeeDemand(viewer, d)) return false;
    if (!inFields(d.fields, f.fields)) return false;
    if (f.status && d.status !== f.status) return false;
    if (f.orgId && d.org_id !== f.orgId) return false;
    if (f.trl !== undefined && (f.trl < d.trl_min || f.trl > d.trl_max)) return false;
    if (f.modes?.length && d.modes.length && !d.modes.some((m) => f.modes!.includes(m))) return false;
    if (f.district && st.orgs.get(d.org_id)?.district !== f.district) return false;
    if (f.budgetMinFen !== undefined && (d.budget_max_fen === null || Number(d.budget_max_fen) < f.budgetMinFen)) return false;
    return true;
  };
  const { total, page, notice } = pageOf(st.demandIndex, [...st.demands.keys()], f.q, accept, f.page, f.pageSize);
  return {
    total,
    ...(notice ? { notice } : {}),
    items: page.map((h) => {
      const d = st.demands.get(h.id)!;
      return { ...demandView(d, st.orgs.get(d.org_id)?.name ?? null), score: Math.round(h.score * 1000) / 1000, highlight: h.terms };
    }),
  };
}

// ------------------------------------------------------------------ matching

export type TitledMatch = Match & { title: string; orgId: number; orgName: string | null };

export async function matchesForDemand(db: Kysely<DB>, user: AuthUser | null, demandId: number, k = 20): Promise<TitledMatch[]> {
  const st = await marketState(db);
  const d = st.demands.get(demandId);
  if (!d || !maySeeDemand(await demandViewer(db, user), d)) throw notFound('技术需求');
  return st.matcher.achievementsFor(demandDoc(d, st.orgs.get(d.org_id)?.district ?? null), k).map((m) => {
    const a = st.achievements.get(m.id)!;
    return { ...m, title: a.title, orgId: a.owner_org_id, orgName: st.orgs.get(a.owner_org_id)?.name ?? null };
  });
}

export async function matchesForAchievement(db: Kysely<DB>, user: AuthUser | null, achievementId: number, k = 20): Promise<TitledMatch[]> {
  const st = await marketState(db);
  const a = st.achievements.get(achievementId);
  if (!a || !maySeeAchievement(user, a)) throw notFound('科技成果');
  const viewer = await demandViewer(db, user);
  return st.matcher
    .demandsFor(achievementDoc(a, st.orgs.get(a.owner_org_id)?.district ?? null), k * 2)
    .filter((m) => maySeeDemand(viewer, st.demands.get(m.id)!))
    .slice(0, k)
    .map((m) => {
      const d = st.demands.get(m.id)!;
      return { ...m, title: d.title, orgId: d.org_id, orgName: st.orgs.get(d.org_id)?.name ?? null };
    });
}

/** The demand's owner, officials, administrators and brokers see who could solve it. */
function mayRankForDemand(user: AuthUser | null, d: DemandRow) {
  return isIntermediary(user) || (!!user && user.orgId === d.org_id);
}

/** Universities and institutes for a demand, by their matching achievements. */
export async function institutionsForDemand(db: Kysely<DB>, user: AuthUser | null, demandId: number, k = 10): Promise<RankedParty[]> {
  const st = await marketState(db);
  const d = st.demands.get(demandId);
  if (!d || !maySeeDemand(await demandViewer(db, user), d)) throw notFound('技术需求');
  if (!mayRankForDemand(user, d)) throw forbidden('只有发布需求的企业、部门和技术经理人可以查看');
  const matches = await matchesForDemand(db, user, demandId, 200);
  return rankInstitutions(
    matches,
    (id) => {
      const a = st.achievements.get(id);
      const o = a && st.orgs.get(a.owner_org_id);
      return a && o ? { id: a.owner_org_id, name: o.name, district: o.district } : undefined;
    },
    st.orgs.get(d.org_id)?.district ?? null,
    k,
  );
}

/** Experts for a demand, by their declared expertise and fields (not those of the demand's own enterprise). */
export async function expertsForDemand(db: Kysely<DB>, user: AuthUser | null, demandId: number, k = 10): Promise<RankedParty[]> {
  const st = await marketState(db);
  const d = st.demands.get(demandId);
  if (!d || !maySeeDemand(await demandViewer(db, user), d)) throw notFound('技术需求');
  if (!mayRankForDemand(user, d)) throw forbidden('只有发布需求的企业、部门和技术经理人可以查看');
  const query = [...split(d.title_tokens), ...split(d.title_tokens), ...split(d.problem_tokens)];
  return st.experts.rankFor(query, d.fields, d.org_id, k);
}

/** Enterprises for an achievement: by their matching demands, their industry, their 科创指数 and nearness. For the owner, officials and brokers. */
export async function enterprisesForAchievement(db: Kysely<DB>, user: AuthUser | null, achievementId: number, k = 10): Promise<RankedParty[]> {
  const st = await marketState(db);
  const a = st.achievements.get(achievementId);
  if (!a || !maySeeAchievement(user, a)) throw notFound('科技成果');
  if (!(isIntermediary(user) || (!!user && user.orgId === a.owner_org_id))) throw forbidden('只有成果所属机构、部门和技术经理人可以查看');
  const system: AuthUser = { id: 0, username: 'system', displayName: 'system', role: 'admin', orgId: null, departmentCode: null };
  // Every matching demand counts; one the viewer may not see is not named.
  const viewer = await demandViewer(db, user);
  const matches = (await matchesForAchievement(db, system, achievementId, 200)).map((m) => (maySeeDemand(viewer, st.demands.get(m.id)!) ? m : { ...m, title: HIDDEN_DEMAND_TITLE }));
  const run = await db.selectFrom('index_runs').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const enterprises = await db
    .selectFrom('organisations as o')
    .leftJoin('industries as i', 'i.code', 'o.industry_code')
    .select(['o.id', 'o.name', 'o.district_code', 'o.industry_code', 'i.name as industry_name'])
    .where('o.kind', '=', 'enterprise')
    .execute();
  const pct = new Map<number, number | null>();
  if (run) for (const s of await db.selectFrom('index_scores').select(['org_id', 'percentile']).where('run_id', '=', run.id).execute()) pct.set(s.org_id, s.percentile);
  const refs: EnterpriseRef[] = enterprises.map((e) => ({ id: e.id, name: e.name, district: e.district_code, industryCode: e.industry_code, industryName: e.industry_name, percentile: pct.get(e.id) ?? null }));
  return rankEnterprises({ fields: a.fields, district: st.orgs.get(a.owner_org_id)?.district ?? null }, matches, refs, (c) => st.fieldNames.get(c) ?? c, k);
}
