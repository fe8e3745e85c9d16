/**
 * A year's budget an item should expect, from the item's own rule (pure): the largest award one
 * applicant can receive (the money of its ceiling, fixed award, per-item amount or cap) times the
 * awards expected in a year — the item's yearly quota (名额) when it has one, else as many awards
 * as make about PLAN_TARGET_FEN, at least 1 and at most PLAN_MAX_AWARDS. Items whose amount is
 * only a rate of the applicant's figures (no ceiling) plan PLAN_DEFAULT_AWARD_FEN an award.
 * The demo city funds every item this way (src/funding/demo.ts), rounded up to whole 万元.
 */
import { parseMoney } from '../../policy/engine/money.js';
import type { SupportItem } from '../../policy/engine/schema.js';

export const PLAN_TARGET_FEN = 50_000_000_00; // 5000万元
export const PLAN_MAX_AWARDS = 10;
export const PLAN_DEFAULT_AWARD_FEN = 100_000_000; // 100万元
const WAN = 1_000_000;

function value(item: SupportItem, ref: unknown): number | null {
  if (typeof ref === 'number') return Number.isSafeInteger(ref) ? ref : null;
  if (typeof ref !== 'string') return null;
  if (ref.startsWith('$')) {
    const p = item.parameters[ref.slice(1)];
    if (!p) return null;
    if (p.kind === 'money') return value(item, p.value);
    return typeof p.value === 'number' ? p.value : null;
  }
  try {
    return parseMoney(ref);
  } catch {
    return null;
  }
}

/** The money amounts an item's amount rule names as the most one award can be (ceiling, fixed, each, max, cap). */
function awardMoney(item: SupportItem, node: unknown, out: number[]) {
  if (!node || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (['ceiling', 'fixed', 'each', 'max', 'cap', 'amount'].includes(k) && (typeof v === 'string' || typeof v === 'number')) {
      const fen = value(item, v);
      if (fen !== null && fen > 0) out.push(fen);
    } else if (typeof v === 'object') awardMoney(item, v, out);
  }
}

export interface BudgetPlan {
  /** The most one award can be (分), or null when the rule names no money (rates only). */
  ceilingFen: number | null;
  /** Awards expected in a year. */
  expected: number;
  /** ceiling (or the default award) × expected, rounded up to whole 万元. */
  fen: number;
  /** How it was reached, in words. */
  basis: string;
}

export function budgetPlan(item: SupportItem): BudgetPlan {
  const found: number[] = [];
  awardMoney(item, item.amount, found);
  const ceilingFen = found.length ? Math.max(...found) : null;
  const award = ceilingFen ?? PLAN_DEFAULT_AWARD_FEN;
  const quota = item.quota ? value(item, item.quota.perYear) : null;
  const perItem = 'perItem' in item.amount;
  const expected = quota !== null && quota > 0 ? quota : Math.min(PLAN_MAX_AWARDS, Math.max(1, Math.round(PLAN_TARGET_FEN / award)));
  const fen = Math.ceil((award * expected) / WAN) * WAN;
  const per = ceilingFen === null ? `每项按 ${award / WAN} 万元估算` : `${perItem ? '每件' : '单项最高'} ${award / WAN} 万元`;
  return { ceilingFen, expected, fen, basis: `${per} × 预计 ${expected} ${quota !== null ? '个（年度名额）' : '项'}` };
}
