/**
 * The 免申即享 batch: every item over a whole population at once, column by
 * column. Facts are typed arrays (one per fact, with a presence mask), each
 * condition is one pass over a column, and amounts are computed only for the
 * rows that are eligible. Three-valued like evaluateItem, and the same numbers:
 * a property test runs both on random populations and compares them row by row.
 * Explanations are not built here (the calculator builds them for one enterprise).
 * Pure: no database, no clock.
 */
import { factsUsed } from './channel.js';
import { factDef, type Facts } from './facts.js';
import { applyRateFast, compareRatioFast, parseMoney, parseRate, type Rational, type Rounding } from './money.js';
import type { Amount, Condition, SupportItem } from './schema.js';
import { applyHistoryAndStacking, type PriorAward } from './stacking.js';
import type { ItemResult } from './evaluate.js';

// ------------------------------------------------------------------ population

export type Column =
  | { type: 'num'; values: Float64Array; present: Uint8Array }
  | { type: 'bool'; values: Uint8Array; present: Uint8Array }
  | { type: 'codes'; present: Uint8Array; sets: Map<string, Uint8Array> };

/** Facts for many enterprises, one typed column per fact. A fact with no column is absent for everyone. */
export class Population {
  readonly columns = new Map<string, Column>();
  constructor(readonly size: number) {}

  private column(fact: string): Column {
    let c = this.columns.get(fact);
    if (c) return c;
    const def = factDef(fact);
    if (!def) throw new Error(`未知的事实“${fact}”`);
    const present = new Uint8Array(this.size);
    if (def.type === 'money' || def.type === 'count') c = { type: 'num', values: new Float64Array(this.size), present };
    else if (def.type === 'boolean') c = { type: 'bool', values: new Uint8Array(this.size), present };
    else c = { type: 'codes', present, sets: new Map() };
    this.columns.set(fact, c);
    return c;
  }

  set(row: number, fact: string, value: number | boolean | readonly string[]): void {
    const c = this.column(fact);
    c.present[row] = 1;
    if (c.type === 'num') {
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new Error(`事实“${fact}”应为整数`);
      c.values[row] = value;
    } else if (c.type === 'bool') {
      if (typeof value !== 'boolean') throw new Error(`事实“${fact}”应为 true 或 false`);
      c.values[row] = value ? 1 : 0;
    } else {
      if (!Array.isArray(value)) throw new Error(`事实“${fact}”应为代码列表`);
      for (const code of value as string[]) {
        let s = c.sets.get(code);
        if (!s) c.sets.set(code, (s = new Uint8Array(this.size)));
        s[row] = 1;
      }
    }
  }

  /** Loads one enterprise's Facts object into a row (sources are not kept: the batch does not explain). */
  setFacts(row: number, facts: Facts): void {
    for (const [name, f] of Object.entries(facts)) if (f) this.set(row, name, f.value);
  }

  isPresent(row: number, fact: string): boolean {
    return this.columns.get(fact)?.present[row] === 1;
  }

  /** The Facts of one row (for the row-by-row evaluator and explanations). */
  rowFacts(row: number): Facts {
    const out: Facts = {};
    for (const [name, c] of this.columns) {
      if (!c.present[row]) continue;
      if (c.type === 'num') out[name] = { value: c.values[row]!, source: 'platform' };
      else if (c.type === 'bool') out[name] = { value: c.values[row] === 1, source: 'platform' };
      else out[name] = { value: [...c.sets].filter(([, s]) => s[row] === 1).map(([code]) => code).sort(), source: 'platform' };
    }
    return out;
  }
}

// ------------------------------------------------------------------ results

export const NOT_ELIGIBLE = 0;
export const ELIGIBLE = 1;
export const NEEDS_INPUT = 2;

