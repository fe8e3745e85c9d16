/**
 * The 免申即享 batch: every item over a whole population at once, column by
 * column. Facts are typed arrays (one per fact, with a presence mask), each
 * condition is one pass over a column, and amounts are computed only for the
 * rows that are eligible. Three-valued like evaluateItem, and the same numbers:
 * a property test runs both on random populations and compares them row by row.
 * Explanations are not built here (the calculator builds them for one enterprise).
 * Pure: no database, no clock.
 */
import { amountFactsUsed, factsUsed } from './channel.js';
import { BUILTIN_CATALOGUE, type Catalogue } from './catalogue.js';
import type { Facts, FactValue } from './facts.js';
import { applyRateFast, compareRatioFast, parseMoney, parseRate, type Rational, type Rounding } from './money.js';
import type { Amount, Condition, SupportItem } from './schema.js';
import { applyHistoryAndStacking, type PriorAward } from './stacking.js';
import type { ItemResult } from './evaluate.js';
import { cmpQ, evalExpr, grantedMatches, q, roundQ, type ExprEnv, type Q } from './expr.js';
import type { Expr } from './expr-schema.js';
import { grantedValue } from './history.js';

// ------------------------------------------------------------------ population

export type Column =
  | { type: 'num'; values: Float64Array; present: Uint8Array }
  | { type: 'ratio'; num: Float64Array; den: Float64Array; present: Uint8Array }
  | { type: 'bool'; values: Uint8Array; present: Uint8Array }
  | { type: 'str'; values: (string | undefined)[]; present: Uint8Array }
  | { type: 'codes'; present: Uint8Array; sets: Map<string, Uint8Array> };

/** Facts for many enterprises, one typed column per fact. A fact with no column is absent for everyone. */
export class Population {
  readonly columns = new Map<string, Column>();
  constructor(
    readonly size: number,
    readonly catalogue: Catalogue = BUILTIN_CATALOGUE,
  ) {}

  private column(fact: string): Column {
    let c = this.columns.get(fact);
    if (c) return c;
    const def = this.catalogue.get(fact);
    if (!def) throw new Error(`未知的事实“${fact}”`);
    const present = new Uint8Array(this.size);
    if (def.type === 'money' || def.type === 'count') c = { type: 'num', values: new Float64Array(this.size), present };
    else if (def.type === 'ratio') c = { type: 'ratio', num: new Float64Array(this.size), den: new Float64Array(this.size), present };
    else if (def.type === 'boolean') c = { type: 'bool', values: new Uint8Array(this.size), present };
    else if (def.type === 'codes') c = { type: 'codes', present, sets: new Map() };
    else c = { type: 'str', values: new Array<string | undefined>(this.size), present };
    this.columns.set(fact, c);
    return c;
  }

