/**
 * What an enterprise was already granted, and what that allows now: one-time
 * awards, once a year, once a project, at most N years (consecutive or not), a
 * per-year and a lifetime cap, a cooldown, "not again if supported under …" and
 * the yearly quota. The same function answers the calculator, the 免申即享 batch
 * and the approval, so the three can never disagree. Pure.
 */
import { formatFen, parseMoney } from './money.js';
import { matchesItem } from './expr-schema.js';
import type { SupportItem } from './schema.js';

/** An award the enterprise received (an approved application in the funding ledger). */
export interface PriorAward {
  itemId: string;
  year: number;
  amount: number;
  /** The project it was for (per-project items). */
  project?: string | null;
  /** e.g. "申报 #12" */
  reference?: string;
  /** The application it came from; an application is never its own history. */
  applicationId?: number;
}

/** Projects compare without spaces or case, so "A 项目" and "a项目" are one project. */
export const projectKey = (p: string | null | undefined) => (p ?? '').normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** Total 分, number of awards, or number of distinct years, of the matching awards within `years` years up to `year`. */
export function grantedValue(history: readonly PriorAward[], match: (itemId: string) => boolean, years: number | undefined, year: number | undefined, what: 'amount' | 'count' | 'years'): number {
  const within = (a: PriorAward) => years === undefined || year === undefined || (a.year <= year && a.year > year - years);
  const hits = history.filter((a) => match(a.itemId) && within(a));
  if (what === 'count') return hits.length;
  if (what === 'years') return new Set(hits.map((a) => a.year)).size;
  return hits.reduce((s, a) => s + a.amount, 0);
}

export type HistoryVerdict =
  /** Nothing in the history stands in the way. */
  | { ok: true; maxAmount: number | null; note?: string }
  /** Refused, with the reason in Chinese and the field it concerns. */
  | { ok: false; why: string; field: 'itemId' | 'project' | 'amountFen' };

type Limited = Pick<SupportItem, 'id' | 'title' | 'period'> & Partial<Pick<SupportItem, 'limits' | 'excludes' | 'parameters'>>;

const ref = (a: PriorAward) => `${a.year} 年，${formatFen(a.amount)}${a.reference ? '，' + a.reference : ''}`;

/** A money value of a rule: a literal ("500万") or one of the item's parameters ("$cap"). */
export function moneyOf(item: Partial<Pick<SupportItem, 'parameters'>>, v: string): number {
  if (v.startsWith('$')) {
    const p = item.parameters?.[v.slice(1)];
    if (!p || typeof p.value !== 'string') throw new Error(`参数 ${v} 未定义`);
    return parseMoney(p.value);
  }
  return parseMoney(v);
}

function countParam(item: Limited, v: number | string | undefined): number | undefined {
  if (v === undefined || typeof v === 'number') return v;
  const p = item.parameters?.[v.slice(1)];
  return p ? Number(p.value) : undefined;
}

/**
 * Whether the item may be granted in `year` (for `project`) given the history, and the most it may still give
 * (lifetime and per-year caps; null when unlimited). `titleOf` names the items of an exclusion.
 */