export interface ItemColumns {
  itemId: string;
  kind: 'entitlement' | 'ceiling';
  /** Per row: NOT_ELIGIBLE, ELIGIBLE or NEEDS_INPUT (after periods and stacking). */
  status: Uint8Array;
  /** Per row, in 分; meaningful where status is ELIGIBLE. */
  min: Float64Array;
  max: Float64Array;
  /** Rows set aside by a stacking group or an earlier award, with the reason. */
  setAside: Map<number, string>;
}

export interface BatchResult {
  size: number;
  items: ItemColumns[];
}

// ------------------------------------------------------------------ conditions

const NO = 0;
const YES = 1;
const UNKNOWN = 2;

type Resolve = {
  money(v: string | number): number;
  count(v: string | number): number;
  rate(v: string | number): Rational;
};

function resolver(item: SupportItem): Resolve {
  const param = (ref: string) => {
    const p = item.parameters[ref.slice(1)];
    if (!p) throw new Error(`参数 ${ref} 未定义`);
    return p.value;
  };
  const r: Resolve = {
    money: (v) => (typeof v === 'number' ? v : v.startsWith('$') ? r.money(param(v)) : parseMoney(v)),
    count: (v) => (typeof v === 'number' ? v : v.startsWith('$') ? r.count(param(v)) : Number(v)),
    rate: (v) => {
      if (typeof v === 'number') throw new Error('比例应写成文字，如 "5%"');
      return v.startsWith('$') ? r.rate(param(v)) : parseRate(v);
    },
  };
  return r;
}

const BOUNDS = ['gte', 'gt', 'lte', 'lt'] as const;
const holds = { gte: (c: number) => c >= 0, gt: (c: number) => c > 0, lte: (c: number) => c <= 0, lt: (c: number) => c < 0 } as const;

function absentAll(n: number): Uint8Array {
  return new Uint8Array(n).fill(UNKNOWN);
}

/** One pass per leaf; all / any / not combine the children's vectors in Kleene logic. */
function conditionVector(c: Condition, pop: Population, r: Resolve): Uint8Array {
  const n = pop.size;
  if ('all' in c || 'any' in c) {
    const parts = ('all' in c ? c.all : c.any).map((x) => conditionVector(x, pop, r));
    const out = new Uint8Array(n);
    const dominant = 'all' in c ? NO : YES;
    const other = 'all' in c ? YES : NO;
    for (let i = 0; i < n; i++) {
      let v = other;
      for (const p of parts) {
        const x = p[i]!;
        if (x === dominant) {
          v = dominant;
          break;
        }
        if (x === UNKNOWN) v = UNKNOWN;
      }
      out[i] = v;
    }
    return out;
  }
  if ('not' in c) {
    const inner = conditionVector(c.not, pop, r);
    for (let i = 0; i < n; i++) inner[i] = inner[i] === UNKNOWN ? UNKNOWN : inner[i] === YES ? NO : YES;
    return inner;
  }
  if ('is' in c) {
    const col = pop.columns.get(c.fact);
    if (!col || col.type !== 'bool') return absentAll(n);
    const want = c.is ? 1 : 0;
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = col.present[i] ? (col.values[i] === want ? YES : NO) : UNKNOWN;
    return out;
  }
  if ('has' in c) {
    const col = pop.columns.get(c.fact);
    if (!col || col.type !== 'codes') return absentAll(n);
    const set = col.sets.get(c.has);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = col.present[i] ? (set?.[i] ? YES : NO) : UNKNOWN;
    return out;
  }
  const bounds = BOUNDS.filter((k) => c[k] !== undefined);
  if ('ratio' in c) {
    const a = pop.columns.get(c.ratio[0]);
    const b = pop.columns.get(c.ratio[1]);
    if (!b || b.type !== 'num' || (a && a.type !== 'num')) return absentAll(n);
    const rates = bounds.map((k) => {
      const rate = r.rate(c[k]!);
      return { ok: holds[k], rate, num: Number(rate.num), den: Number(rate.den) };
    });
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (b.present[i] && b.values[i]! <= 0) {
        out[i] = NO; // a zero denominator decides it, whatever the numerator
        continue;
      }
      if (!a || !a.present[i] || !b.present[i]) {
        out[i] = UNKNOWN;
        continue;
      }
      const av = a.values[i]!;
      const bv = b.values[i]!;
      let v = YES;
      for (const q of rates) if (bv <= 0 || !q.ok(compareRatioFast(av, bv, q.num, q.den, q.rate))) v = NO;
      out[i] = v;
    }
    return out;
  }
  const col = pop.columns.get(c.fact);
  if (!col || col.type !== 'num') return absentAll(n);
  const isMoney = factDef(c.fact)?.type === 'money';
  const limits = bounds.map((k) => ({ ok: holds[k], limit: isMoney ? r.money(c[k]!) : r.count(c[k]!) }));
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (!col.present[i]) {
      out[i] = UNKNOWN;
      continue;
    }
    const x = col.values[i]!;
    let v = YES;
    for (const l of limits) if (!l.ok(x - l.limit)) v = NO;
    out[i] = v;
  }
  return out;
}

