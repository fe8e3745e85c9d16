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
  exprParam(ref: string): { value: string | number; kind: 'money' | 'rate' | 'count'; label?: string } | undefined;
  /** What the enterprise was granted: total 分, number of awards, or distinct years. */
  granted(items: readonly string[], years: number | undefined, what: 'amount' | 'count' | 'years'): number;
}

export type ExprResult = { ok: true; value: Q } | { ok: false; missing: boolean; divZero: boolean };

const MISSING: ExprResult = { ok: false, missing: true, divZero: false };
const DIV0: ExprResult = { ok: false, missing: false, divZero: true };

function literal(v: string | number, env: Pick<ExprEnv, 'exprParam'>): Q {
  if (typeof v === 'number') return q(v);
  if (v.startsWith('$')) {
    const p = env.exprParam(v);
    if (!p) throw new Error(`参数 ${v} 未定义`);
    return literal(p.kind === 'count' && typeof p.value === 'string' ? Number(p.value) : p.value, env);
  }
  if (/[万亿元]/.test(v)) return q(parseMoney(v));
  const r = parseRate(v);
  return q(r.num, r.den);
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
  params: Record<string, { kind: 'money' | 'rate' | 'count' }>;
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