export function historyVerdict(item: Limited, history: readonly PriorAward[], year: number, project: string | null = null, titleOf: (id: string) => string = (id) => id): HistoryVerdict {
  const own = history.filter((a) => a.itemId === item.id);
  const paren = (a: PriorAward) => `（${formatFen(a.amount)}${a.reference ? '，' + a.reference : ''}）`;
  if (item.period === 'once' && own.length) return { ok: false, why: `一次性奖励已于 ${own[0]!.year} 年兑现${paren(own[0]!)}，不再重复给予`, field: 'itemId' };
  if (item.period === 'per_year') {
    const clash = own.find((a) => a.year === year);
    if (clash) return { ok: false, why: `${year} 年度已获该项支持${paren(clash)}，每年限一次`, field: 'itemId' };
  }
  if (item.period === 'per_project' && project !== null) {
    const clash = own.find((a) => projectKey(a.project) === projectKey(project));
    if (clash) return { ok: false, why: `项目“${project}”已获“${item.title}”支持（${ref(clash)}）`, field: 'project' };
  }
  for (const ex of item.excludes ?? []) {
    const hit = history.find((a) => a.itemId !== item.id && ex.items.some((p) => matchesItem(p, a.itemId)) && (ex.years === undefined || (a.year <= year && a.year > year - ex.years)));
    if (hit) {
      const when = ex.years ? `${ex.years} 年内` : '';
      return { ok: false, why: `${ex.label ?? `${when}已获“${titleOf(hit.itemId)}”支持的不再重复支持`}（${ref(hit)}）`, field: 'itemId' };
    }
  }
  const l = item.limits;
  if (!l) return { ok: true, maxAmount: null };
  const earlier = own.filter((a) => a.year < year);
  const years = [...new Set(own.map((a) => a.year))].sort((a, b) => a - b);
  if (l.cooldownYears !== undefined) {
    const last = earlier.reduce((m, a) => Math.max(m, a.year), -Infinity);
    if (year - last <= l.cooldownYears) return { ok: false, why: `“${item.title}”获支持后 ${l.cooldownYears} 年内不再支持（上次：${last} 年）`, field: 'itemId' };
  }
  const maxYears = countParam(item, l.maxYears);
  if (maxYears !== undefined) {
    const counted = new Set([...years, year]).size;
    if (counted > maxYears) return { ok: false, why: `“${item.title}”最多支持 ${maxYears} 年，已于 ${years.join('、')} 年获支持`, field: 'itemId' };
  }
  if (l.consecutive && earlier.length) {
    const last = Math.max(...earlier.map((a) => a.year));
    if (last !== year - 1 && !own.some((a) => a.year === year)) return { ok: false, why: `“${item.title}”须连续支持，${last + 1} 年起已中断（上次：${last} 年）`, field: 'itemId' };
  }
  let maxAmount: number | null = null;
  const notes: string[] = [];
  if (l.lifetimeCap !== undefined) {
    const cap = moneyOf(item, l.lifetimeCap);
    const got = own.reduce((s, a) => s + a.amount, 0);
    if (got >= cap) return { ok: false, why: `“${item.title}”累计不超过 ${formatFen(cap)}，已累计获得 ${formatFen(got)}`, field: 'amountFen' };
    maxAmount = cap - got;
    notes.push(got > 0 ? `累计上限 ${formatFen(cap)}，已获 ${formatFen(got)}，本次最多 ${formatFen(cap - got)}` : `累计不超过 ${formatFen(cap)}`);
  }
  if (l.yearCap !== undefined) {
    const cap = moneyOf(item, l.yearCap);
    const got = own.filter((a) => a.year === year).reduce((s, a) => s + a.amount, 0);
    if (got >= cap) return { ok: false, why: `“${item.title}”每年最高 ${formatFen(cap)}，${year} 年已获 ${formatFen(got)}`, field: 'amountFen' };
    if (maxAmount === null || cap - got < maxAmount) maxAmount = cap - got;
    notes.push(got > 0 ? `${year} 年度上限 ${formatFen(cap)}，已获 ${formatFen(got)}，本次最多 ${formatFen(cap - got)}` : `每年不超过 ${formatFen(cap)}`);
  }
  return { ok: true, maxAmount, note: notes.length ? notes.join('；') : undefined };
}

/** The quota: how many approvals an item allows a year (city-wide or per district), or undefined. */
export function quotaOf(item: Pick<SupportItem, 'quota'> & Partial<Pick<SupportItem, 'parameters'>>): { perYear: number; scope: 'city' | 'district' } | undefined {
  if (!item.quota) return undefined;
  const n = countParam(item as unknown as Limited, item.quota.perYear);
  return n === undefined ? undefined : { perYear: n, scope: item.quota.scope ?? 'city' };
}
