/**
 * Evaluates one support item against one enterprise's facts: three-valued
 * eligibility (yes / no / needs input), an exact amount or a ceiling range,
 * and a trace of every fact, parameter and arithmetic step in Chinese.
 * Pure: no database, no clock.
 */
import { applyRate, compareRatio, formatFen, formatRate, parseMoney, parseRate, ROUNDING_LABEL, type Rational, type Rounding } from './money.js';
import { RECORD_ORIGIN_LABEL, type Facts, type FactValue } from './facts.js';
import { BUILTIN_CATALOGUE, type Catalogue } from './catalogue.js';
import { cmpQ, evalExpr, exprText, exprUnit, grantedMatches, q, roundQ, showQ, type ExprEnv, type Q, type Unit } from './expr.js';
import type { Expr } from './expr-schema.js';
import { grantedValue, type PriorAward } from './history.js';
import type { Amount, Condition, SupportItem } from './schema.js';

/** What an evaluation may read besides the facts: the catalogue (with administrators' facts), the grant history and the year. */
export interface EvalContext {
  catalogue?: Catalogue;
  /** What the enterprise was already granted (approved awards from the funding ledger). */
  history?: readonly PriorAward[];
  /** The year the award is decided in (grant windows count back from it). */
  year?: number;
}

export type Status = 'eligible' | 'not_eligible' | 'needs_input';
type Tri = 'yes' | 'no' | 'unknown';

export interface ItemResult {
  itemId: string;
  status: Status;
  /** Exact when min = max and kind is 'entitlement'; a range to be decided by review when kind is 'ceiling'. */
  amount: { min: number; max: number } | null;
  kind: 'entitlement' | 'ceiling' | null;
  missing: { fact: string; label: string }[];
  failed: string[];
  steps: string[];
  explanation: string;
}

const SOURCE_LABEL = { platform: '平台记录', declaration: '企业申报', computed: '平台计算', derived: '平台推导' } as const;

/** Where a fact came from, in words: a yearly figure says its year and who recorded it ("2025 年度数据，企业自报"). */
export function sourceText(f: FactValue): string {
  if (f.record) return `${f.record.year} 年度数据，${RECORD_ORIGIN_LABEL[f.record.origin]}`;
  return `${SOURCE_LABEL[f.source]}${f.note ? '，' + f.note : ''}`;
}

class Ctx implements ExprEnv {
  steps: string[] = [];
  failed: string[] = [];
  missing = new Map<string, string>();
  shownFacts = new Set<string>();
  readonly cat: Catalogue;
  readonly history: readonly PriorAward[];
  readonly year: number | undefined;
  constructor(
    readonly item: SupportItem,
    readonly facts: Facts,
    context: EvalContext = {},
  ) {
    this.cat = context.catalogue ?? BUILTIN_CATALOGUE;
    this.history = context.history ?? [];
    this.year = context.year;
  }

  label(name: string): string {
    return this.cat.label(name);
  }

  /** The fact without a trace line (the caller writes one that includes it); records it if missing. */
  peek(name: string): FactValue | undefined {
    const f = this.facts[name];
    if (f === undefined) this.missing.set(name, this.label(name));
    else this.shownFacts.add(name);
    return f;
  }

  fact(name: string): FactValue | undefined {
    const f = this.facts[name];
    if (f === undefined) {
      this.missing.set(name, this.label(name));
      return undefined;
    }
    if (!this.shownFacts.has(name)) {
      this.shownFacts.add(name);
      const def = this.cat.get(name);
      const v = f.value;
      const shown =
        def?.type === 'money'
          ? formatFen(v as number)
          : def?.type === 'ratio' && Array.isArray(v)
            ? showQ(q(v[0] as unknown as number, v[1] as unknown as number), 'ratio')
            : Array.isArray(v)
              ? v.join('、') || '无'
              : typeof v === 'boolean'
                ? v
                  ? '是'
                  : '否'
                : String(v);
      this.steps.push(`${def?.label ?? name}：${shown}（${sourceText(f)}）`);
    }
    return f;
  }

  // ---- ExprEnv: facts as exact fractions, derived facts by their expression
  private derivedSeen = new Map<string, Q | undefined>();

