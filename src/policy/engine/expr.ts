/**
 * Checking and evaluating expressions (expr-schema.ts) exactly: every value is a
 * fraction of BigInts, units are checked before anything runs, and a division by
 * zero is an answer ("cannot be computed"), not a crash. Pure.
 */
import type { Catalogue } from './catalogue.js';
import { matchesItem, yearKey, type Expr } from './expr-schema.js';
import { formatFen, formatRate, parseMoney, parseRate, ROUNDING_LABEL, type Rounding } from './money.js';

export type Unit = 'money' | 'count' | 'ratio';
export const UNIT_LABEL: Record<Unit, string> = { money: '金额', count: '数量', ratio: '比例' };

/** An exact fraction n/d, d > 0. */
export interface Q {
  n: bigint;
  d: bigint;
}

export const q = (n: number | bigint, d: number | bigint = 1n): Q => norm({ n: BigInt(n), d: BigInt(d) });

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b) [a, b] = [b, a % b];
  return a;
}

function norm(x: Q): Q {
  if (x.d < 0n) x = { n: -x.n, d: -x.d };
  if (x.d === 1n) return x;
  const g = gcd(x.n, x.d);
  return g > 1n ? { n: x.n / g, d: x.d / g } : x;
}

export const cmpQ = (a: Q, b: Q): -1 | 0 | 1 => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};

/** A fraction rounded to an integer (分 or a count) by the declared rule; negative values round symmetrically. */
export function roundQ(x: Q, rounding: Rounding): number {
  const neg = x.n < 0n;
  const n = neg ? -x.n : x.n;
  let v = n / x.d;
  const r = n % x.d;
  if (r !== 0n) {
    if (rounding === 'ceil' && !neg) v += 1n;
    else if (rounding === 'floor' && neg) v += 1n;
    else if (rounding === 'half_up' && 2n * r >= x.d) v += 1n;
  }
  const out = Number(neg ? -v : v);
  if (!Number.isSafeInteger(out)) throw new Error('金额超出安全整数范围');
  return out;
}

/** What evaluating an expression needs from its surroundings. */
export interface ExprEnv {
  /** A numeric fact as a fraction (money in 分), or undefined when it is not known. */
  value(name: string): Q | undefined;
  /** A parameter of the item ("$rate"). */
  exprParam(ref: string): { value: string | number; kind: 'money' | 'rate' | 'count' | 'date'; label?: string } | undefined;
  /** What the enterprise was granted: total 分, number of awards, or distinct years. */
  granted(items: readonly string[], years: number | undefined, what: 'amount' | 'count' | 'years'): number;
}

export type ExprResult = { ok: true; value: Q } | { ok: false; missing: boolean; divZero: boolean };

const MISSING: ExprResult = { ok: false, missing: true, divZero: false };
const DIV0: ExprResult = { ok: false, missing: false, divZero: true };

/** Parsed literals ("10%", "5万"): the batch evaluates the same few texts for every row. */
const LITERALS = new Map<string, Q>();

function literal(v: string | number, env: Pick<ExprEnv, 'exprParam'>): Q {
  if (typeof v === 'number') return q(v);
  if (v.startsWith('$')) {
    const p = env.exprParam(v);
    if (!p) throw new Error(`参数 ${v} 未定义`);
    return literal(p.kind === 'count' && typeof p.value === 'string' ? Number(p.value) : p.value, env);
  }
  let hit = LITERALS.get(v);
  if (!hit) {
    if (/[万亿元]/.test(v)) hit = q(parseMoney(v));
    else {
      const r = parseRate(v);
      hit = q(r.num, r.den);
    }
    if (LITERALS.size < 10_000) LITERALS.set(v, hit);
  }
  return hit;
}

