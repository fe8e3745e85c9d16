/**
 * Analyst-readable test cases for every support item (docs/policy-cases.md).
 *
 * Each src/policy/cases/<item id>.yaml lists facts → expected status, amount or
 * range, missing facts, explanation words, and optionally prior awards and a year.
 * This runner validates every file strictly (unknown keys, facts and items are
 * errors naming the file and the case), runs each case through `evaluateAll`
 * (all items, then periods and stacking groups) and reports a mismatch in words
 * an analyst can read: expected vs actual, and the engine's own explanation.
 *
 * Run only these: npx vitest run src/policy/cases.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { assert, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { FACTS, type FactDef, type Facts } from './engine/facts.js';
import { parseMoney } from './engine/money.js';
import type { Amount, Condition, SupportItem } from './engine/schema.js';
import type { PriorAward, StackedResult } from './engine/stacking.js';
import { ITEMS } from './items/index.js';
import { evaluateAll } from './service.js';

const CASES_DIR = path.join(import.meta.dirname, 'cases');
/** The year a case is evaluated in when it does not say (period checks need a fixed year, never the clock). */
const DEFAULT_YEAR = 2026;
/** POLICY_CASES_RUN_SKIPPED=1 runs the skipped cases too, to see what the engine answers today. */
const RUN_SKIPPED = process.env.POLICY_CASES_RUN_SKIPPED === '1';

// ---------------------------------------------------------------------------
// The format (zod, strict)
// ---------------------------------------------------------------------------

const ITEM_IDS = ITEMS.map((i) => i.id);
const FACT_NAMES = Object.keys(FACTS);
const STATUS_LABEL = { eligible: '符合（eligible）', not_eligible: '不符合（not_eligible）', needs_input: '需补充信息（needs_input）' } as const;

/** Money as analysts write it: "5000万", "2亿", "49999999.99元", "0元" — always with a unit, exact to the 分. */
const Money = z
  .string({ error: '金额应写成带单位的文字，如 5000万、2亿、49999999.99元、0元' })
  .regex(/^\d+(\.\d+)?(亿|万|元)元?$/, { error: '金额应写成带单位的文字，如 5000万、2亿、49999999.99元、0元' })
  .refine((s) => tryMoney(s) !== null, { error: '金额精度超过 1 分或数额过大' });

function tryMoney(s: string): number | null {
  try {
    return parseMoney(s);
  } catch {
    return null;
  }
}

function factSchema(name: string, def: FactDef): z.ZodType {
  switch (def.type) {
    case 'money':
      return Money;
    case 'count':
      return z.number({ error: `${name}（${def.label}）应为非负整数` }).int({ error: `${name}（${def.label}）应为整数` }).nonnegative({ error: `${name}（${def.label}）不能为负` });
    case 'boolean':
      return z.boolean({ error: `${name}（${def.label}）应为 true 或 false` });
    case 'ratio':
      return z.tuple([z.number().int().nonnegative(), z.number().int().positive()], { error: `${name}（${def.label}）应为 [分子, 分母]` });
    case 'date':
    case 'enum':
    case 'district':
      return z.string({ error: `${name}（${def.label}）应为文字代码或日期` });
    case 'codes':
      return z.array(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, { error: '代码应为英文字母、数字或下划线，如 tsme、A' }), { error: `${name}（${def.label}）应为代码列表，如 [tsme, hnte]` });
  }
}

/** Money facts stay as written ("5000万") until the case runs; counts, yes/no and code lists as they are. */
type FactInputValue = string | number | boolean | string[];
const FactsInput = z.strictObject(
  Object.fromEntries(Object.entries(FACTS).map(([name, def]) => [name, factSchema(name, def).optional()])),
  { error: 'facts 应为“事实: 值”的映射，如 { isManufacturing: true }' },
) as unknown as z.ZodType<Record<string, FactInputValue | undefined>>;

const ItemId = z.string().refine((s) => ITEM_IDS.includes(s), { error: (iss) => `未知的事项编号“${String(iss.input)}”（见 src/policy/items/index.ts）` });
const FactName = z.string().refine((s) => FACT_NAMES.includes(s), { error: (iss) => `未知的事实“${String(iss.input)}”（见 docs/policy-facts.md）` });
const Year = z.number().int().min(2000).max(2100);

