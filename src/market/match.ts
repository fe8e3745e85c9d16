/**
 * Two-way matching of enterprise technology demands and university achievements,
 * with the reasons for every match: the shared terms, field agreement, TRL fit
 * (the demand's required range vs the achievement's level), budget vs valuation,
 * the conversion modes both accept, and the distance between districts.
 * Text similarity is the demand's text as a BM25F query against the achievement's
 * title, keywords and text — from either side, so a pair has one score; a pair
 * that shares only corpus stop terms (words in more than 8% of the matched
 * documents, text/frequent.ts) is no match. The other signals are scored 0–1
 * and combined with declared weights; fields that differ at the top level may
 * still be neighbours, by links learned from the fields documents carry
 * together (engine/field-links.ts, NEIGHBOUR_FIELDS). Pure.
 */
import { Bm25Index, MAX_QUERY_TERMS, type FieldSpec } from './search/bm25.js';

/** The indexes' saturation constant (Bm25Index's default). */
const BM25_K1 = 1.2;
import { FIELD_LINK_MEASURE, FIELD_LINK_MIN_SUPPORT, FieldLinks, type LinkMeasure } from './engine/field-links.js';
import { NgramIndex } from './engine/ngram.js';
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

/**
 * The signals' weights (they add up to 1), fitted rather than chosen: coordinate ascent on mean nDCG@10 over the dev
 * half of eval/market-independent, from the earlier hand weights (text 0.55, field 0.17, TRL 0.10, budget 0.06, modes
 * 0.05, district 0.07). bench/fit-weights.ts reruns it; the optimum is flat and its second decimal moves with the
 * starting point (text 0.70–0.83, field 0.10–0.17, TRL, budget and district ≤ 0.05): these are the first fit's. On
 * dev they score 0.598 (5-fold CV of the procedure 0.57–0.58) against the hand weights' 0.556; on eval/market, which no
 * fit sees, 0.899 against 0.858. Text carries most; TRL and budget little by themselves (an achievement well below the
 * required TRL or far over budget is still pushed down: HARD_REQUIREMENTS).
 */
export const MATCH_WEIGHTS = { text: 0.7, field: 0.17, trl: 0.05, budget: 0.01, modes: 0.02, district: 0.05 };
export type MatchWeights = typeof MATCH_WEIGHTS;
/** The signals in a fixed order (as fitted: engine/fit.ts, engine/outcomes.ts). */
export const MATCH_SIGNALS = ['text', 'field', 'trl', 'budget', 'modes', 'district'] as const satisfies readonly (keyof MatchWeights)[];
export const weightsToList = (w: MatchWeights): number[] => MATCH_SIGNALS.map((k) => w[k]);
export const weightsFromList = (l: readonly number[]): MatchWeights => Object.fromEntries(MATCH_SIGNALS.map((k, i) => [k, l[i]!])) as MatchWeights;
/** Stored weights (JSON), valid only with every signal a finite number ≥ 0; else null (never a broken ranking). */
export function parseWeights(json: string): MatchWeights | null {
  try {
    const w = JSON.parse(json) as Record<string, unknown>;
    return MATCH_SIGNALS.every((k) => typeof w[k] === 'number' && Number.isFinite(w[k]) && w[k] >= 0) ? weightsFromList(MATCH_SIGNALS.map((k) => w[k] as number)) : null;
  } catch {
    return null;
  }
}
/**
 * Text similarity on one scale across queries: a hit's BM25F score divided by
 * TEXT_SCALE × the query's upper bound (what a document containing every query
 * term many times would score), capped at 1. Dividing by the best hit instead
 * would give every demand a "perfect" text match, however weak its best one.
 */
export const TEXT_SCALE = 0.3;

/**
 * The surface layer beside BM25F: character-bigram TF-IDF cosine between the demand's text and the achievement's
 * (engine/ngram.ts). It needs no segmentation, so it meets what jieba splits differently on the two sides and
 * partial overlaps of compounds. The text score is (1 − share) × BM25F + share × min(1, cosine / scale). A pair
 * with no shared word that says something (see corpus stop terms) is a candidate only on a bigram part of at least
 * `bigramAlone`: generic wording alone does not make a match on either layer.
 * Both from eval/market-independent's dev half (never its test half): see docs/matching.md.
 */