/** Evaluates an expression; a missing fact makes the result missing, a zero divisor makes it uncomputable. */
export function evalExpr(e: Expr, env: ExprEnv): ExprResult {
  if (typeof e === 'string' || typeof e === 'number') return { ok: true, value: literal(e, env) };
  if ('fact' in e) {
    const v = env.value(yearKey(e.fact, e.yearsAgo ?? 0));
    return v ? { ok: true, value: v } : MISSING;
  }
  if ('sumYears' in e) {
    let n = 0n;
    let d = 1n;
    let missing = false;
    for (let k = 0; k < e.years; k++) {
      const v = env.value(yearKey(e.sumYears, k));
      if (!v) missing = true;
      else {
        n = n * v.d + v.n * d;
        d *= v.d;
      }
    }
    return missing ? MISSING : { ok: true, value: norm({ n, d }) };
  }
  if ('granted' in e) {
    const g = e.granted;
    return { ok: true, value: q(env.granted(g.items, g.years, g.what ?? 'amount')) };
  }
  const parts = 'add' in e ? e.add : 'sub' in e ? e.sub : 'mul' in e ? e.mul : 'div' in e ? e.div : 'min' in e ? e.min : e.max;
  const vals = parts.map((p) => evalExpr(p, env));
  const bad = vals.find((v) => !v.ok);
  if (bad) {
    // Missing facts are named before a division by zero is reported: the enterprise can supply them.
    return vals.some((v) => !v.ok && v.missing) ? MISSING : bad;
  }
  const xs = vals.map((v) => (v as { value: Q }).value);
  if ('add' in e) return { ok: true, value: xs.reduce((a, b) => norm({ n: a.n * b.d + b.n * a.d, d: a.d * b.d })) };
  if ('sub' in e) return { ok: true, value: norm({ n: xs[0]!.n * xs[1]!.d - xs[1]!.n * xs[0]!.d, d: xs[0]!.d * xs[1]!.d }) };
  if ('mul' in e) return { ok: true, value: norm({ n: xs[0]!.n * xs[1]!.n, d: xs[0]!.d * xs[1]!.d }) };
  if ('div' in e) {
    if (xs[1]!.n === 0n) return DIV0;
    return { ok: true, value: norm({ n: xs[0]!.n * xs[1]!.d, d: xs[0]!.d * xs[1]!.n }) };
  }
  const pick = 'min' in e ? -1 : 1;
  return { ok: true, value: xs.reduce((a, b) => (cmpQ(b, a) === pick ? b : a)) };
}

/** How a value reads in an explanation. */
export function showQ(x: Q, unit: Unit): string {
  if (unit === 'ratio') {
    const neg = x.n < 0n;
    const s = formatRate({ num: neg ? -x.n : x.n, den: x.d });
    return neg ? `-${s}` : s;
  }
  if (x.d === 1n) return unit === 'money' ? formatFen(Number(x.n)) : String(x.n);
  const approx = roundQ(x, 'half_up');
  return unit === 'money' ? `约 ${formatFen(approx)}` : `约 ${approx}`;
}

const OP_TEXT = { add: ' + ', sub: ' − ', mul: ' × ', div: ' ÷ ' } as const;

/** The expression written out with the values it read: "研发费用 1,600 万元 − 上一年度研发费用 600 万元". */
export function exprText(e: Expr, env: ExprEnv, cat: Catalogue, units: (e: Expr) => Unit | null): string {
  if (typeof e === 'string' && e.startsWith('$')) {
    const p = env.exprParam(e);
    const u = units(e);
    return `${p?.label ?? e} ${u ? showQ(literal(e, env), u) : e}`;
  }
  if (typeof e === 'string' || typeof e === 'number') {
    const u = units(e);
    return u ? showQ(literal(e, env), u) : String(e);
  }
  if ('fact' in e || 'sumYears' in e) {
    const name = 'fact' in e ? yearKey(e.fact, e.yearsAgo ?? 0) : null;
    const label = name ? cat.label(name) : `近 ${(e as { years: number }).years} 年${cat.label((e as { sumYears: string }).sumYears)}合计`;
    const r = evalExpr(e, env);
    const u = units(e);
    return `${label} ${r.ok && u ? showQ(r.value, u) : '（未知）'}`;
  }
  if ('granted' in e) {
    const g = e.granted;
    const what = g.what ?? 'amount';
    const r = evalExpr(e, env);
    const v = r.ok ? r.value : q(0);
    const scope = `${g.years ? `近 ${g.years} 年` : ''}已获${g.items.map((i) => (i === '$self' ? '本项' : i)).join('、')}支持`;
    return what === 'amount' ? `${scope}金额 ${formatFen(Number(v.n))}` : what === 'count' ? `${scope}次数 ${v.n}` : `${scope}年数 ${v.n}`;
  }
  if ('min' in e || 'max' in e) {
    const parts = 'min' in e ? e.min : e.max;
    return `${'min' in e ? '取小' : '取大'}(${parts.map((p) => exprText(p, env, cat, units)).join('，')})`;
  }
  const op = 'add' in e ? 'add' : 'sub' in e ? 'sub' : 'mul' in e ? 'mul' : 'div';
  const parts = (e as Record<string, Expr[]>)[op]!;
  return parts.map((p) => (typeof p === 'object' && !('fact' in p) && !('sumYears' in p) && !('granted' in p) ? `(${exprText(p, env, cat, units)})` : exprText(p, env, cat, units))).join(OP_TEXT[op]);
}