  value(name: string): Q | undefined {
    const def = this.cat.get(name);
    if (def?.source === 'derived' && def.expression !== undefined && this.facts[name] === undefined) {
      if (this.derivedSeen.has(name)) return this.derivedSeen.get(name);
      this.derivedSeen.set(name, undefined); // a cycle reads as missing (and is refused when the fact is saved)
      const r = evalExpr(def.expression, this);
      const v = r.ok ? r.value : undefined;
      this.derivedSeen.set(name, v);
      if (r.ok) {
        const unit = (def.type === 'money' || def.type === 'count' || def.type === 'ratio' ? def.type : 'count') as Unit;
        this.steps.push(`${def.label} = ${exprText(def.expression, this, this.cat, (e) => this.unitOf(e))} = ${showQ(r.value, unit)}（平台推导）`);
      } else if (r.divZero) this.steps.push(`${def.label}：除数为 0，无法计算`);
      return v;
    }
    const f = this.fact(name);
    if (!f) return undefined;
    const v = f.value;
    if (typeof v === 'number') return q(v);
    if (typeof v === 'boolean') return q(v ? 1 : 0);
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number') return q(v[0] as unknown as number, v[1] as unknown as number);
    return undefined;
  }

  exprParam(ref: string) {
    const p = this.item.parameters[ref.slice(1)];
    return p ? { value: p.value, kind: p.kind, label: p.label } : undefined;
  }

  granted(items: readonly string[], years: number | undefined, what: 'amount' | 'count' | 'years'): number {
    return grantedValue(this.history, (id) => grantedMatches(items, this.item.id, id), years, this.year, what);
  }

  unitOf(e: Expr): Unit | null {
    return exprUnit(e, { catalogue: this.cat, params: this.item.parameters, inItem: true }, '', []);
  }

  param(ref: string): { text: string | number; label: string; clause: string } {
    const p = this.item.parameters[ref.slice(1)];
    if (!p) throw new Error(`参数 ${ref} 未定义`);
    return { text: p.value, label: p.label, clause: p.clause };
  }

  money(v: string | number): number {
    if (typeof v === 'number') return v;
    if (v.startsWith('$')) return this.money(this.param(v).text);
    return parseMoney(v);
  }

  rate(v: string | number): Rational {
    if (typeof v === 'number') throw new Error('比例应写成文字，如 "5%"');
    if (v.startsWith('$')) return this.rate(this.param(v).text);
    return parseRate(v);
  }

  count(v: string | number): number {
    if (typeof v === 'number') return v;
    if (v.startsWith('$')) return this.count(this.param(v).text);
    const n = Number(v);
    if (!Number.isInteger(n)) throw new Error(`数量“${v}”不是整数`);
    return n;
  }

  /** "门槛 5,000 万元（“设备投入5000万元以上”）" for a parameter; "<fallback> 5,000 万元" for a literal. */
  describe(v: string | number, shown: string, fallback = ''): string {
    if (typeof v === 'string' && v.startsWith('$')) {
      const p = this.param(v);
      return `${p.label} ${shown}（“${p.clause}”）`;
    }
    return fallback ? `${fallback} ${shown}` : shown;
  }
}

const OPS = [
  ['gte', '≥', (c: number) => c >= 0],
  ['gt', '>', (c: number) => c > 0],
  ['lte', '≤', (c: number) => c <= 0],
  ['lt', '<', (c: number) => c < 0],
] as const;

function and(values: Tri[]): Tri {
  if (values.includes('no')) return 'no';
  if (values.includes('unknown')) return 'unknown';
  return 'yes';
}