export const TEXT_BLEND = { bigramShare: 0.5, bigramScale: 0.35, bigramAlone: 0.5 };
export type TextBlend = typeof TEXT_BLEND;

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

/** A pair whose fields differ but share a top-level field (what a neighbouring field may score at most). */
export const SAME_TOP_FIELD_SCORE = 0.6;

/**
 * Neighbouring fields (engine/field-links.ts): a pair with no top-level field in common scores, as its field signal,
 * min(SAME_TOP_FIELD_SCORE, factor × the strongest learned link between a field of the demand and one of the
 * achievement), instead of 0. The links are learned from the fields of the documents the matcher holds (every
 * achievement, every demand) plus any evidence given (matched pairs), kept current as documents come and go.
 * The factor was chosen on eval/market-independent's dev half (bench/market-eval.ts --neighbour-factor, never its test
 * half; docs/matching.md): with NPMI links, factors 1–2 gave the same dev figures (nDCG@10 0.598 as without,
 * recall@20 0.841 → 0.886), 3 and more lowered nDCG@10; 1.5 is the middle. 0 turns neighbours off.
 */
export const NEIGHBOUR_FIELD_FACTOR = 1.5;
export const NEIGHBOUR_FIELDS: NeighbourFields = { factor: NEIGHBOUR_FIELD_FACTOR, minSupport: FIELD_LINK_MIN_SUPPORT, measure: FIELD_LINK_MEASURE };
export interface NeighbourFields {
  factor: number;
  minSupport: number;
  measure: LinkMeasure;
}

type Neighbour = (a: readonly string[], b: readonly string[]) => { from: string; to: string; strength: number } | null;

function fieldScore(a: readonly string[], b: readonly string[], name: (code: string) => string, near?: { strongest: Neighbour; factor: number }): { score: number; text: string } {
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
  if (shared.length) return { score: SAME_TOP_FIELD_SCORE, text: `同属领域：${shared.map(name).join('、')}` };
  const link = near && near.factor > 0 ? near.strongest(a, b) : null;
  const score = link ? Math.min(SAME_TOP_FIELD_SCORE, near!.factor * link.strength) : 0;
  if (link && score > 0) return { score, text: `相邻领域：${name(link.from)}—${name(link.to)}` };
  return { score: 0, text: '领域不同' };
}

/**
 * Hard requirements: an achievement more than `trlTolerance` levels below the demand's minimum TRL, or valued
 * more than `overBudgetRatio` times its budget, is pushed down (its whole score multiplied: −10% a level beyond the
 * tolerance, at most −30%; −10% over budget), not merely scored lower on one signal, and the reason says so. One
 * level short stays a soft signal (a pilot run closes it). Set from the finding (a TRL 5 achievement ranked
 * first for a demand requiring 7), not fitted: the evaluation sets grade substance only (docs/matching.md).
 */
export const HARD_REQUIREMENTS = { trlTolerance: 1, trlBelowPerLevel: 0.1, trlBelowFloor: 0.7, overBudgetRatio: 3, overBudgetFactor: 0.9 };
export type HardRequirements = typeof HARD_REQUIREMENTS;
const DOWN = '（未满足需求的硬性要求，排序下调）';

interface Signal {
  score: number;
  text: string;
  /** Multiplies the pair's score (1: no effect). */
  factor?: number;
}

function trlScore(level: number, need: { min: number; max: number }, hard: HardRequirements): Signal {
  if (level >= need.min && level <= need.max) return { score: 1, text: `成熟度 TRL ${level}，在需求要求的 ${need.min}–${need.max} 之内` };
  const d = level < need.min ? need.min - level : level - need.max;
  if (level > need.max) return { score: Math.max(0, 1 - 0.3 * d), text: `成熟度 TRL ${level}，高于要求的 ${need.max}` };
  return { score: Math.max(0, 1 - 0.3 * d), text: `成熟度 TRL ${level}，低于要求的 ${need.min}（还需 ${d} 级的验证或中试）${DOWN}`, factor: Math.max(hard.trlBelowFloor, 1 - hard.trlBelowPerLevel * Math.max(0, d - hard.trlTolerance)) };
}

