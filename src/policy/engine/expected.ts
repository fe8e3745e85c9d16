/**
 * 预计金额 of a 免申即享 run, beside the ceiling: what an item is expected to cost, not what it may cost at most.
 * - formula: the amount is computed by the rule (an entitlement, or a "最高按 X% " ceiling computed from the
 *   enterprise's figures): the computed amounts themselves;
 * - history: a "最高 X 万" item decided by review: the mean of the item's past approved amounts, each enterprise's
 *   expectation at most its own ceiling;
 * - ceiling: a "最高 X 万" item with no approval yet: the ceiling itself, said so (无历史数据，按上限计).
 * Money in integer 分. Pure.
 */
import type { Amount, SupportItem } from './schema.js';

export type ExpectedBasis = 'formula' | 'history' | 'ceiling';

export const EXPECTED_NO_HISTORY = '无历史数据，按上限计';

/** Whether the item's amount is a fixed "最高 X" decided by review (its expectation comes from history). */
export function isFixedCeiling(item: Pick<SupportItem, 'amount'>): boolean {
  let a: Amount = item.amount;
  while ('cap' in a) a = a.cap;
  if ('choose' in a) return a.choose.every((b) => isFixedCeiling({ amount: b.amount })) && (a.otherwise === undefined || isFixedCeiling({ amount: a.otherwise }));
  return 'ceiling' in a && typeof a.ceiling === 'string';
}

/** The mean of past approved amounts, rounded half up to the 分 (null: none). */
export function meanFen(history: { count: number; sumFen: number }): number | null {
  if (history.count <= 0) return null;
  return Number((BigInt(history.sumFen) * 2n + BigInt(history.count)) / (BigInt(history.count) * 2n));
}

export interface Expected {
  expectedFen: number;
  basis: ExpectedBasis;
  /** In words, for the table: "按公式计算" / "按历史 3 笔批准金额平均 42 万元计" / "无历史数据，按上限计". */
  note: string;
  historyCount: number;
  historyMeanFen: number | null;
}

/**
 * The expected total of one item over its eligible enterprises, given each one's amount (its ceiling for a
 * "最高" item) and the item's past approvals.
 */
export function expectedFor(item: Pick<SupportItem, 'amount'>, maxes: readonly number[], history: { count: number; sumFen: number }, wan: (fen: number) => string): Expected {
  const sumMax = maxes.reduce((s, m) => s + m, 0);
  if (!isFixedCeiling(item)) return { expectedFen: sumMax, basis: 'formula', note: '按规则公式计算', historyCount: history.count, historyMeanFen: meanFen(history) };
  const mean = meanFen(history);
  if (mean === null) return { expectedFen: sumMax, basis: 'ceiling', note: EXPECTED_NO_HISTORY, historyCount: 0, historyMeanFen: null };
  const expected = maxes.reduce((s, m) => s + Math.min(m, mean), 0);
  return { expectedFen: expected, basis: 'history', note: `按以往 ${history.count} 笔批准金额的平均数 ${wan(mean)} 计（每家不超过其上限）`, historyCount: history.count, historyMeanFen: mean };
}
