/**
 * The 科创指数 on screen: scores, shares, indicator values by unit, the radar's pillar
 * achievement, grade colours, rank intervals, method documents in reading order and the
 * server's method-error paths. Pure (no React), tested in format.test.ts.
 */
import type { MessageKey } from '../../lib/messages.js';
import type { Explanation, GradeDef, MethodPreview } from './types.js';

/** Score with two decimals, "—" when not scored. */
export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined || !Number.isFinite(score) ? '—' : score.toFixed(2);
}

/** A 0–1 share as a whole percentage ("95%"). */
export function formatShare(share: number | null | undefined, digits = 0): string {
  return share === null || share === undefined || !Number.isFinite(share) ? '—' : `${(share * 100).toFixed(digits)}%`;
}

/** A cohort percentile (0–100, one decimal from the server): "97.4", "75". */
export function formatPercentile(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  return Number.isInteger(p) ? String(p) : p.toFixed(1);
}

/** Signed number with a plus for gains ("+3", "-2", "0"). */
export function signed(n: number, digits = 0): string {
  const s = n.toFixed(digits);
  return n > 0 ? `+${s}` : s;
}

/** The catalogue's units, as the server spells them, and their words on screen. */
export type UnitWords = Record<'ratio' | 'wan' | 'wanPerHead' | 'perHundred' | 'items' | 'count' | 'points', string>;
const UNIT_KEY: Record<string, keyof UnitWords> = { 比例: 'ratio', 万元: 'wan', '万元/人': 'wanPerHead', '件/百人': 'perHundred', 件: 'items', 个: 'count', 分: 'points' };

/**
 * An indicator value in its unit: 比例 as a percentage with one decimal, 万元 with up to
 * two decimals and grouping, counts as integers (or two decimals), with the unit's word.
 */
export function formatIndicator(value: number | null | undefined, unit: string, words: UnitWords, locale = 'zh-CN'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const kind = UNIT_KEY[unit];
  if (kind === 'ratio') return `${(value * 100).toFixed(1)}%`;
  const n = kind === 'wan' || kind === 'wanPerHead' ? value.toLocaleString(locale, { maximumFractionDigits: 2 }) : Number.isInteger(value) ? value.toLocaleString(locale) : value.toFixed(2);
  const word = kind ? words[kind] : unit;
  return word ? `${n} ${word}` : n;
}

/**
 * The radar: each pillar's contribution as a share of the most it could give
 * (contribution ÷ (100 × pillar weight)), in percent; pillars that weigh nothing at the
 * enterprise's stage are left out.
 */
export function pillarAchievement(pillars: Explanation['pillars']): { code: string; label: string; percent: number; contribution: number; maxPoints: number }[] {
  return pillars
    .filter((p) => p.weight > 0)
    .map((p) => {
      const maxPoints = 100 * p.weight;
      const share = Math.min(1, Math.max(0, p.contribution / maxPoints));
      return { code: p.code, label: p.label, percent: Math.round(share * 1000) / 10, contribution: p.contribution, maxPoints: Math.round(maxPoints * 100) / 100 };
    });
}

/** Tag colours by grade position: the best green, then blue, gold, and the lowest red. */
export function gradeColor(grade: string | null | undefined, grades: readonly Pick<GradeDef, 'grade'>[] = DEFAULT_GRADES): string | undefined {
  if (!grade) return undefined;
  const palette = ['green', 'blue', 'gold', 'volcano', 'red'];
  const i = grades.findIndex((g) => g.grade === grade);
  if (i < 0) return undefined;
  if (i === grades.length - 1 && grades.length > 1) return 'volcano';
  return palette[Math.min(i, palette.length - 1)];
}
/** The built-in method's grades: their letters and order colour tags before (or without) the current method. */
export const DEFAULT_GRADES: readonly GradeDef[] = [
  { grade: 'A', label: '领先', min: 50 },
  { grade: 'B', label: '良好', min: 35 },
  { grade: 'C', label: '一般', min: 20 },
  { grade: 'D', label: '待提升', min: 0 },
];

/** "12 [8–15]": median rank and its 90% interval. */
export function formatRankRange(r: { median: number; p5: number; p95: number } | null | undefined): string {
  return r ? `${r.median} [${r.p5}–${r.p95}]` : '—';
}

/** The first characters of a hash, for "可复算核验" lines. */
export function hashPrefix(hash: string | null | undefined, n = 12): string {
  return hash ? hash.slice(0, n) : '—';
}

// ------------------------------------------------------------------ codes → message keys

