/**
 * Two-way matching of enterprise technology demands and university achievements,
 * with the reasons for every match: the shared terms, field agreement, TRL fit
 * (the demand's required range vs the achievement's level), budget vs valuation,
 * the conversion modes both accept, and the distance between districts.
 * Text similarity is the demand's text as a BM25F query against the achievement's
 * title, keywords and text — from either side, so a pair has one score; a pair
 * that shares only corpus stop terms (words in more than 8% of the matched
 * documents, text/frequent.ts) is no match. The other signals are scored 0–1
 * and combined with declared weights. Pure.
 */
import { Bm25Index, MAX_QUERY_TERMS, type FieldSpec } from './search/bm25.js';

/** The indexes' saturation constant (Bm25Index's default). */
const BM25_K1 = 1.2;
import { CORPUS_STOP_MIN_DOCS, CORPUS_STOP_SHARE, DocumentFrequency } from './text/frequent.js';
import { tokenize } from './text/tokenize.js';

export interface AchievementDoc {
  id: number;
  title: string;
  abstract: string;
  keywords: readonly string[];
  /** Subfield codes, e.g. 'ai.cv' (the top field is the part before the dot). */
  fields: readonly string[];
  trl: number;
  valuationFen: number | null;
  modes: readonly string[];
  district: string | null;
  /** Only unconverted, non-confidential achievements are recommended. */
  status: 'unconverted' | 'negotiating' | 'converted';
  confidential: boolean;
}

export interface DemandDoc {
  id: number;
  title: string;
  problem: string;
  fields: readonly string[];
  requiredTrl: { min: number; max: number };
  budgetFen: { min: number; max: number } | null;
  modes: readonly string[];
  district: string | null;
}

export const MODE_LABEL: Record<string, string> = {
  transfer: '转让',
  license_general: '普通许可',
  license_exclusive: '独占许可',
  use_first_pay_later: '先使用后付费许可',
  equity: '作价投资',
  joint_dev: '合作开发',
};

/** Approximate centres of Suzhou's ten county-level districts (latitude, longitude), for distances. */
export const DISTRICT_CENTRE: Record<string, [number, number]> = {
  '320505': [31.3, 120.57], // 虎丘区（高新区）
  '320506': [31.26, 120.63], // 吴中区
  '320507': [31.37, 120.64], // 相城区
  '320508': [31.31, 120.62], // 姑苏区
  '320509': [31.14, 120.65], // 吴江区
  '320571': [31.32, 120.72], // 工业园区
  '320581': [31.65, 120.75], // 常熟市
  '320582': [31.88, 120.55], // 张家港市
  '320583': [31.38, 120.98], // 昆山市
  '320585': [31.46, 121.13], // 太仓市
};

