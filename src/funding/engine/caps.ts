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
import type { SupportItem } from '../../policy/engine/schema.js';

export interface ApprovedAward {
  applicationId: number;
  itemId: string;
  year: number;
  project: string | null;
  amountFen: number;
}

/** Projects compare without spaces or case, so "A 项目" and "a项目" are one project. */
export const projectKey = (p: string | null | undefined) => (p ?? '').normalize('NFKC').replace(/\s+/g, '').toLowerCase();

export function capViolation(
  item: Pick<SupportItem, 'id' | 'title' | 'period' | 'stacking'>,
  request: { applicationId: number; year: number; project: string | null; amountFen: number },
  approved: readonly ApprovedAward[],
  itemOf: (id: string) => Pick<SupportItem, 'id' | 'title' | 'stacking'> | undefined,
): { field: string; message: string } | null {
  const others = approved.filter((a) => a.applicationId !== request.applicationId);
  const same = others.filter((a) => a.itemId === item.id);
  const ref = (a: ApprovedAward) => `申报 #${a.applicationId}，${a.year} 年，${formatFen(a.amountFen)}`;
  if (item.period === 'once' && same.length) return { field: 'itemId', message: `“${item.title}”为一次性支持，该企业已获批（${ref(same[0]!)}）` };
  if (item.period === 'per_year') {
    const clash = same.find((a) => a.year === request.year);
    if (clash) return { field: 'itemId', message: `“${item.title}”每年限一次，该企业 ${request.year} 年已获批（${ref(clash)}）` };
  }
  if (item.period === 'per_project') {
    const clash = same.find((a) => projectKey(a.project) === projectKey(request.project));
    if (clash) return { field: 'project', message: `项目“${request.project ?? ''}”已获“${item.title}”支持（${ref(clash)}）` };
  }
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
