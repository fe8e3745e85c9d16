/**
 * The technology market's use cases: publishing and reading achievements and
 * demands (with their visibility rules), search, and matching. The search index
 * and the matcher live in the process and are rebuilt when the tables change
 * (one cheap stamp query per use), so every process, on PGlite or PostgreSQL,
 * answers from the same data the same way.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { audited, type Actor } from '../audit/audit.js';
import type { AuthUser } from '../auth/access.js';
import type { DB } from '../platform/db/schema.js';
import { forbidden, invalid, notFound } from '../platform/errors.js';
import type { AchievementInput, DemandInput } from '../shared/market.js';
import { Matcher, type AchievementDoc, type DemandDoc, type Match } from './match.js';
import { Bm25Index, type Hit } from './search/bm25.js';
import { tokenize, tokenText } from './text/tokenize.js';

type AchievementRow = Selectable<DB['achievements']>;
type DemandRow = Selectable<DB['demands']>;

const today = () => new Date().toISOString().slice(0, 10);

async function checkFields(db: Kysely<DB>, fields: readonly string[]) {
  const known = new Set((await db.selectFrom('tech_fields').select('code').where('code', 'in', fields.length ? [...fields] : ['']).execute()).map((f) => f.code));
  fields.forEach((f, i) => {
    if (!known.has(f)) throw invalid(`fields[${i}]`, `领域代码“${f}”不存在`);
  });
}

// ------------------------------------------------------------------ achievements

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
    (trx) =>
      trx
        .insertInto('achievements')
        .values({
          owner_org_id: owner,
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
          status: input.status,
          data_as_of: today(),
          title_tokens: tokenText(input.title),
          keyword_tokens: input.keywords.map((k) => tokenText(k)).join(' '),
          abstract_tokens: tokenText(input.abstract),
          created_by: actor.userId ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    { action: 'market.achievement.create', objectType: 'achievement' },
  );
}

/** Who may see an achievement: everyone when it is not confidential; otherwise its owner, officials and administrators. */
function maySeeAchievement(user: AuthUser | null, a: Pick<AchievementRow, 'confidential' | 'owner_org_id'>): boolean {
  if (!a.confidential) return true;
  return !!user && (user.role === 'admin' || user.role === 'official' || user.orgId === a.owner_org_id);
}