function evalCondition(c: Condition, ctx: Ctx): Tri {
  if ('all' in c) return and(c.all.map((x) => evalCondition(x, ctx)));
  if ('any' in c) {
    const vs = c.any.map((x) => evalCondition(x, ctx));
    if (vs.includes('yes')) return 'yes';
    if (vs.includes('unknown')) return 'unknown';
    ctx.failed.push(`${c.label ?? '以下条件'}均不满足`);
    return 'no';
  }
  if ('not' in c) {
    const inner = new Ctx(ctx.item, ctx.facts, { catalogue: ctx.cat, history: ctx.history, year: ctx.year });
    inner.shownFacts = ctx.shownFacts;
    const v = evalCondition(c.not, inner);
    ctx.steps.push(...inner.steps);
    inner.missing.forEach((l, f) => ctx.missing.set(f, l));
    if (v === 'unknown') return 'unknown';
    if (v === 'yes') {
      ctx.failed.push(`不得${c.label ?? '满足排除条件'}`);
      return 'no';
    }
    return 'yes';
  }
  if ('is' in c) {
    const f = ctx.peek(c.fact);
    if (!f) return 'unknown';
    const label = c.label ?? ctx.label(c.fact);
    if (f.value === c.is) {
      ctx.steps.push(`${label}：${c.is ? '是' : '否'}（${sourceText(f)}）✓`);
      return 'yes';
    }
    ctx.failed.push(`${label}：要求${c.is ? '是' : '否'}，实际${f.value ? '是' : '否'}（${sourceText(f)}）`);
    return 'no';
  }
  if ('has' in c) {
    const f = ctx.peek(c.fact);
    if (!f) return 'unknown';
    const label = c.label ?? `具有资质 ${c.has}`;
    if (Array.isArray(f.value) && f.value.includes(c.has)) {
      ctx.steps.push(`${label}（${sourceText(f)}）✓`);
      return 'yes';
    }
    ctx.failed.push(`${label}：不具备（${sourceText(f)}）`);
    return 'no';
  }
  if ('ratio' in c) {
    const [n, d] = c.ratio;
    const fn = ctx.fact(n);
    const fd = ctx.fact(d);
    const label = c.label ?? `${ctx.label(n)}占${ctx.label(d)}比例`;
    // A zero denominator decides the comparison whatever the numerator: no ratio can be reached.
    if (fd && (fd.value as number) <= 0) {
      ctx.failed.push(`${label}：${ctx.label(d)}为 0，无法计算比例`);
      return 'no';
    }
    if (!fn || !fd) return 'unknown';
    const a = fn.value as number;
    const b = fd.value as number;
    const results: Tri[] = [];
    for (const [key, sym, ok] of OPS) {
      const bound = c[key];
      if (bound === undefined) continue;
      const rate = ctx.rate(bound);
      if (b <= 0) {
        ctx.failed.push(`${label}：${ctx.label(d)}为 0，无法计算比例`);
        results.push('no');
        continue;
      }
      const cmp = compareRatio(a, b, rate);
      const actual = `${formatRate({ num: BigInt(a) * 10000n / BigInt(b), den: 10000n })}`;
      const text = `${label} ${a}/${b}≈${actual} ${sym} ${ctx.describe(bound, formatRate(rate))}`;
      if (ok(cmp)) {
        ctx.steps.push(`${text} ✓`);
        results.push('yes');
      } else {
        ctx.failed.push(`${label}：要求 ${sym} ${formatRate(rate)}，实际约 ${actual}`);
        results.push('no');
      }
    }
    return and(results);
  }
  if ('in' in c) {
    const f = ctx.peek(c.fact);
    if (!f) return 'unknown';
    const label = c.label ?? ctx.label(c.fact);
    const def = ctx.cat.get(c.fact);
    const name = (code: string) => def?.values?.find((v) => v.code === code)?.label ?? code;
    if (typeof f.value === 'string' && c.in.includes(f.value)) {
      ctx.steps.push(`${label}：${name(f.value)}（${sourceText(f)}）✓`);
      return 'yes';
    }
    ctx.failed.push(`${label}：要求为 ${c.in.map(name).join('、')} 之一，实际为 ${typeof f.value === 'string' ? name(f.value) : String(f.value)}`);
    return 'no';
  }
  if ('value' in c) return compareExpr(c.value, c, c.label, ctx);
  // plain comparison on a fact
  const def = ctx.cat.get(c.fact);
  if (def?.type === 'date') return compareDate(c, ctx);
  if (def?.source === 'derived' || def?.type === 'ratio') return compareExpr({ fact: c.fact }, c as Bounds, c.label ?? def.label, ctx);
  const f = ctx.fact(c.fact);
  if (!f) return 'unknown';
  const label = c.label ?? def?.label ?? c.fact;
  const actual = f.value as number;
  const results: Tri[] = [];
  for (const [key, sym, ok] of OPS) {
    const bound = c[key];
    if (bound === undefined) continue;
    const isMoney = def?.type === 'money';
    const limit = isMoney ? ctx.money(bound) : ctx.count(bound);
    const show = (v: number) => (isMoney ? formatFen(v) : String(v));
    const text = `${label} ${show(actual)} ${sym} ${ctx.describe(bound, show(limit))}`;
    if (ok(actual - limit)) {
      ctx.steps.push(`${text} ✓`);
      results.push('yes');
    } else {
      ctx.failed.push(`${label}：要求 ${sym} ${show(limit)}，实际 ${show(actual)}`);
      results.push('no');
    }
  }
  return and(results);
}

type Bounds = { gte?: Expr; gt?: Expr; lte?: Expr; lt?: Expr };