function budgetScore(valuation: number | null, budget: { min: number; max: number } | null, hard: HardRequirements): Signal {
  if (valuation === null || budget === null) return { score: 0.5, text: valuation === null ? '成果未给出估值' : '需求未给出预算' };
  if (valuation <= budget.max) return { score: 1, text: `估值 ${wan(valuation)} 在预算 ${wan(budget.max)} 以内` };
  const far = valuation > hard.overBudgetRatio * budget.max;
  return { score: budget.max / valuation, text: `估值 ${wan(valuation)} 超出预算上限 ${wan(budget.max)}${far ? DOWN : ''}`, ...(far ? { factor: hard.overBudgetFactor } : {}) };
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
/** The texts the bigram layer compares (titles twice, as in the queries). */
const achievementText = (a: AchievementDoc) => `${a.title} ${a.title} ${a.keywords.join(' ')} ${a.abstract}`;
const demandText = (d: DemandDoc) => `${d.title} ${d.title} ${d.problem}`;

/** Only unconverted (or negotiating), non-confidential achievements are recommended, from either side. */
export const recommendable = (a: Pick<AchievementDoc, 'status' | 'confidential'>) => !a.confidential && a.status !== 'converted';

/** A candidate pair: the other side's id, the shared terms (BM25F), the text score and its bigram part. */
interface TextCandidate {
  hit: { id: number; terms: string[] };
  textScore: number;
  bigram: number;
}

export class Matcher {
  constructor(
    private weights: MatchWeights = MATCH_WEIGHTS,
    private readonly textScale = TEXT_SCALE,
    /** Names fields in the reasons (codes when no taxonomy is given). */
    private readonly fieldName: (code: string) => string = (code) => code,
    /** Terms in more than `share` of the matched documents (once there are `minDocs`) cannot make a match alone (text/frequent.ts). */
    private readonly corpusStop = { share: CORPUS_STOP_SHARE, minDocs: CORPUS_STOP_MIN_DOCS },
    private readonly blend: TextBlend = TEXT_BLEND,
    private readonly hard: HardRequirements = HARD_REQUIREMENTS,
    private readonly neighbour: NeighbourFields = NEIGHBOUR_FIELDS,
  ) {
    this.fieldLinks = new FieldLinks({ minSupport: neighbour.minSupport, measure: neighbour.measure });
  }

  /** Links between top-level fields, learned from the held documents' fields and the evidence given (engine/field-links.ts). */
  private readonly fieldLinks: FieldLinks;
  private readonly near = (a: readonly string[], b: readonly string[]) => this.fieldLinks.strongest(a, b);
  /** A pair's signals besides text, in the order of MATCH_SIGNALS after 'text' (one place, for both directions and the fit). */
  private signals(d: DemandDoc, a: AchievementDoc): Signal[] {
    return [this.fieldScore(d.fields, a.fields), trlScore(a.trl, d.requiredTrl, this.hard), budgetScore(a.valuationFen, d.budgetFen, this.hard), modeScore(d.modes, a.modes), districtScore(d.district, a.district)];
  }

  private fieldScore(demand: readonly string[], achievement: readonly string[]) {
    return fieldScore(demand, achievement, this.fieldName, { strongest: this.near, factor: this.neighbour.factor });
  }

  /**
   * More evidence for the field links under a key of the caller's (replacing what the key gave before): a set of
   * fields that belong together, or a matched pair (a demand's fields × those of the achievement it was signed or
   * accepted with), with a weight.
   */
  addFieldEvidence(key: string, fields: readonly string[], weight = 1): void {
    this.fieldLinks.add(`x:${key}`, fields, weight);
  }
  addMatchedPairEvidence(key: string, demandFields: readonly string[], achievementFields: readonly string[], weight = 1): void {
    this.fieldLinks.addPair(`x:${key}`, demandFields, achievementFields, weight);
  }
  removeFieldEvidence(key: string): void {
    this.fieldLinks.remove(`x:${key}`);
  }
  /** The field links that count now, strongest first (for reports). */
  fieldLinkList() {
    return this.fieldLinks.links();
  }

  /** Character bigrams of the recommendable achievements (demands query it) and of the demands (candidates for an achievement). */
  private readonly achievementGrams = new NgramIndex();
  private readonly demandGrams = new NgramIndex();
  private readonly demandTexts = new Map<number, string>();

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
    this.fieldLinks.add(`a:${a.id}`, a.fields);
    if (!recommendable(a)) {
      this.achievementIndex.remove(a.id);
      this.achievementGrams.remove(a.id);
      this.corpus.remove(`a:${a.id}`);
    } else {
      const tokens = achievementTokens(a);
      this.achievementIndex.add(a.id, tokens);
      this.achievementGrams.add(a.id, achievementText(a));
      this.corpus.add(`a:${a.id}`, tokens.flat());
    }
  }

  addDemand(d: DemandDoc): void {
    this.demands.set(d.id, d);
    this.fieldLinks.add(`d:${d.id}`, d.fields);
    const title = tokenize(d.title);
    const problem = tokenize(d.problem);
    this.demandIndex.add(d.id, [title, [], problem]);
    this.demandQueries.set(d.id, demandQuery(d));
    this.demandTexts.set(d.id, demandText(d));
    this.demandGrams.add(d.id, demandText(d));
    this.corpus.add(`d:${d.id}`, [...title, ...problem]);
  }

  removeAchievement(id: number): void {
    this.achievements.delete(id);
    this.fieldLinks.remove(`a:${id}`);
    this.achievementIndex.remove(id);
    this.achievementGrams.remove(id);
    this.corpus.remove(`a:${id}`);
  }

  removeDemand(id: number): void {
    this.demands.delete(id);
    this.fieldLinks.remove(`d:${id}`);
    this.demandIndex.remove(id);
    this.demandQueries.delete(id);
    this.demandTexts.delete(id);
    this.demandGrams.remove(id);
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

  /** The text score of a pair from its two layers: (1 − share) × BM25F part + share × bigram part, each 0–1. */
  private textScore(bm25: number, bigram: number): { score: number; bigram: number } {
    const b = Math.min(1, bigram / this.blend.bigramScale);
    return { score: (1 - this.blend.bigramShare) * bm25 + this.blend.bigramShare * b, bigram: b };
  }

  /**
   * A demand's candidates and their text scores: the BM25F hits that share a term that says something, and the
   * achievements nearest by bigrams (what the words missed); each scored by both layers.
   */
  private textCandidates(query: readonly string[], text: string, pool: number): TextCandidate[] {
    const scale = this.textDivisor(query);
    const byId = new Map<number, { terms: string[]; bm25: number }>();
    for (const h of this.achievementIndex.search(query, pool)) if (this.specific(h.terms)) byId.set(h.id, { terms: h.terms, bm25: Math.min(1, h.score / scale) });
    for (const h of this.achievementGrams.search(text, pool, undefined, undefined, this.corpusStop)) if (!byId.has(h.id)) byId.set(h.id, { terms: [], bm25: 0 });
    const ids = [...byId.keys()];
    const cos = this.achievementGrams.similarities(text, ids, this.corpusStop);
    const out: TextCandidate[] = [];
    ids.forEach((id, i) => {
      const c = byId.get(id)!;
      const t = this.textScore(c.bm25, cos[i]!);
      if (c.terms.length > 0 || t.bigram >= this.blend.bigramAlone) out.push({ hit: { id, terms: c.terms }, textScore: t.score, bigram: t.bigram });
    });
    return out;
  }

  /** Ranked achievements for a demand. */
  achievementsFor(demand: DemandDoc, k = 20): Match[] {
    return this.rank(
      this.textCandidates(demandQuery(demand), demandText(demand), Math.max(200, k * 10)),
      (id) => this.achievements.get(id)!,
      (a) => this.signals(demand, a),
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
    const pool = Math.max(200, k * 10);
    // Bigram candidates: every demand sharing a character pair with the achievement (nothing skipped), so the pairs
    // found here are the ones found from the demands' side.
    const ids = new Set([...this.demandIndex.search(query, pool).map((c) => c.id), ...this.demandGrams.search(achievementText(a), pool, undefined, 1).map((c) => c.id)]);
    const candidates: TextCandidate[] = [];
    for (const id of ids) {
      const q = this.demandQueries.get(id)!;
      const hit = this.achievementIndex.scoreDocument(q, tokens);
      const words = hit && this.specific(hit.terms) ? { terms: hit.terms, bm25: Math.min(1, hit.score / this.textDivisor(q)) } : { terms: [], bm25: 0 };
      const t = this.textScore(words.bm25, this.achievementGrams.similarity(this.demandTexts.get(id)!, a.id, this.corpusStop));
      if (words.terms.length > 0 || t.bigram >= this.blend.bigramAlone) candidates.push({ hit: { id, terms: words.terms }, textScore: t.score, bigram: t.bigram });
    }
    return this.rank(
      candidates,
      (id) => this.demands.get(id)!,
      (d) => this.signals(d, a),
      k,
    );
  }

  /** The weights in use. */
  get currentWeights(): MatchWeights {
    return { ...this.weights };
  }

  /** Ranks with new weights from now on (a re-fit from the pipeline's outcomes); the indexes are untouched. */
  setWeights(w: MatchWeights): void {
    this.weights = { ...w };
  }

  /**
   * Pairs' signals in the order of MATCH_SIGNALS, each 0–1, as the ranking computes them, and their hard-requirement
   * factors: the evidence the weights are fitted on. Pairs no longer matched count too (a closed demand; a converted
   * or confidential achievement, put back in the text indexes for the computation — as they were when the pair was
   * made — and taken out again in the same synchronous step, so no search sees them).
   */
  pairSignals(pairs: readonly { demand: DemandDoc; achievement: AchievementDoc }[]): { signals: number[]; factor: number }[] {
    const outside = [...new Map(pairs.map((p) => [p.achievement.id, p.achievement])).values()].filter((a) => !this.achievementGrams.has(a.id));
    for (const a of outside) {
      this.achievementIndex.add(a.id, achievementTokens(a));
      this.achievementGrams.add(a.id, achievementText(a));
    }
    try {
      return pairs.map(({ demand: d, achievement: a }) => {
        const q = demandQuery(d);
        const hit = this.achievementIndex.scoreDocument(q, achievementTokens(a));
        const bm25 = hit && this.specific(hit.terms) ? Math.min(1, hit.score / this.textDivisor(q)) : 0;
        const s = this.signals(d, a);
        const text = this.textScore(bm25, this.achievementGrams.similarity(demandText(d), a.id, this.corpusStop)).score;
        return { signals: [text, ...s.map((x) => x.score)], factor: s.reduce((f, x) => f * (x.factor ?? 1), 1) };
      });
    } finally {
      for (const a of outside) {
        this.achievementIndex.remove(a.id);
        this.achievementGrams.remove(a.id);
      }
    }
  }

  private rank<T>(candidates: TextCandidate[], get: (id: number) => T, signals: (x: T) => Signal[], k: number): Match[] {
    const kinds = ['field', 'trl', 'budget', 'modes', 'district'] as const;
    const out = candidates.map(({ hit, textScore, bigram }) => {
      const s = signals(get(hit.id));
      const shared = hit.terms.slice(0, 6);
      const words = shared.length ? `共同关键词：${shared.join('、')}` : '没有共同关键词';
      const reasons: MatchReason[] = [{ kind: 'terms', text: `${words}；字面相近度 ${Math.round(bigram * 100) / 100}`, score: Math.round(textScore * 100) / 100 }, ...s.map((x, i) => ({ kind: kinds[i]!, text: x.text, score: Math.round(x.score * 100) / 100 }))];
      const factor = s.reduce((f, x) => f * (x.factor ?? 1), 1);
      const score = factor * (this.weights.text * textScore + kinds.reduce((acc, kind, i) => acc + this.weights[kind] * s[i]!.score, 0));
      return { id: hit.id, score: Math.round(score * 10000) / 10000, reasons, sharedTerms: shared };
    });
    out.sort((a, b) => b.score - a.score || a.id - b.id);
    return out.slice(0, k);
  }
}
