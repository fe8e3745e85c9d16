/**
 * After each item is evaluated on its own: what the enterprise has already been
 * granted (one-time awards, per-year caps) and which items compete for the same
 * project, expense or contract (stacking groups). Pure.
 *
 * - `once` items already granted become not eligible, naming the earlier grant.
 * - `per_year` items already granted this year become not eligible for the year.
 * - A stacking group resolves its eligible members by its policy:
 *   `max` (就高不重复: the largest stays, the others are set aside with the reason),
 *   `sum` (all stay), `sum_cap` (all stay, the last ones trimmed so the group total
 *   stays within the cap), `priority` (the lowest priority number stays).
 *   Members set aside keep their evaluation and say why.
 */
import { formatFen } from './money.js';
import type { ItemResult } from './evaluate.js';
import type { SupportItem } from './schema.js';
import { historyVerdict, moneyOf, type PriorAward } from './history.js';

export type { PriorAward } from './history.js';

/** Quotas already used up: item id → the reason (e.g. "2026 年度名额 15 项已满"). */
export type FullQuotas = ReadonlyMap<string, string>;

export interface StackedResult extends ItemResult {
  /** Set when a group, an earlier award or a period rule changed the item's outcome. */
  setAside?: string;
  /** What the item would have given on its own, kept visible when it is set aside. */
  setAsideAmount?: { min: number; max: number };
}

const POLICY_LABEL = { max: '就高不重复', sum: '可叠加', sum_cap: '可叠加但合计封顶', priority: '按优先顺序择一' } as const;

export function applyHistoryAndStacking(items: readonly SupportItem[], results: readonly ItemResult[], history: readonly PriorAward[], year: number, fullQuotas: FullQuotas = new Map()): StackedResult[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const out: StackedResult[] = results.map((r) => ({ ...r }));
  const titleOf = (id: string) => byId.get(id)?.title ?? id;

  // Periods, limits across years and exclusions: the same verdict as at approval (history.ts).
  for (const r of out) {
    if (r.status !== 'eligible') continue;
    const item = byId.get(r.itemId);
    if (!item) continue;
    const full = fullQuotas.get(r.itemId);
    if (full) {
      setAside(r, full);
      continue;
    }
    const verdict = historyVerdict(item, history, year, null, titleOf);
    if (!verdict.ok) {
      setAside(r, verdict.why);
      continue;
    }
    if (verdict.maxAmount !== null && r.amount && r.amount.max > verdict.maxAmount) {
      const max = verdict.maxAmount;
      r.amount = { min: Math.min(r.amount.min, max), max };
      r.explanation += `${verdict.note ?? '累计或年度上限'}，本项按 ${formatFen(max)} 计。`;
    }
  }

  // Stacking groups among what is still eligible.
  const groups = new Map<string, StackedResult[]>();
  for (const r of out) {
    const g = byId.get(r.itemId)?.stacking;
    if (!g || r.status !== 'eligible' || !r.amount) continue;
    groups.set(g.group, [...(groups.get(g.group) ?? []), r]);
  }
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const spec = byId.get(members[0]!.itemId)!.stacking!;
    const label = POLICY_LABEL[spec.policy];
    if (spec.policy === 'max' || spec.policy === 'priority') {
      const sorted = [...members].sort((a, b) =>
        spec.policy === 'max' ? b.amount!.max - a.amount!.max || a.itemId.localeCompare(b.itemId) : (byId.get(a.itemId)!.stacking!.priority ?? 99) - (byId.get(b.itemId)!.stacking!.priority ?? 99),
      );
      const winner = sorted[0]!;
      for (const r of sorted.slice(1)) setAside(r, `与“${byId.get(winner.itemId)!.title}”属同一支持对象，${label}，已按后者计`);
    } else if (spec.policy === 'sum_cap' && spec.cap) {
      const cap = moneyOf(byId.get(members[0]!.itemId)!, spec.cap);
      let left = cap;
      for (const r of [...members].sort((a, b) => a.itemId.localeCompare(b.itemId))) {
        const max = Math.min(r.amount!.max, left);
        const min = Math.min(r.amount!.min, max);
        if (max < r.amount!.max) r.explanation += `同组合计上限 ${formatFen(cap)}，本项按 ${formatFen(max)} 计。`;
        r.amount = { min, max };
        left -= max;
      }
    }
  }
  return out;
}

function setAside(r: StackedResult, why: string) {
  r.setAside = why;
  if (r.amount) r.setAsideAmount = r.amount;
  r.status = 'not_eligible';
  r.failed = [...r.failed, why];
  r.explanation = `${r.explanation} 但${why}。`;
  r.amount = null;
  r.kind = null;
}
