/**
 * Stacking and caps at approval: an amount is checked against everything the
 * enterprise has already been approved (not only the application at hand):
 *
 * - `once` items: never approved twice for the enterprise;
 * - `per_year` items: once per budget year;
 * - `per_project` items: once per project (the application names it);
 * - a stacking group `max` (就高不重复) or `priority`: no second member of the group
 *   for the same year — the department cancels the earlier approval first if the
 *   new one should replace it;
 * - a stacking group `sum_cap`: the group's approved total, with this amount,
 *   stays within the cap.
 * Pure: the caller reads `approved` under the enterprise's caps lock
 * (applications.ts, lockEnterpriseCaps), so concurrent approvals cannot both pass.
 */
import { formatFen, parseMoney } from '../../policy/engine/money.js';
import { historyVerdict, projectKey } from '../../policy/engine/history.js';
import type { SupportItem } from '../../policy/engine/schema.js';

export { projectKey };

export interface ApprovedAward {
  applicationId: number;
  itemId: string;
  year: number;
  project: string | null;
  amountFen: number;
}

export function capViolation(
  item: Pick<SupportItem, 'id' | 'title' | 'period' | 'stacking'> & Partial<Pick<SupportItem, 'limits' | 'excludes' | 'parameters'>>,
  request: { applicationId: number; year: number; project: string | null; amountFen: number },
  approved: readonly ApprovedAward[],
  itemOf: (id: string) => Pick<SupportItem, 'id' | 'title' | 'stacking'> | undefined,
): { field: string; message: string } | null {
  const others = approved.filter((a) => a.applicationId !== request.applicationId);
  const ref = (a: ApprovedAward) => `申报 #${a.applicationId}，${a.year} 年，${formatFen(a.amountFen)}`;
  // Periods, limits across years and exclusions: the very verdict the calculator and 免申即享 give (policy/engine/history.ts).
  const history = others.map((a) => ({ itemId: a.itemId, year: a.year, amount: a.amountFen, project: a.project, reference: `申报 #${a.applicationId}`, applicationId: a.applicationId }));
  const verdict = historyVerdict(item, history, request.year, request.project ?? '', (id) => itemOf(id)?.title ?? id);
  if (!verdict.ok) return { field: verdict.field, message: `${verdict.why}` };
  if (verdict.maxAmount !== null && request.amountFen > verdict.maxAmount) return { field: 'amountFen', message: `${verdict.note ?? ''}；本项最多还可批 ${formatFen(verdict.maxAmount)}` };
  const g = item.stacking;
  if (!g) return null;
  const group = others.filter((a) => a.year === request.year && itemOf(a.itemId)?.stacking?.group === g.group);
  if ((g.policy === 'max' || g.policy === 'priority') && group.length) {
    const other = group.find((a) => a.itemId !== item.id) ?? group[0]!;
    return {
      field: 'itemId',
      message: `与已获批的“${itemOf(other.itemId)?.title ?? other.itemId}”（${ref(other)}）属同一支持对象，${g.policy === 'max' ? '就高不重复' : '按优先顺序择一'}；如应改批本项，请先撤销原审批`,
    };
  }
  if (g.policy === 'sum_cap' && g.cap) {
    const cap = parseMoney(g.cap);
    const total = group.reduce((s, a) => s + a.amountFen, 0);
    if (total + request.amountFen > cap) return { field: 'amountFen', message: `同组事项合计上限 ${formatFen(cap)}，已批 ${formatFen(total)}，本项最多还可批 ${formatFen(Math.max(0, cap - total))}` };
  }
  return null;
}