// ------------------------------------------------------------------ checking units

export interface UnitError {
  path: string;
  message: string;
}

export interface UnitScope {
  catalogue: Catalogue;
  /** The item's parameters (none for a catalogue fact's expression). */
  params: Record<string, { kind: 'money' | 'rate' | 'count' | 'date' }>;
  /** Whether "$self" may be used in `granted` (only inside an item). */
  inItem: boolean;
}

const FACT_UNIT: Partial<Record<string, Unit>> = { money: 'money', count: 'count', ratio: 'ratio' };

/** The unit of an expression, or null after pushing errors naming the bad part. */
export function exprUnit(e: Expr, scope: UnitScope, path: string, errors: UnitError[]): Unit | null {
  if (typeof e === 'number') return 'count';
  if (typeof e === 'string') {
    if (e.startsWith('$')) {
      const p = scope.params[e.slice(1)];
      if (!p) {
        errors.push({ path, message: `引用了未定义的参数 ${e}` });
        return null;
      }
      if (p.kind === 'date') {
        errors.push({ path, message: `参数 ${e} 是日期，不能参与运算` });
        return null;
      }
      return p.kind === 'rate' ? 'ratio' : p.kind;
    }
    try {
      literal(e, { exprParam: () => undefined });
      return /[万亿元]/.test(e) ? 'money' : 'ratio';
    } catch (err) {
      errors.push({ path, message: (err as Error).message });
      return null;
    }
  }
  if ('fact' in e || 'sumYears' in e) {
    const base = 'fact' in e ? e.fact : e.sumYears;
    const def = scope.catalogue.get(base);
    const p = 'fact' in e ? `${path}.fact` : `${path}.sumYears`;
    if (!def) {
      errors.push({ path: p, message: `事实“${base}”不在事实目录中` });
      return null;
    }
    const needsYears = ('fact' in e && (e.yearsAgo ?? 0) > 0) || 'sumYears' in e;
    if (needsYears && !def.yearly) {
      errors.push({ path: p, message: `事实“${base}”（${def.label}）不是年度数据，不能取往年数值` });
      return null;
    }
    const u = FACT_UNIT[def.type];
    if (!u) errors.push({ path: p, message: `事实“${base}”是 ${def.type}，不能参与运算（只能用金额、数量或比例）` });
    return u ?? null;
  }
  if ('granted' in e) {
    e.granted.items.forEach((it, i) => {
      if (it === '$self' && !scope.inItem) errors.push({ path: `${path}.granted.items[${i}]`, message: '$self 只能在支持事项中使用' });
    });
    return (e.granted.what ?? 'amount') === 'amount' ? 'money' : 'count';
  }
  const op = 'add' in e ? 'add' : 'sub' in e ? 'sub' : 'mul' in e ? 'mul' : 'div' in e ? 'div' : 'min' in e ? 'min' : 'max';
  const parts = (e as Record<string, Expr[]>)[op]!;
  const us = parts.map((p, i) => exprUnit(p, scope, `${path}.${op}[${i}]`, errors));
  if (us.some((u) => u === null)) return null;
  const [a, b] = us as Unit[];
  const fail = (why: string) => {
    errors.push({ path, message: why });
    return null;
  };
  if (op === 'add' || op === 'sub' || op === 'min' || op === 'max') {
    if (new Set(us).size > 1) return fail(`${op === 'add' ? '相加' : op === 'sub' ? '相减' : '比较大小'}的各项单位应相同，实际为 ${us.map((u) => UNIT_LABEL[u!]).join('、')}`);
    return a!;
  }
  if (op === 'mul') {
    if (a === 'money' && b === 'money') return fail('两个金额不能相乘');
    if (a === 'money' || b === 'money') return 'money';
    if (a === 'count' || b === 'count') return 'count';
    return 'ratio';
  }
  // div
  if (a === b) return 'ratio';
  if (b === 'money') return fail(`${UNIT_LABEL[a!]}不能除以金额`);
  return a!;
}

export const roundingText = (r: Rounding) => ROUNDING_LABEL[r];

