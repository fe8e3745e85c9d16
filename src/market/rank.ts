/**
 * Matching to parties, not only to documents: for a demand, the institutions
 * (by their matching achievements) and the experts (by their declared
 * expertise); for an achievement, the enterprises (by their matching demands,
 * their industry and their innovation capacity). Every ranking carries its
 * reasons, each with its 0–1 score, and declares its weights. Pure.
 */
import { districtKm, TEXT_SCALE, textUpperBound, type Match } from './match.js';
import { Bm25Index } from './search/bm25.js';

export interface RankedParty {
  /** Organisation id, or the expert profile's id for experts. */
  id: number;
  name: string;
  score: number;
  reasons: PartyReason[];
}

export interface PartyReason {
  kind: 'achievements' | 'demands' | 'terms' | 'field' | 'industry' | 'index' | 'district' | 'affiliation';
  text: string;
  score: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const round4 = (x: number) => Math.round(x * 10000) / 10000;

function nearness(a: string | null, b: string | null): { score: number; text: string } {
  const km = districtKm(a, b);
  if (km === null) return { score: 0.5, text: '地点不详' };
  return { score: 1 / (1 + km / 30), text: km === 0 ? '同一区县' : `相距约 ${km} 公里` };
}

// ------------------------------------------------------------------ institutions for a demand

export interface InstitutionRef {
  id: number;
  name: string;
  district: string | null;
}

/** An institution's score: its best matching achievement, plus a little for each further one worth recommending (up to four), and nearness. */
export const INSTITUTION_WEIGHTS = { best: 0.8, breadth: 0.1, district: 0.1 };
/** Achievement matches at or above this count towards an institution's breadth. */
export const BREADTH_FLOOR = 0.45;

/**
 * Ranks the institutions behind a demand's achievement matches. `matches` are
 * the demand's ranked achievements; `ownerOf` names each achievement's owner.
 */
export function rankInstitutions(matches: readonly (Match & { title: string })[], ownerOf: (achievementId: number) => InstitutionRef | undefined, demandDistrict: string | null, k = 10): RankedParty[] {
  const byOrg = new Map<number, { org: InstitutionRef; items: (Match & { title: string })[] }>();
  for (const m of matches) {
    const org = ownerOf(m.id);
    if (!org) continue;
    let g = byOrg.get(org.id);
    if (!g) byOrg.set(org.id, (g = { org, items: [] }));
    g.items.push(m);
  }
  const out: RankedParty[] = [];
  for (const { org, items } of byOrg.values()) {
    items.sort((a, b) => b.score - a.score);
    const best = items[0]!;
    const more = items.slice(1).filter((m) => m.score >= BREADTH_FLOOR).length;
    const breadth = Math.min(4, more) / 4;
    const near = nearness(demandDistrict, org.district);
    const score = INSTITUTION_WEIGHTS.best * best.score + INSTITUTION_WEIGHTS.breadth * breadth + INSTITUTION_WEIGHTS.district * near.score;
    const reasons: PartyReason[] = [
      { kind: 'achievements', text: `最相关的成果“${best.title}”（匹配度 ${round2(best.score)}）`, score: round2(best.score) },
      { kind: 'achievements', text: more ? `另有 ${more} 项成果匹配度在 ${BREADTH_FLOOR} 以上` : '没有其他高匹配度的成果', score: round2(breadth) },
      { kind: 'district', text: near.text, score: round2(near.score) },
    ];
    out.push({ id: org.id, name: org.name, score: round4(score), reasons });
  }
  out.sort((a, b) => b.score - a.score || a.id - b.id);
  return out.slice(0, k);
}

// ------------------------------------------------------------------ experts for a demand

export interface ExpertDoc {
  id: number;
  name: string;
  title: string;
  orgId: number | null;
  orgName: string | null;
  fields: readonly string[];
  /** Expertise tokens (jieba). */
  tokens: readonly string[];
}

export const EXPERT_WEIGHTS = { text: 0.7, field: 0.3 };

/** Experts indexed by their declared expertise; ranked for a demand by shared terms and field agreement. */
export class ExpertIndex {
  private readonly index = new Bm25Index([{ name: 'expertise', weight: 1, b: 0.5 }]);
  private readonly experts = new Map<number, ExpertDoc>();

  constructor(private readonly fieldName: (code: string) => string = (c) => c) {}

  /** Adds an expert, or replaces the one with the same id. */
  add(e: ExpertDoc): void {
    this.experts.set(e.id, e);
    this.index.add(e.id, [[...e.tokens]]);
  }

  remove(id: number): void {
    this.experts.delete(id);
    this.index.remove(id);
  }

  get size(): number {
    return this.experts.size;
  }