const Expect = z
  .strictObject({
    status: z.enum(['eligible', 'not_eligible', 'needs_input'], { error: 'status 应为 eligible、not_eligible 或 needs_input' }),
    /** Exact entitlement (min = max, kind entitlement). */
    amount: Money.optional(),
    /** 最高 X: a range decided by review (kind ceiling). */
    range: z.tuple([Money, Money], { error: 'range 应为 [下限, 上限]，如 [0元, 250万]' }).optional(),
    /** The exact set of missing facts. */
    missing: z.array(FactName).min(1).optional(),
    /** Words the explanation must contain. */
    explains: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], { error: 'explains 应为一段文字或文字列表' }).optional(),
  })
  .superRefine((e, ctx) => {
    if (e.status === 'eligible' && (e.amount === undefined) === (e.range === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'eligible 的用例须写 amount（应得金额）或 range（“最高”区间）之一，且只写一个' });
    }
    if (e.status !== 'eligible' && (e.amount !== undefined || e.range !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'amount / range 只用于 eligible 的用例' });
    }
    if (e.status === 'needs_input' && e.missing === undefined) ctx.addIssue({ code: 'custom', message: 'needs_input 的用例须用 missing 列出缺少的事实' });
    if (e.status !== 'needs_input' && e.missing !== undefined) ctx.addIssue({ code: 'custom', message: 'missing 只用于 needs_input 的用例' });
    if (e.range && tryMoney(e.range[0])! > tryMoney(e.range[1])!) ctx.addIssue({ code: 'custom', message: 'range 的下限大于上限' });
  });

const PriorAwardInput = z.strictObject({ item: ItemId, year: Year, amount: Money, reference: z.string().optional() });

const CaseInput = z.strictObject({
  name: z.string({ error: '每个用例须有中文 name，说明测的是什么' }).min(1),
  note: z.string().optional(),
  facts: FactsInput,
  history: z.array(PriorAwardInput).optional(),
  year: Year.optional(),
  expect: Expect,
  /** The reason the case is skipped: the case states what the policy text says, the engine or item disagrees. */
  skip: z.string().min(1).optional(),
});

const CaseFileInput = z.strictObject({
  item: ItemId,
  clause: z.string().min(4),
  /** Set only when the item cannot be not_eligible other than by missing facts; says why. */
  cannotFail: z.string().min(1).optional(),
  cases: z.array(CaseInput).min(1),
});

type CaseFile = z.infer<typeof CaseFileInput>;
type Case = z.infer<typeof CaseInput>;

interface LoadedFile {
  file: string;
  doc: CaseFile | null;
  errors: string[];
}

/** Parses and checks one case file; errors name the file, the case (number and name) and the field. */
function loadCaseFile(file: string, text: string): LoadedFile {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    return { file, doc: null, errors: [`${file}：YAML 无法解析：${(e as Error).message}`] };
  }
  const rawCases = (raw as { cases?: unknown } | null)?.cases;
  const where = (p: PropertyKey[]): string => {
    if (p[0] === 'cases' && typeof p[1] === 'number') {
      const c = Array.isArray(rawCases) ? (rawCases[p[1]] as { name?: unknown } | undefined) : undefined;
      const name = typeof c?.name === 'string' ? `“${c.name}”` : '';
      const rest = p.slice(2).map(String).join('.');
      return `第 ${p[1] + 1} 个用例${name}${rest ? `，${rest}` : ''}`;
    }
    return p.length ? p.map(String).join('.') : '文件顶层';
  };
  const r = CaseFileInput.safeParse(raw);
  if (!r.success) {
    return {
      file,
      doc: null,
      errors: r.error.issues.map((iss) => {
        let msg = iss.message;
        if (iss.code === 'unrecognized_keys') {
          msg = iss.path[iss.path.length - 1] === 'facts' ? `未知的事实 ${iss.keys.join('、')}（见 docs/policy-facts.md）` : `未知的字段 ${iss.keys.join('、')}`;
          // "{ explains: 1,000 万元 }" is split by YAML at the comma: the tail becomes a key.
          if (iss.keys.some((k) => !/^[A-Za-z_]+$/.test(k))) msg += '（在 { … } 或 [ … ] 里，含英文逗号“,”的文字要加引号，如 "1,000 万元"）';
        }
        return `${file}：${where(iss.path)}：${msg}`;
      }),
    };
  }
  const doc = r.data;
  const errors: string[] = [];
  if (file !== `${doc.item}.yaml`) errors.push(`${file}：文件名应为 ${doc.item}.yaml（与 item 一致）`);
  const item = ITEMS.find((i) => i.id === doc.item)!;
  if (!doc.clause.includes(item.clause)) errors.push(`${file}：clause 应包含事项条文原文“${item.clause}”`);
  const seen = new Set<string>();
  doc.cases.forEach((c, i) => {
    if (seen.has(c.name)) errors.push(`${file}：第 ${i + 1} 个用例“${c.name}”：用例名称重复`);
    seen.add(c.name);
  });
  return { file, doc: errors.length ? null : doc, errors };
}

