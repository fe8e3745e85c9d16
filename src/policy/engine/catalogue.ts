/**
 * The fact catalogue: the built-in facts (facts.ts) and the facts administrators
 * define as data (stored in policy_facts), joined. Rules, the calculator form, the
 * docs page and the checks read the catalogue, never a fixed list.
 *
 * A yearly figure F also answers for its earlier years: "F@-1" is F in the year
 * before the latest, "F@-2" two years before (labels and types follow F).
 * A derived fact is an expression (expr-schema.ts) over other facts and the
 * enterprise's grant history; `baseFacts` expands it to the facts it finally reads.
 * Pure.
 */
import { FACTS, type FactDef } from './facts.js';
import { splitYearKey, yearKey, type Expr } from './expr-schema.js';

export interface CatalogueEntry extends FactDef {
  name: string;
  origin: 'builtin' | 'admin';
}

const YEARS_AGO_LABEL = (k: number) => (k === 1 ? '上一年度' : k === 2 ? '前两年度' : `前 ${k} 年度`);

export class Catalogue {
  private readonly defs: Map<string, CatalogueEntry>;
  private readonly baseCache = new Map<string, readonly string[]>();

  constructor(builtin: Record<string, FactDef>, admin: readonly (FactDef & { name: string })[] = []) {
    this.defs = new Map(Object.entries(builtin).map(([name, d]) => [name, { ...d, name, origin: 'builtin' as const }]));
    for (const d of admin) if (!this.defs.has(d.name)) this.defs.set(d.name, { ...d, origin: 'admin' });
  }

  /** A fact's definition; "F@-k" for a yearly F is F in the k-th year before the latest. */
  get(name: string): CatalogueEntry | undefined {
    const hit = this.defs.get(name);
    if (hit) return hit;
    const { base, yearsAgo } = splitYearKey(name);
    if (yearsAgo === 0) return undefined;
    const def = this.defs.get(base);
    if (!def?.yearly) return undefined;
    return { ...def, name, label: `${YEARS_AGO_LABEL(yearsAgo)}${def.label}`, meaning: `${def.meaning}：最近年度之前第 ${yearsAgo} 年的数值`, yearly: false };
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  label(name: string): string {
    return this.get(name)?.label ?? name;
  }

  list(): CatalogueEntry[] {
    return [...this.defs.values()];
  }

  /** The facts a fact finally reads: itself, or for a derived fact the facts of its expression, expanded. */
  baseFacts(name: string): readonly string[] {
    const hit = this.baseCache.get(name);
    if (hit) return hit;
    const def = this.get(name);
    let out: string[];
    if (def?.source === 'derived' && def.expression !== undefined) {
      const acc = new Set<string>();
      this.baseCache.set(name, []); // a cycle reads nothing (and is refused when the fact is saved)
      for (const f of exprFacts(def.expression)) for (const b of this.baseFacts(f)) acc.add(b);
      out = [...acc].sort();
    } else out = [name];
    this.baseCache.set(name, out);
    return out;
  }

  /** A catalogue with one more (or a replaced) administrator's fact, for checking it before it is saved. */
  with(entry: FactDef & { name: string }): Catalogue {
    const admin = this.list().filter((d) => d.origin === 'admin' && d.name !== entry.name);
    const builtin = Object.fromEntries(this.list().filter((d) => d.origin === 'builtin').map((d) => [d.name, d]));
    return new Catalogue(builtin, [...admin, entry]);
  }
}

/** The facts an expression names directly (yearly offsets as "F@-k"; sumYears as each year's key). */
export function exprFacts(e: Expr, out: string[] = []): string[] {
  if (typeof e === 'string' || typeof e === 'number') return out;
  if ('fact' in e) out.push(yearKey(e.fact, e.yearsAgo ?? 0));
  else if ('sumYears' in e) for (let k = 0; k < e.years; k++) out.push(yearKey(e.sumYears, k));
  else if ('add' in e) e.add.forEach((x) => exprFacts(x, out));
  else if ('sub' in e) e.sub.forEach((x) => exprFacts(x, out));
  else if ('mul' in e) e.mul.forEach((x) => exprFacts(x, out));
  else if ('div' in e) e.div.forEach((x) => exprFacts(x, out));
  else if ('min' in e) e.min.forEach((x) => exprFacts(x, out));
  else if ('max' in e) e.max.forEach((x) => exprFacts(x, out));
  return out;
}

/** Whether an expression reads the grant history. */
export function exprReadsHistory(e: Expr): boolean {
  if (typeof e === 'string' || typeof e === 'number') return false;
  if ('granted' in e) return true;
  const parts = 'add' in e ? e.add : 'sub' in e ? e.sub : 'mul' in e ? e.mul : 'div' in e ? e.div : 'min' in e ? e.min : 'max' in e ? e.max : [];
  return parts.some(exprReadsHistory);
}

/** The built-in catalogue (no administrator's facts): engine tests and items written in code use it. */
export const BUILTIN_CATALOGUE = new Catalogue(FACTS);
