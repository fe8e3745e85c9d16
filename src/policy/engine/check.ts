/**
 * Loading a rule document: the zod schema first (shape), then the meaning:
 * every fact exists and has the right type for its use, every parameter that is
 * referenced exists and is of the right kind. Errors carry the path of the field.
 */
import type { FactType } from './facts.js';
import { BUILTIN_CATALOGUE, type Catalogue } from './catalogue.js';
import { exprUnit, type Unit } from './expr.js';
import type { Expr } from './expr-schema.js';
import { parseMoney, parseRate } from './money.js';
import { SupportItem, type Amount, type Condition } from './schema.js';

export interface RuleError {
  path: string;
  message: string;
}

export class RuleDocumentError extends Error {
  constructor(readonly errors: RuleError[]) {
    super(`规则文档有误：${errors.map((e) => `${e.path}：${e.message}`).join('；')}`);
    this.name = 'RuleDocumentError';
  }
}

type Kind = 'money' | 'rate' | 'count' | 'date';

function checkValue(item: SupportItem, v: string | number, kind: Kind, path: string, errors: RuleError[]) {
  if (typeof v === 'string' && v.startsWith('$')) {
    const p = item.parameters[v.slice(1)];
    if (!p) errors.push({ path, message: `引用了未定义的参数 ${v}` });
    else if (p.kind !== kind) errors.push({ path, message: `参数 ${v} 是 ${p.kind}，此处需要 ${kind}` });
    return;
  }
  try {
    if (kind === 'money') {
      if (typeof v === 'number') throw new Error('金额应写成文字，如 "5000万"');
      parseMoney(v);
    } else if (kind === 'rate') {
      if (typeof v === 'number') throw new Error('比例应写成文字，如 "5%"');
      parseRate(v); // rates above 100% are allowed: a 1:2 match is 200%
    } else if (kind === 'date') {
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new Error('日期应写成 YYYY-MM-DD');
    } else if (typeof v !== 'number' && !/^\d+$/.test(v)) throw new Error('数量应为整数');
  } catch (e) {
    errors.push({ path, message: (e as Error).message });
  }
}

const TYPE_LABEL: Record<FactType, string> = { money: '金额', count: '数量', ratio: '比例', boolean: '是否', date: '日期', enum: '枚举', district: '所在区', codes: '代码集（资质）' };

let cat: Catalogue = BUILTIN_CATALOGUE;

function needFact(name: string, types: FactType[], path: string, errors: RuleError[]) {
  const def = cat.get(name);
  if (!def) errors.push({ path, message: `事实“${name}”不在事实目录中（见 GET /api/policy/facts）` });
  else if (!types.includes(def.type)) errors.push({ path, message: `事实“${name}”（${def.label}）是${TYPE_LABEL[def.type]}，此处需要${types.map((t) => TYPE_LABEL[t]).join('或')}` });
}

function checkExpr(item: SupportItem, e: Expr, path: string, errors: RuleError[]): Unit | null {
  return exprUnit(e, { catalogue: cat, params: item.parameters, inItem: true }, path, errors);
}

function checkCondition(item: SupportItem, c: Condition, path: string, errors: RuleError[]) {
  if ('all' in c) return c.all.forEach((x, i) => checkCondition(item, x, `${path}.all[${i}]`, errors));
  if ('any' in c) return c.any.forEach((x, i) => checkCondition(item, x, `${path}.any[${i}]`, errors));
  if ('not' in c) return checkCondition(item, c.not, `${path}.not`, errors);
  if ('is' in c) return needFact(c.fact, ['boolean'], `${path}.fact`, errors);
  if ('has' in c) return needFact(c.fact, ['codes'], `${path}.fact`, errors);
  if ('in' in c) {
    needFact(c.fact, ['enum', 'district'], `${path}.fact`, errors);
    const def = cat.get(c.fact);
    if (def?.type === 'enum' && def.values) c.in.forEach((v, i) => def.values!.some((x) => x.code === v) || errors.push({ path: `${path}.in[${i}]`, message: `“${v}”不是${def.label}的可选值` }));
    return;
  }
  const bounds = (['gte', 'gt', 'lte', 'lt'] as const).filter((k) => (c as Record<string, unknown>)[k] !== undefined);
  if (bounds.length === 0) errors.push({ path, message: '比较条件至少需要 gte、gt、lte、lt 之一' });
  if ('value' in c) {
    const u = checkExpr(item, c.value, `${path}.value`, errors);
    for (const k of bounds) {
      const b = checkExpr(item, c[k]!, `${path}.${k}`, errors);
      if (u && b && u !== b) errors.push({ path: `${path}.${k}`, message: `比较的两边单位不同：左边是${TYPE_LABEL[u]}，右边是${TYPE_LABEL[b]}` });
    }
    return;
  }
  if ('ratio' in c) {
    c.ratio.forEach((f, i) => needFact(f, ['money', 'count'], `${path}.ratio[${i}]`, errors));
    for (const k of bounds) checkValue(item, c[k]!, 'rate', `${path}.${k}`, errors);
    return;
  }
  needFact(c.fact, ['money', 'count', 'ratio', 'date'], `${path}.fact`, errors);
  const type = cat.get(c.fact)?.type;
  if (type === 'date') {
    for (const k of bounds) checkValue(item, c[k]!, 'date', `${path}.${k}`, errors);
    return;
  }
  const kind: Kind = type === 'count' ? 'count' : type === 'ratio' ? 'rate' : 'money';
  for (const k of bounds) checkValue(item, c[k]!, kind, `${path}.${k}`, errors);
}