  /**
   * Experts for a demand (its tokens and fields). Experts of `excludeOrgId` (the
   * demand's own enterprise) are left out: they cannot advise on it impartially.
   */
  rankFor(query: readonly string[], fields: readonly string[], excludeOrgId: number | null, k = 10): RankedParty[] {
    const scale = TEXT_SCALE * textUpperBound(this.index, query);
    const hits = this.index.search(query, Math.max(100, k * 10));
    const textOf = new Map(hits.map((h) => [h.id, h]));
    // Experts in the demand's fields are candidates even without shared terms.
    const tops = new Set(fields.map((f) => f.split('.')[0]!));
    const candidates = new Set(hits.map((h) => h.id));
    for (const e of this.experts.values()) if (e.fields.some((f) => fields.includes(f) || tops.has(f.split('.')[0]!))) candidates.add(e.id);
    const out: RankedParty[] = [];
    for (const id of candidates) {
      const e = this.experts.get(id)!;
      if (excludeOrgId !== null && e.orgId === excludeOrgId) continue;
      const hit = textOf.get(id);
      const text = hit && scale > 0 ? Math.min(1, hit.score / scale) : 0;
      const exact = e.fields.filter((f) => fields.includes(f));
      const sameTop = [...new Set(e.fields.map((f) => f.split('.')[0]!))].filter((t) => tops.has(t));
      const field = exact.length ? { score: 1, text: `专长细分领域：${exact.map(this.fieldName).join('、')}` } : sameTop.length ? { score: 0.6, text: `专长领域：${sameTop.map(this.fieldName).join('、')}` } : { score: 0, text: '专长领域不同' };
      const terms = hit?.terms.slice(0, 6) ?? [];
      const reasons: PartyReason[] = [
        { kind: 'terms', text: terms.length ? `专长与需求共同的词：${terms.join('、')}` : '专长描述与需求没有共同的词', score: round2(text) },
        { kind: 'field', text: field.text, score: field.score },
        { kind: 'affiliation', text: [e.title, e.orgName].filter(Boolean).join('，') || '未登记单位', score: 1 },
      ];
      out.push({ id, name: e.name, score: round4(EXPERT_WEIGHTS.text * text + EXPERT_WEIGHTS.field * field.score), reasons });
    }
    out.sort((a, b) => b.score - a.score || a.id - b.id);
    return out.slice(0, k);
  }
}

// ------------------------------------------------------------------ enterprises for an achievement

/**
 * The national industry divisions (GB/T 4754) where a field's technology is
 * typically put to use: the platform's own judgement, for ranking enterprises
 * that have not (yet) published a demand. Keyed by top field.
 */
export const FIELD_INDUSTRIES: Record<string, readonly string[]> = {
  ai: ['65', '64', '39'],
  embodied: ['34', '35', '38', '39'],
  photonics: ['39', '40', '35'],
  quantum: ['39', '40', '63', '65'],
  superconduct: ['38', '32', '40'],
  atomic: ['39', '35', '32'],
  ic: ['39'],
  display: ['39'],
  biomed: ['27', '35', '40', '73'],
  biomanuf: ['26', '27', '14', '28'],
  aerospace: ['37', '34'],
  lowalt: ['37', '39', '56'],
  newmat: ['26', '28', '29', '30', '32'],
  energy: ['38', '44', '26'],
  auto: ['36', '38'],
  equip: ['34', '35', '40'],
  it: ['39', '63', '64', '65'],
  env: ['77', '42', '46', '35'],
};

export interface EnterpriseRef {
  id: number;
  name: string;
  district: string | null;
  industryCode: string | null;
  industryName: string | null;
  /** Latest 科创指数 percentile in its cohort (0–100), when scored. */
  percentile: number | null;
}

export const ENTERPRISE_WEIGHTS = { demand: 0.55, industry: 0.2, index: 0.15, district: 0.1 };

/**
 * Ranks enterprises for an achievement: those whose published demands match it
 * (by the best such match), and those in an industry where its fields are put
 * to use; their innovation capacity (科创指数 percentile) and nearness count too.
 */
export function rankEnterprises(
  achievement: { fields: readonly string[]; district: string | null },
  demandMatches: readonly (Match & { title: string; orgId: number })[],
  enterprises: readonly EnterpriseRef[],
  fieldName: (code: string) => string,
  k = 10,
): RankedParty[] {
  const tops = [...new Set(achievement.fields.map((f) => f.split('.')[0]!))];
  const industries = new Map<string, string>();
  for (const t of tops) for (const code of FIELD_INDUSTRIES[t] ?? []) if (!industries.has(code)) industries.set(code, t);
  const bestDemand = new Map<number, Match & { title: string }>();
  for (const m of demandMatches) {
    const cur = bestDemand.get(m.orgId);
    if (!cur || m.score > cur.score) bestDemand.set(m.orgId, m);
  }
  const out: RankedParty[] = [];
  for (const e of enterprises) {
    const d = bestDemand.get(e.id);
    const field = e.industryCode ? industries.get(e.industryCode) : undefined;
    if (!d && !field) continue;
    const near = nearness(achievement.district, e.district);
    const idx = e.percentile === null ? 0 : e.percentile / 100;
    const reasons: PartyReason[] = [
      d ? { kind: 'demands', text: `发布的需求“${d.title}”与成果匹配（匹配度 ${round2(d.score)}）`, score: round2(d.score) } : { kind: 'demands', text: '尚未发布相关技术需求', score: 0 },
      field ? { kind: 'industry', text: `所属行业“${e.industryName ?? e.industryCode}”是${fieldName(field)}技术的应用行业`, score: 1 } : { kind: 'industry', text: `所属行业“${e.industryName ?? '未登记'}”不在成果领域的应用行业之列`, score: 0 },
      e.percentile === null ? { kind: 'index', text: '暂无科创指数', score: 0 } : { kind: 'index', text: `科创指数高于同组 ${e.percentile}% 的企业（承接能力）`, score: round2(idx) },
      { kind: 'district', text: near.text, score: round2(near.score) },
    ];
    const score = ENTERPRISE_WEIGHTS.demand * (d?.score ?? 0) + ENTERPRISE_WEIGHTS.industry * (field ? 1 : 0) + ENTERPRISE_WEIGHTS.index * idx + ENTERPRISE_WEIGHTS.district * near.score;
    out.push({ id: e.id, name: e.name, score: round4(score), reasons });
  }
  out.sort((a, b) => b.score - a.score || a.id - b.id);
  return out.slice(0, k);
}