  set(row: number, fact: string, value: FactValue['value']): void {
    const c = this.column(fact);
    c.present[row] = 1;
    if (c.type === 'ratio') {
      const v = value as readonly [number, number];
      if (!Array.isArray(v) || v.length !== 2) throw new Error(`事实“${fact}”应为 [分子, 分母]`);
      c.num[row] = v[0];
      c.den[row] = v[1];
    } else if (c.type === 'str') {
      if (typeof value !== 'string') throw new Error(`事实“${fact}”应为文字代码`);
      c.values[row] = value;
    } else if (c.type === 'num') {
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
      else if (c.type === 'ratio') out[name] = { value: [c.num[row]!, c.den[row]!], source: 'platform' };
      else if (c.type === 'str') out[name] = { value: c.values[row]!, source: 'platform' };
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

/** One row's facts for expressions: columns, derived facts by their expression, the row's grant history. */
class RowEnv implements ExprEnv {
  row = 0;
  constructor(
    readonly pop: Population,
    readonly item: SupportItem,
    readonly history: ReadonlyMap<number, readonly PriorAward[]>,
    readonly year: number | undefined,
  ) {}

  value(name: string): Q | undefined {
    const c = this.pop.columns.get(name);
    if (!c || !c.present[this.row]) {
      const def = this.pop.catalogue.get(name);
      if (def?.source === 'derived' && def.expression !== undefined) {
        const r = evalExpr(def.expression, this);
        return r.ok ? r.value : undefined;
      }
      return undefined;
    }
    if (c.type === 'num') return q(c.values[this.row]!);
    if (c.type === 'ratio') return q(c.num[this.row]!, c.den[this.row]!);
    if (c.type === 'bool') return q(c.values[this.row]!);
    return undefined;
  }

  exprParam(ref: string) {
    const p = this.item.parameters[ref.slice(1)];
    return p ? { value: p.value, kind: p.kind, label: p.label } : undefined;
  }

  granted(items: readonly string[], years: number | undefined, what: 'amount' | 'count' | 'years'): number {
    return grantedValue(this.history.get(this.row) ?? [], (id) => grantedMatches(items, this.item.id, id), years, this.year, what);
  }
}

type ExprBounds = { gte?: Expr; gt?: Expr; lte?: Expr; lt?: Expr };

/** An arithmetic comparison row by row, with the calculator's rules: a zero divisor decides "no". */
function exprVector(value: Expr, bounds: ExprBounds, env: RowEnv): Uint8Array {
  const n = env.pop.size;
  const out = new Uint8Array(n);
  const keys = BOUNDS.filter((k) => bounds[k] !== undefined);
  for (let i = 0; i < n; i++) {
    env.row = i;
    const left = evalExpr(value, env);
    if (!left.ok && left.divZero) {
      out[i] = NO;
      continue;
    }
    let v = YES;
    for (const k of keys) {
      const right = evalExpr(bounds[k]!, env);
      let x: number;
      if (!right.ok) x = right.divZero ? NO : UNKNOWN;
      else if (!left.ok) x = UNKNOWN;
      else x = holds[k](cmpQ(left.value, right.value)) ? YES : NO;
      if (x === NO) v = NO;
      else if (x === UNKNOWN && v !== NO) v = UNKNOWN;
    }
    out[i] = v;
  }
  return out;
}

/** One pass per leaf; all / any / not combine the children's vectors in Kleene logic. */
function conditionVector(c: Condition, pop: Population, r: Resolve, env: RowEnv): Uint8Array {
  const n = pop.size;
  if ('all' in c || 'any' in c) {
    const parts = ('all' in c ? c.all : c.any).map((x) => conditionVector(x, pop, r, env));
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
    const inner = conditionVector(c.not, pop, r, env);
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
  if ('in' in c) {
    const col = pop.columns.get(c.fact);
    if (!col || col.type !== 'str') return absentAll(n);
    const want = new Set(c.in);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = col.present[i] ? (want.has(col.values[i]!) ? YES : NO) : UNKNOWN;
    return out;
  }
  if ('value' in c) return exprVector(c.value, c, env);
  const type = pop.catalogue.get('ratio' in c ? c.ratio[1] : c.fact);
  if (!('ratio' in c) && (type?.source === 'derived' || type?.type === 'ratio')) return exprVector({ fact: c.fact }, c as ExprBounds, env);
  if (!('ratio' in c) && type?.type === 'date') {
    const col = pop.columns.get(c.fact);
    if (!col || col.type !== 'str') return absentAll(n);
    const limits = BOUNDS.filter((k) => c[k] !== undefined).map((k) => {
      const b = c[k]!;
      return { ok: holds[k], limit: String(typeof b === 'string' && b.startsWith('$') ? item0(env).parameters[b.slice(1)]?.value : b) };
    });
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (!col.present[i]) {
        out[i] = UNKNOWN;
        continue;
      }
      const x = col.values[i]!;
      out[i] = limits.every((l) => l.ok(x < l.limit ? -1 : x > l.limit ? 1 : 0)) ? YES : NO;
    }
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
  const isMoney = type?.type === 'money';
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

const item0 = (env: RowEnv) => env.item;

// ------------------------------------------------------------------ amounts

/** An amount for a row, or null when it cannot be computed (a zero divisor, no branch of a choice applies). */
type RowAmount = (row: number) => { min: number; max: number } | null;

/** A fact's values by row, as integers: a stored column, or a derived fact rounded to the 分 (as the calculator does). */
function numberColumn(pop: Population, fact: string, env: RowEnv): { [i: number]: number } {
  const col = pop.columns.get(fact);
  const def = pop.catalogue.get(fact);
  if (def?.source === 'derived' && def.expression !== undefined) {
    const expr = def.expression;
    const present = col?.present;
    return new Proxy([] as number[], {
      get: (_t, key) => {
        const i = Number(key);
        if (present?.[i] && col && col.type === 'num') return col.values[i];
        env.row = i;
        const r = evalExpr(expr, env);
        return r.ok ? roundQ(r.value, 'half_up') : NaN;
      },
    });
  }
  if (!col || col.type === 'codes' || col.type === 'str' || col.type === 'ratio') throw new Error(`事实“${fact}”不是数值`);
  return col.values;
}

/** Compiles an amount to a per-row function; only called for rows whose facts are all present. */
function amountFn(a: Amount, pop: Population, r: Resolve, env: RowEnv): RowAmount {
  if ('fixed' in a) {
    const v = r.money(a.fixed);
    return () => ({ min: v, max: v });
  }
  if ('rate' in a) {
    const base = numberColumn(pop, a.of, env);
    const rate = r.rate(a.rate);
    const num = Number(rate.num);
    const den = Number(rate.den);
    const rounding: Rounding = a.rounding ?? 'half_up';
    return (i) => {
      const b = base[i]!;
      const v = b < 0 ? 0 : applyRateFast(b, num, den, rate, rounding);
      return { min: v, max: v };
    };
  }
  if ('cap' in a) {
    const inner = amountFn(a.cap, pop, r, env);
    const max = r.money(a.max);
    return (i) => {
      const x = inner(i);
      return x && { min: Math.min(x.min, max), max: Math.min(x.max, max) };
    };
  }
  if ('ceiling' in a) {
    if (typeof a.ceiling === 'string') {
      const top = r.money(a.ceiling);
      return () => ({ min: 0, max: top });
    }
    const inner = amountFn(a.ceiling, pop, r, env);
    return (i) => {
      const x = inner(i);
      return x && { min: 0, max: x.max };
    };
  }
  if ('perItem' in a) {
    const count = numberColumn(pop, a.perItem.count, env);
    const each = r.money(a.perItem.each);
    const quota = a.perItem.quota === undefined ? Infinity : r.count(a.perItem.quota);
    return (i) => {
      const v = Math.max(0, Math.min(count[i]!, quota)) * each;
      return { min: v, max: v };
    };
  }
  if ('expr' in a) {
    const rounding: Rounding = a.rounding ?? 'half_up';
    const expr = a.expr;
    return (i) => {
      env.row = i;
      const x = evalExpr(expr, env);
      if (!x.ok) return null;
      const v = Math.max(0, roundQ(x.value, rounding));
      return { min: v, max: v };
    };
  }
  if ('choose' in a) {
    const whens = a.choose.map((b) => conditionVector(b.when, pop, r, env));
    const fns = a.choose.map((b) => amountFn(b.amount, pop, r, env));
    const otherwise = a.otherwise ? amountFn(a.otherwise, pop, r, env) : null;
    return (i) => {
      for (let k = 0; k < whens.length; k++) {
        const w = whens[k]![i];
        if (w === UNKNOWN) return null; // not reached: every fact is present on rows that get here
        if (w === YES) return fns[k]!(i);
      }
      return otherwise ? otherwise(i) : null;
    };
  }
  const t = a.tiers;
  const base = numberColumn(pop, t.of, env);
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
  if ('choose' in a) return [...a.choose.map((b) => b.amount), ...(a.otherwise ? [a.otherwise] : [])].some((x) => amountKind(x) === 'ceiling') ? 'ceiling' : 'entitlement';
  return 'entitlement';
}

// ------------------------------------------------------------------ the batch

/** One item over the population, before periods and stacking. */
export function evaluateItemColumns(item: SupportItem, pop: Population, history: ReadonlyMap<number, readonly PriorAward[]> = new Map(), year?: number): ItemColumns {
  const n = pop.size;
  const r = resolver(item);
  const env = new RowEnv(pop, item, history, year);
  const cond = conditionVector(item.eligibility, pop, r, env);
  const presence = factsUsed(item, pop.catalogue).map((f) => pop.columns.get(f)?.present ?? null);
  const amountPresence = amountFactsUsed(item, pop.catalogue).map((f) => pop.columns.get(f)?.present ?? null);
  const status = new Uint8Array(n);
  const min = new Float64Array(n);
  const max = new Float64Array(n);
  let amount: RowAmount | null = null;
  for (let i = 0; i < n; i++) {
    if (cond[i] === NO) continue; // NOT_ELIGIBLE
    let complete = true;
    // Eligible on the known facts: only the amount's facts must be there; undecided: every fact is asked for.
    for (const p of cond[i] === YES ? amountPresence : presence) {
      if (!p || !p[i]) {
        complete = false;
        break;
      }
    }
    if (!complete) {
      status[i] = NEEDS_INPUT;
      continue;
    }
    amount ??= amountFn(item.amount, pop, r, env);
    const v = amount(i);
    if (!v) continue; // NOT_ELIGIBLE: the amount cannot be computed
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
export function evaluateBatch(
  items: readonly SupportItem[],
  pop: Population,
  history: ReadonlyMap<number, readonly PriorAward[]> = new Map(),
  year = new Date().getFullYear(),
  /** Why an item's quota is full for a row (city-wide or the row's district), or undefined. */
  fullQuota: (itemId: string, row: number) => string | undefined = () => undefined,
): BatchResult {
  const cols = items.map((item) => evaluateItemColumns(item, pop, history, year));
  // Full quotas set eligible rows aside before stacking, as in the calculator.
  items.forEach((item, k) => {
    if (!item.quota) return;
    const c = cols[k]!;
    for (let i = 0; i < pop.size; i++) {
      if (c.status[i] !== ELIGIBLE) continue;
      const why = fullQuota(item.id, i);
      if (why) {
        c.status[i] = NOT_ELIGIBLE;
        c.setAside.set(i, why);
      }
    }
  });
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
  const all = factsUsed(item, pop.catalogue).filter((f) => !pop.isPresent(row, f));
  const forAmount = amountFactsUsed(item, pop.catalogue).filter((f) => !pop.isPresent(row, f));
  // When the known facts already make the item eligible, only the amount's missing facts are asked for.
  if (forAmount.length && forAmount.length < all.length) {
    const cond = conditionVector(item.eligibility, pop, resolver(item), new RowEnv(pop, item, new Map(), undefined));
    if (cond[row] === YES) return forAmount;
  }
  return all;
}