function checkAmount(item: SupportItem, a: Amount, path: string, errors: RuleError[]) {
  if ('fixed' in a) return checkValue(item, a.fixed, 'money', `${path}.fixed`, errors);
  if ('rate' in a) {
    checkValue(item, a.rate, 'rate', `${path}.rate`, errors);
    return needFact(a.of, ['money'], `${path}.of`, errors);
  }
  if ('expr' in a) {
    const u = checkExpr(item, a.expr, `${path}.expr`, errors);
    if (u && u !== 'money') errors.push({ path: `${path}.expr`, message: `金额表达式的结果应为金额，实际为${TYPE_LABEL[u]}` });
    return;
  }
  if ('choose' in a) {
    a.choose.forEach((b, i) => {
      checkCondition(item, b.when, `${path}.choose[${i}].when`, errors);
      checkAmount(item, b.amount, `${path}.choose[${i}].amount`, errors);
    });
    if (a.otherwise) checkAmount(item, a.otherwise, `${path}.otherwise`, errors);
    return;
  }
  if ('cap' in a) {
    checkAmount(item, a.cap, `${path}.cap`, errors);
    return checkValue(item, a.max, 'money', `${path}.max`, errors);
  }
  if ('ceiling' in a) {
    if (typeof a.ceiling === 'string') return checkValue(item, a.ceiling, 'money', `${path}.ceiling`, errors);
    return checkAmount(item, a.ceiling, `${path}.ceiling`, errors);
  }
  if ('perItem' in a) {
    needFact(a.perItem.count, ['count', 'boolean'], `${path}.perItem.count`, errors);
    checkValue(item, a.perItem.each, 'money', `${path}.perItem.each`, errors);
    if (a.perItem.quota !== undefined) checkValue(item, a.perItem.quota, 'count', `${path}.perItem.quota`, errors);
    return;
  }
  const t = a.tiers;
  needFact(t.of, ['money'], `${path}.tiers.of`, errors);
  let last = -1;
  t.bands.forEach((b, i) => {
    const p = `${path}.tiers.bands[${i}]`;
    if ((b.rate === undefined) === (b.amount === undefined)) errors.push({ path: p, message: '每档须且只能设置 rate 或 amount 之一' });
    if (t.mode === 'progressive' && b.amount !== undefined) errors.push({ path: `${p}.amount`, message: '超额累进只能按比例（rate）' });
    if (b.rate !== undefined) checkValue(item, b.rate, 'rate', `${p}.rate`, errors);
    if (b.amount !== undefined) checkValue(item, b.amount, 'money', `${p}.amount`, errors);
    if (b.upTo === undefined) {
      if (i !== t.bands.length - 1) errors.push({ path: `${p}.upTo`, message: '只有最后一档可以不设上限' });
    } else {
      checkValue(item, b.upTo, 'money', `${p}.upTo`, errors);
      if (!b.upTo.startsWith('$')) {
        try {
          const v = parseMoney(b.upTo);
          if (v <= last) errors.push({ path: `${p}.upTo`, message: '各档上限应严格递增' });
          last = v;
        } catch {
          /* reported above */
        }
      }
    }
  });
  if (t.bands[t.bands.length - 1]?.upTo !== undefined) errors.push({ path: `${path}.tiers.bands`, message: '最后一档不应设置上限，以覆盖全部取值' });
}

/** Parses and checks a rule document against the fact catalogue; throws RuleDocumentError naming every bad field. */
export function loadItem(doc: unknown, catalogue: Catalogue = BUILTIN_CATALOGUE): SupportItem {
  cat = catalogue;
  try {
    return loadItemWith(doc);
  } finally {
    cat = BUILTIN_CATALOGUE;
  }
}

function loadItemWith(doc: unknown): SupportItem {
  const parsed = SupportItem.safeParse(doc);
  if (!parsed.success) {
    throw new RuleDocumentError(parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(root)', message: i.message })));
  }
  const item = parsed.data;
  const errors: RuleError[] = [];
  for (const [name, p] of Object.entries(item.parameters)) {
    if (typeof p.value === 'string' && p.value.startsWith('$')) errors.push({ path: `parameters.${name}.value`, message: '参数的值不能引用其他参数' });
    else checkValue(item, p.value, p.kind, `parameters.${name}.value`, errors);
  }
  checkCondition(item, item.eligibility, 'eligibility', errors);
  checkAmount(item, item.amount, 'amount', errors);
  if (item.audience?.requires) checkCondition(item, item.audience.requires, 'audience.requires', errors);
  const keys = new Set<string>();
  item.materials?.forEach((m, i) => (keys.has(m.key) ? errors.push({ path: `materials[${i}].key`, message: `材料代码“${m.key}”重复` }) : keys.add(m.key)));
  const l = item.limits;
  if (l?.maxYears !== undefined) checkValue(item, l.maxYears, 'count', 'limits.maxYears', errors);
  if (l?.lifetimeCap !== undefined) checkValue(item, l.lifetimeCap, 'money', 'limits.lifetimeCap', errors);
  if (l?.yearCap !== undefined) checkValue(item, l.yearCap, 'money', 'limits.yearCap', errors);
  if (l && item.period === 'once' && (l.maxYears !== undefined || l.consecutive)) errors.push({ path: 'limits', message: '一次性（once）事项不能再设置支持年数' });
  if (item.quota) checkValue(item, item.quota.perYear, 'count', 'quota.perYear', errors);
  if (errors.length) throw new RuleDocumentError(errors);
  return item;
}