/** Whether an expression is an item's own pattern match (used by history reads). */
export function grantedMatches(patterns: readonly string[], selfId: string | null, itemId: string): boolean {
  return patterns.some((p) => (p === '$self' ? selfId === itemId : matchesItem(p, itemId)));
}

// ------------------------------------------------------------------ the batch's fast path

/** A fraction in plain numbers, both safe integers, d > 0. */
export type NQ = [number, number];

/** What the fast path needs from a row: numeric facts as [numerator, denominator]. */
export interface NumEnv extends Pick<ExprEnv, 'exprParam' | 'granted'> {
  valueNum(name: string): NQ | undefined;
}

/** Not exact in plain numbers: the caller evaluates again with BigInt. */
export const OVERFLOW = Symbol('overflow');
export type NumResult = NQ | 'missing' | 'div0' | typeof OVERFLOW;

const safe = Number.isSafeInteger;

function ngcd(a: number, b: number): number {
  a = Math.abs(a);
  while (b) [a, b] = [b, a % b];
  return a;
}

/** A product that is exact in plain numbers, or NaN (which nq turns into OVERFLOW): a sum of two inexact
 *  products could otherwise land back in the safe range with a wrong value. */
const m = (a: number, b: number): number => {
  const p = a * b;
  return safe(p) ? p : NaN;
};

function nq(n: number, d: number): NQ | typeof OVERFLOW {
  if (!safe(n) || !safe(d)) return OVERFLOW;
  if (n === 0) return [0, 1]; // never -0
  if (d === 1) return [n, 1];
  const g = ngcd(n, d);
  return g > 1 ? [n / g, d / g] : [n, d];
}

const NUM_LITERALS = new Map<string, NQ | typeof OVERFLOW>();

function literalNum(v: string | number, env: Pick<ExprEnv, 'exprParam'>): NQ | typeof OVERFLOW {
  if (typeof v === 'number') return [v, 1];
  if (!v.startsWith('$')) {
    const hit = NUM_LITERALS.get(v);
    if (hit) return hit;
  }
  const x = literal(v, env);
  const out = x.n > BigInt(Number.MAX_SAFE_INTEGER) || x.d > BigInt(Number.MAX_SAFE_INTEGER) || x.n < -BigInt(Number.MAX_SAFE_INTEGER) ? OVERFLOW : ([Number(x.n), Number(x.d)] as NQ);
  if (!v.startsWith('$') && NUM_LITERALS.size < 10_000) NUM_LITERALS.set(v, out);
  return out;
}

/**
 * evalExpr in plain numbers, for the 免申即享 batch: the same exact fractions while every numerator and
 * denominator stays a safe integer; OVERFLOW otherwise (then evalExpr decides). Same answers, checked by
 * the batch = calculator property test.
 */
export function evalExprNum(e: Expr, env: NumEnv): NumResult {
  if (typeof e === 'string' || typeof e === 'number') return literalNum(e, env);
  if ('fact' in e) return env.valueNum(yearKey(e.fact, e.yearsAgo ?? 0)) ?? 'missing';
  if ('sumYears' in e) {
    let acc: NQ = [0, 1];
    let missing = false;
    for (let k = 0; k < e.years; k++) {
      const v = env.valueNum(yearKey(e.sumYears, k));
      if (!v) missing = true;
      else if (!missing) {
        const r = nq(m(acc[0], v[1]) + m(v[0], acc[1]), m(acc[1], v[1]));
        if (r === OVERFLOW) return OVERFLOW;
        acc = r;
      }
    }
    return missing ? 'missing' : acc;
  }
  if ('granted' in e) return [env.granted(e.granted.items, e.granted.years, e.granted.what ?? 'amount'), 1];
  const parts = 'add' in e ? e.add : 'sub' in e ? e.sub : 'mul' in e ? e.mul : 'div' in e ? e.div : 'min' in e ? e.min : e.max;
  const vals = parts.map((p) => evalExprNum(p, env));
  if (vals.includes(OVERFLOW)) return OVERFLOW;
  if (vals.includes('missing')) return 'missing';
  if (vals.includes('div0')) return 'div0';
  const xs = vals as NQ[];
  if ('add' in e || 'sub' in e) {
    let acc = xs[0]!;
    for (let k = 1; k < xs.length; k++) {
      const b = xs[k]!;
      const r = nq('add' in e ? m(acc[0], b[1]) + m(b[0], acc[1]) : m(acc[0], b[1]) - m(b[0], acc[1]), m(acc[1], b[1]));
      if (r === OVERFLOW) return OVERFLOW;
      acc = r;
    }
    return acc;
  }
  if ('mul' in e) return nq(m(xs[0]![0], xs[1]![0]), m(xs[0]![1], xs[1]![1]));
  if ('div' in e) {
    if (xs[1]![0] === 0) return 'div0';
    const sign = xs[1]![0] < 0 ? -1 : 1;
    return nq(sign * m(xs[0]![0], xs[1]![1]), sign * m(xs[0]![1], xs[1]![0]));
  }
  const pick = 'min' in e ? -1 : 1;
  let best = xs[0]!;
  for (let k = 1; k < xs.length; k++) {
    const c = cmpNum(xs[k]!, best);
    if (c === OVERFLOW) return OVERFLOW;
    if (c === pick) best = xs[k]!;
  }
  return best;
}