export const PILLAR_CODES = ['rd', 'talent', 'ip', 'conversion', 'platform', 'growth', 'capital', 'qual'] as const;
export const INDICATOR_CODES = [
  'rd_intensity', 'rd_growth', 'st_staff_share', 'invention_per_100', 'high_value_share', 'software_copyrights', 'software_per_100', 'hightech_share',
  'tech_contract_income', 'tech_contract_per_staff', 'rd_institutions', 'revenue_growth', 'net_assets_growth', 'equity_financing', 'equity_per_staff', 'qualification_points',
] as const;

/** The message key of a pillar or indicator code the dictionary knows, else undefined (show the server's name). */
export function pillarKey(code: string): MessageKey | undefined {
  return (PILLAR_CODES as readonly string[]).includes(code) ? (`index.pillar.${code}` as MessageKey) : undefined;
}
export function indicatorKey(code: string): MessageKey | undefined {
  return (INDICATOR_CODES as readonly string[]).includes(code) ? (`index.indicator.${code}` as MessageKey) : undefined;
}

/** A reason code (`rd_intensity_high`) → its indicator code and direction. */
export function parseReasonCode(code: string): { indicator: string; direction: 'high' | 'low' | null } {
  const m = /^(.*)_(high|low)$/.exec(code);
  return m ? { indicator: m[1]!, direction: m[2] as 'high' | 'low' } : { indicator: code, direction: null };
}

// ------------------------------------------------------------------ the method document

const METHOD_ORDER = ['id', 'title', 'edition', 'note', 'stages', 'gates', 'pillars', 'indicators', 'imputation', 'coverage', 'grades', 'cutoffs'];
const NESTED_ORDER = ['code', 'flag', 'grade', 'label', 'weight', 'weights', 'transform', 'goalposts', 'startup', 'growth', 'mature', 'startupMaxAge', 'growthMaxAge', 'min', 'max', 'score', 'method', 'minCohort', 'minToGrade', 'minObservedInCohort'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function ordered(v: unknown, order: readonly string[]): unknown {
  if (Array.isArray(v)) return v.map((x) => ordered(x, NESTED_ORDER));
  if (!isObject(v)) return v;
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i === -1 ? order.length : i;
  };
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort((a, b) => rank(a) - rank(b))) out[k] = ordered(v[k], NESTED_ORDER);
  return out;
}

/**
 * A method document pretty-printed in reading order (the store keeps canonical,
 * alphabetical JSON); small objects ({ min, max }, stage weights) on one line.
 */
export function formatMethod(doc: unknown): string {
  const text = JSON.stringify(ordered(doc, METHOD_ORDER), null, 2);
  // {"startup": 0.25, "growth": 0.25, "mature": 0.25} and {"min": 0, "max": 0.15} read better on one line.
  return text.replace(/\{\n\s+("(?:startup|min)": [^,\n]+),\n\s+("(?:growth|max)": [^,\n]+)(?:,\n\s+("mature": [^,\n]+))?\n\s+\}/g, (_all, a: string, b: string, c: string | undefined) =>
    `{ ${[a, b, c].filter(Boolean).join(', ')} }`,
  );
}

/**
 * The server names some method errors by a logical path (`pillars.weights.startup` for
 * a sum over every pillar, `indicators(rd)` for a pillar's indicator weights): the
 * nearest real place in the document, for locating them in the editor.
 */
export function methodErrorPath(field: string): string {
  const m = /^(\w+)\(\w+\)$/.exec(field);
  if (m) return m[1]!;
  if (/^pillars\.weights\.\w+$/.test(field)) return 'pillars';
  return field;
}

// ------------------------------------------------------------------ preview

/** The grade transition matrix as rows: before grade → count per after grade (and the row total). */
export function transitionRows(p: Pick<MethodPreview, 'transitions' | 'gradesBefore' | 'gradesAfter'>): { from: string; counts: Record<string, number>; total: number }[] {
  return p.gradesBefore.map((from) => {
    const row = p.transitions[from] ?? {};
    const counts = Object.fromEntries(p.gradesAfter.map((to) => [to, row[to] ?? 0]));
    return { from, counts, total: Object.values(row).reduce((s, n) => s + n, 0) };
  });
}

/**
 * Moves `amount` of weight from one pillar to another in every stage (what an analyst
 * tries first); numbers rounded to 6 decimals so 0.1 + 0.05 stays 0.15.
 */
export function shiftPillarWeight(doc: unknown, from: string, to: string, amount: number): unknown {
  const copy = JSON.parse(JSON.stringify(doc)) as { pillars?: { code: string; weights: Record<string, number> }[] };
  for (const p of copy.pillars ?? []) {
    const sign = p.code === from ? -1 : p.code === to ? 1 : 0;
    if (sign === 0) continue;
    for (const s of Object.keys(p.weights)) p.weights[s] = Math.round((p.weights[s]! + sign * amount) * 1e6) / 1e6;
  }
  return copy;
}