// ------------------------------------------------------------------ amounts

type RowAmount = (row: number) => { min: number; max: number };

function numberColumn(pop: Population, fact: string): Float64Array | Uint8Array {
  const col = pop.columns.get(fact);
  if (!col || col.type === 'codes') throw new Error(`事实“${fact}”不是数值`);
  return col.values;
}

/** Compiles an amount to a per-row function; only called for rows whose facts are all present. */
function amountFn(a: Amount, pop: Population, r: Resolve): RowAmount {
  if ('fixed' in a) {
    const v = r.money(a.fixed);
    return () => ({ min: v, max: v });
  }
  if ('rate' in a) {
    const base = numberColumn(pop, a.of);
    const rate = r.rate(a.rate);
    const num = Number(rate.num);
    const den = Number(rate.den);
    const rounding: Rounding = a.rounding ?? 'half_up';
    return (i) => {
      const v = applyRateFast(base[i]!, num, den, rate, rounding);
      return { min: v, max: v };
    };
  }
  if ('cap' in a) {
    const inner = amountFn(a.cap, pop, r);
    const max = r.money(a.max);
    return (i) => {
      const x = inner(i);
      return { min: Math.min(x.min, max), max: Math.min(x.max, max) };
    };
  }
  if ('ceiling' in a) {
    if (typeof a.ceiling === 'string') {
      const top = r.money(a.ceiling);
      return () => ({ min: 0, max: top });
    }
    const inner = amountFn(a.ceiling, pop, r);
    return (i) => ({ min: 0, max: inner(i).max });
  }
  if ('perItem' in a) {
    const count = numberColumn(pop, a.perItem.count);
    const each = r.money(a.perItem.each);
    const quota = a.perItem.quota === undefined ? Infinity : r.count(a.perItem.quota);
    return (i) => {
      const v = Math.min(count[i]!, quota) * each;
      return { min: v, max: v };
    };
  }
  const t = a.tiers;
  const base = numberColumn(pop, t.of);
  const rounding: Rounding = t.rounding ?? 'half_up';
  const bands = t.bands.map((b) => {
    const rate = b.rate !== undefined ? r.rate(b.rate) : undefined;
    return {
      upTo: b.upTo !== undefined ? r.money(b.upTo) : Infinity,
      amount: b.amount !== undefined ? r.money(b.amount) : undefined,
      rate,
      num: rate ? Number(rate.num) : 0,
      den: rate ? Number(rate.den) : 1,
    };
  });
  if (t.mode === 'step') {
    return (i) => {
      const x = base[i]!;
      const band = bands.find((b) => x <= b.upTo)!;
      const v = band.amount !== undefined ? band.amount : applyRateFast(x, band.num, band.den, band.rate!, rounding);
      return { min: v, max: v };
    };
  }
  return (i) => {
    const x = base[i]!;
    let total = 0;
    let lower = 0;
    for (const b of bands) {
      if (x <= lower) break;
      total += applyRateFast(Math.min(x, b.upTo) - lower, b.num, b.den, b.rate!, rounding);
      lower = b.upTo;
    }
    return { min: total, max: total };
  };
}