export function districtKm(a: string | null, b: string | null): number | null {
  const p = a ? DISTRICT_CENTRE[a] : undefined;
  const q = b ? DISTRICT_CENTRE[b] : undefined;
  if (!p || !q) return null;
  const rad = Math.PI / 180;
  const dLat = (q[0] - p[0]) * rad;
  const dLng = (q[1] - p[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(p[0] * rad) * Math.cos(q[0] * rad) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * 6371 * Math.asin(Math.sqrt(h)));
}

export const MATCH_WEIGHTS = { text: 0.55, field: 0.17, trl: 0.1, budget: 0.06, modes: 0.05, district: 0.07 };
export type MatchWeights = typeof MATCH_WEIGHTS;
/**
 * Text similarity on one scale across queries: a hit's BM25F score divided by
 * TEXT_SCALE × the query's upper bound (what a document containing every query
 * term many times would score), capped at 1. Dividing by the best hit instead
 * would give every demand a "perfect" text match, however weak its best one.
 */
export const TEXT_SCALE = 0.3;

/**
 * The query's upper bound: each of its (at most MAX_QUERY_TERMS most specific)
 * distinct terms contributes at most idf·(k1+1). Terms no document contains
 * count as if one did: they are part of what was asked that nothing answers, so
 * a small corpus sharing one word with a long demand does not look like a match.
 */
export function textUpperBound(index: Bm25Index, query: readonly string[]): number {
  const rare = Math.log(1 + (index.size - 1 + 0.5) / 1.5);
  const idfs = [...new Set(query)].map((t) => Math.min(index.idf(t), rare)).sort((a, b) => b - a);
  return idfs.slice(0, MAX_QUERY_TERMS).reduce((s, x) => s + x * (BM25_K1 + 1), 0);
}
const FIELDS: FieldSpec[] = [
  { name: 'title', weight: 3, b: 0.6 },
  { name: 'keywords', weight: 2, b: 0.4 },
  { name: 'text', weight: 1, b: 0.75 },
];

export interface MatchReason {
  kind: 'terms' | 'field' | 'trl' | 'budget' | 'modes' | 'district';
  text: string;
  score: number;
}

export interface Match {
  id: number;
  score: number;
  reasons: MatchReason[];
  sharedTerms: string[];
}

const wan = (fen: number) => `${(fen / 1_000_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`;
const top = (code: string) => code.split('.')[0]!;

function fieldScore(a: readonly string[], b: readonly string[], name: (code: string) => string): { score: number; text: string } {
  const same = a.filter((x) => b.includes(x));
  if (same.length) {
    // Identical codes score 1; only subfield codes are called 细分领域 (a top-level code alone is a 领域).
    const sub = same.filter((x) => x.includes('.'));
    const topLevel = same.filter((x) => !x.includes('.'));
    const text = [sub.length ? `同属细分领域：${sub.map(name).join('、')}` : '', topLevel.length ? `同属领域：${topLevel.map(name).join('、')}` : ''].filter(Boolean).join('；');
    return { score: 1, text };
  }
  const ta = new Set(a.map(top));
  const shared = [...new Set(b.map(top))].filter((x) => ta.has(x));
  if (shared.length) return { score: 0.6, text: `同属领域：${shared.map(name).join('、')}` };
  return { score: 0, text: '领域不同' };
}

function trlScore(level: number, need: { min: number; max: number }): { score: number; text: string } {
  if (level >= need.min && level <= need.max) return { score: 1, text: `成熟度 TRL ${level}，在需求要求的 ${need.min}–${need.max} 之内` };
  const d = level < need.min ? need.min - level : level - need.max;
  return { score: Math.max(0, 1 - 0.3 * d), text: level < need.min ? `成熟度 TRL ${level}，低于要求的 ${need.min}（还需 ${d} 级的验证或中试）` : `成熟度 TRL ${level}，高于要求的 ${need.max}` };
}

function budgetScore(valuation: number | null, budget: { min: number; max: number } | null): { score: number; text: string } {
  if (valuation === null || budget === null) return { score: 0.5, text: valuation === null ? '成果未给出估值' : '需求未给出预算' };
  if (valuation <= budget.max) return { score: 1, text: `估值 ${wan(valuation)} 在预算 ${wan(budget.max)} 以内` };
  return { score: budget.max / valuation, text: `估值 ${wan(valuation)} 超出预算上限 ${wan(budget.max)}` };
}

function modeScore(a: readonly string[], b: readonly string[]): { score: number; text: string } {
  if (a.length === 0 || b.length === 0) return { score: 0.5, text: '转化方式未限定' };
  const both = a.filter((m) => b.includes(m));
  return both.length ? { score: 1, text: `双方都接受：${both.map((m) => MODE_LABEL[m] ?? m).join('、')}` } : { score: 0, text: '没有双方都接受的转化方式' };
}

function districtScore(a: string | null, b: string | null): { score: number; text: string } {
  const km = districtKm(a, b);
  if (km === null) return { score: 0.5, text: '地点不详' };
  return { score: 1 / (1 + km / 30), text: km === 0 ? '同一区县' : `相距约 ${km} 公里` };
}

/** An achievement's tokens per indexed field: title, keywords, abstract. */
const achievementTokens = (a: AchievementDoc): [string[], string[], string[]] => [tokenize(a.title), a.keywords.flatMap((k) => tokenize(k)), tokenize(a.abstract)];
/** A demand as a query: its title (twice) and problem. */
const demandQuery = (d: DemandDoc): string[] => [...tokenize(d.title), ...tokenize(d.title), ...tokenize(d.problem)];

/** Only unconverted (or negotiating), non-confidential achievements are recommended, from either side. */
export const recommendable = (a: Pick<AchievementDoc, 'status' | 'confidential'>) => !a.confidential && a.status !== 'converted';

export class Matcher {
  constructor(
    private readonly weights: MatchWeights = MATCH_WEIGHTS,
    private readonly textScale = TEXT_SCALE,
    /** Names fields in the reasons (codes when no taxonomy is given). */
    private readonly fieldName: (code: string) => string = (code) => code,
    /** Terms in more than `share` of the matched documents (once there are `minDocs`) cannot make a match alone (text/frequent.ts). */
    private readonly corpusStop = { share: CORPUS_STOP_SHARE, minDocs: CORPUS_STOP_MIN_DOCS },
  ) {}

  private readonly achievementIndex = new Bm25Index(FIELDS);
  private readonly demandIndex = new Bm25Index(FIELDS);
  private readonly achievements = new Map<number, AchievementDoc>();
  private readonly demands = new Map<number, DemandDoc>();

  /** Each demand's query (demandQuery), kept from when it was added: demandsFor re-scores candidates with it. */
  private readonly demandQueries = new Map<number, string[]>();
  /** Document frequencies over the documents matched (indexed achievements and demands), for the corpus stop terms. */
  private readonly corpus = new DocumentFrequency();

  addAchievement(a: AchievementDoc): void {
    this.achievements.set(a.id, a);
    if (!recommendable(a)) {
      this.achievementIndex.remove(a.id);
      this.corpus.remove(`a:${a.id}`);
    } else {
      const tokens = achievementTokens(a);
      this.achievementIndex.add(a.id, tokens);
      this.corpus.add(`a:${a.id}`, tokens.flat());
    }
  }

  addDemand(d: DemandDoc): void {
    this.demands.set(d.id, d);
    const title = tokenize(d.title);
    const problem = tokenize(d.problem);
    this.demandIndex.add(d.id, [title, [], problem]);
    this.demandQueries.set(d.id, demandQuery(d));
    this.corpus.add(`d:${d.id}`, [...title, ...problem]);
  }

  removeAchievement(id: number): void {
    this.achievements.delete(id);
    this.achievementIndex.remove(id);
    this.corpus.remove(`a:${id}`);
  }

  removeDemand(id: number): void {
    this.demands.delete(id);
    this.demandIndex.remove(id);
    this.demandQueries.delete(id);
    this.corpus.remove(`d:${id}`);
  }

  /** The corpus stop terms now: found in more than the set share of the matched documents; a pair sharing only these is no match. */
  corpusStopTerms(): Set<string> {
    return this.corpus.frequent(this.corpusStop.share, this.corpusStop.minDocs);
  }

  /** Whether a term is a corpus stop term now. */
  private frequent(t: string): boolean {
    return this.corpus.isFrequent(t, this.corpusStop.share, this.corpusStop.minDocs);
  }

  /** Whether a pair shares a term that says something (not only corpus stop terms): else it is no text match, and no candidate. */
  private specific(terms: readonly string[]): boolean {
    return terms.some((t) => !this.frequent(t));
  }

  /** What a text score is divided by for this demand query: TEXT_SCALE × its upper bound over the achievements. */
  private textDivisor(query: readonly string[]): number {
    return this.textScale * textUpperBound(this.achievementIndex, query);
  }

  /** Ranked achievements for a demand. */
  achievementsFor(demand: DemandDoc, k = 20): Match[] {
    const query = demandQuery(demand);
    const hits = this.achievementIndex.search(query, Math.max(200, k * 10)).filter((h) => this.specific(h.terms));
    const scale = this.textDivisor(query);
    return this.rank(
      hits.map((h) => ({ hit: h, textScore: Math.min(1, h.score / scale) })),
      (id) => this.achievements.get(id)!,
      (a) => [fieldScore(demand.fields, a.fields, this.fieldName), trlScore(a.trl, demand.requiredTrl), budgetScore(a.valuationFen, demand.budgetFen), modeScore(demand.modes, a.modes), districtScore(demand.district, a.district)],
      k,
    );
  }

  /**
   * Ranked demands for an achievement (none for one that is not recommended: converted or confidential). The
   * achievement's text finds the candidates in the demand index; each pair is then scored as achievementsFor
   * scores it (the demand's query against the achievement, on the achievements' statistics), so a pair has one
   * score and the same reasons from either side.
   */
  demandsFor(a: AchievementDoc, k = 20): Match[] {
    if (!recommendable(a)) return [];
    const tokens = achievementTokens(a);
    // Candidates by the achievement's terms that say something (corpus stop terms would only bring pairs dropped below).
    const query = [...tokens[0], ...tokens[0], ...tokens[1], ...tokens[2]].filter((t) => !this.frequent(t));
    const candidates: { hit: { id: number; terms: string[] }; textScore: number }[] = [];
    for (const c of this.demandIndex.search(query, Math.max(200, k * 10))) {
      const q = this.demandQueries.get(c.id)!;
      const hit = this.achievementIndex.scoreDocument(q, tokens);
      if (hit && this.specific(hit.terms)) candidates.push({ hit: { id: c.id, terms: hit.terms }, textScore: Math.min(1, hit.score / this.textDivisor(q)) });
    }
    return this.rank(
      candidates,
      (id) => this.demands.get(id)!,
      (d) => [fieldScore(d.fields, a.fields, this.fieldName), trlScore(a.trl, d.requiredTrl), budgetScore(a.valuationFen, d.budgetFen), modeScore(d.modes, a.modes), districtScore(d.district, a.district)],
      k,
    );
  }

  private rank<T>(candidates: { hit: { id: number; terms: string[] }; textScore: number }[], get: (id: number) => T, signals: (x: T) => { score: number; text: string }[], k: number): Match[] {
    const kinds = ['field', 'trl', 'budget', 'modes', 'district'] as const;
    const out = candidates.map(({ hit, textScore }) => {
      const s = signals(get(hit.id));
      const shared = hit.terms.slice(0, 6);
      const reasons: MatchReason[] = [{ kind: 'terms', text: `共同关键词：${shared.join('、')}`, score: Math.round(textScore * 100) / 100 }, ...s.map((x, i) => ({ kind: kinds[i]!, text: x.text, score: Math.round(x.score * 100) / 100 }))];
      const score = this.weights.text * textScore + kinds.reduce((acc, kind, i) => acc + this.weights[kind] * s[i]!.score, 0);
      return { id: hit.id, score: Math.round(score * 10000) / 10000, reasons, sharedTerms: shared };
    });
    out.sort((a, b) => b.score - a.score || a.id - b.id);
    return out.slice(0, k);
  }
}