/** Arithmetic compared exactly: every side is a fraction; a zero divisor decides "no" (no value can be computed). */
function compareExpr(value: Expr, bounds: Bounds, label: string | undefined, ctx: Ctx): Tri {
  const unit = ctx.unitOf(value) ?? 'count';
  const left = evalExpr(value, ctx);
  const name = label ?? exprLabel(value, ctx);
  if (!left.ok && left.divZero) {
    ctx.failed.push(`${name}：除数为 0，无法计算`);
    return 'no';
  }
  const results: Tri[] = [];
  for (const [key, sym, ok] of OPS) {
    const bound = bounds[key];
    if (bound === undefined) continue;
    const right = evalExpr(bound, ctx);
    if (!right.ok) {
      if (right.divZero) {
        ctx.failed.push(`${name}：比较基准的除数为 0，无法计算`);
        results.push('no');
      } else results.push('unknown');
      continue;
    }
    if (!left.ok) {
      results.push('unknown');
      continue;
    }
    const shownRight = typeof bound === 'string' && bound.startsWith('$') ? ctx.describe(bound, showQ(right.value, unit)) : typeof bound === 'object' ? `${exprText(bound, ctx, ctx.cat, (e) => ctx.unitOf(e))} = ${showQ(right.value, unit)}` : showQ(right.value, unit);
    const leftText = typeof value === 'object' && !('fact' in value) ? `${exprText(value, ctx, ctx.cat, (e) => ctx.unitOf(e))} = ${showQ(left.value, unit)}` : showQ(left.value, unit);
    if (ok(cmpQ(left.value, right.value))) {
      ctx.steps.push(`${name} ${leftText} ${sym} ${shownRight} ✓`);
      results.push('yes');
    } else {
      ctx.failed.push(`${name}：要求 ${sym} ${showQ(right.value, unit)}，实际 ${showQ(left.value, unit)}`);
      results.push('no');
    }
  }
  return and(results);
}

function exprLabel(e: Expr, ctx: Ctx): string {
  if (typeof e === 'object' && 'fact' in e) return ctx.label(e.yearsAgo ? `${e.fact}@-${e.yearsAgo}` : e.fact);
  return '计算值';
}

/** Dates ("YYYY-MM-DD") compare as text, which orders them by day. */
function compareDate(c: Condition & { fact: string }, ctx: Ctx): Tri {
  const f = ctx.fact(c.fact);
  if (!f) return 'unknown';
  const label = (c as { label?: string }).label ?? ctx.label(c.fact);
  const results: Tri[] = [];
  for (const [key, sym, ok] of OPS) {
    const bound = (c as Bounds)[key];
    if (bound === undefined) continue;
    const limit = String(typeof bound === 'string' && bound.startsWith('$') ? ctx.param(bound).text : bound);
    const actual = String(f.value);
    if (ok(actual < limit ? -1 : actual > limit ? 1 : 0)) {
      ctx.steps.push(`${label} ${actual} ${sym} ${limit} ✓`);
      results.push('yes');
    } else {
      ctx.failed.push(`${label}：要求 ${sym} ${limit}，实际 ${actual}`);
      results.push('no');
    }
  }
  return and(results);
}

/** A fact used as a base of an amount (rate, tiers, per item): a stored integer, or a derived fact's value rounded to the 分. */
function baseValue(name: string, ctx: Ctx): number | undefined {
  const def = ctx.cat.get(name);
  if (def?.source === 'derived') {
    const v = ctx.value(name);
    if (!v) return undefined;
    const n = roundQ(v, 'half_up');
    if (v.d !== 1n) ctx.steps.push(`${def.label}按 ${def.type === 'money' ? formatFen(n) : n} 计（四舍五入）`);
    return n;
  }
  const f = ctx.fact(name);
  if (!f) return undefined;
  return typeof f.value === 'boolean' ? (f.value ? 1 : 0) : (f.value as number);
}

interface Range {
  min: number;
  max: number;
  ceiling: boolean;
}

