/**
 * Pure figures behind the 免申即享 pages: progress of a run, the per-department summary
 * of a run's totals, signed differences in 万元, and the what-if request built from the
 * parameters a user changed. No React here, so the unit tests can reach every branch.
 */
import { formatFenExact } from '../../lib/money.js';
import type { PolicyItemSummary, RunItem, RunTotal, RunView } from '../../lib/types.js';

/** Progress of a run in percent: rows saved over enterprises while saving; 100 once done. */
export function runPercent(run: Pick<RunView, 'status' | 'phase' | 'done' | 'total'>): number {
  if (run.status === 'done' || run.phase === 'done') return 100;
  if (run.phase !== 'save' || run.total <= 0) return 0;
  return Math.min(100, Math.floor((run.done / run.total) * 100));
}

export interface DepartmentSummary {
  code: string;
  /** Items of the run this department is responsible for. */
  items: number;
  /** Σ eligible enterprises over its items: enterprise–item pairs, not distinct enterprises. */
  pairs: number;
  entitlementFen: number;
  ceilingFen: number;
}

/**
 * Per responsible department: its items' eligible counts and both totals. An item with
 * several departments counts in full for each, so the departments add up to more than the city.
 */
export function departmentSummary(items: readonly RunItem[], totals: readonly RunTotal[]): DepartmentSummary[] {
  const byItem = new Map(totals.map((t) => [t.itemId, t]));
  const out = new Map<string, DepartmentSummary>();
  for (const item of items) {
    const t = byItem.get(item.id);
    for (const code of item.departments) {
      const cur = out.get(code) ?? { code, items: 0, pairs: 0, entitlementFen: 0, ceilingFen: 0 };
      cur.items += 1;
      if (t) {
        cur.pairs += t.eligible;
        cur.entitlementFen += t.entitlementFen;
        cur.ceilingFen += t.ceilingFen;
      }
      out.set(code, cur);
    }
  }
  return [...out.values()].sort((a, b) => b.pairs - a.pairs || b.ceilingFen + b.entitlementFen - (a.ceilingFen + a.entitlementFen) || a.code.localeCompare(b.code));
}

/** A difference in 万元, exact, with its sign: "+100", "-0.5", "0". */
export function signedFen(delta: number): string {
  if (delta === 0) return '0';
  return `${delta > 0 ? '+' : ''}${formatFenExact(delta)}`;
}

/** A difference of counts with its sign: "+2", "-1", "0". */
export function signedCount(delta: number): string {
  return delta > 0 ? `+${delta}` : String(delta);
}

export type Parameter = PolicyItemSummary['parameters'][number];

/**
 * The parameters to send: the ones typed in that differ from the current value, as
 * typed (the server parses "300万", "6%"); a count written as plain digits goes as a number.
 */
export function changedParameters(parameters: readonly Parameter[], typed: Readonly<Record<string, string | undefined>>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const p of parameters) {
    const raw = typed[p.name]?.trim();
    if (!raw || raw === String(p.value).trim()) continue;
    out[p.name] = p.kind === 'count' && /^\d{1,9}$/.test(raw) ? Number(raw) : raw;
  }
  return out;
}

/** "parameters.rate.value" → "rate" (the parameter a server error is about), else null. */
export function parameterOfField(field: string | undefined): string | null {
  const m = /^parameters\.([^.]+)(?:\.|$)/.exec(field ?? '');
  return m ? m[1]! : null;
}
