/**
 * Evaluates one support item against one enterprise's facts: three-valued
 * eligibility (yes / no / needs input), an exact amount or a ceiling range,
 * and a trace of every fact, parameter and arithmetic step in Chinese.
 * Pure: no database, no clock.
 */
import { applyRate, compareRatio, formatFen, formatRate, parseMoney, parseRate, ROUNDING_LABEL, type Rational, type Rounding } from './money.js';
import { factDef, RECORD_ORIGIN_LABEL, type Facts, type FactValue } from './facts.js';
import type { Amount, Condition, SupportItem } from './schema.js';

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

const SOURCE_LABEL = { platform: '平台记录', declaration: '企业申报', computed: '平台计算' } as const;

/** Where a fact came from, in words: a yearly figure says its year and who recorded it ("2025 年度数据，企业自报"). */
export function sourceText(f: FactValue): string {
  if (f.record) return `${f.record.year} 年度数据，${RECORD_ORIGIN_LABEL[f.record.origin]}`;
  return `${SOURCE_LABEL[f.source]}${f.note ? '，' + f.note : ''}`;
}

class Ctx {
  steps: string[] = [];
  failed: string[] = [];
  missing = new Map<string, string>();
  shownFacts = new Set<string>();
  constructor(
    readonly item: SupportItem,
    readonly facts: Facts,
  ) {}

  /** The fact without a trace line (the caller writes one that includes it); records it if missing. */
  peek(name: string): FactValue | undefined {
    const f = this.facts[name];
    if (f === undefined) this.missing.set(name, factDef(name)?.label ?? name);
    else this.shownFacts.add(name);
    return f;
  }

  fact(name: string): FactValue | undefined {
    const f = this.facts[name];
    if (f === undefined) {
      this.missing.set(name, factDef(name)?.label ?? name);
      return undefined;
    }
    if (!this.shownFacts.has(name)) {
      this.shownFacts.add(name);
      const def = factDef(name);
      const v = f.value;
      const shown = def?.type === 'money' ? formatFen(v as number) : Array.isArray(v) ? v.join('、') || '无' : typeof v === 'boolean' ? (v ? '是' : '否') : String(v);
      this.steps.push(`${def?.label ?? name}：${shown}（${sourceText(f)}）`);
    }
    return f;
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
    const inner = new Ctx(ctx.item, ctx.facts);
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
    const label = c.label ?? factDef(c.fact)?.label ?? c.fact;
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
    const label = c.label ?? `${factDef(n)?.label ?? n}占${factDef(d)?.label ?? d}比例`;
    // A zero denominator decides the comparison whatever the numerator: no ratio can be reached.
    if (fd && (fd.value as number) <= 0) {
      ctx.failed.push(`${label}：${factDef(d)?.label ?? d}为 0，无法计算比例`);
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
        ctx.failed.push(`${label}：${factDef(d)?.label ?? d}为 0，无法计算比例`);
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
  // plain comparison on a money or count fact
  const f = ctx.fact(c.fact);
  if (!f) return 'unknown';
  const def = factDef(c.fact);
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
    const base = ctx.fact(a.of);
    if (!base) return null;
    const rate = ctx.rate(a.rate);
    const rounding: Rounding = a.rounding ?? 'half_up';
    const v = applyRate(base.value as number, rate, rounding);
    ctx.steps.push(`${name} = ${factDef(a.of)?.label ?? a.of} ${formatFen(base.value as number)} × ${ctx.describe(a.rate, formatRate(rate))} = ${formatFen(v)}（${ROUNDING_LABEL[rounding]}）`);
    return { min: v, max: v, ceiling: false };
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
    const cf = ctx.fact(a.perItem.count);
    if (!cf) return null;
    const each = ctx.money(a.perItem.each);
    let n = cf.value as number;
    if (typeof cf.value === 'boolean') n = cf.value ? 1 : 0;
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
  const bf = ctx.fact(t.of);
  if (!bf) return null;
  const base = bf.value as number;
  const rounding: Rounding = t.rounding ?? 'half_up';
  if (t.mode === 'step') {
    let lower = 0;
    for (const band of t.bands) {
      const upTo = band.upTo !== undefined ? ctx.money(band.upTo) : Infinity;
      if (base <= upTo) {
        const v = band.amount !== undefined ? ctx.money(band.amount) : applyRate(base, ctx.rate(band.rate!), rounding);
        const range = upTo === Infinity ? `${formatFen(lower)} 以上` : `${formatFen(lower)}–${formatFen(upTo)}`;
        ctx.steps.push(`${factDef(t.of)?.label ?? t.of} ${formatFen(base)} 落在 ${range} 档，${name} = ${formatFen(v)}`);
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

export function evaluateItem(item: SupportItem, facts: Facts): ItemResult {
  const ctx = new Ctx(item, facts);
  const eligible = evalCondition(item.eligibility, ctx);
  let amount: Range | null = null;
  if (eligible !== 'no') {
    // Evaluate the amount even when eligibility waits for input, so every missing fact is named at once.
    amount = evalAmount(item.amount, ctx, item.form);
  }
  const missing = [...ctx.missing].map(([fact, label]) => ({ fact, label }));
  const status: Status = eligible === 'no' ? 'not_eligible' : missing.length > 0 || !amount ? 'needs_input' : 'eligible';
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