function amountKind(a: Amount): 'entitlement' | 'ceiling' {
  if ('ceiling' in a) return 'ceiling';
  if ('cap' in a) return amountKind(a.cap);
  return 'entitlement';
}

// ------------------------------------------------------------------ the batch

/** One item over the population, before periods and stacking. */
export function evaluateItemColumns(item: SupportItem, pop: Population): ItemColumns {
  const n = pop.size;
  const r = resolver(item);
  const cond = conditionVector(item.eligibility, pop, r);
  const presence = factsUsed(item).map((f) => pop.columns.get(f)?.present ?? null);
  const status = new Uint8Array(n);
  const min = new Float64Array(n);
  const max = new Float64Array(n);
  let amount: RowAmount | null = null;
  for (let i = 0; i < n; i++) {
    if (cond[i] === NO) continue; // NOT_ELIGIBLE
    let complete = true;
    for (const p of presence) {
      if (!p || !p[i]) {
        complete = false;
        break;
      }
    }
    if (!complete) {
      status[i] = NEEDS_INPUT;
      continue;
    }
    amount ??= amountFn(item.amount, pop, r);
    const v = amount(i);
    status[i] = ELIGIBLE;
    min[i] = v.min;
    max[i] = v.max;
  }
  return { itemId: item.id, kind: amountKind(item.amount), status, min, max, setAside: new Map() };
}

/**
 * Every item over the population, then periods and stacking for the rows that
 * need them (a stacking group with two or more eligible members, or earlier
 * awards): those rows go through the same applyHistoryAndStacking as one
 * enterprise's calculation, so the rules are written once.
 */
export function evaluateBatch(items: readonly SupportItem[], pop: Population, history: ReadonlyMap<number, readonly PriorAward[]> = new Map(), year = new Date().getFullYear()): BatchResult {
  const cols = items.map((item) => evaluateItemColumns(item, pop));
  const groups = new Map<string, number[]>();
  items.forEach((item, k) => {
    if (item.stacking) groups.set(item.stacking.group, [...(groups.get(item.stacking.group) ?? []), k]);
  });
  const rows = new Set<number>(history.keys());
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    for (let i = 0; i < pop.size; i++) {
      let eligible = 0;
      for (const k of members) if (cols[k]!.status[i] === ELIGIBLE) eligible++;
      if (eligible >= 2) rows.add(i);
    }
  }
  for (const i of rows) {
    const results: ItemResult[] = cols.map((c) => ({
      itemId: c.itemId,
      status: c.status[i] === ELIGIBLE ? 'eligible' : c.status[i] === NEEDS_INPUT ? 'needs_input' : 'not_eligible',
      amount: c.status[i] === ELIGIBLE ? { min: c.min[i]!, max: c.max[i]! } : null,
      kind: c.status[i] === ELIGIBLE ? c.kind : null,
      missing: [],
      failed: [],
      steps: [],
      explanation: '',
    }));
    const stacked = applyHistoryAndStacking(items, results, history.get(i) ?? [], year);
    stacked.forEach((s, k) => {
      const c = cols[k]!;
      c.status[i] = s.status === 'eligible' ? ELIGIBLE : s.status === 'needs_input' ? NEEDS_INPUT : NOT_ELIGIBLE;
      if (s.amount) {
        c.min[i] = s.amount.min;
        c.max[i] = s.amount.max;
      }
      if (s.setAside) c.setAside.set(i, s.setAside);
    });
  }
  return { size: pop.size, items: cols };
}

/** The facts a NEEDS_INPUT row lacks for an item (same as evaluateItem's `missing`). */
export function missingFacts(item: SupportItem, pop: Population, row: number): string[] {
  return factsUsed(item).filter((f) => !pop.isPresent(row, f));
}