// ---------------------------------------------------------------------------
// Running a case
// ---------------------------------------------------------------------------

function toFacts(input: Record<string, FactInputValue | undefined>): Facts {
  const facts: Facts = {};
  for (const [name, v] of Object.entries(input)) {
    if (v === undefined) continue;
    const def = (FACTS as Record<string, FactDef>)[name]!;
    facts[name] = { value: def.type === 'money' ? parseMoney(v as string) : (v as number | boolean | string[]), source: 'declaration' };
  }
  return facts;
}

/** 分 back into analysts' notation, one canonical form per amount: "250万", "2亿", "2500000.01元", "0元". */
function moneyText(fen: number): string {
  if (fen === 0) return '0元';
  if (fen % 10_000_000_000 === 0) return `${fen / 10_000_000_000}亿`;
  if (fen % 1_000_000 === 0) return `${fen / 1_000_000}万`;
  const yuan = Math.trunc(fen / 100);
  const cents = fen % 100;
  return cents ? `${yuan}.${String(cents).padStart(2, '0')}元` : `${yuan}元`;
}

function amountWords(r: Pick<StackedResult, 'amount' | 'kind'>): string {
  if (!r.amount) return '无';
  if (r.kind === 'ceiling') return `区间 [${moneyText(r.amount.min)}, ${moneyText(r.amount.max)}]（“最高”额，经评审确定）`;
  if (r.amount.min === r.amount.max) return `应得 ${moneyText(r.amount.min)}`;
  return `应得金额区间 [${moneyText(r.amount.min)}, ${moneyText(r.amount.max)}]`;
}