/** Compares two fractions exactly, or OVERFLOW. */
export function cmpNum(a: NQ, b: NQ): -1 | 0 | 1 | typeof OVERFLOW {
  const l = m(a[0], b[1]);
  const r = m(b[0], a[1]);
  if (!safe(l) || !safe(r)) return OVERFLOW;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** roundQ in plain numbers (n, d safe integers). */
export function roundNum(x: NQ, rounding: Rounding): number {
  const [n0, d] = x;
  if (Math.abs(n0) > 2 ** 52 || d > 2 ** 52) return roundQ(q(n0, d), rounding); // keep every step below exact
  const neg = n0 < 0;
  const n = neg ? -n0 : n0;
  let v = Math.floor(n / d);
  let r = n - v * d;
  if (r < 0) {
    v -= 1;
    r += d;
  } else if (r >= d) {
    v += 1;
    r -= d;
  }
  if (r !== 0) {
    if (rounding === 'ceil' && !neg) v += 1;
    else if (rounding === 'floor' && neg) v += 1;
    else if (rounding === 'half_up' && 2 * r >= d) v += 1;
  }
  return neg && v !== 0 ? -v : v;
}

/**
 * evalExprNum compiled once into closures (no per-row parsing, tests of the node's shape or arrays):
 * what the batch calls for every row. Same answers as evalExprNum (property-tested).
 */
export function compileNum(e: Expr, lit: Pick<ExprEnv, 'exprParam'>): (env: NumEnv) => NumResult {
  if (typeof e === 'string' || typeof e === 'number') {
    const v = literalNum(e, lit);
    return () => v;
  }
  if ('fact' in e) {
    const key = yearKey(e.fact, e.yearsAgo ?? 0);
    return (env) => env.valueNum(key) ?? 'missing';
  }
  if ('sumYears' in e || 'granted' in e) return (env) => evalExprNum(e, env);
  const op = 'add' in e ? 'add' : 'sub' in e ? 'sub' : 'mul' in e ? 'mul' : 'div' in e ? 'div' : 'min' in e ? 'min' : 'max';
  const parts = (e as Record<string, Expr[]>)[op]!.map((p) => compileNum(p, lit));
  const combine = (vals: NumResult[]): NumResult => {
    let missing = false;
    let div0 = false;
    for (const v of vals) {
      if (v === OVERFLOW) return OVERFLOW;
      if (v === 'missing') missing = true;
      else if (v === 'div0') div0 = true;
    }
    if (missing) return 'missing';
    if (div0) return 'div0';
    return NaN as never;
  };
  if (parts.length === 2) {
    const [fa, fb] = parts as [(env: NumEnv) => NumResult, (env: NumEnv) => NumResult];
    return (env) => {
      const a = fa(env);
      const b = fb(env);
      if (typeof a !== 'object' || typeof b !== 'object') return combine([a, b]);
      switch (op) {
        case 'add':
          return nq(m(a[0], b[1]) + m(b[0], a[1]), m(a[1], b[1]));
        case 'sub':
          return nq(m(a[0], b[1]) - m(b[0], a[1]), m(a[1], b[1]));
        case 'mul':
          return nq(m(a[0], b[0]), m(a[1], b[1]));
        case 'div': {
          if (b[0] === 0) return 'div0';
          const sign = b[0] < 0 ? -1 : 1;
          return nq(sign * m(a[0], b[1]), sign * m(a[1], b[0]));
        }
        case 'min':
        case 'max': {
          const c = cmpNum(b, a);
          if (c === OVERFLOW) return OVERFLOW;
          return c === (op === 'min' ? -1 : 1) ? b : a;
        }
      }
    };
  }
  return (env) => evalExprNum(e, env);
}
