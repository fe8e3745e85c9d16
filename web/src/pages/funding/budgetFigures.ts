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

/**
 * One row per budget for the stacked bar, in reading order (ECharts draws the first category at the
 * bottom, so the list is reversed); names carry the number so two budgets of one name stay apart.
 */
export function chartRows(budgets: readonly ChartBudget[]): Array<{ name: string; available: ChartPart; reserved: ChartPart; spent: ChartPart }> {
  const part = (fen: number): ChartPart => ({ fen, wan: fen / FEN_PER_WAN });
  return budgets.map((b) => ({ name: `#${b.id} ${b.name}`, available: part(b.availableFen), reserved: part(b.reservedFen), spent: part(b.spentFen) })).reverse();
}

/** Whether the parts add up to what was funded (they must; the server's reconciliation proves it). */
export function partsAddUp(b: ChartBudget): boolean {
  return b.availableFen + b.reservedFen + b.spentFen === b.fundedFen;
}

/** The share of the funded amount that is used (reserved + spent), as a whole percent, or null. */
export function usedPercent(b: ChartBudget): number | null {
  if (b.fundedFen <= 0) return null;
  return Math.round(((b.reservedFen + b.spentFen) * 100) / b.fundedFen);
}