function evalAmount(a: Amount, ctx: Ctx, name = '金额'): Range | null {
  if ('fixed' in a) {
    const v = ctx.money(a.fixed);
    ctx.steps.push(`${name} = ${ctx.describe(a.fixed, formatFen(v))}`);
    return { min: v, max: v, ceiling: false };
  }
  if ('rate' in a) {
    const base = baseValue(a.of, ctx);
    if (base === undefined) return null;
    const rate = ctx.rate(a.rate);
    const rounding: Rounding = a.rounding ?? 'half_up';
    const v = Math.max(0, applySignedRate(base, rate, rounding));
    ctx.steps.push(`${name} = ${ctx.label(a.of)} ${formatFen(base)} × ${ctx.describe(a.rate, formatRate(rate))} = ${formatFen(v)}（${ROUNDING_LABEL[rounding]}${base < 0 ? '；基数为负，按 0 计' : ''}）`);
    return { min: v, max: v, ceiling: false };
  }
  if ('expr' in a) {
    const r = evalExpr(a.expr, ctx);
    if (!r.ok) {
      if (r.divZero) ctx.failed.push(`${a.label ?? name}：除数为 0，无法计算`);
      return null;
    }
    const rounding: Rounding = a.rounding ?? 'half_up';
    const raw = roundQ(r.value, rounding);
    const v = Math.max(0, raw);
    ctx.steps.push(`${a.label ?? name} = ${exprText(a.expr, ctx, ctx.cat, (e) => ctx.unitOf(e))} = ${formatFen(v)}（${ROUNDING_LABEL[rounding]}${raw < 0 ? '；结果为负，按 0 计' : ''}）`);
    return { min: v, max: v, ceiling: false };
  }
  if ('choose' in a) {
    // Every branch is looked at, so every fact the item reads is named when missing (as the batch does);
    // a branch that does not apply is no reason for the item to fail, so its failures stay aside.
    const aside = () => {
      const inner = new Ctx(ctx.item, ctx.facts, { catalogue: ctx.cat, history: ctx.history, year: ctx.year });
      inner.shownFacts = new Set(ctx.shownFacts);
      return inner;
    };
    let chosen: { amount: Amount; label?: string } | null = null;
    let undecided = false;
    const others: Amount[] = [];
    for (const branch of a.choose) {
      const inner = aside();
      const t = evalCondition(branch.when, inner);
      inner.missing.forEach((l, f) => ctx.missing.set(f, l));
      if (!chosen && !undecided) {
        ctx.steps.push(...inner.steps);
        if (t === 'unknown') undecided = true;
        else if (t === 'yes') {
          chosen = branch;
          continue;
        }
      }
      others.push(branch.amount);
    }
    if (!chosen && !undecided && a.otherwise) chosen = { amount: a.otherwise, label: '其他情形' };
    else if (a.otherwise) others.push(a.otherwise);
    for (const other of others) {
      const inner = aside();
      evalAmount(other, inner, name);
      inner.missing.forEach((l, f) => ctx.missing.set(f, l));
    }
    if (undecided) return null;
    if (!chosen) {
      ctx.failed.push('不属于任何一种给予情形');
      return null;
    }
    if (chosen.label) ctx.steps.push(`适用：${chosen.label}`);
    return evalAmount(chosen.amount, ctx, name);
  }
  if ('cap' in a) {
    const inner = evalAmount(a.cap, ctx, name);
    if (!inner) return null;
    const max = ctx.money(a.max);
    if (inner.max > max) {
      ctx.steps.push(`${formatFen(inner.max)} 超过${ctx.describe(a.max, formatFen(max), '上限')}，按上限计`);
      return { min: Math.min(inner.min, max), max, ceiling: inner.ceiling };
    }
    ctx.steps.push(`未触及${ctx.describe(a.max, formatFen(max), '上限')}`);
    return inner;
  }
  if ('ceiling' in a) {
    let top: number;
    if (typeof a.ceiling === 'string') {
      top = ctx.money(a.ceiling);
      ctx.steps.push(`${ctx.describe(a.ceiling, formatFen(top), '最高')}`);
    } else {
      const inner = evalAmount(a.ceiling, ctx, '测算上限');
      if (!inner) return null;
      top = inner.max;
    }
    ctx.steps.push(`“最高”为上限而非应得金额：在 0 至 ${formatFen(top)} 之间经评审确定`);
    return { min: 0, max: top, ceiling: true };
  }
  if ('perItem' in a) {
    const cv = baseValue(a.perItem.count, ctx);
    if (cv === undefined) return null;
    const each = ctx.money(a.perItem.each);
    let n = Math.max(0, cv);
    if (a.perItem.quota !== undefined) {
      const quota = ctx.count(a.perItem.quota);
      if (n > quota) {
        ctx.steps.push(`数量 ${n} 超过名额 ${ctx.describe(a.perItem.quota, String(quota))}，按 ${quota} 计`);
        n = quota;
      }
    }
    const v = n * each;
    ctx.steps.push(`${name} = ${n} × ${ctx.describe(a.perItem.each, formatFen(each))} = ${formatFen(v)}`);
    return { min: v, max: v, ceiling: false };
  }
  // tiers
  const t = a.tiers;
  const bv = baseValue(t.of, ctx);
  if (bv === undefined) return null;
  const base = bv;
  const rounding: Rounding = t.rounding ?? 'half_up';
  if (t.mode === 'step') {
    let lower = 0;
    for (const band of t.bands) {
      const upTo = band.upTo !== undefined ? ctx.money(band.upTo) : Infinity;
      if (base <= upTo) {
        const v = band.amount !== undefined ? ctx.money(band.amount) : applyRate(base, ctx.rate(band.rate!), rounding);
        const range = upTo === Infinity ? `${formatFen(lower)} 以上` : `${formatFen(lower)}–${formatFen(upTo)}`;
        ctx.steps.push(`${ctx.label(t.of)} ${formatFen(base)} 落在 ${range} 档，${name} = ${formatFen(v)}`);
        return { min: v, max: v, ceiling: false };
      }
      lower = upTo;
    }
    throw new Error('分档未覆盖全部取值：最后一档不应设置上限');
  }
  let total = 0;
  let lower = 0;
  const parts: string[] = [];
  for (const band of t.bands) {
    const upTo = band.upTo !== undefined ? ctx.money(band.upTo) : Infinity;
    if (base <= lower) break;
    const portion = Math.min(base, upTo) - lower;
    const rate = ctx.rate(band.rate!);
    const v = applyRate(portion, rate, rounding);
    parts.push(`${formatFen(portion)} × ${formatRate(rate)} = ${formatFen(v)}`);
    total += v;
    lower = upTo;
  }
  ctx.steps.push(`${name}（超额累进）= ${parts.join(' + ')} = ${formatFen(total)}`);
  return { min: total, max: total, ceiling: false };
}

