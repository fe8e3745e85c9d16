/** Budget figures for the table and the chart (pure). */
import { FEN_PER_WAN } from '../../lib/money.js';

export interface ChartBudget {
  id: number;
  name: string;
  availableFen: number;
  reservedFen: number;
  spentFen: number;
  fundedFen: number;
}

export interface ChartPart {
  fen: number;
  /** Bar length in 万元 (a display number; the exact amount is `fen`). */
  wan: number;
}

const part = (fen: number): ChartPart => ({ fen, wan: fen / FEN_PER_WAN });

/**
 * One row per budget for the stacked bar, in reading order (ECharts draws the first category at the
 * bottom, so the list is reversed); names carry the number so two budgets of one name stay apart.
 */
export function chartRows(budgets: readonly ChartBudget[]): Array<{ name: string; available: ChartPart; reserved: ChartPart; spent: ChartPart }> {
  return budgets.map((b) => ({ name: `#${b.id} ${b.name}`, available: part(b.availableFen), reserved: part(b.reservedFen), spent: part(b.spentFen) })).reverse();
}

/** The four balances, of a budget or of a department's budgets together. */
export type Balances = Pick<ChartBudget, 'fundedFen' | 'availableFen' | 'reservedFen' | 'spentFen'>;

/** Whether the parts add up to what was funded (they must; the server's reconciliation proves it). */
export function partsAddUp(b: Balances): boolean {
  return b.availableFen + b.reservedFen + b.spentFen === b.fundedFen;
}

/** The share of the funded amount that is used (reserved + spent), as a whole percent, or null. */
export function usedPercent(b: Balances): number | null {
  if (b.fundedFen <= 0) return null;
  return Math.round(((b.reservedFen + b.spentFen) * 100) / b.fundedFen);
}

/** One department of GET /api/funding/budgets/overview (the fields the page reads). */
export interface OverviewDepartment extends Balances {
  departmentCode: string;
  budgets: number;
  months: ReadonlyArray<{ month: string; paidFen: number }>;
}


/** The year the budgets page starts on when none is chosen: today's year in Suzhou (Asia/Shanghai), whatever the browser's zone. */
export function yearInShanghai(now: Date): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));
}

/** Payments net of reversals over the year's months, in 分 (integers: exact). */
export function paidInYear(d: Pick<OverviewDepartment, 'months'>): number {
  return d.months.reduce((s, m) => s + m.paidFen, 0);
}

/** Departments largest (funded) first, then by code: the table's order. */
export function sortDepartments<T extends OverviewDepartment>(departments: readonly T[]): T[] {
  return [...departments].sort((a, b) => b.fundedFen - a.fundedFen || (a.departmentCode < b.departmentCode ? -1 : a.departmentCode > b.departmentCode ? 1 : 0));
}

/**
 * One row per department for the stacked bar (可用 / 预留 / 已支付), largest first when read top-down
 * (ECharts draws the first category at the bottom, so the list is reversed).
 */
export function departmentBars(departments: readonly OverviewDepartment[], nameOf: (code: string) => string): Array<{ code: string; name: string; available: ChartPart; reserved: ChartPart; spent: ChartPart }> {
  return sortDepartments(departments)
    .map((d) => ({ code: d.departmentCode, name: nameOf(d.departmentCode), available: part(d.availableFen), reserved: part(d.reservedFen), spent: part(d.spentFen) }))
    .reverse();
}

/**
 * The monthly payments chart: the months on the axis ('01'–'12', in the server's order) and one
 * series per department (largest first), each month's net payment in 万元 for the bar and 分 for the
 * tooltip. A department that paid nothing all year is left out; with none, there are no series.
 */
export function monthlySeries(departments: readonly OverviewDepartment[], nameOf: (code: string) => string): { months: string[]; series: Array<{ code: string; name: string; data: ChartPart[] }> } {
  const first = departments[0];
  const months = first ? first.months.map((m) => m.month.slice(5)) : [];
  const series = sortDepartments(departments)
    .filter((d) => d.months.some((m) => m.paidFen !== 0))
    .map((d) => ({ code: d.departmentCode, name: nameOf(d.departmentCode), data: d.months.map((m) => part(m.paidFen)) }));
  return { months, series };
}