function factsWords(facts: Record<string, FactInputValue | undefined>): string {
  const parts = Object.entries(facts)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`);
  return `{ ${parts.join(', ')} }`;
}

/** Compares one case with the engine; returns the lines that differ (empty when the case passes). */
function checkCase(itemId: string, c: Case): { result: StackedResult; mismatches: string[] } {
  const history: PriorAward[] = (c.history ?? []).map((h) => ({ itemId: h.item, year: h.year, amount: parseMoney(h.amount), reference: h.reference }));
  const results = evaluateAll(toFacts(c.facts), history, c.year ?? DEFAULT_YEAR);
  const result = results.find((r) => r.itemId === itemId);
  if (!result) throw new Error(`evaluateAll 的结果中没有事项 ${itemId}`);
  const e = c.expect;
  const mismatches: string[] = [];
  if (result.status !== e.status) mismatches.push(`状态：期望 ${STATUS_LABEL[e.status]}，实际 ${STATUS_LABEL[result.status]}`);
  if (e.amount !== undefined) {
    const v = parseMoney(e.amount);
    const ok = result.kind === 'entitlement' && result.amount?.min === v && result.amount.max === v;
    if (!ok) mismatches.push(`金额：期望 应得 ${moneyText(v)}，实际 ${amountWords(result)}`);
  }
  if (e.range !== undefined) {
    const [lo, hi] = e.range.map(parseMoney) as [number, number];
    const ok = result.kind === 'ceiling' && result.amount?.min === lo && result.amount.max === hi;
    if (!ok) mismatches.push(`金额：期望 区间 [${moneyText(lo)}, ${moneyText(hi)}]（“最高”额，经评审确定），实际 ${amountWords(result)}`);
  }
  if (e.missing !== undefined) {
    const want = [...new Set(e.missing)].sort();
    const got = result.missing.map((m) => m.fact).sort();
    if (want.join(',') !== got.join(',')) mismatches.push(`缺少的事实：期望 [${want.join(', ')}]，实际 [${got.join(', ')}]`);
  }
  for (const words of e.explains === undefined ? [] : Array.isArray(e.explains) ? e.explains : [e.explains]) {
    if (!result.explanation.includes(words)) mismatches.push(`说明：期望包含“${words}”，实际说明中没有`);
  }
  return { result, mismatches };
}

function failureMessage(file: CaseFile, c: Case, result: StackedResult, mismatches: string[]): string {
  return [
    `用例未通过：${file.item} — ${c.name}`,
    `  条文：${file.clause}`,
    `  事实：${factsWords(c.facts)}${c.history?.length ? `；已获支持：${c.history.map((h) => `${h.item} ${h.year} 年 ${h.amount}`).join('；')}` : ''}；年度：${c.year ?? DEFAULT_YEAR}`,
    ...mismatches.map((m) => `  ✗ ${m}`),
    `  实际：${STATUS_LABEL[result.status]}，${amountWords(result)}${result.missing.length ? `，缺少 [${result.missing.map((m) => m.fact).join(', ')}]` : ''}`,
    `  引擎说明：${result.explanation}`,
  ].join('\n');
}

// ---------------------------------------------------------------------------
// Which facts an item reads (for the "every fact has a missing case" check)
// ---------------------------------------------------------------------------

function conditionFacts(c: Condition, out: Set<string>) {
  if ('all' in c) c.all.forEach((x) => conditionFacts(x, out));
  else if ('any' in c) c.any.forEach((x) => conditionFacts(x, out));
  else if ('not' in c) conditionFacts(c.not, out);
  else if ('ratio' in c) c.ratio.forEach((f) => out.add(f));
  else if ('fact' in c) out.add(c.fact);
}

function amountFacts(a: Amount, out: Set<string>) {
  if ('rate' in a) out.add(a.of);
  else if ('cap' in a) amountFacts(a.cap, out);
  else if ('ceiling' in a) {
    if (typeof a.ceiling !== 'string') amountFacts(a.ceiling, out);
  } else if ('perItem' in a) out.add(a.perItem.count);
  else if ('tiers' in a) out.add(a.tiers.of);
}

function factsRead(item: SupportItem): string[] {
  const out = new Set<string>();
  conditionFacts(item.eligibility, out);
  amountFacts(item.amount, out);
  return [...out].sort();
}

// ---------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------

const files = readdirSync(CASES_DIR)
  .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
  .sort();
const loaded = files.map((f) => loadCaseFile(f, readFileSync(path.join(CASES_DIR, f), 'utf8')));

describe('policy cases: the files', () => {
  it('every item in ITEMS has a case file src/policy/cases/<item id>.yaml', () => {
    const withFile = new Set(files.map((f) => f.replace(/\.ya?ml$/, '')));
    const without = ITEM_IDS.filter((id) => !withFile.has(id));
    expect(without, `这些事项还没有用例文件：${without.join('、')}`).toEqual([]);
  });

  it.each(loaded.map((l) => [l.file, l] as const))('%s：格式正确', (_file, l) => {
    expect(l.errors, `用例文件有误：\n${l.errors.join('\n')}`).toEqual([]);
  });

  for (const l of loaded) {
    if (!l.doc) continue;
    const doc = l.doc;
    const item = ITEMS.find((i) => i.id === doc.item)!;
    it(`${l.file}：至少各有一个 eligible、not_eligible、needs_input 用例，且每个读取的事实都有“缺失”用例`, () => {
      const active = doc.cases.filter((c) => !c.skip);
      const problems: string[] = [];
      const statuses = new Set(active.map((c) => c.expect.status));
      if (!statuses.has('eligible')) problems.push('缺少 eligible 用例');
      if (!statuses.has('needs_input')) problems.push('缺少 needs_input 用例');
      if (!statuses.has('not_eligible') && !doc.cannotFail) problems.push('缺少 not_eligible 用例（如该事项除缺少事实外不可能不符合，请用 cannotFail 说明原因）');
      for (const fact of factsRead(item)) {
        if (!active.some((c) => c.expect.status === 'needs_input' && c.expect.missing?.includes(fact))) problems.push(`事项读取事实 ${fact}，但没有它缺失时的用例`);
      }
      expect(problems, `${l.file}：\n${problems.join('\n')}`).toEqual([]);
    });
  }
});

for (const l of loaded) {
  if (!l.doc) continue;
  const doc = l.doc;
  describe(l.file, () => {
    for (const c of doc.cases) {
      const title = `${doc.item} — ${c.name}`;
      if (c.skip && !RUN_SKIPPED) {
        it.skip(`${title}（跳过：${c.skip}）`, () => {});
        continue;
      }
      it(title, () => {
        const { result, mismatches } = checkCase(doc.item, c);
        if (mismatches.length) assert.fail(failureMessage(doc, c, result, mismatches));
      });
    }
  });
}

describe('policy cases: the checker itself', () => {
  const good = `
item: m8.equipment
clause: 对制造业企业设备投入5000万元以上的增资扩产或技术改造项目，按照设备投资额5%给予奖励。
cases:
  - name: 恰好 5000 万元
    facts: { isManufacturing: true, equipmentInvestment: 5000万 }
    expect: { status: eligible, amount: 250万 }
`;
  const errorsOf = (text: string, file = 'm8.equipment.yaml') => loadCaseFile(file, text).errors.join('\n');

  it('accepts a well-formed file', () => {
    expect(loadCaseFile('m8.equipment.yaml', good).errors).toEqual([]);
  });
  it('refuses an unknown fact, naming the file and the case', () => {
    const e = errorsOf(good.replace('equipmentInvestment:', 'equipmentInvestmnet:'));
    expect(e).toContain('m8.equipment.yaml：第 1 个用例“恰好 5000 万元”，facts：未知的事实 equipmentInvestmnet');
  });
  it('refuses an unknown key in a case and in expect', () => {
    expect(errorsOf(good.replace('    expect:', '    expected: 1\n    expect:'))).toContain('第 1 个用例“恰好 5000 万元”：未知的字段 expected');
    expect(errorsOf(good.replace('amount: 250万', 'amount: 250万, kind: ceiling'))).toContain('expect：未知的字段 kind');
  });
  it('refuses an unknown item id, in the file and in history', () => {
    expect(errorsOf(good.replace('item: m8.equipment', 'item: m8.equipmnt'))).toContain('未知的事项编号“m8.equipmnt”');
    const h = good.replace('    expect:', '    history: [{ item: m99.nothing, year: 2025, amount: 1万 }]\n    expect:');
    expect(errorsOf(h)).toContain('第 1 个用例“恰好 5000 万元”，history.0.item：未知的事项编号“m99.nothing”');
  });
  it('refuses money without a unit or finer than 1 分, and facts of the wrong type', () => {
    expect(errorsOf(good.replace('equipmentInvestment: 5000万', 'equipmentInvestment: 50000000'))).toContain('金额应写成带单位的文字');
    expect(errorsOf(good.replace('equipmentInvestment: 5000万', 'equipmentInvestment: 1.234元'))).toContain('精度超过 1 分');
    expect(errorsOf(good.replace('isManufacturing: true', 'isManufacturing: yes'))).toContain('应为 true 或 false');
  });
  it('requires an amount or range for eligible and missing for needs_input', () => {
    expect(errorsOf(good.replace(', amount: 250万', ''))).toContain('须写 amount');
    expect(errorsOf(good.replace('status: eligible, amount: 250万', 'status: needs_input'))).toContain('须用 missing');
  });
  it('requires the file name to match the item and the clause to quote it', () => {
    expect(errorsOf(good, 'm8.other.yaml')).toContain('文件名应为 m8.equipment.yaml');
    expect(errorsOf(good.replace('按照设备投资额5%给予奖励', '按照5%奖励'))).toContain('clause 应包含事项条文原文');
  });
  it('reports a mismatch with expected vs actual and the explanation', () => {
    const doc = loadCaseFile('m8.equipment.yaml', good.replace('amount: 250万', 'amount: 251万')).doc!;
    const { result, mismatches } = checkCase(doc.item, doc.cases[0]!);
    const msg = failureMessage(doc, doc.cases[0]!, result, mismatches);
    expect(msg).toContain('金额：期望 应得 251万，实际 应得 250万');
    expect(msg).toContain('引擎说明：制造业企业：是（企业申报）✓');
  });
  it('writes amounts back in analysts’ notation', () => {
    expect([0, 1, 100, 12345, 250_000_001, 2_500_000_00, 20_000_000_000, 15_000_000_000].map(moneyText)).toEqual(['0元', '0.01元', '1元', '123.45元', '2500000.01元', '250万', '2亿', '15000万']);
  });
});