export function achievementView(a: AchievementRow, staleDays = 365) {
  const age = Math.floor((Date.now() - new Date(String(a.data_as_of)).getTime()) / 86_400_000);
  return {
    id: a.id,
    ownerOrgId: a.owner_org_id,
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

export async function getAchievement(db: Kysely<DB>, user: AuthUser | null, id: number) {
  const a = await db.selectFrom('achievements').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a || !maySeeAchievement(user, a)) throw notFound('科技成果');
  return achievementView(a);
}

// ------------------------------------------------------------------ demands

export async function createDemand(db: Kysely<DB>, actor: Actor, user: AuthUser, input: DemandInput) {
  if (user.role !== 'enterprise' || !user.orgId) throw forbidden('技术需求由企业用户发布');
  if (input.deadline < today()) throw invalid('deadline', '截止日期已过');
  await checkFields(db, input.fields);
  return audited(
    db,
    actor,
    (r: { id: number }) => ({ action: 'market.demand.create', objectType: 'demand', objectId: r.id }),
    (trx) =>
      trx
        .insertInto('demands')
        .values({
          org_id: user.orgId!,
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
          status: 'open',
          title_tokens: tokenText(input.title),
          problem_tokens: tokenText(input.problem),
          created_by: actor.userId ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    { action: 'market.demand.create', objectType: 'demand' },
  );
}

function maySeeDemand(user: AuthUser | null, d: Pick<DemandRow, 'visibility' | 'org_id'>): boolean {
  if (d.visibility === 'public') return true;
  return !!user && (user.role === 'admin' || user.role === 'official' || user.orgId === d.org_id);
}

export function demandView(d: DemandRow) {
  return {
    id: d.id,
    orgId: d.org_id,
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
  if (!d || !maySeeDemand(user, d)) throw notFound('技术需求');
  return demandView(d);
}

// ------------------------------------------------------------------ the in-process index and matcher

interface MarketState {
  stamp: string;
  achievements: Map<number, AchievementRow>;
  demands: Map<number, DemandRow>;
  achievementIndex: Bm25Index;
  demandIndex: Bm25Index;
  matcher: Matcher;
}

const FIELDS = [
  { name: 'title', weight: 3, b: 0.6 },
  { name: 'keywords', weight: 2, b: 0.4 },
  { name: 'text', weight: 1, b: 0.75 },
];
const states = new WeakMap<Kysely<DB>, MarketState>();

const split = (s: string) => (s ? s.split(' ') : []);

export function achievementDoc(a: AchievementRow): AchievementDoc {
  return {
    id: a.id,
    title: a.title,
    abstract: a.abstract,
    keywords: a.keywords,
    fields: a.fields,
    trl: a.trl,
    valuationFen: a.valuation_fen === null ? null : Number(a.valuation_fen),
    modes: a.modes,
    district: null,
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

/** The state for this database, rebuilt when the stamp (row counts and last update) has moved. */
export async function marketState(db: Kysely<DB>): Promise<MarketState> {
  const r = await sql<{ stamp: string }>`SELECT concat_ws('|', (SELECT count(*) FROM achievements), (SELECT max(updated_at) FROM achievements), (SELECT count(*) FROM demands), (SELECT max(updated_at) FROM demands)) AS stamp`.execute(db);
  const stamp = r.rows[0]!.stamp;
  const cur = states.get(db);
  if (cur && cur.stamp === stamp) return cur;
  const achievements = await db.selectFrom('achievements').selectAll().orderBy('id').execute();
  const demands = await db.selectFrom('demands').selectAll().orderBy('id').execute();
  const districts = new Map((await db.selectFrom('organisations').select(['id', 'district_code']).execute()).map((o) => [o.id, o.district_code]));
  const achievementIndex = new Bm25Index(FIELDS);
  const demandIndex = new Bm25Index(FIELDS);
  const matcher = new Matcher();
  for (const a of achievements) {
    achievementIndex.add(a.id, [split(a.title_tokens), split(a.keyword_tokens), split(a.abstract_tokens)]);
    matcher.addAchievement({ ...achievementDoc(a), district: districts.get(a.owner_org_id) ?? null });
  }
  for (const d of demands) {
    demandIndex.add(d.id, [split(d.title_tokens), [], split(d.problem_tokens)]);
    if (d.status === 'open') matcher.addDemand(demandDoc(d, districts.get(d.org_id) ?? null));
  }
  const state: MarketState = { stamp, achievements: new Map(achievements.map((a) => [a.id, a])), demands: new Map(demands.map((d) => [d.id, d])), achievementIndex, demandIndex, matcher };
  states.set(db, state);
  return state;
}

// ------------------------------------------------------------------ search

export interface AchievementFilter {
  q?: string;
  fields?: string[];
  trlMin?: number;
  trlMax?: number;
  modes?: string[];
  status?: string;
  ownerOrgId?: number;
  page: number;
  pageSize: number;
}

/** Search achievements: BM25F relevance when there is a query, newest first otherwise; filters; matched terms for highlighting. */
export async function searchAchievements(db: Kysely<DB>, user: AuthUser | null, f: AchievementFilter) {
  const st = await marketState(db);
  const accept = (id: number) => {
    const a = st.achievements.get(id);
    if (!a || !maySeeAchievement(user, a)) return false;
    if (f.fields?.length && !a.fields.some((x) => f.fields!.some((y) => x === y || x.startsWith(y + '.')))) return false;
    if (f.trlMin !== undefined && a.trl < f.trlMin) return false;
    if (f.trlMax !== undefined && a.trl > f.trlMax) return false;
    if (f.modes?.length && !a.modes.some((m) => f.modes!.includes(m))) return false;
    if (f.status && a.status !== f.status) return false;
    if (f.ownerOrgId && a.owner_org_id !== f.ownerOrgId) return false;
    return true;
  };
  const query = tokenize(f.q);
  let hits: Hit[];
  if (query.length) hits = st.achievementIndex.search(query, Number.MAX_SAFE_INTEGER, accept);
  else hits = [...st.achievements.keys()].filter(accept).sort((a, b) => b - a).map((id) => ({ id, score: 0, terms: [] }));
  const page = hits.slice((f.page - 1) * f.pageSize, f.page * f.pageSize);
  return {
    total: hits.length,
    items: page.map((h) => ({ ...achievementView(st.achievements.get(h.id)!), score: Math.round(h.score * 1000) / 1000, highlight: h.terms })),
  };
}

export async function matchesForDemand(db: Kysely<DB>, user: AuthUser | null, demandId: number, k = 20): Promise<(Match & { title: string })[]> {
  const st = await marketState(db);
  const d = st.demands.get(demandId);
  if (!d || !maySeeDemand(user, d)) throw notFound('技术需求');
  const district = (await db.selectFrom('organisations').select('district_code').where('id', '=', d.org_id).executeTakeFirst())?.district_code ?? null;
  return st.matcher.achievementsFor(demandDoc(d, district), k).map((m) => ({ ...m, title: st.achievements.get(m.id)!.title }));
}

export interface DemandFilter {
  q?: string;
  fields?: string[];
  status?: string;
  orgId?: number;
  page: number;
  pageSize: number;
}

export async function searchDemands(db: Kysely<DB>, user: AuthUser | null, f: DemandFilter) {
  const st = await marketState(db);
  const accept = (id: number) => {
    const d = st.demands.get(id);
    if (!d || !maySeeDemand(user, d)) return false;
    if (f.fields?.length && !d.fields.some((x) => f.fields!.some((y) => x === y || x.startsWith(y + '.')))) return false;
    if (f.status && d.status !== f.status) return false;
    if (f.orgId && d.org_id !== f.orgId) return false;
    return true;
  };
  const query = tokenize(f.q);
  const hits: Hit[] = query.length
    ? st.demandIndex.search(query, Number.MAX_SAFE_INTEGER, accept)
    : [...st.demands.keys()].filter(accept).sort((a, b) => b - a).map((id) => ({ id, score: 0, terms: [] }));
  return {
    total: hits.length,
    items: hits.slice((f.page - 1) * f.pageSize, f.page * f.pageSize).map((h) => ({ ...demandView(st.demands.get(h.id)!), score: Math.round(h.score * 1000) / 1000, highlight: h.terms })),
  };
}

export async function matchesForAchievement(db: Kysely<DB>, user: AuthUser | null, achievementId: number, k = 20): Promise<(Match & { title: string })[]> {
  const st = await marketState(db);
  const a = st.achievements.get(achievementId);
  if (!a || !maySeeAchievement(user, a)) throw notFound('科技成果');
  const district = (await db.selectFrom('organisations').select('district_code').where('id', '=', a.owner_org_id).executeTakeFirst())?.district_code ?? null;
  return st.matcher
    .demandsFor({ ...achievementDoc(a), district }, k * 2)
    .filter((m) => maySeeDemand(user, st.demands.get(m.id)!))
    .slice(0, k)
    .map((m) => ({ ...m, title: st.demands.get(m.id)!.title }));
}