/** rate × a base that may be negative (an increment that fell), rounded symmetrically. */
function applySignedRate(base: number, rate: Rational, rounding: Rounding): number {
  return base < 0 ? -applyRate(-base, rate, rounding) : applyRate(base, rate, rounding);
}

export function evaluateItem(item: SupportItem, facts: Facts, context: EvalContext = {}): ItemResult {
  const ctx = new Ctx(item, facts, context);
  const eligible = evalCondition(item.eligibility, ctx);
  // Decided eligible by the known facts (Kleene: one branch of an `any` suffices): facts only the undecided
  // branches read are not asked for; only what the amount still needs is.
  if (eligible === 'yes') ctx.missing.clear();
  let amount: Range | null = null;
  if (eligible !== 'no') {
    // Evaluate the amount even when eligibility waits for input, so every missing fact is named at once.
    amount = evalAmount(item.amount, ctx, item.form);
  }
  const missing = [...ctx.missing].map(([fact, label]) => ({ fact, label }));
  // No amount with nothing missing: the amount cannot be computed (a zero divisor, no branch applies).
  const status: Status = eligible === 'no' ? 'not_eligible' : missing.length > 0 ? 'needs_input' : !amount ? 'not_eligible' : 'eligible';
  const explanation =
    status === 'eligible'
      ? ctx.steps.join('；') + '。'
      : status === 'not_eligible'
        ? `不符合条件：${ctx.failed.join('；')}。`
        : `还需提供：${missing.map((m) => m.label).join('、')}。${ctx.steps.length ? '已知：' + ctx.steps.join('；') + '。' : ''}`;
  return {
    itemId: item.id,
    status,
    amount: status === 'eligible' && amount ? { min: amount.min, max: amount.max } : null,
    kind: status === 'eligible' && amount ? (amount.ceiling ? 'ceiling' : 'entitlement') : null,
    missing,
    failed: ctx.failed,
    steps: ctx.steps,
    explanation,
  };
}

/** One condition evaluated with the item's parameters and catalogue, as eligibility is (used for an item's audience). */
export function evaluateCondition(item: SupportItem, condition: Condition, facts: Facts, context: EvalContext = {}): { value: 'yes' | 'no' | 'unknown'; missing: { fact: string; label: string }[]; failed: string[]; steps: string[] } {
  const ctx = new Ctx(item, facts, context);
  const value = evalCondition(condition, ctx);
  return { value, missing: value === 'unknown' ? [...ctx.missing].map(([fact, label]) => ({ fact, label })) : [], failed: ctx.failed, steps: ctx.steps };
}
